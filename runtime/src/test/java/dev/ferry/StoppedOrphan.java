package dev.ferry;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A parent process for {@link ParentDeathTest}: it spawns one child that waits, prints {@code
 * ready <its pid> <child pid>}, and returns from {@code main} (an ordinary exit) once the file
 * named by its argument exists.
 */
public final class StoppedOrphan {
  private StoppedOrphan() {}

  public static void main(String[] args) throws Exception {
    Channel<String> ready = Channel.create();
    Child child = Children.fast("stopped-child").spawn(StoppedOrphan::waitLong, ready);
    ready.receive();
    System.out.println("ready " + ProcessHandle.current().pid() + " " + child.pid());
    System.out.flush();
    Path exit = Path.of(args[0]);
    while (!Files.exists(exit)) {
      Thread.sleep(10);
    }
  }

  private static void waitLong(Channel<String> ready) throws Exception {
    ready.send("waiting");
    Thread.sleep(60_000);
  }
}
