package io.github.can4000.io.http;

import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves host names with the system resolver, within a time limit, and, when told to, refuses
 * addresses that are not public.
 *
 * <p>The system resolver ({@code getaddrinfo}) cannot be interrupted and follows its own time-outs
 * (5 s per server and attempt by default, so tens of seconds for an unresponsive server). Lookups
 * therefore run on a few shared daemon threads, and the caller waits at most the time limit (the
 * connect time-out), then fails with an {@link UnknownHostException} that says so; a lookup still
 * running finishes in the background and is dropped.
 *
 * <p>Refused addresses: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16, fe80::/10), any-local, multicast, and IPv4-mapped or IPv4-compatible forms of those.
 * It is used for every connection, redirects included, so a public name that resolves to a private
 * address is refused too.
 */
final class GuardedDnsResolver implements DnsResolver {
  /** Threads shared by all fetchers; idle ones end after a minute. */
  private static final ExecutorService LOOKUPS = lookupPool();

  /** A blocking host lookup, the system resolver's by default. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean blockPrivate;
  private final long timeoutNanos;
  private final Lookup lookup;

  /** Answers and failures of this resolver's life (one fetcher, one run), by host name. */
  private final Map<String, CompletableFuture<InetAddress[]>> answers = new ConcurrentHashMap<>();

  /** Hosts exempt from the address check (the configured proxies). */
  private final Predicate<String> exempt;

  GuardedDnsResolver(boolean blockPrivate, Duration timeout) {
    this(blockPrivate, timeout, SystemDefaultDnsResolver.INSTANCE::resolve);
  }

  GuardedDnsResolver(boolean blockPrivate, Duration timeout, Lookup lookup) {
    this(blockPrivate, timeout, lookup, h -> false);
  }

  GuardedDnsResolver(
      boolean blockPrivate, Duration timeout, Lookup lookup, Predicate<String> exempt) {
    this.blockPrivate = blockPrivate;
    this.timeoutNanos = timeout.toNanos();
    this.lookup = lookup;
    this.exempt = exempt;
  }

  private static ExecutorService lookupPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            16,
            16,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "can4000-dns-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Thrown when a host resolves to a refused address. */
  static final class BlockedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    BlockedAddressException(String message) {
      super(message);
    }
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    InetAddress[] addresses = lookUp(h);
    if (blockPrivate && !exempt.test(h)) {
      for (InetAddress a : addresses) {
        if (isBlocked(a)) {
          throw new BlockedAddressException(
              host + " resolves to the non-public address " + a.getHostAddress());
        }
      }
    }
    return addresses;
  }

  /**
   * Runs the lookup on a lookup thread and waits for it at most the time limit. The answer, or the
   * failure, is kept: later lookups of the host get it at once, and concurrent ones share one
   * lookup.
   */
  private InetAddress[] lookUp(String host) throws UnknownHostException {
    String literal =
        host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))
            ? host
            : null;
    if (literal != null) {
      // an address literal needs no lookup
      return lookup.resolve(literal);
    }
    String key = host.toLowerCase(Locale.ROOT);
    CompletableFuture<InetAddress[]> f = answers.get(key);
    if (f == null) {
      CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
      f = answers.putIfAbsent(key, mine);
      if (f == null) {
        f = mine;
        LOOKUPS.execute(
            () -> {
              try {
                mine.complete(lookup.resolve(host).clone());
              } catch (Throwable t) {
                mine.completeExceptionally(t);
              }
            });
      }
    }
    try {
      return f.get(timeoutNanos, TimeUnit.NANOSECONDS).clone();
    } catch (TimeoutException e) {
      // a name that does not answer within the limit counts as not resolving for the whole run
      UnknownHostException u =
          new UnknownHostException(
              host
                  + ": lookup timed out after "
                  + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                  + " ms");
      f.completeExceptionally(u);
      if (f.isCompletedExceptionally()) {
        throw u;
      }
      return f.getNow(null).clone();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io =
          new InterruptedIOException("interrupted while looking up " + host);
      io.initCause(e);
      throw asUnknownHost(io, host);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UnknownHostException u) {
        UnknownHostException copy =
            u instanceof BlockedAddressException
                ? new BlockedAddressException(u.getMessage())
                : new UnknownHostException(u.getMessage());
        copy.initCause(u);
        throw copy;
      }
      throw asUnknownHost(c, host);
    }
  }

  private static UnknownHostException asUnknownHost(Throwable cause, String host) {
    UnknownHostException u = new UnknownHostException(host + ": " + cause);
    u.initCause(cause);
    return u;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  /** Returns whether {@code a} is not a public unicast address. */
  static boolean isBlocked(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xFF;
      int b1 = b[1] & 0xFF;
      return b0 == 0 // "this" network
          || b0 == 10
          || b0 == 127
          || (b0 == 169 && b1 == 254)
          || (b0 == 172 && (b1 & 0xF0) == 16)
          || (b0 == 192 && b1 == 168)
          || (b0 == 100 && (b1 & 0xC0) == 64) // carrier-grade NAT 100.64/10
          || b0 >= 224; // multicast and reserved
    }
    if (a instanceof Inet6Address) {
      int b0 = b[0] & 0xFF;
      int b1 = b[1] & 0xFF;
      if ((b0 & 0xFE) == 0xFC) { // fc00::/7 unique local
        return true;
      }
      if (b0 == 0xFE && (b1 & 0xC0) == 0x80) { // fe80::/10 link-local
        return true;
      }
      if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) { // fec0::/10 deprecated site-local
        return true;
      }
      boolean firstTenZero = true;
      for (int i = 0; i < 10; i++) {
        firstTenZero &= b[i] == 0;
      }
      if (firstTenZero
          && (((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) || (b[10] == 0 && b[11] == 0))) {
        // IPv4-mapped ::ffff:a.b.c.d or IPv4-compatible ::a.b.c.d (includes :: and ::1)
        try {
          return isBlocked(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
