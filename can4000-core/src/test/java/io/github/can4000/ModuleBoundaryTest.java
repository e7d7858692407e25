package io.github.can4000;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The core jar is a declared module whose unqualified exports are the API and the SPI only. */
class ModuleBoundaryTest {
  @Test
  void exportsApiAndSpi_internalOnlyToSiblings() {
    ModuleDescriptor d = Dataset.class.getModule().getDescriptor();
    assertThat(d).as("tests run on the module path").isNotNull();
    assertThat(d.name()).isEqualTo("io.github.can4000.core");
    assertThat(d.isAutomatic()).isFalse();
    Map<String, Set<String>> exports =
        d.exports().stream().collect(Collectors.toMap(Exports::source, Exports::targets));
    assertThat(exports)
        .containsOnlyKeys(
            "io.github.can4000", "io.github.can4000.spi", "io.github.can4000.internal");
    assertThat(exports.get("io.github.can4000")).isEmpty();
    assertThat(exports.get("io.github.can4000.spi")).isEmpty();
    assertThat(exports.get("io.github.can4000.internal"))
        .containsExactlyInAnyOrder(
            "io.github.can4000.io",
            "io.github.can4000.opencv",
            "io.github.can4000.djl",
            "io.github.can4000.cli");
  }
}
