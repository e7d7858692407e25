/**
 * The {@code train} and {@code evaluate} commands of {@code bin/can4000}, which need DJL: picocli
 * commands that the CLI finds through the class-path resource {@code META-INF/can4000/commands}.
 */
package io.github.can4000.ml.djl.cli;
