package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.javacOnly;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.CodecMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.GeneratedValueTypes;
import dev.ferry.processor.testing.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code @TransferableImport}: codecs for classes the user cannot annotate, under the rules of
 * {@code @Transferable}, with every problem on the import's class literal; and the imported types
 * transferable for the checker, in the same compilation and from a jar.
 */
public class TransferableImportTest {
  /**
   * A library's inner (non-static) class: imported, it was told "`Shelf` is an inner (non-static)
   * class, so it cannot be @Transferable", an annotation nobody wrote, with the fix to move a class
   * that is not the user's. A codec written by hand makes it transferable (its constructor needs
   * an instance of the class around it, which only such a codec can give); it was refused where
   * used, as if it had none. Shared with EcjDeclarationRulesTest: {@code %s} is the import's
   * class literal, or nothing.
   */
  public static final String INNER_LIBRARY_CLASS_LIB =
      """
      package lib;
      public final class Store {
        public final class Shelf {
          public final String name;
          public Shelf(String name) { this.name = name; }
        }
      }
      """;

  public static final String INNER_LIBRARY_CLASS_APP =
      """
      package app;
      import dev.ferry.annotation.Transferable;
      import dev.ferry.annotation.TransferableImport;
      import java.util.List;
      import lib.Store;
      @TransferableImport({%s})
      final class Imports {}
      @Transferable record Aisle(List<Store.Shelf> shelves) {}
      """;

  /** What a member of type `Store.Shelf` without a codec is told, javac and ECJ alike. */
  public static final String INNER_MEMBER_REASON =
      "`Shelf` is an inner (non-static) class of `Store`: each of its instances holds an instance"
          + " of `Store`, which the process that reads the value cannot rebuild along with it";

  public static final String INNER_MEMBER_FIX =
      "Fix: make `Shelf` a static nested class, or write a codec for `Shelf` by hand and annotate"
          + " it with @TransferableCodec";

  public static final String INNER_LIBRARY_CLASS_CODEC =
      """
      package app;
      import dev.ferry.*;
      import lib.Store;
      @dev.ferry.annotation.TransferableCodec
      public final class ShelfCodec implements Codec<Store.Shelf> {
        public static final ShelfCodec INSTANCE = new ShelfCodec();
        public void write(ByteOutput out, Store.Shelf shelf) { out.writeString(shelf.name); }
        public Store.Shelf read(ByteInput in) { return new Store().new Shelf(in.readString()); }
        public long fingerprint() { return 1L; }
      }
      """;

  /**
   * Library classes imported with a member of a JDK class that has no codec: `Counter.count` is an
   * `AtomicLong`, `Worker.threads` a `List<Thread>`, `Spot.point` a `java.awt.Point`. Each was told
   * "import `AtomicLong` too if it is a plain data class", though an import of `AtomicLong` or
   * `Thread` is refused in turn (their state is no data); only `Point` imports. Shared with
   * EcjDeclarationRulesTest: {@code %s} is more class literals, or nothing.
   */
  public static final String JDK_MEMBER_LIB =
      """
      package lib;
      import java.util.List;
      import java.util.concurrent.atomic.AtomicLong;
      public final class Counter {
        private final AtomicLong count;
        public Counter(AtomicLong count) { this.count = count; }
        public AtomicLong count() { return count; }
      }
      final class Worker {
        private final List<Thread> threads;
        public Worker(List<Thread> threads) { this.threads = threads; }
        public List<Thread> threads() { return threads; }
      }
      """;

  public static final String JDK_MEMBER_SPOT =
      """
      package lib;
      public final class Spot {
        private final java.awt.Point point;
        public Spot(java.awt.Point point) { this.point = point; }
        public java.awt.Point point() { return point; }
      }
      """;

  public static final String JDK_MEMBER_APP =
      """
      package lib;
      import dev.ferry.annotation.TransferableImport;
      @TransferableImport({
          Counter.class,
          Worker.class,
          Spot.class%s})
      final class Imports {}
      """;

  @Test
  void memberOfAJdkClassThatIsNoData_isNotToldToImportIt() {
    Compilation compilation =
        assertDiagnostics(
            source("lib.Counter", JDK_MEMBER_LIB),
            source("lib.Spot", JDK_MEMBER_SPOT),
            source(
                "lib.Imports",
                JDK_MEMBER_APP
                    .formatted("")
                    .replace("Counter.class,", "Counter.class, // ferry:not-transferable @.class")
                    .replace("Worker.class,", "Worker.class, // ferry:not-transferable @.class")
                    .replace("Spot.class})", "Spot.class}) // ferry:not-transferable @.class")));
    List<String> messages = compilation.errors().stream().map(e -> e.getMessage(null)).toList();
    assertThat(messages.get(0))
        .endsWith(
            "Fix: " + CodecMessages.importJdkMemberFix("Counter", "AtomicLong")
                + ". See docs/rules/not-transferable.md");
    assertThat(messages.get(1))
        .contains("Fix: " + CodecMessages.importJdkMemberFix("Worker", "Thread") + ".");
    assertThat(messages.get(2)).contains("Fix: " + CodecMessages.importMemberFix("Spot", "Point") + ".");
    assertThat(String.join("\n", messages)).doesNotContain("import `AtomicLong`");
    assertThat(String.join("\n", messages)).doesNotContain("import `Thread`");
  }

  @Test
  void memberOfAJdkClassThatIsData_twin_compilesCleanImportedToo() {
    assertCompilesClean(
        source("lib.Spot", JDK_MEMBER_SPOT),
        source(
            "lib.Imports",
            JDK_MEMBER_APP
                .formatted(", java.awt.Point.class")
                .replace("Counter.class,\n", "")
                .replace("Worker.class,\n", "")));
  }

  @Test
  void innerLibraryClassImported_isToldToWriteItsCodecByHand() {
    Compilation compilation =
        assertDiagnostics(
            source("lib.Store", INNER_LIBRARY_CLASS_LIB),
            source(
                "app.Imports",
                INNER_LIBRARY_CLASS_APP
                    .formatted("Store.Shelf.class")
                    .replace(
                        "Store.Shelf.class})",
                        "Store.Shelf.class}) // ferry:local-class @.class")
                    .replace(
                        "List<Store.Shelf> shelves) {}",
                        "List<Store.Shelf> shelves) {} // ferry:local-class @shelves")));
    assertThat(compilation.errors().stream().map(e -> e.getMessage(null)).toList())
        .contains(
            Rule.LOCAL_CLASS.format(
                "`Shelf` is an inner (non-static) class, so @TransferableImport on `Imports` cannot"
                    + " give it a codec: a generated codec rebuilds a value with its constructor,"
                    + " and the constructor of such a class needs an instance of the class around"
                    + " it. Fix: remove `Shelf.class` from it, and write a codec for `Shelf` by hand"
                    + " and annotate it with @TransferableCodec, or, if `Shelf` is your own, make it"
                    + " a top-level or static nested class."));
  }

  /**
   * A member of a library's inner class type, with no codec for it: it was told the class "has no
   * name outside its enclosing code", which is wrong of a member class (`lib.Store.Shelf` is its
   * name). What a process cannot rebuild is the `Store` each `Shelf` holds. The twin is the next
   * test: the same member with a codec written by hand.
   */
  @Test
  void memberOfInnerLibraryClassType_isToldItsInstancesHoldTheOuterOne() {
    Compilation compilation =
        assertDiagnostics(
            source("lib.Store", INNER_LIBRARY_CLASS_LIB),
            source(
                "app.Imports",
                INNER_LIBRARY_CLASS_APP
                    .formatted("")
                    .replace(
                        "List<Store.Shelf> shelves) {}",
                        "List<Store.Shelf> shelves) {} // ferry:local-class @shelves")));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .contains(
            INNER_MEMBER_REASON);
    assertThat(message)
        .contains(
            INNER_MEMBER_FIX);
    assertThat(message).doesNotContain("no name");
  }

  @Test
  void innerLibraryClassWithAHandWrittenCodec_compilesClean() {
    assertCompilesClean(
        source("lib.Store", INNER_LIBRARY_CLASS_LIB),
        source("app.Imports", INNER_LIBRARY_CLASS_APP.formatted("")),
        source("app.ShelfCodec", INNER_LIBRARY_CLASS_CODEC));
  }

  /**
   * An import of an abstract type whose class another processor generates, or of that class: the
   * first was told to import "the concrete classes instead", the second to annotate it
   * with @Transferable; neither can be done, and a codec of {@code ImmutableFoo} would not serve
   * the members declared {@code Foo}. The twin is the next test: {@code Foo}'s codec by hand.
   */
  @Test
  void importOfAGeneratedValueTypeOrItsClass_isToldToWriteTheValueTypesCodec() {
    Compilation compilation =
        assertDiagnostics(
            GeneratedValueTypes.with(
                source(
                    "app.Imports",
                    """
                    package app;
                    @dev.ferry.annotation.TransferableImport({
                      Foo.class, // ferry:transferable-shape @.class
                      ImmutableFoo.class}) // ferry:transferable-shape @.class
                    final class Imports {}
                    """)));
    assertThat(compilation.errors().stream().map(e -> e.getMessage(null)).toList())
        .containsExactly(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importGeneratedSubclass("Foo", "@Value.Immutable", "Immutables")),
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importGeneratedImplementation(
                    "ImmutableFoo", "Foo", "@Value.Immutable", "Immutables", "int x")));
  }

  @Test
  void generatedValueTypeWithAHandWrittenCodec_twin_compilesClean() {
    assertCompilesClean(
        GeneratedValueTypes.with(
            GeneratedValueTypes.FOO_CODEC,
            source(
                "app.Order",
                """
                package app;
                import dev.ferry.Channel;
                @dev.ferry.annotation.Transferable
                record Order(Foo foo, java.util.List<Foo> more) {
                  static void use(Channel<Foo> foos) throws Exception {
                    Foo foo = ImmutableFoo.of(1);
                    foos.send(foo);
                  }
                }
                """)));
  }

  /** A class of another team's library: no Ferry annotation, public members. */
  private static final Source MONEY =
      source(
          "lib.Money",
          """
          package lib;
          public record Money(long cents, String currency) {}
          """);

  /** A library's class that is @Transferable already: importing it would be a second codec. */
  private static final Source TRANSFERABLE_JOB =
      source(
          "lib.Job",
          """
          package lib;
          @dev.ferry.annotation.Transferable
          public record Job(long id) {}
          """);

  private static final Source POINT =
      source(
          "lib.Point",
          """
          package lib;
          public final class Point {
            private final int x;
            private final int y;
            public Point(int x, int y) { this.x = x; this.y = y; }
            public int getX() { return x; }
            public int getY() { return y; }
          }
          """);

  /** A user's program that imports both, uses them as members and sends them. */
  private static final Source APP =
      source(
          "app.App",
          """
          package app;
          import dev.ferry.Channel;
          import dev.ferry.annotation.Transferable;
          import dev.ferry.annotation.TransferableImport;
          import lib.Money;
          import lib.Point;
          @TransferableImport({Money.class, Point.class})
          public class App {
            @Transferable public record Invoice(Money total, java.util.List<Point> route) {}
            static void send(Channel<Money> money, Channel<Invoice> invoices) throws InterruptedException {
              money.send(new Money(1250, "EUR"));
              invoices.send(new Invoice(new Money(1, "EUR"), java.util.List.of(new Point(1, 2))));
            }
          }
          """);

  @Test
  void importedClasses_getCodecsInTheImportersPackageAndAreListed() throws IOException {
    Compilation compilation = assertCompilesClean(MONEY, POINT, APP);
    assertThat(compilation.generatedSourceFile("app.Money_FerryCodec")).isPresent();
    assertThat(compilation.generatedSourceFile("app.Point_FerryCodec")).isPresent();
    assertThat(resource(compilation, "META-INF/ferry/codecs"))
        .isEqualTo(
            """
            app.App$Invoice app.App_Invoice_FerryCodec
            lib.Money app.Money_FerryCodec
            lib.Point app.Point_FerryCodec
            """);
    assertThat(resource(compilation, "const/ferry/types/lib.Money"))
        .isEqualTo("app.Money_FerryCodec\ndeclared-by app.App\n");
  }

  @Test
  void withoutTheImport_membersAndSentValuesAreNotTransferable() {
    assertDiagnostics(
        MONEY,
        source(
            "app.App",
            """
            package app;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            import lib.Money;
            public class App {
              @Transferable public record Invoice(Money total) {} // ferry:not-transferable @total
              static void send(Channel<Money> money) { // ferry:not-transferable @Money>
              }
            }
            """));
  }

  @Test
  void importOnAPackage_makesTheClassTransferable() {
    Compilation compilation =
        assertCompilesClean(
            MONEY,
            source(
                "app.package-info",
                """
                @TransferableImport(Money.class)
                package app;
                import dev.ferry.annotation.TransferableImport;
                import lib.Money;
                """),
            source(
                "app.Invoice",
                """
                package app;
                import dev.ferry.annotation.Transferable;
                @Transferable public record Invoice(lib.Money total) {}
                """));
    assertThat(compilation.generatedSourceFile("app.Money_FerryCodec")).isPresent();
  }

  /**
   * An empty import list ({@code @TransferableImport({})}, what is left after its last class is
   * moved to {@code @Transferable}) imports nothing, as it says: no codec, no diagnostic, under
   * {@code -Xlint:all -Werror}, on a class and on a {@code package-info}, and the annotated
   * types' own codecs are generated as without it.
   */
  @Test
  void emptyImportList_importsNothingAndCompilesClean() {
    Compilation compilation =
        ferry()
            .withOptions("-Xlint:all,-processing", "-Werror")
            .expectingClean(
                source(
                    "app.package-info",
                    """
                    @TransferableImport({})
                    package app;
                    import dev.ferry.annotation.TransferableImport;
                    """),
                source(
                    "app.Invoice",
                    """
                    package app;
                    import dev.ferry.annotation.Transferable;
                    import dev.ferry.annotation.TransferableImport;
                    @Transferable
                    @TransferableImport({})
                    public record Invoice(long cents) {}
                    """));
    assertThat(compilation.generatedSourceFile("app.Invoice_FerryCodec")).isPresent();
    assertThat(resource(compilation, "META-INF/ferry/codecs"))
        .isEqualTo("app.Invoice app.Invoice_FerryCodec\n");
  }

  @Test
  void memberWithoutCodec_isReportedOnTheClassLiteralNamingTheMember() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "lib.Job",
                """
                package lib;
                public record Job(long id, Thread worker) {}
                """),
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(
                    lib.Job.class) // ferry:not-transferable @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .startsWith(Rule.NOT_TRANSFERABLE.tag() + " `Job.worker` is `Thread`");
    assertThat(compilation.errors().get(0).getMessage(null))
        .contains(CodecMessages.importJdkMemberFix("Job", "Thread"));
  }

  @Test
  void memberWithoutCodec_twin_importedMemberTypeCompilesClean() {
    assertCompilesClean(
        MONEY,
        source(
            "lib.Order",
            """
            package lib;
            public record Order(long id, Money price) {}
            """),
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport({lib.Order.class, lib.Money.class})
            public class App {}
            """));
  }

  /** A library class whose state only its own package can read. */
  private static final Source SECRET =
      source(
          "lib.Secret",
          """
          package lib;
          public final class Secret {
            private final String value;
            public Secret(String value) { this.value = value; }
            String value() { return value; }
          }
          """);

  @Test
  void privateStateWithoutPublicAccessors_isReportedOnTheClassLiteral() {
    Compilation compilation =
        assertDiagnostics(
            SECRET,
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(
                    lib.Secret.class) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importUnreadable("Secret", "value", "app")));
  }

  /** The unnamed package has no name to quote: it was told as "which lives in package ``". */
  @Test
  void privateStateWithoutPublicAccessors_importedInTheUnnamedPackage_namesThatPackageInWords() {
    Compilation compilation =
        assertDiagnostics(
            SECRET,
            source(
                "App",
                """
                @dev.ferry.annotation.TransferableImport(
                    lib.Secret.class) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .contains("the codec generated for the import of `Secret`, which lives in the unnamed"
            + " package, cannot read it.");
  }

  @Test
  void packagePrivateAccessor_twin_importInTheClassesOwnPackageCompilesClean() {
    assertCompilesClean(
        source(
            "lib.Secret",
            """
            package lib;
            @dev.ferry.annotation.TransferableImport(Secret.class)
            public final class Secret {
              private final String value;
              public Secret(String value) { this.value = value; }
              String value() { return value; }
            }
            """));
  }

  /**
   * A protected nested class can be named in a subclass in another package, but the codec, which
   * is no subclass, cannot reach it.
   */
  @Test
  void protectedNestedClass_isReportedOnTheClassLiteral() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "lib.Base",
                """
                package lib;
                public class Base {
                  protected record Hidden(int x) {}
                }
                """),
            source(
                "app.Sub",
                """
                package app;
                public class Sub extends lib.Base {
                  @dev.ferry.annotation.TransferableImport(
                      Hidden.class) // ferry:transferable-shape @.class
                  static final class Imports {}
                }
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importInaccessible("Hidden", "app", false)));
  }

  @Test
  void protectedNestedClass_twin_publicNestedClassCompilesClean() {
    assertCompilesClean(
        source(
            "lib.Base",
            """
            package lib;
            public class Base {
              public record Visible(int x) {}
            }
            """),
        source(
            "app.Sub",
            """
            package app;
            @dev.ferry.annotation.TransferableImport(Sub.Visible.class)
            public class Sub extends lib.Base {}
            """));
  }

  @Test
  void transferableClass_importedAgain_isTwoCodecs() {
    assertDiagnostics(
        TRANSFERABLE_JOB,
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport(
                lib.Job.class) // ferry:transferable-shape @.class
            public class App {}
            """));
  }

  @Test
  void transferableClass_importedBesideAnother_fixRemovesOnlyItsLiteral() {
    // The import also lists Money, which stays imported: removing the annotation would drop it.
    // Twin: Money imported alone compiles clean (primitiveArrayAndVoidLiterals_twin_...).
    Compilation compilation =
        assertDiagnostics(
            MONEY,
            TRANSFERABLE_JOB,
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport({
                    lib.Money.class,
                    lib.Job.class}) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.alreadyAnnotated(
                    "Job",
                    "@Transferable",
                    "@TransferableImport on `App`",
                    "`Job.class` from @TransferableImport on `App`")));
  }

  @Test
  void classImportedTwice_isReportedOnBothLiterals() {
    assertDiagnostics(
        MONEY,
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport(
                lib.Money.class) // ferry:transferable-shape @.class
            public class App {}
            """),
        source(
            "other.Other",
            """
            package other;
            @dev.ferry.annotation.TransferableImport(
                lib.Money.class) // ferry:transferable-shape @.class
            public class Other {}
            """));
  }

  /**
   * A record holding a class imported twice: its codec called the codec of the import in its own
   * package, which is refused for the second codec and never generated, so javac added "package
   * Money_FerryCodec does not exist" twice, in a generated file, beside Ferry's two errors. The
   * holder gets no codec until one import is removed; its twin with one import compiles clean
   * ({@link #importedClasses_getCodecsInTheImportersPackageAndAreListed}).
   */
  @Test
  void classImportedTwice_aRecordHoldingItGetsNoCodecCallingEither() {
    assertDiagnostics(
        MONEY,
        source(
            "app.Order",
            """
            package app;
            @dev.ferry.annotation.TransferableImport(
                lib.Money.class) // ferry:transferable-shape @.class
            @dev.ferry.annotation.Transferable
            public record Order(lib.Money total) {}
            """),
        source(
            "other.Other",
            """
            package other;
            @dev.ferry.annotation.TransferableImport(
                lib.Money.class) // ferry:transferable-shape @.class
            public class Other {}
            """));
  }

  @Test
  void builtInType_imported_isReported() {
    assertDiagnostics(
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport(
                java.util.UUID.class) // ferry:transferable-shape @.class
            public class App {}
            """));
  }

  /**
   * With {@code --release} below the JDK that compiles, javac (and ECJ) read the JDK's classes from
   * its record of that release's public API ({@code ct.sym}), which has no private fields: {@code
   * java.util.Random} was a class with a public no-argument constructor and no state, so its import
   * compiled clean to a codec that wrote nothing and read back {@code new Random()} (and {@code
   * Thread.class} the same), under javac 25 with {@code --release 17}, as Maven's {@code <release>}
   * does. The JDK's own class shows the fields the compilation does not see.
   */
  @Test
  void jdkClassWhosePrivateFieldsTheReleaseHides_isReportedOnTheClassLiteral() {
    Compilation compilation =
        ferry()
            .withOptions("--release", "11")
            .expectingMarked(
                source(
                    "app.App",
                    """
                    package app;
                    @dev.ferry.annotation.TransferableImport({
                        java.awt.Point.class,
                        java.util.Random.class}) // ferry:transferable-shape @.class
                    public class App {}
                    """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.platformFieldsHidden(
                    "Random",
                    List.of("Random.seed", "Random.nextNextGaussian", "Random.haveNextNextGaussian"))));
  }

  /** The twin: a JDK class whose state is public fields, and the same import without the release. */
  @Test
  void jdkClassWhoseStateThePublicApiShows_twin_compilesClean() {
    ferry()
        .withOptions("--release", "11")
        .expectingClean(
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(java.awt.Point.class)
                public class App {}
                """));
  }

  /**
   * {@code java.util.Random} on the JDK that compiles: its three private fields have no accessors
   * nor setters and {@code seed} is an {@code AtomicLong}, which gave seven errors on one literal,
   * one of them "import `AtomicLong` too if it is a plain data class". One error now, on the
   * literal, with the one fix: a hand-written codec.
   */
  @Test
  void jdkClassWhoseStateIsNoData_isOneErrorOnTheClassLiteral() {
    Compilation compilation =
        ferry()
            .expectingMarked(
                source(
                    "app.App",
                    """
                    package app;
                    @dev.ferry.annotation.TransferableImport({
                        java.awt.Point.class,
                        java.util.Random.class}) // ferry:transferable-shape @.class
                    public class App {}
                    """));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importJdkUnfit(
                    "Random", List.of("haveNextNextGaussian", "nextNextGaussian", "seed"))));
    assertThat(message).contains("`Random` cannot be imported");
    assertThat(message).contains("@TransferableCodec");
    assertThat(message).doesNotContain("import `AtomicLong`");
  }

  /**
   * {@code AtomicLong}: one private field, so one error, which was the words for a library class
   * ("if `AtomicLong` is your own, annotate it with @Transferable"): a JDK class is never the
   * user's own. The fix it gives is a hand-written codec; the twin is that codec, which serves a
   * record's field of that type.
   */
  @Test
  void jdkClassWithOneUnreadableField_isToldToWriteACodecNotToAnnotateIt() {
    Compilation compilation =
        ferry()
            .expectingMarked(
                source(
                    "app.App",
                    """
                    package app;
                    import java.util.concurrent.atomic.AtomicLong;
                    @dev.ferry.annotation.TransferableImport(
                        AtomicLong.class) // ferry:transferable-shape @.class
                    public class App {}
                    """));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importJdkUnreadable("AtomicLong", "value")));
    assertThat(message).contains("`AtomicLong`, a JDK class");
    assertThat(message).doesNotContain("your own, annotate");
  }

  @Test
  void jdkClassWithOneUnreadableField_twin_handWrittenCodecServesAField() {
    ferry()
        .expectingClean(
            source(
                "app.AtomicLongCodec",
                """
                package app;
                import dev.ferry.*;
                import java.util.concurrent.atomic.AtomicLong;
                @dev.ferry.annotation.TransferableCodec
                public final class AtomicLongCodec implements Codec<AtomicLong> {
                  public static final AtomicLongCodec INSTANCE = new AtomicLongCodec();
                  public void write(ByteOutput out, AtomicLong v) { out.writeFixedLong(v.get()); }
                  public AtomicLong read(ByteInput in) { return new AtomicLong(in.readFixedLong()); }
                  public long fingerprint() { return 1L; }
                }
                """),
            source(
                "app.Stats",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Stats(String name, java.util.concurrent.atomic.AtomicLong hits) {}
                """));
  }

  /**
   * {@code java.text.ParsePosition}: readable fields, no constructor taking them. Its fix was the
   * one for a library class, "if `ParsePosition` is your own, annotate it with @Transferable",
   * which no one can do to a JDK class; now a hand-written codec or a record of your own.
   */
  @Test
  void jdkClassWithoutAMatchingConstructor_isToldToWriteACodecNotToAnnotateIt() {
    String message = refusedImportOf("java.text.ParsePosition");
    assertThat(message)
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importNoConstructor("ParsePosition", "int index, int errorIndex", true)));
    assertThat(message).contains("or send a record of your own that holds what you need of it");
    assertThat(message).doesNotContain("is your own, annotate");
  }

  /** {@code java.util.EventObject}: no fields, no no-argument constructor; the same fix. */
  @Test
  void jdkClassWithoutFieldsOrNoArgumentConstructor_isToldToWriteACodecNotToAnnotateIt() {
    String message = refusedImportOf("java.util.EventObject");
    assertThat(message)
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importNoConstructor("EventObject", "", true)));
    assertThat(message).doesNotContain("is your own, annotate");
  }

  /** The one error of importing {@code type} alone, marked on its class literal. */
  private static String refusedImportOf(String type) {
    Compilation compilation =
        ferry()
            .expectingMarked(
                source(
                    "app.App",
                    """
                    package app;
                    @dev.ferry.annotation.TransferableImport(
                        %s.class) // ferry:transferable-shape @.class
                    public class App {}
                    """
                        .formatted(type)));
    return compilation.errors().get(0).getMessage(null);
  }

  /**
   * The other words that end in the import fix: no JDK class reaches them alone (a JDK class with
   * a second problem gets {@link CodecMessages#importJdkUnfit}), yet they must not tell anyone to
   * annotate one either.
   */
  @Test
  void jdkClassWords_neverSayToAnnotateIt() {
    assertThat(CodecMessages.importInaccessible("CertificateRep", "app", true))
        .doesNotContain("is your own");
    assertThat(CodecMessages.importUnstorable("Version", "pre", true)).doesNotContain("is your own");
    assertThat(CodecMessages.importUnstorable("Money", "amount", false))
        .contains("if `Money` is your own, annotate it with @Transferable");
  }

  /** The twins: the fixes the words give, a codec of the JDK class and a record of one's own. */
  @Test
  void jdkClassWithoutAMatchingConstructor_twin_handWrittenCodecOrOwnRecordCompileClean() {
    ferry()
        .expectingClean(
            source(
                "app.ParsePositionCodec",
                """
                package app;
                import dev.ferry.*;
                import java.text.ParsePosition;
                @dev.ferry.annotation.TransferableCodec
                public final class ParsePositionCodec implements Codec<ParsePosition> {
                  public static final ParsePositionCodec INSTANCE = new ParsePositionCodec();
                  public void write(ByteOutput out, ParsePosition v) {
                    out.writeSignedVarInt(v.getIndex());
                    out.writeSignedVarInt(v.getErrorIndex());
                  }
                  public ParsePosition read(ByteInput in) {
                    ParsePosition p = new ParsePosition(in.readSignedVarInt());
                    p.setErrorIndex(in.readSignedVarInt());
                    return p;
                  }
                  public long fingerprint() { return 1L; }
                }
                """),
            source(
                "app.Parse",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Parse(String text, java.text.ParsePosition at) {}
                """),
            source(
                "app.Position",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Position(int index, int errorIndex) {}
                """));
  }

  /**
   * {@code java.util.Date} keeps its time in {@code transient long fastTime} and writes it in its
   * own {@code writeObject}: its import compiled clean to a codec that wrote nothing and read back
   * {@code new Date()}, the reading process's clock (seen in a round trip: 1970 sent, now came
   * back), with or without {@code --release}. A library class that does the same is refused alike,
   * and so is {@code LongAdder}, whose {@code writeReplace} stands for the count its superclass
   * {@code Striped64} keeps in transient fields (its import read back 0).
   */
  @Test
  void classThatSerializesItsTransientState_isReportedOnTheClassLiteral() {
    Source stamp =
        source(
            "lib.Stamp",
            """
            package lib;
            public class Stamp implements java.io.Serializable {
              private transient long millis;
              public Stamp() {}
              private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
                out.writeLong(millis);
              }
            }
            """);
    Source app =
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport({
                java.util.Date.class, // ferry:transferable-shape @.class
                lib.Stamp.class, // ferry:transferable-shape @.class
                java.util.concurrent.atomic.LongAdder.class}) // ferry:transferable-shape @.class
            public class App {}
            """);
    Compilation compilation = assertDiagnostics(stamp, app);
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importTransientState("Date", List.of("Date.fastTime", "Date.cdate"))));
    assertThat(compilation.errors().get(1).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importTransientState("Stamp", List.of("Stamp.millis"))));
    assertThat(compilation.errors().get(2).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importTransientState(
                    "LongAdder",
                    List.of("Striped64.cells", "Striped64.base", "Striped64.cellsBusy"))));
    ferry().withOptions("--release", "11").expectingMarked(stamp, app);
  }

  /**
   * An imported class with no fields and no public constructor was told it had "no public
   * constructor taking its fields by name and type ()": it has nothing to copy, and lacks only a
   * public constructor without parameters.
   */
  @Test
  void classWithoutFieldsOrAPublicConstructor_isReportedOnTheClassLiteral() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "lib.Marker",
                """
                package lib;
                public final class Marker {
                  private Marker() {}
                  public static Marker of() { return new Marker(); }
                }
                """),
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(
                    lib.Marker.class) // ferry:transferable-shape @.class
                public class App {}
                """));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .isEqualTo(Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importNoConstructor("Marker", "", false)));
    assertThat(message).startsWith(Rule.TRANSFERABLE_SHAPE.tag() + " `Marker` has no fields to copy");
  }

  /** The twin: a transient cache of a class that leaves its serialized form to the default. */
  @Test
  void classWithATransientCache_twin_compilesClean() {
    assertCompilesClean(
        source(
            "lib.Tag",
            """
            package lib;
            public class Tag implements java.io.Serializable {
              private String name;
              private transient int hash;
              public Tag() {}
              public String getName() { return name; }
              public void setName(String name) { this.name = name; hash = 0; }
            }
            """),
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport({lib.Tag.class, java.awt.Point.class})
            public class App {}
            """));
  }

  @Test
  void primitiveArrayAndVoidLiterals_areReportedOnTheirLiterals() {
    Compilation compilation =
        assertDiagnostics(
            MONEY,
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport({
                    lib.Money.class,
                    int.class, // ferry:transferable-shape @.class
                    String[].class, // ferry:transferable-shape @.class
                    void.class}) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.builtIn(
                    "int",
                    "@TransferableImport on `App`",
                    "`int.class` from @TransferableImport on `App`")));
    assertThat(compilation.errors().get(2).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importNotAValue("void", "@TransferableImport on `App`")));
  }

  /**
   * The literal's type is named as the importer's code reads it: in a package that declares {@code
   * record String}, {@code java.lang.String[].class} was told as {@code String[]}, which there is
   * an array of the package's record (the message was built with no context to read names in).
   */
  @Test
  void arrayLiteralOfAJdkTypeNamedLikeATypeOfThePackage_isPrintedByItsQualifiedName() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "app.String",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record String(int value) {}
                """),
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport({
                    java.lang.String[].class}) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.builtIn(
                    "java.lang.String[]",
                    "@TransferableImport on `App`",
                    "`java.lang.String[].class` from @TransferableImport on `App`")));
  }

  @Test
  void primitiveArrayAndVoidLiterals_twin_classLiteralsCompileClean() {
    assertCompilesClean(
        MONEY,
        source(
            "app.App",
            """
            package app;
            @dev.ferry.annotation.TransferableImport({lib.Money.class})
            public class App {}
            """));
  }

  private static final Source SHAPE =
      source(
          "lib.Shape",
          """
          package lib;
          public sealed interface Shape permits Shape.Circle, Shape.Square {
            record Circle(double r) implements Shape {}
            record Square(double side) implements Shape {}
          }
          """);

  @Test
  void sealedInterfaceWithoutItsSubtypes_asksToImportThem() {
    Compilation compilation =
        assertDiagnostics(
            SHAPE,
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport({
                    lib.Shape.class, // ferry:not-transferable @.class
                    lib.Shape.Circle.class})
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.NOT_TRANSFERABLE.format(CodecMessages.importUnannotatedSubtype("Shape", List.of("Square"))));
  }

  @Test
  void sealedInterfaceWithoutItsSubtypes_twin_importedWithThemCompilesClean() {
    assertCompilesClean(
        SHAPE,
        source(
            "app.App",
            """
            package app;
            import dev.ferry.Channel;
            import lib.Shape;
            @dev.ferry.annotation.TransferableImport({
                Shape.class, Shape.Circle.class, Shape.Square.class})
            public class App {
              static void send(Channel<Shape> shapes) throws InterruptedException {
                shapes.send(new Shape.Circle(1));
              }
            }
            """));
  }

  @Test
  void jdkClassesThatCannotBeImported_areToldTheFixForAnImport() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport({
                    Runnable.class, // ferry:transferable-shape @.class
                    Override.class, // ferry:transferable-shape @.class
                    StringBuilder.class}) // ferry:transferable-shape @.class
                public class App {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(Rule.TRANSFERABLE_SHAPE.format(CodecMessages.importNotSealed("Runnable", true)));
    assertThat(compilation.errors().get(1).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importNotAValueKind("Override", "an annotation")));
    assertThat(compilation.errors().get(2).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importInheritedFields("StringBuilder", "AbstractStringBuilder")));
  }

  /** An annotated type whose codec is the name an import of {@code lib.Money} in app gets. */
  private static final Source APP_MONEY =
      source(
          "app.Money",
          """
          package app;
          @dev.ferry.annotation.Transferable public record Money(int units) {}
          """);

  @Test
  void codecNameOfAnAnnotatedTypeOrAClass_isReportedOnTheClassLiteral() {
    Compilation compilation =
        assertDiagnostics(
            MONEY,
            APP_MONEY,
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(
                    lib.Money.class) // ferry:transferable-shape @.class
                public class App {}
                """),
            source(
                "other.Point_FerryCodec",
                """
                package other;
                public final class Point_FerryCodec {}
                """),
            POINT,
            source(
                "other.Other",
                """
                package other;
                @dev.ferry.annotation.TransferableImport(
                    lib.Point.class) // ferry:transferable-shape @.class
                public class Other {}
                """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importCodecNameTaken(
                    "lib.Money", "app.Money_FerryCodec", "the codec of `app.Money`")));
  }

  @Test
  void codecNameOfAnAnnotatedTypeOrAClass_twin_importInAnotherPackageCompilesClean() {
    assertCompilesClean(
        MONEY,
        APP_MONEY,
        source(
            "app.imports.App",
            """
            package app.imports;
            @dev.ferry.annotation.TransferableImport(lib.Money.class)
            public class App {}
            """));
  }

  // ---- from a jar ------------------------------------------------------------------------------

  /** The library and its importer compiled with Ferry's processors, as a jar on the class path. */
  private static Path importingLibrary() {
    return ferry()
        .compileLibraryJar(
            MONEY,
            source(
                "lib.Imports",
                """
                package lib;
                @dev.ferry.annotation.TransferableImport(Money.class)
                public final class Imports {}
                """));
  }

  @Test
  void fromAJar_importedClassIsTransferableForMembersAndSentValues() {
    ferry()
        .withClasspath(List.of(importingLibrary()))
        .expectingClean(
            source(
                "app.App",
                """
                package app;
                import dev.ferry.Channel;
                import dev.ferry.annotation.Transferable;
                import lib.Money;
                public class App {
                  @Transferable public record Invoice(Money total) {}
                  static void send(Channel<Money> money) throws InterruptedException {
                    money.send(new Money(1250, "EUR"));
                  }
                }
                """));
  }

  /**
   * A record holding the class got a codec calling the refused import's, never generated:
   * "package Money_FerryCodec does not exist" twice in a generated file, beside the import's
   * error. It gets none until one codec is removed.
   */
  @Test
  void fromAJar_importingTheClassAgainIsTwoCodecs() {
    ferry()
        .withClasspath(List.of(importingLibrary()))
        .expectingMarked(
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(
                    lib.Money.class) // ferry:transferable-shape @.class
                public class App {
                  @dev.ferry.annotation.Transferable public record Order(lib.Money total) {}
                }
                """));
  }

  /** A library class whose field is of another class of its library, as {@link #billFrom} reads them. */
  private static final Source[] TILL =
      new Source[] {
        source(
            "lib.Till",
            """
            package lib;
            public final class Till {
              public long cents;
              public Coin coin;
              public Till() {}
            }
            """),
        source("lib.Coin", "package lib; public enum Coin { EURO, DOLLAR }")
      };

  private static Source billFrom(String marker) {
    return source(
        "app.Bill",
        """
        package app;
        @dev.ferry.annotation.TransferableImport(
            lib.Till.class)%s
        public record Bill(lib.Till till) {}
        """.formatted(marker));
  }

  /**
   * A library class read from the class path whose field's class is missing there (the library's
   * own dependency left out): javac reports nothing of a class missing behind a class file, and
   * Ferry took the unresolved type for one javac reports, so the build passed with no codec for
   * either class and Codecs said "has no codec" at run time. It is told on the import.
   */
  @Test
  void fromClassesLackingAClassTheirFieldsName_isToldOnTheImport() throws IOException {
    Path library = javacOnly().compileLibrary(TILL);
    Files.delete(library.resolve("lib/Coin.class"));
    Compilation compilation =
        ferry()
            .withClasspath(List.of(library))
            .expectingMarked(billFrom(" // ferry:not-transferable @.class"));
    assertThat(compilation.errors().get(0).getMessage(null))
        .contains(
            "`Till.coin` is `lib.Coin`, which names a class that is not on the class path, so"
                + " no codec can be generated for `Till`: javac read `lib.Till` from a class"
                + " file, and says nothing of a class missing behind one. Fix: put the jar that"
                + " holds the missing class (a dependency of the library of `lib.Till`) on the"
                + " class path.");
  }

  @Test
  void fromClassesWithEveryClassTheirFieldsName_compilesClean() {
    ferry().withClasspath(List.of(javacOnly().compileLibrary(TILL))).expectingClean(billFrom(""));
  }

  /** A class with a field of each type, as another team ships it: compiled without names. */
  private static final Source PRICE =
      source(
          "lib.Price",
          """
          package lib;
          public final class Price {
            private final long cents;
            private final String currency;
            public Price(long cents, String currency) { this.cents = cents; this.currency = currency; }
            public long getCents() { return cents; }
            public String getCurrency() { return currency; }
          }
          """);

  @Test
  void fromAJarWithoutParameterNames_constructorIsMatchedByItsFieldsTypes() {
    ferry()
        .withClasspath(List.of(javacOnly().compileLibraryJar(PRICE)))
        .expectingClean(
            source(
                "app.App",
                """
                package app;
                import dev.ferry.Channel;
                import lib.Price;
                @dev.ferry.annotation.TransferableImport(Price.class)
                public class App {
                  static void send(Channel<Price> prices) throws InterruptedException {
                    prices.send(new Price(1250, "EUR"));
                  }
                }
                """));
  }

  @Test
  void fromAJarWithoutParameterNames_fieldsSharingATypeAreReported() {
    Compilation compilation =
        ferry()
            .withClasspath(List.of(javacOnly().compileLibraryJar(POINT)))
            .expectingMarked(
                source(
                    "app.App",
                    """
                    package app;
                    @dev.ferry.annotation.TransferableImport(
                        lib.Point.class) // ferry:transferable-shape @.class
                    public class App {}
                    """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.importUnnamedParameters("Point", "int x, int y")));
  }

  @Test
  void fromAJarWithoutParameterNames_twin_compiledWithParametersIsImported() {
    ferry()
        .withClasspath(List.of(javacOnly().withOptions("-parameters").compileLibraryJar(POINT)))
        .expectingClean(
            source(
                "app.App",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(lib.Point.class)
                public class App {}
                """));
  }

  @Test
  void fromAJarWithoutTheImport_classIsNotTransferable() {
    Path plain = javacOnly().compileLibrary(MONEY);
    ferry()
        .withClasspath(List.of(plain))
        .expectingMarked(
            source(
                "app.Invoice",
                """
                package app;
                import dev.ferry.annotation.Transferable;
                @Transferable public record Invoice(lib.Money total) {} // ferry:not-transferable @total
                """));
  }

  static String resource(Compilation compilation, String path) {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, path)
            .orElseThrow(() -> new AssertionError("no " + path));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
