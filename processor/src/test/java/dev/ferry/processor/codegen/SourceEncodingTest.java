package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ferry.processor.testing.FerryCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Codecs of types whose names the compilation's {@code -encoding} cannot hold compile: the Filer
 * writes in that encoding, and {@code Caf\u00e9} (written as an escape in an ASCII file) came out
 * as {@code Caf?}, a codec that did not compile. On disk, since compile-testing's in-memory files
 * are always UTF-8.
 */
public class SourceEncodingTest {
  /** Names outside ASCII, and outside Latin-1, written as escapes; shared with ECJ's leg. */
  public static final String ESCAPED_NAMES =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable record Caf\\u00e9(String na\\u00efve, int \\u03bbx) {}
      @Transferable record \\u0394elta(Caf\\u00e9 c, String note) {
        static final String BACKSLASH_THEN_E = "\\\\\\u00e9";
      }
      """;

  @ParameterizedTest
  @ValueSource(strings = {"US-ASCII", "ISO-8859-1", "UTF-8"})
  void namesTheEncodingCannotHold_codecsCompile(String encoding, @TempDir Path work)
      throws IOException {
    Path file = work.resolve("src/test/Cafe.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ESCAPED_NAMES, StandardCharsets.US_ASCII);
    List<Diagnostic<? extends JavaFileObject>> errors =
        FerryCompiler.compileToDisk(work, List.of(file), "-encoding", encoding);
    assertWithMessage(errors.toString()).that(errors).isEmpty();
    assertThat(Files.exists(work.resolve("classes/test/\u0394elta_FerryCodec.class"))).isTrue();
  }

  @Test
  void escaped_writesEachCharacterOutsideAsciiAsAnEscape() {
    assertThat(AsciiSource.escaped("record Caf\u00e9 {}")).isEqualTo("record Caf\\u00e9 {}");
    assertThat(AsciiSource.escaped("\"\\\\\u00e9\"")).isEqualTo("\"\\\\\\u00e9\"");
    assertThat(AsciiSource.escaped("\ud83d\ude00")).isEqualTo("\\ud83d\\ude00");
    assertThat(AsciiSource.escaped("plain")).isSameInstanceAs("plain");
  }
}
