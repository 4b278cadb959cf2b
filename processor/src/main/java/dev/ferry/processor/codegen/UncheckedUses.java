package dev.ferry.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What one generated method's code does that javac's {@code rawtypes} and {@code unchecked} lints
 * report, noted by the code that emits it, so that the method suppresses exactly those categories:
 * javac with {@code -Xlint:all -Werror} needs every one, and ECJ warns about an unnecessary one.
 *
 * <p>Generated code names a raw type only where both compilers report it (a cast through an
 * erasure, a raw constructor call or local of a generic type), never in an array creation, which
 * javac reports and ECJ does not: a generic array is created with wildcards ({@code new
 * List<?>[n]}) and cast.
 */
final class UncheckedUses {
  private boolean rawTypes;
  private boolean unchecked;

  /** The code names a raw type: {@code (List) value.items()}, {@code new Box(...)}. */
  void rawType() {
    rawTypes = true;
  }

  /**
   * The code casts to a parameterized type, or calls a constructor or setter of a raw type whose
   * parameter types change under erasure.
   */
  void unchecked() {
    unchecked = true;
  }

  /** Adds the {@code @SuppressWarnings} the noted uses need, if any, to {@code method}. */
  void suppressOn(MethodSpec.Builder method) {
    List<CodeBlock> tokens = new ArrayList<>(2);
    if (unchecked) {
      tokens.add(CodeBlock.of("$S", "unchecked"));
    }
    if (rawTypes) {
      tokens.add(CodeBlock.of("$S", "rawtypes"));
    }
    if (tokens.isEmpty()) {
      return;
    }
    CodeBlock value =
        tokens.size() == 1 ? tokens.get(0) : CodeBlock.of("{$L}", CodeBlock.join(tokens, ", "));
    method.addAnnotation(
        AnnotationSpec.builder(SuppressWarnings.class).addMember("value", value).build());
  }
}
