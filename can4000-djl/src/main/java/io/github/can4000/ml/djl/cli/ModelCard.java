package io.github.can4000.ml.djl.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.can4000.Normalization;
import io.github.can4000.internal.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sidecar {@code model.json} of a model trained by {@code can4000 train}: what {@code evaluate}
 * needs to score images the way the model was trained, and the perceptual hashes of the training
 * images for the contamination check.
 *
 * @param format the sidecar format, {@value #FORMAT}
 * @param architecture the network, {@link Networks#NAME}
 * @param parameters the DJL model name of the parameter file in the folder
 * @param labels the class labels, class {@code i} is {@code labels[i]}
 * @param width input width in pixels
 * @param height input height in pixels
 * @param mean per-channel mean subtracted from RGB values in [0, 1]
 * @param std per-channel standard deviation they are divided by
 * @param preprocessing how an image becomes the input, in words
 * @param epochs epochs trained
 * @param seed random seed
 * @param source what it was trained on (folder or manifest)
 * @param trainingImages number of training images
 * @param trainingHashes DCT perceptual hash (16 hex digits) of each training image after
 *     preprocessing, keyed by the image's URL or path
 */
record ModelCard(
    String format,
    String architecture,
    String parameters,
    List<String> labels,
    int width,
    int height,
    float[] mean,
    float[] std,
    String preprocessing,
    int epochs,
    long seed,
    String source,
    @JsonProperty("training_images") int trainingImages,
    @JsonProperty("training_hashes") Map<String, String> trainingHashes) {
  static final String FORMAT = "can4000-model/1";
  static final String FILE_NAME = "model.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ModelCard {
    labels = List.copyOf(labels);
    trainingHashes = new TreeMap<>(trainingHashes);
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
  }

  Normalization normalization() {
    return Normalization.of(mean, std);
  }

  void write(Path dir) throws IOException {
    AtomicFile.write(
        dir.resolve(FILE_NAME), out -> JSON.writeValue(out, this), AtomicFile.Sync.FORCE);
  }

  /**
   * Reads the sidecar of a model folder.
   *
   * @throws IOException if it is missing, malformed or of another format
   */
  static ModelCard read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException("not a model folder written by can4000 train: " + file + " is missing");
    }
    ModelCard c;
    try {
      c = JSON.readValue(file.toFile(), ModelCard.class);
    } catch (IOException e) {
      throw new IOException(file + ": malformed: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(c.format())) {
      throw new IOException(file + ": format is " + c.format() + ", expected " + FORMAT);
    }
    if (c.labels().size() < 2 || c.width() < 1 || c.height() < 1) {
      throw new IOException(
          file
              + ": needs two or more labels and a positive size: "
              + c.labels()
              + ", "
              + c.width()
              + "x"
              + c.height());
    }
    return c;
  }
}
