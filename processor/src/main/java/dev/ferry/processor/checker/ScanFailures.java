package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Reporter;

/**
 * What javac's and ECJ's checkers do when the call-site scan of a file throws: the file goes
 * without call-site checks, never the compilation, and a {@code [ferry:internal]} warning says so
 * ({@link Reporter#callSitesUnchecked}).
 *
 * <p>No known input makes a scan throw any more (the last one, a capture whose bound ECJ gives as
 * the capture itself, overflowed the stack), so the tests force one: with the system property
 * {@value #FAIL_SCAN_OF} set to a file's name, the scan of that file throws before it starts. The
 * compilers run in the tests' own process, so the property reaches the processor under both.
 */
final class ScanFailures {
  /** The system property the tests set to a file name, e.g. {@code Main.java}, to fail its scan. */
  static final String FAIL_SCAN_OF = "dev.ferry.processor.test.failCallSiteScanOf";

  private ScanFailures() {}

  /** Throws if the tests asked the scan of {@code path} to fail. */
  static void failIfAsked(String path) {
    String asked = System.getProperty(FAIL_SCAN_OF);
    if (asked != null && fileName(path).equals(asked)) {
      throw new IllegalStateException("call-site scan of " + asked + " failed on request");
    }
  }

  /** The last segment of a source file's path, as the warning names the file. */
  static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
