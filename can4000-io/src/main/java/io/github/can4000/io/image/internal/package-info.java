/**
 * What sibling modules share with the standard decoder, exported only to them: the header parser
 * ({@link io.github.can4000.io.image.internal.ImageHeaders}) and the reader interface through which
 * an optional decoder (OpenCV) plugs into the standard decoder's format router ({@link
 * io.github.can4000.io.image.internal.FormatReader}, {@link
 * io.github.can4000.io.image.internal.Routers}). Not API.
 */
package io.github.can4000.io.image.internal;
