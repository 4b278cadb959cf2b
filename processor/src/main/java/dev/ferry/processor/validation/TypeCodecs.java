package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.hasCodec;
import static dev.ferry.processor.validation.GeneratedTypeNames.codecName;
import static dev.ferry.processor.validation.NameableTypes.hasCanonicalName;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * Which codec a type is written with: the one generated beside an annotated type, else one this
 * compilation or a jar declares for it (an import, a hand-written codec). Where the type is a
 * value's that crosses at a call site ({@code crossingValue}), the codec is the one the runtime
 * finds, which may sit in a package its module only opens to Ferry's runtime
 * ({@link CodecDeclarations#codecAtRunTime}); a member's must be one its holder's codec can call.
 * Apart from {@link MemberTypes}, which decides what the type's values are, since the codec is
 * asked for on its own too (a sealed type's subtypes, a model's codec name).
 */
public final class TypeCodecs {
  private final CompiledTypes compiled;

  TypeCodecs(CompiledTypes compiled) {
    this.compiled = compiled;
  }

  /**
   * Whether {@code element} is an inner (non-static) member class with a hand-written codec: no
   * generated codec could build it (its constructor needs an instance of the class around it), but
   * it has a name a child process finds it by, and a codec written by hand builds it as it can.
   */
  boolean isInnerWithHandWrittenCodec(TypeElement element, boolean crossingValue) {
    if (!hasCanonicalName(element) || hasCodec(element)) {
      return false;
    }
    java.util.Optional<ClassName> codec = declaredCodec(element, crossingValue);
    return codec.isPresent() && compiled.declarations().isHandWritten(codec.get());
  }

  /**
   * For a crossing value of a class another processor generated ({@code ImmutableFoo}), its value
   * type ({@code Foo}) if that has a codec written by hand: the runtime writes a value of a class
   * without a codec of its own by its supertype's hand-written codec, so {@code
   * foos.send(ImmutableFoo.builder().x(1).build())} crosses as {@code Foo v = ...; foos.send(v)}
   * does; a channel's type argument is such a value too, and reads back what that codec builds,
   * the generated class. A member declared so is still told to name the value type: its generated
   * codec would hand a {@code Foo} to a constructor that wants an {@code ImmutableFoo}.
   */
  TypeElement valueTypeWithHandWrittenCodec(TypeElement element, boolean crossingValue) {
    if (!crossingValue) {
      return null;
    }
    TypeElement valueType =
        ValueGenerators.implementedBy(element)
            .map(ValueGenerators.Implementation::valueType)
            .orElse(null);
    CodecDeclarations declarations = compiled.declarations();
    return valueType != null
            && declaredCodec(valueType, crossingValue)
                .filter(declarations::isHandWritten)
                .isPresent()
        ? valueType
        : null;
  }

  /**
   * The codec of a type that carries no Ferry annotation: for a value that crosses at a call site,
   * one the runtime finds; for a member, one its type's codec can call.
   */
  java.util.Optional<ClassName> declaredCodec(TypeElement element, boolean crossingValue) {
    CodecDeclarations declarations = compiled.declarations();
    return crossingValue ? declarations.codecAtRunTime(element) : declarations.codecOf(element);
  }

  /**
   * The codec of a type: generated beside it when it is annotated, else imported or hand-written
   * (in this compilation or a jar), if any.
   */
  public java.util.Optional<ClassName> codecOf(TypeElement element) {
    return hasCodec(element)
        ? java.util.Optional.of(codecName(element))
        : compiled.declarations().codecOf(element);
  }

  /** Whether a type has a codec ({@link #codecOf}), without naming it. */
  public boolean hasCodecFor(TypeElement element) {
    return hasCodec(element) || compiled.declarations().codecOf(element).isPresent();
  }
}
