package dev.ferry.processor.codegen;

import static dev.ferry.processor.codegen.RuntimeNames.BYTE_INPUT;
import static dev.ferry.processor.codegen.RuntimeNames.BYTE_OUTPUT;
import static dev.ferry.processor.codegen.RuntimeNames.CODEC;
import static dev.ferry.processor.codegen.RuntimeNames.ENUM_CONSTANTS;
import static dev.ferry.processor.codegen.RuntimeNames.FINGERPRINTS;
import static dev.ferry.processor.codegen.RuntimeNames.HELD_CODECS;
import static dev.ferry.processor.codegen.RuntimeNames.INHERIT_ONLY_CODEC;
import static dev.ferry.processor.codegen.RuntimeNames.RUNTIME_RULES;
import static dev.ferry.processor.codegen.RuntimeNames.TRANSFER_EXCEPTION;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ferry.processor.model.CodecModel;
import dev.ferry.processor.model.CodecModel.Construction;
import dev.ferry.processor.model.CodecModel.Member;
import dev.ferry.processor.model.CodecModel.Thrown;
import dev.ferry.processor.model.TypeShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Modifier;

/**
 * Writes the codec class of one {@link CodecModel}: a final class named {@code Type_FerryCodec}
 * beside the type, with a {@code public static final INSTANCE}, a compile-time {@code FINGERPRINT},
 * and {@code write}/{@code read} methods that call the {@code ByteOutput}/{@code ByteInput}
 * primitives directly: no reflection, no boxing of primitive members, no stream layers.
 */
public final class CodecGenerator {
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  /** The characters of held codecs one string constant takes, far below its 65,535 bytes. */
  private static final int HELD_CODECS_PER_CONSTANT = 16_000;

  private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");

  private final String generatorName;

  /** @param generatorName the value of the {@code @Generated} annotation on every codec */
  public CodecGenerator(String generatorName) {
    this.generatorName = generatorName;
  }

  /**
   * The codec of {@code model}.
   *
   * @param canNameGenerated whether the codec's module reads {@code java.compiler}, the module of
   *     {@code @javax.annotation.processing.Generated}: every class path compilation does, but a
   *     named module only when it requires it, and a codec naming it would not compile there
   */
  public JavaFile generate(CodecModel model, boolean canNameGenerated) {
    TypeSpec.Builder codec =
        TypeSpec.classBuilder(model.codec())
            .addOriginatingElement(model.origin())
            .addJavadoc("The Ferry codec of {@link $T}, generated at compile time.\n", model.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(
                ParameterizedTypeName.get(
                    model.inheritOnly() ? INHERIT_ONLY_CODEC : CODEC, model.valueType()))
            .addField(
                FieldSpec.builder(
                        model.codec(), "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The one instance, which Ferry's runtime and other codecs use.\n")
                    .initializer("new $T()", model.codec())
                    .build())
            .addField(
                FieldSpec.builder(
                        TypeName.LONG, "FINGERPRINT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The hash of this shape: {@code $L}\n", escape(model.shape()))
                    .initializer("$L", hex(model.fingerprint()))
                    .build())
            .addMethod(onlyInstance());
    String fingerprint = "FINGERPRINT";
    CodeBlock inUse = CodeBlock.of("FINGERPRINT");
    if (!model.handWrittenCodecs().isEmpty()) {
      // A hand-written codec's bytes are its author's: its fingerprint, not the shape, says
      // when they change, and a value holding its type must not be read with another format.
      List<CodeBlock> parts = new ArrayList<>(List.of(inUse));
      for (ClassName handWritten : model.handWrittenCodecs()) {
        parts.add(CodeBlock.of("$L.fingerprint()", CodecReferences.outsideMethods(handWritten)));
      }
      inUse = CodeBlock.of("$T.mix($L)", FINGERPRINTS, CodeBlock.join(parts, ", "));
    }
    if (!model.heldCodecs().isEmpty()) {
      // Another jar's codec may be rebuilt from another version of its type under this one,
      // whose FINGERPRINT then no longer says what the bytes hold (see HeldCodecs).
      inUse =
          CodeBlock.of(
              "$T.mixChanged($L, $T.lookup(), $L)",
              HELD_CODECS,
              inUse,
              METHOD_HANDLES,
              heldCodecsArguments(model.heldCodecs()));
    }
    if (!model.handWrittenCodecs().isEmpty() || !model.heldCodecs().isEmpty()) {
      fingerprint = "FINGERPRINT_WITH_CODECS";
      codec.addField(
          FieldSpec.builder(
                  TypeName.LONG, fingerprint, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "{@link #FINGERPRINT} mixed with the fingerprints of the hand-written codecs"
                      + " that write parts of a value, and of the generated codecs of other"
                      + " compilations that do, where this class path holds another version.\n")
              .initializer("$L", inUse)
              .build());
    }
    codec.addMethod(
        MethodSpec.methodBuilder("fingerprint")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(TypeName.LONG)
            .addStatement("return $L", fingerprint)
            .build());
    if (canNameGenerated) {
      codec.addAnnotation(
          AnnotationSpec.builder(GENERATED).addMember("value", "$S", generatorName).build());
    }
    if (!model.suppressedWarnings().isEmpty()) {
      // The codec names deprecated elements of a legal program: its own type, a member's type, an
      // accessor. A build with -Xlint:all -Werror must still compile it.
      List<CodeBlock> warnings =
          model.suppressedWarnings().stream().map(w -> CodeBlock.of("$S", w)).toList();
      CodeBlock value =
          warnings.size() == 1
              ? warnings.get(0)
              : CodeBlock.of("{$L}", CodeBlock.join(warnings, ", "));
      codec.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class).addMember("value", value).build());
    }

    Map<TypeShape.EnumValue, String> enumFields = ShapeCode.newEnumFieldMap();
    if (model instanceof CodecModel.ValueModel value) {
      addValueMethods(codec, value, enumFields);
    } else if (model instanceof CodecModel.EnumModel enumModel) {
      addEnumMethods(codec, enumModel, enumFields);
    } else if (model instanceof CodecModel.SealedModel sealed) {
      SealedMethods.addTo(codec, sealed);
    }
    calledCodecs(model).forEach(codec::addMethod);
    enumFields.forEach(
        (enumValue, field) ->
            codec.addField(
                FieldSpec.builder(
                        ParameterizedTypeName.get(ENUM_CONSTANTS, enumValue.type()),
                        field,
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .addJavadoc(
                        "The constants of {@link $T} this codec was compiled against.\n",
                        enumValue.type())
                    .initializer(
                        "$T.of($L, $L)",
                        ENUM_CONSTANTS,
                        enumValues(enumValue.type()),
                        joinedNames(enumValue.constants()))
                    .build()));

    // java.lang types are imported explicitly (JavaPoet's default): a class of the user's package
    // named Override or Integer would otherwise shadow them in the codec, which lives there too.
    return JavaFile.builder(model.codec().packageName(), codec.build()).build();
  }

  /**
   * {@code E.values()}, or {@code E.class.getEnumConstants()} where the codec has a static field of
   * E's simple name: the field obscures the type in an expression (JLS 6.4.2), so {@code enum
   * INSTANCE}'s constants were read as {@code INSTANCE.values()}, a call on the codec's own
   * {@code INSTANCE} ("cannot find symbol: method values()"; {@code enum FINGERPRINT}: "long
   * cannot be dereferenced"). A nested enum is read so too: a field of its enclosing type named
   * like it ({@code int Color} beside {@code enum Color}) obscures it the same way in {@code
   * Holder.Color.values()} ("non-static variable Color cannot be referenced"). A class literal
   * names a type wherever it stands, in the unnamed package too.
   */
  private static CodeBlock enumValues(ClassName enumType) {
    return CodecReferences.CODEC_FIELDS.contains(enumType.simpleNames().get(0))
            || enumType.enclosingClassName() != null
        ? CodeBlock.of("$T.class.getEnumConstants()", enumType)
        : CodeBlock.of("$T.values()", enumType);
  }

  /**
   * The constants' names joined by commas, as a string literal; as several joined at run time
   * where one literal would pass the class file's limit of 65,535 bytes (names are ASCII or not,
   * so each part is kept to a fifth of it).
   */
  private static CodeBlock joinedNames(List<String> constants) {
    String joined = String.join(",", constants);
    int part = 13_000;
    if (joined.length() <= part) {
      return CodeBlock.of("$S", joined);
    }
    List<CodeBlock> parts = new ArrayList<>();
    for (int from = 0; from < joined.length(); from += part) {
      parts.add(CodeBlock.of("$S", joined.substring(from, Math.min(joined.length(), from + part))));
    }
    return CodeBlock.of("$T.join(\"\", $L)", String.class, CodeBlock.join(parts, ", "));
  }

  static MethodSpec.Builder writeMethod(CodecModel model) {
    return MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(BYTE_OUTPUT, "out")
        .addParameter(model.valueType(), "value");
  }

  static MethodSpec.Builder readMethod(CodecModel model) {
    return MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(BYTE_INPUT, "in")
        .returns(model.valueType());
  }

  private void addValueMethods(
      TypeSpec.Builder codec, CodecModel.ValueModel model, Map<TypeShape.EnumValue, String> enumFields) {
    boolean generic = model.valueType() instanceof ParameterizedTypeName;

    // Only a codec that calls other codecs counts depth: every cycle of types passes through one,
    // so leaf types (most of them) pay nothing, and writer and reader count the same levels.
    boolean countsDepth = model.members().stream().anyMatch(m -> callsCodecs(m.shape()));
    List<TypeName> named = namedTypes(model);
    LocalNames avoidingNamed = LocalNames.avoiding(named);
    List<Integer> lengths = ApartMethods.inlineLengths(model, avoidingNamed, enumFields);
    boolean apart = lengths.stream().mapToInt(Integer::intValue).sum() > ApartMethods.INLINE_LIMIT;
    ApartMethods apartMethods =
        new ApartMethods(codec, model, generic, apart, named, avoidingNamed, enumFields);
    List<List<Member>> parts =
        apart ? ApartMethods.parts(model.members(), lengths) : List.of(model.members());
    boolean readByParts =
        parts.size() > 1 && model.construction() instanceof Construction.FieldByField;
    List<String> partClasses =
        parts.size() == 1
            ? List.of()
            : parts.stream().map(part -> apartMethods.partClass(part, readByParts)).toList();

    UncheckedUses writeUses = new UncheckedUses();
    CodeBlock.Builder write = CodeBlock.builder();
    if (model.subclassable()) {
      // A subclass's own members would be lost: refuse it instead of cutting it down to this class.
      write
          .beginControlFlow("if (value.getClass() != $T.class)", model.type())
          .addStatement("throw $T.notExactly($T.class, value)", RUNTIME_RULES, model.type())
          .endControlFlow();
    }
    if (countsDepth) {
      write.addStatement("out.enter($S)", model.type().reflectionName());
    }
    if (parts.size() == 1) {
      write.add(apartMethods.writeMembers(model.members(), avoidingNamed.fresh(), writeUses));
    } else {
      for (String part : partClasses) {
        write.addStatement("$L.write(out, value)", part);
      }
    }
    if (countsDepth) {
      write.addStatement("out.exit()");
    }
    MethodSpec.Builder writeMethod = writeMethod(model).addCode(write.build());

    LocalNames readNames = avoidingNamed.fresh();
    UncheckedUses readUses = new UncheckedUses();
    CodeBlock.Builder read = CodeBlock.builder();
    if (countsDepth) {
      read.addStatement("in.enter()");
    }
    if (generic) {
      readUses.rawType();
    }
    if (readByParts) {
      // Too many members for one method (a class of thousands of fields: "code too large"):
      // build the value first, then read and store its members part by part.
      read.addStatement("$T result", model.type());
      read.add(
          CatchClauses.refusingInvalid(
              CodeBlock.of("result = new $T();\n", model.type()),
              readNames.newName("e"),
              model.construction().thrown(),
              model.type().canonicalName()));
      for (String part : partClasses) {
        read.addStatement("$L.read(in, result)", part);
      }
      if (countsDepth) {
        read.addStatement("in.exit()");
      }
      read.addStatement("return result");
    } else {
      List<String> locals = apartMethods.readMembers(read, model.members(), readNames, readUses);
      if (countsDepth) {
        read.addStatement("in.exit()");
      }
      CodeBlock.Builder build = CodeBlock.builder();
      Thrown buildThrows = model.construction().thrown();
      if (model.construction() instanceof Construction.ConstructorCall call) {
        List<CodeBlock> arguments = new ArrayList<>();
        for (String argument : call.arguments()) {
          int index = indexOf(model.members(), argument);
          Member member = model.members().get(index);
          arguments.add(decoded(member, locals.get(index), readUses, generic));
          noteRawCall(readUses, generic, member);
        }
        if (call.rawCallUnchecked()) {
          readUses.unchecked();
        }
        // Raw for a generic type, whose type arguments the codec does not know: a diamond would
        // infer them from the decoded members, declared with erased types, which fails for
        // bounded variables (Ranked<T extends Comparable<T>>: "cannot infer type arguments"); the
        // raw call takes erased parameters, exactly what it gets.
        build.addStatement("return new $T($L)", model.type(), CodeBlock.join(arguments, ", "));
      } else {
        // Raw for a generic type: the decoded members have erased types, as the fields do.
        build.addStatement("$T result = new $T()", model.type(), model.type());
        build.add(storing(model.members(), locals, readUses, generic));
        build.addStatement("return result");
        for (Member member : model.members()) {
          buildThrows = buildThrows.and(member.assign().thrown());
        }
      }
      read.add(
          CatchClauses.refusingInvalid(
              build.build(),
              readNames.newName("e"),
              buildThrows,
              model.type().canonicalName()));
    }
    MethodSpec.Builder readMethod = readMethod(model).addCode(read.build());
    writeUses.suppressOn(writeMethod);
    readUses.suppressOn(readMethod);
    codec.addMethod(writeMethod.build()).addMethod(readMethod.build());
  }

  /**
   * The statements storing each of {@code members} (built field by field), decoded into {@code
   * locals}, in {@code result}: a setter call or a field assignment.
   */
  static CodeBlock storing(
      List<Member> members, List<String> locals, UncheckedUses uses, boolean generic) {
    CodeBlock.Builder store = CodeBlock.builder();
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      noteRawCall(uses, generic, member);
      CodeBlock value = decoded(member, locals.get(i), uses, generic);
      if (member.assign().isMethod()) {
        store.addStatement("result.$L($L)", member.assign().name(), value);
      } else {
        store.addStatement("result.$L = $L", member.assign().name(), value);
      }
    }
    return store.build();
  }

  /**
   * {@code local}, decoded as the member's shape ({@code Set<List<Shape>>}), as the value its
   * constructor parameter, setter or field takes. For a member declared with wildcards ({@code
   * Set<List<? extends Shape>>}) that is the raw type: Java converts {@code List<Shape>} to {@code
   * List<? extends Shape>} only at the top, not inside another type's arguments, and the shape
   * cannot name the declared type. (A generic type is built raw, so it takes any of its members.)
   */
  private static CodeBlock decoded(
      Member member, String local, UncheckedUses uses, boolean generic) {
    TypeName type = member.shape().javaType();
    if (generic || !member.inexact() || ShapeCode.erasure(type).equals(type)) {
      return CodeBlock.of("$L", local);
    }
    rawCast(type, uses);
    uses.unchecked();
    return CodeBlock.of("($T) $L", ShapeCode.erasure(type), local);
  }

  /**
   * Notes a cast to {@code type}'s erasure: a raw type for ECJ's {@code rawtypes} ({@code
   * (List) value.items()}), but not an array of one ({@code (SortedMap[]) value.maps()}), which
   * neither compiler reports, and ECJ calls suppressing it needless.
   */
  static void rawCast(TypeName type, UncheckedUses uses) {
    if (!(ShapeCode.erasure(type) instanceof ArrayTypeName)) {
      uses.rawType();
    }
  }

  /**
   * The private constructor of a codec, documented as every member of a generated codec is: a
   * build that compiles with {@code -Xdoclint:all -Werror} compiles the codecs too.
   */
  private static MethodSpec onlyInstance() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("No other instance: use {@link #INSTANCE}.\n")
        .build();
  }

  /**
   * Notes that the read method passes {@code member} to a constructor, setter or field of the raw
   * {@code Box}: unchecked when the parameter's type changes under erasure ({@code T}, {@code
   * List<String>}, {@code T[]}), as javac and ECJ both report.
   */
  private static void noteRawCall(UncheckedUses uses, boolean generic, Member member) {
    if (generic
        && (member.inexact()
            || anyPart(member.shape(), s -> s.javaType() instanceof ParameterizedTypeName))) {
      uses.unchecked();
    }
  }

  /** The types a value codec names: its own, its members' (at any depth) and their codecs. */
  private static List<TypeName> namedTypes(CodecModel.ValueModel model) {
    List<TypeName> types = new ArrayList<>(List.of(model.type(), model.codec()));
    for (Member member : model.members()) {
      anyPart(
          member.shape(),
          shape -> {
            types.add(shape.javaType());
            if (shape instanceof TypeShape.Annotated a) {
              types.add(a.codec());
            }
            return false;
          });
    }
    return types;
  }

  /**
   * The static methods through which {@code model}'s methods call the codecs that need them
   * ({@link CodecReferences}), in the order first met: its members' codecs (at any depth) or its
   * subtypes'.
   */
  private static List<MethodSpec> calledCodecs(CodecModel model) {
    Map<ClassName, MethodSpec> called = new LinkedHashMap<>();
    if (model instanceof CodecModel.ValueModel value) {
      for (Member member : value.members()) {
        anyPart(
            member.shape(),
            shape -> {
              if (shape instanceof TypeShape.Annotated a
                  && CodecReferences.needsAccessor(a.codec())
                  && !called.containsKey(a.codec())) {
                called.put(
                    a.codec(),
                    a.handWritten()
                        ? CodecReferences.handWrittenAccessor(a, CODEC)
                        : CodecReferences.accessor(a.codec()));
              }
              return false;
            });
      }
    } else if (model instanceof CodecModel.SealedModel sealed) {
      for (CodecModel.Subtype subtype : sealed.subtypes()) {
        if (CodecReferences.needsAccessor(subtype.codec())) {
          called.putIfAbsent(subtype.codec(), CodecReferences.accessor(subtype.codec()));
        }
      }
    }
    return List.copyOf(called.values());
  }

  /** Whether writing {@code shape} calls another codec: an annotated type's, or the dynamic one. */
  private static boolean callsCodecs(TypeShape shape) {
    return anyPart(
        shape, s -> s instanceof TypeShape.Annotated || s instanceof TypeShape.Dynamic);
  }

  /** Whether {@code shape} or any shape inside it (elements, keys, values) passes {@code test}. */
  private static boolean anyPart(TypeShape shape, Predicate<TypeShape> test) {
    if (test.test(shape)) {
      return true;
    }
    if (shape instanceof TypeShape.Array a) {
      return anyPart(a.component(), test);
    }
    if (shape instanceof TypeShape.Collection c) {
      return anyPart(c.element(), test);
    }
    if (shape instanceof TypeShape.MapOf m) {
      return anyPart(m.key(), test) || anyPart(m.value(), test);
    }
    if (shape instanceof TypeShape.OptionalOf o) {
      return anyPart(o.element(), test);
    }
    return false;
  }

  private static int indexOf(List<Member> members, String name) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no member " + name);
  }

  private void addEnumMethods(
      TypeSpec.Builder codec, CodecModel.EnumModel model, Map<TypeShape.EnumValue, String> enumFields) {
    String constants = "CONSTANTS";
    codec.addField(
        FieldSpec.builder(
                ArrayTypeName.of(model.type()),
                constants,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("The constants of {@link $T}, by ordinal.\n", model.type())
            .initializer("$L", enumValues(model.type()))
            .build());
    codec.addMethod(
        writeMethod(model).addStatement("out.writeVarInt(value.ordinal())").build());
    codec.addMethod(
        readMethod(model)
            .addStatement("int at = in.offset()")
            .addStatement("int ordinal = in.readVarInt()")
            .beginControlFlow("if (ordinal < 0 || ordinal >= $L.length)", constants)
            .addStatement(
                "throw new $T(\"unknown constant \" + ordinal + \" of $L at offset \" + at"
                    + " + \": the writer's enum has constants this reader does not know\")",
                TRANSFER_EXCEPTION,
                model.type().canonicalName())
            .endControlFlow()
            .addStatement("return $L[ordinal]", constants)
            .build());
  }

  /**
   * The held codecs as string constants of {@code "binary.Name_FerryCodec fingerprint"} entries
   * joined by commas, cut so that no constant nears the class file's 65,535-byte limit (a sealed
   * type may hold thousands).
   */
  private static CodeBlock heldCodecsArguments(List<CodecModel.HeldCodec> held) {
    List<CodeBlock> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (CodecModel.HeldCodec codec : held) {
      if (chunk.length() > HELD_CODECS_PER_CONSTANT) {
        chunks.add(CodeBlock.of("$S", chunk));
        chunk.setLength(0);
      }
      if (chunk.length() > 0) {
        chunk.append(',');
      }
      chunk.append(codec.codec().reflectionName()).append(' ').append(Long.toHexString(codec.fingerprint()));
    }
    chunks.add(CodeBlock.of("$S", chunk));
    return CodeBlock.join(chunks, ", ");
  }

  private static String hex(long value) {
    return String.format("0x%016xL", value);
  }

  private static String escape(String text) {
    return text.replace("*/", "*&#47;");
  }
}
