package dev.ferry.sample;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.Codecs;
import dev.ferry.Ferry;
import dev.ferry.ProcessPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ferry's first program, the story in four steps: a pool of worker JVMs that maps jobs to results;
 * a value with its own state handed to a child process; channels handed to several workers at
 * spawn and used for jobs and results in both directions; and (in the README) the two programs
 * the checker rejects at compile time.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    System.out.println("== Ferry sample ==");
    System.out.println();
    showBytes();
    mapWithAPool(3, 30);
    handOverAValue();
    shareChannelsWithWorkers(3, 30);
    System.out.println("4. What the checker rejects at compile time: a channel sent through a");
    System.out.println("   channel, and a class defined inside main handed to a child. See");
    System.out.println("   \"Two programs Ferry rejects\" in the README for the exact errors.");
  }

  /** Step 0: what a generated codec makes of a value. */
  static void showBytes() {
    Job job =
        new Job(42, "https://example.com/ferry", Priority.URGENT, List.of("news", "tech"),
            Instant.parse("2026-11-25T09:00:00Z"));
    byte[] bytes = Codecs.encode(job);
    Job copy = Codecs.decode(bytes, Job.class);
    System.out.println("0. A @Transferable record as bytes, by the codec generated at compile time:");
    System.out.println("   " + job);
    System.out.println("   " + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes, 0, 24)
        + "...; decoded copy equal: " + copy.equals(job));
    System.out.println();
  }

  /**
   * Step 1: a pool of worker JVMs runs a static method on each job, like Python's {@code
   * Pool.map}; a task that throws comes back with its stack trace. Returns the results in job
   * order.
   */
  static List<Result> mapWithAPool(int workers, int jobs) throws InterruptedException {
    System.out.println("1. A pool of " + workers + " worker JVMs maps " + jobs + " jobs to results");
    List<Job> inputs = new ArrayList<>();
    for (long id = 1; id <= jobs; id++) {
      inputs.add(new Job(id, "https://example.com/page/" + id, Priority.NORMAL, List.of("page"),
          Instant.now()));
    }
    List<Result> results;
    try (ProcessPool pool = Ferry.pool(workers)) {
      results = pool.map(Main::fetch, inputs);                // in input order, batched
      Job broken = new Job(0, "not a url", Priority.LOW, List.of(), Instant.now());
      pool.submit(Main::fetch, broken).exceptionally(e -> {
        System.out.println("   a task that threw in its worker: " + e);
        return null;
      }).join();
    }
    Map<Integer, Integer> jobsPerPid = new TreeMap<>();
    for (Result result : results) {
      if (result instanceof Result.Done done) {
        jobsPerPid.merge(done.wordCounts().get("worker"), 1, Integer::sum);
      }
    }
    System.out.println("   " + results.size() + " results, in job order; jobs per worker pid: "
        + jobsPerPid);
    System.out.println();
    return results;
  }

  /** A pool task: a static method whose argument and result are copied by their codecs. */
  private static Result fetch(Job job) throws InterruptedException {
    if (!job.url().startsWith("https://")) {
      throw new IllegalArgumentException("cannot fetch " + job.url());
    }
    long started = System.nanoTime();
    Thread.sleep(5); // stands in for fetching the page
    return new Result.Done(job.id(), job.url().length() * 100,
        Duration.ofNanos(System.nanoTime() - started),
        Map.of("worker", (int) ProcessHandle.current().pid()));
  }

  /** Step 2: a child process gets a copy of an object with its own state. */
  static void handOverAValue() throws InterruptedException {
    Greeter greeter = new Greeter("Hello", List.of("Ada", "Grace", "Barbara"), 2);
    System.out.println("2. Spawning a child JVM with a copy of " + greeter);
    Child child = Ferry.options().name("greeter").spawn(Main::greet, greeter);
    int exit = child.join();
    System.out.println("   the child (pid " + child.pid() + ") exited with " + exit);
    System.out.println();
  }

  private static void greet(Greeter greeter) {
    long pid = ProcessHandle.current().pid();
    for (int round = 1; round <= greeter.rounds(); round++) {
      for (String name : greeter.names()) {
        System.out.println("   [child " + pid + "] " + greeter.greeting() + ", " + name
            + " (round " + round + ")");
      }
    }
  }

  /**
   * Step 3: one channel of jobs and one of results, handed to every worker at spawn; the workers
   * take jobs until the channel closes. Returns how many jobs each worker did.
   */
  static Map<Integer, Integer> shareChannelsWithWorkers(int workers, int jobs)
      throws InterruptedException {
    System.out.println("3. " + workers + " workers share a channel of jobs and a channel of results");
    Map<Integer, Integer> doneBy = new TreeMap<>();
    try (Channel<Job> jobChannel = Channel.create(16);
        Channel<Result> results = Channel.create()) {
      List<Child> children = new ArrayList<>();
      for (int id = 1; id <= workers; id++) {
        Ports ports = new Ports(jobChannel, results, id);
        children.add(Ferry.options().name("worker-" + id).spawn(Main::work, ports));
      }
      for (long id = 1; id <= jobs; id++) {
        jobChannel.send(
            new Job(id, "https://example.com/page/" + id, Priority.NORMAL, List.of("page"),
                Instant.now()));
      }
      jobChannel.close(); // workers drain what is left, then their receive() throws
      List<Result> received = new ArrayList<>();
      try {
        while (true) {
          received.add(results.receive()); // throws once every worker has exited
        }
      } catch (ChannelClosedException everyWorkerIsDone) {
        // no live process can send another result
      }
      for (Child child : children) {
        child.join();
      }
      for (Result result : received) {
        if (result instanceof Result.Done done) {
          doneBy.merge(done.wordCounts().get("worker"), 1, Integer::sum);
        }
      }
      System.out.println("   " + received.size() + " results for " + jobs + " jobs; jobs per worker: "
          + doneBy);
    }
    System.out.println();
    return doneBy;
  }

  private static void work(Ports ports) throws InterruptedException {
    try {
      while (true) {
        Job job = ports.jobs().receive();
        long started = System.nanoTime();
        Thread.sleep(20); // stands in for fetching the page
        int bytes = job.url().length() * 100;
        ports.results().send(
            new Result.Done(job.id(), bytes, Duration.ofNanos(System.nanoTime() - started),
                Map.of("worker", ports.workerId())));
      }
    } catch (ChannelClosedException noMoreJobs) {
      // the parent closed the job channel and it is drained
    }
  }
}
