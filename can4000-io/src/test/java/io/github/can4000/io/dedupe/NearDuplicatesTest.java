package io.github.can4000.io.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.can4000.ImageData;
import io.github.can4000.fixtures.JdkDecoder;
import io.github.can4000.fixtures.TestImages;
import io.github.can4000.io.fixtures.Photos;
import io.github.can4000.spi.Bytes;
import io.github.can4000.spi.DecodeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class NearDuplicatesTest {
  private static final int T = NearDuplicates.DEFAULT_THRESHOLD;
  static final List<String> ALL = Photos.ALL;

  private static long hash(BufferedImage img) {
    return NearDuplicates.hash(ImageData.of(img));
  }

  @ParameterizedTest
  @FieldSource("ALL")
  void hash_reencodedAtQuality60_withinThreshold(String photo) {
    BufferedImage img = Photos.image(photo);
    BufferedImage q60 = Photos.read(Photos.jpeg(img, 0.6f));
    assertThat(NearDuplicates.distance(hash(img), hash(q60))).isLessThanOrEqualTo(T);
  }

  @ParameterizedTest
  @FieldSource("ALL")
  void hash_resizedTo50Percent_withinThreshold(String photo) {
    BufferedImage img = Photos.image(photo);
    assertThat(NearDuplicates.distance(hash(img), hash(Photos.resize(img, 0.5))))
        .isLessThanOrEqualTo(T);
  }

  @Test
  void hash_differentPhotos_neverWithinThreshold_samePictureTwice_within() {
    Map<String, Long> h = new LinkedHashMap<>();
    for (String p : ALL) {
      h.put(p, hash(Photos.image(p)));
    }
    int pairs = 0;
    for (int i = 0; i < ALL.size(); i++) {
      for (int j = i + 1; j < ALL.size(); j++) {
        String a = ALL.get(i);
        String b = ALL.get(j);
        int d = NearDuplicates.distance(h.get(a), h.get(b));
        if (Photos.SAME_PICTURE.stream().anyMatch(g -> g.containsAll(List.of(a, b)))) {
          assertThat(d).as("%s ~ %s", a, b).isLessThanOrEqualTo(T);
        } else {
          assertThat(d).as("%s vs %s", a, b).isGreaterThan(T);
          pairs++;
        }
      }
    }
    assertThat(pairs).isEqualTo(ALL.size() * (ALL.size() - 1) / 2 - Photos.SAME_PICTURE.size());
  }

  @Test
  void cluster_photosWithEditedCopies_oneClusterPerPicture() {
    Map<String, Long> h = new LinkedHashMap<>();
    for (String p : ALL) {
      BufferedImage img = Photos.image(p);
      h.put(p, hash(img));
      h.put(p + "#q60", hash(Photos.read(Photos.jpeg(img, 0.6f))));
      h.put(p + "#half", hash(Photos.resize(img, 0.5)));
    }
    NearDuplicateClusters c = NearDuplicates.cluster(h, T);
    assertThat(c.clusters()).hasSize(ALL.size() - Photos.SAME_PICTURE.size());
    assertThat(c.clusterOf("photo_025.jpg"))
        .get()
        .extracting(NearDuplicateClusters.Cluster::keys)
        .isEqualTo(
            List.of(
                "photo_025.jpg",
                "photo_025.jpg#half",
                "photo_025.jpg#q60",
                "photo_028.jpg",
                "photo_028.jpg#half",
                "photo_028.jpg#q60"));
    for (String p : ALL) {
      assertThat(c.clusterOf(p))
          .get()
          .satisfies(cl -> assertThat(cl.keys()).contains(p + "#q60", p + "#half"));
    }
    assertThat(c.keyCount()).isEqualTo(3 * ALL.size());
    assertThat(c.duplicatedKeyCount()).isEqualTo(3 * ALL.size());
  }

  @Test
  void cluster_joinsTransitively_andReportsMaxDistance() {
    long a = 0L;
    long b = 0xFFL; // 8 bits from a
    long c = 0xFFFFL; // 8 bits from b, 16 from a
    long far = 0xFFFF_FFFF_0000_0000L;
    NearDuplicateClusters cl =
        NearDuplicates.cluster(Map.of("a", a, "b", b, "c", c, "far", far), 8);
    assertThat(cl.clusters())
        .containsExactly(new NearDuplicateClusters.Cluster(List.of("a", "b", "c"), 16));
    assertThat(cl.clusterOf("far")).isEmpty();
    assertThat(cl.groups()).containsExactly(Set.of("a", "b", "c"));
    assertThat(NearDuplicates.cluster(Map.of("a", a, "b", b), 7).clusters()).isEmpty();
  }

  @Test
  void contamination_findsTrainingCropsThatAreNearValidationImages(@TempDir Path dir)
      throws IOException {
    Path train = dir.resolve("train");
    Path val = dir.resolve("val");
    write(
        train.resolve("nevus/00001_nevus.png"),
        TestImages.encode(Photos.image("photo_001.jpg"), "png"));
    write(
        train.resolve("nevus/00002_nevus.png"),
        TestImages.encode(Photos.image("photo_002.jpg"), "png"));
    write(
        train.resolve("melanoma/00003_melanoma.png"),
        TestImages.encode(Photos.image("photo_025.jpg"), "png"));
    write(train.resolve("melanoma/notes.txt"), "not an image".getBytes());
    write(train.resolve("melanoma/broken.png"), "not an image".getBytes());
    write(train.resolve("_sheets/melanoma.jpg"), Photos.bytes("photo_002.jpg"));
    write(
        val.resolve("nevus/a.jpg"),
        Photos.jpeg(Photos.resize(Photos.image("photo_002.jpg"), 0.5), 0.6f));
    write(val.resolve("melanoma/b.jpg"), Photos.bytes("photo_028.jpg"));
    write(val.resolve("melanoma/c.jpg"), Photos.bytes("photo_033.jpg"));

    HashedFolder t = NearDuplicates.hashFolder(train, new JdkDecoder());
    HashedFolder v = NearDuplicates.hashFolder(val, new JdkDecoder());
    assertThat(t.hashes())
        .containsOnlyKeys(
            "nevus/00001_nevus.png", "nevus/00002_nevus.png", "melanoma/00003_melanoma.png");
    assertThat(t.unreadable()).containsOnlyKeys("melanoma/broken.png");
    List<Match> leaks = NearDuplicates.contamination(t.hashes(), v.hashes(), T);
    assertThat(leaks)
        .extracting(Match::key, Match::reference)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("melanoma/00003_melanoma.png", "melanoma/b.jpg"),
            org.assertj.core.groups.Tuple.tuple("nevus/00002_nevus.png", "nevus/a.jpg"));
  }

  @Test
  void hash_decodedImage_sameAsImageData() throws DecodeException {
    byte[] jpg = Photos.bytes("photo_033.jpg");
    assertThat(NearDuplicates.hash(new JdkDecoder().decode(Bytes.copyOf(jpg))))
        .isEqualTo(NearDuplicates.hash(ImageData.of(Photos.read(jpg))));
  }

  @Test
  void hash_tinyAndGrayImages_work() {
    assertThat(NearDuplicates.hash(ImageData.of(1, 1, 1, new byte[] {7}))).isNotNull();
    ImageData gradient = ImageData.of(TestImages.gradient(5, 3));
    assertThat(
            NearDuplicates.distance(NearDuplicates.hash(gradient), NearDuplicates.hash(gradient)))
        .isZero();
  }

  @Test
  void hex_roundTrips_andRejectsGarbage() {
    for (long h : new long[] {0, -1, 0x0123_4567_89ab_cdefL, Long.MIN_VALUE}) {
      assertThat(NearDuplicates.parseHex(NearDuplicates.toHex(h))).isEqualTo(h);
    }
    assertThat(NearDuplicates.toHex(255)).isEqualTo("00000000000000ff");
    assertThatThrownBy(() -> NearDuplicates.parseHex("xyz")).hasMessageContaining("\"xyz\"");
    assertThatThrownBy(() -> NearDuplicates.parseHex("-123456789abcdef"))
        .hasMessageContaining("16 hexadecimal");
  }

  @Test
  void threshold_outOfRange_rejected() {
    assertThatThrownBy(() -> NearDuplicates.cluster(Map.of(), 64))
        .hasMessageContaining("0 and 63 bits: 64");
    assertThatThrownBy(() -> NearDuplicates.contamination(Map.of(), Map.of(), -1))
        .hasMessageContaining(": -1");
  }

  private static void write(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }
}
