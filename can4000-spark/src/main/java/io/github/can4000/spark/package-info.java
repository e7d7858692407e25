/**
 * Distributed writing with Apache Spark: {@link io.github.can4000.spark.SparkShards} splits a
 * manifest into partitions, each Spark task writes its rows as WebDataset tar shards and returns a
 * partial report, and the driver merges the reports.
 */
package io.github.can4000.spark;
