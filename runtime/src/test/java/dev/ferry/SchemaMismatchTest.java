package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child that runs an older version of a record ({@link Order} without its quantity, holding a
 * {@link Size} without HUGE) and its parent, which runs the newer: each side's schema mismatch says
 * what differs, from the description the writer's connection announced with the type.
 */
class SchemaMismatchTest {
  private static final String OLD_ORDER =
      """
      package dev.ferry;
      public record Order(long id, String item, Size size) {}
      """;
  private static final String OLD_SIZE =
      """
      package dev.ferry;
      public enum Size { SMALL, LARGE }
      """;
  private static final String OLD_CODEC =
      """
      package dev.ferry;
      public final class Order_FerryCodec implements Codec<Order> {
        public static final Order_FerryCodec INSTANCE = new Order_FerryCodec();
        private static final Size[] SIZES = Size.values();
        private Order_FerryCodec() {}
        @Override public void write(ByteOutput out, Order value) {
          out.writeVarLong(value.id());
          out.writeString(value.item());
          out.writeVarInt(value.size().ordinal());
        }
        @Override public Order read(ByteInput in) {
          return new Order(in.readVarLong(), in.readString(), SIZES[in.readVarInt()]);
        }
        @Override public long fingerprint() {
          return dev.ferry.internal.codec.Fingerprints.of(
              "dev.ferry.Order(id:long,item:String,size:dev.ferry.Size{SMALL,LARGE})");
        }
      }
      """;
  private static final Set<String> OLD_CLASSES =
      Set.of("dev.ferry.Order", "dev.ferry.Size", "dev.ferry.Order_FerryCodec");

  private static final String DIFFERENCES =
      ": the writer's Order has int quantity, which this process's lacks;"
          + " the writer's Size has HUGE, which this process's lacks.";
  private static final String BACKWARDS =
      ": this process's Order has int quantity, which the writer's lacks;"
          + " this process's Size has HUGE, which the writer's lacks.";

  @Test
  void aChildOfAnOlderVersion_isToldWhatTheParentsVersionHasThatItsOwnLacks(@TempDir Path old)
      throws Exception {
    compileOldVersion(old);
    Channel<Object> orders = Channel.create();
    Channel<String> report = Channel.create();
    Child child =
        Children.fast("old-reader")
            .spawn(SchemaMismatchTest::oldReader, old.toString(), orders, report);
    orders.send(new Order(7, "tea", 3, Size.HUGE));
    orders.send("still here");
    String told = report.receive();
    assertTrue(told.startsWith("schema mismatch for dev.ferry.Order: the bytes were written by a"
        + " different version of the type (fingerprint "), told);
    assertTrue(told.contains(DIFFERENCES), told);
    assertTrue(told.contains(" The writer's version: record dev.ferry.Order(long id, String item,"
        + " int quantity, dev.ferry.Size size), enum dev.ferry.Size {SMALL, LARGE, HUGE};"
        + " this process's: record dev.ferry.Order(long id, String item, dev.ferry.Size size),"
        + " enum dev.ferry.Size {SMALL, LARGE}; rebuild writer and reader from the same source"),
        told);
    assertEquals("then: still here", report.receive());
    assertEquals(0, child.join());
  }

  @Test
  void aParent_isToldWhatAChildOfAnOlderVersionSentWithout(@TempDir Path old) throws Exception {
    compileOldVersion(old);
    Channel<Object> orders = Channel.create();
    Child child =
        Children.fast("old-writer").spawn(SchemaMismatchTest::oldWriter, old.toString(), orders);
    TransferException e = org.junit.jupiter.api.Assertions.assertThrows(
        TransferException.class, orders::receive);
    String told = e.getMessage();
    assertTrue(told.contains("schema mismatch for dev.ferry.Order"), told);
    assertTrue(told.contains(BACKWARDS), told);
    assertTrue(told.contains(" The writer's version: record dev.ferry.Order(long id, String item,"
        + " dev.ferry.Size size), enum dev.ferry.Size {SMALL, LARGE}; this process's: record"
        + " dev.ferry.Order(long id, String item, int quantity, dev.ferry.Size size)"), told);
    assertEquals("still here", orders.receive());
    assertEquals(0, child.join());
  }

  @Test
  void bytesWithNoDescription_tellThisProcesssVersion() {
    byte[] bytes = new byte[9];
    TransferException e = org.junit.jupiter.api.Assertions.assertThrows(
        TransferException.class, () -> Codecs.decode(bytes, Order.class));
    assertTrue(e.getMessage().contains(". This process's version: record dev.ferry.Order(long id,"
        + " String item, int quantity, dev.ferry.Size size), enum dev.ferry.Size {SMALL, LARGE,"
        + " HUGE} (the bytes do not describe the writer's); rebuild writer and reader from the"
        + " same source"), e.getMessage());
  }

  /** Receives with the older classes as its thread's context class loader, as a plugin host does. */
  static int oldReader(String old, Channel<Object> orders, Channel<String> report)
      throws Exception {
    Thread.currentThread().setContextClassLoader(olderVersion(Path.of(old)));
    try {
      report.send("read: " + orders.receive());
    } catch (TransferException e) {
      report.send(e.getMessage());
    }
    report.send("then: " + orders.receive());
    return 0;
  }

  /** Sends an Order of the older version, then a String. */
  static int oldWriter(String old, Channel<Object> orders) throws Exception {
    ClassLoader loader = olderVersion(Path.of(old));
    Class<?> size = loader.loadClass("dev.ferry.Size");
    Object small = size.getEnumConstants()[0];
    Object order = loader.loadClass("dev.ferry.Order")
        .getConstructor(long.class, String.class, size)
        .newInstance(7L, "tea", small);
    orders.send(order);
    orders.send("still here");
    return 0;
  }

  private static ClassLoader olderVersion(Path classes) throws IOException {
    ClassLoader app = SchemaMismatchTest.class.getClassLoader();
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, app) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!OLD_CLASSES.contains(name)) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : findClass(name); // the older version first
        }
      }
    };
  }

  private static void compileOldVersion(Path old) throws Exception {
    Path src = Files.createDirectories(old.resolve("src/dev/ferry"));
    Files.writeString(src.resolve("Order.java"), OLD_ORDER);
    Files.writeString(src.resolve("Size.java"), OLD_SIZE);
    Files.writeString(src.resolve("Order_FerryCodec.java"), OLD_CODEC);
    Path runtime = Path.of(Codec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Children.outputOf(
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
            "-proc:none", "-d", old.toString(), "-cp", runtime.toString(),
            src.resolve("Order.java").toString(), src.resolve("Size.java").toString(),
            src.resolve("Order_FerryCodec.java").toString()),
        120);
    List.of("Order", "Size", "Order_FerryCodec")
        .forEach(n -> assertTrue(Files.exists(old.resolve("dev/ferry/" + n + ".class")), n));
  }
}
