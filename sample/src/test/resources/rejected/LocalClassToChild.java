package rejected;

import dev.ferry.Ferry;

/** Python: a class defined inside main, handed to a child started with the spawn method. */
public final class LocalClassToChild {
  public static void main(String[] args) throws Exception {
    record Task(String name) {}
    Ferry.spawn(LocalClassToChild::run, new Task("report")).join();
  }

  private static void run(Object task) {
    System.out.println(task);
  }
}
