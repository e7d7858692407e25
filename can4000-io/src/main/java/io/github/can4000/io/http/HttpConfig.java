package io.github.can4000.io.http;

import java.time.Duration;

/** The immutable settings of an {@link HttpFetcher}, checked by {@link HttpFetchers.Builder}. */
record HttpConfig(
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    Duration attemptTimeout,
    int maxRedirects,
    long maxBodyBytes,
    RetryPolicy retryPolicy,
    int maxConnections,
    int maxConnectionsPerHost,
    boolean blockPrivateAddresses,
    long bodyBufferBudget,
    Proxies proxies,
    HostResolver hostResolver,
    boolean honourRobotsTag,
    int offlineAfterHosts,
    Duration hostMemory) {}
