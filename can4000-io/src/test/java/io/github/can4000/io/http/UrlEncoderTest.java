package io.github.can4000.io.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlEncoderTest {

  private static String enc(String url) throws Exception {
    return UrlEncoder.encode(url).toString();
  }

  @Test
  void encodesSpacesInManifestUrl() throws Exception {
    assertThat(enc("http://www.siue.edu/~sumbaug/Borders Complete/Dysplastic Nevus/Ael453.jpg"))
        .isEqualTo("http://www.siue.edu/~sumbaug/Borders%20Complete/Dysplastic%20Nevus/Ael453.jpg");
  }

  @Test
  void keepsExistingEscapes() throws Exception {
    String url =
        "https://media.springernature.com/lw685/springer-static/image/chp%3A10.1007%2F978-3-030-29447-2_17/"
            + "MediaObjects/481097_1_En_17_Fig1_HTML.png";
    assertThat(enc(url)).isEqualTo(url);
  }

  @Test
  void encodesNonAsciiPathAsUtf8() throws Exception {
    assertThat(enc("http://example.com/bilder/größe ä.jpg"))
        .isEqualTo("http://example.com/bilder/gr%C3%B6%C3%9Fe%20%C3%A4.jpg");
    assertThat(enc("https://example.jp/画像/湿疹.png"))
        .isEqualTo("https://example.jp/%E7%94%BB%E5%83%8F/%E6%B9%BF%E7%96%B9.png");
  }

  @Test
  void convertsIdnHostToPunycode() throws Exception {
    assertThat(enc("http://bücher.de/x.jpg")).isEqualTo("http://xn--bcher-kva.de/x.jpg");
    assertThat(enc("https://ДОМЕН.рф/a b.png")).isEqualTo("https://xn--d1acufc.xn--p1ai/a%20b.png");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://e.com/a\\b.jpg|http://e.com/a%5Cb.jpg",
        "http://e.com/100%.jpg|http://e.com/100%25.jpg",
        "http://e.com/%zz/x|http://e.com/%25zz/x",
        "http://e.com/x%4|http://e.com/x%254",
        "http://e.com/x%|http://e.com/x%25",
        "http://e.com/%41%62c|http://e.com/Abc",
        "http://e.com/a%2fb%2Fc|http://e.com/a%2fb%2Fc",
        "http://e.com/a%20b c|http://e.com/a%20b%20c",
        "http://e.com/a[1].jpg|http://e.com/a%5B1%5D.jpg",
        "http://e.com/!$&'()*+,;=:@~-._|http://e.com/!$&'()*+,;=:@~-._",
        "http://e.com/p?q=a b&r=ü&s=%2B|http://e.com/p?q=a%20b&r=%C3%BC&s=%2B",
        "http://e.com/p?next=http://x.org/?y|http://e.com/p?next=http://x.org/?y",
        "http://e.com/p#frag ment|http://e.com/p",
        "HTTP://WWW.Example.COM/Path|http://www.example.com/Path",
        "http://e.com|http://e.com/",
        "http://e.com?x=1|http://e.com/?x=1",
        "http://e.com:8080/x|http://e.com:8080/x",
        "http://user:pa ss@e.com/x|http://user:pa%20ss@e.com/x",
        "http://[2001:DB8::1]:8080/x|http://[2001:db8::1]:8080/x",
        "http://my_host.e.com/x|http://my_host.e.com/x",
        "  http://e.com/x  |http://e.com/x",
      })
  void encodesLikeRequests(String in, String out) throws Exception {
    assertThat(enc(in)).isEqualTo(out);
  }

  @Test
  void encodesCharactersRequestsEncodes() throws Exception {
    assertThat(enc("http://e.com/a|b\"c<d>e{f}g^h`i"))
        .isEqualTo("http://e.com/a%7Cb%22c%3Cd%3Ee%7Bf%7Dg%5Eh%60i");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "www.example.com/x.jpg", "http:example.com/x", "http://", "http:///x",
            "http://exa mple.com/x",
        "http://e.com:99999/x", "http://e.com:0/x", "http://e.com:abc/x", "http://[::1/x",
            "http://[zz::1]/x",
        "http://e\\vil.com/x", "http://a..b/x", "http://%65.com/x", "://e.com/x", "1http://e.com/"
      })
  void refusesUnparseableUrls(String url) {
    assertThatThrownBy(() -> UrlEncoder.encode(url)).isInstanceOf(UrlEncoder.BadUrlException.class);
  }

  @Test
  void encodingIsIdempotent() throws Exception {
    for (String url :
        new String[] {
          "http://www.siue.edu/~sumbaug/Borders Complete/Dysplastic Nevus/Ael453.jpg",
          "http://bücher.de/größe 100%.jpg?a=b c",
          "http://e.com/a\\b%zz%41"
        }) {
      String once = enc(url);
      assertThat(enc(once)).isEqualTo(once);
    }
  }

  @Test
  void readsScheme() {
    assertThat(UrlEncoder.scheme("HTTPS://x")).isEqualTo("https");
    assertThat(UrlEncoder.scheme("ftp://x")).isEqualTo("ftp");
    assertThat(UrlEncoder.scheme("file:/etc/passwd")).isEqualTo("file");
    assertThat(UrlEncoder.scheme("images/a.jpg")).isNull();
    assertThat(UrlEncoder.scheme("1a://x")).isNull();
    assertThat(UrlEncoder.scheme(":x")).isNull();
  }

  @Test
  void findsHostsJavaNetUriDoesNotParse() throws Exception {
    assertThat(UrlEncoder.host(UrlEncoder.encode("http://my_host.e.com:8080/x")))
        .isEqualTo("my_host.e.com");
    assertThat(UrlEncoder.host(UrlEncoder.encode("http://user@my_host.e.com/x")))
        .isEqualTo("my_host.e.com");
    assertThat(UrlEncoder.host(UrlEncoder.encode("http://bücher.de/x")))
        .isEqualTo("xn--bcher-kva.de");
    assertThat(UrlEncoder.host(UrlEncoder.encode("http://[::1]:80/x"))).isEqualTo("[::1]");
    assertThat(UrlEncoder.host(URI.create("file:/etc/passwd"))).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/next image.jpg|http://e.com/next%20image.jpg",
        "other/ü.jpg|http://e.com/dir/other/%C3%BC.jpg",
        "../up.jpg|http://e.com/up.jpg",
        "?page=2|http://e.com/dir/file.jpg?page=2",
        "//cdn.bücher.de/x y|http://cdn.xn--bcher-kva.de/x%20y",
        "https://Other.com/a b#f|https://other.com/a%20b",
        "ftp://files.e.com/a.jpg|ftp://files.e.com/a.jpg",
        "file:///etc/passwd|file:///etc/passwd",
      })
  void resolvesRedirectLocations(String location, String expected) throws Exception {
    URI base = URI.create("http://e.com/dir/file.jpg?x=1");
    assertThat(UrlEncoder.resolve(base, location).toString()).isEqualTo(expected);
  }
}
