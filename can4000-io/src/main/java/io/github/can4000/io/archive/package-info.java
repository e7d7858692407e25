/**
 * Tar archives as a source: {@link io.github.can4000.io.archive.TarArchives} streams samples
 * straight out of a {@code .tar} or {@code .tar.gz}, either a labelled image tree ({@code
 * <prefix>/<label>/<file>}) or WebDataset shards as written by {@code Sinks.tarShards}, without
 * extracting anything to disk.
 */
package io.github.can4000.io.archive;
