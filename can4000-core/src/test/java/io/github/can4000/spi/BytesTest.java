package io.github.can4000.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void sha256_isTheStandardDigest_andStableAcrossCalls() {
    Bytes b = Bytes.copyOf("abc".getBytes(StandardCharsets.US_ASCII));
    String expected =
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 "abc"
    assertThat(b.sha256()).isEqualTo(expected);
    assertThat(b.sha256()).isSameAs(b.sha256());
    assertThat(Bytes.empty().sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void copyOf_isolatesFromTheCallersArray() {
    byte[] src = {1, 2, 3};
    Bytes b = Bytes.copyOf(src);
    String before = b.sha256();
    src[0] = 9;
    assertThat(b.get(0)).isEqualTo(1);
    assertThat(b.sha256()).isEqualTo(before);
    b.toByteArray()[1] = 9;
    assertThat(b.get(1)).isEqualTo(2);
  }
}
