package io.github.can4000.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.can4000.io.http.HttpFetchers;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import org.junit.jupiter.api.Test;

/** The io jar is a declared module: every feature package is exported, its internal package is not. */
class ModuleBoundaryTest {
  @Test
  void exportsFeaturePackages_notInternal() {
    ModuleDescriptor d = HttpFetchers.class.getModule().getDescriptor();
    assertThat(d).as("tests run on the module path").isNotNull();
    assertThat(d.name()).isEqualTo("io.github.can4000.io");
    assertThat(d.isAutomatic()).isFalse();
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).as(e.source()).isFalse());
    assertThat(d.exports()).extracting(Exports::source)
        .doesNotContain("io.github.can4000.io.internal")
        .contains("io.github.can4000.io.http", "io.github.can4000.io.image", "io.github.can4000.io.sink");
    assertThat(d.packages()).contains("io.github.can4000.io.internal");
  }
}
