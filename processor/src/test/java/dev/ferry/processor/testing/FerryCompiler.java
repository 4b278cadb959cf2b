package dev.ferry.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import java.util.List;
import java.util.function.Supplier;
import javax.annotation.processing.Processor;

/**
 * Compiles inline sources with Ferry's processors, as a user's build runs them, and checks the
 * result against the sources' marker comments (see {@link ExpectedDiagnostics}).
 *
 * <pre>{@code
 * assertDiagnostics(source("test.Job", """
 *     package test;
 *     @dev.ferry.annotation.Transferable
 *     record Job(Thread worker) {} // ferry:not-transferable @worker
 *     """));
 * }</pre>
 */
public final class FerryCompiler {
  private static final FerryCompiler BOTH =
      new FerryCompiler(() -> List.of(new CodecProcessor(), new CheckerProcessor()));
  private static final FerryCompiler CHECKER_ONLY =
      new FerryCompiler(() -> List.of(new CheckerProcessor()));

  private final Supplier<List<Processor>> processors;

  private FerryCompiler(Supplier<List<Processor>> processors) {
    this.processors = processors;
  }

  /** Both processors, generator and checker: what a user's build runs. */
  public static FerryCompiler ferry() {
    return BOTH;
  }

  /**
   * The checker alone, for declaration rules on inputs whose generated code would not compile for
   * reasons that are not the rule under test.
   */
  public static FerryCompiler checkerOnly() {
    return CHECKER_ONLY;
  }

  /** Shorthand for {@link Source#of}. */
  public static Source source(String qualifiedName, String text) {
    return Source.of(qualifiedName, text);
  }

  public static Compilation compile(Source... sources) {
    return BOTH.compiling(sources);
  }

  /** {@link #expectingMarked} with both processors. */
  public static Compilation assertDiagnostics(Source... sources) {
    return BOTH.expectingMarked(sources);
  }

  /** {@link #expectingClean} with both processors. */
  public static Compilation assertCompilesClean(Source... sources) {
    return BOTH.expectingClean(sources);
  }

  public Compilation compiling(Source... sources) {
    return Compiler.javac()
        .withProcessors(processors.get())
        .compile(List.of(sources).stream().map(Source::file).toList());
  }

  /**
   * Compiles sources that carry at least one marker and asserts that exactly the marked errors
   * were reported.
   */
  public Compilation expectingMarked(Source... sources) {
    ExpectedDiagnostics expected = ExpectedDiagnostics.in(List.of(sources));
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("no marker in " + List.of(sources));
    }
    Compilation compilation = compiling(sources);
    expected.assertMatch(compilation);
    return compilation;
  }

  /** Compiles marker-free sources and asserts they compile with no error or warning at all. */
  public Compilation expectingClean(Source... sources) {
    if (!ExpectedDiagnostics.in(List.of(sources)).isEmpty()) {
      throw new IllegalArgumentException("a legal twin carries a marker: " + List.of(sources));
    }
    Compilation compilation = compiling(sources);
    ExpectedDiagnostics.assertClean(compilation);
    return compilation;
  }
}
