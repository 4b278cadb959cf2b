package dev.ferry.processor.codegen;

import static dev.ferry.processor.codegen.RuntimeNames.BYTE_INPUT;
import static dev.ferry.processor.codegen.RuntimeNames.BYTE_OUTPUT;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ferry.processor.model.CodecModel;
import dev.ferry.processor.model.CodecModel.Member;
import dev.ferry.processor.model.CodecModel.Thrown;
import dev.ferry.processor.model.TypeShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the code of a value codec's members, and, for a codec too large for one method ({@code
 * apart}), the methods it calls: a method per member of a compound type ({@code private static
 * void writeMemberN(ByteOutput out, M value)} and {@code private static M readMemberN(ByteInput
 * in)}, N the member's index), and, when even those calls and the other members pass {@link
 * #INLINE_LIMIT}, a nested class per part of the members ({@code MembersNToM}, with {@code static
 * void write(ByteOutput out, T value)} and {@code static void read(ByteInput in, T result)}),
 * which holds the methods of its compound members too. Each method has its own locals and
 * suppressions.
 */
final class ApartMethods {
  /**
   * The length of code, in characters, past which a codec's members of {@link #isCompound compound}
   * types get methods of their own: at most about 20 KiB of bytecode (see {@link #inlineLengths}).
   */
  static final int INLINE_LIMIT = 60_000;

  /** About the length of the code calling a member's or part's own method, with its local. */
  private static final int CALL_LENGTH = 100;

  private final TypeSpec.Builder codec;
  private final CodecModel.ValueModel model;
  private final boolean generic;
  private final boolean apart;
  private final LocalNames avoidingNamed;
  private final Map<TypeShape.EnumValue, String> enumFields;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final Set<String> simpleNames = new HashSet<>();

  /** Where methods are added: the codec, or the nested class of the part being written. */
  private TypeSpec.Builder target;

  /**
   * {@code members} cut, in order, into parts whose inline code is at most {@link #INLINE_LIMIT}
   * characters each, for a codec too large for one method: a class of thousands of fields, whose
   * every member is short (an {@code int}, a {@code String}) but whose write and read methods
   * together pass 64 KiB of bytecode. A member of a compound type counts only its call, since it
   * has methods of its own. Each part is a nested class of its own,
   * since a class file holds at most 65,535 constants (field and method references, names), which
   * a codec of some 22,000 fields, or 11,000 with accessors and setters, would pass in one class
   * ("too many constants").
   */
  static List<List<Member>> parts(List<Member> members, List<Integer> lengths) {
    List<List<Member>> parts = new ArrayList<>();
    int from = 0;
    int length = 0;
    for (int i = 0; i < members.size(); i++) {
      int own = isCompound(members.get(i).shape()) ? CALL_LENGTH : lengths.get(i) + CALL_LENGTH;
      if (i > from && length + own > INLINE_LIMIT) {
        parts.add(members.subList(from, i));
        from = i;
        length = 0;
      }
      length += own;
    }
    parts.add(members.subList(from, members.size()));
    return parts;
  }

  /**
   * The length of each member's code inline, the longer of its write and its read, a stand-in for
   * its bytecode: javac and ECJ refuse a method of more than 64 KiB of bytecode ("code too large"),
   * and the generated code takes well over 3 characters per byte of it (4.4 to 5 in a record of
   * 254 {@code Map<String, List<Optional<Integer>>>} components, 57 and 61 KiB).
   */
  static List<Integer> inlineLengths(
      CodecModel.ValueModel model, LocalNames avoidingNamed, Map<TypeShape.EnumValue, String> enumFields) {
    Map<TypeShape.EnumValue, String> scratchFields = new LinkedHashMap<>(enumFields);
    ShapeCode writes = new ShapeCode(avoidingNamed.fresh(), scratchFields, new UncheckedUses());
    ShapeCode reads = new ShapeCode(avoidingNamed.fresh(), scratchFields, new UncheckedUses());
    List<Integer> lengths = new ArrayList<>();
    for (Member member : model.members()) {
      CodeBlock.Builder write = CodeBlock.builder();
      CodeBlock.Builder read = CodeBlock.builder();
      writes.write(write, member.shape(), "value");
      reads.read(read, member.shape(), member.name());
      lengths.add(Math.max(write.build().toString().length(), read.build().toString().length()));
    }
    return lengths;
  }

  /**
   * Whether writing and reading {@code shape} takes loops or branches of its own, which a codec too
   * large for one method moves to a method per member.
   */
  private static boolean isCompound(TypeShape shape) {
    return shape instanceof TypeShape.Array
        || shape instanceof TypeShape.Collection
        || shape instanceof TypeShape.MapOf
        || shape instanceof TypeShape.OptionalOf;
  }

  ApartMethods(
      TypeSpec.Builder codec,
      CodecModel.ValueModel model,
      boolean generic,
      boolean apart,
      List<TypeName> named,
      LocalNames avoidingNamed,
      Map<TypeShape.EnumValue, String> enumFields) {
    this.codec = codec;
    this.model = model;
    this.generic = generic;
    this.apart = apart;
    this.avoidingNamed = avoidingNamed;
    this.enumFields = enumFields;
    this.target = codec;
    for (TypeName type : named) {
      if (type instanceof ParameterizedTypeName p) {
        simpleNames.addAll(p.rawType().simpleNames());
      } else if (type instanceof ClassName c) {
        simpleNames.addAll(c.simpleNames());
      }
    }
    for (Member member : model.members()) {
      indexes.put(member.name(), indexes.size());
    }
  }

  /**
   * The statements writing {@code members} of {@code value}, in a try that wraps what an
   * accessor throws when one declares checked exceptions.
   */
  CodeBlock writeMembers(List<Member> members, LocalNames names, UncheckedUses uses) {
    ShapeCode writes = new ShapeCode(names, enumFields, uses);
    CodeBlock.Builder write = CodeBlock.builder();
    for (Member member : members) {
      String access = "value." + access(member.read());
      if (member.shape() instanceof TypeShape.Primitive) {
        writes.write(write, member.shape(), access);
        continue;
      }
      String local = names.newName(member.name());
      TypeName type = member.shape().javaType();
      if ((generic || member.inexact())
          && !isVariableOrArrayOfIt(member.shape())
          && !ShapeCode.erasure(type).equals(type)) {
        // The codec sees Box<?>, or a member declared List<? extends T>: such types mention
        // captured variables, which Java cannot name, so the value is viewed through its
        // erasure as the shape's exact type. (A T or T[] is one of its bound's, which the
        // local's type, Comparable<?> for T extends Comparable<T>, takes as it is.)
        CodecGenerator.rawCast(type, uses);
        // A cast to a reifiable type (Channel<?>) is checked: ECJ calls suppressing it needless.
        if (!ShapeCode.isReifiable(type)) {
          uses.unchecked();
        }
        write.addStatement(
            "$T $L = ($T) ($T) $L", type, local, type, ShapeCode.erasure(type), access);
      } else {
        write.addStatement("$T $L = $L", type, local, access);
      }
      if (apart && isCompound(member.shape())) {
        write.addStatement("$L(out, $L)", writeMember(member), local);
      } else {
        writes.write(write, member.shape(), local);
      }
    }
    Thrown thrown = Thrown.UNCHECKED;
    for (Member member : members) {
      thrown = thrown.and(member.read().thrown());
    }
    if (thrown == Thrown.UNCHECKED) {
      return write.build();
    }
    return CatchClauses.catchingChecked(
        write.build(),
        names.newName("e"),
        thrown,
        ClassName.get(IllegalStateException.class),
        "an accessor of " + model.type().canonicalName() + " threw ");
  }

  /** Adds statements reading {@code members} into new locals; returns their names. */
  List<String> readMembers(
      CodeBlock.Builder read, List<Member> members, LocalNames names, UncheckedUses uses) {
    ShapeCode reads = new ShapeCode(names, enumFields, uses);
    List<String> locals = new ArrayList<>();
    for (Member member : members) {
      if (apart && isCompound(member.shape())) {
        String local = names.newName(member.name());
        read.addStatement("$T $L = $L(in)", member.shape().javaType(), local, readMember(member));
        locals.add(local);
      } else {
        locals.add(reads.read(read, member.shape(), member.name()));
      }
    }
    return locals;
  }

  /**
   * Adds the nested class writing the members of {@code part} and, if {@code withRead}, reading
   * them and storing them in {@code result}, built already; returns its name.
   */
  String partClass(List<Member> part, boolean withRead) {
    String name = className("Members" + range(part));
    TypeSpec.Builder previous = target;
    target =
        TypeSpec.classBuilder(name)
            .addJavadoc("Writes$L $L.\n", withRead ? " and reads" : "", rangeNames(part))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    UncheckedUses writeUses = new UncheckedUses();
    CodeBlock write = writeMembers(part, avoidingNamed.fresh(), writeUses);
    add(
        MethodSpec.methodBuilder("write")
            .addParameter(BYTE_OUTPUT, "out")
            .addParameter(model.valueType(), "value"),
        write,
        writeUses);
    if (withRead) {
      UncheckedUses readUses = new UncheckedUses();
      if (generic) {
        readUses.rawType();
      }
      LocalNames names = avoidingNamed.fresh();
      CodeBlock.Builder read = CodeBlock.builder();
      List<String> locals = readMembers(read, part, names, readUses);
      read.add(
          CatchClauses.refusingInvalid(
              CodecGenerator.storing(part, locals, readUses, generic),
              names.newName("e"),
              part.stream()
                  .map(m -> m.assign().thrown())
                  .reduce(Thrown.UNCHECKED, Thrown::and),
              model.type().canonicalName()));
      add(
          MethodSpec.methodBuilder("read")
              .addParameter(BYTE_INPUT, "in")
              .addParameter(model.type(), "result"),
          read.build(),
          readUses);
    }
    target.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addJavadoc("Not instantiated: it holds static methods.\n")
            .build());
    codec.addType(target.build());
    target = previous;
    return name;
  }

  /**
   * {@code name}, or with underscores after it if the codec names a type of that simple name,
   * which a nested class would shadow.
   */
  private String className(String name) {
    String candidate = name;
    while (simpleNames.contains(candidate)) {
      candidate += "_";
    }
    return candidate;
  }

  /** Adds the method writing {@code member}; returns its name. */
  private String writeMember(Member member) {
    UncheckedUses uses = new UncheckedUses();
    CodeBlock.Builder body = CodeBlock.builder();
    shapeCode(uses).write(body, member.shape(), "value");
    return add(
        MethodSpec.methodBuilder("writeMember" + indexes.get(member.name()))
            .addJavadoc("Writes {@code $L}.\n", member.name())
            .addParameter(BYTE_OUTPUT, "out")
            .addParameter(member.shape().javaType(), "value"),
        body.build(),
        uses);
  }

  /** Adds the method reading {@code member}; returns its name. */
  private String readMember(Member member) {
    UncheckedUses uses = new UncheckedUses();
    CodeBlock.Builder body = CodeBlock.builder();
    String local = shapeCode(uses).read(body, member.shape(), member.name());
    body.addStatement("return $L", local);
    return add(
        MethodSpec.methodBuilder("readMember" + indexes.get(member.name()))
            .addJavadoc("Reads {@code $L}.\n", member.name())
            .addParameter(BYTE_INPUT, "in")
            .returns(member.shape().javaType()),
        body.build(),
        uses);
  }

  private String range(List<Member> part) {
    return indexes.get(part.get(0).name()) + "To" + indexes.get(part.get(part.size() - 1).name());
  }

  private static String rangeNames(List<Member> part) {
    return "{@code "
        + part.get(0).name()
        + "} to {@code "
        + part.get(part.size() - 1).name()
        + "}";
  }

  private ShapeCode shapeCode(UncheckedUses uses) {
    return new ShapeCode(avoidingNamed.fresh(), enumFields, uses);
  }

  private String add(MethodSpec.Builder method, CodeBlock body, UncheckedUses uses) {
    if (method.build().javadoc().isEmpty()) {
      method.addJavadoc(
          "$L the members of this part.\n", method.build().name().startsWith("read") ? "Reads" : "Writes");
    }
    GeneratedDocs.withTags(method, "the member read");
    method.addModifiers(Modifier.PRIVATE, Modifier.STATIC).addCode(body);
    uses.suppressOn(method);
    MethodSpec built = method.build();
    target.addMethod(built);
    return built.name();
  }

  /** Whether {@code shape} is a type variable's, or an array of them at any depth. */
  private static boolean isVariableOrArrayOfIt(TypeShape shape) {
    TypeShape component = shape;
    while (component instanceof TypeShape.Array array) {
      component = array.component();
    }
    return component instanceof TypeShape.Dynamic;
  }

  private static String access(CodecModel.Access access) {
    return access.isMethod() ? access.name() + "()" : access.name();
  }
}
