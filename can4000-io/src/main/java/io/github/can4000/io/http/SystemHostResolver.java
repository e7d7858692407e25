package io.github.can4000.io.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@link HostResolver#system()}: one instance, so that fetcher settings compare and print alike.
 */
enum SystemHostResolver implements HostResolver {
  INSTANCE;

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return InetAddress.getAllByName(host);
  }

  @Override
  public String toString() {
    return "HostResolver.system()";
  }
}
