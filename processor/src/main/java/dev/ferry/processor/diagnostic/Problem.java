package dev.ferry.processor.diagnostic;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One declaration problem: the rule, the finest element to put it on, and the full message.
 *
 * @param annotation the annotation on {@code element} the problem is about, or null
 * @param value the value of {@code annotation} the problem is about (a class literal of {@code
 *     @TransferableImport}), or null
 */
public record Problem(
    Rule rule, Element element, AnnotationMirror annotation, AnnotationValue value, String message) {

  public static Problem on(Element element, Rule rule, String text) {
    return new Problem(rule, element, null, null, rule.format(text));
  }

  public static Problem onAnnotation(
      Element element, AnnotationMirror annotation, Rule rule, String text) {
    return new Problem(rule, element, annotation, null, rule.format(text));
  }

  public static Problem onValue(
      Element element, AnnotationMirror annotation, AnnotationValue value, Rule rule, String text) {
    return new Problem(rule, element, annotation, value, rule.format(text));
  }

  /** The same problem, put on a value of an annotation (it is about a class not compiled here). */
  public Problem movedTo(Element element, AnnotationMirror annotation, AnnotationValue value) {
    return new Problem(rule, element, annotation, value, message);
  }
}
