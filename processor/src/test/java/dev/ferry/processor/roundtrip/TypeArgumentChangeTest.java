package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member of a generic type whose type argument changed between the writer's build and the
 * reader's ({@code Box<Integer>} to {@code Box<Long>}). The codec of {@code Box<T>} writes {@code
 * T} by each value's own class, so the member's bytes are alike for any argument: the reader used
 * to take the writer's {@code Integer} into its {@code Box<Long>} with no error, to fail with a
 * {@code ClassCastException} where its code took the value as a {@code Long}.
 */
@SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
class TypeArgumentChangeTest {

  private static final Source BOX =
      FerryCompiler.source(
          "app.Box",
          """
          package app;
          @dev.ferry.annotation.Transferable
          public record Box<T>(T value) {}
          """);

  private static Source holder(String argument) {
    return FerryCompiler.source(
        "app.Holder",
        """
        package app;
        @dev.ferry.annotation.Transferable
        public record Holder(Box<%s> box, java.util.List<Box<%s>> boxes) {}
        """
            .formatted(argument, argument));
  }

  @Test
  void aMembersTypeArgumentChanged_isRefusedAsASchemaMismatch() throws Exception {
    ClassLoader writer = LibraryChangeTest.load(FerryCompiler.ferry().compileLibrary(BOX, holder("Integer")));
    ClassLoader reader = LibraryChangeTest.load(FerryCompiler.ferry().compileLibrary(BOX, holder("Long")));

    byte[] bytes = Codecs.encode(holder(writer, 5));

    TransferException e =
        assertThrows(
            TransferException.class,
            () -> Codecs.decode(bytes, Class.forName("app.Holder", true, reader)));
    assertTrue(e.getMessage().startsWith("schema mismatch for app.Holder"), e.getMessage());
  }

  /** Two builds of the same source keep one fingerprint, and read each other's bytes. */
  @Test
  void theSameTypeArgumentInAnotherBuild_isRead() throws Exception {
    ClassLoader writer = LibraryChangeTest.load(FerryCompiler.ferry().compileLibrary(BOX, holder("Integer")));
    ClassLoader reader = LibraryChangeTest.load(FerryCompiler.ferry().compileLibrary(BOX, holder("Integer")));

    byte[] bytes = Codecs.encode(holder(writer, 5));

    assertEquals(
        "Holder[box=Box[value=5], boxes=[Box[value=5]]]",
        Codecs.decode(bytes, Class.forName("app.Holder", true, reader)).toString());
  }

  private static Object holder(ClassLoader loader, Object value) throws Exception {
    Object box = Class.forName("app.Box", true, loader).getConstructors()[0].newInstance(value);
    return Class.forName("app.Holder", true, loader)
        .getConstructors()[0]
        .newInstance(box, List.of(box));
  }
}
