/**
 * Image folders as a source: {@link io.github.can4000.io.folder.ImageFolders} turns a directory
 * tree {@code <label>/<image>} (optionally below split directories such as {@code train/}) into a
 * {@link io.github.can4000.Manifest} of whole-image rows.
 */
package io.github.can4000.io.folder;
