/**
 * Plug-in contracts: {@link io.github.can4000.spi.Detector}s that propose boxes for a reviewer, and
 * the {@link io.github.can4000.spi.DetectorProvider}s that open them from model files.
 */
package io.github.can4000.spi;
