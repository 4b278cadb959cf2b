package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;

/** Helpers shared by the codec tests: writing, reading back, truncating and forging bytes. */
public final class CodecTesting {
  private CodecTesting() {}

  /** The bytes {@code write} puts into a fresh output. */
  public static byte[] written(Consumer<ByteOutput> write) {
    ByteOutput out = new ByteOutput(0);
    write.accept(out);
    return out.toByteArray();
  }

  public static <T> byte[] encode(Codec<T> codec, T value) {
    return written(out -> codec.write(out, value));
  }

  /** Reads all of {@code bytes} with {@code read}, failing if any byte is left over. */
  public static <T> T read(byte[] bytes, Function<ByteInput, T> read) {
    ByteInput in = new ByteInput(bytes);
    T value = read.apply(in);
    in.requireEnd();
    return value;
  }

  /**
   * Writes {@code value}, checks that every proper prefix of the bytes is refused, and returns
   * what a full read gives back.
   */
  public static <T> T roundTrip(Codec<T> codec, T value) {
    byte[] bytes = encode(codec, value);
    assertEveryTruncationFails(bytes, codec::read);
    return read(bytes, codec::read);
  }

  /** Every prefix of a valid encoding, from empty to one byte short, is a TransferException. */
  public static void assertEveryTruncationFails(byte[] bytes, Function<ByteInput, ?> read) {
    for (int length = 0; length < bytes.length; length++) {
      ByteInput in = new ByteInput(bytes, 0, length);
      int prefix = length;
      assertThrows(
          TransferException.class,
          () -> {
            read.apply(in);
            in.requireEnd();
          },
          () -> "prefix of " + prefix + " of " + bytes.length + " bytes was accepted");
    }
  }

  /** Bytes from hex pairs, spaces ignored: {@code hex("01 ff")}. */
  public static byte[] hex(String pairs) {
    return HexFormat.of().parseHex(pairs.replace(" ", ""));
  }

  public static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  public static void assertBytes(String expectedHex, byte[] actual) {
    assertEquals(expectedHex, hex(actual));
  }

  /** The bytes this thread allocated while running {@code action}, which must throw. */
  public static long bytesAllocatedWhileFailing(Class<? extends Throwable> expected, Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    Throwable thrown = null;
    try {
      action.run();
    } catch (Throwable t) {
      thrown = t;
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    if (!expected.isInstance(thrown)) {
      throw new AssertionError("expected " + expected.getSimpleName() + " but got " + thrown, thrown);
    }
    return allocated;
  }
}
