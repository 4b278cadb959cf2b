package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent and its child at a limit on threads (ulimit -u, which binds a user other than root:
 * the programs run as nobody through setpriv), at every limit from the one the parent's JVM
 * needs to start up to the one the child's send gets through at. The child's thread that watches
 * its parent, its background connector, or its connection's threads could not start: the
 * OutOfMemoryError escaped ChildMain (exit 1, no report, and the parent said "the JVM of hello-1
 * did not start ... Check its jvmFlags"), or reached the target bare, and a parent whose channel
 * server could not start a thread said its heap could not hold the spawn arguments, and one whose
 * JDK could not start the thread that waits for the child (the process reaper) threw its bare
 * OutOfMemoryError out of spawn, and a child JVM that died starting up, for want of a thread, left
 * no failure when the JVM the parent started to find out why started.
 */
@Timeout(600)
public class ChildOutOfThreadsTest {

  /** A whole program: spawns a child that sends one message, and prints what happened. */
  public static final class HelloProgram {
    public static void main(String[] args) throws Exception {
      try {
        Channel<String> out = Channel.create();
        Child child = Children.fast("hello").keepSpare(false).spawn(HelloProgram::hello, out);
        try {
          System.out.println("got " + receiveWhileAlive(out, child).orElse("nothing"));
        } catch (ChannelClosedException e) { // the child exited without sending
          System.out.println("receive threw " + e);
        }
        System.out.println("child exited " + child.join() + " " + child.failure());
      } catch (Throwable e) {
        System.out.println("threw " + e);
      }
    }

    /**
     * The child's message, waiting at most 30 s, and no longer than 5 s past the child's exit:
     * a child whose JVM could not start never sends, and the parent still holds the channel, so a
     * plain receive waited out its 30 s at each such limit.
     */
    private static Optional<String> receiveWhileAlive(Channel<String> out, Child child)
        throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until) {
        Optional<String> got = out.receive(Duration.ofMillis(100));
        if (got.isPresent()) {
          return got;
        }
        if (!child.isAlive()) {
          return out.receive(Duration.ofSeconds(5)); // a message sent just before the exit
        }
      }
      return Optional.empty();
    }

    static void hello(Channel<String> out) throws Exception {
      out.send("hi");
    }
  }

  @Test
  void outOfThreads_everyFailureNamesTheLimit(@TempDir Path temp) throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux")
            && Files.isExecutable(Path.of("/usr/bin/setpriv"))
            && Files.isExecutable(Path.of("/bin/bash"))
            && "root".equals(System.getProperty("user.name")),
        "needs Linux, root and setpriv: ulimit -u does not bind root");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
    Files.setPosixFilePermissions(tmpdir, PosixFilePermissions.fromString("rwxrwxrwx"));
    String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.contains("/target/"))
        .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> outcomes = new ArrayList<>();
    boolean through = false;
    for (int limit = 16; limit <= 80 && !through; limit++) {
      String command = "ulimit -u " + limit + " && exec \"$0\" -XX:+UseSerialGC"
          + " -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=\"$1\" -cp \"$2\" \"$3\"";
      Process process = new ProcessBuilder(
              "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
              "/bin/bash", "-c", command, java, tmpdir.toString(), classPath,
              HelloProgram.class.getName())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes());
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
      if (!output.contains("got ") && !output.contains("threw ")) {
        continue; // the parent's own JVM did not start, or died, at this limit
      }
      outcomes.add("ulimit -u " + limit + ": " + output);
      through = output.contains("got hi\n");
      if (output.contains("child exited ")) { // the child ran, or its JVM did not start
        // A child JVM that died starting up, which the parent's check of its flags (a JVM
        // started alike, a moment later) did not see fail again, used to leave no failure.
        assertTrue(through || output.contains("ulimit -u"), String.join("\n", outcomes));
        assertFalse(output.contains("Check its jvmFlags"), String.join("\n", outcomes));
      } else if (output.contains("threw java.lang.OutOfMemoryError")) {
        // the parent's spawn threw: its channel server's threads, or the JDK's process reaper
        // (that one bare, 'unable to create native thread: possibly out of memory ...')
        assertFalse(output.contains("heap"), String.join("\n", outcomes));
        assertTrue(output.contains("no child was started: ") && output.contains("(ulimit -u, "),
            String.join("\n", outcomes));
      }
    }
    assertTrue(through, String.join("\n", outcomes));
  }
}
