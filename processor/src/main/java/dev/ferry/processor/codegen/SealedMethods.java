package dev.ferry.processor.codegen;

import static dev.ferry.processor.codegen.RuntimeNames.BYTE_INPUT;
import static dev.ferry.processor.codegen.RuntimeNames.BYTE_OUTPUT;
import static dev.ferry.processor.codegen.RuntimeNames.SUBTYPE_INDEX;
import static dev.ferry.processor.codegen.RuntimeNames.TRANSFER_EXCEPTION;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.ferry.processor.model.CodecModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code write} and {@code read} methods of a sealed type's codec, which dispatch to
 * the codecs of its permitted subtypes by an index the bytes carry: the writer tests a value
 * against a few subtypes in turn, or looks its class up in a {@code SubtypeIndex} when there are
 * more; the reader switches on the index. Thousands of subtypes are split over methods of {@link
 * #SUBTYPES_PER_METHOD} each, since one switch of them all passes a method's 64 KiB of bytecode.
 */
final class SealedMethods {
  /**
   * The most subtypes a sealed type's codec tests a value against in turn; one with more looks its
   * class up. Measured on 200 records: the lookup cost about 3 ns more than the first test, each
   * further test 0.2 to 0.3 ns, so a lookup pays from 10 to 15 subtypes on.
   */
  private static final int MAX_SUBTYPES_TESTED = 16;

  /**
   * The most subtypes one method of a sealed type's codec writes or reads: about 23 bytes of
   * bytecode each in a write switch, so 64 KiB held fewer than 2,900 (3,000 failed with "code too
   * large").
   */
  private static final int SUBTYPES_PER_METHOD = 1_000;

  private SealedMethods() {}

  /** Adds the {@code write} and {@code read} methods of {@code model}'s codec to {@code codec}. */
  static void addTo(TypeSpec.Builder codec, CodecModel.SealedModel model) {
    MethodSpec.Builder write = CodecGenerator.writeMethod(model);
    if (model.subtypes().size() <= MAX_SUBTYPES_TESTED) {
      addSubtypeTests(write, model.subtypes());
    } else {
      addSubtypeSwitch(codec, write, model.valueType(), model.subtypes());
    }
    write.addStatement(
        "throw new $T(\"[ferry:not-transferable] \" + value.getClass().getName() + \" is not a"
            + " permitted subtype of $L known to this codec; rebuild it with ferry-processor\")",
        IllegalArgumentException.class,
        model.type().canonicalName());

    MethodSpec.Builder read = CodecGenerator.readMethod(model);
    read.addStatement("int at = in.offset()");
    read.addStatement("int index = in.readVarInt()");
    CodeBlock unknown =
        CodeBlock.of(
            "throw new $T(\"unknown subtype index \" + index + \" of $L at offset \" + at"
                + " + \": the writer's type permits subtypes this reader does not know\")",
            TRANSFER_EXCEPTION,
            model.type().canonicalName());
    List<CodecModel.Subtype> subtypes = model.subtypes();
    if (subtypes.size() <= SUBTYPES_PER_METHOD) {
      read.beginControlFlow("switch (index)");
      addSubtypeReads(read, subtypes, 0, subtypes.size());
      read.addStatement("default: $L", unknown);
      read.endControlFlow();
    } else {
      addSwitchInParts(
          codec,
          read,
          subtypes.size(),
          "readSubtypes",
          name -> MethodSpec.methodBuilder(name).addParameter(BYTE_INPUT, "in").returns(model.valueType()),
          (method, name) -> method.addStatement("return $L(in, index)", name),
          (method, from, to) -> addSubtypeReads(method, subtypes, from, to));
      read.addStatement(unknown);
    }
    codec.addMethod(write.build()).addMethod(read.build());
  }

  /** The cases of a read switch on the subtype index, from {@code from} until {@code to}. */
  private static void addSubtypeReads(
      MethodSpec.Builder method, List<CodecModel.Subtype> subtypes, int from, int to) {
    for (int i = from; i < to; i++) {
      method.addStatement(
          "case $L: return $L.read(in)", i, CodecReferences.instance(subtypes.get(i).codec()));
    }
  }

  /**
   * Writes a value of the first subtype it is an instance of, tested in turn: for a few subtypes,
   * cheaper than {@link #addSubtypeSwitch}'s lookup.
   */
  private static void addSubtypeTests(MethodSpec.Builder write, List<CodecModel.Subtype> subtypes) {
    for (int i = 0; i < subtypes.size(); i++) {
      CodecModel.Subtype subtype = subtypes.get(i);
      write.beginControlFlow("if (value instanceof $T)", subtype.rawType());
      write.addStatement("out.writeVarInt($L)", i);
      write.addStatement(
          "$L.write(out, ($T) value)", CodecReferences.instance(subtype.codec()), subtype.type());
      write.addStatement("return");
      write.endControlFlow();
    }
  }

  /**
   * Writes a value of the subtype that the runtime's {@code SubtypeIndex} finds for its class,
   * once per class: tested in turn, the last of 200 subtypes took 200 tests on every write.
   */
  private static void addSubtypeSwitch(
      TypeSpec.Builder codec,
      MethodSpec.Builder write,
      TypeName valueType,
      List<CodecModel.Subtype> subtypes) {
    List<CodeBlock> classes = new ArrayList<>();
    subtypes.forEach(subtype -> classes.add(CodeBlock.of("$T.class", subtype.rawType())));
    codec.addField(
        FieldSpec.builder(SUBTYPE_INDEX, "SUBTYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The permitted subtypes, by the index the bytes carry.\n")
            .initializer("new $T(\n$>$>$L$<$<)", SUBTYPE_INDEX, CodeBlock.join(classes, ",\n"))
            .build());
    if (subtypes.size() <= SUBTYPES_PER_METHOD) {
      write.beginControlFlow("switch (SUBTYPES.of(value.getClass()))");
      addSubtypeWrites(write, subtypes, 0, subtypes.size());
      write.addCode("default:\n$>");
      write.addStatement("break$<");
      write.endControlFlow();
      return;
    }
    // One switch of thousands of cases is more than the 64 KiB a method may hold: each part of
    // SUBTYPES_PER_METHOD has a method of its own, chosen by the range the index is in.
    write.addStatement("int index = SUBTYPES.of(value.getClass())");
    addSwitchInParts(
        codec,
        write,
        subtypes.size(),
        "writeSubtypes",
        name ->
            MethodSpec.methodBuilder(name)
                .addParameter(BYTE_OUTPUT, "out")
                .addParameter(valueType, "value"),
        (method, name) -> method.addStatement("$L(out, value, index)", name).addStatement("return"),
        (method, from, to) -> addSubtypeWrites(method, subtypes, from, to));
  }

  /** Adds the cases of a switch on the subtype index, from {@code from} until {@code to}. */
  private interface SubtypeCases {
    void add(MethodSpec.Builder method, int from, int to);
  }

  /**
   * Adds to {@code codec} a method for each {@link #SUBTYPES_PER_METHOD} subtypes, begun by {@code
   * part} from its name ({@code prefix}, its first and last index) and given the index, holding
   * the switch of their {@code cases}; and to {@code caller}, for each, a test of the index's range
   * and what {@code call} adds to call it by its name.
   */
  private static void addSwitchInParts(
      TypeSpec.Builder codec,
      MethodSpec.Builder caller,
      int subtypes,
      String prefix,
      java.util.function.Function<String, MethodSpec.Builder> part,
      java.util.function.BiConsumer<MethodSpec.Builder, String> call,
      SubtypeCases cases) {
    for (int from = 0; from < subtypes; from += SUBTYPES_PER_METHOD) {
      int to = Math.min(from + SUBTYPES_PER_METHOD, subtypes);
      String name = prefix + from + "To" + (to - 1);
      MethodSpec.Builder method =
          part.apply(name)
              .addJavadoc("The subtypes from index $L until $L.\n", from, to)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addParameter(TypeName.INT, "index")
              .beginControlFlow("switch (index)");
      cases.add(method, from, to);
      method.addStatement("default: throw new $T(index)", AssertionError.class).endControlFlow();
      codec.addMethod(GeneratedDocs.withTags(method, "the value read").build());
      caller.beginControlFlow("if (index >= $L && index < $L)", from, to);
      call.accept(caller, name);
      caller.endControlFlow();
    }
  }

  /** The cases of a write switch on the subtype index, from {@code from} until {@code to}. */
  private static void addSubtypeWrites(
      MethodSpec.Builder method, List<CodecModel.Subtype> subtypes, int from, int to) {
    for (int i = from; i < to; i++) {
      CodecModel.Subtype subtype = subtypes.get(i);
      method.addCode("case $L:\n$>", i);
      method.addStatement("out.writeVarInt($L)", i);
      method.addStatement(
          "$L.write(out, ($T) value)", CodecReferences.instance(subtype.codec()), subtype.type());
      method.addStatement("return$<");
    }
  }
}
