package io.github.can4000.spark;

import io.github.can4000.Box;
import io.github.can4000.ManifestEntry;
import java.io.Serializable;

/** A manifest entry shipped to an executor, with its position in the whole manifest. */
record RowSpec(
    int index, int id, String label, double x, double y, double w, double h, String url, int line)
    implements Serializable {

  static RowSpec of(int index, ManifestEntry e) {
    Box b = e.box();
    return new RowSpec(
        index, e.id(), e.label(), b.x(), b.y(), b.width(), b.height(), e.url(), e.line());
  }

  ManifestEntry toEntry() {
    ManifestEntry e = ManifestEntry.of(id, label, new Box(x, y, w, h), url);
    return new ManifestEntry(id, label, e.box(), url, line, e.flags());
  }
}
