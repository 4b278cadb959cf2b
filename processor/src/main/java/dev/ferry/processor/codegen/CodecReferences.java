package dev.ferry.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * How a generated codec's methods name the {@code INSTANCE} of another generated codec. JavaPoet
 * writes a codec's class qualified where two the codec names share a simple name ({@code
 * in.acme.a.Color_FerryCodec} and {@code in.acme.b.Color_FerryCodec}), and in an expression a
 * qualified name's first identifier is a variable if one of that name is in scope (JLS 6.4.2):
 * in {@code read(ByteInput in)}, {@code in.acme.b.Color_FerryCodec.INSTANCE.read(in)} looked for
 * a field {@code acme} of the parameter ("cannot find symbol: variable acme, location: variable in
 * of type ByteInput"), and packages under {@code in} (India's domain) or {@code at} (Austria's)
 * are common. The codec's own variables that no other name avoids are its methods' parameters
 * and fixed locals; a codec whose package starts with one of them is reached through a static
 * method of the codec instead, whose body has no variables: {@code
 * codecOf_in_acme_b_Color_FerryCodec()}.
 * (Locals named after members avoid the packages of the codecs they call already: LocalNames.)
 */
final class CodecReferences {
  /** The parameters and fixed locals of generated methods: {@code write(out, value)}, .... */
  private static final Set<String> METHOD_VARIABLES =
      Set.of("in", "out", "value", "result", "at", "index", "ordinal");

  private CodecReferences() {}

  /** The expression for {@code codec}'s {@code INSTANCE}, a generated codec's, in a method. */
  static CodeBlock instance(ClassName codec) {
    return needsAccessor(codec)
        ? CodeBlock.of("$L()", accessorName(codec))
        : CodeBlock.of("$T.INSTANCE", codec);
  }

  /** Whether a method's variable would obscure the package {@code codec} is written in. */
  static boolean needsAccessor(ClassName codec) {
    String pkg = codec.packageName();
    int dot = pkg.indexOf('.');
    return METHOD_VARIABLES.contains(dot < 0 ? pkg : pkg.substring(0, dot));
  }

  /** The static method {@link #instance} calls for {@code codec}, returning its {@code INSTANCE}. */
  static MethodSpec accessor(ClassName codec) {
    return MethodSpec.methodBuilder(accessorName(codec))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(codec)
        .addStatement("return $T.INSTANCE", codec)
        .build();
  }

  private static String accessorName(ClassName codec) {
    return "codecOf_" + codec.canonicalName().replace('.', '_');
  }
}
