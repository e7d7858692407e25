package io.github.can4000.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.can4000.io.http.HttpFetchers;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The io jar is a declared module: every feature package is exported, its internal packages are not
 * (the image one only to the OpenCV module).
 */
class ModuleBoundaryTest {
  @Test
  void exportsFeaturePackages_notInternal() {
    ModuleDescriptor d = HttpFetchers.class.getModule().getDescriptor();
    assertThat(d).as("tests run on the module path").isNotNull();
    assertThat(d.name()).isEqualTo("io.github.can4000.io");
    assertThat(d.isAutomatic()).isFalse();
    // the only qualified export: the header parser and reader plug-in, to the OpenCV module
    assertThat(d.exports())
        .filteredOn(Exports::isQualified)
        .extracting(Exports::source, Exports::targets)
        .containsExactly(
            tuple("io.github.can4000.io.image.internal", Set.of("io.github.can4000.opencv")));
    assertThat(d.exports())
        .filteredOn(e -> !e.isQualified())
        .extracting(Exports::source)
        .doesNotContain("io.github.can4000.io.internal", "io.github.can4000.io.image.internal")
        .contains(
            "io.github.can4000.io.http", "io.github.can4000.io.image", "io.github.can4000.io.sink");
    assertThat(d.packages()).contains("io.github.can4000.io.internal");
  }
}
