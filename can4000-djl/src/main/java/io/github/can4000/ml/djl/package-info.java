/**
 * CAN4000 crops for the Deep Java Library: {@link io.github.can4000.ml.djl.CropDataset}, a DJL
 * {@code RandomAccessDataset}.
 */
package io.github.can4000.ml.djl;
