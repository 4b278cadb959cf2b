package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * How one member type is written: the generator's view of a Java type, with every decision about
 * its encoding already made by the analyzer. Generators switch over this sealed hierarchy and never
 * look at an {@code Element} or {@code TypeMirror}.
 */
public sealed interface TypeShape {

  /**
   * The Java type to declare locals of this shape with. Type variables of the generated type appear
   * as {@code Object}, since the codec itself is not generic.
   */
  TypeName javaType();

  /** A fragment of the shape description hashed into the fingerprint. */
  String describe();

  /**
   * Whether the codec of {@code shape} may write no bytes for a value (a hand-written codec, a
   * record with no members). Its values keep their presence byte even where they cannot be null:
   * the reader bounds a collection's size by the bytes left, one byte per element, and a {@code
   * Deque<Empty>} of two elements written as its size alone was refused as truncated.
   */
  static boolean mayWriteNothing(TypeShape shape) {
    return shape instanceof Annotated a && !a.neverEmpty();
  }

  /**
   * The description of an element or key of a collection that holds no nulls ({@code Deque},
   * {@code Queue}, the sorted kinds, an {@code EnumMap}'s key): marked {@code present} when it
   * keeps its presence byte ({@link #mayWriteNothing}). Those presence bytes were added later
   * (commit 31dc5ca), so the mark changes the fingerprints of the types whose bytes they changed,
   * and a reader refuses bytes from before instead of reading an element's body as its presence.
   */
  static String describeNeverNull(TypeShape shape) {
    return mayWriteNothing(shape) ? "present " + shape.describe() : shape.describe();
  }

  /** A primitive: {@code int}, {@code double}, and so on. Never null. */
  record Primitive(PrimitiveKind kind) implements TypeShape {
    @Override
    public TypeName javaType() {
      return kind.typeName();
    }

    @Override
    public String describe() {
      return kind.keyword();
    }
  }

  /** A primitive's box: written as a presence byte and the primitive. */
  record Boxed(PrimitiveKind kind) implements TypeShape {
    @Override
    public TypeName javaType() {
      return kind.typeName().box();
    }

    @Override
    public String describe() {
      return ((com.palantir.javapoet.ClassName) kind.typeName().box()).simpleName();
    }
  }

  /** {@code String}: null folds into its length. */
  record Text() implements TypeShape {
    @Override
    public TypeName javaType() {
      return ClassName.get(String.class);
    }

    @Override
    public String describe() {
      return "String";
    }
  }

  /** Any enum: written as {@code ordinal + 1}, 0 for null. */
  record EnumValue(ClassName type, List<String> constants) implements TypeShape {
    @Override
    public TypeName javaType() {
      return type;
    }

    @Override
    public String describe() {
      return "enum " + type.reflectionName() + constants;
    }
  }

  /** A JDK value type with a codec in the runtime's {@code BuiltInCodecs}. */
  record BuiltInValue(BuiltInType type) implements TypeShape {
    @Override
    public TypeName javaType() {
      return type.typeName();
    }

    @Override
    public String describe() {
      return type.qualifiedName();
    }
  }

  /** An array; primitive components are written in bulk. */
  record Array(TypeShape component) implements TypeShape {
    @Override
    public TypeName javaType() {
      return com.palantir.javapoet.ArrayTypeName.of(component.javaType());
    }

    @Override
    public String describe() {
      return component.describe() + (carriesComponentClass() ? "[class]" : "[]");
    }

    /**
     * Whether the array's type is built from a type variable ({@code T[]}, {@code T[][]}): Java
     * creates such an array with whatever class the writer chose ({@code new String[n]} for a
     * {@code Box<String>}), which the reader cannot know from the declaration, so its class name
     * travels with it.
     */
    public boolean carriesComponentClass() {
      return component instanceof Dynamic
          || (component instanceof Array inner && inner.carriesComponentClass());
    }
  }

  /** {@code List}, {@code Set}, {@code Collection}, a sorted set, a queue or an enum set. */
  record Collection(CollectionKind kind, TypeShape element) implements TypeShape {
    @Override
    public TypeName javaType() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          kind.interfaceName(), element.javaType().box());
    }

    @Override
    public String describe() {
      String held = kind.build().refusesNull() ? describeNeverNull(element) : element.describe();
      return kind.interfaceName().simpleName() + "<" + held + ">";
    }
  }

  /**
   * {@code Map<K, V>}, or a sorted or enum map. A plain map describes itself as {@code Map<K,V>},
   * as before the other kinds existed, so its fingerprints did not change.
   */
  record MapOf(MapKind kind, TypeShape key, TypeShape value) implements TypeShape {
    @Override
    public TypeName javaType() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          kind.interfaceName(), key.javaType().box(), value.javaType().box());
    }

    @Override
    public String describe() {
      String held = kind.isHashMap() ? key.describe() : describeNeverNull(key);
      return kind.interfaceName().simpleName() + "<" + held + "," + value.describe() + ">";
    }
  }

  /** {@code Optional<T>}: 0 for a null reference, 1 for empty, 2 for a present value. */
  record OptionalOf(TypeShape element) implements TypeShape {
    @Override
    public TypeName javaType() {
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.get(java.util.Optional.class), element.javaType().box());
    }

    @Override
    public String describe() {
      return "Optional<" + element.describe() + ">";
    }
  }

  /**
   * An annotated type with a generated codec ({@code @Transferable}, or {@code @InheritOnly} inside
   * another {@code @InheritOnly} type).
   *
   * @param declaredType the member's type as written, with its type arguments
   * @param codec the generated codec class
   * @param shapeName the qualified name hashed into the fingerprint, with the codec's own
   *     fingerprint mixed in by the analyzer
   * @param neverEmpty whether the codec writes at least one byte for every value (a generated codec
   *     of an enum, a sealed type, or a type with members; not a hand-written one), so that a
   *     collection of such values needs no presence byte per element to bound its size on reading
   */
  record Annotated(TypeName declaredType, ClassName codec, String shapeName, boolean neverEmpty)
      implements TypeShape {
    @Override
    public TypeName javaType() {
      return declaredType;
    }

    @Override
    public String describe() {
      return shapeName;
    }

    /** How the shape names a hand-written codec ({@code @TransferableCodec}): this, its name. */
    public static final String HAND_WRITTEN = "codec ";

    /** Whether the codec is hand-written, so that its read may return what no generated one does. */
    public boolean handWritten() {
      return shapeName.startsWith(HAND_WRITTEN);
    }
  }

  /**
   * A type variable of the generated type: the value's run-time class picks the encoding.
   *
   * @param erasure the variable's erasure, its first bound's ({@code Number} for {@code T extends
   *     Number & Comparable<T>}, {@code Object} when unbounded), with {@code ?} for each type
   *     parameter of a generic bound ({@code Comparable<?>}): locals are declared with it, so that
   *     a raw call of the type's constructor, whose parameters are erased the same way, accepts
   *     them
   */
  record Dynamic(String variable, TypeName erasure) implements TypeShape {
    @Override
    public TypeName javaType() {
      return erasure;
    }

    @Override
    public String describe() {
      return "dynamic";
    }
  }
}
