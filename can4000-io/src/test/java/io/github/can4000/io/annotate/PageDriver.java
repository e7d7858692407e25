package io.github.can4000.io.annotate;

import java.net.URI;
import java.nio.file.Path;

/**
 * What {@link ReviewPageScenario} needs from a real browser: open a page, press keys, read the page
 * through a JavaScript expression, take a screenshot. Implemented with Selenium for Chromium
 * ({@link ReviewPageBrowserTest}) and with WebDriver BiDi for Firefox ({@link
 * ReviewPageFirefoxTest}).
 */
interface PageDriver extends AutoCloseable {
  /** The WebDriver code of the Enter key (the same in Selenium's {@code Keys} and in BiDi). */
  String ENTER = "\uE007";

  /** Opens {@code uri} and waits for its load. */
  void open(URI uri) throws Exception;

  /** Presses and releases one key (a character, or a WebDriver code such as {@link #ENTER}). */
  void press(String key) throws Exception;

  /** Evaluates a JavaScript expression in the page and returns it as a string ("null" for null). */
  String eval(String expression) throws Exception;

  /** Writes a PNG of the page's viewport to {@code png}. */
  void screenshot(Path png) throws Exception;

  @Override
  void close() throws Exception;
}
