package dev.ferry.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.Map;

/**
 * The block tags of a generated codec's own methods. Every member of a codec is documented, and
 * a documented method's parameters and result too, so that a build compiling with {@code
 * -Xdoclint:all -Werror} (which asks that of private members as well) compiles the codecs: they
 * are compiled with the user's options, and doclint warned "no comment", then "no @param for out".
 */
final class GeneratedDocs {
  /** What each parameter name of a generated method holds; every such method uses these names. */
  private static final Map<String, String> PARAMETERS =
      Map.of(
          "out", "where the bytes are written",
          "in", "where the bytes are read from",
          "value", "what is written",
          "result", "the value being read, whose members this sets",
          "index", "the subtype's index");

  private GeneratedDocs() {}

  /**
   * Appends to {@code method}'s comment, which must already say what it does, a {@code @param} for
   * each of its parameters and, unless it returns nothing, {@code @return returns}.
   */
  static MethodSpec.Builder withTags(MethodSpec.Builder method, String returns) {
    MethodSpec built = method.build();
    CodeBlock.Builder tags = CodeBlock.builder().add("\n");
    for (ParameterSpec parameter : built.parameters()) {
      String meaning = PARAMETERS.get(parameter.name());
      if (meaning == null) {
        throw new IllegalArgumentException("undocumented parameter name: " + parameter.name());
      }
      tags.add("@param $L $L\n", parameter.name(), meaning);
    }
    if (!built.returnType().equals(TypeName.VOID)) {
      tags.add("@return $L\n", returns);
    }
    return method.addJavadoc(tags.build());
  }
}
