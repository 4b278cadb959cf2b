package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.CodecMessages;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds a class of the user's that already has the name of a codec Ferry would generate: the
 * compiler refuses to write a second class of one name ("Attempt to recreate a file"), so the type
 * would get no codec. The class is looked up by binary name, since that is the name of its class
 * file: a top-level {@code Rich_FerryCodec}, or a nested {@code Ri.ch_FerryCodec} beside a record
 * {@code Ri$ch}. A codec does not count: of the type itself (hand-written, or generated earlier)
 * it is the one wanted, and one of another type whose codec has the same name is told as such.
 */
public final class TakenCodecNames {
  /** More {@code $} than this in a codec's name are not tried as nesting: 2^n lookups. */
  private static final int MAX_DOLLARS = 6;

  private TakenCodecNames() {}

  /** Why {@code type} cannot have its codec {@code codec}, if a class of the user's has the name. */
  static Optional<String> problem(CompiledTypes compiled, TypeElement type, ClassName codec) {
    String binary = codec.reflectionName();
    TypeElement taker = classOfBinaryName(compiled.elements(), binary);
    if (taker == null || compiled.declarations().valueTypeOf(taker).isPresent()) {
      return Optional.empty(); // a codec: of this type, or of another named alike, told as such
    }
    return Optional.of(
        CodecMessages.codecNameTakenByClass(
            type.getSimpleName().toString(), codec.canonicalName(), describe(taker, binary), taker.getSimpleName().toString()));
  }

  /**
   * Whether {@code codec}, a class found by the name of the codec of {@code type}, is a codec of
   * that type, rather than a class of the user's that only has the name: a codec generated for a
   * type that refers to {@code type} calls it.
   */
  public static boolean writes(CompiledTypes compiled, TypeElement codec, String type) {
    if (isFerrys(compiled.elements(), codec)) {
      // Channel's codec lives apart from its type, in Ferry's runtime, and holds a codec rather
      // than being one: counted as not a codec, every @InheritOnly type with a channel member
      // silently got no codec (the sample's Ports).
      return true;
    }
    return compiled
        .declarations()
        .valueTypeOf(codec)
        .filter(written -> written.getQualifiedName().contentEquals(type))
        .isPresent();
  }

  /** Whether {@code type} is Ferry's own, of its runtime's internal packages: no user's class. */
  private static boolean isFerrys(Elements elements, TypeElement type) {
    String name = elements.getPackageOf(type).getQualifiedName().toString();
    return name.equals(FERRY_INTERNAL) || name.startsWith(FERRY_INTERNAL + ".");
  }

  private static final String FERRY_INTERNAL = "dev.ferry.internal";

  /**
   * The class whose binary name is {@code binary}: each {@code $} of its simple name may be a
   * {@code $} of a name or the step into a nested class.
   */
  private static TypeElement classOfBinaryName(Elements elements, String binary) {
    int simple = binary.lastIndexOf('.') + 1;
    String packagePart = binary.substring(0, simple);
    String name = binary.substring(simple);
    int dollars = (int) name.chars().filter(c -> c == '$').count();
    if (dollars > MAX_DOLLARS) {
      dollars = 0; // only the name as written
    }
    for (int nesting = 0; nesting < 1 << dollars; nesting++) {
      TypeElement found = elements.getTypeElement(packagePart + nested(name, nesting));
      if (found != null && elements.getBinaryName(found).contentEquals(binary)) {
        return found;
      }
    }
    return null;
  }

  /** {@code name} with the {@code $}s whose bits are set in {@code nesting} read as nesting. */
  private static String nested(String name, int nesting) {
    StringBuilder canonical = new StringBuilder(name.length());
    int dollar = 0;
    for (char c : name.toCharArray()) {
      canonical.append(c == '$' && (nesting & 1 << dollar++) != 0 ? '.' : c);
    }
    return canonical.toString();
  }

  /** The class, with where it is declared: top-level in its package, or nested in another. */
  private static String describe(TypeElement taker, String binary) {
    Element enclosing = taker.getEnclosingElement();
    String kind = kindName(taker.getKind());
    return enclosing instanceof TypeElement outer
        ? kind + " `" + taker.getQualifiedName() + "`, nested in `" + outer.getQualifiedName()
            + "`, whose class file has that name (`" + binary + "`)"
        : "top-level " + kind + " `" + taker.getQualifiedName() + "`";
  }

  private static String kindName(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "interface";
      case ENUM:
        return "enum";
      case ANNOTATION_TYPE:
        return "annotation interface";
      default:
        return kind.name().equals("RECORD") ? "record" : "class";
    }
  }
}
