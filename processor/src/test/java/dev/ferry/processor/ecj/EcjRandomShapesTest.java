package dev.ferry.processor.ecj;

import dev.ferry.processor.codegen.fuzz.ProgramRoundTrips;
import dev.ferry.processor.codegen.fuzz.RandomProgram;
import dev.ferry.processor.ecj.EcjCompiler.Problem;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The random programs of {@code RandomShapesTest}, compiled by ECJ with Ferry's processors: no
 * error anywhere, no warning in a generated codec (README: codecs compile without warnings under
 * ECJ's defaults), their values round-trip through the classes ECJ wrote, and ECJ's codecs write
 * the same bytes as javac's (a process built in an IDE and one built by Maven read each other).
 *
 * <p>CI runs seeds {@code 0} and {@code 1} (each run loads ECJ afresh: some seconds each); {@code
 * -Dferry.fuzz.ecj.seeds=200} (with {@code -Dferry.fuzz.first} and {@code -Dferry.fuzz.dump}) runs
 * more, as {@code RandomShapesTest}'s Javadoc shows.
 */
class EcjRandomShapesTest {
  private static final int SEEDS = Integer.getInteger("ferry.fuzz.ecj.seeds", 2);
  private static final long FIRST = Long.getLong("ferry.fuzz.first", 0L);

  @TempDir Path dir;

  @Test
  void randomPrograms_compileUnderEcjAndTheirValuesRoundTrip() throws Exception {
    List<String> failures = new ArrayList<>();
    int values = 0;
    for (long seed = FIRST; seed < FIRST + SEEDS; seed++) {
      RandomProgram program = new RandomProgram(seed);
      Path root = Files.createDirectories(dir.resolve("seed" + seed));
      try {
        values += check(program, root, failures);
      } catch (Throwable t) {
        failures.add(
            ProgramRoundTrips.failure(program, "crashed: " + ProgramRoundTrips.stackTrace(t)));
      }
    }
    ProgramRoundTrips.assertNone("EcjRandomShapesTest", SEEDS, values, failures);
  }

  private static int check(RandomProgram program, Path root, List<String> failures)
      throws Exception {
    // ECJ compiles the library with the program: it reads parameter names either way.
    Map<String, String> files = new LinkedHashMap<>();
    program.librarySources.forEach((name, text) -> files.put(file(name), text));
    program.sources.forEach((name, text) -> files.put(file(name), text));
    Result result = EcjCompiler.compile(root, files);
    List<Problem> wrong =
        result.problems().stream()
            .filter(p -> p.kind().equals("ERROR") || isGenerated(p))
            .toList();
    if (!result.succeeded() || !wrong.isEmpty()) {
      failures.add(ProgramRoundTrips.failure(program, "ECJ: " + wrong + "\n" + result.output()));
      return 0;
    }
    List<byte[]> ecjBytes = new ArrayList<>();
    int values = ProgramRoundTrips.check(program, List.of(root.resolve("out")), failures, ecjBytes);
    List<Path> javacClasses = ProgramRoundTrips.compileWithJavac(program, failures);
    if (javacClasses != null) {
      List<byte[]> javacBytes = new ArrayList<>();
      ProgramRoundTrips.check(program, javacClasses, failures, javacBytes);
      for (int k = 0; k < values; k++) {
        if (!Arrays.equals(ecjBytes.get(k), javacBytes.get(k))) {
          failures.add(
              ProgramRoundTrips.failure(
                  program,
                  "value v" + k + " is written as " + hex(ecjBytes.get(k)) + " by ECJ's classes"
                      + " but as " + hex(javacBytes.get(k)) + " by javac's"));
        }
      }
    }
    return values;
  }

  private static String hex(byte[] bytes) {
    if (bytes == null) {
      return "nothing (it could not be written)";
    }
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  private static boolean isGenerated(Problem problem) {
    return problem.file() != null && problem.file().contains("_FerryCodec");
  }

  private static String file(String qualifiedName) {
    return qualifiedName.replace('.', '/') + ".java";
  }
}
