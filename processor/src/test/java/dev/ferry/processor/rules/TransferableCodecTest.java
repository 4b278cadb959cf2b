package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.rules.TransferableImportTest.resource;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.CodecMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @TransferableCodec}: a hand-written codec makes its type transferable wherever it is
 * visible, same compilation or from a jar, and must be callable as {@code Codec.INSTANCE}.
 */
public class TransferableCodecTest {
  /** A library type with an invariant, built only through a factory. */
  private static final Source TEMPERATURE =
      source(
          "lib.Temperature",
          """
          package lib;
          public final class Temperature {
            private final double kelvin;
            private Temperature(double kelvin) { this.kelvin = kelvin; }
            public static Temperature ofKelvin(double kelvin) {
              if (kelvin < 0) throw new IllegalArgumentException("below absolute zero");
              return new Temperature(kelvin);
            }
            public double kelvin() { return kelvin; }
          }
          """);

  private static String codec(String name, String instance) {
    return """
        package codecs;
        import dev.ferry.ByteInput;
        import dev.ferry.ByteOutput;
        import dev.ferry.Codec;
        import dev.ferry.annotation.TransferableCodec;
        import lib.Temperature;
        @TransferableCodec
        public final class %s implements Codec<Temperature> { // MARK
          %s
          public void write(ByteOutput out, Temperature t) { out.writeDouble(t.kelvin()); }
          public Temperature read(ByteInput in) { return Temperature.ofKelvin(in.readDouble()); }
          public long fingerprint() { return 1L; }
        }
        """
        .formatted(name, instance);
  }

  private static final Source KELVIN_CODEC =
      source(
          "codecs.KelvinCodec",
          codec("KelvinCodec", "public static final KelvinCodec INSTANCE = new KelvinCodec();")
              .replace(" // MARK", ""));

  private static final Source USER =
      source(
          "app.Reading",
          """
          package app;
          import dev.ferry.Channel;
          import dev.ferry.annotation.Transferable;
          import lib.Temperature;
          @Transferable
          public record Reading(String sensor, Temperature value, java.util.List<Temperature> past) {
            static void send(Channel<Temperature> temperatures) throws InterruptedException {
              temperatures.send(Temperature.ofKelvin(300));
            }
          }
          """);

  @Test
  void handWrittenCodec_makesItsTypeTransferableAndIsListed() throws java.io.IOException {
    Compilation compilation = assertCompilesClean(TEMPERATURE, KELVIN_CODEC, USER);
    assertThat(resource(compilation, "META-INF/ferry/codecs"))
        .isEqualTo(
            """
            app.Reading app.Reading_FerryCodec
            lib.Temperature codecs.KelvinCodec
            """);
    String codec =
        compilation.generatedSourceFile("app.Reading_FerryCodec").orElseThrow()
            .getCharContent(true).toString();
    assertThat(codec).contains("KelvinCodec.INSTANCE.write(out, ");
    assertThat(codec).contains("KelvinCodec.INSTANCE.read(in)");
  }

  /**
   * A hand-written codec nested beside a field of its name, declared or inherited: the codecs
   * that call {@code Holder.TempCodec.INSTANCE} read {@code Holder.TempCodec} as the field ("non-static
   * variable TempCodec cannot be referenced from a static context") and did not compile. It is told
   * on the codec, and the codecs of {@code Holder} and {@code Job}, which would call it, are not
   * generated (no error in generated code follows).
   */
  @Test
  void handWrittenCodecNestedBesideAFieldOfItsName_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Holder",
                """
                package test;
                import dev.ferry.ByteInput;
                import dev.ferry.ByteOutput;
                import dev.ferry.Codec;
                import dev.ferry.annotation.Transferable;
                import dev.ferry.annotation.TransferableCodec;
                @Transferable
                public final class Holder extends Base {
                  public final int TempCodec;
                  public final TempCodec.Temp t;
                  public Holder(int TempCodec, TempCodec.Temp t) { this.TempCodec = TempCodec; this.t = t; }
                  @TransferableCodec
                  public static final class TempCodec implements Codec<TempCodec.Temp> { // ferry:transferable-shape @class
                    public static final TempCodec INSTANCE = new TempCodec();
                    public void write(ByteOutput out, Temp t) { out.writeDouble(t.kelvin()); }
                    public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
                    public long fingerprint() { return 1; }
                    public record Temp(double kelvin) {}
                  }
                  @TransferableCodec
                  public static final class MassCodec implements Codec<MassCodec.Mass> { // ferry:transferable-shape @class
                    public static final MassCodec INSTANCE = new MassCodec();
                    public void write(ByteOutput out, Mass m) { out.writeDouble(m.kg()); }
                    public Mass read(ByteInput in) { return new Mass(in.readDouble()); }
                    public long fingerprint() { return 2; }
                    public record Mass(double kg) {}
                  }
                }
                """),
            source("test.Base", "package test; public class Base { protected static int MassCodec; }"),
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Job(Holder.TempCodec.Temp t, Holder.MassCodec.Mass m) {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .contains(CodecMessages.handWrittenObscuredByField("TempCodec", "Holder.TempCodec"));
    assertThat(compilation.errors().get(1).getMessage(null))
        .contains(CodecMessages.handWrittenObscuredByField("MassCodec", "Base.MassCodec"));
  }

  /**
   * The legal twin: a private field of the name (a record's component) is seen by no other class,
   * so the codecs call the hand-written codec by its name.
   */
  @Test
  void handWrittenCodecNestedBesideAPrivateFieldOfItsName_twin_compilesClean() {
    assertCompilesClean(
        source(
            "test.Holder",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.Transferable;
            import dev.ferry.annotation.TransferableCodec;
            @Transferable
            public record Holder(int TempCodec, Holder.TempCodec.Temp t) {
              @TransferableCodec
              public static final class TempCodec implements Codec<TempCodec.Temp> {
                public static final TempCodec INSTANCE = new TempCodec();
                public void write(ByteOutput out, Temp t) { out.writeDouble(t.kelvin()); }
                public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
                public long fingerprint() { return 1; }
                public record Temp(double kelvin) {}
              }
            }
            """),
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public record Job(Holder.TempCodec.Temp t) {}
            """));
  }

  @Test
  void fromAJar_handWrittenCodecMakesItsTypeTransferable() {
    ferry()
        .withClasspath(List.of(ferry().compileLibraryJar(TEMPERATURE, KELVIN_CODEC)))
        .expectingClean(USER);
  }

  @Test
  void fromAJar_secondCodecForTheSameTypeIsAnError() {
    ferry()
        .withClasspath(List.of(ferry().compileLibraryJar(TEMPERATURE, KELVIN_CODEC)))
        .expectingMarked(
            source(
                "codecs.OtherCodec",
                codec("OtherCodec", "public static final OtherCodec INSTANCE = new OtherCodec();")
                    .replace("// MARK", "// ferry:transferable-shape @class")));
  }

  /**
   * An enum singleton ({@code enum KelvinCodec implements Codec<Temperature> { INSTANCE; ... }},
   * Effective Java's singleton) is called as {@code KelvinCodec.INSTANCE} like a class's field,
   * and was refused as "not a concrete class".
   */
  @Test
  void enumSingletonCodec_makesItsTypeTransferable() throws java.io.IOException {
    Compilation compilation =
        assertCompilesClean(
            TEMPERATURE,
            source(
                "codecs.KelvinCodec",
                codec("KelvinCodec", "INSTANCE;")
                    .replace("public final class KelvinCodec", "public enum KelvinCodec")
                    .replace(" // MARK", "")),
            USER);
    assertThat(
            compilation.generatedSourceFile("app.Reading_FerryCodec").orElseThrow()
                .getCharContent(true).toString())
        .contains("KelvinCodec.INSTANCE.write(out, ");
  }

  @Test
  void enumCodecWithoutInstance_isReportedOnTheCodec() {
    assertDiagnostics(
        TEMPERATURE,
        source(
            "codecs.KelvinCodec",
            codec("KelvinCodec", "ONLY;")
                .replace("public final class KelvinCodec", "public enum KelvinCodec")
                .replace("// MARK", "// ferry:transferable-shape @enum")));
  }

  @Test
  void withoutInstance_isReportedOnTheCodec() {
    assertDiagnostics(
        TEMPERATURE,
        source(
            "codecs.NoInstanceCodec",
            codec("NoInstanceCodec", "public NoInstanceCodec() {}")
                .replace("// MARK", "// ferry:transferable-shape @class")));
  }

  private static final Source BOX =
      source(
          "lib.Box",
          """
          package lib;
          public final class Box<T> {
            public final T value;
            public Box(T value) { this.value = value; }
          }
          """);

  private static final Source HOLDER =
      source(
          "app.Holder",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Holder(lib.Box<String> names, lib.Box<Integer> counts) {}
          """);

  @Test
  void genericCodecWithAWildcardInstance_isReportedOnTheCodec() {
    Compilation compilation =
        assertDiagnostics(
            BOX,
            HOLDER,
            source(
                "codecs.BoxCodec",
                """
                package codecs;
                import dev.ferry.*;
                import lib.Box;
                @dev.ferry.annotation.TransferableCodec
                public final class BoxCodec<T> implements Codec<Box<T>> { // ferry:transferable-shape @class
                  public static final BoxCodec<?> INSTANCE = new BoxCodec<>();
                  public void write(ByteOutput out, Box<T> box) {}
                  public Box<T> read(ByteInput in) { return new Box<>(null); }
                  public long fingerprint() { return 1L; }
                }
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.handWrittenShape(
                    "BoxCodec",
                    "its `INSTANCE` field is a `BoxCodec<?>`, which takes a `Box` of one type"
                        + " only, not a `Codec<Box<?>>` that takes every `Box`")));
  }

  /**
   * A codec that is an inner class of another is refused for the instance of the outer class each
   * of its instances needs, not for want of a static {@code INSTANCE}, which Java 16 lets an inner
   * class declare: it said "generated codecs cannot call it through `TempCodec.INSTANCE`". Shared
   * with EcjDeclarationRulesTest.
   */
  public static final String INNER_CODEC =
      """
      package codecs;
      import dev.ferry.*;
      import lib.Temperature;
      public final class Codecs2 {
        @dev.ferry.annotation.TransferableCodec
        public final class TempCodec implements Codec<Temperature> { // ferry:transferable-shape @%s
          public void write(ByteOutput out, Temperature t) {}
          public Temperature read(ByteInput in) { return null; }
          public long fingerprint() { return 1L; }
        }
      }
      """;

  @Test
  void innerCodecClass_isToldItNeedsAnInstanceOfItsOuterClass() {
    Compilation compilation =
        assertDiagnostics(TEMPERATURE, source("codecs.Codecs2", INNER_CODEC.formatted("class")));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                "`TempCodec` is @TransferableCodec, but it is an inner (non-static) class of"
                    + " `Codecs2`, so each of its instances needs an instance of `Codecs2` around"
                    + " it, and the `INSTANCE` generated codecs call, without reflection, cannot be"
                    + " a plain `new TempCodec()`. Fix: make it a static nested class (`public"
                    + " static final class TempCodec`), with `public static final TempCodec"
                    + " INSTANCE = new TempCodec();`."));
  }

  @Test
  void innerCodecClass_twin_staticNestedCodecCompilesClean() {
    assertCompilesClean(
        TEMPERATURE,
        source(
            "codecs.Codecs2",
            INNER_CODEC
                .replace("public final class TempCodec", "public static final class TempCodec")
                .replace(
                    "{ // ferry:transferable-shape @%s",
                    "{\n    public static final TempCodec INSTANCE = new TempCodec();")));
  }

  @Test
  void genericCodecWithAWildcardInstance_twin_codecOfEveryBoxCompilesClean() {
    assertCompilesClean(
        BOX,
        HOLDER,
        source(
            "codecs.BoxCodec",
            """
            package codecs;
            import dev.ferry.*;
            import lib.Box;
            @dev.ferry.annotation.TransferableCodec
            public final class BoxCodec implements Codec<Box<?>> {
              public static final BoxCodec INSTANCE = new BoxCodec();
              public void write(ByteOutput out, Box<?> box) {}
              public Box<?> read(ByteInput in) { return new Box<>(null); }
              public long fingerprint() { return 1L; }
            }
            """));
  }

  @Test
  void twoCodecsInOneCompilation_areBothReported() {
    assertDiagnostics(
        TEMPERATURE,
        source(
            "codecs.KelvinCodec",
            codec("KelvinCodec", "public static final KelvinCodec INSTANCE = new KelvinCodec();")
                .replace("// MARK", "// ferry:transferable-shape @class")),
        source(
            "codecs.OtherCodec",
            codec("OtherCodec", "public static final OtherCodec INSTANCE = new OtherCodec();")
                .replace("// MARK", "// ferry:transferable-shape @class")));
  }

  /**
   * A hand-written codec of a JDK collection or map class compiled clean and was listed, though
   * Ferry writes every value of such a class by its elements (a channel, Codecs and Kafka never
   * used it), while Hazelcast's serializer, registered for the listed class, wrote it with the
   * codec: `ArrayList`'s values were written two ways. It is told as a codec of `List` is.
   */
  @Test
  void codecOfAJdkCollectionClass_isWrittenByFerry() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "codecs.ListCodec",
                """
                package codecs;
                import dev.ferry.ByteInput;
                import dev.ferry.ByteOutput;
                import dev.ferry.Codec;
                import java.util.ArrayList;
                @dev.ferry.annotation.TransferableCodec
                public final class ListCodec implements Codec<ArrayList<?>> { // ferry:transferable-shape @class
                  public static final ListCodec INSTANCE = new ListCodec();
                  public void write(ByteOutput out, ArrayList<?> list) { out.writeSize(list.size()); }
                  public ArrayList<?> read(ByteInput in) { return new ArrayList<>(in.readSize(0)); }
                  public long fingerprint() { return 1; }
                }
                """),
            source(
                "codecs.MapCodec",
                """
                package codecs;
                import dev.ferry.ByteInput;
                import dev.ferry.ByteOutput;
                import dev.ferry.Codec;
                import java.util.concurrent.ConcurrentHashMap;
                @dev.ferry.annotation.TransferableCodec
                public final class MapCodec implements Codec<ConcurrentHashMap<?, ?>> { // ferry:transferable-shape @class
                  public static final MapCodec INSTANCE = new MapCodec();
                  public void write(ByteOutput out, ConcurrentHashMap<?, ?> map) {}
                  public ConcurrentHashMap<?, ?> read(ByteInput in) { return new ConcurrentHashMap<>(); }
                  public long fingerprint() { return 2; }
                }
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .startsWith(
            "[ferry:transferable-shape] `ArrayList` is written by Ferry's own codec for it, so the"
                + " hand-written codec `ListCodec` would never be used, or worse, be used by some"
                + " processes only.");
  }

  /** The legal twin: a collection class of one's own is written by its codec (DynamicCodec). */
  @Test
  void codecOfAJdkCollectionClass_twin_codecOfACollectionClassOfOnesOwnCompilesClean() {
    assertCompilesClean(
        source(
            "lib.Tags",
            """
            package lib;
            public final class Tags extends java.util.AbstractSet<String> {
              public final java.util.Set<String> names = new java.util.LinkedHashSet<>();
              public int weight;
              public java.util.Iterator<String> iterator() { return names.iterator(); }
              public int size() { return names.size(); }
            }
            """),
        source(
            "codecs.TagsCodec",
            """
            package codecs;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import lib.Tags;
            @dev.ferry.annotation.TransferableCodec
            public final class TagsCodec implements Codec<Tags> {
              public static final TagsCodec INSTANCE = new TagsCodec();
              public void write(ByteOutput out, Tags tags) { out.writeVarInt(tags.weight); }
              public Tags read(ByteInput in) { Tags t = new Tags(); t.weight = in.readVarInt(); return t; }
              public long fingerprint() { return 3; }
            }
            """));
  }

  @Test
  void codecForATransferableType_isTwoCodecs() {
    assertDiagnostics(
        source(
            "lib.Temperature",
            """
            package lib;
            @dev.ferry.annotation.Transferable
            public record Temperature(double kelvin) {
              public static Temperature ofKelvin(double k) { return new Temperature(k); }
            }
            """),
        source(
            "codecs.KelvinCodec",
            codec("KelvinCodec", "public static final KelvinCodec INSTANCE = new KelvinCodec();")
                .replace("// MARK", "// ferry:transferable-shape @class")));
  }

  /**
   * A codec mid-edit, naming a type that does not resolve where Ferry reads its shape: its value
   * type, {@code Codec} itself (not imported yet), or its {@code INSTANCE} field's type. Each was
   * told "does not implement `Codec<T>` for a class or interface type `T`" or "its `INSTANCE` field
   * is not a `Codec<Temperature>`" beside javac's error, and both go away once the name resolves.
   */
  @Test
  void codecNamingAnUnresolvedType_getsJavacsErrorsOnly() {
    assertDiagnostics(
        TEMPERATURE,
        source(
            "codecs.MissingValueCodec",
            """
            package codecs;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.TransferableCodec;
            @TransferableCodec
            public final class MissingValueCodec implements Codec<Kelvin> { // javac @Kelvin
              public static final MissingValueCodec INSTANCE = new MissingValueCodec();
              public void write(ByteOutput out, Kelvin t) {} // javac @Kelvin
              public Kelvin read(ByteInput in) { return null; } // javac @Kelvin
              public long fingerprint() { return 1L; }
            }
            """),
        source(
            "codecs.NotImportedCodec",
            """
            package codecs;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.annotation.TransferableCodec;
            @TransferableCodec
            public final class NotImportedCodec implements Codec<lib.Temperature> { // javac @Codec<lib.Temperature>
              public static final NotImportedCodec INSTANCE = new NotImportedCodec();
              public void write(ByteOutput out, lib.Temperature t) {}
              public lib.Temperature read(ByteInput in) { return null; }
              public long fingerprint() { return 1L; }
            }
            """),
        source(
            "codecs.TypoCodec",
            codec("TypoCodec", "public static final TypoCodc INSTANCE = new TypoCodec(); // javac @TypoCodc")
                .replace(" // MARK", "")));
  }

  /**
   * While a codec names {@code Codec} before its import is written, its value type cannot be read,
   * and may be any type used here: a record holding that type and a send of one got "is not
   * @Transferable, so it has no codec" beside javac's error, which the import alone takes away.
   */
  @Test
  void codecOfAnUnknownType_leavesItsUsesQuiet() {
    assertDiagnostics(
        TEMPERATURE,
        source(
            "codecs.KelvinCodec",
            codec("KelvinCodec", "public static final KelvinCodec INSTANCE = new KelvinCodec();")
                .replace("import dev.ferry.Codec;\n", "")
                .replace(" // MARK", " // javac @Codec<Temperature>")),
        USER);
  }
}
