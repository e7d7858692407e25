package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The time limit on host lookups, with a lookup that hangs like an unresponsive DNS server. */
class GuardedDnsResolverTest {
  private static final InetAddress PUBLIC = address(93, 184, 216, 34);

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void hangingLookup_failsAfterTheTimeLimit_asUnknownHost() {
    CountDownLatch never = new CountDownLatch(1);
    GuardedDnsResolver r =
        new GuardedDnsResolver(
            false,
            Duration.ofMillis(300),
            host -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new InetAddress[] {PUBLIC};
            });
    long start = System.nanoTime();
    assertThatThrownBy(() -> r.resolve("slow.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("slow.example: lookup timed out after 300 ms");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(ms).isBetween(250L, 5_000L);
  }

  @Test
  void answers_andFailuresOfTheLookup_passThrough() throws Exception {
    GuardedDnsResolver r =
        new GuardedDnsResolver(
            false,
            Duration.ofSeconds(5),
            host -> {
              if (host.equals("gone.example")) {
                throw new UnknownHostException("gone.example: Name or service not known");
              }
              return new InetAddress[] {PUBLIC};
            });
    assertThat(r.resolve("ok.example")).containsExactly(PUBLIC);
    assertThatThrownBy(() -> r.resolve("gone.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessage("gone.example: Name or service not known");
    RuntimeException boom = new IllegalStateException("resolver broke");
    GuardedDnsResolver broken =
        new GuardedDnsResolver(
            false,
            Duration.ofSeconds(5),
            host -> {
              throw boom;
            });
    assertThatThrownBy(() -> broken.resolve("x.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasCause(boom);
  }

  @Test
  void blockedAddresses_stillRefused_afterATimedLookup() {
    GuardedDnsResolver r =
        new GuardedDnsResolver(
            true, Duration.ofSeconds(5), host -> new InetAddress[] {address(10, 1, 2, 3)});
    assertThatThrownBy(() -> r.resolve("intranet.example"))
        .isInstanceOf(GuardedDnsResolver.BlockedAddressException.class)
        .hasMessageContaining("non-public address 10.1.2.3");
  }

  @Test
  void addressLiterals_areNotQueued() throws Exception {
    AtomicReference<Thread> caller = new AtomicReference<>();
    GuardedDnsResolver r =
        new GuardedDnsResolver(
            false,
            Duration.ofSeconds(5),
            host -> {
              caller.set(Thread.currentThread());
              return InetAddress.getAllByName(host);
            });
    assertThat(r.resolve("127.0.0.1"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
    assertThat(caller.get()).isSameAs(Thread.currentThread());
    assertThat(r.resolve("[::1]")).hasSize(1);
    assertThat(caller.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void interruptedCaller_stopsWaiting_andKeepsItsInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    GuardedDnsResolver r =
        new GuardedDnsResolver(
            false,
            Duration.ofSeconds(30),
            host -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new InetAddress[] {PUBLIC};
            });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                r.resolve("slow.example");
              } catch (UnknownHostException e) {
                thrown.set(e);
              }
              interrupted.set(Thread.currentThread().isInterrupted());
            });
    t.start();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    t.interrupt();
    t.join(5_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("interrupted");
    assertThat(interrupted.get()).isTrue();
  }
}
