package dev.ferry.processor.validation;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Finds Ferry's annotations by name, so that they are seen on types compiled now and on types read
 * from jars (they have CLASS retention), without the annotations' classes on the processor path.
 */
public final class FerryAnnotations {
  public static final String TRANSFERABLE = "dev.ferry.annotation.Transferable";
  public static final String INHERIT_ONLY = "dev.ferry.annotation.InheritOnly";
  public static final String SENT = "dev.ferry.annotation.Sent";
  public static final String SPAWN_ARGUMENT = "dev.ferry.annotation.SpawnArgument";
  public static final String SPAWN_TARGET = "dev.ferry.annotation.SpawnTarget";
  public static final String TRANSFERABLE_IMPORT = "dev.ferry.annotation.TransferableImport";
  public static final String TRANSFERABLE_CODEC = "dev.ferry.annotation.TransferableCodec";

  /** The annotations that declare codecs: the ones Ferry's processors ask javac for. */
  public static final java.util.Set<String> DECLARING_CODECS =
      java.util.Set.of(TRANSFERABLE, INHERIT_ONLY, TRANSFERABLE_IMPORT, TRANSFERABLE_CODEC);

  private FerryAnnotations() {}

  public static boolean isTransferable(Element element) {
    return find(element, TRANSFERABLE).isPresent();
  }

  public static boolean isInheritOnly(Element element) {
    return find(element, INHERIT_ONLY).isPresent();
  }

  /** Whether a parameter or type parameter is marked {@code @Sent}. */
  public static boolean isSent(Element element) {
    return find(element, SENT).isPresent();
  }

  /** Whether the element carries either type annotation, so it has a generated codec. */
  public static boolean hasCodec(Element element) {
    return isTransferable(element) || isInheritOnly(element);
  }

  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      Element type = mirror.getAnnotationType().asElement();
      if (type instanceof TypeElement t && t.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The nearest {@code @InheritOnly} superclass of an unannotated class, or null. */
  static TypeElement inheritOnlySuperclass(TypeElement element) {
    return nearestSuperclass(element, FerryAnnotations::isInheritOnly);
  }

  /** The nearest {@code @Transferable} superclass of an unannotated class, or null. */
  static TypeElement transferableSuperclass(TypeElement element) {
    return nearestSuperclass(element, FerryAnnotations::isTransferable);
  }

  private static TypeElement nearestSuperclass(
      TypeElement element, java.util.function.Predicate<TypeElement> test) {
    TypeMirror superclass = element.getSuperclass();
    while (superclass instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type) {
      if (test.test(type)) {
        return type;
      }
      superclass = type.getSuperclass();
    }
    return null;
  }
}
