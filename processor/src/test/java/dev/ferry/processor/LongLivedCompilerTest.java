package dev.ferry.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
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

  /** Compiles a transferable record with Ferry's processors; a weak reference to its compiler. */
  private static WeakReference<?> compileAndWatch() {
    Watcher watcher = new Watcher();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor(), watcher)
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
