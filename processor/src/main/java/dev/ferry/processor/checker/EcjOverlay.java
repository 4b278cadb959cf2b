package dev.ferry.processor.checker;

import java.lang.annotation.Annotation;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.TypeMirror;

/**
 * A mirror of Ferry's over one of ECJ's, for what ECJ's gets wrong ({@link EcjParameterized},
 * {@link EcjCapture}): its annotations are those of ECJ's mirror.
 */
abstract class EcjOverlay<M extends TypeMirror> implements TypeMirror {
  final M ecj;

  EcjOverlay(M ecj) {
    this.ecj = ecj;
  }

  @Override
  public List<? extends AnnotationMirror> getAnnotationMirrors() {
    return ecj.getAnnotationMirrors();
  }

  @Override
  public <A extends Annotation> A getAnnotation(Class<A> annotationType) {
    return ecj.getAnnotation(annotationType);
  }

  @Override
  public <A extends Annotation> A[] getAnnotationsByType(Class<A> annotationType) {
    return ecj.getAnnotationsByType(annotationType);
  }
}
