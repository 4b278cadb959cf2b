package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.Codecs;
import dev.ferry.processor.testing.Source;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Names a user may pick that the generated code also uses: member names equal to a type or
 * package the codec names, classes of the user's package named like {@code java.lang} types, and
 * enums that share a simple name. Each is a legal program, so its codecs must compile clean.
 */
class GeneratedNamesTest {

  /**
   * A local named {@code Integer} made {@code Integer.valueOf(...)} a call on the local, and one
   * named like a lower-case type or a package root obscures it in a qualified name.
   */
  @Test
  void membersNamedLikeTypesAndPackages_codecsCompileClean() {
    assertCompilesClean(
        source(
            "test.Clash",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.SortedSet;
            @Transferable
            record Clash(
                Integer Integer,
                Long Long,
                List<point> List,
                Optional<String> Optional,
                Map<String, Integer> ArrayList,
                SortedSet<String> TreeSet,
                Color Color,
                Color COLOR_CONSTANTS,
                point point,
                point point_FerryCodec,
                String java,
                String test,
                int INSTANCE,
                int FINGERPRINT,
                String Clash) {}
            @Transferable
            record point(int x) {}
            @Transferable
            enum Color { RED }
            """));
  }

  /** Classes of the codec's own package shadowed {@code java.lang}'s when not imported. */
  @Test
  void packageClassesNamedLikeJavaLang_codecsCompileClean() {
    assertCompilesClean(
        source("test.Override", "package test; class Override {}"),
        source("test.SuppressWarnings", "package test; class SuppressWarnings {}"),
        source("test.Integer", "package test; class Integer {}"),
        source("test.String", "package test; class String {}"),
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Job(java.lang.Integer id, java.lang.String name, List<java.lang.String> tags) {}
            @Transferable
            record Box<T>(T value) {}
            @Transferable
            enum Kind { A }
            @Transferable
            sealed interface Shape permits Dot {}
            @Transferable
            record Dot(int x) implements Shape {}
            """));
  }

  /** Each enum's cached constants had a field named after its simple name alone. */
  @Test
  void enumsOfOneSimpleName_codecsCompileClean() {
    assertCompilesClean(
        source("a.Color", "package a; public enum Color { RED }"),
        source("b.Color", "package b; public enum Color { CYAN, MAGENTA }"),
        source(
            "test.Palette",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Palette(a.Color a, b.Color b, List<b.Color> bs, Color mine, COLOR shouting) {}
            @Transferable
            enum Color { GREEN }
            @Transferable
            enum COLOR { BLUE }
            """));
  }

  /**
   * An enum named as another enum's cached constants ({@code E_CONSTANTS} beside {@code E}): the
   * field for {@code E} took that name and obscured the type in {@code E_CONSTANTS.values()}
   * ("cannot find symbol: method values()" in the generated codec, under javac and ECJ).
   */
  @Test
  void enumNamedAsAnotherEnumsConstantsField_codecsCompileClean() {
    assertCompilesClean(
        source("test.E", "package test; public enum E { A }"),
        source("test.E_CONSTANTS", "package test; public enum E_CONSTANTS { B }"),
        source(
            "test.Pair",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.EnumSet;
            @Transferable
            record Pair(E e, E_CONSTANTS f, EnumSet<E_CONSTANTS> fs) {}
            """));
  }

  /**
   * Enums named as the codec's own static fields: {@code INSTANCE.values()} in the codec of a
   * record holding an {@code enum INSTANCE} called the codec's {@code INSTANCE} field ("cannot find
   * symbol: method values()"), and {@code FINGERPRINT.values()} its {@code long} ("long cannot be
   * dereferenced"); an enum's own codec has {@code CONSTANTS}, a sealed type's {@code SUBTYPES},
   * and one using a hand-written codec {@code FINGERPRINT_WITH_CODECS}. Under javac and ECJ alike.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // values of classes this test compiles and loads
  void enumsNamedLikeTheCodecsFields_codecsCompileCleanAndRoundTrip() throws Exception {
    Path classes =
        compileLintClean(
            source("test.INSTANCE", "package test; public enum INSTANCE { A, B }"),
            source("test.FINGERPRINT", "package test; public enum FINGERPRINT { C, D }"),
            source("test.CONSTANTS", "package test; @dev.ferry.annotation.Transferable public enum CONSTANTS { E, F }"),
            source("test.SUBTYPES", "package test; public enum SUBTYPES { G }"),
            source(
                "test.FINGERPRINT_WITH_CODECS",
                "package test; public enum FINGERPRINT_WITH_CODECS { H, I }"),
            source(
                "test.Held",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.EnumSet;
                import java.util.List;
                @Transferable
                public record Held(
                    INSTANCE i, FINGERPRINT f, CONSTANTS c, EnumSet<INSTANCE> is, List<SUBTYPES> s,
                    FINGERPRINT_WITH_CODECS w, Odd odd) {}
                """),
            source(
                "test.Either",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public sealed interface Either permits Either.Left, Either.Right {
                  @Transferable record Left(SUBTYPES s) implements Either {}
                  @Transferable record Right(INSTANCE i) implements Either {}
                }
                """),
            source(
                "test.Odd",
                """
                package test;
                public final class Odd {
                  final int n;
                  public Odd(int n) { this.n = n; }
                }
                """),
            source(
                "test.OddCodec",
                """
                package test;
                import dev.ferry.ByteInput;
                import dev.ferry.ByteOutput;
                import dev.ferry.Codec;
                import dev.ferry.annotation.TransferableCodec;
                @TransferableCodec
                public enum OddCodec implements Codec<Odd> {
                  INSTANCE;
                  public void write(ByteOutput out, Odd odd) { out.writeVarInt(odd.n); }
                  public Odd read(ByteInput in) { return new Odd(in.readVarInt()); }
                  public long fingerprint() { return 1; }
                }
                """));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedNamesTest.class.getClassLoader())) {
      Class<?> held = Class.forName("test.Held", true, loader);
      Object value = newHeld(loader, held);
      Object copy = Codecs.decode(Codecs.encode(value), held);
      assertThat(copy.toString()).isEqualTo(value.toString());
      Class<?> constants = Class.forName("test.CONSTANTS", true, loader);
      Object f = constants.getEnumConstants()[1];
      assertThat(Codecs.decode(Codecs.encode(f), constants)).isSameInstanceAs(f);
    }
  }

  /**
   * Packages whose first name is a variable of the codec's methods: with two {@code Color}s, the
   * codec wrote {@code in.acme.b.Color_FerryCodec.INSTANCE.read(in)} qualified, and the parameter
   * {@code in} obscured the package ("cannot find symbol: variable acme, location: variable in of
   * type ByteInput"); {@code value.lib...write(out, ...)} likewise in {@code write(out, value)}, and
   * hand-written codecs of one simple name, whichever type their {@code INSTANCE} is declared with.
   * Packages under {@code in} (India's domain) and {@code at} (Austria's) are common.
   */
  @Test
  void packagesNamedLikeTheCodecsVariables_codecsCompileCleanAndRoundTrip() throws Exception {
    Path classes =
        compileLintClean(
            source(
                "in.acme.a.Color",
                "package in.acme.a; @dev.ferry.annotation.Transferable public record Color(int r) {}"),
            source(
                "in.acme.b.Color",
                "package in.acme.b; @dev.ferry.annotation.Transferable public record Color(String name) {}"),
            source(
                "value.lib.Color",
                "package value.lib; @dev.ferry.annotation.Transferable public record Color(long v) {}"),
            handWritten("in.acme.a", "public static final TempCodec INSTANCE = new TempCodec();"),
            handWritten("in.acme.b", "public static final Codec<Temp> INSTANCE = new TempCodec();"),
            source(
                "in.acme.Job",
                """
                package in.acme;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                public record Job(
                    in.acme.a.Color a, in.acme.b.Color b, List<in.acme.b.Color> bs, value.lib.Color v,
                    in.acme.a.TempCodec.Temp ta, in.acme.b.TempCodec.Temp tb) {
                  public static Job sample() {
                    return new Job(
                        new in.acme.a.Color(1),
                        new in.acme.b.Color("c"),
                        List.of(new in.acme.b.Color("d")),
                        new value.lib.Color(2),
                        new in.acme.a.TempCodec.Temp(3),
                        new in.acme.b.TempCodec.Temp(4));
                  }
                }
                """));
    assertSampleRoundTrips(classes, "in.acme.Job");
  }

  /**
   * Hand-written codecs named as the generated codec's own static fields: {@code
   * INSTANCE.INSTANCE.write(out, ...)} in the codec of a record holding a {@code Temp} coded by
   * {@code class INSTANCE} read the codec's own {@code INSTANCE} field first (a variable obscures a
   * type, JLS 6.4.2): "incompatible types" for the write, and {@code INSTANCE.INSTANCE.fingerprint()}
   * mixed the codec's own, still unset, fingerprint in place of the hand-written one's. Such a
   * codec is reached by its qualified name in a static method instead.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // values of classes this test compiles and loads
  void handWrittenCodecsNamedLikeTheCodecsFields_codecsCompileCleanAndRoundTrip()
      throws Exception {
    Path classes =
        compileLintClean(
            namedCodec("INSTANCE", "Temp", "public static final INSTANCE INSTANCE = new INSTANCE();"),
            namedCodec("FINGERPRINT", "Mass", "public static final Codec<Mass> INSTANCE = new FINGERPRINT();"),
            namedCodec("SUBTYPES", "Size", "public static final SUBTYPES INSTANCE = new SUBTYPES();"),
            namedCodec(
                "FINGERPRINT_WITH_CODECS",
                "Heat",
                "public static final FINGERPRINT_WITH_CODECS INSTANCE = new FINGERPRINT_WITH_CODECS();"),
            source(
                "test.Reading",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                public record Reading(
                    INSTANCE.Temp t, FINGERPRINT.Mass m, List<SUBTYPES.Size> s,
                    FINGERPRINT_WITH_CODECS.Heat h) {
                  public static Reading sample() {
                    return new Reading(
                        new INSTANCE.Temp(1.5), new FINGERPRINT.Mass(2.5),
                        List.of(new SUBTYPES.Size(3.5)), new FINGERPRINT_WITH_CODECS.Heat(4.5));
                  }
                }
                """));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedNamesTest.class.getClassLoader())) {
      Class<?> reading = Class.forName("test.Reading", true, loader);
      Object value = reading.getMethod("sample").invoke(null);
      assertThat(Codecs.decode(Codecs.encode(value), reading)).isEqualTo(value);
      Class<?> codec = Class.forName("test.Reading_FerryCodec", true, loader);
      long own = codec.getField("FINGERPRINT").getLong(null);
      long mixed = ((dev.ferry.Codec<?>) codec.getField("INSTANCE").get(null)).fingerprint();
      // FINGERPRINT mixed with the four hand-written codecs' fingerprints (1 to 4), not with 0.
      assertThat(mixed).isNotEqualTo(own);
      assertThat(mixed)
          .isEqualTo(
              dev.ferry.internal.codec.Fingerprints.mix(own, 1L, 2L, 3L, 4L));
    }
  }

  /**
   * Hand-written codecs of the codec's package named like the variables of its methods: {@code
   * out.INSTANCE.write(out, t)} in {@code write(ByteOutput out, Reading value)} looked for a field
   * {@code INSTANCE} of the parameter {@code out} ("cannot find symbol: variable INSTANCE, location:
   * variable out of type ByteOutput"), and {@code in.INSTANCE.read(in)} likewise. Such a codec is
   * reached through a static method, which has no variables.
   */
  @Test
  void handWrittenCodecsNamedLikeTheCodecsVariables_codecsCompileCleanAndRoundTrip()
      throws Exception {
    Path classes =
        compileLintClean(
            namedCodec("out", "Temp", "public static final out INSTANCE = new out();"),
            namedCodec("in", "Mass", "public static final Codec<Mass> INSTANCE = new in();"),
            namedCodec("value", "Size", "public static final value INSTANCE = new value();"),
            namedCodec("index", "Heat", "public static final index INSTANCE = new index();"),
            source(
                "test.Reading",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                public record Reading(out.Temp t, in.Mass m, List<value.Size> s, index.Heat h) {
                  public static Reading sample() {
                    return new Reading(
                        new out.Temp(1.5), new in.Mass(2.5), List.of(new value.Size(3.5)),
                        new index.Heat(4.5));
                  }
                }
                """));
    assertSampleRoundTrips(classes, "test.Reading");
  }

  /** {@code new Held(B, D, F, {A, B}, [G], I, null)}, through reflection: its loader is the test's. */
  private static Object newHeld(ClassLoader loader, Class<?> held) throws Exception {
    Object[] arguments = {
      constant(loader, "test.INSTANCE", 1),
      constant(loader, "test.FINGERPRINT", 1),
      constant(loader, "test.CONSTANTS", 1),
      null,
      java.util.List.of(constant(loader, "test.SUBTYPES", 0)),
      constant(loader, "test.FINGERPRINT_WITH_CODECS", 1),
      null
    };
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object all = java.util.EnumSet.allOf((Class) Class.forName("test.INSTANCE", true, loader));
    arguments[3] = all;
    Class<?>[] types =
        java.util.Arrays.stream(held.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getType)
            .toArray(Class<?>[]::new);
    return held.getDeclaredConstructor(types).newInstance(arguments);
  }

  /**
   * A record {@code Temp} of {@code pkg} and its hand-written codec, {@code TempCodec}, whose
   * {@code INSTANCE} is declared as {@code instance}.
   */
  private static Source handWritten(String pkg, String instance) {
    return source(
        pkg + ".TempCodec",
        """
        package %s;
        import dev.ferry.ByteInput;
        import dev.ferry.ByteOutput;
        import dev.ferry.Codec;
        import dev.ferry.annotation.TransferableCodec;
        @TransferableCodec
        public final class TempCodec implements Codec<TempCodec.Temp> {
          %s
          public void write(ByteOutput out, Temp t) { out.writeDouble(t.kelvin()); }
          public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
          public long fingerprint() { return 1; }
          public record Temp(double kelvin) {}
        }
        """
            .formatted(pkg, instance));
  }

  /**
   * A hand-written codec of package {@code test} named {@code name}, coding its nested record
   * {@code type} of one {@code double}, whose {@code INSTANCE} is declared as {@code instance} and
   * whose fingerprint is the position of {@code type} in Temp, Mass, Size, Heat (1 to 4).
   */
  private static Source namedCodec(String name, String type, String instance) {
    long fingerprint = java.util.List.of("Temp", "Mass", "Size", "Heat").indexOf(type) + 1;
    return source(
        "test." + name,
        """
        package test;
        import dev.ferry.ByteInput;
        import dev.ferry.ByteOutput;
        import dev.ferry.Codec;
        import dev.ferry.annotation.TransferableCodec;
        @TransferableCodec
        public final class %1$s implements Codec<%1$s.%2$s> {
          %3$s
          public void write(ByteOutput out, %2$s t) { out.writeDouble(t.v()); }
          public %2$s read(ByteInput in) { return new %2$s(in.readDouble()); }
          public long fingerprint() { return %4$d; }
          public record %2$s(double v) {}
        }
        """
            .formatted(name, type, instance, fingerprint));
  }

  /** Compiles {@code sources} with Ferry under {@code -Xlint:all -Werror}; returns the classes. */
  /**
   * Types of the user's package named like the runtime types a codec uses ({@code Codec}, {@code
   * ByteOutput}, {@code ByteInput}) and like Ferry's package ({@code ferry}), members named like
   * the codec's fields and parameters ({@code INSTANCE}, {@code FINGERPRINT}, {@code in}, {@code
   * out}, {@code value}, {@code codec}, {@code Codecs}), and identifiers outside ASCII: the codecs
   * compile clean and a value holding them all comes back equal.
   */
  @Test
  void typesNamedLikeTheRuntimesAndUnicodeNames_codecsCompileCleanAndRoundTrip() throws Exception {
    Path classes =
        compileLintClean(
            source(
                "test.Codec",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Codec(String value, int INSTANCE, long FINGERPRINT) {}
                """),
            source(
                "test.ByteOutput",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record ByteOutput(ByteInput in, Codec out) {}
                """),
            source(
                "test.ByteInput",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public enum ByteInput { A, B }
                """),
            source(
                "test.ferry",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record ferry(int ferry, String internal) {}
                """),
            source(
                "test.Größe",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                public record Größe<T>(
                    int µs, String 名前, List<T> werte, ferry dev, ByteOutput Codecs, Codec codec) {
                  public static Größe<String> sample() {
                    return new Größe<>(
                        3, "名前", List.of("a", "ß"), new ferry(1, "i"),
                        new ByteOutput(ByteInput.B, new Codec("v", 2, 3L)), new Codec("w", 4, 5L));
                  }
                }
                """));
    assertSampleRoundTrips(classes, "test.Größe");
  }

  /**
   * A field named like a nested enum of its class obscures the enum in an expression (JLS 6.4.2):
   * {@code Holder.Color.values()} in the codecs of the enum and of {@code Holder} was read as a
   * call on the field {@code Holder.Color} ("non-static variable Color cannot be referenced from a
   * static context").
   */
  @Test
  void fieldNamedLikeANestedEnum_codecsCompileCleanAndRoundTrip() throws Exception {
    Path classes =
        compileLintClean(
            source(
                "test.Holder",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public final class Holder {
                  @Transferable
                  public enum Color { RED, GREEN }
                  public final int Color;
                  public final Color tint;
                  public Holder(int Color, Color tint) {
                    this.Color = Color;
                    this.tint = tint;
                  }
                  @Override
                  public boolean equals(Object o) {
                    return o instanceof Holder h && h.Color == Color && h.tint == tint;
                  }
                  @Override
                  public int hashCode() {
                    return Color;
                  }
                  public static Holder sample() {
                    return new Holder(3, Enum.valueOf(Color.class, "GREEN"));
                  }
                }
                """),
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Job(Holder.Color color, Holder holder) {}
                """));
    assertSampleRoundTrips(classes, "test.Holder");
  }

  /** {@code typeName}'s {@code sample()}, loaded from {@code classes}, comes back equal. */
  @SuppressWarnings("ferry:not-transferable") // values of classes this test compiles and loads
  private static void assertSampleRoundTrips(Path classes, String typeName) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedNamesTest.class.getClassLoader())) {
      Class<?> type = Class.forName(typeName, true, loader);
      Object value = type.getMethod("sample").invoke(null);
      assertThat(Codecs.decode(Codecs.encode(value), type)).isEqualTo(value);
    }
  }

  private static Path compileLintClean(Source... sources) {
    return ferry().withOptions("-Xlint:all,-processing", "-Werror").compileLibrary(sources);
  }

  private static Object constant(ClassLoader loader, String enumName, int ordinal)
      throws ClassNotFoundException {
    return Class.forName(enumName, true, loader).getEnumConstants()[ordinal];
  }
}
