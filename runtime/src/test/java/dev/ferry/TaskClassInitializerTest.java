package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task whose class's static initializer throws in the worker fails with what it threw, every
 * time: a JVM initializes a class once, and tells each later use only {@code NoClassDefFoundError:
 * Could not initialize class} (on JDK 17 with no cause), which said nothing of why.
 */
@Timeout(120)
class TaskClassInitializerTest {
  /** Never initialized in the test's JVM: only its tasks' references are made here. */
  static final class NeedsConfig {
    static {
      if (System.getProperty("ferry.test.config") == null) {
        throw new IllegalStateException("no ferry.conf");
      }
    }

    static Integer echo(Integer x) {
      return x;
    }

    static Integer twice(Integer x) {
      return 2 * x;
    }
  }

  private static final String TOLD = "java.lang.ExceptionInInitializerError: the static initializer"
      + " of dev.ferry.TaskClassInitializerTest$NeedsConfig threw java.lang.IllegalStateException:"
      + " no ferry.conf";

  private static String failureOf(ProcessPool pool, Ferry.Task1<Integer, Integer> task) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> pool.submit(task, 1).get(60, TimeUnit.SECONDS));
    return e.getCause().toString();
  }

  @Test
  void tasksOfAClassWhoseInitializerThrew_allSayWhatItThrew() {
    try (ProcessPool pool = Children.fast("needs-config").keepSpare(false).pool(1)) {
      assertEquals(TOLD, failureOf(pool, NeedsConfig::echo));
      assertEquals(TOLD, failureOf(pool, NeedsConfig::echo)); // was: Could not initialize class
      assertEquals(TOLD, failureOf(pool, NeedsConfig::twice)); // another method of the class
      CompletionException inMap = assertThrows(CompletionException.class,
          () -> pool.map(NeedsConfig::echo, List.of(1, 2)));
      assertEquals(TOLD, inMap.getCause().toString());
    }
  }
}
