package dev.ferry.processor.codegen;

import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ferry.Codecs;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Types as large as Java allows: a record of 254 components (a constructor takes at most 255
 * parameter slots, its own {@code this} one of them) and a class of 300 fields, each of a nested
 * collection type. Written inline, their codecs' {@code write} and {@code read} methods passed the
 * 64 KiB of bytecode a method may have, and neither javac ("code too large") nor ECJ compiled
 * them: such members get methods of their own, and a class of thousands of fields is written and
 * read in parts. Compiled strictly, loaded and round-tripped.
 */
class LargeCodecsTest {
  private static final String MEMBER = "Map<String, Map<String, List<Integer>>>";

  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void recordOf254CollectionComponents_codecCompilesAndRoundTrips() throws Exception {
    String components =
        IntStream.range(0, 254).mapToObj(i -> MEMBER + " c" + i).collect(Collectors.joining(", "));
    Class<?> type =
        compileAndLoad(
            "test.Wide",
            """
            package test;
            import java.util.*;
            @dev.ferry.annotation.Transferable
            public record Wide(%s) {}
            """
                .formatted(components));
    Object[] values = new Object[254];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 9 == 0 ? null : Map.of("k" + i, Map.of("v", List.of(i, -i)));
    }
    Object wide = type.getConstructors()[0].newInstance(values);

    assertEquals(wide, Codecs.decode(Codecs.encode(wide), type));
  }

  @Test
  @SuppressWarnings("ferry:not-transferable")
  void classOf300CollectionFields_codecCompilesAndRoundTrips() throws Exception {
    String fields =
        IntStream.range(0, 300)
            .mapToObj(i -> "  public " + MEMBER + " f" + i + ";")
            .collect(Collectors.joining("\n"));
    Class<?> type =
        compileAndLoad(
            "test.Tall",
            """
            package test;
            import java.util.*;
            @dev.ferry.annotation.Transferable
            public final class Tall {
            %s
              public Tall() {}
            }
            """
                .formatted(fields));
    Object tall = type.getConstructor().newInstance();
    for (int i = 1; i < 300; i++) {
      type.getField("f" + i).set(tall, Map.of("k", Map.of("v" + i, List.of(i))));
    }

    Object back = Codecs.decode(Codecs.encode(tall), type);

    assertNull(type.getField("f0").get(back));
    for (int i = 1; i < 300; i++) {
      Field field = type.getField("f" + i);
      assertEquals(field.get(tall), field.get(back), field.getName());
    }
  }

  /**
   * A class of 4,000 fields, most of them of short types (an {@code int}, a {@code String}): each
   * member's code is short, so none got a method of its own, and the codec's write and read passed
   * 64 KiB ("code too large", "code too large for try statement"). They are written and read in
   * parts, each a nested class, and the class is built before its members are stored.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable")
  void classOf4000Fields_codecCompilesAndRoundTrips() throws Exception {
    String[] types = {"int", "String", "List<String>", "long"};
    String fields =
        IntStream.range(0, 4_000)
            .mapToObj(i -> "  public " + types[i % types.length] + " f" + i + ";")
            .collect(Collectors.joining("\n"));
    Class<?> type =
        compileAndLoad(
            "test.Huge",
            """
            package test;
            import java.util.*;
            @dev.ferry.annotation.Transferable
            public final class Huge {
            %s
              public Huge() {}
            }
            """
                .formatted(fields));
    Object huge = type.getConstructor().newInstance();
    for (int i = 0; i < 4_000; i++) {
      Field field = type.getField("f" + i);
      switch (i % types.length) {
        case 0 -> field.setInt(huge, -i);
        case 1 -> field.set(huge, i % 5 == 1 ? null : "s" + i);
        case 2 -> field.set(huge, List.of("e" + i));
        default -> field.setLong(huge, (long) i << 40);
      }
    }

    Object back = Codecs.decode(Codecs.encode(huge), type);

    for (int i = 0; i < 4_000; i++) {
      Field field = type.getField("f" + i);
      assertEquals(field.get(huge), field.get(back), field.getName());
    }
  }

  /**
   * A sealed interface of 3,000 permitted records: its codec's write switched on all of them in
   * one method, past 64 KiB ("code too large"); each thousand is now written and read by a
   * method of its own, chosen by the index's range.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable")
  void sealedInterfaceOf3000Records_codecCompilesAndRoundTrips() throws Exception {
    String records =
        IntStream.range(0, 3_000)
            .mapToObj(i -> "  @dev.ferry.annotation.Transferable record E" + i + "(int v) implements Event {}")
            .collect(Collectors.joining("\n"));
    Class<?> type =
        compileAndLoad(
            "test.Event",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public sealed interface Event {
            %s
            }
            """
                .formatted(records));
    @SuppressWarnings("unchecked")
    dev.ferry.Codec<Object> codec = (dev.ferry.Codec<Object>) (dev.ferry.Codec<?>) Codecs.of(type);
    Class<?>[] permitted = type.getPermittedSubclasses();
    for (int i : new int[] {0, 999, 1_000, 2_000, 2_999}) {
      Object value = permitted[i].getConstructors()[0].newInstance(i);
      dev.ferry.ByteOutput out = new dev.ferry.ByteOutput();
      codec.write(out, value);
      assertEquals(value, codec.read(new dev.ferry.ByteInput(out.toByteArray())));
    }
    dev.ferry.ByteOutput unknown = new dev.ferry.ByteOutput();
    unknown.writeVarInt(3_000);
    dev.ferry.TransferException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.ferry.TransferException.class,
            () -> codec.read(new dev.ferry.ByteInput(unknown.toByteArray())));
    assertEquals(
        "unknown subtype index 3000 of test.Event at offset 0: the writer's type permits subtypes"
            + " this reader does not know",
        e.getMessage());
  }

  /**
   * Compiles {@code text} with Ferry under {@code -Xlint:all -Werror} (see LintCleanCodecsTest)
   * and loads the class, its codec beside it, in a loader of its own.
   */
  private static Class<?> compileAndLoad(String name, String text) throws Exception {
    Path classes =
        ferry().withOptions("-Xlint:all,-processing", "-Werror").compileLibrary(source(name, text));
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, LargeCodecsTest.class.getClassLoader());
    return Class.forName(name, true, loader);
  }
}
