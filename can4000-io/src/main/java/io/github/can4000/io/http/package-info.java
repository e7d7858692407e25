/**
 * The HTTP fetcher: {@link io.github.can4000.io.http.HttpFetchers} builds it, and {@link
 * io.github.can4000.io.http.RetryPolicy} decides its retries.
 */
package io.github.can4000.io.http;
