package dev.ferry.processor.rules;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.testing.Source;
import org.junit.jupiter.api.Test;

/**
 * A codec in the unnamed package, called by a codec generated in a package: an import declared
 * on a type of the unnamed package (its codec is generated there, beside the importer), or a
 * hand-written codec declared there (javac compiles a file without its {@code package} line
 * wherever it sits). Java lets no code in a package name a class of the unnamed package, so the
 * generated codec did not compile ("package Money_FerryCodec does not exist", found by the edit
 * fuzzer deleting a hand-written codec's {@code package} line). Now the type whose codec would
 * call it is told, and no codec is generated; codecs of the unnamed package call it fine.
 */
public class UnnamedPackageCodecsTest {
  public static final Source MONEY =
      source("lib.Money", "package lib;\npublic record Money(long cents, String currency) {}\n");

  public static final Source IMPORTS =
      source(
          "Imports",
          """
          @dev.ferry.annotation.TransferableImport(lib.Money.class)
          public class Imports {}
          """);

  public static final Source TEMPERATURE =
      source(
          "lib.Temperature",
          """
          package lib;
          public record Temperature(double kelvin) {}
          """);

  public static final Source TEMPERATURE_CODEC =
      source(
          "TemperatureCodec",
          """
          import dev.ferry.ByteInput;
          import dev.ferry.ByteOutput;
          import dev.ferry.Codec;
          import lib.Temperature;
          @dev.ferry.annotation.TransferableCodec
          public final class TemperatureCodec implements Codec<Temperature> {
            public static final TemperatureCodec INSTANCE = new TemperatureCodec();
            public void write(ByteOutput out, Temperature t) { out.writeDouble(t.kelvin()); }
            public Temperature read(ByteInput in) { return new Temperature(in.readDouble()); }
            public long fingerprint() { return 1L; }
          }
          """);

  @Test
  void importOfTheUnnamedPackage_calledFromAPackage_isTold() {
    assertDiagnostics(
        MONEY,
        IMPORTS,
        source(
            "app.Order",
            """
            package app;
            @dev.ferry.annotation.Transferable
            public record Order(long id, lib.Money total) {} // ferry:transferable-shape @record
            """),
        source(
            "app.Batch",
            """
            package app;
            @dev.ferry.annotation.Transferable
            public record Batch(java.util.List<Order> orders) {}
            """));
  }

  @Test
  void importOfTheUnnamedPackage_calledFromTheUnnamedPackage_compilesClean() {
    assertCompilesClean(
        MONEY,
        IMPORTS,
        source(
            "Order",
            """
            @dev.ferry.annotation.Transferable
            public record Order(long id, lib.Money total) {}
            """));
  }

  @Test
  void handWrittenCodecOfTheUnnamedPackage_calledFromAPackage_isTold() {
    assertDiagnostics(
        TEMPERATURE,
        TEMPERATURE_CODEC,
        source(
            "app.Reading",
            """
            package app;
            @dev.ferry.annotation.Transferable
            public record Reading(lib.Temperature value) {} // ferry:transferable-shape @record
            """));
  }

  @Test
  void handWrittenCodecOfTheUnnamedPackage_calledFromTheUnnamedPackage_compilesClean() {
    assertCompilesClean(
        TEMPERATURE,
        TEMPERATURE_CODEC,
        source(
            "Reading",
            """
            @dev.ferry.annotation.Transferable
            public record Reading(lib.Temperature value) {}
            """));
  }
}
