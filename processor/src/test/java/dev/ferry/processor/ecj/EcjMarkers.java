package dev.ferry.processor.ecj;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.ecj.EcjCompiler.Problem;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors an ECJ test program marks at the end of its offending lines, {@code // ferry:RULE
 * @token}, where {@code token} is where the text ECJ underlines begins (several pairs on a line for
 * several errors there), and the check that ECJ reported exactly those: as many errors as markers, each
 * with the rule's tag, the file, the line and the underlined text.
 */
final class EcjMarkers {
  private static final Pattern MARKER = Pattern.compile("(ferry:[a-z-]+)\\s+@(\\S+)");

  private EcjMarkers() {}

  static void assertErrorsAsMarked(Map<String, String> files, Result result) {
    List<Expected> expected = expectedIn(files);
    assertThat(expected).isNotEmpty();
    assertWithMessage(result.output()).that(result.succeeded()).isFalse();
    List<Problem> errors = result.errors();
    assertWithMessage(result.output()).that(errors).hasSize(expected.size());
    List<Problem> unmatched = new ArrayList<>(errors);
    for (Expected e : expected) {
      Problem match = unmatched.stream().filter(e::matches).findFirst().orElse(null);
      assertWithMessage("%s\n%s", e, result.output()).that(match).isNotNull();
      unmatched.remove(match);
    }
  }

  /** One expected error: its rule's tag, its file and line, and the text ECJ underlines. */
  private record Expected(String tag, String file, int line, String token) {
    boolean matches(Problem p) {
      return p.message().startsWith(tag)
          && file.equals(p.file())
          && p.line() == line
          && p.pointed() != null
          && p.pointed().startsWith(token);
    }
  }

  static List<Expected> expectedIn(Map<String, String> files) {
    List<Expected> expected = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      List<String> lines = file.getValue().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int comment = line.indexOf("// ferry:");
        if (comment < 0) {
          continue;
        }
        Matcher marker = MARKER.matcher(line.substring(comment));
        while (marker.find()) {
          expected.add(
              new Expected(tagOf(marker.group(1)), file.getKey(), i + 1, marker.group(2)));
        }
      }
    }
    return expected;
  }

  private static String tagOf(String key) {
    return Arrays.stream(Rule.values())
        .filter(r -> r.suppressionKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rule " + key))
        .tag();
  }
}
