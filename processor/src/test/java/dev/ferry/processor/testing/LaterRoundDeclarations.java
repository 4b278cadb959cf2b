package dev.ferry.processor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another processor of the user's build, which writes Ferry declarations for classes the user's
 * code uses, in later rounds: in its first round an import of {@code lib.Money} ({@code
 * app.Imports}); in its second a hand-written codec of {@code lib.Temp} ({@code app.TempCodec})
 * and a {@code @Transferable} record {@code app.Late}. Tests give it {@link #LIBRARY} and code
 * that uses all three before any exists.
 */
@SupportedAnnotationTypes("*")
public final class LaterRoundDeclarations extends AbstractProcessor {
  /**
   * The classes whose declarations come later, by qualified name: {@code lib.Money}, {@code
   * lib.Temp}. Plain text: under ECJ this class is loaded from the processor path alone.
   */
  public static final Map<String, String> LIBRARY =
      Map.of(
          "lib.Money",
          "package lib;\npublic record Money(long cents, String currency) {}\n",
          "lib.Temp",
          """
          package lib;
          public final class Temp {
            public final double kelvin;
            public Temp(double kelvin) { this.kelvin = kelvin; }
          }
          """);

  /**
   * Legal code ({@code app.Main}) that uses all three declarations before any exists: a record of
   * {@code List<Money>} and {@code Temp}, one of {@code Late}, and calls that send them.
   */
  public static final String LEGAL_USE =
      """
      package app;
      import dev.ferry.Channel;
      import dev.ferry.Codecs;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      import lib.Money;
      import lib.Temp;
      final class Main {
        @Transferable record Batch(List<Money> money, Temp temp) {}
        @Transferable record Later(Late late) {}
        static void use(Channel<Money> money, Channel<Temp> temps) throws Exception {
          money.send(new Money(1, "EUR"));
          temps.send(new Temp(3));
          Codecs.encode(new Batch(List.of(), new Temp(1)));
          Codecs.encode(new Later(new Late(2)));
        }
      }
      """;

  /** The class files of the codecs {@link #LEGAL_USE} gets, relative to the class output. */
  public static final List<String> LEGAL_USE_CODECS =
      List.of(
          "app/Main_Batch_FerryCodec.class",
          "app/Main_Later_FerryCodec.class",
          "app/Money_FerryCodec.class");

  private int round;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment environment) {
    round++;
    if (round == 1) {
      write(
          "app.Imports",
          """
          package app;
          @dev.ferry.annotation.TransferableImport(lib.Money.class)
          final class Imports {}
          """);
    } else if (round == 2) {
      write(
          "app.TempCodec",
          """
          package app;
          import dev.ferry.ByteInput;
          import dev.ferry.ByteOutput;
          import dev.ferry.Codec;
          import lib.Temp;
          @dev.ferry.annotation.TransferableCodec
          public final class TempCodec implements Codec<Temp> {
            public static final TempCodec INSTANCE = new TempCodec();
            public void write(ByteOutput out, Temp t) { out.writeDouble(t.kelvin); }
            public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
            public long fingerprint() { return 1L; }
          }
          """);
      write("app.Late", "package app;\n@dev.ferry.annotation.Transferable\npublic record Late(int id) {}\n");
    }
    return false;
  }

  private void write(String name, String text) {
    try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
      writer.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
