package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.compile;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.Source;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Code mid-edit, as an IDE compiles it after each keystroke: a type's {@code @Transferable} before
 * its import is written, a misspelled {@code @TransferableCodec}, a codec naming its type before
 * that type's import or with its name half typed, a codec without its {@code fingerprint()} yet, a
 * {@code @TransferableImport} naming a class before that class's import.
 * javac reports each; the types they would make transferable may be used all over the
 * compilation, where Ferry used to add "is not @Transferable, so it has no codec" beside javac's
 * error, or a generated codec that failed to compile (found by an edit fuzzer: tokens, lines and
 * imports of the sample and of the fuzzing types deleted or renamed, 480 programs). Each case's
 * twin, fixed, compiles clean. EcjDeclarationRulesTest holds the same under ECJ.
 */
public class MidEditDeclarationsTest {
  static final String JOB_IMPORTED =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record Job(long id, String url) {}
      """;

  static final String BATCH =
      """
      package app;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      @Transferable
      public record Batch(List<Job> jobs, Job first) {
        static void send(Channel<Job> jobs, Job job) throws InterruptedException {
          jobs.send(job);
        }
      }
      """;

  static final String TEMPERATURE =
      """
      package lib;
      public final class Temperature {
        private final double kelvin;
        public Temperature(double kelvin) { this.kelvin = kelvin; }
        public double kelvin() { return kelvin; }
      }
      """;

  static final String CODEC =
      """
      package codecs;
      import dev.ferry.ByteInput;
      import dev.ferry.ByteOutput;
      import dev.ferry.Codec;
      import dev.ferry.annotation.TransferableCodec;
      import lib.Temperature;
      @TransferableCodec
      public final class KelvinCodec implements Codec<Temperature> {
        public static final KelvinCodec INSTANCE = new KelvinCodec();
        public void write(ByteOutput out, Temperature t) { out.writeDouble(t.kelvin()); }
        public Temperature read(ByteInput in) { return new Temperature(in.readDouble()); }
        public long fingerprint() { return 1L; }
      }
      """;

  static final String READING =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      import lib.Temperature;
      @Transferable
      public record Reading(String sensor, Temperature value) {}
      """;

  /** Each case's sources mid-edit, by file (ECJ's test compiles them too). */
  public static final Map<String, String> JOB_WITHOUT_IMPORT =
      Map.of("app/Job.java", JOB_IMPORTED.replace("import dev.ferry.annotation.Transferable;\n", ""),
          "app/Batch.java", BATCH);

  /**
   * A member typed by a JDK type without a codec whose type argument is not written whole yet
   * ({@code Map.Entry<String, Ports>} before {@code Ports} is declared): javac told "`Entry` is a
   * JDK type Ferry has no codec for" beside its "cannot find symbol", ECJ said nothing. Told once
   * the type resolves, as the twin shows.
   */
  public static final String ENTRY_OF_PORTS =
      """
      package app;
      import dev.ferry.annotation.InheritOnly;
      import dev.ferry.annotation.Transferable;
      import java.util.Map;
      @Transferable
      record Job(long id, Map.Entry<String, Ports> ports) {} // ferry:not-transferable @ports
      @InheritOnly
      record Lane(Map.Entry<String, Ports> ports) {} // ferry:not-transferable @ports
      """;

  public static final Map<String, String> ENTRY_OF_UNRESOLVED =
      Map.of("app/Job.java", ENTRY_OF_PORTS.replaceAll(" // ferry:.*", ""));

  public static final Map<String, String> CODEC_MISSPELLED =
      withCodec(CODEC.replace("@TransferableCodec\n", "@TransferableCodc\n"));

  public static final Map<String, String> CODEC_TYPE_WITHOUT_IMPORT =
      withCodec(CODEC.replace("import lib.Temperature;\n", ""));

  public static final Map<String, String> CODEC_WITHOUT_FINGERPRINT =
      withCodec(CODEC.replace("  public long fingerprint() { return 1L; }\n", ""));

  public static final Map<String, String> CODEC_TYPE_HALF_TYPED =
      withCodec(CODEC.replace("Codec<Temperature>", "Codec<Temperatu>"));

  static final String SHAPE =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public sealed interface Shape permits Circle, Square {}
      """;

  static final String CIRCLE =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record Circle(double r) implements Shape {}
      """;

  static final String SQUARE =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Square(double side) implements Shape {}
      """;

  /** A permitted subtype whose @Transferable is not imported yet: its sealed interface is quiet. */
  /** A superclass two levels up not written yet (or not imported): the fields to copy unknown. */
  public static final String ENTRY_OF_HALF_WRITTEN_BASE =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      class Stamped extends Base {
        Stamped(long at) { super(at); }
      }
      @Transferable
      final class Entry extends Stamped {
        final String who;
        Entry(long at, String who) { super(at); this.who = who; }
      }
      """;

  /** {@link #ENTRY_OF_HALF_WRITTEN_BASE} as files. */
  public static final Map<String, String> BASE_OF_A_SUPERCLASS_UNRESOLVED =
      Map.of("app/Entry.java", ENTRY_OF_HALF_WRITTEN_BASE);

  public static final Map<String, String> SUBTYPE_WITHOUT_IMPORT =
      Map.of(
          "app/Shape.java", SHAPE,
          "app/Circle.java", CIRCLE.replace("import dev.ferry.annotation.Transferable;\n", ""),
          "app/Square.java", SQUARE);

  /**
   * A codec whose {@code read} returns {@code Object} in a {@code Codec<Temperature>}: the
   * compiler's error (ECJ reports it after processing), and under ECJ a generated codec reading a
   * {@code Temperature} through it failed to compile (found by the edit fuzzer swapping types).
   */
  public static final Map<String, String> CODEC_READ_OF_ANOTHER_TYPE =
      withCodec(CODEC.replace("public Temperature read(", "public Object read("));

  static final String RESULT =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public sealed interface Result<T> permits Result.Ok, Result.Failed {
        @dev.ferry.annotation.Transferable
        record Ok<T>(T value) implements Result<T> {}
        @dev.ferry.annotation.Transferable
        record Failed<T>(String reason) implements Result<T> {}
      }
      """;

  /**
   * A permitted subtype whose type variable was renamed in its header only ({@code Failed<U>
   * ... implements Result<T>}, where {@code T} is the interface's): the compiler says it does not
   * implement the sealed interface, whose codec, casting to it, failed to compile beside that
   * under ECJ (found by the edit fuzzer).
   */
  public static final Map<String, String> SUBTYPE_SUPERTYPE_HALF_TYPED =
      Map.of("app/Result.java", RESULT.replace("Failed<T>", "Failed<U>"));

  /**
   * A codec whose {@code read}'s type is half typed: under ECJ a generated codec calling it failed
   * to compile ("refers to the missing type", found by the edit fuzzer).
   */
  public static final Map<String, String> CODEC_METHOD_TYPE_HALF_TYPED =
      withCodec(CODEC.replace("public Temperature read(", "public Temperatur read("));

  static final String ACCOUNT =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public final class Account {
        private final java.util.List<String> tags;
        public Account(java.util.List<String> tags) { this.tags = tags; }
        public java.util.List<String> getTags() { return tags; }
      }
      """;

  /** A class whose accessor's return type is half typed: no "has no accessor". */
  public static final Map<String, String> ACCESSOR_TYPE_HALF_TYPED =
      Map.of(
          "app/Account.java",
          ACCOUNT.replace("public java.util.List<String> getTags()", "public javautil.List<String> getTags()"));

  /** A class whose constructor's parameter type is half typed: no "has no constructor". */
  public static final Map<String, String> CONSTRUCTOR_TYPE_HALF_TYPED =
      Map.of(
          "app/Account.java",
          ACCOUNT.replace("public Account(java.util.List<String> tags)", "public Account(java.utilList<String> tags)"));

  static final String IMPORTS =
      """
      @TransferableImport({Temperature.class})
      package app;
      import dev.ferry.annotation.TransferableImport;
      import lib.Temperature;
      """;

  static final String SENDER =
      """
      package app;
      import dev.ferry.Channel;
      import lib.Temperature;
      class Sender {
        static void send(Channel<Temperature> c) throws InterruptedException {
          c.send(new Temperature(1));
        }
      }
      """;

  /**
   * A package-info's {@code @TransferableImport} naming a class before its import is written: the
   * class's uses, in a record and at a call site, are quiet (found by the edit fuzzer).
   */
  public static final Map<String, String> IMPORT_LITERAL_WITHOUT_IMPORT =
      withImports(IMPORTS.replace("import lib.Temperature;\n", ""));

  /** A codec's file written up to its class's first modifier: ECJ recovers no class from it. */
  public static final Map<String, String> CODEC_CUT_SHORT =
      withCodec(CODEC.substring(0, CODEC.indexOf("final class KelvinCodec")));

  /** {@code @TransferableCodec} replaced by a type that is not an annotation. */
  public static final Map<String, String> CODEC_ANNOTATION_NOT_ONE =
      withCodec(CODEC.replace("@TransferableCodec\n", "@Codec\n"));

  static final String PORTS_IMPORTED =
      """
      package app;
      import dev.ferry.Channel;
      import dev.ferry.annotation.InheritOnly;
      @InheritOnly
      public record Ports(Channel<String> jobs) {}
      """;

  static final String STARTER =
      """
      package app;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      final class Starter {
        static void work(Ports ports) {}
        static void start() {
          Ferry.spawn(Starter::work, new Ports(Channel.create()));
        }
      }
      """;

  /** An {@code @InheritOnly} record holding a channel, before its import is written. */
  public static final Map<String, String> INHERIT_ONLY_WITHOUT_IMPORT =
      Map.of(
          "app/Ports.java",
              PORTS_IMPORTED.replace("import dev.ferry.annotation.InheritOnly;\n", ""),
          "app/Starter.java", STARTER);

  /** The package-info's {@code package} line not written yet: a syntax error. */
  public static final Map<String, String> IMPORTS_WITHOUT_PACKAGE_LINE =
      withImports(IMPORTS.replace("package app;\n", ""));

  /** The import of {@code TransferableImport} itself misspelled in the package-info. */
  public static final Map<String, String> IMPORT_ANNOTATION_MISSPELLED =
      withImports(IMPORTS.replace("dev.ferry.annotation.", "dev.ferry.annotations."));

  static final String WORK =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record Work(long id, @SuppressWarnings("ferry:not-transferable") Thread worker) {}
      """;

  static final String ANIMAL =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @Transferable
      @SuppressWarnings("ferry")
      abstract class Animal {}
      """;

  static final String OUTER =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @SuppressWarnings("ferry")
      final class Outer {
        @Transferable
        final class Inner {
          int x;
          Inner() {}
        }
      }
      """;

  /**
   * {@code @SuppressWarnings} half typed on a record component, on a class, and on the class
   * around an inner class: each silences a rule once it resolves (found by the edit fuzzer).
   */
  public static final Map<String, String> SUPPRESSION_HALF_TYPED =
      Map.of(
          "app/Work.java", halfTypedSuppression(WORK),
          "app/Animal.java", halfTypedSuppression(ANIMAL),
          "app/Outer.java", halfTypedSuppression(OUTER));

  private static String halfTypedSuppression(String text) {
    return text.replace("@SuppressWarnings(", "@SuppressWarnin(");
  }

  /** The temperature type imported by {@code packageInfo}, a reading holding one, and a sender. */
  private static Map<String, String> withImports(String packageInfo) {
    return Map.of(
        "lib/Temperature.java", TEMPERATURE,
        "app/package-info.java", packageInfo,
        "app/Reading.java", READING,
        "app/Sender.java", SENDER);
  }

  /** The temperature type, a reading holding one, and {@code codec} for it. */
  private static Map<String, String> withCodec(String codec) {
    return Map.of(
        "lib/Temperature.java", TEMPERATURE,
        "codecs/KelvinCodec.java", codec,
        "app/Reading.java", READING);
  }

  @Test
  void entryOfAnUnresolvedType_isToldOnlyOnceItResolves() {
    assertOnlyJavacErrors(ENTRY_OF_UNRESOLVED);
    String ports = "@Transferable\nrecord Ports(int port) {}\n";
    assertDiagnostics(source("app.Job", ENTRY_OF_PORTS + ports));
    assertCompilesClean(source("app.Job", ENTRY_OF_UNRESOLVED.get("app/Job.java")
        .replace("Map.Entry<", "Map<") + ports));
  }

  /**
   * A member whose type does not resolve yet ({@code Frob} before its import is written) leaves the
   * type's other members untold until it resolves, under javac and ECJ alike (checkerfuzz65's
   * probes a52, a55); the twin with {@code Frob} declared tells {@code Thread t}.
   */
  static final String FROB_AND_THREAD =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      @Transferable
      record Job(Frob f, Thread t) {} // ferry:not-transferable @t
      """;

  public static final Map<String, String> MEMBER_OF_AN_UNRESOLVED_TYPE =
      Map.of("app/Job.java", FROB_AND_THREAD.replaceAll(" // ferry:.*", ""));

  @Test
  void memberOfAnUnresolvedType_leavesTheOtherMembersUntoldUntilItResolves() {
    String midEdit = MEMBER_OF_AN_UNRESOLVED_TYPE.get("app/Job.java");
    assertOnlyJavacErrors(MEMBER_OF_AN_UNRESOLVED_TYPE);
    String frob = "@Transferable\nrecord Frob(int x) {}\n";
    assertDiagnostics(source("app.Job", FROB_AND_THREAD + frob));
    assertCompilesClean(source("app.Job", midEdit.replace("Thread t", "String t") + frob));
  }

  @Test
  void transferableBeforeItsImport_leavesTheTypesUsesQuiet() {
    assertOnlyJavacErrors(JOB_WITHOUT_IMPORT);
    assertCompilesClean(source("app.Job", JOB_IMPORTED), source("app.Batch", BATCH));
  }

  @Test
  void misspelledTransferableCodec_leavesItsTypesUsesQuiet() {
    assertOnlyJavacErrors(CODEC_MISSPELLED);
    assertCompilesClean(fixedCodecSources());
  }

  @Test
  void codecNamingItsTypeBeforeItsImport_leavesItsTypesUsesQuiet() {
    assertOnlyJavacErrors(CODEC_TYPE_WITHOUT_IMPORT);
    assertCompilesClean(fixedCodecSources());
  }

  /**
   * A codec whose {@code fingerprint()} is not written yet: javac says so, and Reading's generated
   * codec, which called {@code KelvinCodec.INSTANCE.fingerprint()}, failed to compile beside it
   * ("cannot find symbol" in Reading_FerryCodec.java, a file the user never wrote).
   */
  @Test
  void codecMissingAMethod_getsNoCodecThatCallsIt() {
    assertOnlyJavacErrors(CODEC_WITHOUT_FINGERPRINT);
    assertCompilesClean(fixedCodecSources());
  }

  @Test
  void codecOfAHalfTypedName_leavesItsTypesUsesQuiet() {
    assertOnlyJavacErrors(CODEC_TYPE_HALF_TYPED);
    assertCompilesClean(fixedCodecSources());
  }

  /**
   * A superclass whose own superclass does not resolve: javac's "cannot find symbol" alone, not
   * Ferry's "no constructor the codec can call" (it saw no inherited field to take).
   */
  @Test
  void superclassOfAnUnresolvedBase_leavesTheClassQuiet() {
    assertOnlyJavacErrors(BASE_OF_A_SUPERCLASS_UNRESOLVED);
    assertCompilesClean(
        source(
            "app.Entry",
            ENTRY_OF_HALF_WRITTEN_BASE
                + "class Base {\n  protected final long at;\n  Base(long at) { this.at = at; }\n}\n"));
  }

  @Test
  void permittedSubtypeBeforeItsImport_leavesTheSealedInterfaceQuiet() {
    assertOnlyJavacErrors(SUBTYPE_WITHOUT_IMPORT);
    assertCompilesClean(
        source("app.Shape", SHAPE), source("app.Circle", CIRCLE), source("app.Square", SQUARE));
  }

  @Test
  void permittedSubtypeWithAHalfTypedSupertype_leavesTheSealedInterfaceQuiet() {
    assertOnlyJavacErrors(SUBTYPE_SUPERTYPE_HALF_TYPED);
    assertCompilesClean(source("app.Result", RESULT));
  }

  @Test
  void codecReadingAnotherType_getsNoCodecThatCallsIt() {
    assertOnlyJavacErrors(CODEC_READ_OF_ANOTHER_TYPE);
  }

  @Test
  void codecWithAHalfTypedMethodType_getsNoCodecThatCallsIt() {
    assertOnlyJavacErrors(CODEC_METHOD_TYPE_HALF_TYPED);
    assertCompilesClean(fixedCodecSources());
  }

  @Test
  void accessorOrConstructorOfAHalfTypedType_isNotToldMissing() {
    assertOnlyJavacErrors(ACCESSOR_TYPE_HALF_TYPED);
    assertOnlyJavacErrors(CONSTRUCTOR_TYPE_HALF_TYPED);
    assertCompilesClean(source("app.Account", ACCOUNT));
  }

  /**
   * A package-info that does not compile yet may hold the imports that make a type transferable:
   * javac processes nothing after a syntax error, and sees the misspelled annotation in the
   * package's tree. (ECJ processes anyway: EcjDeclarationRulesTest.)
   */
  /**
   * A record that holds a channel and whose {@code @InheritOnly} has no import yet: its spawn was
   * told "`Ports` is not annotated" under ECJ (javac was quiet); see EcjDeclarationRulesTest.
   */
  @Test
  void inheritOnlyBeforeItsImport_leavesItsSpawnQuiet() {
    assertOnlyJavacErrors(INHERIT_ONLY_WITHOUT_IMPORT);
    assertCompilesClean(source("app.Ports", PORTS_IMPORTED), source("app.Starter", STARTER));
  }

  @Test
  void codecCutShort_leavesItsTypesUsesQuiet() {
    assertOnlyJavacErrors(CODEC_CUT_SHORT);
  }

  @Test
  void codecAnnotatedWithATypeThatIsNotAnAnnotation_leavesItsTypesUsesQuiet() {
    assertOnlyJavacErrors(CODEC_ANNOTATION_NOT_ONE);
  }

  @Test
  void packageInfoWithCompilerErrors_leavesItsUsesQuiet() {
    assertOnlyJavacErrors(IMPORTS_WITHOUT_PACKAGE_LINE);
    assertOnlyJavacErrors(IMPORT_ANNOTATION_MISSPELLED);
  }

  /**
   * A package-info.java with nothing in it, which is legal Java, or with its annotation written
   * and nothing after it yet: javac makes the package a root element with no package declaration
   * to its name, and asking javac's trees for its path threw NullPointerException out of the
   * processor, which javac printed as "An annotation processor threw an uncaught exception" (found
   * by the edit fuzzer cutting a package-info short). javac 17 compiles the second file without
   * a word and without the annotation, so the reading's member has no codec: that is told, as it
   * would be without the package-info.
   */
  @Test
  void packageInfoWithoutPackageDeclaration_doesNotCrashTheCompiler() {
    assertCompilesClean(
        source("app.package-info", ""),
        source("app.Job", JOB_IMPORTED),
        source("app.Batch", BATCH));
    Compilation cut =
        compile(
            source("lib.Temperature", TEMPERATURE),
            source("app.package-info", "@TransferableImport({Temperature.class})\n"),
            source("app.Reading", READING));
    for (Diagnostic<? extends JavaFileObject> error : cut.errors()) {
      assertWithMessage(error.toString()).that(error.getMessage(null)).doesNotContain("internal");
      assertWithMessage(error.toString()).that(error.getSource().getName()).endsWith("Reading.java");
    }
  }

  @Test
  void importedClassBeforeItsImport_leavesItsUsesQuiet() {
    assertOnlyJavacErrors(IMPORT_LITERAL_WITHOUT_IMPORT);
    assertCompilesClean(
        source("lib.Temperature", TEMPERATURE),
        source("app.package-info", IMPORTS),
        source("app.Reading", READING),
        source("app.Sender", SENDER));
  }

  /**
   * A {@code @SuppressWarnings("ferry...")} not fully typed yet does not resolve, and javac leaves
   * it off the element during processing: the problems it will silence were reported beside
   * javac's "cannot find symbol", and vanished once the name was complete. Taken for a suppression
   * of the rules it names, it leaves any other rule's problem told.
   */
  @Test
  void suppressionHalfTyped_leavesWhatItSilencesQuiet() {
    assertOnlyJavacErrors(SUPPRESSION_HALF_TYPED);
    assertCompilesClean(
        source("app.Work", WORK), source("app.Animal", ANIMAL), source("app.Outer", OUTER));
    assertDiagnostics(
        source(
            "app.Work",
            """
            package app;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public record Work(
                long id,
                @SuppressWarnin("ferry:local-class") // javac @SuppressWarnin
                Thread worker) {} // ferry:not-transferable @worker
            """));
  }

  private static Source[] fixedCodecSources() {
    return new Source[] {
      source("lib.Temperature", TEMPERATURE),
      source("codecs.KelvinCodec", CODEC),
      source("app.Reading", READING)
    };
  }

  private static void assertOnlyJavacErrors(Map<String, String> files) {
    Source[] sources =
        files.entrySet().stream()
            .map(f -> source(f.getKey().replace(".java", "").replace('/', '.'), f.getValue()))
            .toArray(Source[]::new);
    Compilation compilation = compile(sources);
    assertWithMessage("javac's own errors").that(compilation.errors()).isNotEmpty();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertWithMessage(error.toString()).that(error.getMessage(null)).doesNotContain("[ferry:");
      assertWithMessage(error.toString())
          .that(error.getSource().getName())
          .doesNotContain("_FerryCodec");
    }
  }
}
