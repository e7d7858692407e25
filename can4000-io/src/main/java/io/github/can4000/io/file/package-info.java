/** The local-file fetcher: {@link io.github.can4000.io.file.FileFetchers}. */
package io.github.can4000.io.file;
