package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.process.ChildMain;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class path without a class that only some methods of a target's class name (a deploy that
 * removed it, an optional dependency left out): reflection cannot list that class's methods, which
 * made every spawn target and pool task of the class fail with a bare {@code NoClassDefFoundError}
 * naming the missing class, even one that never uses it. Such targets run now; one whose own
 * signature names the missing class is refused naming the method and the class.
 */
@Timeout(60)
class MissingClassTargetTest {

  /** The class only {@link Tasks#uses} names; left off the program's class path. */
  record Absent(int x) {}

  static final class Tasks {
    private Tasks() {}

    private static int twice(int x) {
      return 2 * x;
    }

    static Absent uses(int x) {
      return new Absent(x);
    }

    static int ran(String what) {
      System.out.println(what + " ran");
      return 0;
    }

    static void takes(int x) {
      System.out.println("takes ran " + x);
    }
  }

  /** Spawns a target of {@link Tasks} and runs its tasks in a pool; prints what happened. */
  static final class Program {
    public static void main(String[] args) throws Exception {
      Absent loaded = new Absent(1); // then it leaves the class path, as in a deploy
      Files.delete(Path.of(args[0]));
      Child child = Ferry.options().keepSpare(false).jvmFlags("-XX:TieredStopAtLevel=1")
          .spawn(Tasks::ran, "spawn");
      System.out.println("spawn exit " + child.join() + " " + child.failure().orElse(null));
      Child nulled = Ferry.options().keepSpare(false).jvmFlags("-XX:TieredStopAtLevel=1")
          .spawn(Tasks::takes, (Integer) null);
      System.out.println("null spawn exit " + nulled.join() + " "
          + nulled.failure().map(ChildFailure::message).orElse(null));
      try (ProcessPool pool = Ferry.options().keepSpare(false).jvmFlags("-XX:TieredStopAtLevel=1")
          .pool(1)) {
        try {
          System.out.println("uses: " + pool.submit(Tasks::uses, loaded.x()).get());
        } catch (java.util.concurrent.ExecutionException e) {
          System.out.println("uses failed: " + e.getCause());
        }
        System.out.println("twice: " + pool.submit(Tasks::twice, 21).get());
        @SuppressWarnings({"rawtypes", "unchecked"}) // a String where an int goes, unchecked
        Ferry.Task1<Object, Integer> raw = (Ferry.Task1) (Ferry.Task1<Integer, Integer>) Tasks::twice;
        for (Object argument : new Object[] {null, "21"}) {
          try {
            System.out.println("twice(" + argument + "): " + pool.submit(raw, argument).get());
          } catch (java.util.concurrent.ExecutionException e) {
            System.out.println("twice(" + argument + ") failed: " + e.getCause());
          }
        }
      }
    }
  }

  @Test
  void aTargetsClassNamingAClassTheChildLacks_stillRunsItsOtherMethods(@TempDir Path dir)
      throws Exception {
    for (Class<?> c : List.of(MissingClassTargetTest.class, Program.class, Tasks.class,
        Absent.class)) {
      String file = c.getName().replace('.', '/') + ".class";
      Path to = Files.createDirectories(dir.resolve(file).getParent()).resolve(
          dir.resolve(file).getFileName());
      try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
        Files.copy(in, to);
      }
    }
    String runtime =
        Path.of(Ferry.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
        dir + File.pathSeparator + runtime, Program.class.getName(),
        dir.resolve(Absent.class.getName().replace('.', '/') + ".class").toString()), 45);
    assertTrue(output.contains("spawn ran\nspawn exit 0 null\n"), output);
    assertTrue(output.contains("uses failed:"
        + " java.lang.NoSuchMethodException: dev.ferry.MissingClassTargetTest$Tasks::uses"
        + "(I)Ldev/ferry/MissingClassTargetTest$Absent;"
        + " names dev.ferry.MissingClassTargetTest$Absent, which is not on this process's class"
        + " path (the child's class path holds different classes than the parent's)"), output);
    assertTrue(output.contains("twice: 42\n"), output);
    // The handle that calls such a target checks its arguments as reflection's path does
    assertTrue(output.contains("null spawn exit " + ChildMain.COULD_NOT_START + " argument 1 of"
        + " Tasks::takes is null, which its parameter's type, int, cannot hold: pass a value, or"
        + " declare the parameter as Integer\n"), output);
    assertTrue(output.contains("twice(null) failed: java.lang.NullPointerException: argument 1 of"
        + " Tasks::twice is null, which its parameter's type, int, cannot hold"), output);
    assertTrue(output.contains("twice(21) failed: java.lang.IllegalArgumentException: argument 1"
        + " of Tasks::twice is a java.lang.String, which its parameter's type, int, cannot hold"
        + " (it was passed through a raw or unchecked type)\n"), output);
  }
}
