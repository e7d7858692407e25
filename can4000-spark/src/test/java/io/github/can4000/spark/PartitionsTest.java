package io.github.can4000.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionsTest {
  @ParameterizedTest
  @CsvSource({"0,1", "1,1", "5,1", "5,5", "7,3", "4305,64", "10,4"})
  void slice_coversEveryElementOnceInOrder_sizesDifferByAtMostOne(int n, int count) {
    List<Integer> list = IntStream.range(0, n).boxed().toList();
    List<Integer> joined = new ArrayList<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int p = 0; p < count; p++) {
      List<Integer> part = Partitions.slice(list, p, count);
      joined.addAll(part);
      min = Math.min(min, part.size());
      max = Math.max(max, part.size());
    }
    assertThat(joined).isEqualTo(list);
    assertThat(max - min).isLessThanOrEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"-1,3", "3,3", "0,0"})
  void slice_badIndex_isRefused(int index, int count) {
    assertThatThrownBy(() -> Partitions.slice(List.of(1, 2, 3), index, count))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
