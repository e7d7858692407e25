package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

class RobotsTagTest {
  private static String optOut(String... values) {
    Header[] h = new Header[values.length];
    for (int i = 0; i < values.length; i++) {
      h[i] = new BasicHeader("X-Robots-Tag", values[i]);
    }
    return RobotsTag.optOut(h);
  }

  @Test
  void noaiAndNoimageai_forAllAgentsOrCan4000_optOut() {
    assertThat(optOut("noai")).isEqualTo("noai");
    assertThat(optOut("noindex, NoImageAI")).isEqualTo("noimageai");
    assertThat(optOut("can4000: noai")).isEqualTo("noai");
    assertThat(optOut("googlebot: noindex", "noimageai")).isEqualTo("noimageai");
  }

  @Test
  void otherAgentsAndOtherDirectives_doNot() {
    assertThat(optOut("googlebot: noai")).isNull();
    assertThat(optOut("noindex, nofollow")).isNull();
    assertThat(optOut("unavailable_after: 25 Jun 2010 15:00:00 PST")).isNull();
    assertThat(optOut()).isNull();
  }
}
