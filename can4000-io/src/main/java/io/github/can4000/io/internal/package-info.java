/**
 * Helpers shared by the feature packages of can4000-io. Not part of the API: may change without
 * notice.
 */
package io.github.can4000.io.internal;
