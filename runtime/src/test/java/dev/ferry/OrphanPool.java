package dev.ferry;

import java.util.concurrent.CompletableFuture;

/**
 * A pool's process for {@link ParentDeathTest}, started outside Ferry so that the test can stop
 * and kill it: it prints {@code ready <its pid> <worker pid>} while its one worker runs a task that
 * answers a second later. Stopped meanwhile, it leaves that answer unread in its socket, so its
 * death resets the worker's connection instead of ending it. With the argument {@code idle}, it
 * prints that line once the worker has answered everything, and the worker waits for a task.
 */
public final class OrphanPool {
  private OrphanPool() {}

  public static void main(String[] args) throws Exception {
    ProcessPool pool = Children.fast("orphaned").pool(1);
    long worker = pool.submit(OrphanPool::pid).get();
    if (args.length > 0 && args[0].equals("idle")) {
      System.out.println("ready " + ProcessHandle.current().pid() + " " + worker);
      System.out.flush();
      Thread.sleep(60_000);
    }
    CompletableFuture<byte[]> answer = pool.submit(OrphanPool::answerLater, 1_000);
    System.out.println("ready " + ProcessHandle.current().pid() + " " + worker);
    System.out.flush();
    answer.get();
    Thread.sleep(60_000);
  }

  private static Long pid() {
    return ProcessHandle.current().pid();
  }

  private static byte[] answerLater(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return new byte[4096];
  }
}
