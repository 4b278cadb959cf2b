package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.codec.RuntimeRules;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What code compiled without the processor is told when it passes a lambda that captures, or an
 * instance method, where a static method is needed: the message names what the user passed it
 * as (a pool's task was told "the spawn target captures 1 value(s)") and the method, as stack
 * traces name it.
 */
@Timeout(60)
class TargetRefusalTest {
  private static final String WHY = ": a child is a fresh JVM that can only call a static method"
      + " by its class and name, and cannot rebuild captured variables or a receiver. Pass a"
      + " method reference to a static method, e.g. Worker::run.";

  private static ProcessPool pool;

  @BeforeAll
  static void startPool() {
    pool = Children.fast("refusals").keepSpare(false).pool(1);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private final String name = "me";

  private Integer instanceTask() {
    return name.length();
  }

  private void instanceTarget() {}

  /**
   * {@code message} is {@code before}, the rest of javac's name of the lambda's method (a hash of
   * a serializable lambda, then its number: {@code cb4b1952$1}), then {@code after}.
   */
  private static void assertMatches(String before, String after, String message) {
    assertTrue(message.matches(Pattern.quote(before) + "[0-9a-f$]+" + Pattern.quote(after)),
        message);
  }

  private static String refusal(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void submit_ofACapturingLambda_namesThePoolTaskAndItsMethod() {
    int offset = 1;
    assertMatches(RuntimeRules.prefix(RuntimeRules.SPAWN_TARGET) + "the pool task"
            + " dev.ferry.TargetRefusalTest::lambda$submit_ofACapturingLambda_namesThePoolTaskAndItsMethod$",
        ", a lambda, captures 1 value" + WHY,
        refusal(() -> pool.submit((Integer x) -> x + offset, 1)));
  }

  @Test
  void spawn_ofALambdaCapturingTwoValues_saysValues() {
    String a = "a";
    String b = "b";
    assertMatches(RuntimeRules.prefix(RuntimeRules.SPAWN_TARGET) + "the spawn target"
            + " dev.ferry.TargetRefusalTest::lambda$spawn_ofALambdaCapturingTwoValues_saysValues$",
        ", a lambda, captures 2 values" + WHY,
        refusal(() -> Ferry.spawn(() -> System.out.print(a + b))));
  }

  @Test
  void initializerAndTask_ofAnInstanceMethod_areNamedAsWhatTheyWerePassedAs() {
    assertEquals(RuntimeRules.prefix(RuntimeRules.SPAWN_TARGET) + "the pool's initializer"
            + " dev.ferry.TargetRefusalTest::instanceTarget is not a static method" + WHY,
        refusal(() -> pool.initializer(this::instanceTarget)));
    assertEquals(RuntimeRules.prefix(RuntimeRules.SPAWN_TARGET) + "the pool task"
            + " dev.ferry.TargetRefusalTest::instanceTask is not a static method" + WHY,
        refusal(() -> pool.submit(this::instanceTask)));
  }
}
