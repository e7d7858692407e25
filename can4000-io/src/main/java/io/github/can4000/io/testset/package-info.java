/**
 * Readers for test sets with clear ground truth (folder per label, or a CSV of paths and labels),
 * with label aliases; see {@link io.github.can4000.io.testset.TestSets}.
 */
package io.github.can4000.io.testset;
