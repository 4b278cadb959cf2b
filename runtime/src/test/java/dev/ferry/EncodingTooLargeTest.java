package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message whose encoding is larger than a channel carries, or than the sending process's heap
 * can hold beside it: the send is refused in words that say which, nothing is sent, and the
 * channel goes on. Both used to end in a bare {@code OutOfMemoryError}, after the encoding had
 * grown to the whole value's size. Each case runs in a child with a small heap, on a channel it
 * created (its queue keeps a copy) and on one its parent created (it writes to a socket); and a
 * pool's submit and a spawn, whose arguments are encoded the same way.
 */
@Timeout(90)
class EncodingTooLargeTest {
  /** 160 MB of ints: the child's heap (-Xmx320m) holds it, but not its whole encoding beside it. */
  private static final int INTS = 40_000_000;
  /** 40 MB of Latin-1 chars: the child's heap (-Xmx100m) holds it, not its encoding's growth. */
  private static final int CHARS = 40_000_000;

  private static void sendInts(Channel<Object> parents, Channel<String> report) throws Exception {
    int[] value = new int[INTS];
    report.send(trySend(Channel.create(), value) + " | " + trySend(parents, value));
  }

  private static void sendChars(Channel<Object> parents, Channel<String> report) throws Exception {
    String value = "x".repeat(CHARS);
    String encoded;
    try {
      encoded = "encoded " + Codecs.encode(value).length;
    } catch (Throwable e) {
      encoded = e.toString();
    }
    report.send(
        trySend(Channel.create(), value) + " | " + trySend(parents, value) + " | " + encoded);
  }

  /** Sends {@code value}, then a small message that must follow it: what became of each. */
  private static String trySend(Channel<Object> channel, Object value) throws Exception {
    String large;
    try {
      channel.send(value);
      large = "sent";
    } catch (Throwable e) {
      large = e.toString();
    }
    channel.send("after");
    return large;
  }

  @Test
  void aMessageFarPastTheLimitIsRefusedAsSoonAsItsEncodingPassesIt() throws Exception {
    String report = run(EncodingTooLargeTest::sendInts, "-Xmx320m");
    String refused =
        "java.lang.IllegalArgumentException: an int[] message of at least 160000004 bytes exceeds"
            + " the limit of 67108864 bytes; send it in parts";
    assertEquals(refused + " | " + refused, report);
  }

  /** And {@code Codecs.encode} of the same value, which has no limit but the heap's. */
  @Test
  void aMessageWhoseEncodingTheHeapCannotHoldIsRefusedSayingSo() throws Exception {
    String[] report = run(EncodingTooLargeTest::sendChars, "-Xmx100m").split(" \\| ");
    assertEquals(3, report.length, String.join(" | ", report));
    for (String send : new String[] {report[0], report[1]}) {
      assertTrue(
          send.startsWith(
              "java.lang.IllegalArgumentException: a java.lang.String message was not sent: this"
                  + " process's heap (at most "),
          send);
      assertTrue(send.contains("nothing was sent and the channel goes on"), send);
      assertTrue(send.endsWith("give this process a larger -Xmx"), send);
    }
    assertTrue(
        report[2].startsWith(
            "java.lang.IllegalArgumentException: a java.lang.String was not encoded: this"
                + " process's heap (at most "),
        report[2]);
    assertTrue(report[2].endsWith("or give this process a larger -Xmx"), report[2]);
  }

  static int length(int[] values) {
    return values.length;
  }

  /** Submits a task whose arguments' encoding this heap cannot hold, then one that must run. */
  private static void submitInts(Channel<Object> parents, Channel<String> report) throws Exception {
    submitThenASmallOne(new int[INTS / 4], parents, report);
  }

  /** Submits a task of {@code value}, then one that must run: what became of each. */
  private static void submitThenASmallOne(
      int[] value, Channel<Object> parents, Channel<String> report) throws Exception {
    try (ProcessPool pool = Children.fast("worker").pool(1)) {
      String large;
      try {
        large = "ran " + pool.submit(EncodingTooLargeTest::length, value).get();
      } catch (Throwable e) {
        large = e.toString();
      }
      parents.send("after");
      report.send(large + " | then ran " + pool.submit(EncodingTooLargeTest::length, new int[3]).get());
    }
  }

  /** Submits a task whose arguments are far past what a task carries, then one that must run. */
  private static void submitIntsPastTheLimit(Channel<Object> parents, Channel<String> report)
      throws Exception {
    submitThenASmallOne(new int[INTS], parents, report);
  }

  /**
   * 160 MB of ints at -Xmx320m: the arguments' encoding stops at the 64 MiB a task may carry,
   * where it grew towards 160 MB and the heap could not hold it (the caller was told to give the
   * process a larger -Xmx, which would only have led to the limit).
   */
  @Test
  void aTaskWhoseArgumentsAreFarPastTheLimitIsRefusedAsSoonAsTheirEncodingPassesIt()
      throws Exception {
    String report = run(EncodingTooLargeTest::submitIntsPastTheLimit, "-Xmx320m");
    assertTrue(report.startsWith(
        "java.lang.IllegalArgumentException: the task's arguments take at least 160000006"), report);
    assertTrue(report.endsWith(" bytes, more than the 67108864 (64 MiB) one task may carry to its"
        + " worker: split the work into smaller tasks, or pass the path of a file | then ran 3"),
        report);
  }

  @Test
  void aTaskWhoseArgumentsTheHeapCannotEncodeIsRefusedSayingSo() throws Exception {
    String report = run(EncodingTooLargeTest::submitInts, "-Xmx60m");
    assertTrue(
        report.startsWith(
            "java.lang.IllegalArgumentException: the task's arguments were not submitted: this"
                + " process's heap (at most "),
        report);
    assertTrue(report.endsWith("give this process a larger -Xmx | then ran 3"), report);
  }

  static void take(int[] values) {}

  /** Spawns a child whose arguments' encoding this heap cannot hold, then one that must start. */
  private static void spawnInts(Channel<Object> parents, Channel<String> report) throws Exception {
    spawnThenASmallOne(new int[INTS / 4], parents, report);
  }

  private static void spawnIntsPastTheLimit(Channel<Object> parents, Channel<String> report)
      throws Exception {
    spawnThenASmallOne(new int[INTS], parents, report);
  }

  /** Spawns a child of {@code value}, then one that must run: what became of each. */
  private static void spawnThenASmallOne(
      int[] value, Channel<Object> parents, Channel<String> report) throws Exception {
    String large;
    try {
      large = "exit " + Children.fast("large").spawn(EncodingTooLargeTest::take, value).join();
    } catch (Throwable e) {
      large = e.toString();
    }
    parents.send("after");
    report.send(
        large + " | then exit " + Children.fast("small").spawn(EncodingTooLargeTest::take, new int[3]).join());
  }

  @Test
  void aChildWhoseArgumentsAreFarPastTheLimitIsRefusedAsSoonAsTheirEncodingPassesIt()
      throws Exception {
    String report = run(EncodingTooLargeTest::spawnIntsPastTheLimit, "-Xmx320m");
    assertTrue(report.startsWith(
        "java.lang.IllegalArgumentException: the spawn arguments take at least 160000"), report);
    assertTrue(report.endsWith(" bytes, more than the 71303168 (68 MiB) a child's start-up message"
        + " may hold: hand the child a channel and send the data in parts, or pass the path of a"
        + " file | then exit 0"), report);
  }

  @Test
  void aChildWhoseArgumentsTheHeapCannotEncodeIsNotStartedSayingSo() throws Exception {
    String report = run(EncodingTooLargeTest::spawnInts, "-Xmx60m");
    assertTrue(
        report.startsWith(
            "java.lang.IllegalArgumentException: no child was started: this process's heap (at"
                + " most "),
        report);
    assertTrue(report.endsWith("give this process a larger -Xmx | then exit 0"), report);
  }

  private static String run(Ferry.Target2<Channel<Object>, Channel<String>> target, String heap)
      throws Exception {
    Channel<Object> parents = Channel.create();
    Channel<String> report = Channel.create();
    Child child = Children.fast("sender").jvmFlags(heap).spawn(target, parents, report);
    String said = report.receive();
    assertEquals("after", parents.receive(Duration.ofSeconds(30)).orElse("nothing"));
    assertEquals(0, child.join());
    return said;
  }
}
