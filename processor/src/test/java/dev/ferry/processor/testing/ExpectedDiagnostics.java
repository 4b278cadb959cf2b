package dev.ferry.processor.testing;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The errors a test source declares with marker comments, in the manner of Error Prone's
 * {@code // BUG: Diagnostic contains:}, and the check that a compilation reported exactly those.
 *
 * <p>A marker sits at the end of the offending line and names the rule and the token the error
 * points at:
 *
 * <pre>{@code
 * Thread worker; // ferry:not-transferable @worker
 * @InheritOnly   // ferry:transferable-shape @@InheritOnly   (the token itself may start with '@')
 * Unknown u;     // javac @Unknown                            (an error of javac's own, not Ferry's)
 * }</pre>
 *
 * The rule must be one of {@link Rule}'s ids; the expected text is its {@link Rule#tag()}, never
 * retyped. The expected column is where the token first occurs on the line, before the comment.
 * The check:
 * the compilation has as many errors as markers; each ferry marker has an error on its file, line
 * and column that starts with {@code [ferry:RULE]}; each javac marker has one there without a
 * ferry tag.
 */
public final class ExpectedDiagnostics {
  private static final Pattern MARKER =
      Pattern.compile("//\\s*(ferry:[a-z-]+|javac)\\s+@(\\S+)\\s*$");
  private static final String FERRY_TAG_START = "[ferry:";

  /**
   * One expected error.
   *
   * @param tag the rule's tag, e.g. {@code [ferry:local-class]}, or null for an error of javac's
   * @param line 1-based, as javac counts
   * @param column 1-based, as javac counts
   */
  public record Expected(JavaFileObject file, String tag, long line, long column, String text) {
    boolean isFerry() {
      return tag != null;
    }

    boolean matches(Diagnostic<? extends JavaFileObject> d) {
      return d.getKind() == Diagnostic.Kind.ERROR
          && d.getSource() == file
          && d.getLineNumber() == line
          && d.getColumnNumber() == column
          && (isFerry()
              ? message(d).startsWith(tag)
              : !message(d).contains(FERRY_TAG_START));
    }

    @Override
    public String toString() {
      return (isFerry() ? tag : "javac error")
          + " at " + file.getName() + ":" + line + ":" + column + "  `" + text.strip() + "`";
    }
  }

  private final List<Expected> expected;

  private ExpectedDiagnostics(List<Expected> expected) {
    this.expected = List.copyOf(expected);
  }

  /** Reads the markers of every source. */
  public static ExpectedDiagnostics in(List<Source> sources) {
    List<Expected> expected = new ArrayList<>();
    for (Source source : sources) {
      String[] lines = source.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher marker = MARKER.matcher(lines[i]);
        if (marker.find()) {
          expected.add(expectation(source, i + 1, lines[i], marker));
        }
      }
    }
    return new ExpectedDiagnostics(expected);
  }

  private static Expected expectation(Source source, int line, String text, Matcher marker) {
    String code = text.substring(0, marker.start());
    String token = marker.group(2);
    int index = code.indexOf(token);
    if (index < 0) {
      throw new IllegalArgumentException(
          "marker token `" + token + "` is not on line " + line + " of " + source + ": " + text);
    }
    String id = marker.group(1);
    String tag = id.equals("javac") ? null : rule(id.substring("ferry:".length())).tag();
    return new Expected(source.file(), tag, line, index + 1, code);
  }

  private static Rule rule(String id) {
    for (Rule rule : Rule.values()) {
      if (rule.id().equals(id)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("marker names no rule: ferry:" + id);
  }

  public List<Expected> all() {
    return expected;
  }

  public boolean isEmpty() {
    return expected.isEmpty();
  }

  /** Asserts that {@code compilation} reported exactly the marked errors, and no ferry warning. */
  public void assertMatch(Compilation compilation) {
    String report = describe(compilation);
    assertWithMessage("error count; expected:\n%s\n%s", this, report)
        .that(compilation.errors().size())
        .isEqualTo(expected.size());
    assertThat(compilation).hadErrorCount(expected.size());
    for (Expected e : expected) {
      boolean found = compilation.errors().stream().anyMatch(e::matches);
      assertWithMessage("no error matching %s\n%s", e, report).that(found).isTrue();
      if (e.isFerry()) {
        assertThat(compilation)
            .hadErrorContaining(e.tag())
            .inFile(e.file())
            .onLine(e.line())
            .atColumn(e.column());
      }
    }
    assertWithMessage("ferry warnings\n%s", report)
        .that(ferryMessages(compilation.warnings()))
        .isEmpty();
  }

  /** Asserts a clean compilation: no error, no warning, nothing from Ferry at all. */
  public static void assertClean(Compilation compilation) {
    String report = describe(compilation);
    assertWithMessage("ferry diagnostics\n%s", report)
        .that(ferryMessages(compilation.diagnostics()))
        .isEmpty();
    assertThat(compilation).succeededWithoutWarnings();
  }

  private static List<String> ferryMessages(List<Diagnostic<? extends JavaFileObject>> all) {
    return all.stream()
        .map(ExpectedDiagnostics::message)
        .filter(m -> m.contains(FERRY_TAG_START))
        .collect(Collectors.toList());
  }

  static String message(Diagnostic<? extends JavaFileObject> d) {
    return d.getMessage(Locale.ROOT);
  }

  /** Every diagnostic of the compilation, one a line, for failure messages. */
  public static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(
            d ->
                d.getKind()
                    + " " + (d.getSource() == null ? "<no file>" : d.getSource().getName())
                    + ":" + d.getLineNumber() + ":" + d.getColumnNumber()
                    + " " + firstLine(message(d)))
        .collect(Collectors.joining("\n", "reported:\n", ""));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline) + " ...";
  }

  @Override
  public String toString() {
    return expected.stream().map(Expected::toString).collect(Collectors.joining("\n"));
  }
}
