package dev.ferry.processor.diagnostic;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * One declaration problem: the rule, the finest element to put it on, and the full message.
 *
 * @param annotation the annotation on {@code element} the problem is about, or null
 */
public record Problem(Rule rule, Element element, AnnotationMirror annotation, String message) {

  public static Problem on(Element element, Rule rule, String text) {
    return new Problem(rule, element, null, rule.format(text));
  }

  public static Problem onAnnotation(
      Element element, AnnotationMirror annotation, Rule rule, String text) {
    return new Problem(rule, element, annotation, rule.format(text));
  }
}
