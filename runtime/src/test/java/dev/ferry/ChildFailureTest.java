package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.process.Throwables;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link Child#failure()} says about targets that throw unusual exceptions. */
@Timeout(60)
public class ChildFailureTest {

  private static void throwsACauseCycle() {
    Exception inner = new Exception("inner");
    RuntimeException outer = new RuntimeException("outer", inner);
    inner.initCause(outer);
    throw outer;
  }

  @Test
  void failure_ofAnExceptionWhoseCausesFormACycle_isReported() throws Exception {
    Child child = Children.fast("cause-cycle").spawn(ChildFailureTest::throwsACauseCycle);
    OptionalInt code = child.join(Duration.ofSeconds(10));
    if (code.isEmpty()) {
      child.kill();
    }
    assertEquals(OptionalInt.of(ChildMain.THREW), code);
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.RuntimeException", failure.exceptionType());
    assertEquals("outer", failure.message());
    assertTrue(failure.stackTrace().contains("Caused by: java.lang.Exception: inner"),
        failure.stackTrace());
    assertTrue(failure.stackTrace().contains("CIRCULAR REFERENCE"), failure.stackTrace());
  }

  /** An exception whose message cannot be read. */
  static final class Unreadable extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("no message today");
    }
  }

  private static void throwsAnUnreadableException() {
    throw new Unreadable();
  }

  private static void throwsADeepChain() {
    RuntimeException chain = new IllegalStateException("root cause");
    for (int i = 1; i <= 5_000; i++) {
      chain = new RuntimeException("level " + i, chain);
    }
    throw chain;
  }

  /**
   * Sends what this child prints on stderr nowhere. A child prints its failure's trace there before
   * it writes the report the tests read, and its stderr is the test JVM's, which surefire passes on
   * line by line: a trace of 1 MiB took it about 4 s, one of 3 MB 13 s. The trace is still printed
   * (encoded and written, into a stream that drops the bytes), so the report is made as before.
   */
  private static void quietStderr() {
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static void throwsAHugeMessage() {
    quietStderr();
    throw new IllegalArgumentException("\u2603".repeat(3_000_000));
  }

  private static void throwsAMessageOfAFifthOfTheHeap() {
    quietStderr();
    throw new IllegalArgumentException("m".repeat(20 << 20));
  }

  /**
   * A message of 20 MiB in a child of 96 MiB of heap is reported, its beginning kept. Before, the
   * child printed the whole trace into a string before it cut it, ran out of memory doing so (and
   * again printing it plainly), and exited with 1 and no report: failure() was empty, as for a
   * target that called System.exit(1).
   */
  @Test
  void failure_ofAMessageTooLargeToPrintInTheChildsHeap_keepsItsBeginning() throws Exception {
    Child child = Children.fast("large-message").jvmFlags("-Xmx96m")
        .spawn(ChildFailureTest::throwsAMessageOfAFifthOfTheHeap);
    assertEquals(ChildMain.THREW, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.IllegalArgumentException", failure.exceptionType());
    assertTrue(failure.message().endsWith("m... (20905984 more characters)"),
        failure.message().substring(failure.message().length() - 100));
    String end = failure.stackTrace().substring(failure.stackTrace().length() - 100);
    assertTrue(end.matches("m+\\.\\.\\. \\([0-9]{8} more characters\\)"), end);
  }

  @Test
  void failure_ofAnExceptionWhoseGetMessageThrows_saysSo() throws Exception {
    ChildFailure failure = failureOf("unreadable", ChildFailureTest::throwsAnUnreadableException);
    assertEquals(Unreadable.class.getName(), failure.exceptionType());
    assertEquals("(its getMessage() threw java.lang.IllegalStateException)", failure.message());
    assertTrue(failure.stackTrace().startsWith(Unreadable.class.getName()
        + " (its toString() threw java.lang.IllegalStateException)\n\tat "), failure.stackTrace());
    assertTrue(failure.stackTrace().contains("throwsAnUnreadableException"), failure.stackTrace());
  }

  @Test
  void failure_ofACauseChainTooDeepToPrint_showsItsFirstCauses() throws Exception {
    ChildFailure failure = failureOf("deep-chain", ChildFailureTest::throwsADeepChain);
    assertEquals("level 5000", failure.message());
    assertTrue(failure.stackTrace().contains("Caused by: java.lang.RuntimeException: level 4969\n"),
        failure.stackTrace());
    assertTrue(failure.stackTrace().contains("printStackTrace threw java.lang.StackOverflowError"),
        failure.stackTrace());
  }

  @Test
  void failure_ofAHugeMessage_keepsItsBeginning() throws Exception {
    ChildFailure failure = failureOf("huge-message", ChildFailureTest::throwsAHugeMessage);
    assertEquals("java.lang.IllegalArgumentException", failure.exceptionType());
    assertTrue(failure.message().startsWith("\u2603\u2603\u2603"), failure.exceptionType());
    assertTrue(failure.message().endsWith("\u2603... (2934464 more characters)"),
        failure.message().substring(failure.message().length() - 100));
    assertTrue(failure.stackTrace().startsWith("java.lang.IllegalArgumentException: \u2603"),
        failure.stackTrace().substring(0, 100));
    String end = failure.stackTrace().substring(failure.stackTrace().length() - 100);
    assertTrue(end.matches("\u2603+\\.\\.\\. \\(19[0-9]{5} more characters\\)"), end);
  }

  /** An emoji (two chars, a surrogate pair) whose first half is the last char a report keeps. */
  private static final String SMILE = "\uD83D\uDE00";

  private static void throwsAMessageWithAPairAtTheCut() {
    throw new IllegalStateException("a".repeat(Throwables.MAX_MESSAGE_CHARS - 1) + SMILE + "!");
  }

  private static void throwsATraceWithAPairAtTheCut() {
    String printed = "java.lang.IllegalStateException: ";
    quietStderr();
    throw new IllegalStateException("a".repeat((1 << 20) - printed.length() - 1) + SMILE + "!");
  }

  /**
   * A report cut at its limit within a surrogate pair ended in half of it, a string no encoder
   * can write (as UTF-8, a '?'): the message of 65,535 chars and an emoji kept its high surrogate,
   * and so did a printed stack trace cut at 1 MiB. The pair now goes with the rest.
   */
  @Test
  void failure_cutWithinASurrogatePair_dropsTheWholePair() throws Exception {
    Child ofMessage =
        Children.fast("pair-message").spawn(ChildFailureTest::throwsAMessageWithAPairAtTheCut);
    Child ofTrace =
        Children.fast("pair-trace").spawn(ChildFailureTest::throwsATraceWithAPairAtTheCut);
    assertEquals(ChildMain.THREW, ofMessage.join());
    assertEquals(ChildMain.THREW, ofTrace.join());
    String message = ofMessage.failure().orElseThrow().message();
    assertTrue(message.endsWith("a... (3 more characters)"),
        message.substring(message.length() - 40));
    String trace = ofTrace.failure().orElseThrow().stackTrace();
    String end = trace.substring(trace.length() - 40);
    assertTrue(end.matches(".*a\\.\\.\\. \\([0-9]+ more characters\\)"), end);
  }

  /** A class whose static initializer fails, as one reading missing configuration would. */
  static final class Misconfigured {
    static final String SETTING = load();

    private static String load() {
      throw new IllegalStateException("no ferry.conf");
    }

    static void run() {
      System.out.println(SETTING);
    }
  }

  private static void touchesMisconfigured() {
    Misconfigured.run();
  }

  @Test
  void failure_ofATargetWhoseClassCannotBeInitialized_saysWhichInitializerThrewWhat()
      throws Exception {
    Child child = Children.fast("clinit").spawn(Misconfigured::run);
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.ExceptionInInitializerError", failure.exceptionType());
    assertEquals("the static initializer of " + Misconfigured.class.getName()
        + " threw java.lang.IllegalStateException: no ferry.conf", failure.message());
    assertTrue(failure.stackTrace().contains("Caused by: java.lang.IllegalStateException: no"
        + " ferry.conf"), failure.stackTrace());

    ChildFailure inBody = failureOf("clinit-in-body", ChildFailureTest::touchesMisconfigured);
    assertEquals("java.lang.ExceptionInInitializerError", inBody.exceptionType());
    assertEquals(failure.message(), inBody.message());
  }

  /**
   * A null spawn argument for an int parameter is told naming the target and the argument, and
   * the target does not run (exit code 2): it was a bare IllegalArgumentException from
   * reflection, with an empty message on JDK 17.
   */
  @Test
  void failure_ofANullForAnIntParameter_namesTheArgument() throws Exception {
    Child child = Children.fast("null-int").spawn(ChildFailureTest::takesAnInt, (Integer) null);
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.NullPointerException", failure.exceptionType());
    assertEquals("argument 1 of ChildFailureTest::takesAnInt is null, which its parameter's type,"
        + " int, cannot hold: pass a value, or declare the parameter as Integer", failure.message());
  }

  private static void takesAnInt(int x) {}

  /**
   * Spawn arguments the child's heap cannot hold are told as such, with exit code 2: the child
   * read them before it knew where to report a failure, exited with 2 and a line on stderr, and
   * its failure() said that its JVM had died starting up, most often at a limit on threads.
   */
  @Test
  void failure_ofArgumentsTooLargeForTheChildsHeap_saysSo() throws Exception {
    Child child = Children.fast("small-heap").jvmFlags("-Xmx32m").keepSpare(false)
        .spawn(ChildFailureTest::takesBytes, new byte[40_000_000]);
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.OutOfMemoryError", failure.exceptionType());
    assertTrue(failure.message().startsWith("the spawn arguments of " + ChildFailureTest.class.getName()
        + "::takesBytes take 40000006 bytes, which this child's heap (at most "), failure.message());
    assertTrue(failure.message().endsWith(") cannot hold, so the target did not run: give the child"
        + " a larger -Xmx in jvmFlags, or hand it a channel and send the data in parts"),
        failure.message());
  }

  private static void takesBytes(byte[] bytes) {}

  private static ChildFailure failureOf(String name, Ferry.Target0 target) throws Exception {
    Child child = Children.fast(name).spawn(target);
    assertEquals(ChildMain.THREW, child.join());
    return child.failure().orElseThrow();
  }
}
