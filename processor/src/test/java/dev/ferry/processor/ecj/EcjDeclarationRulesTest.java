package dev.ferry.processor.ecj;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import dev.ferry.processor.rules.MidEditDeclarationsTest;
import dev.ferry.processor.rules.NotTransferableTest;
import dev.ferry.processor.rules.TransferableCodecTest;
import dev.ferry.processor.rules.TransferableImportTest;
import dev.ferry.processor.rules.TransferableShapeTest;
import dev.ferry.processor.rules.UnnamedPackageCodecsTest;
import dev.ferry.processor.testing.GeneratedValueTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every declaration rule under the Eclipse compiler lands where Eclipse and VS Code draw their
 * marker: each error has a file, the line of the element at fault and, underlined, its name (or
 * annotation), one error per problem. ECJ's Messager cannot place records, their components and
 * enum constants; the processor then records the error at the element's range in ECJ's AST.
 *
 * <p>Each program marks its expected errors at the end of the offending line ({@link EcjMarkers}).
 */
class EcjDeclarationRulesTest {
  @TempDir Path dir;

  private static final String PORTS =
      """
      package test;
      import dev.ferry.annotation.InheritOnly;
      @InheritOnly
      public final class Ports {
        int id;
        public Ports() {}
      }
      """;

  /** A program: its files (path to text), the ones under test marked with expected errors. */
  record Program(String name, Map<String, String> files) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Program program(String name, String... pathsAndTexts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    }
    files.putIfAbsent("test/Ports.java", PORTS);
    return new Program(name, files);
  }

  static Stream<Program> programs() {
    return Stream.of(
        // ---- top-level records: components ----
        program(
            "top-level record, a component of an unsupported type",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id,
                Thread worker) {} // ferry:not-transferable @worker
            """),
        program(
            "top-level record, a channel component",
            "test/Job.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(Channel<String> replies, // ferry:inherit-only-sent @replies
                long id) {}
            """),
        program(
            "top-level record, an @InheritOnly class as a component",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(
                Ports ports) {} // ferry:inherit-only-sent @ports
            """),
        program(
            "a @Transferable class extending an @InheritOnly class with fields",
            "test/Lane.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            class Lane {
              final Channel<String> out;
              Lane(Channel<String> out) { this.out = out; }
            }
            """,
            "test/NamedLane.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class NamedLane extends Lane { // ferry:inherit-only-sent @NamedLane
              NamedLane(Channel<String> out) { super(out); }
            }
            """),
        program(
            "top-level record, a culprit deep inside a component",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            @Transferable
            record Job(long id,
                List<Map<String, Optional<Thread>>> deep) {} // ferry:not-transferable @deep
            """),
        program(
            "top-level record, two bad components on one line stay two errors",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(Thread a, Thread b) {} // ferry:not-transferable @a ferry:not-transferable @b
            """),
        program(
            "top-level record, bad components on three lines",
            "test/Job.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(
                Thread worker, // ferry:not-transferable @worker
                long id,
                Channel<Long> ticks, // ferry:inherit-only-sent @ticks
                Object anything) {} // ferry:not-transferable @anything
            """),
        program(
            "top-level record with an explicit canonical constructor",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id,
                Thread worker) { // ferry:not-transferable @worker
              Job(long id, Thread worker) {
                this.id = id;
                this.worker = worker;
              }
            }
            """),
        program(
            "top-level record with a compact constructor and an accessor",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id,
                Thread worker) { // ferry:not-transferable @worker
              Job {}
              public Thread worker() { return worker; }
            }
            """),
        program(
            "top-level generic record",
            "test/Box.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Box<T>(List<T> items,
                Thread owner) {} // ferry:not-transferable @owner
            """),
        program(
            "top-level record, an unannotated record as a component",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id,
                Meta meta) {} // ferry:not-transferable @meta
            record Meta(int version) {}
            """),
        program(
            "top-level record with both annotations",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            @Transferable
            @InheritOnly // ferry:transferable-shape @@InheritOnly
            record Job(long id) {}
            """),
        program(
            "@InheritOnly record, a member of an unsupported type",
            "test/Team.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            record Team(Ports ports,
                Thread worker) {} // ferry:not-transferable @worker
            """),
        // ---- nested records ----
        program(
            "record nested in a class, a bad component",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              record Job(long id,
                  Thread worker) {} // ferry:not-transferable @worker
            }
            """),
        program(
            "record nested in a class, bad components on two lines",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              record Job(
                  Thread worker, // ferry:not-transferable @worker
                  Channel<String> replies) {} // ferry:inherit-only-sent @replies
            }
            """),
        program(
            "two records nested in one class, each with a bad component",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              record Job(Thread worker) {} // ferry:not-transferable @worker
              @Transferable
              record Step(Object any) {} // ferry:not-transferable @any
            }
            """),
        program(
            "record nested in a record",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Outer(long id) {
              @Transferable
              record Inner(
                  Thread worker) {} // ferry:not-transferable @worker
            }
            """),
        program(
            "record nested in an interface",
            "test/Api.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            interface Api {
              @Transferable
              record Request(String path,
                  Thread caller) {} // ferry:not-transferable @caller
            }
            """),
        program(
            "record three levels deep",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              static final class Middle {
                interface Inner {
                  @Transferable
                  record Deep(long id,
                      Thread worker) {} // ferry:not-transferable @worker
                }
              }
            }
            """),
        program(
            "nested record with both annotations",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable @InheritOnly // ferry:transferable-shape @@InheritOnly
              record Job(long id) {}
            }
            """),
        program(
            "private nested record",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              private record Job(long id) {} // ferry:transferable-shape @Job
            }
            """),
        // ---- classes ----
        program(
            "class, fields of unsupported and @InheritOnly types",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            final class Job {
              Thread worker; // ferry:not-transferable @worker
              List<Ports> ports; // ferry:inherit-only-sent @ports
              Job() {}
            }
            """),
        program(
            "abstract class that is not sealed",
            "test/Animal.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            abstract class Animal {} // ferry:transferable-shape @Animal
            """),
        program(
            "class, a private field without accessor",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job {
              private long id; // ferry:transferable-shape @id
              Job(long id) { this.id = id; }
            }
            """),
        program(
            "class without a usable constructor",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job { // ferry:transferable-shape @Job
              final long id;
              Job(String text) { this.id = text.length(); }
            }
            """),
        program(
            "class declaring a field it inherits",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            class Base { int x; }
            @Transferable
            final class Job extends Base { // ferry:transferable-shape @Job
              long x;
              Job() {}
            }
            """),
        program(
            "class inheriting a field its codec cannot read",
            "base/Entity.java",
            TransferableShapeTest.ENTITY.replace("ACCESSOR", ""),
            "test/Order.java",
            TransferableShapeTest.ORDER.replace("MARK", "// ferry:transferable-shape @Order")),
        program(
            "class with both annotations",
            "test/Both.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            @Transferable @InheritOnly // ferry:transferable-shape @@InheritOnly
            final class Both {
              int x;
              Both() {}
            }
            """),
        program(
            "generic class, a bad field",
            "test/Holder.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Holder<T> {
              T value;
              Thread owner; // ferry:not-transferable @owner
              Holder() {}
            }
            """),
        program(
            "private nested class",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              private static final class Job { // ferry:transferable-shape @Job
                long id;
                Job() {}
              }
            }
            """),
        // ---- enums and annotation types ----
        program(
            "enum with both annotations",
            "test/Color.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            @Transferable
            @InheritOnly // ferry:transferable-shape @@InheritOnly
            enum Color { RED, GREEN }
            """),
        program(
            "private nested enum",
            "test/Outer.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              private enum Color { RED, GREEN } // ferry:transferable-shape @Color
            }
            """),
        program(
            "record with a nested enum whose constants have bodies",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(Kind kind,
                Thread worker) { // ferry:not-transferable @worker
              enum Kind { A { void run() {} }, B; void run() {} }
            }
            """),
        program(
            "local class with @TransferableImport",
            "test/Service.java",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            final class Service {
              void run() {
                @TransferableImport(java.awt.Point.class) // ferry:local-class @@TransferableImport
                class Imports {}
              }
            }
            """),
        program(
            // ECJ's Messager places nothing on a package: recorded at the annotation from its AST.
            "@TransferableImport on a package-info.java, of a @Transferable class",
            "test/package-info.java",
            """
            @dev.ferry.annotation.TransferableImport(test.Job.class) // ferry:transferable-shape @test.Job
            package test;
            """,
            "test/Job.java",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Job(long id) {}
            """),
        program(
            // ECJ's Messager underlines the whole annotation: each class literal's own range instead.
            "@TransferableImport with two class literals at fault, on one line",
            "test/Imports.java",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            @TransferableImport({java.net.URI.class, String[].class}) // ferry:transferable-shape @java.net.URI ferry:transferable-shape @String[]
            final class Imports {}
            """),
        program(
            // Seven errors (one per field and per way it fails) before: one now, as under javac.
            "@TransferableImport of a JDK class whose state is no data (java.util.Random)",
            "test/Imports.java",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            @TransferableImport({java.awt.Point.class, java.util.Random.class}) // ferry:transferable-shape @java.util.Random
            final class Imports {}
            """),
        program(
            "class inheriting the fields of a private superclass",
            "test/Holder.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            public final class Holder {
              private static class Base { final int a; Base(int a) { this.a = a; } }
              @Transferable
              public static final class R extends Base { R(int a) { super(a); } } // ferry:transferable-shape @R
            }
            """),
        program(
            // As under javac: the fix for a JDK class is a codec or a record, not an annotation.
            "@TransferableImport of a JDK class without a matching constructor (ParsePosition)",
            "test/Imports.java",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            @TransferableImport({java.awt.Point.class, java.text.ParsePosition.class}) // ferry:transferable-shape @java.text.ParsePosition
            final class Imports {}
            """),
        program(
            "@TransferableImport of a class that writes its transient state itself",
            "test/Imports.java",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            @TransferableImport({java.util.Date.class, java.awt.Point.class}) // ferry:transferable-shape @java.util.Date
            final class Imports {}
            """),
        program(
            "@TransferableImport on a package-info.java, the second of three class literals at fault",
            "test/package-info.java",
            """
            @dev.ferry.annotation.TransferableImport({
                test.lib.Point.class,
                test.Job.class, // ferry:transferable-shape @test.Job
                test.lib.Line.class})
            package test;
            """,
            "test/Job.java",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Job(long id) {}
            """,
            "test/lib/Point.java",
            """
            package test.lib;
            public final class Point {
              public final int x;
              public Point(int x) { this.x = x; }
            }
            """,
            "test/lib/Line.java",
            """
            package test.lib;
            public final class Line {
              public final Point from;
              public Line(Point from) { this.from = from; }
            }
            """),
        program(
            "annotated annotation type",
            "test/Marker.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            @interface Marker {} // ferry:transferable-shape @Marker
            """),
        // ---- sealed hierarchies ----
        program(
            "sealed interface permitting an unannotated record",
            "test/Shape.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle, Square {} // ferry:not-transferable @Shape
            @Transferable
            record Circle(double r) implements Shape {}
            record Square(double side) implements Shape {}
            """),
        program(
            "sealed interface permitting an @InheritOnly record",
            "test/Shape.java",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle, Pipe {} // ferry:inherit-only-sent @Shape
            @Transferable
            record Circle(double r) implements Shape {}
            @InheritOnly
            record Pipe(Ports ports) implements Shape {}
            """),
        program(
            "interface that is not sealed",
            "test/Shape.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            interface Shape {} // ferry:transferable-shape @Shape
            """),
        program(
            "sealed class that is not abstract",
            "test/Shape.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed class Shape permits Circle {} // ferry:transferable-shape @Shape
            @Transferable
            final class Circle extends Shape {
              double r;
              Circle() {}
            }
            """),
        program(
            "sealed interface with nested records, one with a bad component",
            "test/Shape.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape {
              @Transferable
              record Circle(double r) implements Shape {}
              @Transferable
              record Blob(double size,
                  Thread painter) implements Shape {} // ferry:not-transferable @painter
            }
            """),
        program(
            "class whose constructor takes the fields it inherits: the inheritance, once",
            "test/Circle.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            abstract class Shape<T> {
              final T label;
              Shape(T label) { this.label = label; }
            }
            @Transferable
            final class Circle<T> extends Shape<T> { // ferry:transferable-shape @Circle
              final double r;
              Circle(T label, double r) { super(label); this.r = r; }
            }
            """),
        program(
            "hand-written codec in an inner class: the codec rule, once",
            "test/Service.java",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.TransferableCodec;
            final class Service {
              @TransferableCodec
              public final class IdCodec implements Codec<Thread> { // ferry:transferable-shape @IdCodec
                public void write(ByteOutput out, Thread t) {}
                public Thread read(ByteInput in) { return Thread.currentThread(); }
                public long fingerprint() { return 1L; }
              }
            }
            """),
        // ---- several files ----
        program(
            "problems in two files",
            "test/Job.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(Thread worker) {} // ferry:not-transferable @worker
            """,
            "test/Step.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Step {
              Object payload; // ferry:not-transferable @payload
              Step() {}
            }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void everyError_hasFileLineAndItsElement(Program program) {
    Result result = EcjCompiler.compile(dir, program.files());

    EcjMarkers.assertErrorsAsMarked(program.files(), result);
  }

  @Test
  void recordMemberMessage_namesTheRecordAndMember() {
    Program program = programs().findFirst().orElseThrow();
    Result result = EcjCompiler.compile(dir, program.files());

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).message())
        .contains("`Job.worker` is `Thread`, which");
  }

  /**
   * As under javac (TransferableShapeTest): a class {@code dev} or {@code java} beside a class the
   * codec must name qualified is told on the type, and its legal twin compiles clean. Under ECJ the
   * twin once got the error too: ECJ makes up a package element for any name asked, so {@code
   * TempCodec.INSTANCE} in the codec's {@code TempCodec.INSTANCE.fingerprint()} passed for a
   * package beside the class {@code TempCodec}.
   */
  @Test
  void classNamedLikeARuntimePackageBesideARuntimeName_isReportedAndItsTwinCompiles() {
    Map<String, String> files =
        Map.of(
            "test/dev.java", "package test; public class dev {}",
            "test/java.java", "package test; public class java {}",
            "test/Codec.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public record Codec(int v) {} // ferry:transferable-shape @Codec
            """,
            "test/Override.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public enum Override { A } // ferry:transferable-shape @Override
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));

    Result clean =
        EcjCompiler.compile(dir.resolve("twin"), files(TransferableShapeTest.TWIN_OF_OBSCURED_PACKAGE));
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();
  }

  /** As under javac: a class named like a codec is told on the type; its twin compiles clean. */
  @Test
  void classNamedLikeTheCodec_isReportedAndItsTwinCompiles() {
    // ECJ underlines a record's name, javac its keyword.
    Map<String, String> files = files(TransferableShapeTest.CLASSES_NAMED_LIKE_CODECS);
    files.replaceAll(
        (path, text) ->
            text.replace("Rich(int v) {} // ferry:transferable-shape @record", "Rich(int v) {} // ferry:transferable-shape @Rich")
                .replace("Ri$ch(int v) {} // ferry:transferable-shape @record", "Ri$ch(int v) {} // ferry:transferable-shape @Ri$ch"));
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("but the name is taken by your top-level class");

    Result clean =
        EcjCompiler.compile(
            dir.resolve("twin"), files(TransferableShapeTest.TWIN_OF_CLASSES_NAMED_LIKE_CODECS));
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();
  }

  /**
   * A type variable used under a type annotation ({@code Map<@Note T, String>}): ECJ gives that use
   * an element of its own, which was taken for no variable of {@code Out}, so {@code Out<Thread>}
   * compiled clean under ECJ (javac refused it), and {@code Out<Long>}'s holder got a fingerprint
   * other than javac's (the codecs of one source then refused each other's bytes).
   */
  @Test
  void typeAnnotatedVariable_isCheckedAsUnderJavac_andTheFingerprintsAgree() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Note.java",
        """
        package test;
        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
        public @interface Note {}
        """);
    files.put(
        "test/Out.java",
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Out<T>(java.util.Map<@Note T, String> y) {}
        """);
    files.put(
        "test/Use.java",
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Use(Out<Thread> out) {} // ferry:not-transferable @out
        """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));

    files.put(
        "test/Use.java",
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Use(Out<Long> out) {}
        """);
    Result clean = EcjCompiler.compile(dir.resolve("twin"), files);
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();
    java.nio.file.Path javacClasses =
        dev.ferry.processor.testing.FerryCompiler.ferry()
            .compileLibrary(
                files.entrySet().stream()
                    .map(
                        file ->
                            dev.ferry.processor.testing.FerryCompiler.source(
                                file.getKey().replace(".java", "").replace('/', '.'),
                                file.getValue()))
                    .toArray(dev.ferry.processor.testing.Source[]::new));
    assertThat(fingerprintOf(dir.resolve("twin").resolve("out"), "test.Use_FerryCodec"))
        .isEqualTo(fingerprintOf(javacClasses, "test.Use_FerryCodec"));
  }

  private static long fingerprintOf(java.nio.file.Path classes, String codec) throws Exception {
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {classes.toUri().toURL()},
            EcjDeclarationRulesTest.class.getClassLoader())) {
      return Class.forName(codec, false, loader).getField("FINGERPRINT").getLong(null);
    }
  }

  private static Map<String, String> files(List<dev.ferry.processor.testing.Source> sources) {
    Map<String, String> files = new LinkedHashMap<>();
    for (dev.ferry.processor.testing.Source source : sources) {
      files.put(source.qualifiedName().replace('.', '/') + ".java", source.text());
    }
    return files;
  }

  /** As under javac: one error names every permitted subtype without a codec, one per rule. */
  /**
   * As under javac (TransferableImportTest, NotTransferableCallSiteTest): an import of an
   * Immutables value type or of its generated class is told to write the value type's codec by
   * hand; with it, values of the generated class cross at call sites.
   */
  @Test
  void generatedValueTypeImported_isToldItsCodecAndItsTwinSends() {
    Map<String, String> files =
        files(
            List.of(
                GeneratedValueTypes.with(
                    dev.ferry.processor.testing.Source.of(
                        "app.Imports",
                        """
                        package app;
                        @dev.ferry.annotation.TransferableImport({
                          Foo.class, // ferry:transferable-shape @Foo.class
                          ImmutableFoo.class}) // ferry:transferable-shape @ImmutableFoo.class
                        final class Imports {}
                        """))));
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("`ImmutableFoo` is the class Immutables generates for `Foo`");

    Map<String, String> twin =
        files(
            List.of(
                GeneratedValueTypes.with(
                    GeneratedValueTypes.FOO_CODEC,
                    dev.ferry.processor.testing.Source.of(
                        "app.Main",
                        """
                        package app;
                        final class Main {
                          static void use(dev.ferry.Channel<Foo> foos) throws Exception {
                            foos.send(ImmutableFoo.of(1));
                            dev.ferry.Codecs.encode(ImmutableFoo.of(2));
                          }
                        }
                        """))));
    Result clean = EcjCompiler.compile(dir.resolve("twin"), twin);
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();
  }

  @Test
  void sealedPermittingSeveralUnannotatedSubtypes_namesThemAllInOneError() {
    Map<String, String> files =
        Map.of(
            "test/Shape.java",
            NotTransferableTest.SEALED_PERMITTING_SEVERAL_UNANNOTATED
                .replace("Dot {} // ferry:not-transferable @interface", "Dot {} // ferry:not-transferable @Shape")
                .replace("Teed {} // ferry:inherit-only-sent @interface", "Teed {} // ferry:inherit-only-sent @Event"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("`Shape` permits `Square`, `Line` and `Dot`, which are not");
  }

  /** As under javac: a non-sealed permitted subtype is told to be sealed as well as annotated. */
  @Test
  void sealedPermittingNonSealedSubtypes_isToldToSealThem() {
    Map<String, String> files =
        Map.of(
            "test/Shape.java",
            NotTransferableTest.SEALED_PERMITTING_NON_SEALED.replace(
                "Square {} // ferry:not-transferable @interface",
                "Square {} // ferry:not-transferable @Shape"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(NotTransferableTest.NON_SEALED_SUBTYPES_MESSAGE);
  }

  /** As under javac: one error for a private field with neither accessor nor setter, not two. */
  @Test
  void privateFieldWithNeitherAccessorNorSetter_isToldBothInOneError() {
    Map<String, String> files =
        Map.of(
            "test/Pair.java",
            TransferableShapeTest.NO_ACCESSOR_NOR_SETTER.formatted(
                " // ferry:transferable-shape @x"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.output()).contains("has neither an accessor nor a setter");
  }

  @Test
  void privateFieldWithNeitherAccessorNorSetter_twin_bothCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Pair.java",
                TransferableShapeTest.NO_ACCESSOR_NOR_SETTER.formatted(
                    "\n  public int getX() { return x; }\n"
                        + "  public void setX(int x) { this.x = x; }")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * As under javac: a constructor, setter or getter that puts a value elsewhere than where the
   * codec read it, or changes it by arithmetic, is told, read from a parse of the file's method
   * bodies, which ECJ's own AST leaves out while processors run (classoracle53).
   */
  @Test
  void classPuttingAValueElsewhere_isToldOnTheParameterSetterOrGetter() {
    List<dev.ferry.processor.testing.Source> sources = new ArrayList<>();
    sources.addAll(TransferableShapeTest.MISROUTED);
    sources.addAll(TransferableShapeTest.CHANGED);
    Map<String, String> files = files(sources);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(15);
    assertThat(result.output())
        .contains("`Point(int x, int y)` stores its parameter `x` in the field `y`");
    assertThat(result.output()).contains("`Visits(int count, String name)` stores `count + 1`");
  }

  /** As under javac: a record's accessor or explicit canonical constructor is judged too. */
  @Test
  void recordPuttingAValueElsewhere_isToldOnTheAccessorOrParameter() {
    Map<String, String> files = files(TransferableShapeTest.RECORD_ROUTES);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(10);
    assertThat(result.output()).contains("changes its parameter `text` (`text += \"!\"`)");
  }

  /** Under ECJ a compact constructor's parameters are not in its parse: `tag = tag.trim();`. */
  @Test
  void recordPuttingAValueElsewhere_twin_compilesClean() {
    Result result = EcjCompiler.compile(dir, files(TransferableShapeTest.RECORD_ROUTES_TWINS));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  @Test
  void classPuttingAValueElsewhere_twin_compilesClean() {
    List<dev.ferry.processor.testing.Source> sources = new ArrayList<>();
    sources.addAll(TransferableShapeTest.MISROUTED_TWINS);
    sources.addAll(TransferableShapeTest.CHANGED_TWINS);
    Result result = EcjCompiler.compile(dir, files(sources));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * As under javac: a constructor that swaps or changes a parameter by a statement of its own
   * before it stores it ({@code x = y; y = t; this.x = x;}), or changes the field after ({@code
   * this.count++;}), is told on the parameter, and a setter that does on the setter.
   */
  @Test
  void constructorReassigningAParameterBeforeStoringIt_isToldOnTheParameter() {
    Map<String, String> files = files(TransferableShapeTest.REASSIGNED);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(8);
    assertThat(result.output()).contains("`Inc(int count)` stores `count + 1` in `count`");
    assertThat(result.output()).contains("`setName(String)` stores `this.name += \"!\"` in `name`");
  }

  @Test
  void constructorReassigningAParameterBeforeStoringIt_twin_compilesClean() {
    Result result = EcjCompiler.compile(dir, files(TransferableShapeTest.REASSIGNED_TWINS));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * A flexible constructor body (Java 25) that swaps its parameters before {@code this(...)}: ECJ
   * keeps such a late call among the body's statements, and what it passes is what the prologue
   * left in each name; one that only checks before {@code super(...)} is fine.
   */
  @Test
  void flexibleConstructorBodySwappingBeforeThis_isToldOnTheParameter() {
    Map<String, String> files =
        Map.of(
            "test/Crossed.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Crossed extends Base {
              private final int a;
              private final int b;
              Crossed(int a, // ferry:transferable-shape @a
                  int b) { // ferry:transferable-shape @b
                int t = a;
                a = b;
                b = t;
                this(a, b, true);
              }
              private Crossed(int a, int b, boolean checked) {
                if (a < 0) throw new IllegalArgumentException("a");
                super();
                this.a = a;
                this.b = b;
              }
              int getA() { return a; }
              int getB() { return b; }
            }
            """,
            "test/Base.java",
            """
            package test;
            class Base {}
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files, List.of("-25")));
  }

  /**
   * As under javac: a field computed from another value while its own parameter goes unused is
   * told when it, or what it is computed from, changes after ({@code shout()}, a setter), read
   * from a parse of the whole file.
   */
  @Test
  void fieldComputedFromAValueThatChangesAfter_isToldOnTheParameter() {
    Map<String, String> files = files(TransferableShapeTest.DERIVED);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(2);
  }

  @Test
  void fieldComputedFromAValueThatChangesAfter_twin_compilesClean() {
    Result result = EcjCompiler.compile(dir, files(TransferableShapeTest.DERIVED_TWINS));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a getter returning another field through a local is told on the getter. */
  @Test
  void getterReturningAnotherFieldThroughALocal_isToldOnTheGetter() {
    Map<String, String> files = files(List.of(TransferableShapeTest.THROUGH_A_LOCAL));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(1);
  }

  @Test
  void getterReturningAnotherFieldThroughALocal_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(dir, files(List.of(TransferableShapeTest.THROUGH_A_LOCAL_TWIN)));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a getter changing what the getter it overrides returns is told on it. */
  @Test
  void getterChangingWhatTheOverriddenGetterReturns_isToldOnTheGetter() {
    Map<String, String> files = files(TransferableShapeTest.THROUGH_SUPER);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.output()).contains("`Order.getId()` returns `super.getId() + 1000`");
  }

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_twin_compilesClean() {
    Result result = EcjCompiler.compile(dir, files(TransferableShapeTest.THROUGH_SUPER_TWINS));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * As under javac, whichever file or declaration comes first (javac once missed these with the
   * superclass first, inherit55): the same verdict in every order.
   */
  @Test
  void getterChangingWhatTheOverriddenGetterReturns_isToldInEveryOrder() {
    List<List<dev.ferry.processor.testing.Source>> cases =
        List.of(
            TransferableShapeTest.THROUGH_SUPER_ENTITY_FIRST,
            List.of(TransferableShapeTest.THROUGH_SUPER_ONE_FILE));
    for (int i = 0; i < cases.size(); i++) {
      Map<String, String> files = files(cases.get(i));
      Result result = EcjCompiler.compile(dir.resolve("order" + i), files);

      EcjMarkers.assertErrorsAsMarked(files, result);
      assertWithMessage(result.output()).that(result.errors()).hasSize(1);
    }
  }

  /**
   * An inherited setter storing {@code id + 1}, in either order. ECJ puts the error on the setter
   * itself, which has a position in its own file (javac, on the annotated class).
   */
  @Test
  void inheritedSetterChangingItsValue_isToldInEitherOrder() {
    List<List<dev.ferry.processor.testing.Source>> cases =
        List.of(
            List.of(
                TransferableShapeTest.THROUGH_SUPER_SETTER,
                TransferableShapeTest.CHANGING_SUPER_SETTER),
            List.of(
                TransferableShapeTest.CHANGING_SUPER_SETTER,
                TransferableShapeTest.THROUGH_SUPER_SETTER));
    for (int i = 0; i < cases.size(); i++) {
      Result result = EcjCompiler.compile(dir.resolve("order" + i), files(cases.get(i)));

      assertWithMessage(result.output()).that(result.errors()).hasSize(1);
      assertThat(result.output()).contains("test/Entity.java (at line 5)");
      assertThat(result.output()).contains("`setId(int)` stores `id + 1` in `id`");
    }
  }

  @Test
  void inheritedMembersChangingTheValue_twins_compileCleanInEveryOrder() {
    List<dev.ferry.processor.testing.Source> twins = TransferableShapeTest.THROUGH_SUPER_TWINS;
    List<List<dev.ferry.processor.testing.Source>> orders =
        List.of(twins, List.of(twins.get(1), twins.get(0)));
    for (int i = 0; i < orders.size(); i++) {
      Result result = EcjCompiler.compile(dir.resolve("order" + i), files(orders.get(i)));
      assertWithMessage(result.output()).that(result.succeeded()).isTrue();
      assertWithMessage(result.output()).that(result.problems()).isEmpty();
    }
  }

  /** As under javac: a final field set by its initializer is told, read from ECJ's AST. */
  @Test
  void finalFieldWithAnInitializer_isToldItCannotBeTaken() {
    Map<String, String> files =
        Map.of(
            "test/Box.java",
            TransferableShapeTest.BOX
                .replace("FIELD", TransferableShapeTest.BOXED_MARKED)
                .replace("CONSTRUCTOR", "Box(String name) { this.name = name; }"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors()).hasSize(1);
    assertThat(result.output()).contains("`Box.boxed` is final and set by its initializer");
  }

  @Test
  void finalFieldWithAnInitializer_twin_staticOrTransientCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Box.java",
                TransferableShapeTest.BOX
                    .replace(
                        "FIELD",
                        "static final Integer boxed = 3; final transient Integer local = 4;")
                    .replace("CONSTRUCTOR", "Box(String name) { this.name = name; }")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * As under javac: inherited fields are copied, read directly in the codec's package or through a
   * superclass's public accessor in another, and built by a constructor or field by field.
   */
  @Test
  void inheritedFields_twin_readAndBuiltCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "base/Entity.java",
                TransferableShapeTest.ENTITY.replace(
                    "ACCESSOR", "public long getId() { return id; }"),
                "test/Order.java",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Order extends base.Entity {
                  final String item;
                  Order(long id, String item) { super(id); this.item = item; }
                }
                @Transferable
                abstract sealed class Event permits Started {
                  protected final long at;
                  Event(long at) { this.at = at; }
                }
                @Transferable
                final class Started extends Event {
                  final String who;
                  Started(long at, String who) { super(at); this.who = who; }
                }
                class Base { int a; }
                @Transferable
                final class Derived extends Base {
                  int b;
                  Derived() {}
                }
                """));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * A superclass's getter that the class overrides with a narrower return type: read through the
   * superclass's, as under javac. ECJ viewed the getter in the class, as the override, and refused
   * the class ("its accessor `getS()` returns `Circle`, not the field's `Shape`").
   */
  @Test
  void inheritedFieldWithACovariantOverrideOfItsGetter_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "base/Base.java",
                """
                package base;
                public class Base {
                  private final test.Shape s;
                  protected Base(test.Shape s) { this.s = s; }
                  public test.Shape getS() { return s; }
                }
                """,
                "test/Shape.java",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public sealed interface Shape permits Circle {}
                @Transferable
                record Circle(double r) implements Shape {}
                """,
                "test/Ring.java",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Ring extends base.Base {
                  Ring(Shape s) { super(s); }
                  @Override public Circle getS() { return (Circle) super.getS(); }
                }
                """));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a field `aB` is read through `getaB()`, and told that name when it has none. */
  @Test
  void privateFieldOfASecondCapitalWithoutAccessor_isToldItsJavaBeansGetter() {
    Map<String, String> files =
        Map.of(
            "test/Pair.java",
            TransferableShapeTest.BEAN_NAMES
                .formatted("  public void setaB(int v) { aB = v; }")
                .replace("private int aB;", "private int aB; // ferry:transferable-shape @aB"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("add a method `aB()` or `getaB()`");
  }

  @Test
  void privateFieldOfASecondCapital_twin_javaBeansAccessorsCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Pair.java",
                TransferableShapeTest.BEAN_NAMES.formatted(
                    "  public int getaB() { return aB; }\n  public void setaB(int v) { aB = v; }")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a member of a JDK class that is no data is not told to import that class. */
  @Test
  void memberOfAJdkClassThatIsNoData_isNotToldToImportIt() {
    Map<String, String> files =
        Map.of(
            "lib/Counter.java",
            TransferableImportTest.JDK_MEMBER_LIB,
            "lib/Spot.java",
            TransferableImportTest.JDK_MEMBER_SPOT,
            "lib/Imports.java",
            TransferableImportTest.JDK_MEMBER_APP
                .formatted("")
                .replace("Counter.class,", "Counter.class, // ferry:not-transferable @Counter")
                .replace("Worker.class,", "Worker.class, // ferry:not-transferable @Worker")
                .replace("Spot.class})", "Spot.class}) // ferry:not-transferable @Spot"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(CodecMessages.importJdkMemberFix("Counter", "AtomicLong"));
    assertThat(result.output()).contains(CodecMessages.importJdkMemberFix("Worker", "Thread"));
    assertThat(result.output()).contains(CodecMessages.importMemberFix("Spot", "Point"));
  }

  @Test
  void memberOfAJdkClassThatIsData_twin_compilesCleanImportedToo() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "lib/Spot.java",
                TransferableImportTest.JDK_MEMBER_SPOT,
                "lib/Imports.java",
                TransferableImportTest.JDK_MEMBER_APP
                    .formatted(", java.awt.Point.class")
                    .replace("Counter.class,\n", "")
                    .replace("Worker.class,\n", "")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: an inner library class is imported by no codec, and used by a hand-written one. */
  @Test
  void innerLibraryClassImported_isToldToWriteItsCodecByHand() {
    Map<String, String> files =
        Map.of(
            "lib/Store.java",
            TransferableImportTest.INNER_LIBRARY_CLASS_LIB,
            "app/Imports.java",
            TransferableImportTest.INNER_LIBRARY_CLASS_APP
                .formatted("Store.Shelf.class")
                .replace("Store.Shelf.class})", "Store.Shelf.class}) // ferry:local-class @Store")
                .replace(
                    "List<Store.Shelf> shelves) {}",
                    "List<Store.Shelf> shelves) {} // ferry:local-class @shelves"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains(
            "`Shelf` is an inner (non-static) class, so @TransferableImport on `Imports` cannot"
                + " give it a codec");
  }

  /** As under javac: a member of an inner library class type is told of its outer instance. */
  @Test
  void memberOfInnerLibraryClassType_isToldItsInstancesHoldTheOuterOne() {
    Map<String, String> files =
        Map.of(
            "lib/Store.java",
            TransferableImportTest.INNER_LIBRARY_CLASS_LIB,
            "app/Imports.java",
            TransferableImportTest.INNER_LIBRARY_CLASS_APP
                .formatted("")
                .replace(
                    "List<Store.Shelf> shelves) {}",
                    "List<Store.Shelf> shelves) {} // ferry:local-class @shelves"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(TransferableImportTest.INNER_MEMBER_REASON);
    assertThat(result.output()).contains(TransferableImportTest.INNER_MEMBER_FIX);
    assertThat(result.output()).doesNotContain("no name");
  }

  @Test
  void innerLibraryClassWithAHandWrittenCodec_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "lib/Store.java",
                TransferableImportTest.INNER_LIBRARY_CLASS_LIB,
                "app/Imports.java",
                TransferableImportTest.INNER_LIBRARY_CLASS_APP.formatted(""),
                "app/ShelfCodec.java",
                TransferableImportTest.INNER_LIBRARY_CLASS_CODEC));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a {@code ?} for a bounded type variable is checked by the bound. */
  @Test
  void wildcardOfABoundedVariable_isCheckedByTheBound() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableTest.WILDCARDS_OF_BOUNDED_VARIABLES);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a wildcard or a raw type of a variable whose bound crosses holds the bound. */
  @Test
  void wildcardOfACrossingBound_holdsOnlyTheBound() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableTest.WILDCARDS_HOLDING_ONLY_THE_BOUND);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a {@code ? super X} of a self-referring bound is what it stands for. */
  @Test
  void superWildcardOfASelfBound_isJudgedByWhatItStandsFor() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableTest.SUPERS_OF_A_SELF_BOUND);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains(
            "`plain` is handed to a child process when it starts, and `? super Plain` in its type"
                + " `K<? super Plain>` stands only for `Plain`");
  }

  @Test
  void superWildcardOfASelfBound_twin_whatCrossesCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Main.java", NotTransferableTest.superWildcardsThatCross()));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** As under javac: a collection class inside a type is told what to write in its place. */
  @Test
  void collectionClassInsideAType_isToldWhatToWriteInItsPlace() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableTest.NESTED_COLLECTION_CLASSES);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output().split("write `List` in place of `ArrayList`, with the same type"))
        .hasLength(2); // A.m: in a value that crosses, an ArrayList is read back as itself
    assertThat(result.output().split("write `List` in place of `Vector`, with the same type"))
        .hasLength(3); // the channel's type argument, the spawned lists
    assertThat(result.output().split("declare the member as `List` with the same type")).hasLength(2);
  }

  /** As under javac: inside a sent value, a class the reader rebuilds as itself is fine. */
  @Test
  void collectionClassInsideASentValue_twin_classesTheReaderRebuildsAsThemselvesCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Main.java", NotTransferableTest.NESTED_CLASSES_REBUILT_AS_THEMSELVES));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** As under javac: an inner codec class is told of the outer instance it needs. */
  @Test
  void innerCodecClass_isToldItNeedsAnInstanceOfItsOuterClass() {
    Map<String, String> files =
        Map.of(
            "lib/Temperature.java",
            "package lib; public record Temperature(double kelvin) {}",
            "codecs/Codecs2.java",
            TransferableCodecTest.INNER_CODEC.formatted("TempCodec"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(0).message())
        .contains(
            "is an inner (non-static) class of `Codecs2`, so each of its instances needs an"
                + " instance of `Codecs2` around it");
  }

  /**
   * Code mid-edit (see MidEditDeclarationsTest): an annotation that does not resolve on a type, or
   * a hand-written codec not complete yet, leaves quiet the uses of the types they may make
   * transferable, and no generated codec fails to compile. ECJ keeps an annotation that does not
   * resolve on the element, of an error type.
   */
  @ParameterizedTest(name = "{index}")
  @MethodSource("midEdit")
  void unresolvedAnnotation_leavesTheUsesOfTypesWithoutACodecQuiet(Map<String, String> files) {
    Result result = EcjCompiler.compile(dir, files);

    assertWithMessage(result.output()).that(result.errors()).isNotEmpty();
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
      assertWithMessage(result.output()).that(error.file()).doesNotContain("_FerryCodec");
    }
  }

  static Stream<Map<String, String>> midEdit() {
    return Stream.of(
        MidEditDeclarationsTest.JOB_WITHOUT_IMPORT,
        MidEditDeclarationsTest.CODEC_MISSPELLED,
        MidEditDeclarationsTest.CODEC_TYPE_WITHOUT_IMPORT,
        MidEditDeclarationsTest.CODEC_WITHOUT_FINGERPRINT,
        MidEditDeclarationsTest.CODEC_TYPE_HALF_TYPED,
        MidEditDeclarationsTest.SUBTYPE_WITHOUT_IMPORT,
        MidEditDeclarationsTest.ACCESSOR_TYPE_HALF_TYPED,
        MidEditDeclarationsTest.CONSTRUCTOR_TYPE_HALF_TYPED,
        MidEditDeclarationsTest.IMPORT_LITERAL_WITHOUT_IMPORT,
        MidEditDeclarationsTest.SUBTYPE_SUPERTYPE_HALF_TYPED,
        MidEditDeclarationsTest.CODEC_METHOD_TYPE_HALF_TYPED,
        MidEditDeclarationsTest.CODEC_READ_OF_ANOTHER_TYPE,
        MidEditDeclarationsTest.IMPORTS_WITHOUT_PACKAGE_LINE,
        MidEditDeclarationsTest.IMPORT_ANNOTATION_MISSPELLED,
        MidEditDeclarationsTest.INHERIT_ONLY_WITHOUT_IMPORT,
        MidEditDeclarationsTest.CODEC_CUT_SHORT,
        MidEditDeclarationsTest.CODEC_ANNOTATION_NOT_ONE,
        MidEditDeclarationsTest.ENTRY_OF_UNRESOLVED,
        MidEditDeclarationsTest.MEMBER_OF_AN_UNRESOLVED_TYPE,
        MidEditDeclarationsTest.BASE_OF_A_SUPERCLASS_UNRESOLVED);
  }

  /**
   * As under javac (NotTransferableTest): a JDK type whose simple name means a type of the package
   * or a member type of the enclosing class is printed by its qualified name.
   */
  @Test
  void jdkTypeNamedLikeATypeOfThePackage_isPrintedByItsQualifiedName() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : List.of("Object", "String", "List")) {
      files.put(
          "p/" + name + ".java",
          "package p;\n@dev.ferry.annotation.Transferable\npublic record " + name
              + "(int value) {}\n");
    }
    files.put(
        "p/Box.java",
        """
        package p;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public final class Box {
          Object own;
          java.lang.Object any; // ferry:not-transferable @any
          java.util.ArrayList<java.lang.String> names; // ferry:not-transferable @names
        }
        """);
    files.put(
        "q/Main.java",
        """
        package q;
        import dev.ferry.Channel;
        final class Main {
          record Object(int x) {}
          static void use(Channel<java.lang.Object> c) {} // ferry:not-transferable @java
        }
        """);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains("`Box.any` is `java.lang.Object`, which could hold any type");
    assertThat(result.output())
        .contains(
            "`Box.names` is `ArrayList<java.lang.String>`, and `ArrayList` is a JDK collection"
                + " class");
    assertThat(result.output()).contains("declare the member as `java.util.List`");
    assertThat(result.output())
        .contains("`java.lang.Object` is a type argument of `Channel<java.lang.Object>`");
  }

  /** As under javac (NotTransferableTest): a single-type import hides java.lang's name. */
  @Test
  void jdkTypeNamedLikeASingleTypeImport_isPrintedByItsQualifiedName() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : List.of("Object", "List")) {
      files.put(
          "p/" + name + ".java",
          "package p;\n@dev.ferry.annotation.Transferable\npublic record " + name
              + "(int value) {}\n");
    }
    files.put(
        "r/Box.java",
        """
        package r;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        import p.List;
        import p.Object;
        @Transferable
        public final class Box {
          Object own;
          List list;
          java.lang.Object any; // ferry:not-transferable @any
          java.util.ArrayList<String> names; // ferry:not-transferable @names
          static void use(Channel<java.lang.Object> c) {} // ferry:not-transferable @java
        }
        """);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains("`Box.any` is `java.lang.Object`, which could hold any type");
    assertThat(result.output()).contains("declare the member as `java.util.List`");
    assertThat(result.output())
        .contains("`java.lang.Object` is a type argument of `Channel<java.lang.Object>`");
  }

  /** Also the twin of {@link #memberTypeStaticallyImported_isReadAsTheImportSaysIt}: {@code s.Box}. */
  @Test
  void jdkTypeNamedLikeASingleTypeImport_twin_compilesClean() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "p/Object.java",
        "package p;\n@dev.ferry.annotation.Transferable\npublic record Object(int value) {}\n");
    files.put("p/Holder.java", HOLDER);
    files.put(
        "s/Box.java",
        """
        package s;
        import static p.Holder.Object;
        import dev.ferry.Channel;
        @dev.ferry.annotation.Transferable
        public final class Box {
          Object own;
          static void use(Channel<Object> c, Channel<java.lang.String> d) {}
        }
        """);
    files.put(
        "r/Box.java",
        """
        package r;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        import p.Object;
        @Transferable
        public final class Box {
          Object own;
          java.util.List<String> names;
          static void use(Channel<Object> c, Channel<java.lang.String> d) {}
        }
        """);
    Result result = EcjCompiler.compile(dir, files);

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** As {@code NotTransferableTest.memberTypeStaticallyImported_isReadAsTheImportSaysIt}. */
  @Test
  void memberTypeStaticallyImported_isReadAsTheImportSaysIt() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("p/Holder.java", HOLDER);
    files.put(
        "p/Limits.java", "package p;\npublic final class Limits { public static final int List = 3; }\n");
    files.put("r/Entry.java", "package r;\npublic final class Entry {}\n");
    files.put(
        "r/Box.java",
        """
        package r;
        import static java.util.Map.Entry;
        import static p.Holder.Object;
        import static p.Limits.List;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public final class Box {
          Object own;
          java.lang.Object any; // ferry:not-transferable @any
          java.util.ArrayList<String> names; // ferry:not-transferable @names
          static void use(Channel<Entry<String, String>> c) {} // ferry:not-transferable @Entry
        }
        """);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains("`Box.any` is `java.lang.Object`, which could hold any type");
    assertThat(result.output()).contains("declare the member as `List` with");
    assertThat(result.output())
        .contains("`Entry<String, String>` is a type argument of `Channel<Entry<String, String>>`");
  }

  /** A class holding a @Transferable record named as a JDK type is. */
  private static final String HOLDER =
      """
      package p;
      import dev.ferry.annotation.Transferable;
      public final class Holder {
        @Transferable
        public record Object(int value) {}
      }
      """;

  @Test
  void jdkTypeNamedLikeATypeOfThePackage_twin_compilesClean() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "p/Object.java",
        "package p;\n@dev.ferry.annotation.Transferable\npublic record Object(int value) {}\n");
    files.put(
        "p/Box.java",
        """
        package p;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public final class Box {
          Object own;
          java.lang.String text;
        }
        """);
    files.put(
        "q/Main.java",
        """
        package q;
        import dev.ferry.Channel;
        final class Main {
          record Object(int x) {}
          static void use(Channel<p.Object> c) {}
        }
        """);
    Result result = EcjCompiler.compile(dir, files);

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  @Test
  void suppressedRecordMember_isNotReported() {
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        @SuppressWarnings("ferry:not-transferable")
        record Job(long id, Thread worker) {}
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Job.java", job));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  @Test
  void legalDeclarationsOfEveryKind_compileClean() {
    String values =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        import java.util.Map;
        final class Values {
          @Transferable
          record Job(long id, String url, List<Map<String, Integer>> tags, Color color) {
            Job {}
          }
          @Transferable
          enum Color { RED { }, GREEN }
          @Transferable
          sealed interface Shape {
            @Transferable
            record Circle(double r) implements Shape {}
            @Transferable
            record Square(double side) implements Shape {}
          }
          @Transferable
          static final class Box<T> {
            final List<T> items;
            private final String label;
            Box(List<T> items, String label) { this.items = items; this.label = label; }
            public String getLabel() { return label; }
          }
          @InheritOnly
          record Team(Channel<Job> jobs, Ports ports, Job current) {}
        }
        """;
    String point = "package test.lib;\npublic record Point(int x, int y) {}\n";
    String line = "package test.lib;\npublic record Line(Point from, Point to) {}\n";
    String size = "package test.lib;\npublic record Size(int width) {}\n";
    // Several class literals, in braces and on several lines: the twins of the programs whose
    // errors are placed on one literal among others.
    String packageInfo =
        "@dev.ferry.annotation.TransferableImport({\n    test.lib.Point.class,\n"
            + "    test.lib.Line.class})\npackage test;\n";
    // An inner class's import, which processors see as javac's do.
    String imports =
        "package test;\nfinal class Imports {\n"
            + "  @dev.ferry.annotation.TransferableImport({test.lib.Size.class})\n"
            + "  final class Inner {}\n}\n";
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Values.java", values,
                "test/Ports.java", PORTS,
                "test/lib/Point.java", point,
                "test/lib/Line.java", line,
                "test/lib/Size.java", size,
                "test/Imports.java", imports,
                "test/package-info.java", packageInfo));

    // Generated codecs may get ECJ's "unnecessary @SuppressWarnings" warnings; the user's code
    // gets nothing.
    assertWithMessage(result.output())
        .that(result.problems().stream().filter(p -> p.file() == null || p.file().startsWith("test/")).toList())
        .isEmpty();
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }
  /**
   * With {@code -proc:only} ECJ stops after the last round and never prints its units' compilation
   * results, where a record's error is recorded at its own range: the error then goes through the
   * Messager instead (on the enclosing class, or with no position), and the build still fails.
   */
  @Test
  void procOnly_recordErrorsAreStillReported_legalTwinCompilesClean() {
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        record Job(String name, Thread worker) {}
        """;
    String task =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        final class Outer {
          @Transferable
          record Task(int id, Thread worker) {}
        }
        """;
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Job.java", job, "test/Outer.java", task), List.of("-proc:only"));

    assertWithMessage(result.output()).that(result.succeeded()).isFalse();
    assertWithMessage(result.output()).that(result.errors()).hasSize(2);
    assertThat(result.output()).contains("[ferry:not-transferable] `Job.worker` is `Thread`");
    assertThat(result.output()).contains("[ferry:not-transferable] `Task.worker` is `Thread`");
    assertThat(result.errors().stream().map(EcjCompiler.Problem::file).toList())
        .containsExactly(null, "test/Outer.java");

    String legal = job.replace("Thread worker", "String worker");
    Result twin = EcjCompiler.compile(dir.resolve("twin"), Map.of("test/Job.java", legal), List.of("-proc:only"));
    assertWithMessage(twin.output()).that(twin.errors()).isEmpty();
    assertThat(twin.succeeded()).isTrue();
  }

  /**
   * As under javac (LocalClassInMethodTest.typeNestedInAnonymousClass_isReported): a type nested in
   * an anonymous class (a field's, an enum constant's body, one a lambda makes) or in a local class
   * cannot be @Transferable. ECJ compiled each clean with no codec: it hands such a type to no
   * processor, and the checker applied the declaration rules to local and anonymous classes
   * themselves only, not to their member types.
   */
  /**
   * Local classes of one name in several files: the analysis was kept under the qualified name,
   * which they share, so the first one's stood for the others, and each other's error was lost
   * (asking ECJ where the first one sits failed once its file was done with). Four files, since
   * ECJ is done with the first by the time it reaches the last.
   */
  @Test
  void localClassesOfOneNameInSeveralFiles_areEachReported() {
    Map<String, String> files = new java.util.TreeMap<>();
    for (String name : List.of("A", "B", "C", "D")) {
      files.put(
          "test/" + name + ".java",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          final class %s {
            void run() {
              try {
                @Transferable enum Mode { ON } // ferry:local-class @Mode
              } catch (RuntimeException e) {}
            }
          }
          """
              .formatted(name));
    }
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  @Test
  void typeNestedInLocalOrAnonymousClass_isReportedAsUnderJavac() {
    Map<String, String> files =
        Map.of(
            "test/Service.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.function.Supplier;
            final class Service {
              Object hook =
                  new Object() {
                    @Transferable
                    record Job(long id) {} // ferry:local-class @Job
                  };
              enum Mode {
                FAST {
                  @Transferable
                  record Step(int n) {} // ferry:local-class @Step
                };
              }
              static Supplier<Object> later() {
                return () -> new Object() {
                  @Transferable
                  record Task(int n) {} // ferry:local-class @Task
                };
              }
              static Object local() {
                class Holder {
                  @Transferable
                  record Part(int n) {} // ferry:local-class @Part
                }
                return new Holder();
              }
            }
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  @Test
  void typeNestedInLocalOrAnonymousClass_twin_compilesClean() {
    Map<String, String> files =
        Map.of(
            "test/Service.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              Object hook =
                  new Object() {
                    record Job(long id) {}
                  };
              enum Mode {
                FAST {
                  record Step(int n) {}
                };
              }
              static final class Outer<T> {
                final class Inner {
                  @Transferable
                  record Part(int n) {}
                }
              }
            }
            """);
    Result result = EcjCompiler.compile(dir, files);

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * As under javac (NotTransferableTest): members of Java 21's sequenced collection interfaces get
   * a codec that ECJ compiles. Needs Java 21's class library, which ECJ compiles against.
   */
  @Test
  void sequencedCollectionMembers_compileClean() {
    assumeTrue(Runtime.version().feature() >= 21, "sequenced collections need Java 21");
    Map<String, String> files =
        Map.of(
            "test/Roster.java",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.*;
            @Transferable
            record Roster(
                SequencedCollection<String> names,
                SequencedSet<String> seen,
                SequencedMap<String, Integer> ranks,
                Map<String, SequencedSet<Long>> nested) {}
            """);

    Result result = EcjCompiler.compile(dir, files, List.of("-21"));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertWithMessage(result.output())
        .that(Files.exists(dir.resolve("out/test/Roster_FerryCodec.class")))
        .isTrue();
  }

  /**
   * As under javac (LocalClassTest): a type inside a compact source file's class cannot be
   * @Transferable. ECJ finds that class by name and compiled the codec that names {@code Main.Job},
   * which the language forbids and javac refuses; it is told here too, and a type in a file of its
   * own beside a compact source file is fine. (ECJ's -25 needs no JDK 25.)
   */
  @Test
  void annotatedTypeInCompactSourceFile_isReportedAsUnderJavac() {
    Map<String, String> files =
        Map.of(
            "Main.java",
            """
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(String name) {} // ferry:local-class @Job
            void main() {
              System.out.println(new Job("a") + " " + new Task(1));
            }
            """,
            "Task.java",
            """
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Task(int id) {}
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files, List.of("-25")));
  }

  /**
   * Types of the unnamed package, top-level or nested, get their codecs under ECJ too: telling a
   * compact source file's class by a lookup of its name must not take ECJ's fresh element for
   * another one (ECJ makes a new element at each lookup).
   */
  @Test
  void unnamedPackageTypes_compileClean() {
    String values =
        """
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        @Transferable
        record Job(String name) {}
        final class Values {
          @Transferable
          record Task(int id, Job job) {}
          static void send(Channel<Task> tasks) throws Exception {
            tasks.send(new Task(1, new Job("a")));
          }
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("Values.java", values));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /**
   * A hand-written codec mid-edit, naming a type that does not resolve: its value type, {@code
   * Codec} not imported yet, or its {@code INSTANCE} field's type. Each drew a ferry shape error
   * beside ECJ's, which the fix of ECJ's error alone takes away.
   */
  @Test
  void codecNamingAnUnresolvedType_getsEcjsErrorsOnly() {
    String missingValue =
        """
        package test;
        import dev.ferry.*;
        @dev.ferry.annotation.TransferableCodec
        public final class MissingValueCodec implements Codec<Kelvin> {
          public static final MissingValueCodec INSTANCE = new MissingValueCodec();
          public void write(ByteOutput out, Kelvin t) {}
          public Kelvin read(ByteInput in) { return null; }
          public long fingerprint() { return 1L; }
        }
        """;
    String notImported =
        """
        package test;
        import dev.ferry.ByteInput;
        import dev.ferry.ByteOutput;
        @dev.ferry.annotation.TransferableCodec
        public final class NotImportedCodec implements Codec<Temp> {
          public static final NotImportedCodec INSTANCE = new NotImportedCodec();
          public void write(ByteOutput out, Temp t) {}
          public Temp read(ByteInput in) { return null; }
          public long fingerprint() { return 1L; }
        }
        """;
    String typo =
        """
        package test;
        import dev.ferry.*;
        @dev.ferry.annotation.TransferableCodec
        public final class TypoCodec implements Codec<Other> {
          public static final TypoCodc INSTANCE = new TypoCodec();
          public void write(ByteOutput out, Other t) {}
          public Other read(ByteInput in) { return null; }
          public long fingerprint() { return 1L; }
        }
        """;
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/MissingValueCodec.java", missingValue,
                "test/NotImportedCodec.java", notImported,
                "test/TypoCodec.java", typo,
                "test/Temp.java", "package test;\npublic record Temp(double k) {}\n",
                "test/Other.java", "package test;\npublic record Other(double k) {}\n"));

    assertWithMessage(result.output()).that(result.errors()).isNotEmpty();
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
    }
  }

  /**
   * As under javac (UnnamedPackageCodecsTest): a codec generated in a package cannot call a codec
   * of the unnamed package, an import's generated beside a type there or one written by hand
   * there; the edit fuzzer found it under ECJ. The holder is told on its name, and its twin in the
   * unnamed package compiles clean and calls both.
   */
  @Test
  void codecOfTheUnnamedPackage_calledFromAPackage_isTold_twinCompilesClean() {
    Map<String, String> lib =
        Map.of(
            "lib/Money.java", UnnamedPackageCodecsTest.MONEY.text(),
            "lib/Temperature.java", UnnamedPackageCodecsTest.TEMPERATURE.text(),
            "Imports.java", UnnamedPackageCodecsTest.IMPORTS.text(),
            "TemperatureCodec.java", UnnamedPackageCodecsTest.TEMPERATURE_CODEC.text());
    Map<String, String> told = new LinkedHashMap<>(lib);
    told.put(
        "app/Order.java",
        """
        package app;
        @dev.ferry.annotation.Transferable
        public record Order(long id, lib.Money total) {} // ferry:transferable-shape @Order
        """);
    told.put(
        "app/Reading.java",
        """
        package app;
        @dev.ferry.annotation.Transferable
        public record Reading(lib.Temperature value) {} // ferry:transferable-shape @Reading
        """);
    Result result = EcjCompiler.compile(dir, told);
    EcjMarkers.assertErrorsAsMarked(told, result);
    assertThat(result.errors().get(0).message()).contains("in the unnamed package");

    Map<String, String> twin = new LinkedHashMap<>(lib);
    twin.put(
        "Order.java",
        """
        @dev.ferry.annotation.Transferable
        public record Order(long id, lib.Money total, lib.Temperature at) {}
        """);
    Result clean = EcjCompiler.compile(dir.resolve("twin"), twin);
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();
    assertThat(clean.succeeded()).isTrue();
  }

  /**
   * Declarations ECJ flags before processors run (javac shows no Ferry error beside such errors: a
   * parse error or an error in a declaration stops it first): a hand-written codec of
   * {@code Codec<>}, mid-edit, drew "does not implement Codec<T>", and an interface that lost
   * {@code sealed} but kept {@code permits} drew "is not sealed", each restating ECJ's error; a
   * record in a file with a syntax error (its package line's semicolon deleted) got no codec, and
   * the codec of a record holding it did not compile, or (its annotation's {@code @} deleted) was
   * told to have no codec; and uses of their types stay quiet. A member's own problem in such a type is still told. The
   * finished twin compiles clean.
   */
  @Test
  void declarationEcjFlagged_getsEcjsErrorOnly_finishedTwinCompilesClean() {
    String codec =
        """
        package test;
        import dev.ferry.*;
        @dev.ferry.annotation.TransferableCodec
        public final class TempCodec implements Codec<Temp> {
          public static final TempCodec INSTANCE = new TempCodec();
          public void write(ByteOutput out, Temp t) { out.writeDouble(t.k()); }
          public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
          public long fingerprint() { return 1L; }
        }
        """;
    String shape =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public sealed interface Shape permits Shape.Circle {
          @Transferable record Circle(double r) implements Shape {}
        }
        """;
    String uses =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        final class Uses {
          @Transferable record Drawing(Temp at, Shape shape, java.util.List<Shape> more, Mark mark) {}
          static void send(Channel<Temp> temps, Channel<Drawing> out) throws InterruptedException {
            temps.send(new Temp(1));
            out.send(new Drawing(new Temp(2), new Shape.Circle(1), java.util.List.of(), new Mark(1)));
          }
        }
        """;
    Map<String, String> finished =
        Map.of(
            "test/Temp.java", "package test;\npublic record Temp(double k) {}\n",
            "test/TempCodec.java", codec,
            "test/Shape.java", shape,
            "test/Mark.java", MARK,
            "test/Uses.java", uses);
    Result clean = EcjCompiler.compile(dir.resolve("finished"), finished);
    assertWithMessage(clean.output()).that(clean.errors()).isEmpty();

    for (Map<String, String> edited :
        List.of(
            with(finished, "test/TempCodec.java", codec.replace("Codec<Temp>", "Codec<>")),
            with(finished, "test/Shape.java", shape.replace("sealed ", "")),
            with(finished, "test/Mark.java", MARK.replace("package test;", "package test")),
            with(finished, "test/Mark.java", MARK.replace("@dev.ferry", "dev.ferry")))) {
      Result result = EcjCompiler.compile(dir.resolve("edited" + edited.hashCode()), edited);
      assertWithMessage(result.output()).that(result.errors()).hasSize(1);
      assertWithMessage(result.output())
          .that(result.errors().get(0).message())
          .doesNotContain("[ferry:");
    }

    Map<String, String> memberToo =
        with(
            finished,
            "test/Shape.java",
            shape
                .replace("sealed ", "")
                .replace("{}\n}", "{}\n  @Transferable record Note(Thread t) {}\n}"));
    Result both = EcjCompiler.compile(dir.resolve("member"), memberToo);
    assertWithMessage(both.output()).that(both.errors()).hasSize(2);
    assertWithMessage(both.output())
        .that(
            both.errors().stream()
                .filter(e -> e.message().startsWith("[ferry:not-transferable] `Note.t`"))
                .toList())
        .hasSize(1);
  }

  /**
   * A record whose header ECJ flags (an annotation on a component that does not resolve, a
   * suppression half typed) still has its other members' problems told, as under javac
   * (MidEditDeclarationsTest): the type was marked unresolved, and nothing of it was told. The twin,
   * its member fixed, gets ECJ's error only.
   */
  @Test
  void recordWithAnErrorInItsHeader_stillTellsItsMembersProblems() {
    String work =
        """
        package app;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public record Work(
            long id,
            @SuppressWarnin("ferry:local-class")
            %s worker) {}
        """;
    Result result =
        EcjCompiler.compile(dir.resolve("member"), Map.of("app/Work.java", work.formatted("Thread")));
    assertWithMessage(result.output()).that(result.errors()).hasSize(2);
    assertWithMessage(result.output())
        .that(
            result.errors().stream()
                .filter(e -> e.message().startsWith("[ferry:not-transferable] `Work.worker`"))
                .filter(e -> e.line() == 7 && "worker".equals(e.pointed()))
                .toList())
        .hasSize(1);

    Result twin =
        EcjCompiler.compile(dir.resolve("twin"), Map.of("app/Work.java", work.formatted("String")));
    assertWithMessage(twin.output()).that(twin.errors()).hasSize(1);
    assertWithMessage(twin.output()).that(twin.errors().get(0).message()).doesNotContain("[ferry:");
  }

  /** As under javac (TransferableShapeTest): a JDK superclass's fields the release hides. */
  @Test
  void jdkSuperclassWhosePrivateFieldsTheReleaseHides_isReportedOnTheClass() {
    Map<String, String> files =
        Map.of(
            "test/Boom.java",
            TransferableShapeTest.jdkSuperclassWithPrivateFields().replace("@class", "@Boom"));
    Result result = EcjCompiler.compile(dir, files, List.of("--release", "11"));
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(0).message())
        .contains(Messages.inheritedFields("Boom", "Throwable"));
  }

  @Test
  void jdkSuperclassWhosePrivateFieldsTheReleaseHides_twin_oneWithoutFieldsCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of("test/Boom.java", TransferableShapeTest.jdkSuperclassWithoutFields()),
            List.of("--release", "11"));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  private static final String MARK =
      """
      package test;
      @dev.ferry.annotation.Transferable
      public record Mark(int weight) {}
      """;

  private static Map<String, String> with(Map<String, String> files, String path, String text) {
    Map<String, String> changed = new LinkedHashMap<>(files);
    changed.put(path, text);
    return changed;
  }
}
