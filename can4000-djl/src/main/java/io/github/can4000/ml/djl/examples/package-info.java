/**
 * Example programs: {@link io.github.can4000.ml.djl.examples.TrainDjl} trains a small CNN with DJL.
 */
package io.github.can4000.ml.djl.examples;
