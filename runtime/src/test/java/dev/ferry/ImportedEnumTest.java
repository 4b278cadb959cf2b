package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.imports.DayOfWeek_FerryCodec;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enum imported with {@code @TransferableImport} in one process and not in the other (a jar
 * with the import on one side's class path only, or a plugin's class loader): a {@link DayOfWeek}
 * sent on its own, through a channel either way or as {@link Codecs#encode}'s bytes, arrives, as it
 * does between two processes that both have the import or neither has it.
 *
 * <p>The child sees the import through its thread's context class loader, over a directory whose
 * {@code META-INF/ferry/codecs} lists {@code dev.ferry.imports.DayOfWeek_FerryCodec}, the codec the
 * processor generates for the import; the parent (this test's JVM) sees no such list.
 */
class ImportedEnumTest {
  @Test
  void dayOfWeek_crossesBothWays_whenOnlyOneSideImportsIt(@TempDir Path registry)
      throws Exception {
    Path list = Files.createDirectories(registry.resolve("META-INF/ferry")).resolve("codecs");
    Files.writeString(list, "java.time.DayOfWeek dev.ferry.imports.DayOfWeek_FerryCodec\n");
    Channel<Object> toParent = Channel.create();
    Channel<Object> toChild = Channel.create();
    Child child =
        Children.fast("importer")
            .spawn(ImportedEnumTest::importer, registry.toString(), toParent, toChild);
    toChild.send(DayOfWeek.SATURDAY);
    toChild.send(Codecs.encode(DayOfWeek.SUNDAY));
    List<String> heard = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      try {
        Object message = toParent.receive(Duration.ofSeconds(30)).orElseThrow();
        heard.add(message instanceof byte[] bytes ? "bytes " + decoded(bytes) : message.toString());
      } catch (TransferException e) {
        heard.add(e.getMessage());
      }
    }
    assertEquals(
        List.of(
            "the child sees the import: dev.ferry.imports.DayOfWeek_FerryCodec",
            "FRIDAY",
            "bytes FRIDAY",
            "the child received SATURDAY",
            "the child decoded SUNDAY",
            "the child decoded stored THURSDAY"),
        heard);
    assertEquals(0, child.join());
  }

  private static String decoded(byte[] bytes) {
    try {
      return String.valueOf(Codecs.decode(bytes, DayOfWeek.class));
    } catch (TransferException e) {
      return e.getMessage();
    }
  }

  static void importer(String registry, Channel<Object> toParent, Channel<Object> toChild)
      throws Exception {
    ClassLoader app = ImportedEnumTest.class.getClassLoader();
    Thread.currentThread()
        .setContextClassLoader(
            new URLClassLoader(new URL[] {Path.of(registry).toUri().toURL()}, app));
    toParent.send(
        "the child sees the import: "
            + dev.ferry.internal.codec.CodecRegistry.find(DayOfWeek.class)
                .map(c -> c.getClass().getName())
                .orElse("none"));
    toParent.send(DayOfWeek.FRIDAY);
    toParent.send(Codecs.encode(DayOfWeek.FRIDAY));
    try {
      toParent.send("the child received " + toChild.receive());
    } catch (TransferException e) {
      toParent.send("the child received: " + e.getMessage());
    }
    try {
      toParent.send("the child decoded " + Codecs.decode((byte[]) toChild.receive(), DayOfWeek.class));
    } catch (TransferException e) {
      toParent.send("the child decoded: " + e.getMessage());
    }
    // Bytes a process with the import stored when the import's codec wrote DayOfWeek on its own.
    ByteOutput stored = new ByteOutput();
    stored.writeFixedLong(DayOfWeek_FerryCodec.FINGERPRINT);
    DayOfWeek_FerryCodec.INSTANCE.write(stored, DayOfWeek.THURSDAY);
    toParent.send(
        "the child decoded stored " + Codecs.decode(stored.toByteArray(), DayOfWeek.class));
  }
}
