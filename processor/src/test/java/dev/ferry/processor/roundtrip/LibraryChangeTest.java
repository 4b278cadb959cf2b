package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Types using a library's classes, compiled against one version of the library's jar and run with
 * another (a dependency upgraded without compiling them again, or a writer and a reader given
 * different versions): both run the same codec, so their fingerprints agree, while the classes it
 * writes differ.
 */
@SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
class LibraryChangeTest {

  private static final Source SIGNAL =
      FerryCompiler.source(
          "app.Signal",
          """
          package app;
          import java.util.EnumSet;
          import lib.Light;
          @dev.ferry.annotation.Transferable
          public record Signal(Light light, EnumSet<Light> seen) {}
          """);

  private static Source light(String constants) {
    return FerryCompiler.source("lib.Light", "package lib;\npublic enum Light { " + constants + " }\n");
  }

  /**
   * The bytes carried the constant's ordinal in the writer's enum, which the reader looked up in
   * its own: with a constant inserted before it, the GREEN a writer sent was read as the AMBER it
   * had never sent, with no error.
   */
  @Test
  void aConstantInsertedBeforeAnother_isReadAsTheConstantSent() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(light("RED, GREEN"));
    Path inserted = FerryCompiler.ferry().compileLibrary(light("RED, AMBER, GREEN"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(SIGNAL);
    ClassLoader writer = load(app, old);
    ClassLoader reader = load(app, inserted);

    byte[] bytes = Codecs.encode(signal(writer, "GREEN"));

    assertEquals("Signal[light=GREEN, seen=[GREEN]]", decode(bytes, reader).toString());
    byte[] back = Codecs.encode(signal(reader, "GREEN"));
    assertEquals("Signal[light=GREEN, seen=[GREEN]]", decode(back, writer).toString());
  }

  /** A constant the codec never knew cannot be written: no reader built with it could read it. */
  @Test
  void aConstantAddedAfterTheCodecWasCompiled_isRefusedByTheWriter() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(light("RED, GREEN"));
    Path inserted = FerryCompiler.ferry().compileLibrary(light("RED, AMBER, GREEN"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(SIGNAL);
    Object amber = signal(load(app, inserted), "AMBER");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(amber));
    assertEquals(
        "lib.Light.AMBER cannot be written: the codec writing it was compiled against lib.Light"
            + " [RED, GREEN], before it had this constant, so no reader built with that codec could"
            + " read it. Compile the codec's type again against the lib.Light on this class path,"
            + " and run writer and reader with the same version of it",
        e.getMessage());
  }

  /** A constant the bytes name that the reader's enum lost (or renamed) is refused by name. */
  @Test
  void aConstantTheReadersEnumLacks_isRefused() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(light("RED, GREEN"));
    Path renamed = FerryCompiler.ferry().compileLibrary(light("RED, GO"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(SIGNAL);

    byte[] bytes = Codecs.encode(signal(load(app, old), "GREEN"));

    TransferException e =
        assertThrows(TransferException.class, () -> decode(bytes, load(app, renamed)));
    assertEquals(
        "the bytes name lib.Light.GREEN, which the enum lib.Light in this process lacks: its"
            + " constants are [RED, GO], and the codec reading it was compiled against [RED, GREEN]."
            + " Compile the codec's type again against the lib.Light on this class path, and run"
            + " writer and reader with the same version of it",
        e.getMessage());
  }

  private static final Source BILL =
      FerryCompiler.source(
          "app.Bill",
          """
          package app;
          @dev.ferry.annotation.TransferableImport(lib.Money.class)
          @dev.ferry.annotation.Transferable
          public record Bill(lib.Money amount) {}
          """);

  private static Source money(String cents) {
    return FerryCompiler.source(
        "lib.Money", "package lib;\npublic record Money(" + cents + " cents, String currency) {}\n");
  }

  private static String stale(String error) {
    return "the codec app.Bill_FerryCodec of app.Bill, or one it calls, does not fit the classes on"
        + " this class path (" + error + "): a codec is generated against the classes its"
        + " compilation saw, and one of them has changed since, as when a library's jar is upgraded"
        + " without compiling the types that use its classes again. Compile them again against the"
        + " jars they run with";
  }

  /**
   * Codecs.decode and Codecs.encode let the JVM's NoSuchMethodError out, naming the member but
   * neither the codec, the type nor the fix; a channel's receive let it out of the child, and
   * Kafka's consumer loop ended on it.
   */
  @Test
  void aCodecCallingWhatItsClassNoLongerHas_failsNamingTheCodecAndTheFix() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(money("long"));
    Path changed = FerryCompiler.ferry().compileLibrary(money("int"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(BILL);
    ClassLoader writer = load(app, old);
    ClassLoader reader = load(app, changed);

    byte[] bytes = Codecs.encode(bill(writer, 5L));
    TransferException read =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(bytes, Class.forName("app.Bill", true, reader)));
    assertEquals(
        stale("java.lang.NoSuchMethodError: 'void lib.Money.<init>(long, java.lang.String)'"),
        read.getMessage());
    assertInstanceOf(NoSuchMethodError.class, read.getCause());

    Object changedBill = bill(reader, 5);
    IllegalStateException written =
        assertThrows(IllegalStateException.class, () -> Codecs.encode(changedBill));
    assertEquals(
        stale("java.lang.NoSuchMethodError: 'long lib.Money.cents()'"), written.getMessage());
  }

  private static final Source INVOICE =
      FerryCompiler.source(
          "lib.Invoice",
          """
          package lib;
          @dev.ferry.annotation.Transferable
          public record Invoice(String id, long cents) {}
          """);

  private static final Source ORDER =
      FerryCompiler.source(
          "app.Order",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Order(lib.Invoice invoice) {}
          """);

  private static String noCodec(String error) {
    return "the codec app.Order_FerryCodec of app.Order, or one it calls, needs the class"
        + " lib.Invoice_FerryCodec, which is not on this class path (" + error + "): that codec is"
        + " generated beside its type when the type is compiled, and the jar here that holds the"
        + " type was built without ferry-processor on its annotation processor path, or is not the"
        + " jar app.Order was compiled against. Build that jar with ferry-processor, or run with"
        + " the jar app.Order was compiled against";
  }

  /**
   * A library's @Transferable Invoice, compiled once with Ferry's processor (Order is compiled
   * against that) and once without (the jar run with): Order's codec calls Invoice_FerryCodec,
   * which is not there, and the JVM's NoClassDefFoundError came out of Codecs.encode and decode,
   * naming neither the codec, the type nor the fix.
   */
  @Test
  void aLibraryRunWithoutTheCodecsItWasCompiledWith_failsNamingTheMissingCodecAndTheFix()
      throws Exception {
    Path built = FerryCompiler.ferry().compileLibrary(INVOICE);
    Path unprocessed = FerryCompiler.javacOnly().compileLibrary(INVOICE);
    Path app = FerryCompiler.ferry().withClasspath(List.of(built)).compileLibrary(ORDER);
    ClassLoader writer = load(app, built);
    ClassLoader reader = load(app, unprocessed);
    byte[] bytes = Codecs.encode(order(writer));

    TransferException read =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(bytes, Class.forName("app.Order", true, reader)));
    assertEquals(
        noCodec("java.lang.NoClassDefFoundError: lib/Invoice_FerryCodec"), read.getMessage());
    assertInstanceOf(NoClassDefFoundError.class, read.getCause());

    Object order = order(load(app, unprocessed));
    IllegalStateException written =
        assertThrows(IllegalStateException.class, () -> Codecs.encode(order));
    assertEquals(
        noCodec("java.lang.NoClassDefFoundError: lib/Invoice_FerryCodec"), written.getMessage());
  }

  private static Source invoice(String components) {
    return FerryCompiler.source(
        "lib.Invoice",
        "package lib;\n@dev.ferry.annotation.Transferable\npublic record Invoice("
            + components
            + ") {}\n");
  }

  private static final Source SHIPMENT =
      FerryCompiler.source(
          "app.Shipment",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Shipment(lib.Invoice invoice, String address) {}
          """);

  /**
   * A library's @Transferable Invoice gained a component, and its jar was rebuilt (with its codec)
   * under an app compiled against the old one: Shipment's codec kept its FINGERPRINT, so a reader
   * with the new jar took the bytes of the old for its own, reading the address's first byte as
   * the new component and the rest as the address ("ddress"), with no error.
   */
  @Test
  void aHeldTypeRebuiltFromAnotherVersion_isRefusedAsASchemaMismatch() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(invoice("String id, long cents"));
    Path grown = FerryCompiler.ferry().compileLibrary(invoice("String id, long cents, long tax"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(SHIPMENT);
    ClassLoader writer = load(app, old);
    ClassLoader reader = load(app, grown);

    byte[] bytes = Codecs.encode(shipment(writer, "i1", 5L));

    TransferException e =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(bytes, Class.forName("app.Shipment", true, reader)));
    assertTrue(e.getMessage().startsWith("schema mismatch for app.Shipment"), e.getMessage());
    // The reader, whose class path holds another lib.Invoice than its app.Shipment codec was
    // compiled against, says so: "a different version of the type" alone named app.Shipment,
    // which had not changed.
    assertTrue(
        e.getMessage().matches("(?s).*This process's codec of app\\.Shipment was compiled against"
            + " other versions of codecs it calls than this class path holds: lib\\.Invoice_FerryCodec"
            + " \\(fingerprint [0-9a-f]{16} here, [0-9a-f]{16} when compiled\\) \\(a library's jar"
            + " was replaced without compiling the types using it again\\); rebuild writer and"
            + " reader from the same source"),
        e.getMessage());
    byte[] back = Codecs.encode(shipment(reader, "i1", 5L, 1L));
    TransferException refused =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(back, Class.forName("app.Shipment", true, writer)));
    // The writer's side runs the codecs it was compiled against: nothing of its own changed.
    assertTrue(!refused.getMessage().contains("compiled against other versions"),
        refused.getMessage());
  }

  /**
   * Processes that all run the new jar under the old app run the same codecs, and read each other;
   * and a class path that holds the jars the app was compiled against keeps the fingerprint its
   * shape gave, so bytes stored before read as they did.
   */
  @Test
  void aHeldTypeOfTheVersionCompiledAgainst_keepsTheShapesFingerprint() throws Exception {
    Path old = FerryCompiler.ferry().compileLibrary(invoice("String id, long cents"));
    Path grown = FerryCompiler.ferry().compileLibrary(invoice("String id, long cents, long tax"));
    Path app = FerryCompiler.ferry().withClasspath(List.of(old)).compileLibrary(SHIPMENT);
    ClassLoader upgraded = load(app, grown);
    Object shipment = shipment(upgraded, "i1", 5L, 1L);

    assertEquals(
        shipment, Codecs.decode(Codecs.encode(shipment), Class.forName("app.Shipment", true, upgraded)));
    ClassLoader compiledAgainst = load(app, old);
    Class<?> codec = Class.forName("app.Shipment_FerryCodec", true, compiledAgainst);
    assertEquals(
        codec.getField("FINGERPRINT").getLong(null),
        Codecs.of(Class.forName("app.Shipment", true, compiledAgainst)).fingerprint());
  }

  private static final Source MODE =
      FerryCompiler.source(
          "lib.Mode",
          """
          package lib;
          @dev.ferry.annotation.Transferable
          public enum Mode {
            FAST;
            static {
              if (Mode.class.getClassLoader().getResource("lib/ok") == null) {
                throw new IllegalStateException("no lib/ok");
              }
            }
          }
          """);

  private static final Source STEP =
      FerryCompiler.source(
          "lib.Step",
          """
          package lib;
          @dev.ferry.annotation.Transferable
          public record Step(Mode mode) {}
          """);

  private static final Source RUN =
      FerryCompiler.source(
          "app.Run",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Run(lib.Step step) {}
          """);

  /**
   * Comparing a held codec's FINGERPRINT must not initialize it: Step_FerryCodec's initializer
   * initializes Mode, which throws in the reader, and that failure belongs where Run's codec
   * calls Step's, which names Mode and what it threw, not in Run's codec's own initializer.
   */
  @Test
  void aHeldCodecWhoseInitializerThrows_failsWhereItIsCalled() throws Exception {
    Path lib = FerryCompiler.ferry().compileLibrary(MODE, STEP);
    Path app = FerryCompiler.ferry().withClasspath(List.of(lib)).compileLibrary(RUN);
    Path ok = java.nio.file.Files.createTempDirectory("ferry-ok");
    java.nio.file.Files.createDirectories(ok.resolve("lib"));
    java.nio.file.Files.writeString(ok.resolve("lib/ok"), "");
    ClassLoader writer = load(app, lib, ok);
    Object mode = Class.forName("lib.Mode", true, writer).getEnumConstants()[0];
    Object step = Class.forName("lib.Step", true, writer).getConstructors()[0].newInstance(mode);
    byte[] bytes =
        Codecs.encode(Class.forName("app.Run", true, writer).getConstructors()[0].newInstance(step));
    ClassLoader reader = load(app, lib);

    TransferException e =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(bytes, Class.forName("app.Run", true, reader)));
    assertTrue(
        e.getMessage().contains(
            "uses lib.Mode, whose static initializer threw in this process"
                + " (java.lang.IllegalStateException: no lib/ok)"),
        e.getMessage());
  }

  private static Object shipment(ClassLoader loader, Object... invoice) throws Exception {
    Object value =
        Class.forName("lib.Invoice", true, loader).getConstructors()[0].newInstance(invoice);
    return Class.forName("app.Shipment", true, loader)
        .getConstructors()[0]
        .newInstance(value, "address");
  }

  private static Object order(ClassLoader loader) throws Exception {
    Object invoice =
        Class.forName("lib.Invoice", true, loader).getConstructors()[0].newInstance("i1", 5L);
    return Class.forName("app.Order", true, loader).getConstructors()[0].newInstance(invoice);
  }

  private static Object bill(ClassLoader loader, Object cents) throws Exception {
    Object money =
        Class.forName("lib.Money", true, loader).getConstructors()[0].newInstance(cents, "EUR");
    return Class.forName("app.Bill", true, loader).getConstructors()[0].newInstance(money);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object signal(ClassLoader loader, String light) throws Exception {
    Class<? extends Enum> lights = (Class<? extends Enum>) Class.forName("lib.Light", true, loader);
    Enum<?> constant = Enum.valueOf(lights, light);
    Object seen = java.util.EnumSet.class.getMethod("of", Enum.class).invoke(null, constant);
    try {
      return Class.forName("app.Signal", true, loader).getConstructors()[0].newInstance(constant, seen);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  private static Object decode(byte[] bytes, ClassLoader loader) throws Exception {
    return Codecs.decode(bytes, Class.forName("app.Signal", true, loader));
  }

  /** A loader of {@code classes} over the test's own (Ferry's runtime): one process's class path. */
  static ClassLoader load(Path... classes) throws Exception {
    URL[] urls = new URL[classes.length];
    for (int i = 0; i < classes.length; i++) {
      urls[i] = classes[i].toUri().toURL();
    }
    return new URLClassLoader(urls, LibraryChangeTest.class.getClassLoader());
  }
}
