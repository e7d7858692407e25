package io.github.can4000.io.http;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a manifest URL, given verbatim (spaces, non-ASCII characters, backslashes, existing {@code
 * %XX} escapes), into a correctly percent-encoded {@link URI}, the way python-requests' {@code
 * requote_uri} does:
 *
 * <ul>
 *   <li>characters outside the allowed set are UTF-8 percent-encoded (space becomes {@code %20},
 *       {@code \} becomes {@code %5C}, non-ASCII characters become their UTF-8 bytes);
 *   <li>valid {@code %XX} escapes are kept (no double encoding); escapes of unreserved characters
 *       are decoded ({@code %41} becomes {@code A}), as requests does;
 *   <li>a {@code %} not followed by two hexadecimal digits becomes {@code %25};
 *   <li>an internationalised host name is converted to punycode and lower-cased.
 * </ul>
 *
 * <p>Unlike requests, {@code [} and {@code ]} in the path and query are encoded too, since {@link
 * URI} refuses them there; servers treat both forms alike. The fragment is dropped: it is never
 * sent.
 */
final class UrlEncoder {
  private static final String HEX = "0123456789ABCDEF";

  /** Characters other than unreserved ones that stay as they are in a path or query. */
  private static final String SUB_DELIMS_AND_MORE = "!$&'()*+,;=:@/?~";

  private UrlEncoder() {}

  /** Thrown when a URL cannot be parsed or encoded. */
  static final class BadUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    BadUrlException(String message) {
      super(message);
    }
  }

  /**
   * Returns the scheme of {@code url} in lower case, or {@code null} if it has none.
   *
   * @param url the URL as given
   */
  static String scheme(String url) {
    String s = url.strip();
    int colon = s.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    if (!isAlpha(s.charAt(0))) {
      return null;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
        return null;
      }
    }
    return s.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /**
   * Encodes an absolute hierarchical URL ({@code scheme://authority/path?query}).
   *
   * @param url the URL as given
   * @return the encoded URI
   * @throws BadUrlException if it has no scheme or authority, an invalid host or port
   */
  static URI encode(String url) throws BadUrlException {
    String s = url.strip();
    String scheme = scheme(s);
    if (scheme == null) {
      throw new BadUrlException("no scheme in " + quote(url));
    }
    String rest = s.substring(scheme.length() + 1);
    if (!rest.startsWith("//")) {
      throw new BadUrlException("no //authority in " + quote(url));
    }
    rest = rest.substring(2);
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String pathAndQuery = end < 0 ? "" : rest.substring(end);
    String encodedAuthority = encodeAuthority(authority, url);
    String encodedRest = encodePathAndQuery(stripFragment(pathAndQuery));
    if (encodedRest.isEmpty() || encodedRest.charAt(0) == '?') {
      encodedRest = "/" + encodedRest;
    }
    return parse(scheme + "://" + encodedAuthority + encodedRest, url);
  }

  /**
   * Resolves a redirect's {@code Location} value, given verbatim, against the URI it came from.
   *
   * @param base the URI that answered with the redirect
   * @param location the Location header's value
   * @return the absolute, encoded target
   * @throws BadUrlException if the location cannot be parsed
   */
  static URI resolve(URI base, String location) throws BadUrlException {
    String loc = location.strip();
    if (loc.isEmpty()) {
      throw new BadUrlException("empty Location");
    }
    String scheme = scheme(loc);
    if (scheme != null) {
      if ((scheme.equals("http") || scheme.equals("https"))
          && loc.startsWith("//", scheme.length() + 1)) {
        return encode(loc);
      }
      // another scheme (ftp:, file:, data:...): encode it only enough to parse, so the caller can
      // refuse its scheme
      return parse(
          scheme + ":" + encodePathAndQuery(stripFragment(loc.substring(scheme.length() + 1))),
          loc);
    }
    if (loc.startsWith("//")) {
      return encode(base.getScheme() + ":" + loc);
    }
    String ref = encodePathAndQuery(stripFragment(loc));
    if (ref.isEmpty()) {
      return base;
    }
    if (ref.startsWith("?")) {
      // java.net.URI follows RFC 2396 here and would drop the last path segment
      return parse(
          base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath() + ref, loc);
    }
    return base.resolve(parse(ref, loc)).normalize();
  }

  /**
   * Returns the host of {@code uri}, also when {@link URI#getHost()} gives none because the name
   * has characters RFC 2396 does not allow (an underscore, as in {@code my_site.example.com}); null
   * if it has no authority.
   */
  static String host(URI uri) {
    if (uri.getHost() != null) {
      return uri.getHost();
    }
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return null;
    }
    String h = authority.substring(authority.lastIndexOf('@') + 1);
    if (!h.startsWith("[")) {
      int colon = h.lastIndexOf(':');
      if (colon >= 0) {
        h = h.substring(0, colon);
      }
    }
    return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
  }

  private static String encodeAuthority(String authority, String url) throws BadUrlException {
    String userInfo = null;
    String hostPort = authority;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at);
      hostPort = authority.substring(at + 1);
    }
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new BadUrlException("unterminated IPv6 address in " + quote(url));
      }
      host = hostPort.substring(0, close + 1).toLowerCase(Locale.ROOT);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw new BadUrlException("bad text after IPv6 address in " + quote(url));
        }
        port = after.substring(1);
      }
      for (int i = 1; i < host.length() - 1; i++) {
        char c = host.charAt(i);
        if (!(isHex(c) || c == ':' || c == '.')) {
          throw new BadUrlException("bad IPv6 address in " + quote(url));
        }
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        port = hostPort.substring(colon + 1);
        hostPort = hostPort.substring(0, colon);
      }
      host = encodeHost(hostPort, url);
    }
    if (host.isEmpty() || host.equals("[]")) {
      throw new BadUrlException("no host in " + quote(url));
    }
    StringBuilder sb = new StringBuilder();
    if (userInfo != null) {
      sb.append(encode(userInfo, "!$&'()*+,;=:~")).append('@');
    }
    sb.append(host);
    if (port != null && !port.isEmpty()) {
      if (port.length() > 5
          || !port.chars().allMatch(UrlEncoder::isDigit)
          || Integer.parseInt(port) > 65535
          || Integer.parseInt(port) == 0) {
        throw new BadUrlException("bad port " + quote(port) + " in " + quote(url));
      }
      sb.append(':').append(Integer.parseInt(port));
    }
    return sb.toString();
  }

  private static String encodeHost(String host, String url) throws BadUrlException {
    if (host.isEmpty()) {
      throw new BadUrlException("no host in " + quote(url));
    }
    boolean ascii = host.chars().allMatch(c -> c < 0x80);
    String h = host;
    if (!ascii) {
      try {
        h = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        throw new BadUrlException(
            "bad international host name " + quote(host) + ": " + e.getMessage());
      }
    }
    h = h.toLowerCase(Locale.ROOT);
    if (h.isEmpty() || h.startsWith(".")) {
      throw new BadUrlException("bad host " + quote(host) + " in " + quote(url));
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (!(isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_')) {
        throw new BadUrlException(
            "bad character " + quote(String.valueOf(c)) + " in host " + quote(host));
      }
    }
    if (h.contains("..")) {
      throw new BadUrlException("empty label in host " + quote(host));
    }
    return h;
  }

  /** Percent-encodes a path with optional query (no fragment), keeping valid escapes. */
  static String encodePathAndQuery(String s) {
    return encode(s, SUB_DELIMS_AND_MORE);
  }

  private static String encode(String s, String safe) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '%') {
        if (i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
          int v = Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16);
          if (isUnreserved(v)) {
            sb.append((char) v);
          } else {
            sb.append('%').append((char) bytes[i + 1]).append((char) bytes[i + 2]);
          }
          i += 2;
        } else {
          sb.append("%25");
        }
      } else if (b < 0x80 && (isUnreserved(b) || safe.indexOf(b) >= 0)) {
        sb.append((char) b);
      } else {
        sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
      }
    }
    return sb.toString();
  }

  private static URI parse(String s, String original) throws BadUrlException {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new BadUrlException("cannot parse " + quote(original) + ": " + e.getMessage());
    }
  }

  private static String stripFragment(String s) {
    int hash = s.indexOf('#');
    return hash < 0 ? s : s.substring(0, hash);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnreserved(int c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String quote(String s) {
    return "'" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + "'";
  }
}
