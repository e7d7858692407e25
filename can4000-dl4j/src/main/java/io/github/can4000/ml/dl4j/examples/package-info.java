/**
 * Example programs: {@link io.github.can4000.ml.dl4j.examples.TrainDl4j} trains a small CNN with
 * Deeplearning4j.
 */
package io.github.can4000.ml.dl4j.examples;
