package dev.ferry.processor.validation;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The prefix Lombok's {@code @Accessors(prefix = ...)} strips from a field's name, on the field
 * or a class around it: for {@code @Accessors(prefix = "m") int mX}, Lombok names the getter
 * {@code getX()} and the parameter of the constructor it generates {@code x}. Ferry finds a
 * field's accessor and constructor parameter by the field's own name, so such a field is told in
 * words that name what Lombok wrote, not "add `mX()`", which Lombok never writes.
 *
 * <p>Lombok's rule: a name carries a prefix when it starts with it and, if the prefix ends in a
 * letter, the next character is not a lower-case letter ({@code mX} carries {@code m}, {@code
 * max} does not); the rest, its first letter in lower case, is the name the accessors use. A
 * prefix set in {@code lombok.config} is not visible to a processor, and goes unnamed.
 */
record LombokPrefix(String prefix, String stripped) {
  private static final String ACCESSORS = "lombok.experimental.Accessors";

  /** The prefix Lombok strips from {@code field}'s name, or null. */
  static LombokPrefix of(VariableElement field) {
    for (Element e = field; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      List<String> prefixes = prefixesOn(e);
      if (prefixes != null) {
        return matching(field.getSimpleName().toString(), prefixes);
      }
    }
    return null;
  }

  /** The prefixes of an {@code @Accessors} on {@code element}, or null if it has none set there. */
  private static List<String> prefixesOn(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (!annotation.getQualifiedName().contentEquals(ACCESSORS)) {
        continue;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          mirror.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals("prefix")
            && entry.getValue().getValue() instanceof List<?> values) {
          return values.stream()
              .map(value -> String.valueOf(((AnnotationValue) value).getValue()))
              .toList();
        }
      }
    }
    return null;
  }

  private static LombokPrefix matching(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (prefix.isEmpty() || !name.startsWith(prefix) || name.length() == prefix.length()) {
        continue;
      }
      char next = name.charAt(prefix.length());
      if (Character.isLetter(prefix.charAt(prefix.length() - 1)) && Character.isLowerCase(next)) {
        continue;
      }
      String rest = name.substring(prefix.length());
      return new LombokPrefix(prefix, Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
    }
    return null;
  }
}
