package dev.ferry.processor.codegen.fuzz;

import dev.ferry.Codecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random legal programs of {@code @Transferable} types ({@link RandomProgram}) compile with Ferry's
 * processors, with no error, and random values of their types round-trip through {@link
 * Codecs#encode} and {@link Codecs#decode} equal ({@link DeepEquals}) and re-encode to the same
 * bytes. A legal program the processor refuses, a generated codec that does not compile, a
 * compiler crash and a value that comes back different all fail the test, each with its seed and
 * the program.
 *
 * <p>CI runs the seeds {@code 0} to {@code 7} (some seconds). To fuzz locally, give more seeds,
 * or another first seed, with system properties; the test then prints how many programs and
 * values it tried and every failure, with the program's source:
 *
 * <pre>
 * mvn -o -q -B test -pl processor -am -Dtest=RandomShapesTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dferry.fuzz.seeds=2000 -Dferry.fuzz.first=100000
 * </pre>
 *
 * {@code -Dferry.fuzz.dump=/tmp/fuzz} also writes each failing program, with what went wrong, to
 * {@code /tmp/fuzz/seed-SEED.txt}. Run it on JDK 25 too ({@code
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64}): the programs are then compiled by javac 25.
 * {@code EcjRandomShapesTest} compiles them with ECJ ({@code -Dferry.fuzz.ecj.seeds}). To look at
 * one program, {@code -Dferry.fuzz.first=SEED -Dferry.fuzz.seeds=1 -Dferry.fuzz.print=true}.
 */
class RandomShapesTest {
  /** How many seeds, from {@link #FIRST}: 8 in CI. */
  static final int SEEDS = Integer.getInteger("ferry.fuzz.seeds", 8);
  static final long FIRST = Long.getLong("ferry.fuzz.first", 0L);
  private static final boolean PRINT = Boolean.getBoolean("ferry.fuzz.print");

  @Test
  void randomPrograms_compileAndTheirValuesRoundTrip() {
    List<String> failures = new ArrayList<>();
    int values = 0;
    for (long seed = FIRST; seed < FIRST + SEEDS; seed++) {
      RandomProgram program = new RandomProgram(seed);
      if (PRINT) {
        System.out.println(program.listing());
      }
      try {
        values += check(program, failures);
      } catch (Throwable t) {
        failures.add(ProgramRoundTrips.failure(program, "crashed: " + ProgramRoundTrips.stackTrace(t)));
      }
    }
    ProgramRoundTrips.assertNone("RandomShapesTest", SEEDS, values, failures);
  }

  /** Compiles {@code program}, round-trips its values; returns how many values it tried. */
  private static int check(RandomProgram program, List<String> failures) throws Exception {
    List<Path> classPath = ProgramRoundTrips.compileWithJavac(program, failures);
    return classPath == null ? 0 : ProgramRoundTrips.check(program, classPath, failures, null);
  }
}
