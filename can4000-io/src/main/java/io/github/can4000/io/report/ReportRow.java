package io.github.can4000.io.report;

import io.github.can4000.Outcome;
import io.github.can4000.PixelRect;
import io.github.can4000.Reason;
import io.github.can4000.Status;
import java.util.Objects;

/**
 * One row of a run report ({@code _report.csv}): how one manifest row ended.
 *
 * @param no the manifest row's number
 * @param label the label
 * @param status the status, which follows from the reason
 * @param reason why the row ended so
 * @param detail a human-readable explanation, empty on success
 * @param httpStatus the last HTTP status received, or 0
 * @param attempts fetch attempts made, 0 if not fetched
 * @param sourceWidth decoded source width, or 0
 * @param sourceHeight decoded source height, or 0
 * @param rect the pixel rectangle cropped, or {@code null} when there was no crop
 * @param outputWidth width of the crop as written (after square, margin and resize), or 0
 * @param outputHeight height of the crop as written, or 0
 * @param ms wall time spent on the row, in milliseconds
 * @param url the manifest URL, verbatim
 */
public record ReportRow(
    int no,
    String label,
    Status status,
    Reason reason,
    String detail,
    int httpStatus,
    int attempts,
    int sourceWidth,
    int sourceHeight,
    PixelRect rect,
    int outputWidth,
    int outputHeight,
    long ms,
    String url) {

  /** Validates. */
  public ReportRow {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(url, "url");
    detail = detail == null ? "" : detail;
    if (status != reason.status()) {
      throw new IllegalArgumentException("status " + status + " does not match reason " + reason);
    }
  }

  /** Returns the report row of an outcome. */
  public static ReportRow of(Outcome o) {
    return new ReportRow(
        o.entry().id(),
        o.entry().label(),
        o.status(),
        o.reason(),
        o.detail(),
        o.httpStatus(),
        o.attempts(),
        o.sourceWidth(),
        o.sourceHeight(),
        o.rect(),
        o.outputWidth(),
        o.outputHeight(),
        o.millis(),
        o.entry().url());
  }

  /** Returns whether trying this row again may succeed ({@link Reason#isTransient()}). */
  public boolean isTransient() {
    return reason.isTransient();
  }
}
