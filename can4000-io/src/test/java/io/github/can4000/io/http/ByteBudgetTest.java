package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {
  private static final Duration BOUND = Duration.ofSeconds(5);

  private static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static CompletableFuture<Boolean> reserveAsync(
      ByteBudget.Lease lease, long n, long millis, AtomicBoolean closed) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return lease.reserve(n, in(millis), closed::get);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void loneHolderMayExceedTheCapacity() throws Exception {
    ByteBudget b = new ByteBudget(100);
    ByteBudget.Lease lease = b.lease();
    assertThat(lease.reserve(60, in(0), () -> false)).isTrue();
    assertThat(lease.reserve(500, in(0), () -> false)).isTrue();
    assertThat(b.used()).isEqualTo(560);
    lease.close();
    assertThat(b.used()).isZero();
    assertThat(b.peak()).isEqualTo(560);
  }

  @Test
  void newcomerWaitsUntilBytesAreReleased() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          ByteBudget b = new ByteBudget(100);
          ByteBudget.Lease first = b.lease();
          assertThat(first.reserve(80, in(0), () -> false)).isTrue();
          ByteBudget.Lease second = b.lease();
          CompletableFuture<Boolean> waiting = reserveAsync(second, 50, 4000, new AtomicBoolean());
          Thread.sleep(200);
          assertThat(waiting).isNotDone();
          first.close();
          assertThat(waiting.get(2, TimeUnit.SECONDS)).isTrue();
          assertThat(b.used()).isEqualTo(50);
          assertThat(b.peak()).isEqualTo(80);
        });
  }

  @Test
  void twoGrowingHoldersNeverWaitForEachOther() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          ByteBudget b = new ByteBudget(100);
          ByteBudget.Lease older = b.lease();
          ByteBudget.Lease younger = b.lease();
          assertThat(older.reserve(50, in(0), () -> false)).isTrue();
          assertThat(younger.reserve(50, in(0), () -> false)).isTrue();
          // both want more: the younger waits, the older goes on past the capacity
          CompletableFuture<Boolean> youngerWaits =
              reserveAsync(younger, 50, 4000, new AtomicBoolean());
          assertThat(older.reserve(50, in(0), () -> false)).isTrue();
          assertThat(b.used()).isEqualTo(150);
          Thread.sleep(100);
          assertThat(youngerWaits).isNotDone();
          older.close();
          // now the younger is the oldest holder
          assertThat(youngerWaits.get(2, TimeUnit.SECONDS)).isTrue();
          assertThat(b.used()).isEqualTo(100);
        });
  }

  @Test
  void waitEndsAtTheDeadlineOrOnClose() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          ByteBudget b = new ByteBudget(100);
          b.lease().reserve(100, in(0), () -> false);
          long start = System.nanoTime();
          assertThat(b.lease().reserve(1, in(200), () -> false)).isFalse();
          assertThat(System.nanoTime() - start)
              .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
          AtomicBoolean closed = new AtomicBoolean();
          CompletableFuture<Boolean> waiting = reserveAsync(b.lease(), 1, 60_000, closed);
          Thread.sleep(100);
          closed.set(true);
          assertThat(waiting.get(2, TimeUnit.SECONDS)).isFalse();
          assertThat(b.used()).isEqualTo(100);
        });
  }

  @Test
  void waitIsInterruptible() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          ByteBudget b = new ByteBudget(10);
          b.lease().reserve(10, in(0), () -> false);
          Thread.currentThread().interrupt();
          assertThatThrownBy(() -> b.lease().reserve(5, in(60_000), () -> false))
              .isInstanceOf(InterruptedException.class);
        });
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> new ByteBudget(0)).hasMessageContaining("capacity");
    ByteBudget b = new ByteBudget(10);
    assertThatThrownBy(() -> b.lease().release(1)).hasMessageContaining("release 1");
    assertThatThrownBy(() -> b.lease().reserve(-1, in(0), () -> false)).hasMessageContaining("-1");
  }
}
