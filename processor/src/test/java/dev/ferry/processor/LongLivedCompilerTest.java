package dev.ferry.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.ferry.processor.testing.WrappedEnvironments;
import dev.ferry.processor.testing.WrappedEnvironments.WrappingProcessor;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Ferry's processor classes loaded once and run for many compilations, as an IDE, a build daemon
 * or a test JVM runs them: a compilation that is over is not kept. Each used to be held through a
 * static table of its name lookups (found by the edit fuzzer, whose JVM ran out of memory after
 * some hundreds of compilations, the last failing with {@code [ferry:internal]}).
 */
class LongLivedCompilerTest {
  @Test
  void compilationThatIsOver_isNotHeldByFerrysClasses() throws InterruptedException {
    WeakReference<?> compiler = compileAndWatch();

    for (int i = 0; i < 20 && compiler.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertWithMessage("the compiler of a compilation that is over").that(compiler.get()).isNull();
  }

  /**
   * The same behind a build tool's wrapper of javac's environment (Gradle's incremental processing,
   * IntelliJ's), which javac's own API refuses, so that Ferry cannot hear the compilation end:
   * there, only the garbage collector frees what Ferry's tables knew of it.
   */
  @Test
  void compilationThatIsOver_isNotHeld_behindAWrappedEnvironment() throws InterruptedException {
    WeakReference<?> compiler = compileAndWatch(true);

    for (int i = 0; i < 20 && compiler.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    assertWithMessage("the compiler of a compilation that is over").that(compiler.get()).isNull();
  }

  private static WeakReference<?> compileAndWatch() {
    return compileAndWatch(false);
  }

  /** {@code processor} with javac's environment behind a wrapper javac's API refuses. */
  private static Processor wrapped(Processor processor) {
    return new WrappingProcessor(processor, WrappedEnvironments::unknownStyle);
  }

  /**
   * Compiles a transferable record with Ferry's processors, given javac's environment or one that
   * wraps it; a weak reference to its compiler.
   */
  private static WeakReference<?> compileAndWatch(boolean wrapped) {
    Watcher watcher = new Watcher();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                wrapped ? wrapped(new CodecProcessor()) : new CodecProcessor(),
                wrapped ? wrapped(new CheckerProcessor()) : new CheckerProcessor(),
                wrapped ? wrapped(new CodecRegistryProcessor()) : new CodecRegistryProcessor(),
                watcher)
            .compile(
                List.of(
                    source(
                            "app.Job",
                            """
                            package app;
                            @dev.ferry.annotation.Transferable
                            public record Job(long id, String url) {}
                            """)
                        .file()));
    assertWithMessage(compilation.diagnostics().toString())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    return watcher.compiler;
  }

  /** Keeps only a weak reference to the compiler's element lookup, which it is keyed by. */
  private static final class Watcher extends AbstractProcessor {
    WeakReference<Object> compiler;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      compiler = new WeakReference<>(env.getElementUtils());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return false;
    }
  }
}
