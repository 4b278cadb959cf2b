package dev.ferry.processor.codegen;

import com.palantir.javapoet.JavaFile;
import dev.ferry.processor.diagnostic.CodecMessages;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds a qualified name in a generated codec whose first identifier a class of the codec's own
 * package obscures. JavaPoet writes a class qualified when another class the codec names takes its
 * simple name, and always writes the class of the codec's own package simply: with a record
 * {@code Codec} beside the codec, {@code implements dev.ferry.Codec<Codec>}. In a package that also
 * holds a class named {@code dev}, Java reads {@code dev} in that name as the class (a type in scope
 * comes before a package, JLS 6.5.2), and the codec did not compile ("cannot find symbol: class
 * ferry, location: class dev"); likewise {@code java.lang.Override} beside a class {@code java} and
 * a class {@code Override}. Imports are not affected (their names are resolved from packages
 * alone), but JavaPoet cannot import a name a class of the codec's own package takes, so such a
 * codec cannot be written: the processor reports it instead (CodecMessages.packageObscuredByClass).
 *
 * <p>The scan reads the codec's text: it skips comments, string and character literals and the
 * {@code package} and {@code import} lines, and takes each dotted name that does not follow a dot.
 * A name counts only if its first identifier is a class of the package and a longer start of it is
 * the canonical name of a class of a named package ({@code dev.ferry.Codec} in {@code
 * dev.ferry.Codec<Job>}, {@code java.util.List} in {@code java.util.List.of()}): not the class
 * {@code dev}'s own {@code dev.Inner}, whose canonical name starts with the codec's package. (Asking
 * for package elements instead did not work: ECJ makes up an empty one for any name, and lists no
 * class of {@code java.lang} in its own.)
 */
public final class ObscuredPackages {
  private ObscuredPackages() {}

  /**
   * The first qualified name of {@code file} written from a package whose first identifier a class
   * of the codec's package takes.
   *
   * @param isClassOfPackage whether a simple name is a top-level class of the codec's package
   * @param isPackagedClass whether a canonical name is a class of a named package
   */
  public static Optional<String> firstIn(
      JavaFile file, Predicate<String> isClassOfPackage, Predicate<String> isPackagedClass) {
    String text = file.toString();
    int i = 0;
    boolean statementStart = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("//", i)) {
        i = skipTo(text, "\n", i);
      } else if (text.startsWith("/*", i)) {
        i = skipTo(text, "*/", i + 2);
      } else if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
        statementStart = false;
      } else if (Character.isJavaIdentifierStart(c)) {
        int end = dottedNameEnd(text, i);
        String name = text.substring(i, end);
        if (statementStart && (name.equals("package") || name.equals("import"))) {
          i = skipTo(text, ";", end);
          continue;
        }
        if (i == 0 || text.charAt(i - 1) != '.') {
          Optional<String> obscured = obscured(name, isClassOfPackage, isPackagedClass);
          if (obscured.isPresent()) {
            return obscured;
          }
        }
        statementStart = false;
        i = end;
      } else {
        if (!Character.isWhitespace(c)) {
          statementStart = c == ';' || c == '}' || c == '{';
        }
        i++;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> obscured(
      String name, Predicate<String> isClassOfPackage, Predicate<String> isPackagedClass) {
    String[] parts = name.split("\\.");
    if (parts.length < 3 || !isClassOfPackage.test(parts[0])) {
      return Optional.empty();
    }
    StringBuilder prefix = new StringBuilder(parts[0]);
    for (int k = 1; k < parts.length; k++) {
      prefix.append('.').append(parts[k]);
      if (isPackagedClass.test(prefix.toString())) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The end of the name of identifiers joined by dots (no spaces: JavaPoet writes none) at {@code i}. */
  private static int dottedNameEnd(String text, int i) {
    int end = i;
    while (end < text.length()
        && (Character.isJavaIdentifierPart(text.charAt(end))
            || text.charAt(end) == '.'
                && end + 1 < text.length()
                && Character.isJavaIdentifierStart(text.charAt(end + 1)))) {
      end++;
    }
    return end;
  }

  private static int skipTo(String text, String end, int from) {
    int at = text.indexOf(end, from);
    return at < 0 ? text.length() : at + end.length();
  }

  private static int skipLiteral(String text, int i) {
    char quote = text.charAt(i);
    int at = i + 1;
    while (at < text.length() && text.charAt(at) != quote) {
      at += text.charAt(at) == '\\' ? 2 : 1;
    }
    return at + 1;
  }
}
