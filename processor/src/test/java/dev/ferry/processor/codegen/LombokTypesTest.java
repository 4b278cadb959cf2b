package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.CodecRegistryProcessor;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type that Lombok rewrites gets its codec from the round after the one that first sees it:
 * javac builds that round's elements from the trees Lombok rewrote, while the first round's lack
 * Lombok's constructors and accessors, or keep the fields' modifiers from before {@code @Value}
 * made them private (a codec that read {@code value.x}: "x has private access"). Lombok itself
 * cannot be on the project's test path, so a stand-in {@code lombok.Value} shows the round the
 * codec is written in, and a stand-in processor asks for a second round as Lombok does (it runs its
 * handlers over several rounds); the codecs of real Lombok classes were compiled and round-tripped
 * by hand (see README, "With other annotation processors").
 */
class LombokTypesTest {
  private static final Source LOMBOK_VALUE =
      source(
          "lombok.Value",
          """
          package lombok;
          public @interface Value {}
          """);

  @Test
  void typeWithALombokAnnotation_getsItsCodecInTheNextRound() {
    List<Set<String>> rounds =
        codecRounds(
            pointClass("@dev.ferry.annotation.Transferable @lombok.Value"));

    assertThat(rounds.get(1)).doesNotContain("app.Point_FerryCodec");
    assertThat(rounds.get(2)).contains("app.Point_FerryCodec");
  }

  @Test
  void typeWithALombokAnnotationOnAField_getsItsCodecInTheNextRound() {
    List<Set<String>> rounds =
        codecRounds(
            source(
                "app.Point",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Point(int x) {
                  @lombok.Value static final int ORIGIN = 0;
                }
                """));

    assertThat(rounds.get(1)).doesNotContain("app.Point_FerryCodec");
    assertThat(rounds.get(2)).contains("app.Point_FerryCodec");
  }

  @Test
  void importOfATypeWithALombokAnnotation_getsItsCodecInTheNextRound() {
    List<Set<String>> rounds =
        codecRounds(
            pointClass("@lombok.Value"),
            source(
                "app.Imports",
                """
                package app;
                @dev.ferry.annotation.TransferableImport(Point.class)
                final class Imports {}
                """));

    assertThat(rounds.get(1)).doesNotContain("app.Point_FerryCodec");
    assertThat(rounds.get(2)).contains("app.Point_FerryCodec");
  }

  @Test
  void classWithNoLombokAnnotation_besideLombok_getsItsCodecInTheNextRound(@TempDir Path dir)
      throws Exception {
    // lombok.config's fieldDefaults make this class's field private with no annotation in it.
    List<Set<String>> rounds =
        codecRounds(
            besideLombok(dir),
            pointClass("@dev.ferry.annotation.Transferable"));

    assertThat(rounds.get(1)).doesNotContain("app.Point_FerryCodec");
    assertThat(rounds.get(2)).contains("app.Point_FerryCodec");
  }

  @Test
  void recordBesideLombok_getsItsCodecInTheFirstRound(@TempDir Path dir) throws Exception {
    List<Set<String>> rounds =
        codecRounds(
            besideLombok(dir),
            source(
                "app.Point",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Point(int x) {}
                """));

    assertThat(rounds.get(1)).contains("app.Point_FerryCodec");
  }

  @Test
  void classWithoutLombok_getsItsCodecInTheFirstRound() {
    List<Set<String>> rounds =
        codecRounds(
            pointClass("@dev.ferry.annotation.Transferable"));

    assertThat(rounds.get(1)).contains("app.Point_FerryCodec");
  }

  @Test
  void typeWithoutLombok_getsItsCodecInTheFirstRound() {
    List<Set<String>> rounds =
        codecRounds(
            source(
                "app.Point",
                """
                package app;
                @dev.ferry.annotation.Transferable
                public record Point(int x) {}
                """));

    assertThat(rounds.get(1)).contains("app.Point_FerryCodec");
  }

  /** A class {@code app.Point} of a private final field and a getter, under {@code annotations}. */
  private static Source pointClass(String annotations) {
    return source(
        "app.Point",
        """
        package app;
        %s
        public final class Point {
          private final int x;
          public Point(int x) { this.x = x; }
          public int getX() { return x; }
        }
        """
            .formatted(annotations));
  }

  /** Compiles {@code sources} cleanly and gives, for each round, the types it brought. */
  private static List<Set<String>> codecRounds(Source... sources) {
    return codecRounds(new CodecProcessor(), sources);
  }

  /**
   * As {@link #codecRounds(Source...)}, with {@code codecs} as the codec generator: one loaded
   * from a processor path that holds Lombok, or Ferry's own.
   */
  private static List<Set<String>> codecRounds(Processor codecs, Source... sources) {
    RoundRecorder recorder = new RoundRecorder();
    FerryCompiler.withProcessors(
            () ->
                List.of(
                    codecs,
                    new CheckerProcessor(),
                    new CodecRegistryProcessor(),
                    recorder))
        .expectingClean(withLombokValue(sources));
    return recorder.rounds;
  }

  /**
   * The codec generator as javac loads it from a processor path that also holds Lombok: a class
   * loader of its own over the processor's classes, its dependencies, and {@code dir}, where a
   * stand-in for Lombok's processor class sits.
   */
  private static Processor besideLombok(Path dir) throws Exception {
    Path lombok = dir.resolve("lombok/launch/AnnotationProcessorHider.class");
    Files.createDirectories(lombok.getParent());
    Files.write(lombok, new byte[0]);
    URL[] path = {
      codeSource(CodecProcessor.class),
      codeSource(ClassName.class),
      FerryCompiler.annotationsJar().toUri().toURL(),
      dir.toUri().toURL()
    };
    ClassLoader processorPath = new URLClassLoader(path, ClassLoader.getPlatformClassLoader());
    return (Processor)
        processorPath.loadClass(CodecProcessor.class.getName()).getConstructor().newInstance();
  }

  private static URL codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  private static Source[] withLombokValue(Source... sources) {
    List<Source> all = new ArrayList<>(List.of(sources));
    all.add(LOMBOK_VALUE);
    return all.toArray(Source[]::new);
  }

  /**
   * Records the names of each round's root types, and writes a file in the first round so that
   * there is a second one that is not the last, as Lombok does.
   */
  @SupportedAnnotationTypes("*")
  private static final class RoundRecorder extends AbstractProcessor {
    final List<Set<String>> rounds = new ArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      Set<String> names = new TreeSet<>();
      for (Element root : round.getRootElements()) {
        if (root instanceof TypeElement type) {
          names.add(type.getQualifiedName().toString());
        }
      }
      rounds.add(names);
      if (rounds.size() == 1) {
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("app.LombokRound").openWriter()) {
          writer.write("package app;\nfinal class LombokRound {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
