package io.github.can4000.io.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves host names with the system resolver and, when told to, refuses addresses that are not
 * public: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
 * fe80::/10), any-local, multicast, and IPv4-mapped or IPv4-compatible forms of those. It is used for
 * every connection, redirects included, so a public name that resolves to a private address is
 * refused too.
 */
final class GuardedDnsResolver implements DnsResolver {
  private final boolean blockPrivate;

  GuardedDnsResolver(boolean blockPrivate) {
    this.blockPrivate = blockPrivate;
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
    InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(h);
    if (blockPrivate) {
      for (InetAddress a : addresses) {
        if (isBlocked(a)) {
          throw new BlockedAddressException(host + " resolves to the non-public address " + a.getHostAddress());
        }
      }
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  /** Returns whether {@code a} is not a public unicast address. */
  static boolean isBlocked(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
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
      if (firstTenZero && (((b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) || (b[10] == 0 && b[11] == 0))) {
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
