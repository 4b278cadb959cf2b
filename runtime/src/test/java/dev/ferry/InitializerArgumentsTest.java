package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool's initializer arguments are spawn arguments, which each worker is handed as it starts,
 * at the first task: what cannot be handed to a worker is refused where the user wrote it, or
 * else named as the initializer's by the submit that found it, not as that task's own.
 */
@Timeout(120)
class InitializerArgumentsTest {
  private static void takes(Object value) {}

  private static Integer one() {
    return 1;
  }

  /**
   * An argument whose class has no codec is refused by {@code initializer}, as {@code spawn}
   * refuses it. It used to be taken, and the first {@code submit} threw the bare {@code
   * [ferry:not-transferable]} message, as if that task's own arguments had no codec.
   */
  @Test
  void initializer_argumentWithNoCodec_isRefusedAtTheCall() {
    try (ProcessPool pool = Children.fast("init-no-codec").keepSpare(false).pool(1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> pool.initializer(InitializerArgumentsTest::takes, new Thread()));
      assertTrue(e.getMessage().startsWith("[ferry:not-transferable] java.lang.Thread has no codec"),
          e.getMessage());
    }
  }

  /**
   * An argument that holds a value with no codec is found only as a worker is handed it: the
   * {@code submit} that starts the workers throws the {@code IllegalStateException} the pool breaks
   * with, naming the initializer, as every later task is refused. It used to throw the bare
   * {@code IllegalArgumentException}, which blamed that task's own arguments.
   */
  @Test
  void initializer_argumentHoldingAValueWithNoCodec_failsTheFirstSubmitNamingTheInitializer() {
    try (ProcessPool pool = Children.fast("init-holds-no-codec").keepSpare(false).pool(1)
        .initializer(InitializerArgumentsTest::takes, List.of(new Thread()))) {
      IllegalStateException first =
          assertThrows(IllegalStateException.class, () -> pool.submit(InitializerArgumentsTest::one));
      String told = "the pool cannot start its workers with initializer"
          + " InitializerArgumentsTest::takes: java.lang.IllegalArgumentException:"
          + " [ferry:not-transferable] java.lang.Thread has no generated codec";
      assertTrue(first.getMessage().startsWith(told), first.getMessage());
      // The fix reads as a sentence of its own (it followed a semicolon: "process; It is ...")
      assertTrue(first.getMessage().contains("copied to another process. It is a JDK type"),
          first.getMessage());
      IllegalStateException later =
          assertThrows(IllegalStateException.class, () -> pool.submit(InitializerArgumentsTest::one));
      assertEquals(first.getMessage(), later.getMessage());
      assertInstanceOf(IllegalArgumentException.class, first.getCause().getCause());
    }
  }

  /** The same through a map, which starts the workers as a submit does. */
  @Test
  void initializer_argumentHoldingAValueWithNoCodec_failsTheFirstMapNamingTheInitializer() {
    try (ProcessPool pool = Children.fast("init-holds-no-codec-map").keepSpare(false).pool(1)
        .initializer(InitializerArgumentsTest::takes, List.of(new Thread()))) {
      IllegalStateException first = assertThrows(IllegalStateException.class,
          () -> pool.map(InitializerArgumentsTest::takes2, List.of(1, 2)));
      assertTrue(first.getMessage().startsWith(
          "the pool cannot start its workers with initializer InitializerArgumentsTest::takes:"),
          first.getMessage());
    }
  }

  private static Integer takes2(Integer x) {
    return x;
  }

  /** A pool whose initializer's arguments all have codecs runs as ever. */
  @Test
  void initializer_argumentsWithCodecs_areTaken() throws Exception {
    try (ProcessPool pool = Children.fast("init-fine").keepSpare(false).pool(1)
        .initializer(InitializerArgumentsTest::takes, List.of("a", 1))) {
      CompletableFuture<Integer> one = pool.submit(InitializerArgumentsTest::one);
      assertEquals(1, one.get());
    }
  }
}
