package io.github.can4000.examples.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries: core depends on no HTTP client, image plug-in or ML framework and on neither
 * io nor examples; io does not depend on examples.
 */
class ArchitectureTest {
  private static final String CORE = "io.github.can4000";
  private static final String IO = "io.github.can4000.io..";
  private static final String EXAMPLES = "io.github.can4000.examples..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);
  }

  @Test
  void importedEveryModule() {
    // "..io.." would match "io.github..." itself: name the packages in full
    assertThat(
            classes.that(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "core", c -> c.getPackageName().equals(CORE))))
        .isNotEmpty();
    assertThat(classes.contain("io.github.can4000.Dataset")).isTrue();
    assertThat(classes.contain("io.github.can4000.io.sink.Sinks")).isTrue();
    assertThat(classes.contain("io.github.can4000.examples.cli.Main")).isTrue();
  }

  @Test
  void coreDependsOnNoPlugInAndNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage(CORE + "..")
        .and()
        .resideOutsideOfPackages(IO, EXAMPLES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.hc..",
            "com.twelvemonkeys..",
            "org.apache.commons.imaging..",
            "ai.djl..",
            "org.deeplearning4j..",
            "org.nd4j..",
            IO,
            EXAMPLES)
        .check(classes);
  }

  @Test
  void ioDoesNotDependOnExamples() {
    noClasses()
        .that()
        .resideInAPackage(IO)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(EXAMPLES)
        .check(classes);
  }

  @Test
  void theCommandLineJarHoldsNoBenchmark() {
    // the bench command and its decorators live in can4000-bench, which the shaded jar does not
    // include
    assertThat(
            classes.that(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "bench", c -> c.getPackageName().contains(".bench"))))
        .isEmpty();
  }
}
