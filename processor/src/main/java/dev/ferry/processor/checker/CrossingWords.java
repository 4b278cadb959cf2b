package dev.ferry.processor.checker;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What a message says a call does with a value that crosses, shared by both scanners. {@code
 * Codecs}' methods mark their values {@code @Sent}, as a channel does, but send nothing: {@code
 * encode} writes a value to bytes, {@code decode} reads one from bytes another process wrote, and
 * {@code of} gives the codec that does both; a message on them says so, and its fix ends "instead
 * of encoding it" (decoding it, asking for its codec), not "instead of sending it".
 */
final class CrossingWords {
  private CrossingWords() {}

  private static final String CODECS = "dev.ferry.Codecs";

  /** How a message says a value crosses at a call of {@code method} (null: not a call). */
  static String phrase(Crossing crossing, Element method) {
    if (crossing != Crossing.SENT) {
      return crossing.phrase();
    }
    return switch (codecsMethod(method)) {
      case "encode" -> "is written to bytes for another process to read";
      case "decode" -> "is read from bytes another process wrote";
      case "of" -> "is written to bytes and read back by the codec asked for";
      default -> crossing.phrase();
    };
  }

  /** What the fix of an @InheritOnly value says not to do at a call of {@code method}. */
  static String instead(Element method) {
    return switch (codecsMethod(method)) {
      case "encode" -> "encoding it";
      case "decode" -> "decoding it";
      case "of" -> "asking for its codec";
      default -> "sending it";
    };
  }

  /** The name of {@code method} when it is one of {@code Codecs}' own; "" otherwise. */
  private static String codecsMethod(Element method) {
    return method instanceof ExecutableElement
            && method.getEnclosingElement() instanceof TypeElement type
            && type.getQualifiedName().contentEquals(CODECS)
        ? method.getSimpleName().toString()
        : "";
  }
}
