package dev.ferry.processor.codegen;

import static dev.ferry.processor.codegen.RuntimeNames.BUILT_IN_CODECS;
import static dev.ferry.processor.codegen.RuntimeNames.CONCURRENT_SNAPSHOTS;
import static dev.ferry.processor.codegen.RuntimeNames.DYNAMIC_CODEC;
import static dev.ferry.processor.codegen.RuntimeNames.OWN_CODECS;
import static dev.ferry.processor.codegen.RuntimeNames.REBUILT_COLLECTIONS;
import static dev.ferry.processor.codegen.RuntimeNames.TRANSFER_EXCEPTION;
import static dev.ferry.processor.codegen.RuntimeNames.WRITTEN_SIZES;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.model.CollectionKind;
import dev.ferry.processor.model.MapKind;
import dev.ferry.processor.model.PrimitiveKind;
import dev.ferry.processor.model.TypeShape;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the statements that encode or decode one member of a given {@link TypeShape}, recursing
 * into element types. Every read is assigned to a fresh local in wire order, so reads happen in
 * exactly the order the writes did; locals come from one {@link LocalNames} per method, so a
 * member named {@code out} cannot collide with the codec's own names.
 */
final class ShapeCode {
  private final LocalNames names;
  private final Map<TypeShape.EnumValue, String> enumConstantFields;
  private final UncheckedUses uses;

  /**
   * @param enumConstantFields collects, per enum written or read, the name of the codec's static
   *     field that maps its constants to their positions ({@code EnumConstants})
   * @param uses notes the unchecked casts the emitted code makes, for the method's suppression
   */
  ShapeCode(LocalNames names, Map<TypeShape.EnumValue, String> enumConstantFields, UncheckedUses uses) {
    this.names = names;
    this.enumConstantFields = enumConstantFields;
    this.uses = uses;
  }

  static Map<TypeShape.EnumValue, String> newEnumFieldMap() {
    return new LinkedHashMap<>();
  }

  /** Emits statements writing {@code expr}, a local or a side-effect-free expression. */
  void write(CodeBlock.Builder code, TypeShape shape, String expr) {
    if (shape instanceof TypeShape.Primitive p) {
      code.addStatement("out.$L($L)", writeMethod(p.kind()), expr);
    } else if (shape instanceof TypeShape.Boxed b) {
      code.beginControlFlow("if ($L == null)", expr).addStatement("out.writeNull()");
      code.nextControlFlow("else").addStatement("out.writePresence(true)");
      code.addStatement("out.$L($L)", writeMethod(b.kind()), expr).endControlFlow();
    } else if (shape instanceof TypeShape.Text t) {
      code.addStatement("out.writeString($L)", expr);
    } else if (shape instanceof TypeShape.EnumValue e) {
      code.addStatement(
          "out.writeVarInt($L == null ? 0 : $L.position($L) + 1)", expr, constantsField(e), expr);
    } else if (shape instanceof TypeShape.BuiltInValue v) {
      writeNullable(code, expr, CodeBlock.of("$T.$L", BUILT_IN_CODECS, v.type().codecField()));
    } else if (shape instanceof TypeShape.Annotated a) {
      writeNullable(code, expr, instance(a));
    } else if (shape instanceof TypeShape.Dynamic d) {
      code.addStatement("$T.INSTANCE.write(out, $L)", DYNAMIC_CODEC, expr);
    } else {
      writeContainer(code, shape, expr, true);
    }
  }

  /**
   * Writes an array, collection, map or optional, with its null marker if {@code mayBeNull}; a
   * value known not to be null (after {@link #refuseNull}) gets no test, which ECJ would report
   * as dead code.
   */
  private void writeContainer(
      CodeBlock.Builder code, TypeShape shape, String expr, boolean mayBeNull) {
    if (shape instanceof TypeShape.OptionalOf o) {
      if (mayBeNull) {
        code.beginControlFlow("if ($L == null)", expr).addStatement("out.writeByte(0)");
        code.nextControlFlow("else if ($L.isEmpty())", expr);
      } else {
        code.beginControlFlow("if ($L.isEmpty())", expr);
      }
      code.addStatement("out.writeByte(1)");
      code.nextControlFlow("else").addStatement("out.writeByte(2)");
      String present = local(code, o.element(), expr + ".get()");
      write(code, o.element(), present);
      code.endControlFlow();
      return;
    }
    if (mayBeNull) {
      code.beginControlFlow("if ($L == null)", expr).addStatement("out.writeNull()");
      code.nextControlFlow("else");
    }
    if (shape instanceof TypeShape.Array a) {
      writeArray(code, a, expr);
    } else if (shape instanceof TypeShape.Collection c) {
      if (c.kind() != CollectionKind.ENUM_SET) {
        expr = snapshot(code, shape, expr);
      }
      if (c.kind().build() == CollectionKind.Build.SORTED) {
        requireNaturalOrder(code, expr, c.kind().interfaceName());
      }
      String size = writeSize(code, expr);
      TypeName elementType = c.element().javaType().box();
      String nulls =
          !c.kind().build().refusesNull() && flagsNulls(c.element())
              ? writeNullsFlag(code, elementType, expr, CodeBlock.of("$L > 0", size))
              : null;
      String written = countWritten(code);
      String element = names.newName("element");
      code.beginControlFlow("for ($T $L : $L)", elementType, element, expr);
      code.addStatement("$L++", written);
      if (c.kind().build().refusesNull()) {
        refuseNull(code, element, c.kind().interfaceName(), c.kind().implementation());
        writePresent(code, c.element(), element);
      } else if (nulls != null) {
        writeFlagged(code, c.element(), element, nulls);
      } else {
        write(code, c.element(), element);
      }
      code.endControlFlow();
      requireWritten(code, size, written, c.kind().interfaceName());
    } else if (shape instanceof TypeShape.MapOf m) {
      if (m.kind() != MapKind.ENUM_MAP) {
        expr = snapshot(code, shape, expr);
      }
      if (m.kind() == MapKind.SORTED_MAP || m.kind() == MapKind.NAVIGABLE_MAP) {
        requireNaturalOrder(code, expr, m.kind().interfaceName());
      }
      String size = writeSize(code, expr);
      String written = countWritten(code);
      String entry = names.newName("entry");
      TypeName entryType =
          ParameterizedTypeName.get(
              ClassName.get(Map.Entry.class), m.key().javaType().box(), m.value().javaType().box());
      code.beginControlFlow("for ($T $L : $L.entrySet())", entryType, entry, expr);
      code.addStatement("$L++", written);
      String key = local(code, m.key(), entry + ".getKey()");
      if (!m.kind().isHashMap()) {
        refuseNull(code, key, m.kind().interfaceName(), m.kind().implementation());
        writePresent(code, m.key(), key);
      } else {
        write(code, m.key(), key);
      }
      String value = local(code, m.value(), entry + ".getValue()");
      write(code, m.value(), value);
      code.endControlFlow();
      requireWritten(code, size, written, m.kind().interfaceName());
    }
    if (mayBeNull) {
      code.endControlFlow();
    }
  }

  /**
   * Writes a value known not to be null (an element of a collection that holds no nulls): a box,
   * built-in value or annotated type without its presence byte; other shapes as usual (their null
   * marker is part of a length or ordinal and costs nothing). An annotated type whose codec may
   * write no bytes ({@link TypeShape#mayWriteNothing}) keeps the byte, always {@code 01}.
   */
  private void writePresent(CodeBlock.Builder code, TypeShape shape, String expr) {
    if (shape instanceof TypeShape.Boxed b) {
      code.addStatement("out.$L($L)", writeMethod(b.kind()), expr);
    } else if (shape instanceof TypeShape.BuiltInValue v) {
      code.addStatement("$T.$L.write(out, $L)", BUILT_IN_CODECS, v.type().codecField(), expr);
    } else if (shape instanceof TypeShape.Annotated a) {
      if (TypeShape.mayWriteNothing(a)) {
        code.addStatement("out.writePresence(true)");
      }
      code.addStatement("$L.write(out, $L)", instance(a), expr);
    } else if (isContainer(shape)) {
      writeContainer(code, shape, expr, false);
    } else {
      write(code, shape, expr);
    }
  }

  /** The {@code INSTANCE} of an annotated type's codec, generated or hand-written. */
  private static CodeBlock instance(TypeShape.Annotated a) {
    return CodecReferences.instance(a.codec());
  }

  private static boolean isContainer(TypeShape shape) {
    return shape instanceof TypeShape.Array
        || shape instanceof TypeShape.Collection
        || shape instanceof TypeShape.MapOf
        || shape instanceof TypeShape.OptionalOf;
  }

  /** Reads what {@link #writePresent} wrote into a new local; returns its name. */
  private String readPresent(CodeBlock.Builder code, TypeShape shape, String hint) {
    CodeBlock present = presentExpr(shape);
    if (present == null || TypeShape.mayWriteNothing(shape)) {
      return read(code, shape, hint);
    }
    String name = names.newName(hint);
    code.addStatement("$T $L = $L", shape.javaType(), name, present);
    return name;
  }

  /**
   * The expression reading a present value of a shape that otherwise carries a presence byte (a
   * box, built-in value or annotated type), or null for the other shapes.
   */
  private CodeBlock presentExpr(TypeShape shape) {
    TypeName type = shape.javaType();
    if (shape instanceof TypeShape.Boxed b) {
      return CodeBlock.of("$T.valueOf($L)", type, readExpr(b.kind()));
    }
    if (shape instanceof TypeShape.BuiltInValue v) {
      return CodeBlock.of("$T.$L.read(in)", BUILT_IN_CODECS, v.type().codecField());
    }
    if (shape instanceof TypeShape.Annotated a) {
      CodeBlock read = CodeBlock.of("$L.read(in)", instance(a));
      if (a.handWritten()) {
        // Its read could return null for bytes that hold a value: refused, not passed on.
        read =
            CodeBlock.of(
                "$T.readBack($L, $L, $S)",
                OWN_CODECS,
                read,
                instance(a),
                erasure(type) instanceof ClassName c ? c.reflectionName() : type.toString());
      }
      if (!(type instanceof ParameterizedTypeName p) || isUnboundedWildcards(p)) {
        return read;
      }
      uses.unchecked(); // the codec reads a Box<?>, the member is a Box<String>
      return CodeBlock.of("($T) $L", type, read);
    }
    return null;
  }

  /**
   * Whether elements of {@code shape} carry a presence byte that a collection or array holding no
   * null leaves out: a box, a built-in value, or an annotated type whose codec writes a byte or
   * more for every value (so that the reader's bound on the size, one byte per element, still
   * holds; a hand-written codec or an empty record keeps the byte).
   */
  private static boolean flagsNulls(TypeShape shape) {
    return shape instanceof TypeShape.Boxed
        || shape instanceof TypeShape.BuiltInValue
        || shape instanceof TypeShape.Annotated a && a.neverEmpty();
  }

  /**
   * Writes, for a non-empty collection or array of {@link #flagsNulls} elements, whether any
   * element is null (one byte, {@code 01} if so): only then do its elements carry presence bytes.
   * Returns the name of the local holding it.
   */
  private String writeNullsFlag(
      CodeBlock.Builder code, TypeName elementType, String expr, CodeBlock nonEmpty) {
    String nulls = names.newName("nulls");
    String probe = names.newName("element");
    code.addStatement("boolean $L = false", nulls);
    code.beginControlFlow("if ($L)", nonEmpty);
    code.beginControlFlow("for ($T $L : $L)", elementType, probe, expr);
    code.beginControlFlow("if ($L == null)", probe)
        .addStatement("$L = true", nulls)
        .addStatement("break")
        .endControlFlow();
    code.endControlFlow();
    code.addStatement("out.writePresence($L)", nulls);
    code.endControlFlow();
    return nulls;
  }

  /** Writes an element after {@link #writeNullsFlag}: with its presence byte only if {@code nulls}. */
  private void writeFlagged(CodeBlock.Builder code, TypeShape shape, String element, String nulls) {
    code.beginControlFlow("if ($L == null)", element);
    code.beginControlFlow("if (!$L)", nulls)
        .addStatement(
            "throw new $T($S)",
            ConcurrentModificationException.class,
            "a collection or array gained a null while it was written")
        .endControlFlow();
    code.addStatement("out.writeNull()");
    code.nextControlFlow("else");
    code.beginControlFlow("if ($L)", nulls).addStatement("out.writePresence(true)").endControlFlow();
    writePresent(code, shape, element);
    code.endControlFlow();
  }

  /** Reads the flag {@link #writeNullsFlag} wrote, for {@code size} elements; returns its local. */
  private String readNullsFlag(CodeBlock.Builder code, String size, String hint) {
    String nulls = names.newName(hint + "Nulls");
    code.addStatement("boolean $L = $L > 0 && in.readPresence()", nulls, size);
    return nulls;
  }

  /** Reads an element {@link #writeFlagged} wrote into a new local; returns its name. */
  private String readFlagged(CodeBlock.Builder code, TypeShape shape, String hint, String nulls) {
    String name = names.newName(hint);
    code.addStatement(
        "$T $L = $L && !in.readPresence() ? null : $L",
        shape.javaType(), name, nulls, presentExpr(shape));
    return name;
  }

  /** Declares a local holding {@code expr} and returns its name. */
  String local(CodeBlock.Builder code, TypeShape shape, String expr) {
    String name = names.newName("v");
    code.addStatement("$T $L = $L", shape.javaType().box(), name, expr);
    return name;
  }

  /**
   * A null element of a collection the reader rebuilds as a TreeSet, ArrayDeque or EnumSet (or a
   * null key of a TreeMap or EnumMap) could be written but not read: refuse it at the sender.
   */
  private static void refuseNull(
      CodeBlock.Builder code, String element, ClassName container, ClassName implementation) {
    code.beginControlFlow("if ($L == null)", element)
        .addStatement(
            "throw new $T($S)",
            IllegalArgumentException.class,
            Messages.article(container.simpleName()) + " " + container.simpleName()
                + " member holds null, which the receiving process cannot rebuild: it reads "
                + Messages.article(container.simpleName()) + " " + container.simpleName() + " as "
                + Messages.article(implementation.simpleName()) + " "
                + implementation.simpleName() + ", which holds no nulls; leave the null out, or"
                + " declare the member " + keepingNulls(container))
        .endControlFlow();
  }

  /**
   * Declares a local holding the collection or map {@code expr}, or a copy of it if it is a
   * concurrent one, which another thread may change while it is written and whose iteration may
   * give a key twice ({@code ConcurrentSnapshots}); returns its name. An {@code EnumSet} or
   * {@code EnumMap} is never concurrent.
   */
  private String snapshot(CodeBlock.Builder code, TypeShape shape, String expr) {
    String name = names.newName("snapshot");
    code.addStatement("$T $L = $T.of($L)", shape.javaType(), name, CONCURRENT_SNAPSHOTS, expr);
    return name;
  }

  /** Writes the size of the collection or map {@code expr} from a local, whose name it returns. */
  private String writeSize(CodeBlock.Builder code, String expr) {
    String size = names.newName("size");
    code.addStatement("int $L = $L.size()", size, expr);
    code.addStatement("out.writeSize($L)", size);
    return size;
  }

  /** Declares the count of the elements written after a {@link #writeSize}; returns its name. */
  private String countWritten(CodeBlock.Builder code) {
    String written = names.newName("written");
    code.addStatement("int $L = 0", written);
    return written;
  }

  /**
   * Refuses a collection or map whose iteration gave other than the size written before it (another
   * thread changed it between the two): its bytes would misplace everything after it for the
   * reader ({@code WrittenSizes}).
   */
  private static void requireWritten(
      CodeBlock.Builder code, String size, String written, ClassName container) {
    code.addStatement(
        "$T.requireWritten($L, $L, $S)", WRITTEN_SIZES, size, written, container.simpleName());
  }

  /**
   * A sorted member built with a comparator may hold what the reader's TreeSet or TreeMap, in
   * natural order, cannot (two elements natural order takes for one): refuse it at the sender,
   * before its size is written, where the receiver used to refuse the message.
   */
  private static void requireNaturalOrder(CodeBlock.Builder code, String expr, ClassName container) {
    code.addStatement(
        "$T.requireMemberInNaturalOrder($L, $S)", REBUILT_COLLECTIONS, expr, container.simpleName());
  }

  /** The interface to declare instead of {@code container} for a member that holds nulls. */
  private static String keepingNulls(ClassName container) {
    switch (container.simpleName()) {
      case "Queue":
      case "Deque":
        return "a List";
      case "SortedMap":
      case "NavigableMap":
      case "EnumMap":
        return "a Map";
      default:
        return "a Set";
    }
  }

  /** Fails reading when a collection that holds no nulls gets one from forged bytes. */
  private static void refuseNullRead(CodeBlock.Builder code, String element, ClassName container) {
    code.beginControlFlow("if ($L == null)", element)
        .addStatement(
            "throw new $T(\"null in a $L at offset \" + in.offset())",
            TRANSFER_EXCEPTION,
            container.simpleName())
        .endControlFlow();
  }

  /**
   * Refuses an element (or key) the collection being read already holds, which it would drop: the
   * bytes then hold more than the value read, so a value would arrive with less than was sent. A
   * writer's set or map can hold two such elements when it told them apart by another rule than
   * the one the reader's collection uses: an identity set's equal elements, or a sorted set's whose
   * comparator (which does not cross) tells apart what natural order takes for one, such as the
   * BigDecimals 1.0 and 1.00.
   */
  private static void refuseDuplicate(
      CodeBlock.Builder code, ClassName container, ClassName implementation) {
    boolean map = container.simpleName().endsWith("Map");
    String element = map ? "key" : "element";
    String cause =
        switch (implementation.simpleName()) {
          case "TreeSet", "TreeMap" ->
              " in their natural order (before offset \" + in.offset() + \"), which the "
                  + implementation.simpleName() + " it is read into would drop: the writer's "
                  + (map ? "map" : "set") + " was sorted by a comparator, which does not cross."
                  + " Keep its " + element + "s distinct in natural order"
                  + (map ? "" : ", or declare the member a List");
          case "LinkedHashSet", "LinkedHashMap" ->
              " (before offset \" + in.offset() + \"), which the " + implementation.simpleName()
                  + " it is read into would drop: the writer's " + (map ? "map" : "set")
                  + " told its " + element + "s apart by another rule than equals (an identity "
                  + (map ? "map" : "set") + "'s). Send distinct " + element + "s"
                  + (map ? "" : ", or declare the member a List");
          default -> " (before offset \" + in.offset() + \"): the bytes make no valid value";
        };
    code.addStatement(
        "throw new $T(\"$L $L holds $L $L equal to an earlier one$L\")",
        TRANSFER_EXCEPTION,
        Messages.article(container.simpleName()),
        container.simpleName(),
        Messages.article(element),
        element,
        cause);
  }

  private void writeNullable(CodeBlock.Builder code, String expr, CodeBlock codec) {
    code.beginControlFlow("if ($L == null)", expr).addStatement("out.writeNull()");
    code.nextControlFlow("else").addStatement("out.writePresence(true)");
    code.addStatement("$L.write(out, $L)", codec, expr).endControlFlow();
  }

  private void writeArray(CodeBlock.Builder code, TypeShape.Array array, String expr) {
    code.addStatement("out.writeSize($L.length)", expr);
    if (array.carriesComponentClass()) {
      code.addStatement("$T.writeComponentClass(out, $L)", DYNAMIC_CODEC, expr);
    }
    if (array.component() instanceof TypeShape.Primitive p) {
      if (p.kind() == PrimitiveKind.BYTE) {
        code.addStatement("out.writeBytes($L, 0, $L.length)", expr, expr);
      } else {
        code.addStatement("out.$L($L)", bulkName("write", p.kind()), expr);
      }
    } else {
      TypeName componentType = array.component().javaType();
      String nulls =
          flagsNulls(array.component())
              ? writeNullsFlag(code, componentType, expr, CodeBlock.of("$L.length != 0", expr))
              : null;
      String element = names.newName("element");
      code.beginControlFlow("for ($T $L : $L)", componentType, element, expr);
      if (nulls != null) {
        writeFlagged(code, array.component(), element, nulls);
      } else {
        write(code, array.component(), element);
      }
      code.endControlFlow();
    }
  }

  /** Emits statements reading a value of {@code shape} into a new local; returns its name. */
  String read(CodeBlock.Builder code, TypeShape shape, String hint) {
    String name = names.newName(hint);
    TypeName type = shape.javaType();
    if (shape instanceof TypeShape.Primitive p) {
      code.addStatement("$T $L = $L", type, name, readExpr(p.kind()));
    } else if (shape instanceof TypeShape.Boxed
        || shape instanceof TypeShape.BuiltInValue
        || shape instanceof TypeShape.Annotated) {
      code.addStatement("$T $L = in.readPresence() ? $L : null", type, name, presentExpr(shape));
    } else if (shape instanceof TypeShape.Text t) {
      code.addStatement("$T $L = in.readString()", type, name);
    } else if (shape instanceof TypeShape.EnumValue e) {
      String constants = constantsField(e);
      String ordinal = names.newName(hint + "Ordinal");
      code.addStatement("int $L = in.readEnumOrdinal($L.size())", ordinal, constants);
      code.addStatement("$T $L = $L < 0 ? null : $L.at($L)", type, name, ordinal, constants, ordinal);
    } else if (shape instanceof TypeShape.Dynamic d) {
      if (type.equals(ClassName.OBJECT)) {
        code.addStatement("$T $L = $T.INSTANCE.read(in)", type, name, DYNAMIC_CODEC);
      } else {
        readBounded(code, d, name);
      }
    } else if (shape instanceof TypeShape.Array a) {
      readArray(code, a, name);
    } else if (shape instanceof TypeShape.Collection c) {
      readCollection(code, c, name, hint);
    } else if (shape instanceof TypeShape.MapOf m) {
      readMap(code, m, name, hint);
    } else if (shape instanceof TypeShape.OptionalOf o) {
      String state = names.newName(hint + "State");
      code.addStatement("byte $L = in.readByte()", state);
      code.addStatement("$T $L", type, name);
      code.beginControlFlow("if ($L == 0)", state).addStatement("$L = null", name);
      code.nextControlFlow("else if ($L == 1)", state)
          .addStatement("$L = $T.empty()", name, Optional.class);
      code.nextControlFlow("else if ($L == 2)", state);
      String present = read(code, o.element(), "present");
      code.addStatement("$L = $T.ofNullable($L)", name, Optional.class, present);
      code.nextControlFlow("else");
      code.addStatement(
          "throw new $T(\"invalid Optional marker \" + $L + \" at offset \" + (in.offset() - 1))",
          TRANSFER_EXCEPTION, state);
      code.endControlFlow();
    }
    return name;
  }

  /**
   * Reads a value of a bounded type variable ({@code T extends Number}), refusing one of another
   * class: the raw constructor call the codec makes would otherwise store it unchecked.
   */
  private void readBounded(CodeBlock.Builder code, TypeShape.Dynamic shape, String name) {
    String at = names.newName(name + "At");
    String raw = names.newName(name + "Raw");
    code.addStatement("int $L = in.offset()", at);
    code.addStatement("$T $L = $T.INSTANCE.read(in)", Object.class, raw, DYNAMIC_CODEC);
    code.beginControlFlow("if ($L != null && !($L instanceof $T))", raw, raw, shape.erasure());
    code.addStatement(
        "throw new $T($S + $L + $S + $L.getClass().getName() + $S)",
        TRANSFER_EXCEPTION,
        "the value at offset ",
        at,
        " is a ",
        raw,
        ", not a " + erasure(shape.erasure()) + ", the bound of " + shape.variable());
    code.endControlFlow();
    code.addStatement("$T $L = ($T) $L", shape.erasure(), name, shape.erasure(), raw);
  }

  private void readCollection(
      CodeBlock.Builder code, TypeShape.Collection c, String name, String hint) {
    String size = names.newName(hint + "Size");
    CollectionKind.Build build = c.kind().build();
    code.addStatement("int $L = in.readSize(1)", size);
    code.addStatement("$T $L = null", c.javaType(), name);
    code.beginControlFlow("if ($L >= 0)", size);
    switch (build) {
      case SIZED, NO_NULLS ->
          code.addStatement("$L = new $T<>($L)", name, c.kind().implementation(), size);
      case SORTED -> code.addStatement("$L = new $T<>()", name, c.kind().implementation());
      case ENUMS ->
          code.addStatement(
              "$L = $T.noneOf($T.class)",
              name,
              c.kind().implementation(),
              ((TypeShape.EnumValue) c.element()).type());
    }
    boolean guarded =
        build == CollectionKind.Build.SORTED
            || c.kind().isHashSet() && runsUserCode(c.element());
    if (guarded) {
      code.beginControlFlow("try");
    }
    String nulls =
        !build.refusesNull() && flagsNulls(c.element()) ? readNullsFlag(code, size, hint) : null;
    String index = names.newName("i");
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", index, index, size, index);
    String element =
        build.refusesNull()
            ? readPresent(code, c.element(), "element")
            : nulls != null
                ? readFlagged(code, c.element(), "element", nulls)
                : read(code, c.element(), "element");
    if (build.refusesNull()) {
      refuseNullRead(code, element, c.kind().interfaceName());
    }
    if (c.kind().isHashSet() || build == CollectionKind.Build.SORTED
        || build == CollectionKind.Build.ENUMS) {
      code.beginControlFlow("if (!$L.add($L))", name, element);
      refuseDuplicate(code, c.kind().interfaceName(), c.kind().implementation());
      code.endControlFlow();
    } else {
      code.addStatement("$L.add($L)", name, element);
    }
    code.endControlFlow();
    if (guarded) {
      catchUnbuildable(code, c.kind().interfaceName());
    }
    code.endControlFlow();
  }

  private void readMap(CodeBlock.Builder code, TypeShape.MapOf m, String name, String hint) {
    String size = names.newName(hint + "Size");
    code.addStatement("int $L = in.readSize(2)", size);
    code.addStatement("$T $L = null", m.javaType(), name);
    code.beginControlFlow("if ($L >= 0)", size);
    switch (m.kind()) {
      case MAP, SEQUENCED_MAP -> code.addStatement("$L = new $T<>($L)", name, m.kind().implementation(), size);
      case SORTED_MAP, NAVIGABLE_MAP ->
          code.addStatement("$L = new $T<>()", name, m.kind().implementation());
      case ENUM_MAP ->
          code.addStatement(
              "$L = new $T<>($T.class)",
              name,
              m.kind().implementation(),
              ((TypeShape.EnumValue) m.key()).type());
    }
    boolean guarded = m.kind().sorted() || m.kind().isHashMap() && runsUserCode(m.key());
    if (guarded) {
      code.beginControlFlow("try");
    }
    String index = names.newName("i");
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", index, index, size, index);
    String key = !m.kind().isHashMap() ? readPresent(code, m.key(), "key") : read(code, m.key(), "key");
    if (!m.kind().isHashMap()) {
      refuseNullRead(code, key, m.kind().interfaceName());
    }
    String value = read(code, m.value(), "value");
    code.addStatement("$L.put($L, $L)", name, key, value);
    code.beginControlFlow("if ($L.size() != $L + 1)", name, index);
    refuseDuplicate(code, m.kind().interfaceName(), m.kind().implementation());
    code.endControlFlow();
    code.endControlFlow();
    if (guarded) {
      catchUnbuildable(code, m.kind().interfaceName());
    }
    code.endControlFlow();
  }

  /**
   * Ends the try around filling a set or map whose building runs code of the user's or of the
   * elements' classes ({@code compareTo}, {@code hashCode}, {@code equals}), which values read from
   * forged bytes may make throw: elements of a type variable that do not compare with each other
   * (a {@code ClassCastException}), a {@code compareTo} that meets a null member. The read's own
   * {@code TransferException} passes as it is.
   */
  private void catchUnbuildable(CodeBlock.Builder code, ClassName container) {
    String e = names.newName("e");
    code.nextControlFlow("catch ($T $L)", TRANSFER_EXCEPTION, e);
    code.addStatement("throw $L", e);
    code.nextControlFlow("catch ($T $L)", RuntimeException.class, e);
    code.addStatement(
        "throw new $T(\"elements that make no $L (comparing or hashing them threw \" + $L"
            + " + \") in a collection before offset \" + in.offset(), $L)",
        TRANSFER_EXCEPTION,
        container.simpleName(),
        e,
        e);
    code.endControlFlow();
  }

  /**
   * Whether adding a value of {@code shape} to a hash set runs code the JDK does not own: that of a
   * generated or hand-written type ({@code hashCode}, {@code equals}), or of whatever class a type
   * variable's value has.
   */
  private static boolean runsUserCode(TypeShape shape) {
    if (shape instanceof TypeShape.Annotated || shape instanceof TypeShape.Dynamic) {
      return true;
    }
    if (shape instanceof TypeShape.Collection c) {
      return runsUserCode(c.element());
    }
    if (shape instanceof TypeShape.MapOf m) {
      return runsUserCode(m.key()) || runsUserCode(m.value());
    }
    if (shape instanceof TypeShape.OptionalOf o) {
      return runsUserCode(o.element());
    }
    return false; // an array hashes by identity; a JDK value by its own code
  }

  private void readArray(CodeBlock.Builder code, TypeShape.Array array, String name) {
    String size = names.newName(name + "Size");
    TypeName type = array.javaType();
    if (array.component() instanceof TypeShape.Primitive p) {
      code.addStatement("int $L = in.readSize($L)", size, p.kind().arrayElementWidth());
      String read =
          p.kind() == PrimitiveKind.BYTE ? "readBytes" : bulkName("read", p.kind());
      code.addStatement("$T $L = $L < 0 ? null : in.$L($L)", type, name, size, read, size);
      return;
    }
    code.addStatement("int $L = in.readSize(1)", size);
    code.addStatement("$T $L = null", type, name);
    code.beginControlFlow("if ($L >= 0)", size);
    if (array.carriesComponentClass()) {
      // No cast to Object[], which is what it returns: -Xlint:cast would call it redundant.
      CodeBlock cast =
          type.equals(ArrayTypeName.of(ClassName.OBJECT))
              ? CodeBlock.of("")
              : CodeBlock.of("($T) ", type);
      code.addStatement(
          "$L = $L$T.readComponentClass(in, $T.class, $L)",
          name,
          cast,
          DYNAMIC_CODEC,
          erasure(array.component().javaType()),
          size);
    } else {
      code.addStatement("$L = $L", name, newArray(array.component().javaType(), size));
    }
    String nulls = flagsNulls(array.component()) ? readNullsFlag(code, size, name) : null;
    String index = names.newName("i");
    code.beginControlFlow("for (int $L = 0; $L < $L; $L++)", index, index, size, index);
    String element =
        nulls != null
            ? readFlagged(code, array.component(), "element", nulls)
            : read(code, array.component(), "element");
    if (array.carriesComponentClass()) {
      // The array's class came from the bytes: an element of another class is forged input,
      // which a plain store would report as an ArrayStoreException.
      code.addStatement("$T.store(in, $L, $L, $L)", DYNAMIC_CODEC, name, index, element);
    } else {
      code.addStatement("$L[$L] = $L", name, index, element);
    }
    code.endControlFlow().endControlFlow();
  }

  /**
   * {@code new T[size]}, or {@code new T[size][]} for an array component; a generic component is
   * created raw and cast, since Java cannot create generic arrays.
   */
  private CodeBlock newArray(TypeName component, String size) {
    TypeName base = component;
    StringBuilder dimensions = new StringBuilder();
    while (base instanceof ArrayTypeName a) {
      base = a.componentType();
      dimensions.append("[]");
    }
    if (base instanceof ParameterizedTypeName p && !isUnboundedWildcards(p)) {
      // With wildcards, not raw: javac reports a raw array creation under rawtypes, ECJ does not.
      // (A component of wildcards only, Box<?> for a Box<T> in a generic codec, is created as it
      // is: javac's -Xlint:cast calls a cast to it redundant.)
      TypeName[] wildcards = new TypeName[p.typeArguments().size()];
      Arrays.fill(wildcards, UNBOUNDED);
      ParameterizedTypeName created = ParameterizedTypeName.get(p.rawType(), wildcards);
      uses.unchecked();
      return CodeBlock.of(
          "($T) new $T[$L]$L", ArrayTypeName.of(component), created, size, dimensions);
    }
    return CodeBlock.of("new $T[$L]$L", base, size, dimensions);
  }

  private static final WildcardTypeName UNBOUNDED = WildcardTypeName.subtypeOf(Object.class);

  /** Whether every type argument of {@code type} is {@code ?}, as in {@code Box<?>}. */
  private static boolean isUnboundedWildcards(ParameterizedTypeName type) {
    return type.typeArguments().stream().allMatch(UNBOUNDED::equals);
  }

  /**
   * Whether a cast to {@code type} is checked at run time, so that javac calls no cast to it
   * unchecked: every type argument is {@code ?} ({@code Channel<?>}, {@code Box<?>[]}).
   */
  static boolean isReifiable(TypeName type) {
    if (type instanceof ParameterizedTypeName p) {
      return isUnboundedWildcards(p);
    }
    if (type instanceof ArrayTypeName a) {
      return isReifiable(a.componentType());
    }
    return !(type instanceof TypeVariableName);
  }

  /** {@code type} without type arguments, at any array depth: what a class literal may name. */
  static TypeName erasure(TypeName type) {
    if (type instanceof ParameterizedTypeName p) {
      return p.rawType();
    }
    if (type instanceof ArrayTypeName a) {
      return ArrayTypeName.of(erasure(a.componentType()));
    }
    return type;
  }

  /**
   * The codec's static field mapping {@code e}'s constants to their positions when it was compiled
   * ({@code EnumConstants}), which members of that enum are written and read by.
   */
  private String constantsField(TypeShape.EnumValue e) {
    return enumConstantFields.computeIfAbsent(e, value -> newConstantsField(value.type()));
  }

  /**
   * A new field name for an enum's constants, numbered when another enum's took it: enums of the
   * same simple name in two packages (or {@code Color} and {@code COLOR}) share the base name. Nor
   * may it be the simple name of a type the codec names ({@code enum E_CONSTANTS} beside {@code
   * enum E}), which the field would obscure where the codec calls {@code E_CONSTANTS.values()}.
   */
  private String newConstantsField(ClassName enumType) {
    String base =
        String.join("_", enumType.simpleNames()).toUpperCase(java.util.Locale.ROOT) + "_CONSTANTS";
    String name = base;
    for (int i = 2; enumConstantFields.containsValue(name) || names.isTaken(name); i++) {
      name = base + i;
    }
    return name;
  }

  private static String writeMethod(PrimitiveKind kind) {
    return switch (kind) {
      case BOOLEAN -> "writeBoolean";
      case BYTE -> "writeByte";
      case SHORT, INT -> "writeSignedVarInt";
      case CHAR -> "writeVarInt";
      case LONG -> "writeSignedVarLong";
      case FLOAT -> "writeFloat";
      case DOUBLE -> "writeDouble";
    };
  }

  private static String readExpr(PrimitiveKind kind) {
    return switch (kind) {
      case BOOLEAN -> "in.readBoolean()";
      case BYTE -> "in.readByte()";
      case SHORT -> "(short) in.readSignedVarInt()";
      case CHAR -> "(char) in.readVarInt()";
      case INT -> "in.readSignedVarInt()";
      case LONG -> "in.readSignedVarLong()";
      case FLOAT -> "in.readFloat()";
      case DOUBLE -> "in.readDouble()";
    };
  }

  private static String bulkName(String verb, PrimitiveKind kind) {
    String keyword = kind.keyword();
    return verb + Character.toUpperCase(keyword.charAt(0)) + keyword.substring(1) + "s";
  }
}
