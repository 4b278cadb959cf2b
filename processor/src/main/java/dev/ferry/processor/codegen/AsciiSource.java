package dev.ferry.processor.codegen;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.Writer;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.JavaFileObject;

/**
 * Writes a generated file through the {@link Filer} as ASCII, every other character as a Unicode
 * escape ({@code Caf\u00e9} for {@code Café}).
 *
 * <p>Why: the Filer writes in the compilation's {@code -encoding}, and a name that encoding cannot
 * hold, written in the user's source as an escape ({@code record Caf\u00e9} under {@code -encoding
 * US-ASCII}, {@code \u0394elta} under ISO-8859-1), came out as {@code ?}, so the codec did not
 * compile ("class, interface, enum, or record expected"). The compiler reads an escape as the
 * character anywhere in a file, in names and literals alike, whatever the encoding.
 */
public final class AsciiSource {
  private AsciiSource() {}

  /** As {@link JavaFile#writeTo(Filer)}, with the text {@link #escaped}. */
  public static void writeTo(JavaFile file, Filer filer) throws IOException {
    String name =
        file.packageName().isEmpty()
            ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name();
    Element[] origins = file.typeSpec().originatingElements().toArray(new Element[0]);
    JavaFileObject source = filer.createSourceFile(name, origins);
    try (Writer writer = source.openWriter()) {
      writer.write(escaped(file.toString()));
    } catch (IOException | RuntimeException failure) {
      source.delete(); // as JavaPoet does: no half-written file for the compiler to read
      throw failure;
    }
  }

  /**
   * {@code text} with each character outside ASCII as {@code \}{@code uXXXX}. A backslash before
   * it stays an escaped backslash: an escape begins at a backslash that an even number of
   * backslashes precede (JLS 3.3), so {@code "\\é"} becomes {@code "\\\}{@code u00e9"}, still a
   * backslash and an é.
   */
  static String escaped(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      out.append(String.format("\\u%04x", (int) c));
    }
    return out == null ? text : out.toString();
  }
}
