package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.process.ChildMain;
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
}
