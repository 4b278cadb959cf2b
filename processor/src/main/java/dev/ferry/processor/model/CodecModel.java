package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Everything the generator needs to write one codec, decided by the analyzer. The generator reads
 * only this; the originating element travels along solely so that the generated file names it
 * (incremental builds, IDE navigation).
 */
public sealed interface CodecModel {

  /** The annotated type, e.g. {@code com.acme.Job}. */
  ClassName type();

  /** The type the codec handles: the annotated type, with {@code ?} for each type parameter. */
  TypeName valueType();

  /** The generated class, e.g. {@code com.acme.Job_FerryCodec}. */
  ClassName codec();

  /** The shape description hashed into the fingerprint. */
  String shape();

  /** The fingerprint, {@code Fingerprint.of(shape())}. */
  long fingerprint();

  /** The element the codec is generated for: the annotated type, or the importing declaration. */
  Element origin();

  /**
   * Whether the type is {@code @InheritOnly}: its codec may write handles and is used only at
   * spawn, so it implements the runtime's {@code InheritOnlyCodec} marker, by which the runtime
   * refuses such values on a channel even in code compiled without the checker.
   */
  boolean inheritOnly();

  /**
   * The lint categories the generated class suppresses ({@code "deprecation"}, {@code
   * "removal"}): those of the deprecated elements it names, and no others, so that neither javac's
   * {@code -Xlint:all -Werror} nor ECJ's unnecessary-suppression warning fires on it.
   */
  List<String> suppressedWarnings();

  /**
   * The hand-written codecs ({@code @TransferableCodec}) that write parts of a value, at any
   * depth of its shape, in the order the shape names them: their bytes are theirs to change, so
   * the codec's {@code fingerprint()} mixes in theirs (empty for an enum).
   */
  default List<ClassName> handWrittenCodecs() {
    return List.of();
  }

  /**
   * The generated codecs of other compilations that write parts of a value, at any depth of its
   * shape, with the fingerprint each had as this compilation saw its type (empty for an enum). A
   * jar rebuilt from another version of such a type under this codec changes the codec it calls
   * but not this codec's {@code FINGERPRINT}, so the codec's {@code fingerprint()} mixes in, at
   * run time, those whose fingerprint on the class path is another.
   */
  default List<HeldCodec> heldCodecs() {
    return List.of();
  }

  /**
   * This model with {@code shape}, its fingerprint, the hand-written and the other compilations'
   * generated codecs it names, and the lint categories its class suppresses, which may grow by
   * those of the hand-written codecs.
   */
  CodecModel withShape(
      String shape,
      List<ClassName> handWrittenCodecs,
      List<HeldCodec> heldCodecs,
      List<String> suppressedWarnings);

  /** A generated codec another compilation wrote, and its fingerprint as this one computed it. */
  record HeldCodec(ClassName codec, long fingerprint) {}

  /**
   * A record or concrete class: its members in declaration order, and how to build one; {@code
   * subclassable} when the class is not final, so that a value may be of a subclass, which its
   * codec must refuse rather than cut down to this class.
   */
  record ValueModel(
      ClassName type,
      TypeName valueType,
      ClassName codec,
      String shape,
      long fingerprint,
      Element origin,
      boolean inheritOnly,
      List<Member> members,
      Construction construction,
      boolean subclassable,
      List<String> suppressedWarnings,
      List<ClassName> handWrittenCodecs,
      List<HeldCodec> heldCodecs)
      implements CodecModel {
    @Override
    public ValueModel withShape(
        String shape,
        List<ClassName> handWrittenCodecs,
        List<HeldCodec> heldCodecs,
        List<String> suppressedWarnings) {
      return new ValueModel(
          type, valueType, codec, shape, Fingerprint.of(shape), origin, inheritOnly, members,
          construction, subclassable, suppressedWarnings, handWrittenCodecs, heldCodecs);
    }
  }

  /** An annotated enum: written as its ordinal. */
  record EnumModel(
      ClassName type,
      TypeName valueType,
      ClassName codec,
      String shape,
      long fingerprint,
      Element origin,
      boolean inheritOnly,
      List<String> constants,
      List<String> suppressedWarnings)
      implements CodecModel {
    @Override
    public EnumModel withShape(
        String shape,
        List<ClassName> handWrittenCodecs,
        List<HeldCodec> heldCodecs,
        List<String> suppressedWarnings) {
      return new EnumModel(
          type, valueType, codec, shape, Fingerprint.of(shape), origin, inheritOnly, constants,
          suppressedWarnings);
    }
  }

  /** A sealed interface or abstract class: the index of the permitted subtype, then its body. */
  record SealedModel(
      ClassName type,
      TypeName valueType,
      ClassName codec,
      String shape,
      long fingerprint,
      Element origin,
      boolean inheritOnly,
      List<Subtype> subtypes,
      List<String> suppressedWarnings,
      List<ClassName> handWrittenCodecs,
      List<HeldCodec> heldCodecs)
      implements CodecModel {
    @Override
    public SealedModel withShape(
        String shape,
        List<ClassName> handWrittenCodecs,
        List<HeldCodec> heldCodecs,
        List<String> suppressedWarnings) {
      return new SealedModel(
          type, valueType, codec, shape, Fingerprint.of(shape), origin, inheritOnly, subtypes,
          suppressedWarnings, handWrittenCodecs, heldCodecs);
    }
  }

  /** A permitted subtype of a sealed type and its codec. */
  record Subtype(TypeName type, ClassName rawType, ClassName codec) {}

  /**
   * One member of a value type.
   *
   * @param name the member's name (record component or field)
   * @param shape how it is written
   * @param read how the codec reads it off a value
   * @param assign how the codec stores it when the type is built field by field; null when it is
   *     passed to a constructor
   * @param inexact whether the declared type has wildcards or type variables, so that the codec
   *     views the value through its erasure as the shape's exact type
   */
  record Member(String name, TypeShape shape, Access read, Access assign, boolean inexact) {}

  /**
   * How generated code reaches a member: directly as a field, or through a method, which may
   * declare checked exceptions ({@code getX() throws IOException}) that the codec must catch.
   */
  record Access(String name, boolean isMethod, Thrown thrown) {
    public static Access field(String name) {
      return new Access(name, false, Thrown.UNCHECKED);
    }

    public static Access method(String name, Thrown thrown) {
      return new Access(name, true, thrown);
    }
  }

  /**
   * What a constructor, accessor or setter declares it throws, as far as the codec, whose methods
   * declare nothing, must catch it: nothing checked; checked exceptions ({@code throws
   * IOException}); or a checked throwable that is no {@code Exception} ({@code throws Throwable},
   * or a class extending {@code Throwable}), which a {@code catch (Exception e)} does not take.
   */
  enum Thrown {
    UNCHECKED,
    EXCEPTIONS,
    THROWABLES;

    /** The wider of this and {@code other}: what code calling both must catch. */
    public Thrown and(Thrown other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /**
   * How a value type is built from its decoded members; {@code thrown}, what the constructor
   * declares, which the codec must catch.
   */
  sealed interface Construction {
    Thrown thrown();

    /**
     * Call a constructor with these members, in this order (the canonical one for records).
     *
     * @param rawCallUnchecked whether the compiler reports the codec's raw call of this constructor
     *     of a generic type as unchecked even though no parameter type changes under erasure (ECJ,
     *     for a compact constructor of a record with no components)
     */
    record ConstructorCall(List<String> arguments, Thrown thrown, boolean rawCallUnchecked)
        implements Construction {
      public ConstructorCall(List<String> arguments, Thrown thrown) {
        this(arguments, thrown, false);
      }
    }

    /** Call the no-argument constructor, then store each member with its {@code assign}. */
    record FieldByField(Thrown thrown) implements Construction {}
  }
}
