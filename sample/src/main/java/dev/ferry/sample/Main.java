package dev.ferry.sample;

import dev.ferry.Codecs;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Ferry's first program: values of {@code @Transferable} types turned into compact bytes by codecs
 * the processor generated at compile time, and back, with no reflection.
 */
public final class Main {
  private static int step;

  private Main() {}

  public static void main(String[] args) {
    System.out.println("Ferry sample: codecs generated at compile time");
    System.out.println();
    Job job =
        new Job(
            42,
            "https://example.com/articles/ferry",
            Priority.URGENT,
            List.of("news", "tech"),
            Instant.parse("2026-11-25T09:00:00Z"));
    show("a record", job, Job.class);

    Result done = new Result.Done(42, 18_204, Duration.ofMillis(35), Map.of("ferry", 12));
    show("a sealed interface (Done)", done, Result.class);
    show("a sealed interface (Failed)", new Result.Failed(43, "timed out"), Result.class);

    System.out.println("Next: see the README for spawning workers and sending these values to them.");
  }

  private static <T> void show(String what, T value, Class<T> type) {
    byte[] bytes = Codecs.encode(value);
    Object back = Codecs.decode(bytes, value.getClass());
    System.out.println(++step + ". " + what + ": " + value);
    System.out.println("   " + bytes.length + " bytes (8 of them the schema fingerprint): "
        + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24))
        + (bytes.length > 24 ? "..." : ""));
    System.out.println("   decoded as " + back.getClass().getSimpleName() + ", equal: "
        + back.equals(value) + "; read through " + type.getSimpleName() + "'s codec: "
        + Codecs.of(type).getClass().getSimpleName());
    System.out.println();
  }
}
