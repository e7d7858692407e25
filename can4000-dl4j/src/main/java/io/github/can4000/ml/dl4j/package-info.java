/**
 * CAN4000 crops for Deeplearning4j: {@link io.github.can4000.ml.dl4j.CropDataSetIterator}, a {@code
 * DataSetIterator}.
 */
package io.github.can4000.ml.dl4j;
