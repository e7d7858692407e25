package io.github.can4000.examples.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, turns JVM shutdown (Ctrl-C, SIGTERM) into an interrupt of the thread that opened it,
 * and delays the shutdown until that thread closes this, at most {@value #GRACE_SECONDS} seconds,
 * so it can cancel its work and write what it has.
 */
final class CtrlC implements AutoCloseable {
  private static final long GRACE_SECONDS = 15;

  private final Thread hook;
  private final CountDownLatch closed = new CountDownLatch(1);

  private CtrlC(Thread worker) {
    this.hook =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "can4000-shutdown");
  }

  /** Installs the hook for the calling thread. */
  static CtrlC interruptThisThread() {
    CtrlC c = new CtrlC(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(c.hook);
    return c;
  }

  /** Removes the hook, or, if the JVM is already shutting down, lets the shutdown go on. */
  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: counting down above released it
    }
  }
}
