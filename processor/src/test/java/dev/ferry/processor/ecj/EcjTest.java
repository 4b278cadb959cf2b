package dev.ferry.processor.ecj;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ferry.processor.codegen.SourceEncodingTest;
import dev.ferry.processor.ecj.EcjCompiler.Problem;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.LintShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's processors under the Eclipse compiler, which has no javac trees: legal types compile clean
 * and get their codecs. Where each declaration error lands is {@link EcjDeclarationRulesTest}'s.
 */
class EcjTest {
  @TempDir Path dir;

  private static final String PORTS =
      """
      package test;
      import dev.ferry.annotation.InheritOnly;
      @InheritOnly
      final class Ports {
        int id;
        Ports() {}
      }
      """;

  @Test
  void legalTypes_compileCleanAndGetCodecs() throws Exception {
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        @Transferable
        public record Job(long id, String url, List<String> tags) {}
        """;
    String team =
        """
        package test;
        import dev.ferry.annotation.InheritOnly;
        import java.util.List;
        @InheritOnly
        final class Team {
          List<Ports> members;
          Job current;
          Team() {}
        }
        """;
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Job.java", job, "test/Ports.java", PORTS, "test/Team.java", team));

    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Job_FerryCodec.class"))).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Team_FerryCodec.class"))).isTrue();
  }

  /**
   * ECJ with {@code -d none} checks sources and writes no class files, so it has no class output:
   * writing the list of codecs there failed, and a legal program was told {@code [ferry:internal]}
   * "no codec was generated", though the codec's source was written.
   */
  @Test
  void noClassOutput_dNone_compilesCleanAndWritesTheCodecsSource() throws Exception {
    String job =
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Job(long id, java.util.List<String> tags) {}
        """;
    Result result =
        EcjCompiler.compile(dir, Map.of("test/Job.java", job), List.of("-d", "none"));

    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("generated/test/Job_FerryCodec.java"))).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Job_FerryCodec.class"))).isFalse();
  }

  /**
   * A codec that names deprecated elements suppresses exactly their categories: ECJ warns about
   * neither the deprecated uses nor an unnecessary {@code @SuppressWarnings} (its defaults warn
   * about both), in the codecs or anywhere else.
   */
  @Test
  void deprecatedTypes_codecsCompileWithoutWarnings() throws Exception {
    String old =
        """
        package test;
        @Deprecated
        @dev.ferry.annotation.Transferable
        public record Old(String name) {}
        """;
    String bean =
        """
        package test;
        @dev.ferry.annotation.Transferable
        public final class Bean {
          private final String name;
          @Deprecated(forRemoval = true) public Bean(String name) { this.name = name; }
          @Deprecated public String getName() { return name; }
        }
        """;
    String holder =
        """
        package test;
        @SuppressWarnings("deprecation") // its own use of Old: not the codec's
        @dev.ferry.annotation.Transferable
        public record Holder(java.util.List<Old> olds, Bean bean, int count) {}
        """;
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Old.java", old, "test/Bean.java", bean, "test/Holder.java", holder));

    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Holder_FerryCodec.class"))).isTrue();
  }

  /**
   * ECJ reports the raw call of a compact canonical constructor of a generic record with no
   * components as unchecked ("The constructor Color() belongs to the raw type Color"), where
   * nothing changes under erasure, and the codec suppressed only rawtypes (found by
   * EcjRandomShapesTest, seed 3000). The same record with its constructor written out, or with a
   * component, was and stays clean with rawtypes alone.
   */
  @Test
  void genericRecordWithoutComponentsWithACompactConstructor_codecCompilesWithoutWarnings()
      throws Exception {
    compilesWithoutProblems(
        "test/Color.java",
        """
        package test;
        import dev.ferry.annotation.Transferable;
        public final class Color {
          @Transferable public record Compact<T extends CharSequence>() { public Compact {} }
          @Transferable public record Written<T>() { public Written() {} }
          @Transferable public record Held<T>(int r) { public Held {} }
        }
        """);
    assertThat(Files.exists(dir.resolve("out/test/Color_Compact_FerryCodec.class"))).isTrue();
  }

  /**
   * ECJ reports a parameterized use of a generic type deprecated for removal ({@code Pair<?, ?>} in
   * its codec's signature, {@code Pair<String, Integer>} in a holder's) as {@code deprecation},
   * and only a raw one ({@code new Pair(a, b)}) as {@code removal}: the codecs suppressed {@code
   * removal} alone, and ECJ warned of the deprecated uses and of the unnecessary suppression
   * (found by EcjRandomShapesTest, seeds 3031 and, for a sealed type's permit, 3009).
   */
  @Test
  void genericTypesForRemoval_codecsCompileWithoutWarnings() throws Exception {
    Map<String, String> sources =
        Map.of(
            "test/Pair.java",
            """
            package test;
            @Deprecated(forRemoval = true)
            @dev.ferry.annotation.Transferable
            public record Pair<A, B extends Comparable<B>>(A a, java.util.SortedSet<B> b) {}
            """,
            "test/Built.java",
            """
            package test;
            @Deprecated(forRemoval = true)
            @dev.ferry.annotation.Transferable
            public final class Built<A> {
              private final A a;
              @Deprecated(forRemoval = true) public Built(A a) { this.a = a; }
              @Deprecated(forRemoval = true) public A getA() { return a; }
            }
            """,
            "test/Shape.java",
            """
            package test;
            @Deprecated(forRemoval = true)
            @dev.ferry.annotation.Transferable
            public sealed interface Shape<T> permits Shape.Dot {
              @Deprecated(forRemoval = true)
              @dev.ferry.annotation.Transferable
              record Dot<T>(T t) implements Shape<T> {}
            }
            """,
            "test/Kept.java",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public sealed interface Kept<T> permits Kept.Old, Kept.New {
              @Deprecated(forRemoval = true) // Kept's codec names it Kept.Old<?> and raw
              @dev.ferry.annotation.Transferable
              record Old<T>(T t) implements Kept<T> {}
              @dev.ferry.annotation.Transferable
              record New<T>(T t) implements Kept<T> {}
            }
            """,
            "test/Holder.java",
            """
            package test;
            @SuppressWarnings("deprecation") // ECJ's word for these uses, in the user's code too
            @dev.ferry.annotation.Transferable
            public record Holder(
                Pair<String, Integer> pair, java.util.List<Built<Long>> built, Shape<String> shape) {}
            """);
    Result result = EcjCompiler.compile(dir, sources);

    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Holder_FerryCodec.class"))).isTrue();
  }

  /**
   * ECJ reports no use of a generic type that a parameterized type is nested in ({@code Old} in
   * {@code Old.Shape<?>}, the signature of the nested sealed interface's codec), deprecated for
   * removal or not: the codec suppressed {@code removal}, and ECJ warned that it was unnecessary
   * (found by EcjRandomShapesTest, seed 9207). A non-generic enclosing type is reported.
   */
  @Test
  void parameterizedTypeNestedInAGenericTypeForRemoval_codecsCompileWithoutWarnings()
      throws Exception {
    Map<String, String> sources =
        Map.of(
            "test/Old.java",
            """
            package test;
            @Deprecated(forRemoval = true)
            @dev.ferry.annotation.Transferable
            public record Old<T>(int v) {
              @dev.ferry.annotation.Transferable
              public sealed interface Shape<T> permits Dot {}
            }
            """,
            "test/Dot.java",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Dot<T>(int x) implements Old.Shape<T> {}
            """,
            "test/Gone.java",
            """
            package test;
            @Deprecated(forRemoval = true)
            @dev.ferry.annotation.Transferable
            public record Gone(int v) {
              @dev.ferry.annotation.Transferable
              public sealed interface Shape<T> permits Pin {}
            }
            """,
            "test/Pin.java",
            """
            package test;
            @SuppressWarnings("removal")
            @dev.ferry.annotation.Transferable
            public record Pin<T>(int x) implements Gone.Shape<T> {}
            """);
    Result result = EcjCompiler.compile(dir, sources);

    List<Problem> inCodecs =
        result.problems().stream()
            .filter(p -> p.file() != null && p.file().contains("_FerryCodec"))
            .toList();
    assertWithMessage(result.output()).that(inCodecs).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Old_Shape_FerryCodec.class"))).isTrue();
  }

  /**
   * Codecs of generic types suppress, per method, exactly the {@code unchecked} and {@code
   * rawtypes} uses in them: a write of a {@code T} makes no cast, a raw constructor call whose
   * parameters keep their types under erasure ({@code Ci<T>(int r)}) is not unchecked, and a
   * generic array is created with wildcards, not raw (javac reports a raw array creation, ECJ
   * does not). ECJ used to warn about an unnecessary suppression in each of these.
   */
  @Test
  void genericTypes_codecsSuppressOnlyWhatTheyUse() throws Exception {
    compilesWithoutProblems("test/Generic.java", LintShapes.GENERIC_TYPES);
    assertThat(Files.exists(dir.resolve("out/test/Generic_Deep_FerryCodec.class"))).isTrue();
  }

  /**
   * A {@code @Deprecated} record component makes its implicit accessor deprecated for javac, which
   * then warns about the codec's call, but not for ECJ, which gives the accessor the annotation
   * and yet reports no use of it: under ECJ the codec suppresses nothing (it used to suppress
   * {@code deprecation}, which ECJ called unnecessary). javac's side is LintCleanCodecsTest's.
   */
  @Test
  void deprecatedRecordComponent_codecSuppressesNothing() throws Exception {
    compilesWithoutProblems("test/Old.java", LintShapes.DEPRECATED_COMPONENT);
    String codec = Files.readString(dir.resolve("generated/test/Old_FerryCodec.java"));
    assertThat(codec).doesNotContain("@SuppressWarnings");
  }

  /**
   * A deprecated hand-written codec: the codecs naming it suppress its category, which ECJ, too,
   * warned of in them; and only where they name it.
   */
  @Test
  void deprecatedHandWrittenCodecs_codecsNamingThemSuppressTheirCategories() throws Exception {
    compilesWithoutProblems("test/Legacy.java", LintShapes.DEPRECATED_CODECS);
  }

  /**
   * A collection that holds no nulls ({@code Deque<List<String>>}) refuses a null element before
   * writing it: ECJ reported the element's own null test after that as dead code.
   */
  @Test
  void nullFreeCollectionsOfContainers_noDeadCode() throws Exception {
    compilesWithoutProblems("test/NoNulls.java", LintShapes.NULL_FREE_CONTAINERS);
  }

  /**
   * A shape names a type it holds again by its canonical name; under ECJ that name came from
   * {@code getQualifiedName}, which turns the {@code $} of a nested {@code Holder.A$B} into a dot,
   * so Pair's shape ended {@code second:test.Holder.A.B} under ECJ and {@code
   * second:test.Holder.A$B} under javac, and their fingerprints differed (found by
   * EcjRandomShapesTest, seed 20002).
   */
  @Test
  void aNestedTypeWithADollarInItsNameHeldTwice_hasJavacsFingerprint() throws Exception {
    String holder =
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Holder() {
          @dev.ferry.annotation.Transferable public record A$B(int x) {}
        }
        """;
    String pair =
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Pair(Holder.A$B first, Holder.A$B second) {}
        """;
    Result result =
        EcjCompiler.compile(dir, Map.of("test/Holder.java", holder, "test/Pair.java", pair));
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    String ecj = Files.readString(dir.resolve("generated/test/Pair_FerryCodec.java"));
    String javac =
        FerryCompiler.assertCompilesClean(
                FerryCompiler.source("test.Holder", holder), FerryCompiler.source("test.Pair", pair))
            .generatedSourceFile("test.Pair_FerryCodec")
            .get()
            .getCharContent(true)
            .toString();
    assertThat(ecj).contains("second:test.Holder.A$B}");
    assertThat(fingerprintLine(ecj)).isEqualTo(fingerprintLine(javac));
  }

  private static String fingerprintLine(String codec) {
    return codec.lines().filter(line -> line.contains("long FINGERPRINT =")).findFirst().get();
  }

  /**
   * A type nested in a class whose name has a {@code $} has a codec whose name Codecs.of cannot
   * derive from the binary name ({@code A$4$In}: {@code A$4_In_FerryCodec}, not {@code
   * A_4_In_FerryCodec}), so the registry must list it; under ECJ it did not, since the type, kept
   * by its qualified name, was not found again once processing was over.
   */
  @Test
  void aTypeNestedInAClassWithADollarInItsName_isListedInTheRegistry() throws Exception {
    compilesWithoutProblems(
        "test/A$4.java",
        """
        package test;
        public final class A$4 {
          private A$4() {}
          @dev.ferry.annotation.Transferable public record In(int x) {}
        }
        """);
    assertThat(Files.readString(dir.resolve("out/META-INF/ferry/codecs")))
        .contains("test.A$4$In test.A$4_In_FerryCodec\n");
  }

  /**
   * A build that compiles only a changed or new file into the last build's classes, with them on
   * its class path, lists the codecs of the files it did not compile too, as under javac
   * (PartialRebuildRegistryTest): the list held the new file's types alone.
   */
  private static final Map<String, String> LAST_BUILD =
      Map.of(
          "ext/Point.java",
          """
          package ext;
          public final class Point {
            private final int x;
            public Point(int x) { this.x = x; }
            public int x() { return x; }
          }
          """,
          "app/Imports.java",
          """
          package app;
          @dev.ferry.annotation.TransferableImport(ext.Point.class)
          final class Imports {}
          """,
          "app/Job.java",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Job(int id) {}
          """);

  @Test
  void oneFileCompiledAloneIntoTheLastBuild_keepsTheOtherFilesCodecsListed() throws Exception {
    assertThat(EcjCompiler.compile(dir, LAST_BUILD).errors()).isEmpty();
    Result second =
        EcjCompiler.compile(
            dir,
            Map.of(
                "app/Order.java",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Order(Job job, ext.Point at) {}
                """),
            List.of("-classpath", dir.resolve("out").toString()));
    assertThat(second.errors()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/META-INF/ferry/codecs")))
        .isEqualTo(
            """
            app.Job app.Job_FerryCodec
            app.Order app.Order_FerryCodec
            ext.Point app.Point_FerryCodec
            """);
  }

  /**
   * The file that imported Point compiled alone without its import: its line stayed in the list,
   * as under javac (PartialRebuildRegistryTest), and its index still named the stale codec.
   */
  @Test
  void importRemovedFromAFileCompiledAlone_dropsItsLineAndIndex() throws Exception {
    assertThat(EcjCompiler.compile(dir, LAST_BUILD).errors()).isEmpty();
    Result second =
        EcjCompiler.compile(
            dir,
            Map.of("app/Imports.java", "package app;\nfinal class Imports {}\n"),
            List.of("-classpath", dir.resolve("out").toString()));
    assertThat(second.errors()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/META-INF/ferry/codecs")))
        .isEqualTo("app.Job app.Job_FerryCodec\n");
    assertThat(Files.readString(dir.resolve("out/const/ferry/types/ext.Point"))).isEmpty();
  }

  /**
   * ECJ writes no source for a class it can find: a changed type compiled alone, with the last
   * build's classes on the class path, gets no new codec. It was told the codec was 'already among
   * this compilation's sources', with the fix to delete or rename that source, which does not
   * exist; it is now told where the class is and what to delete.
   */
  @Test
  void changedTypeCompiledAloneOverItsOldCodec_isToldTheClassToDelete() throws Exception {
    String job =
        """
        package app;
        @dev.ferry.annotation.Transferable
        public record Job(int id) {}
        """;
    assertThat(EcjCompiler.compile(dir, Map.of("app/Job.java", job)).errors()).isEmpty();
    Result again =
        EcjCompiler.compile(
            dir,
            Map.of("app/Job.java", job.replace("int id", "int id, String name")),
            List.of("-classpath", dir.resolve("out").toString()));
    assertThat(again.errors()).hasSize(1);
    assertThat(again.errors().get(0).message())
        .contains(
            "A class `app.Job_FerryCodec` is on the class path already, compiled by an earlier"
                + " build whose classes this one reads (a build that compiles only the files that"
                + " changed), and the compiler writes no source for a class it can find, so no"
                + " codec was generated for `Job`. Fix: delete `app/Job_FerryCodec.class` from that"
                + " output, or build from a clean output directory.");
  }

  /** Compiles one source file under ECJ and asserts it reports nothing, in the codecs too. */
  private void compilesWithoutProblems(String path, String source) throws Exception {
    Result result = EcjCompiler.compile(dir, Map.of(path, source));
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /**
   * A type variable whose bound does not resolve yet (mid-edit): ECJ compiles generated code beside
   * the user's errors, and the codec generated for it named the missing bound where it read a value
   * ({@code Missing value2 = (Missing) raw}), adding five errors of its own to ECJ's one.
   */
  @Test
  void typeVariableWithAnUnresolvedBound_getsEcjsErrorOnlyAndNoCodec() {
    String box =
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Box<T extends Missing>(T value, String name) {}
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Box.java", box));

    assertWithMessage(result.output()).that(result.errors()).hasSize(1);
    assertWithMessage(result.output()).that(result.errors().get(0).file()).isEqualTo("test/Box.java");
    assertWithMessage(result.output()).that(result.errors().get(0).message()).doesNotContain("[ferry:");
  }

  /**
   * A {@code @TransferableImport} on a package-info of a named module: ECJ's lookup of the package
   * by name alone answers with an element that carries no annotations, and the import's literals
   * were looked for there, which threw NoSuchElementException into ECJ ("Internal compiler error"
   * on a unit of the module, no ferry id, no codec). The module here does not read Ferry's runtime
   * (ECJ's batch compiler puts generated codecs outside a named module it compiles, see
   * docs/ecj.md), so the import is told that on its literal, as under javac.
   */
  @Test
  void importOnAPackageOfANamedModule_isReadFromThatModulesPackage() throws Exception {
    String modulePath =
        EcjCompiler.asModuleJar(FerryCompiler.annotationsJar(), dir)
            + java.io.File.pathSeparator
            + EcjCompiler.asModuleJar(FerryCompiler.runtimeJar(), dir);
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "module-info.java",
                "module app { requires dev.ferry.annotation; }\n",
                "app/package-info.java",
                "@dev.ferry.annotation.TransferableImport(lib.Point.class)\npackage app;\n",
                "lib/Point.java",
                "package lib;\npublic record Point(int x, int y) {}\n"),
            List.of("--module-path", modulePath));

    assertWithMessage(result.output()).that(result.errors()).hasSize(1);
    EcjCompiler.Problem error = result.errors().get(0);
    assertWithMessage(result.output()).that(error.file()).isEqualTo("app/package-info.java");
    assertWithMessage(result.output()).that(error.line()).isEqualTo(1);
    assertWithMessage(result.output())
        .that(error.message())
        .startsWith(
            "[ferry:transferable-shape] `Point` is imported into package `app` of module `app`,"
                + " which does not read `dev.ferry.runtime`");
  }

  /**
   * A library class whose field's class is missing from the class path (a jar built against another
   * that is not there, or a class deleted from an IDE's output): ECJ throws its AbortCompilation out
   * of the library class's element once it has recorded "The type lib.Currency cannot be resolved.
   * It is indirectly referenced from required type lib.Money", and Ferry reported it as
   * "[ferry:internal] Ferry's processor failed on `Bill`; this is a bug in Ferry" with ECJ's trace.
   */
  @Test
  void importedClassWithAMissingFieldClass_getsEcjsErrorOnly() throws Exception {
    Path lib = dir.resolve("lib");
    Result library =
        EcjCompiler.compile(
            lib,
            Map.of(
                "lib/Money.java",
                """
                package lib;
                public final class Money { public long cents; public Currency currency; }
                """,
                "lib/Currency.java",
                "package lib;\npublic enum Currency { EUR, USD }\n"));
    assertThat(library.errors()).isEmpty();
    Files.delete(lib.resolve("out/lib/Currency.class"));

    Result result =
        EcjCompiler.compile(
            dir.resolve("app"),
            Map.of(
                "app/Bill.java",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(lib.Money.class)
                @dev.ferry.annotation.Transferable
                public record Bill(lib.Money amount, String note) {}
                """),
            List.of("-classpath", lib.resolve("out").toString()));

    assertWithMessage(result.output()).that(result.errors()).isNotEmpty();
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
    }
  }

  /** As under javac (SourceEncodingTest): a codec of a name the encoding cannot hold compiles. */
  @Test
  void namesTheEncodingCannotHold_codecsCompile() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of("test/Cafe.java", SourceEncodingTest.ESCAPED_NAMES),
            List.of("-encoding", "US-ASCII"));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertWithMessage(result.output())
        .that(Files.exists(dir.resolve("out/test/\u0394elta_FerryCodec.class")))
        .isTrue();
  }

  private static final String JOB_RECORD =
      """
      package test;
      @dev.ferry.annotation.Transferable
      public record Job(long id) {}
      """;

  /** The codec of {@link #JOB_RECORD} as a first pass with {@code -proc:only -s gen} writes it. */
  private String generatedInAnEarlierPass() throws Exception {
    Result first =
        EcjCompiler.compile(
            dir.resolve("first"), Map.of("test/Job.java", JOB_RECORD), List.of("-proc:only"));
    assertWithMessage(first.output()).that(first.succeeded()).isTrue();
    return Files.readString(dir.resolve("first/generated/test/Job_FerryCodec.java"));
  }

  /**
   * As under javac (InternalTest): a second pass compiling the generated sources with processing
   * on is told as a build set-up problem ("Source file already exists" from ECJ's Filer), with
   * {@code -proc:none} as the fix, not "give generated sources a directory of their own (-s)".
   */
  @Test
  void generatedSourceOfAnEarlierPass_compiledAgainWithProcessing_saysToUseProcNone()
      throws Exception {
    Result second =
        EcjCompiler.compile(
            dir.resolve("second"),
            Map.of(
                "test/Job.java", JOB_RECORD,
                "test/Job_FerryCodec.java", generatedInAnEarlierPass()));
    assertWithMessage(second.output()).that(second.errors()).hasSize(1);
    EcjCompiler.Problem error = second.errors().get(0);
    assertThat(error.file()).isEqualTo("test/Job.java");
    assertThat(error.line()).isEqualTo(3);
    assertThat(error.pointed()).isEqualTo("Job");
    assertThat(error.message())
        .contains(
            "[ferry:internal] Ferry could not write the codec of `Job`: Source file already exists"
                + " : test.Job_FerryCodec. `test.Job_FerryCodec` among this compilation's sources"
                + " is the codec Ferry generated for `Job` in an earlier pass");
    assertThat(error.message())
        .contains("let the processor generate them again, or compile them with -proc:none.");
  }

  /** Its twin: the second pass with {@code -proc:none}, as the fix says. */
  @Test
  void generatedSourceOfAnEarlierPass_twin_secondPassWithProcNoneCompilesClean() throws Exception {
    Result second =
        EcjCompiler.compile(
            dir.resolve("second"),
            Map.of(
                "test/Job.java", JOB_RECORD,
                "test/Job_FerryCodec.java", generatedInAnEarlierPass()),
            List.of("-proc:none"));
    assertWithMessage(second.output()).that(second.succeeded()).isTrue();
    assertWithMessage(second.output()).that(second.problems()).isEmpty();
  }
}
