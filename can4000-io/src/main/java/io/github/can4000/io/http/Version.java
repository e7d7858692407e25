package io.github.can4000.io.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The can4000 version, from a resource Maven fills in; "dev" when it is missing. */
final class Version {
  static final String VALUE = read();

  private Version() {}

  private static String read() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("can4000-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "dev";
    }
    String v = p.getProperty("version", "dev");
    return v.isBlank() || v.startsWith("${") ? "dev" : v;
  }
}
