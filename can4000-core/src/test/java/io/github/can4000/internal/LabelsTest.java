package io.github.can4000.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"melanocyticnevus", "malignantmelanoma", "basal-cell_carcinoma", "läsion", "a.b"})
  void safeLabels(String label) {
    assertThat(Labels.problem(label)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "..",
        ".",
        "../../x",
        "a/b",
        "a\\b",
        "C:",
        "con",
        "NUL.txt",
        "com1",
        "a\u0000b",
        "tab\there",
        "trailing.",
        "trailing ",
        "x..y",
        "a*b",
        "q?"
      })
  void unsafeLabels(String label) {
    assertThat(Labels.problem(label)).isNotNull();
    assertThat(Labels.isSafe(label)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 101})
  void lengthLimit(int n) {
    assertThat(Labels.isSafe("a".repeat(n))).isEqualTo(n <= 100);
  }
}
