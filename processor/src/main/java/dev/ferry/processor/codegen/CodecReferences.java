package dev.ferry.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.ferry.processor.model.TypeShape;
import java.util.Collections;
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
 * method of the codec instead, whose body has no variables (a hand-written codec's too: {@link
 * #handWrittenAccessor}): {@code
 * codecOf_in_acme_b_Color_FerryCodec()}.
 * (Locals named after members avoid the packages of the codecs they call already: LocalNames.)
 *
 * <p>The codec's own static fields obscure a type of their name anywhere in the codec: with a
 * hand-written codec {@code class INSTANCE}, {@code INSTANCE.INSTANCE.write(out, t)} was the
 * codec's own {@code INSTANCE} ("incompatible types"), and {@code INSTANCE.INSTANCE.fingerprint()}
 * its own fingerprint, still unset where {@code FINGERPRINT_WITH_CODECS} mixes it in. Such a
 * codec is reached through the static method too, which names it by its qualified name ({@code
 * test.INSTANCE.INSTANCE}), as does {@link #outsideMethods}.
 */
final class CodecReferences {
  /** The parameters and fixed locals of generated methods: {@code write(out, value)}, .... */
  private static final Set<String> METHOD_VARIABLES =
      Set.of("in", "out", "value", "result", "at", "index", "ordinal");

  /**
   * The static fields a generated codec may declare besides its enums' constants (whose names
   * avoid the types the codec names: ShapeCode.newConstantsField).
   */
  static final Set<String> CODEC_FIELDS =
      Set.of("INSTANCE", "FINGERPRINT", "FINGERPRINT_WITH_CODECS", "CONSTANTS", "SUBTYPES");

  private CodecReferences() {}

  /** The expression for {@code codec}'s {@code INSTANCE} in a method. */
  static CodeBlock instance(ClassName codec) {
    return needsAccessor(codec)
        ? CodeBlock.of("$L()", accessorName(codec))
        : CodeBlock.of("$T.INSTANCE", codec);
  }

  /**
   * The expression for {@code codec}'s {@code INSTANCE} outside methods (a field's initializer),
   * where no variable but the codec's own fields is in scope.
   */
  static CodeBlock outsideMethods(ClassName codec) {
    return CodeBlock.of("$L.INSTANCE", unobscured(codec));
  }

  /**
   * Whether a method's variable would obscure the package {@code codec} is written in, or its
   * class (a hand-written {@code class out} of the codec's package: {@code out.INSTANCE.write(out,
   * t)} looked for a field {@code INSTANCE} of the parameter, "cannot find symbol"), or one of the
   * codec's own fields its class.
   */
  static boolean needsAccessor(ClassName codec) {
    String pkg = codec.packageName();
    int dot = pkg.indexOf('.');
    return METHOD_VARIABLES.contains(dot < 0 ? pkg : pkg.substring(0, dot))
        || METHOD_VARIABLES.contains(codec.simpleNames().get(0))
        || namedLikeAField(codec);
  }

  /** Whether the first name of {@code codec} as JavaPoet may write it is one of the codec's fields. */
  private static boolean namedLikeAField(ClassName codec) {
    return CODEC_FIELDS.contains(codec.simpleNames().get(0));
  }

  /**
   * {@code codec}'s name where no variable of a method is in scope: qualified if it is named like
   * one of the codec's own fields, which JavaPoet would write simple beside it. (In the unnamed
   * package no name reaches such a class; the codec does not compile there.)
   */
  private static CodeBlock unobscured(ClassName codec) {
    return namedLikeAField(codec) && !codec.packageName().isEmpty()
        ? CodeBlock.of("$L", codec.canonicalName())
        : CodeBlock.of("$T", codec);
  }

  /** The static method {@link #instance} calls for a generated {@code codec}. */
  static MethodSpec accessor(ClassName codec) {
    return MethodSpec.methodBuilder(accessorName(codec))
        .addJavadoc("The codec {@code $L}.\n\n@return it\n", codec.canonicalName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(codec)
        .addStatement("return $L", outsideMethods(codec))
        .build();
  }

  /**
   * The static method {@link #instance} calls for the hand-written codec of {@code a}. Its author
   * may declare {@code INSTANCE} as the codec's class, as {@code Codec<Temp>} or as a raw {@code
   * Codec<Raw>}; the method returns it as a {@code Codec} of the annotated type with wildcards for
   * its type arguments ({@code Codec<Box<?>>}), which is what its declaration rules require.
   */
  static MethodSpec handWrittenAccessor(TypeShape.Annotated a, ClassName codecInterface) {
    TypeName coded = a.javaType();
    if (coded instanceof ParameterizedTypeName p) {
      WildcardTypeName any = WildcardTypeName.subtypeOf(Object.class);
      coded =
          ParameterizedTypeName.get(
              p.rawType(),
              Collections.nCopies(p.typeArguments().size(), any).toArray(TypeName[]::new));
    }
    TypeName returned = ParameterizedTypeName.get(codecInterface, coded);
    TypeName any = ParameterizedTypeName.get(codecInterface, WildcardTypeName.subtypeOf(Object.class));
    return MethodSpec.methodBuilder(accessorName(a.codec()))
        .addJavadoc("The hand-written codec {@code $L}.\n\n@return it\n", a.codec().canonicalName())
        .addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(returned)
        .addStatement("return ($T) ($T) $L", returned, any, outsideMethods(a.codec()))
        .build();
  }

  private static String accessorName(ClassName codec) {
    return "codecOf_" + codec.canonicalName().replace('.', '_');
  }
}
