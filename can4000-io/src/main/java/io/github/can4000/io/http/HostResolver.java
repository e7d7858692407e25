package io.github.can4000.io.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses for direct connections; set with {@link
 * HttpFetchers.Builder#hostResolver}. The default is the system resolver ({@link #system()}).
 * Another resolver serves tests and benchmarks that map a manifest's host names to loopback, or a
 * service with its own DNS:
 *
 * <pre>{@code
 * HostResolver loopback = host -> host.endsWith(".example.org")
 *     ? new InetAddress[] {InetAddress.getLoopbackAddress()}
 *     : HostResolver.system().resolve(host);
 * }</pre>
 *
 * <p>The fetcher calls it on its own lookup threads, bounds each call by the connect timeout,
 * caches answers and failures for its lifetime and applies {@link
 * HttpFetchers.Builder#blockPrivateAddresses} to what it returns. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface HostResolver {
  /**
   * Returns the addresses of {@code host}, at least one.
   *
   * @throws UnknownHostException if the name does not resolve
   */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** Returns the system resolver ({@code getaddrinfo}, with the JVM's own cache). */
  static HostResolver system() {
    return SystemHostResolver.INSTANCE;
  }
}
