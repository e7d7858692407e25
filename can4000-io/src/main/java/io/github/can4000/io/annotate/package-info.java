/**
 * Building a CAN-style dataset: proposals from a detector or imported labels ({@link
 * io.github.can4000.io.annotate.Importers}, {@link io.github.can4000.io.annotate.Detections},
 * {@code proposals.csv} via {@link io.github.can4000.io.annotate.ProposalsCsv}), a reviewer's
 * decisions ({@link io.github.can4000.io.annotate.DecisionLog}, made in the browser page of {@link
 * io.github.can4000.io.annotate.ReviewServer}), and the published manifest ({@link
 * io.github.can4000.io.annotate.ManifestExport}).
 */
package io.github.can4000.io.annotate;
