package dev.ferry.processor.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** javac's processing environment behind a build tool's wrapper, as Gradle's or IntelliJ's are. */
public final class WrappedEnvironments {
  private WrappedEnvironments() {}

  /** A wrapper the checker cannot see through: a Proxy whose handler is a lambda. */
  public static ProcessingEnvironment unknownStyle(ProcessingEnvironment env) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            return method.invoke(env, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (ProcessingEnvironment)
        Proxy.newProxyInstance(
            WrappedEnvironments.class.getClassLoader(),
            new Class<?>[] {ProcessingEnvironment.class},
            handler);
  }

  /** Hands a real processor the wrapped environment, as a build tool's processor loader does. */
  public static final class WrappingProcessor implements Processor {
    private final Processor delegate;
    private final UnaryOperator<ProcessingEnvironment> wrap;

    public WrappingProcessor(Processor delegate, UnaryOperator<ProcessingEnvironment> wrap) {
      this.delegate = delegate;
      this.wrap = wrap;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(wrap.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
