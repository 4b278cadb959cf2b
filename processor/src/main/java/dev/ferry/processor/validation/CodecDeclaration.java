package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * A codec declared in this compilation that does not live beside its type: one class literal of a
 * {@code @TransferableImport}, or a {@code @TransferableCodec} class.
 *
 * @param type the type the codec writes
 * @param codec the codec class: generated in the declarer's package for an import, the annotated
 *     class itself when hand-written
 * @param declarer the annotated type or package
 * @param annotation the annotation on {@code declarer}
 * @param literal the class literal of an import, where its problems are reported; null when
 *     hand-written
 */
public record CodecDeclaration(
    TypeElement type,
    ClassName codec,
    Element declarer,
    AnnotationMirror annotation,
    AnnotationValue literal) {

  /** The tail of {@link #declarerName} for a package's {@code package-info.java}. */
  static final String PACKAGE_INFO = ".package-info";

  /**
   * The declarer by name, as the index of an import's codec records it: the binary name of the
   * annotated type ({@code app.Main$Imports}), or {@code app.package-info} for a package.
   */
  public String declarerName() {
    return declarer instanceof PackageElement p
        ? p.getQualifiedName() + PACKAGE_INFO
        : ClassName.get((TypeElement) declarer).reflectionName();
  }

  public boolean handWritten() {
    return literal == null;
  }

  /** Where the codec is declared, for messages: {@code @TransferableImport on `App`}. */
  public String describe() {
    return handWritten()
        ? "the hand-written codec `" + codec.simpleName() + "`"
        : "@TransferableImport on `" + declarer.getSimpleName() + "`";
  }
}
