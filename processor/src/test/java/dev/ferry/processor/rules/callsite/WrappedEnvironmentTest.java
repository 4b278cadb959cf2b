package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import dev.ferry.processor.testing.WrappedEnvironments;
import dev.ferry.processor.testing.WrappedEnvironments.WrappingProcessor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.junit.jupiter.api.Test;

/**
 * Build tools hand processors a wrapper around javac's {@link ProcessingEnvironment}, and {@code
 * Trees.instance} accepts only javac's own: the checker unwraps them as IntelliJ and Gradle build
 * them, and keeps reporting call sites; a wrapper it does not know costs the call-site checks, not
 * the build.
 */
class WrappedEnvironmentTest {
  private static final Source PROGRAM =
      source(
          "test.Main",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          import lib.Chan;
          import lib.Spawner;
          final class Main {
            @Transferable
            record Hello(Ports ports) {} // ferry:inherit-only-sent @ports

            static void start(Chan<Job> jobs, Ports ports) {
              jobs.send(new Job(1));
              Spawner.spawn(() -> {}, ports); // ferry:spawn-target @()
              Chan<Thread> threads = null; // ferry:not-transferable @Thread
            }
          }
          """);

  @Test
  void intellijProxy_callSiteErrorsStillReported() {
    // IntelliJ's handler is an anonymous class that captures `delegateTo`: javac names the
    // captured field `val$delegateTo`, which is what the checker looks for.
    assertThat(declaredFieldNames(intellijStyle(null).getClass())).isEmpty(); // a Proxy
    assertThat(declaredFieldNames(Proxy.getInvocationHandler(intellijStyle(null)).getClass()))
        .contains("val$delegateTo");
    wrappedIn(WrappedEnvironmentTest::intellijStyle).assertDiagnostics(PROGRAM);
  }

  @Test
  void gradleDelegate_callSiteErrorsStillReported() {
    wrappedIn(GradleStyleEnvironment::new).assertDiagnostics(PROGRAM);
  }

  @Test
  void wrappersAroundWrappers_areUnwrapped() {
    wrappedIn(env -> new GradleStyleEnvironment(intellijStyle(env))).assertDiagnostics(PROGRAM);
  }

  @Test
  void unknownWrapper_declarationsStillReportedWithoutCrash() {
    // No way to javac's trees: call sites go unchecked, as under the Eclipse compiler, and the
    // declaration rules are reported from process().
    wrappedIn(WrappedEnvironments::unknownStyle)
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import lib.Chan;
                final class Main {
                  @Transferable
                  record Hello(Ports ports) {} // ferry:inherit-only-sent @ports

                  Chan<Thread> threads;
                }
                """));
  }

  private static MarkedApi wrappedIn(UnaryOperator<ProcessingEnvironment> wrap) {
    return MarkedApi.fromClassPath(
        FerryCompiler.withProcessors(
            () -> List.of(new CodecProcessor(), new WrappingProcessor(new CheckerProcessor(), wrap))));
  }

  /** As IntelliJ's {@code JpsJavacFileManager}-era wrapper: a Proxy over the interface. */
  static ProcessingEnvironment intellijStyle(ProcessingEnvironment delegateTo) {
    return (ProcessingEnvironment)
        Proxy.newProxyInstance(
            WrappedEnvironmentTest.class.getClassLoader(),
            new Class<?>[] {ProcessingEnvironment.class},
            new InvocationHandler() {
              @Override
              public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getDeclaringClass() == Object.class) {
                  return method.invoke(this, args);
                }
                try {
                  return method.invoke(delegateTo, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }
            });
  }

  private static List<String> declaredFieldNames(Class<?> type) {
    return java.util.Arrays.stream(type.getDeclaredFields())
        .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
        .map(java.lang.reflect.Field::getName)
        .toList();
  }

  /** As Gradle's incremental-processing wrapper: a class holding the real one in {@code delegate}. */
  static final class GradleStyleEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleStyleEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

}
