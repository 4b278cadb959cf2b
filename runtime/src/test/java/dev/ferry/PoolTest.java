package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.pool.RemoteTaskException;
import dev.ferry.internal.pool.WorkerDiedException;
import dev.ferry.internal.transport.RuntimeFiles;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs: most tests share one pool of two, which also shows that it survives them. */
@Timeout(120)
public class PoolTest {
  /** A pool's deadlines, read as it is made, shortened where a test would wait one out. */
  private static final String START_GRACE = "ferry.pool.startGraceMillis";
  private static final String STOP = "ferry.pool.stopMillis";

  private static ProcessPool shared;

  @TempDir static Path files;

  @BeforeAll
  static void startPool() {
    shared = Children.fast("pooltest").pool(2);
  }

  @AfterAll
  static void closePool() {
    shared.close();
  }

  private static ProcessPool pool(int workers) {
    return Children.fast("pooltest").pool(workers);
  }

  // ---- tasks

  private static Long square(Integer x) {
    return (long) x * x;
  }

  private static String none() {
    return "none";
  }

  private static String two(String a, Integer b) {
    return a + b;
  }

  private static String three(String a, Integer b, Long c) {
    return a + b + c;
  }

  private static String four(String a, Integer b, Long c, Point d) {
    return a + b + c + d;
  }

  private static Point swap(Point p) {
    return new Point(p.y(), p.x());
  }

  private static Long pid() {
    return ProcessHandle.current().pid();
  }

  private static Long pidOf(Integer ignored) {
    return ProcessHandle.current().pid();
  }

  private static String fails(String message) {
    deeper(message);
    return "unreachable";
  }

  private static void deeper(String message) {
    throw new IllegalStateException(message, new ArithmeticException("the cause"));
  }

  private static Integer failsOn13(Integer x) {
    if (x == 13) {
      throw new IllegalArgumentException("unlucky " + x);
    }
    return x;
  }

  private static Thread notTransferable() {
    return Thread.currentThread();
  }

  /** Writes this worker's pid to {@code file}, then sleeps until killed. */
  private static String pidThenSleep(String file) throws Exception {
    Files.writeString(Path.of(file), Long.toString(ProcessHandle.current().pid()));
    Thread.sleep(120_000);
    return "woke";
  }

  /** Returns once {@code file} exists: a task that is surely still running until the test says. */
  private static Long awaitsFile(String file) throws InterruptedException {
    while (!Files.exists(Path.of(file))) {
      Thread.sleep(5);
    }
    return 1L;
  }

  private static String exits(Integer code) {
    System.exit(code);
    return "unreachable";
  }

  private static Integer sleepsThenReturns(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  private static Integer exhaustsMemory(Integer megabytes) {
    List<byte[]> hog = new ArrayList<>();
    while (true) {
      hog.add(new byte[megabytes << 20]);
    }
  }

  private static Channel<String> reports;

  private static void init(Channel<String> channel, String greeting) throws Exception {
    reports = channel;
    channel.send(greeting + " " + ProcessHandle.current().pid());
  }

  private static Long report(Integer n) throws Exception {
    reports.send("task " + n);
    return ProcessHandle.current().pid();
  }

  private static void initFails() {
    throw new IllegalArgumentException("no database");
  }

  /** Made by the first task that needs it: workers with a small heap load this class too. */
  private static final class Large {
    static final byte[] TEN_MIB = new byte[10 << 20];
    static final byte[] TWELVE_MIB = new byte[12 << 20];
  }

  /** A fast task with a large result (the same array each time: no time goes into making it). */
  private static byte[] tenMiB(Integer input) {
    return Large.TEN_MIB;
  }

  /** Small results for the first 30 inputs, then 12 MiB ones: results that grow within a map. */
  private static byte[] growing(Integer input) {
    return input < 30 ? new byte[] {input.byteValue()} : Large.TWELVE_MIB;
  }

  private static long twice(int x) {
    return 2L * x;
  }

  private static void initTakes(byte[] data) {}

  // ---- tests

  /**
   * An initializer's arguments that a worker's heap cannot hold break the pool saying so, naming
   * the initializer: the worker's start-up message carries them, and its failure named the
   * worker's internal entry point, dev.ferry.internal.pool.PoolWorker::run.
   */
  @Test
  void initializerArgumentsTooLargeForAWorkersHeap_breakThePoolNamingTheInitializer() {
    try (ProcessPool small = Children.fast("small-heap-pool").jvmFlags("-Xmx32m").keepSpare(false)
        .pool(1).initializer(PoolTest::initTakes, new byte[40_000_000])) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> small.submit(PoolTest::twice, 2).get(60, TimeUnit.SECONDS));
      String told = traceOf(e);
      assertTrue(told.contains("the arguments of the pool's initializer PoolTest::initTakes, which"
          + " each worker is handed as it starts, take 40000"), told);
      assertFalse(told.contains("PoolWorker"), told);
    }
  }

  private static String traceOf(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /**
   * A null for a task's int parameter (a Task1<Integer, Long> naming 'long twice(int)' takes one)
   * fails the task with a NullPointerException naming the task and the argument, as the call
   * twice(null) fails; it failed with a bare IllegalArgumentException from reflection, with no
   * message on JDK 17.
   */
  @Test
  void submit_aNullForAnIntParameter_failsNamingTheArgument() throws Exception {
    String told = "argument 1 of PoolTest::twice is null, which its parameter's type, int, cannot"
        + " hold: pass a value, or declare the parameter as Integer";
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::twice, (Integer) null).get(30, TimeUnit.SECONDS));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.NullPointerException", remote.remoteType());
    assertEquals(told, remote.getMessage());
    CompletionException inMap = assertThrows(CompletionException.class,
        () -> shared.map(PoolTest::twice, Arrays.asList(1, null, 3)));
    assertEquals(told, inMap.getCause().getMessage());
    assertEquals(4L, shared.submit(PoolTest::twice, 2).get(30, TimeUnit.SECONDS));
  }

  /**
   * A pool in a static field beside the tasks it maps ({@code static final ProcessPool POOL =
   * Ferry.pool(n)} in the program's main class) is made again in every worker, which initializes
   * that class before its first task. It used to start its JVMs there, an idle pool of its own in
   * every worker (n more JVMs each); now it starts them only when used, which it is not there.
   */
  @Test
  void submit_aTaskWhoseClassMakesAPoolAsItIsInitialized_runsAndStartsNoJvmInTheWorker()
      throws Exception {
    assertEquals(0L, shared.submit(MakesAPoolWhenInitialized::childProcesses).get(30, TimeUnit.SECONDS));
    assertEquals(4L, shared.submit(MakesAPoolWhenInitialized::twice, 2).get(30, TimeUnit.SECONDS));
  }

  /** Makes a pool as it is initialized, as a program's main class may, beside its tasks. */
  static final class MakesAPoolWhenInitialized {
    static final ProcessPool POOL = Children.fast("pool-in-initializer").keepSpare(false).pool(1);

    static long childProcesses() {
      return ProcessHandle.current().children().count();
    }

    static long twice(int x) {
      return 2L * x;
    }
  }

  /**
   * A pool used in the static initializer of a task's class would start workers that initialize
   * that class again, and use a pool again, without end: the first use there is refused in a
   * worker, the task fails saying why, and the pool goes on.
   */
  @Test
  void submit_aTaskWhoseClassUsesAPoolAsItIsInitialized_failsSayingWhy() throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(UsesAPoolWhenInitialized::twice, 2).get(30, TimeUnit.SECONDS));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.ExceptionInInitializerError", remote.remoteType());
    assertTrue(remote.getMessage().startsWith("the static initializer of "
        + UsesAPoolWhenInitialized.class.getName() + " threw java.lang.IllegalStateException:"
        + " this child cannot start a pool while it initializes "
        + UsesAPoolWhenInitialized.class.getName()), remote.getMessage());
    assertEquals(4L, shared.submit(PoolTest::twice, 2).get(30, TimeUnit.SECONDS));
  }

  /** Uses a pool as it is initialized: only the test's own JVM may, which never initializes it. */
  static final class UsesAPoolWhenInitialized {
    static final long ONE;

    static {
      try (ProcessPool pool = Children.fast("pool-used-in-initializer").keepSpare(false).pool(1)) {
        ONE = pool.submit(UsesAPoolWhenInitialized::one).join();
      }
    }

    static long one() {
      return 1L;
    }

    static long twice(int x) {
      return 2L * x * ONE;
    }
  }

  @Test
  void map_100kTasksInOrderEveryResultOnce() throws Exception {
    List<Integer> inputs = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());
    List<Long> squares = shared.map(PoolTest::square, inputs);
    assertEquals(100_000, squares.size());
    for (int i = 0; i < squares.size(); i++) {
      assertEquals((long) i * i, squares.get(i), "result " + i);
    }
  }

  /**
   * Results that fit one by one come back from a map however fast their tasks are: chunks are
   * kept to a few MiB of results. Before, chunks grew with the tasks' speed alone, and every
   * result of a chunk of thirteen 10 MiB results failed with 'the task's result takes 136314959
   * bytes, more than the limit of 67108864 for one answer'.
   */
  @Test
  void map_fastTasksWithLargeResults_returnEveryResult() throws Exception {
    try (ProcessPool one = pool(1)) {
      one.submit(PoolTest::tenMiB, 0).get(); // the worker has loaded the task: it takes no time
      List<Integer> inputs = IntStream.range(0, 16).boxed().toList();
      List<byte[]> results = one.map(PoolTest::tenMiB, inputs);
      assertEquals(16, results.size());
      for (byte[] result : results) {
        assertEquals(10 << 20, result.length);
      }
    }
  }

  /**
   * Results that grow within a map come back, each that fits on its own: the map sizes its chunks
   * by the results it has seen (a byte each here), and a chunk that then holds ten 12 MiB results
   * is answered in parts. Before, every result of that chunk failed with 'the results of a chunk of
   * 37 tasks of a map take 125829289 bytes, more than the 67108864 (64 MiB) one answer may carry
   * back to the pool', the small ones with them.
   */
  @Test
  void map_resultsThatGrowPastOneAnswer_returnEveryResult() throws Exception {
    try (ProcessPool one = pool(1)) {
      one.submit(PoolTest::growing, 0).get(); // the worker has loaded the task: it takes no time
      List<byte[]> results = one.map(PoolTest::growing, IntStream.range(0, 40).boxed().toList());
      assertEquals(40, results.size());
      for (int i = 0; i < 40; i++) {
        assertEquals(i < 30 ? 1 : 12 << 20, results.get(i).length, "result " + i);
      }
      List<byte[]> unordered = new ArrayList<>();
      one.mapUnordered(PoolTest::growing, IntStream.range(0, 40).boxed().toList())
          .forEachRemaining(unordered::add);
      assertEquals(40, unordered.size());
    }
  }

  /**
   * Inputs that grow within a map go each in a chunk that can carry it: chunks are sized by how
   * long tasks take and how large results are (tiny here), and are now also cut by their inputs'
   * bytes. Before, a lazy map of a thousand one-byte inputs, then inputs of 1 MiB each, put dozens
   * of those in one chunk and threw 'the task's arguments take at least 67115902 bytes, more than
   * the 67108864 (64 MiB) one task may carry to its worker', though each input took 1 MiB; and so
   * did a chunk of a few MiB of inputs meeting one of 60 MiB, which now goes in the next chunk.
   */
  @Test
  void map_inputsThatGrowPastOneChunk_runEveryTask() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    sizes.addAll(java.util.Collections.nCopies(1_000, 1));
    sizes.addAll(java.util.Collections.nCopies(100, 1 << 20));
    sizes.addAll(java.util.Collections.nCopies(1_000, 1));
    sizes.addAll(java.util.Collections.nCopies(60, 100_000));
    sizes.add(60 << 20);
    sizes.add(7);
    Iterable<byte[]> lazy = () -> sizes.stream().map(byte[]::new).iterator();
    try (ProcessPool one = pool(1)) {
      one.submit(PoolTest::length, new byte[1]).get(); // loaded: its tasks take no time
      assertEquals(sizes, one.map(PoolTest::length, lazy));
      List<Integer> unordered = new ArrayList<>();
      one.mapUnordered(PoolTest::length, lazy).forEachRemaining(unordered::add);
      assertEquals(sizes.size(), unordered.size());
    }
  }

  private static Chain chain(Integer links) {
    return new Chain(links);
  }

  /**
   * A result whose codec's read throws an Error in the pool's process (a stack overflow of a
   * recursive reader) fails its task, and the worker's later tasks complete. It used to end the
   * thread that reads that worker's answers: the task's future, every later task given to that
   * worker, and close(), waited for ever.
   */
  @Test
  void submit_resultWhoseCodecOverflowsTheStack_failsTheTaskAndTheWorkerGoesOn() throws Exception {
    ProcessPool one = pool(1);
    try { // closeNow: close() would wait for ever for a task whose answer nobody reads
      CompletableFuture<Chain> deep = one.submit(PoolTest::chain, 50_000_000);
      CompletableFuture<Chain> after = one.submit(PoolTest::chain, 10);
      ExecutionException e = assertThrows(ExecutionException.class, () -> deep.get(60, TimeUnit.SECONDS));
      TransferException cause = assertInstanceOf(TransferException.class, e.getCause());
      assertTrue(cause.getMessage().startsWith("cannot read the result of task PoolTest::chain (task"
          + " #1 of the pool): its codec's read threw java.lang.StackOverflowError"), cause.getMessage());
      assertEquals(new Chain(10), after.get(60, TimeUnit.SECONDS));
      CompletionException mapped = assertThrows(CompletionException.class,
          () -> one.map(PoolTest::chain, List.of(1, 50_000_000, 2)));
      assertInstanceOf(StackOverflowError.class, mapped.getCause().getCause(), mapped.getMessage());
      assertEquals(List.of(new Chain(3)), one.map(PoolTest::chain, List.of(3)));
    } finally {
      one.closeNow();
    }
  }

  /**
   * A pool of more workers than any machine runs is refused before a JVM starts. Before,
   * Ferry.pool(Integer.MAX_VALUE) did not return: it started JVMs, 12 in its first 500 ms here,
   * until the machine ran out of memory or processes.
   */
  @Test
  void pool_ofMoreWorkersThanTheMost_isRefusedBeforeAnyJvmStarts() {
    for (int workers : new int[] {Integer.MAX_VALUE, 1025}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Ferry.pool(workers));
      assertEquals("workers > 1024: " + workers + ": a pool starts every worker's JVM at once, each"
          + " with tens of MiB of memory and a few dozen threads, so this many would not end before"
          + " the machine runs out; ask for about as many workers as there are cores for tasks that"
          + " compute, a few times that for tasks that wait", e.getMessage());
    }
  }

  /**
   * A pool of no workers, a maxTasksPerWorker of no task and a taskTimeout of no time are refused
   * saying why and what to pass instead (the messages were 'workers < 1: 0', 'tasks < 1: 0' and
   * 'timeout must be positive: PT0S' alone). The pool they were refused on goes on.
   */
  @Test
  void settings_thatWouldRunNoTask_areRefusedSayingWhatToPassInstead() throws Exception {
    for (int workers : new int[] {0, -1}) {
      assertEquals("workers < 1: " + workers + ": a pool runs its tasks on its workers, so with"
          + " none every task would wait for ever; ask for at least 1, e.g."
          + " Ferry.pool(Runtime.getRuntime().availableProcessors()) for tasks that compute",
          assertThrows(IllegalArgumentException.class, () -> Ferry.pool(workers)).getMessage());
    }
    for (int tasks : new int[] {0, -3}) {
      assertEquals("maxTasksPerWorker < 1: " + tasks + ": a worker that may be given no task"
          + " could never run one; pass 1 to replace each worker after every task, or leave it"
          + " unset for workers that live as long as the pool (Python's maxtasksperchild=None)",
          assertThrows(IllegalArgumentException.class, () -> shared.maxTasksPerWorker(tasks))
              .getMessage());
    }
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      assertEquals("taskTimeout must be positive: " + timeout + ": a task that runs longer fails"
          + " and its worker is killed, so every task would fail before it could finish; to let"
          + " tasks run as long as they take, leave taskTimeout unset",
          assertThrows(IllegalArgumentException.class, () -> shared.taskTimeout(timeout))
              .getMessage());
    }
    assertEquals(49L, shared.submit(PoolTest::square, 7).get(60, TimeUnit.SECONDS));
  }

  @Test
  void map_lazyIterableAndEmpty() throws Exception {
    Iterable<Integer> lazy = () -> IntStream.range(0, 1000).iterator();
    List<Long> squares = shared.map(PoolTest::square, lazy);
    assertEquals(LongStreamRange.squares(1000), squares);
    assertEquals(List.of(), shared.map(PoolTest::square, List.of()));
  }

  /** An Iterable whose iterator() returns null is named, not a bare NPE about a field. */
  @Test
  void map_ofAnIterableWhoseIteratorIsNull_saysSo() throws Exception {
    Iterable<Integer> broken = () -> null;
    for (Executable call : List.<Executable>of(
        () -> shared.map(PoolTest::square, broken),
        () -> shared.mapUnordered(PoolTest::square, broken))) {
      String told = assertThrows(NullPointerException.class, call).getMessage();
      assertTrue(told.startsWith("the inputs' iterator() returned null: the Iterable given to map"),
          told);
    }
    assertEquals(49L, shared.submit(PoolTest::square, 7).get(60, TimeUnit.SECONDS));
  }

  /**
   * A lazy Iterable that gives an input every 50 ms has its inputs run as they come: before, once
   * the first chunk (one input) had measured the task as fast, the next chunk was sized for
   * thousands and waited for every input, so the second result came after all 60 had been read
   * (about 3 s) while the workers idled.
   */
  @Test
  void mapUnordered_ofSlowLazyInputs_runsThemAsTheyCome() {
    int inputs = 60;
    Iterable<Integer> slow = slowInputs(inputs, 50, new int[1]);
    long started = System.nanoTime();
    Iterator<Long> results = shared.mapUnordered(PoolTest::square, slow);
    for (int i = 0; i < 3; i++) {
      results.next();
    }
    long thirdMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(thirdMillis < 1_500, "the third result came after " + thirdMillis + " ms");
    Set<Long> all = new HashSet<>();
    results.forEachRemaining(all::add);
    assertEquals(inputs - 3, all.size());
  }

  /**
   * A mapUnordered whose inputs come slowly gives a result as soon as it is there: before, each
   * call filled its window of chunks (two per worker, plus one) first, reading an input for each,
   * so with an input every 200 ms on a pool of two the first result, done within milliseconds of
   * the first input, came only after five inputs had been read.
   */
  @Test
  void mapUnordered_ofSlowLazyInputs_givesAResultBeforeReadingTheWindowFull() {
    int[] read = new int[1];
    Iterable<Integer> slow = slowInputs(6, 200, read);
    Iterator<Long> results = shared.mapUnordered(PoolTest::square, slow);
    results.next();
    int readBeforeFirst = read[0];
    List<Long> rest = new ArrayList<>();
    results.forEachRemaining(rest::add);
    assertTrue(readBeforeFirst <= 3,
        "the first result came after " + readBeforeFirst + " inputs had been read");
    assertEquals(5, rest.size());
  }

  /**
   * The inputs 0 to {@code count - 1}, each given {@code millis} after it is asked for, counted in
   * {@code read[0]}.
   */
  private static Iterable<Integer> slowInputs(int count, long millis, int[] read) {
    return () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return read[0] < count;
      }

      @Override
      public Integer next() {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return read[0]++;
      }
    };
  }

  @Test
  void mapUnordered_everyResultOnce() {
    List<Integer> inputs = IntStream.range(0, 5000).boxed().collect(Collectors.toList());
    List<Long> results = new ArrayList<>();
    for (Iterator<Long> it = shared.mapUnordered(PoolTest::square, inputs); it.hasNext(); ) {
      results.add(it.next());
    }
    results.sort(null);
    assertEquals(LongStreamRange.squares(5000), results);
  }

  @Test
  void map_failingTaskThrowsWithTheRemoteExceptionAsCause() {
    List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
    CompletionException e =
        assertThrows(CompletionException.class, () -> shared.map(PoolTest::failsOn13, inputs));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.IllegalArgumentException", remote.remoteType());
    assertTrue(e.getMessage().contains("PoolTest::failsOn13 failed on input #13"), e.getMessage());
  }

  /** Takes every outcome of a mapUnordered: its results into {@code results}, its failures returned. */
  private static <R> List<CompletionException> drain(
      Iterator<R> outcomes, Collection<? super R> results) {
    List<CompletionException> failures = new ArrayList<>();
    while (outcomes.hasNext()) {
      try {
        results.add(outcomes.next());
      } catch (CompletionException e) {
        failures.add(e);
      }
    }
    return failures;
  }

  @Test
  void mapUnordered_failedTaskThrowsInItsTurnAndTheOthersStillCome() {
    List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
    Set<Integer> results = new HashSet<>();
    List<CompletionException> failures =
        drain(shared.mapUnordered(PoolTest::failsOn13, inputs), results);
    assertEquals(99, results.size());
    assertFalse(results.contains(13));
    assertEquals(1, failures.size());
    assertEquals("unlucky 13", failures.get(0).getCause().getMessage());
  }

  /** A Thread, which has no codec, for odd inputs; the input itself for even ones. */
  private static Object unsendableIfOdd(Integer x) {
    return x % 2 == 1 ? Thread.currentThread() : x;
  }

  /**
   * Results that cannot be sent back fail one by one, however many share a chunk. Before, a chunk
   * holding two or more was answered cut short after the second: all its tasks failed with 'cannot
   * read the results of a chunk of 199 tasks ...: truncated input', and mapUnordered gave one
   * failure for the whole chunk, so 6 of 400 inputs came out of it.
   */
  @Test
  void mapUnordered_chunkWithSeveralResultsThatCannotBeSent_failsOnlyThose() {
    List<Integer> inputs = IntStream.range(0, 400).boxed().toList();
    List<Object> results = new ArrayList<>();
    List<CompletionException> failures =
        drain(shared.mapUnordered(PoolTest::unsendableIfOdd, inputs), results);
    assertEquals(200, results.size());
    assertTrue(results.stream().allMatch(x -> x instanceof Integer i && i % 2 == 0), results.toString());
    assertEquals(200, failures.size());
    for (CompletionException e : failures) {
      assertTrue(e.getMessage().matches(
          "PoolTest::unsendableIfOdd failed on input #\\d*[13579] of a map: .*\\[ferry:not-transferable\\]"
              + " java.lang.Thread has no codec.*"), e.getMessage());
    }
  }

  private static Integer exitsOn300(Integer x) {
    if (x == 300) {
      System.exit(7);
    }
    return x;
  }

  /**
   * A worker that dies fails every task of the chunk it ran, and mapUnordered throws once for each:
   * one outcome per input. Before, it threw once for the whole chunk.
   */
  @Test
  void mapUnordered_workerDyingMidChunk_throwsOnceForEachTaskOfTheChunk() {
    List<Integer> inputs = IntStream.range(0, 400).boxed().toList();
    Set<Integer> results = new HashSet<>();
    List<CompletionException> failures =
        drain(shared.mapUnordered(PoolTest::exitsOn300, inputs), results);
    assertFalse(results.contains(300));
    assertEquals(400, results.size() + failures.size(), failures.size() + " failures");
    assertTrue(failures.size() > 1, failures.toString());
    for (CompletionException e : failures) {
      assertInstanceOf(WorkerDiedException.class, e.getCause());
      assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
    }
  }

  /**
   * Waits until {@code future} completes without {@code get} or {@code join}, in which the waiting
   * thread may read its task's answer itself and so run the callbacks chained onto it.
   */
  private static void awaitDone(CompletableFuture<?> future) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!future.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void callbackOnThePoolsThread_waitingForAnotherTaskFailsInsteadOfHanging() throws Exception {
    Path go = files.resolve("go");
    CompletableFuture<Long> nested = shared.submit(PoolTest::awaitsFile, go.toString())
        .thenApply(x -> shared.submit(PoolTest::square, 3).join()); // runs on the pool's thread
    Files.writeString(go, "go");
    // Not waited for in get until done: a waiting thread may read the answer itself, and the
    // callback then runs on it, where the nested join is allowed.
    awaitDone(nested);
    ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(60, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("thenApplyAsync"), e.getCause().getMessage());
    assertEquals(25L, shared.submit(PoolTest::square, 2)
        .thenApplyAsync(x -> shared.submit(PoolTest::square, 5).join()).get(60, TimeUnit.SECONDS));
  }

  @Test
  void callbackOnThePoolsThread_waitingForAStageChainedOntoATaskFailsInsteadOfHanging()
      throws Exception {
    ProcessPool one = pool(1);
    try {
      Path go = files.resolve("go-chained");
      CompletableFuture<Long> nested = one.submit(PoolTest::awaitsFile, go.toString())
          .thenApply(x -> one.submit(PoolTest::square, 3).thenApply(y -> y + 1).join());
      Files.writeString(go, "go");
      awaitDone(nested); // as above: the callback must run on the pool's thread
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> nested.get(20, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("thenApplyAsync"), e.getCause().getMessage());
      assertEquals(10L, one.submit(PoolTest::square, 3).thenApply(y -> y + 1).get(60, TimeUnit.SECONDS));
      // Once the task has completed, a stage run elsewhere may be waited for on the pool's thread.
      CompletableFuture<Long> done = one.submit(PoolTest::square, 4);
      done.get(60, TimeUnit.SECONDS);
      Path again = files.resolve("go-done");
      CompletableFuture<Long> fine = one.submit(PoolTest::awaitsFile, again.toString())
          .thenApply(x -> done.thenApplyAsync(y -> y + x).join());
      Files.writeString(again, "go");
      assertEquals(17L, fine.get(60, TimeUnit.SECONDS));
    } finally {
      one.closeNow();
    }
  }

  @Test
  void submit_zeroToFourArguments() throws Exception {
    assertEquals("none", shared.submit(PoolTest::none).get());
    assertEquals(49L, shared.submit(PoolTest::square, 7).get());
    assertEquals("a1", shared.submit(PoolTest::two, "a", 1).get());
    assertEquals("a12", shared.submit(PoolTest::three, "a", 1, 2L).get());
    assertEquals("a12Point[x=3, y=4]", shared.submit(PoolTest::four, "a", 1, 2L, new Point(3, 4)).get());
    assertEquals(new Point(2, 1), shared.submit(PoolTest::swap, new Point(1, 2)).get());
    assertEquals("null1", shared.submit(PoolTest::two, (String) null, 1).get());
  }

  private static String failsUnreadably() {
    throw new IllegalStateException("outer", new ChildFailureTest.Unreadable());
  }

  @Test
  void submit_taskWhoseExceptionCannotTellItsMessage_failsWithThatException() {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> shared.submit(PoolTest::failsUnreadably).get());
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.IllegalStateException", remote.remoteType());
    assertEquals("outer", remote.getMessage());
    RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, remote.getCause());
    assertEquals(ChildFailureTest.Unreadable.class.getName(), cause.remoteType());
    assertEquals("(its getMessage() threw java.lang.IllegalStateException)", cause.getMessage());
    assertTrue(cause.getStackTrace().length > 0);
  }

  /** Throws an exception whose message, and its cause's, hold {@code length} characters. */
  private static String failsAtLength(Integer length) {
    String message = "x".repeat(length);
    throw new IllegalStateException(message, new IllegalArgumentException(message));
  }

  /**
   * A task whose exception's messages are huge fails with that exception, its messages cut as a
   * child's failure report cuts them. Before, two messages of 34 million characters made the
   * answer too large, and the task failed with 'the task's result takes 68000228 bytes, more than
   * the 67108864 (64 MiB) one answer may carry back to the pool: return a smaller result'.
   */
  @Test
  void submit_taskWhoseExceptionHasAHugeMessage_failsWithItsMessageCut() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::failsAtLength, 34_000_000).get());
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.IllegalStateException", remote.remoteType());
    String cut = "x".repeat(65_536) + "... (33934464 more characters)";
    assertEquals(cut, remote.getMessage());
    assertEquals(cut, remote.getCause().getMessage());
  }

  @Test
  void submit_throwingTaskCarriesTheRemoteTrace() {
    CompletableFuture<String> future = shared.submit(PoolTest::fails, "boom");
    ExecutionException e = assertThrows(ExecutionException.class, future::get);
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
    assertEquals("java.lang.IllegalStateException", remote.remoteType());
    assertEquals("boom", remote.getMessage());
    StringWriter printed = new StringWriter();
    e.printStackTrace(new PrintWriter(printed));
    String trace = printed.toString();
    assertTrue(trace.contains("Caused by: java.lang.IllegalStateException: boom"), trace);
    assertTrue(trace.contains("at dev.ferry.PoolTest.deeper(PoolTest.java:"), trace);
    assertTrue(trace.contains("at dev.ferry.PoolTest.fails(PoolTest.java:"), trace);
    assertTrue(trace.contains("Caused by: java.lang.ArithmeticException: the cause"), trace);
  }

  @Test
  void submit_valuesWithoutCodecAreRefused() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Ferry.Task1<Object, Long> raw = (Ferry.Task1) (Ferry.Task1<Integer, Long>) PoolTest::square;
    IllegalArgumentException arg =
        assertThrows(IllegalArgumentException.class, () -> shared.submit(raw, new Object()));
    assertTrue(arg.getMessage().startsWith("[ferry:not-transferable] java.lang.Object"), arg.getMessage());
    ExecutionException result =
        assertThrows(ExecutionException.class, () -> shared.submit(PoolTest::notTransferable).get());
    assertTrue(result.getCause().getMessage().startsWith("[ferry:not-transferable] java.lang.Thread"),
        result.getCause().getMessage());
    // An Object in a List: the fix told was 'annotate java.lang.Object with @Transferable'
    String inList = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::objectInAList).get()).getCause().getMessage();
    assertTrue(inList.startsWith("[ferry:not-transferable] java.lang.Object has no generated codec")
        && inList.contains("It is a JDK type, of which Ferry writes only those the README lists"),
        inList);
    IllegalArgumentException channel =
        assertThrows(IllegalArgumentException.class, () -> shared.submit(raw, Channel.create()));
    assertTrue(channel.getMessage().startsWith("[ferry:inherit-only-sent]"), channel.getMessage());
  }

  /**
   * A map's input that has no codec is named by its place and the map's task: the refusal used to
   * name only its class, so a map of a thousand inputs left the caller to find which one it was.
   */
  @Test
  void map_ofAnInputWithoutACodec_namesTheInput() throws Exception {
    List<Object> inputs = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      inputs.add(i == 500 ? new Thread() : (Object) i);
    }
    String expected = "[ferry:not-transferable] input #500 of a map of PoolTest::anything cannot be"
        + " sent to a worker: java.lang.Thread has no codec";
    IllegalArgumentException mapped = assertThrows(IllegalArgumentException.class,
        () -> shared.map(PoolTest::anything, inputs));
    assertTrue(mapped.getMessage().startsWith(expected), mapped.getMessage());
    IllegalArgumentException unordered = assertThrows(IllegalArgumentException.class, () -> {
      Iterator<Integer> results = shared.mapUnordered(PoolTest::anything, inputs);
      while (results.hasNext()) {
        results.next();
      }
    });
    assertTrue(unordered.getMessage().startsWith(expected), unordered.getMessage());
    IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
        () -> shared.map(PoolTest::anything, List.of(Channel.create())));
    assertTrue(first.getMessage().startsWith("[ferry:inherit-only-sent] input #0 of a map of"
        + " PoolTest::anything cannot be sent to a worker: "), first.getMessage());
    assertEquals(List.of(1, 1), shared.map(PoolTest::anything, List.of(1, 2)));
  }

  /**
   * A mapUnordered whose reading or sending of its inputs failed (an Iterable that throws once and
   * would then go on, an input without a codec) ends there: every later call throws the same
   * exception. A caller that caught it and read on used to be given the results of the inputs after
   * it, the inputs read for the chunk it ended dropped without a word (139 of 1,000).
   */
  @Test
  void mapUnordered_endedByItsInputs_throwsTheSameFromEveryLaterCall() throws Exception {
    Iterable<Object> hiccup = () -> new Iterator<>() {
      private int next;
      private boolean thrown;

      @Override
      public boolean hasNext() {
        return next < 1_000;
      }

      @Override
      public Object next() {
        if (next == 300 && !thrown) {
          thrown = true;
          throw new IllegalStateException("hiccup at input 300");
        }
        return next++;
      }
    };
    List<Object> unsendable = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      unsendable.add(i == 500 ? new Thread() : (Object) i);
    }
    for (Iterable<Object> inputs : List.of(hiccup, unsendable)) {
      Iterator<Integer> results = shared.mapUnordered(PoolTest::anything, inputs);
      RuntimeException ended = null;
      while (ended == null) {
        try {
          if (!results.hasNext()) {
            break;
          }
          results.next();
        } catch (IllegalStateException | IllegalArgumentException e) {
          ended = e;
        }
      }
      assertTrue(ended != null, "the map of " + inputs + " ran to its end");
      for (int call = 0; call < 3; call++) {
        RuntimeException again = assertThrows(RuntimeException.class, results::hasNext);
        assertTrue(again == ended, "call " + call + " after the end threw " + again);
        assertTrue(assertThrows(RuntimeException.class, results::next) == ended);
      }
    }
    assertEquals(List.of(1, 1), shared.map(PoolTest::anything, List.of(1, 2)));
  }

  private static Grumpy grumpy(Integer mood) {
    return new Grumpy(mood);
  }

  /**
   * A result whose codec's write throws fails its task saying so, naming the task; the worker goes
   * on. Before, the future failed with the codec's exception alone ('IllegalStateException:
   * refusing to write ...'), as if the task had thrown it.
   */
  @Test
  void submit_resultWhoseCodecCannotWriteIt_failsNamingTheTask() throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::grumpy, Integer.MIN_VALUE).get(60, TimeUnit.SECONDS));
    assertEquals("dev.ferry.TransferException: the result of task PoolTest::grumpy could not be"
        + " written in the worker, so the pool cannot return it: its codec's write threw"
        + " java.lang.IllegalStateException: refusing to write a Grumpy this grumpy (a codec's"
        + " write must take every value of its type: a hand-written @TransferableCodec, or the"
        + " codec of a type the result holds?)", e.getCause().toString());
    assertEquals(5, shared.submit(PoolTest::square, 2).get(60, TimeUnit.SECONDS) + 1);
  }

  private static List<Object> objectInAList() {
    return List.of(1, new Object());
  }

  private static String moody(Point point, Grumpy grumpy) {
    return "ran";
  }

  private static Integer moodOf(Grumpy grumpy) {
    return grumpy.mood();
  }

  @Test
  void submit_argumentTheWorkerCannotRead_failsNamingTheTaskAndTheArgument() throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::moody, new Point(1, 2), new Grumpy(3)).get(60, TimeUnit.SECONDS));
    assertEquals("dev.ferry.TransferException: cannot read argument 2 of 2 of task"
        + " PoolTest::moody in the worker, so the task did not run: cannot read a value of type"
        + " dev.ferry.Grumpy: java.lang.IllegalStateException: refusing to read a Grumpy (the"
        + " worker's codec refused the bytes the pool's process wrote: do both processes run the same"
        + " classes?)", e.getCause().toString());
    CompletionException mapped = assertThrows(CompletionException.class,
        () -> shared.map(PoolTest::moodOf, List.of(new Grumpy(1), new Grumpy(2))));
    // Either input: of several failures, map throws the first whose answer came (docs/runtime.md)
    String message = mapped.getMessage();
    assertTrue((message.startsWith("PoolTest::moodOf failed on input #0 of a map: ")
            || message.startsWith("PoolTest::moodOf failed on input #1 of a map: "))
        && message.contains(" of a map: dev.ferry.TransferException: cannot read argument 1 of 1"
            + " of task PoolTest::moodOf in the worker"), message);
    assertEquals("ran", shared.submit(PoolTest::moody, new Point(1, 2), null).get(60, TimeUnit.SECONDS));
  }

  private static Integer readingOf(Stingy stingy) {
    return stingy.reading();
  }

  private static String readingAnd(Stingy stingy, Integer n) {
    return stingy.reading() + " and " + n;
  }

  /**
   * A task's arguments, and a map's inputs, lie back to back in the bytes the worker reads: a
   * codec whose read takes fewer bytes than its write wrote (Stingy's: a hand-written codec's
   * mistake) used to run the task on what it read, with the rest ignored, or read the next
   * argument from its leftover bytes ('java.lang.IllegalArgumentException: argument type
   * mismatch', or another value than was sent). Codecs.decode refuses such bytes; so does the
   * worker now: a call's before its task runs, a map's chunk's when its last input is read.
   */
  @Test
  void submit_argumentWhoseCodecReadsFewerBytesThanItWrote_failsInsteadOfRunning() throws Exception {
    ExecutionException one = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::readingOf, new Stingy(5)).get(60, TimeUnit.SECONDS));
    String readShort = ": a codec's read read fewer bytes than its write wrote (a hand-written"
        + " codec of its type, or of a type it holds?)";
    assertEquals("dev.ferry.TransferException: 1 unread bytes after the argument of task"
        + " PoolTest::readingOf in the worker, at offset 3, so the task did not run" + readShort,
        one.getCause().toString());
    ExecutionException two = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::readingAnd, new Stingy(5), 300).get(60, TimeUnit.SECONDS));
    assertTrue(two.getCause().toString().startsWith("dev.ferry.TransferException: "),
        two.getCause().toString());
    assertTrue(two.getCause().getMessage().contains(" unread bytes after the 2 arguments of task"
        + " PoolTest::readingAnd in the worker, at offset "), two.getCause().getMessage());
    List<Stingy> inputs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      inputs.add(new Stingy(i));
    }
    CompletionException mapped = assertThrows(CompletionException.class,
        () -> shared.map(PoolTest::readingOf, inputs));
    // However the map cut its inputs into chunks, none of its tasks ran. Which failure the map
    // throws is the first answer to arrive: with both workers given chunks at once (they have
    // room for several once earlier tests have measured tasks), that of input #1 may come first.
    assertTrue(mapped.getMessage().matches("PoolTest::readingOf failed on input #\\d+ of a map:"
        + " dev\\.ferry\\.TransferException: .*"), mapped.getMessage());
    assertTrue(mapped.getMessage().contains(" of a chunk of task PoolTest::readingOf in the worker,"
        + " at offset "), mapped.getMessage());
    // The last input of a map read short, in a chunk of many that the pool has sized by then
    // (40 to 3,872 inputs seen): the tasks before it ran, and their results are not given out.
    List<Object> mixed = new ArrayList<>();
    for (int i = 0; i < 1_999; i++) {
      mixed.add("input " + i);
    }
    mixed.add(new Stingy(7));
    CompletionException last = assertThrows(CompletionException.class,
        () -> shared.map(PoolTest::anything, mixed));
    assertTrue(last.getMessage().matches("PoolTest::anything failed on input #\\d+ of a map:"
        + " dev.ferry.TransferException: 1 unread bytes after the (input|\\d+ inputs) of a chunk"
        + " of task PoolTest::anything in the worker, at offset \\d+, so (the task did not run|the"
        + " last did not run and the results of the others are dropped): a codec's .*"),
        last.getMessage());
    assertEquals("ran", shared.submit(PoolTest::moody, new Point(1, 2), null).get(60, TimeUnit.SECONDS));
  }

  private static Stingy stingy(Integer reading) {
    return new Stingy(reading);
  }

  /**
   * A task's result read short by its codec (Stingy's: a hand-written codec's mistake) failed the
   * future saying only '1 unread bytes after the value at offset 3: the bytes were not written by
   * this type's codec', naming neither the codec nor the mistake, where arguments read short are
   * told (above). A map's results lie back to back, as a call's arguments do.
   */
  @Test
  void submit_resultWhoseCodecReadsFewerBytesThanItWrote_failsNamingTheCodec() throws Exception {
    ExecutionException one = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::stingy, 5).get(60, TimeUnit.SECONDS));
    assertTrue(one.getCause().toString().matches("dev.ferry.TransferException: cannot read the"
        + " result of task PoolTest::stingy \\(task #\\d+ of the pool\\): 1 unread bytes after the"
        + " result, at offset 2, so it is not given out: a codec's read read fewer bytes than its"
        + " write wrote \\(dev.ferry.Stingy_FerryCodec, the codec of dev.ferry.Stingy, or one of a"
        + " type it holds\\?\\)"), one.getCause().toString());
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      inputs.add(i);
    }
    CompletionException mapped = assertThrows(CompletionException.class,
        () -> shared.map(PoolTest::stingy, inputs));
    assertTrue(mapped.getMessage().matches("(?s).*cannot read the"
        + " results of .* unread bytes after the (result|\\d+ results of an answer), at offset"
        + " \\d+, so (it is|none of them is) not given out: a codec's read read fewer bytes than its"
        + " write wrote .*"), mapped.getMessage());
    assertEquals("ran", shared.submit(PoolTest::moody, new Point(1, 2), null).get(60, TimeUnit.SECONDS));
  }

  private static Integer anything(Object input) {
    return 1;
  }

  private static Integer misconfigured() {
    ChildFailureTest.Misconfigured.run();
    return 1;
  }

  @Test
  void submit_taskWhoseClassCannotBeInitialized_failsSayingWhichInitializerThrewWhat() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::misconfigured).get(60, TimeUnit.SECONDS));
    assertEquals("java.lang.ExceptionInInitializerError: the static initializer of "
        + ChildFailureTest.Misconfigured.class.getName() + " threw"
        + " java.lang.IllegalStateException: no ferry.conf", e.getCause().toString());
  }

  @Test
  void submit_workerKilledMidTask_failsThatTaskOnly() throws Exception {
    Path pidFile = files.resolve("killed.pid");
    CompletableFuture<String> doomed = shared.submit(PoolTest::pidThenSleep, pidFile.toString());
    long pid = awaitPid(pidFile);
    List<CompletableFuture<Long>> others = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      others.add(shared.submit(PoolTest::square, i));
    }
    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
    ExecutionException e = assertThrows(ExecutionException.class, () -> doomed.get(60, TimeUnit.SECONDS));
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
    assertEquals(pid, died.pid());
    assertEquals(137, died.exitCode());
    String message = died.getMessage();
    assertTrue(message.contains("pid " + pid), message);
    assertTrue(message.contains("SIGKILL"), message);
    assertTrue(message.contains("PoolTest::pidThenSleep"), message);
    for (int i = 0; i < 50; i++) {
      assertEquals((long) i * i, others.get(i).get(60, TimeUnit.SECONDS));
    }
    assertEquals(81L, shared.submit(PoolTest::square, 9).get(60, TimeUnit.SECONDS));
  }

  @Test
  void submit_taskCallsSystemExit_failsWithItsCode() throws Exception {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> shared.submit(PoolTest::exits, 3).get(60, TimeUnit.SECONDS));
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
    assertEquals(3, died.exitCode());
    assertTrue(died.getMessage().contains("exited with code 3"), died.getMessage());
    assertTrue(died.getMessage().contains("PoolTest::exits"), died.getMessage());
    assertEquals(4L, shared.submit(PoolTest::square, 2).get(60, TimeUnit.SECONDS));
  }

  private static Integer length(byte[] bytes) {
    return bytes.length;
  }

  @Test
  void submit_argumentsOverTheLimit_areRefusedSayingWhatToDoInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> shared.submit(PoolTest::length, new byte[65 << 20]));
    assertTrue(e.getMessage().startsWith("the task's arguments take at least 68157446 bytes, more than the"
        + " 67108864 (64 MiB) one task may carry to its worker: split the work into smaller tasks,"
        + " or pass the path of a file"), e.getMessage());
  }

  private static byte[] mebibytes(Integer count) {
    return new byte[count << 20];
  }

  /**
   * A result over the limit fails its task saying what to do instead (before: 'the task's result
   * takes 68157445 bytes, more than the limit of 67108864 for one answer (a map's chunk counts as
   * one)', with no unit and no way out).
   */
  @Test
  void submit_resultOverTheLimit_failsSayingWhatToDoInstead() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> shared.submit(PoolTest::mebibytes, 65).get());
    assertEquals("java.lang.IllegalArgumentException: the task's result takes at least 68157445 bytes, more"
        + " than the 67108864 (64 MiB) one answer may carry back to the pool: return a smaller"
        + " result, or write it to a file and return its path", e.getCause().toString());
  }

  private static List<String> oneStringManyTimes(Integer times) {
    return Collections.nCopies(times, "x".repeat(1000));
  }

  /**
   * A result whose encoding is far larger than its objects (200,000 copies of one String of 1,000
   * characters encode to 200 MB) fails as too large, and the worker goes on. Before, the worker
   * encoded it whole, grew its buffer to 256 MiB and died of 'OutOfMemoryError: Java heap space'
   * (a WorkerDiedException) at -Xmx256m.
   */
  @Test
  void submit_resultWhoseEncodingPassesTheLimit_failsAsTooLargeWithoutKillingTheWorker()
      throws Exception {
    try (ProcessPool small = Children.fast("result-past-limit").jvmFlags("-Xmx256m")
        .keepSpare(false).pool(1)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> small.submit(PoolTest::oneStringManyTimes, 200_000).get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause().toString().startsWith("java.lang.IllegalArgumentException: the"
          + " task's result takes at least 671"), e.getCause().toString());
      assertEquals(3, small.submit(PoolTest::oneStringManyTimes, 3).get(60, TimeUnit.SECONDS).size());
    }
  }

  @Test
  void submit_argumentsTooLargeForTheWorkersHeap_failWithWhatTheWorkerSaid() throws Exception {
    try (ProcessPool small = Children.fast("small-heap").jvmFlags("-Xmx16m").pool(1)) {
      CompletableFuture<Integer> big = small.submit(PoolTest::length, new byte[40 << 20]);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> big.get(60, TimeUnit.SECONDS));
      WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
      assertEquals(1, died.exitCode());
      assertTrue(died.getMessage().contains("exited with code 1 while running task PoolTest::length"),
          died.getMessage());
      assertTrue(died.getMessage().contains(" of the pool), failing with dev.ferry.TransferException:"
          + " a frame or message of 41943105 bytes does not fit in this process's heap (at most "),
          died.getMessage());
      assertEquals(3, small.submit(PoolTest::length, new byte[3]).get(60, TimeUnit.SECONDS));
    }
  }

  /** Six million distinct Integers: about 30 MB as bytes, about 120 MB of heap as a value. */
  private static List<Integer> millions(Integer count) {
    List<Integer> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(i);
    }
    return values;
  }

  /** A program whose heap cannot hold the result of its task: run in a child with -Xmx96m. */
  private static void resultLargerThanTheHeap() throws Exception {
    try (ProcessPool pool = Children.fast("pooltest-worker").pool(1)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> pool.submit(PoolTest::millions, 6_000_000).get(60, TimeUnit.SECONDS));
      TransferException cause = assertInstanceOf(TransferException.class, e.getCause());
      assertTrue(cause.getMessage().matches("the result of task PoolTest::millions \\(task #1 of the"
          + " pool\\) took \\d+ bytes from the worker and does not fit in this process's heap \\(at"
          + " most \\d+ MiB, -Xmx\\) once decoded, beside what it holds: return a smaller result, or"
          + " write it to a file and return its path, or give this process a larger -Xmx"),
          cause.getMessage());
      CompletionException map = assertThrows(CompletionException.class,
          () -> pool.map(PoolTest::millions, List.of(6_000_000)));
      assertTrue(map.getMessage().startsWith("the result of task PoolTest::millions on input #0 of"
          + " a map took "), map.getMessage());
      assertEquals(4L, pool.submit(PoolTest::square, 2).get(60, TimeUnit.SECONDS)); // it goes on
    }
  }

  /**
   * A result the pool's heap cannot hold once decoded fails its task, and the pool goes on.
   * Before, the OutOfMemoryError ended the reader thread of its worker: the task's future, and
   * every later task that worker was given, waited for ever.
   */
  @Test
  void submit_resultTooLargeForThePoolsHeapOnceDecoded_failsTheTaskAndThePoolGoesOn()
      throws Exception {
    Child parent = Children.fast("pooltest-small-heap").jvmFlags("-Xmx96m")
        .spawn(PoolTest::resultLargerThanTheHeap);
    OptionalInt exit = parent.join(Duration.ofSeconds(100));
    assertEquals(OptionalInt.of(0), exit, () -> parent.failure().map(ChildFailure::stackTrace).orElse(""));
  }

  @Test
  void cancel_runningTaskKillsAndReplacesItsWorker() throws Exception {
    Path pidFile = files.resolve("cancelled.pid");
    CompletableFuture<String> running = shared.submit(PoolTest::pidThenSleep, pidFile.toString());
    long pid = awaitPid(pidFile);
    assertTrue(running.cancel(true));
    assertTrue(running.isCancelled());
    ProcessHandle worker = ProcessHandle.of(pid).orElse(null);
    if (worker != null) {
      worker.onExit().get(30, TimeUnit.SECONDS);
    }
    Set<Long> pids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      pids.add(shared.submit(PoolTest::pid).get(60, TimeUnit.SECONDS));
    }
    assertFalse(pids.contains(pid), "the cancelled task's worker still runs tasks");
  }

  /**
   * The worker answers {@code done} and starts {@code next} while the pool's reader thread is
   * held in a callback of the task before them, so the pool has not read {@code done}'s answer
   * when {@code done.cancel(true)} makes it kill the worker: {@code next}, which nobody cancelled,
   * must run again on another worker, not fail because its worker was killed.
   */
  @Test
  void cancel_ofATaskItsWorkerAnsweredUnread_doesNotFailTheNextTask() throws Exception {
    try (ProcessPool pool = pool(1)) {
      for (int i = 0; i < 200; i++) { // tiny tasks: the worker gets room for many
        pool.submit(PoolTest::napOnce, "", 0).get(60, TimeUnit.SECONDS);
      }
      java.util.concurrent.CountDownLatch inCallback = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      String once = files.resolve("nap-once").toString();
      CompletableFuture<Integer> before = pool.submit(PoolTest::napOnce, "", 300);
      CompletableFuture<Integer> done = pool.submit(PoolTest::napOnce, "", 1);
      CompletableFuture<Integer> next = pool.submit(PoolTest::napOnce, once, 2_000);
      before.thenRun(() -> {
        inCallback.countDown();
        try {
          release.await(); // on the pool's reader thread: no answer is read meanwhile
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertTrue(inCallback.await(30, TimeUnit.SECONDS));
      Thread.sleep(200); // the worker answers `done` and starts `next`
      assertTrue(done.cancel(true));
      Thread.sleep(300);
      release.countDown();
      // 2: it ran again after the kill; 1: it had not been sent to the worker yet (a loaded machine
      // measured the warm-up tasks slow, so the worker had room for two only). Never a failure.
      int run = next.get(60, TimeUnit.SECONDS);
      assertTrue(run == 1 || run == 2, "run " + run);
    }
  }

  /**
   * Sleeps {@code millis} and returns them; with a {@code marker} file name, the first run creates
   * the file, sleeps and returns 1, and a later run (after its worker was killed) returns 2 at once.
   */
  private static Integer napOnce(String marker, Integer millis) throws Exception {
    if (marker.isEmpty()) {
      Thread.sleep(millis);
      return millis;
    }
    if (Files.exists(Path.of(marker))) {
      return 2;
    }
    Files.createFile(Path.of(marker));
    Thread.sleep(millis);
    return 1;
  }

  @Test
  void taskTimeout_killsTheWorkerAndFailsTheTask() throws Exception {
    assertEquals(5, shared.submit(PoolTest::sleepsThenReturns, 5).get(60, TimeUnit.SECONDS));
    try (ProcessPool pool = pool(1).taskTimeout(Duration.ofMillis(500))) {
      assertEquals(10, pool.submit(PoolTest::sleepsThenReturns, 10).get(60, TimeUnit.SECONDS));
      CompletableFuture<Integer> slow = pool.submit(PoolTest::sleepsThenReturns, 60_000);
      CompletableFuture<Integer> after = pool.submit(PoolTest::sleepsThenReturns, 20);
      ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(60, TimeUnit.SECONDS));
      TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
      assertTrue(timeout.getMessage().contains("PoolTest::sleepsThenReturns"), timeout.getMessage());
      assertTrue(timeout.getMessage().contains("PT0.5S"), timeout.getMessage());
      // Its second task, numbered by this pool: the tasks of every pool used to count together.
      assertTrue(timeout.getMessage().contains("(task #2 of the pool)"), timeout.getMessage());
      assertEquals(20, after.get(60, TimeUnit.SECONDS));
    }
  }

  /**
   * A timeout that means no end, as {@code BlockingQueue.poll} reads one, runs tasks as if there
   * were none. The grace a worker has to start a task was added to it and wrapped round to a
   * negative delay: every worker was killed as it was told to run, and the first task failed at
   * once with "3 workers in a row ended before they connected".
   */
  @Test
  void taskTimeout_forever_runsTheTasks() throws Exception {
    for (Duration forever : List.of(
        java.time.temporal.ChronoUnit.FOREVER.getDuration(), Duration.ofNanos(Long.MAX_VALUE - 1))) {
      try (ProcessPool pool = pool(1).taskTimeout(forever)) {
        assertEquals(10, pool.submit(PoolTest::sleepsThenReturns, 10).get(60, TimeUnit.SECONDS));
        assertEquals(List.of(1L, 4L), pool.map(PoolTest::square, List.of(1, 2)));
      }
    }
  }

  private static Integer millisOf(Sluggish sluggish) {
    return sluggish.millis();
  }

  private static byte[] bytes(Integer length) {
    return new byte[length];
  }

  /**
   * A task that ends lets go of its timeout: the pool keeps nothing of it once its future is let
   * go. Before, the timer held every task's timeout until it would have fired, and through it the
   * task's arguments and result: with taskTimeout(1 hour), every result of the last hour stayed in
   * the heap.
   */
  @Test
  void taskTimeout_ofATaskThatEnded_holdsNeitherItsArgumentsNorItsResult() throws Exception {
    try (ProcessPool pool = pool(1).taskTimeout(Duration.ofHours(1))) {
      CompletableFuture<byte[]> future = pool.submit(PoolTest::bytes, 1 << 20);
      java.lang.ref.WeakReference<byte[]> result = new java.lang.ref.WeakReference<>(future.get());
      future = null;
      for (int i = 0; i < 50 && result.get() != null; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertTrue(result.get() == null, "the result of a task that ended is still held");
    }
  }

  /**
   * A task too large for the socket's buffer, submitted to a stopped worker (SIGSTOP) of a pool
   * without a timeout, is left to that worker's writer: submit returns at once, the other worker
   * goes on taking tasks, and the task runs, whole, once its worker continues. submit used to wait
   * in the socket's write until the worker read again, for ever if it never did.
   */
  @Test
  void aLargeTaskForAStoppedWorker_doesNotBlockSubmitNorTheOtherWorker() throws Exception {
    Path go = files.resolve("stopped-go");
    try (ProcessPool pool = pool(2)) {
      CompletableFuture<Long> holding = pool.submit(PoolTest::awaitsFile, go.toString());
      long stopped = pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS); // the other worker
      Signals.stop(stopped);
      CompletableFuture<Integer> large;
      try {
        // The held worker has no room: the task goes to the stopped one.
        CompletableFuture<CompletableFuture<Integer>> submitting = CompletableFuture.supplyAsync(
            () -> pool.submit(PoolTest::length, new byte[4 << 20]));
        large = submitting.get(10, TimeUnit.SECONDS);
        Files.createFile(go);
        assertEquals(1L, holding.get(60, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) {
          // One at a time: the free worker has more room than the stopped one, which is not
          // known to be stopped and may be given tasks as any busy worker with room is.
          assertTrue(pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS) != stopped);
        }
        assertFalse(large.isDone());
      } finally {
        Signals.resume(stopped);
        if (!Files.exists(go)) {
          Files.createFile(go); // else close() waits for the held task
        }
      }
      assertEquals(4 << 20, large.get(60, TimeUnit.SECONDS));
    }
  }

  /**
   * A task sent to a worker that is stopped (SIGSTOP) times out too, a few seconds past the
   * timeout, since its worker never says it started it; the worker is killed and replaced, and
   * close() returns. Before, the task's clock never started: its future, and close(), waited for
   * ever.
   */
  @Test
  void taskTimeout_ofATaskSentToAStoppedWorker_failsTheTaskAndReplacesTheWorker() throws Exception {
    System.setProperty(START_GRACE, "2000"); // 5 s by default: the test would wait it out
    try (ProcessPool pool = pool(1).taskTimeout(Duration.ofMillis(500))) {
      long stopped = pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS);
      Signals.stop(stopped);
      CompletableFuture<Long> sent = pool.submit(PoolTest::pid);
      ExecutionException e;
      try {
        e = assertThrows(ExecutionException.class, () -> sent.get(30, TimeUnit.SECONDS));
      } finally {
        ProcessHandle.of(stopped).ifPresent(ProcessHandle::destroyForcibly); // close() must end
      }
      TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
      assertTrue(timeout.getMessage().matches("task PoolTest::pid \\(task #2 of the pool\\) was not"
          + " started by its worker pooltest-worker-[0-9]+ \\(pid " + stopped + "\\) within the"
          + " pool's task timeout of PT0.5S and 2 s more after it was sent \\(the worker was"
          + " stopped, SIGSTOP or a debugger, or hung before the task\\): it was killed and"
          + " replaced"),
          timeout.getMessage());
      long replacement = pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS);
      assertTrue(replacement != stopped);
    } finally {
      System.clearProperty(START_GRACE);
    }
  }

  /**
   * close() gives stopped workers (SIGSTOP, a debugger), which never read that they are to stop,
   * one 10 s deadline in all before it kills them. It used to give each 10 s of its own, one after
   * the other: 30 s for these three, 80 s for a pool of eight. (Here the deadline is 3 s, so that
   * the test does not wait out 10: one after the other would take 9.)
   */
  @Test
  void close_withEveryWorkerStopped_killsThemAfterOneDeadline() throws Exception {
    System.setProperty(STOP, "3000");
    ProcessPool pool;
    try {
      pool = pool(3);
    } finally {
      System.clearProperty(STOP); // read as the pool is made
    }
    Set<Long> pids = new HashSet<>(pool.map(PoolTest::slowPidOf, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
    try {
      for (long pid : pids) {
        Signals.stop(pid);
      }
      long start = System.nanoTime();
      pool.close();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis >= 3_000 && millis < 6_000,
          "close() took " + millis + " ms for " + pids.size() + " stopped workers");
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
      }
    } finally {
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /**
   * close() from a thread whose interrupt flag is set returned at once, leaving stopped workers
   * running until the program exited; now the interrupt ends the graceful wait, as it does for
   * ExecutorService.close, and every worker is killed and waited for. The flag stays set.
   */
  @Test
  void close_fromAnInterruptedThread_stillEndsEveryWorker() throws Exception {
    ProcessPool pool = pool(2);
    Set<Long> pids = new HashSet<>(pool.map(PoolTest::slowPidOf, List.of(1, 2, 3, 4, 5, 6)));
    try {
      for (long pid : pids) {
        Signals.stop(pid);
      }
      long start = System.nanoTime();
      Thread.currentThread().interrupt();
      pool.close();
      assertTrue(Thread.interrupted(), "close() cleared the interrupt flag");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(seconds < 20, "close() took " + seconds + " s");
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
      }
    } finally {
      Thread.interrupted();
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static Long slowPidOf(Integer ignored) throws InterruptedException {
    Thread.sleep(100); // so that every worker takes some of the map
    return ProcessHandle.current().pid();
  }

  @Test
  void taskTimeout_runsFromWhenTheWorkerStartsTheTask_notFromWhenItWasSent() throws Exception {
    // Reading this argument takes the worker twice the timeout, as loading the task's class on a
    // fresh worker under load did (the timeout above failed its 20 ms task once): the task itself
    // returns at once, and must not be timed out.
    try (ProcessPool pool = pool(1).taskTimeout(Duration.ofMillis(500))) {
      assertEquals(1_000, pool.submit(PoolTest::millisOf, new Sluggish(1_000)).get(60, TimeUnit.SECONDS));
      assertEquals(List.of(1_000), pool.map(PoolTest::millisOf, List.of(new Sluggish(1_000))));
      CompletableFuture<Integer> slow = pool.submit(PoolTest::sleepsThenReturns, 60_000);
      ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(60, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
    }
  }

  private static void initAwaits(String file) throws InterruptedException {
    awaitsFile(file);
  }

  @Test
  void aSilentConnectionToThePoolsSocket_doesNotHoldUpItsWorkers() throws Exception {
    Path go = files.resolve("silent-go");
    try (ProcessPool pool = pool(1).initializer(PoolTest::initAwaits, go.toString())) {
      CompletableFuture<Long> task = pool.submit(PoolTest::square, 7); // the pool listens now
      List<SocketChannel> silent = new ArrayList<>();
      try (var sockets = Files.list(RuntimeFiles.directory())) {
        for (Path socket : sockets.filter(p -> p.getFileName().toString().startsWith("pool-")).toList()) {
          SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX);
          s.connect(UnixDomainSocketAddress.of(socket));
          s.configureBlocking(false);
          silent.add(s); // sends no hello: the pool drops it after 10 s
        }
      }
      Files.createFile(go); // the worker connects behind the silent connections
      assertEquals(49L, task.get(60, TimeUnit.SECONDS));
      for (SocketChannel s : silent) {
        // Still open: the worker was not kept waiting until the silent connection was dropped.
        assertEquals(0, s.read(ByteBuffer.allocate(1)));
        s.close();
      }
    }
  }

  @Test
  void outOfMemory_failsTheTaskAndReplacesTheWorker() throws Exception {
    try (ProcessPool pool = Children.fast("pooltest").jvmFlags("-Xmx48m").pool(1)) {
      long before = pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS);
      CompletableFuture<Integer> hog = pool.submit(PoolTest::exhaustsMemory, 4);
      CompletableFuture<Long> behind = pool.submit(PoolTest::pid);
      ExecutionException e = assertThrows(ExecutionException.class, () -> hog.get(60, TimeUnit.SECONDS));
      RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
      assertEquals("java.lang.OutOfMemoryError", remote.remoteType());
      long after = behind.get(60, TimeUnit.SECONDS);
      assertTrue(after != before, "the task behind ran in the worker that ran out of memory");
    }
  }

  @Test
  void maxTasksPerWorker_replacesWorkers() throws Exception {
    try (ProcessPool pool = pool(1).maxTasksPerWorker(2)) {
      Map<Long, Integer> tasksPerPid = new HashMap<>();
      for (int i = 0; i < 4; i++) {
        tasksPerPid.merge(pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      List<Long> mapped = pool.map(PoolTest::pidOf, IntStream.range(0, 4).boxed().toList());
      for (Long pid : mapped) {
        tasksPerPid.merge(pid, 1, Integer::sum);
      }
      assertTrue(tasksPerPid.values().stream().allMatch(n -> n <= 2), tasksPerPid.toString());
      assertTrue(tasksPerPid.size() >= 4, tasksPerPid.toString());
    }
  }

  /**
   * A close() refused in a callback on the pool's own thread (it would wait there for ever) leaves
   * the pool as it was. Before, the pool refused every later task, 'the pool is closed: no new
   * tasks', though it had not closed.
   */
  @Test
  void close_refusedInACallbackWhileTasksRun_leavesThePoolTakingTasks() throws Exception {
    try (ProcessPool pool = pool(1)) {
      CompletableFuture<Throwable> refusal = new CompletableFuture<>();
      pool.submit(PoolTest::sleepsThenReturns, 10).whenComplete((value, error) -> {
        try {
          pool.close();
          refusal.complete(null);
        } catch (Throwable e) {
          refusal.complete(e);
        }
      });
      CompletableFuture<Integer> running = pool.submit(PoolTest::sleepsThenReturns, 500);
      Throwable e = refusal.get(60, TimeUnit.SECONDS);
      assertInstanceOf(IllegalStateException.class, e);
      assertTrue(e.getMessage().startsWith("waiting for a task of a pool on the pool's own thread"),
          e.getMessage());
      assertEquals(7, pool.submit(PoolTest::sleepsThenReturns, 7).get(60, TimeUnit.SECONDS));
      assertEquals(500, running.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void close_finishesPendingTasksThenStopsWorkers() throws Exception {
    ProcessPool pool = pool(2);
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(pool.submit(PoolTest::sleepsThenReturns, 50 + i));
    }
    Set<Long> pids = new HashSet<>(pool.map(PoolTest::pidOf, List.of(1, 2, 3, 4)));
    pool.close();
    for (int i = 0; i < 10; i++) {
      assertTrue(futures.get(i).isDone());
      assertEquals(50 + i, futures.get(i).get());
    }
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
    }
    assertThrows(IllegalStateException.class, () -> pool.submit(PoolTest::pid));
  }

  @Test
  void closeNow_killsWorkersAndCancelsPendingTasks() throws Exception {
    ProcessPool pool = pool(1);
    assertEquals(1, pool.submit(PoolTest::sleepsThenReturns, 1).get(60, TimeUnit.SECONDS));
    CompletableFuture<Integer> running = pool.submit(PoolTest::sleepsThenReturns, 60_000);
    CompletableFuture<Integer> queued = pool.submit(PoolTest::sleepsThenReturns, 60_000);
    long start = System.nanoTime();
    pool.closeNow();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    assertTrue(running.isCancelled());
    assertTrue(queued.isCancelled());
    assertThrows(CancellationException.class, running::join);
  }

  @Test
  void closeNow_duringAMap_failsItSayingSoOnce() throws Exception {
    ProcessPool pool = pool(1);
    Path pidFile = files.resolve("mapped.pid");
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread mapping = new Thread(() -> {
      try {
        pool.map(PoolTest::pidThenSleep, List.of(pidFile.toString()));
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
    });
    mapping.start();
    awaitPid(pidFile);
    pool.closeNow();
    CompletionException e = assertInstanceOf(CompletionException.class, thrown.get(60, TimeUnit.SECONDS));
    assertEquals("task PoolTest::pidThenSleep on input #0 of a map was cancelled: the pool was closed"
        + " with closeNow()", e.getMessage());
    assertInstanceOf(CancellationException.class, e.getCause());
  }

  /**
   * closeNow() while a lazy mapUnordered was being read: its next chunk could not be sent, and the
   * iterator threw "the pool is closed: no new tasks", an IllegalStateException, in the middle of
   * the results. Now each input of a chunk that was out fails as cancelled, in its turn, the
   * inputs never sent fail once, saying from which on, and the iterator ends.
   */
  @Test
  void closeNow_whileAnUnorderedMapIsRead_cancelsWhatIsLeftAndEnds() throws Exception {
    ProcessPool pool = pool(2);
    List<Integer> inputs = IntStream.range(0, 20_000).boxed().toList();
    Iterator<Long> results = pool.mapUnordered(PoolTest::square, inputs);
    int returned = 0;
    int cancelled = 0;
    String last = null;
    while (results.hasNext()) {
      try {
        results.next();
        if (++returned == 10) {
          pool.closeNow();
        }
      } catch (CompletionException e) {
        assertInstanceOf(CancellationException.class, e.getCause(), e.getMessage());
        cancelled++;
        last = e.getMessage();
      }
    }
    assertTrue(returned >= 10, returned + " results");
    assertTrue(cancelled >= 1, "nothing was cancelled");
    assertTrue(returned + cancelled <= inputs.size(), returned + " + " + cancelled);
    assertTrue(last.matches("the inputs of a map of PoolTest::square from #\\d+ on were not run:"
        + " the pool was closed with closeNow\\(\\) while the map ran"), last);
  }

  /**
   * close() from another thread while a map of lazy inputs ran: as documented, its next chunk is
   * refused with the IllegalStateException of a task submitted after close() (closeNow() cancels).
   */
  @Test
  void close_whileAMapOfLazyInputsRuns_refusesItsNextChunk() throws Exception {
    ProcessPool pool = pool(1);
    java.util.concurrent.CountDownLatch fed = new java.util.concurrent.CountDownLatch(1);
    Iterable<Integer> endless = () -> new Iterator<>() { // the map can never end on its own
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        fed.countDown();
        return 5; // milliseconds each task sleeps
      }
    };
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread mapping = new Thread(() -> {
      try {
        pool.map(PoolTest::sleepsThenReturns, endless);
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
    });
    mapping.start();
    assertTrue(fed.await(60, TimeUnit.SECONDS), "the map never read its inputs");
    pool.close(); // waits for the tasks sent so far; the map's next chunk is refused
    IllegalStateException e =
        assertInstanceOf(IllegalStateException.class, thrown.get(60, TimeUnit.SECONDS));
    assertEquals("the pool is closed: no new tasks", e.getMessage());
  }

  @Test
  void initializer_handsEachWorkerAChannel() throws Exception {
    Channel<String> channel = Channel.create();
    try (ProcessPool pool = pool(2).initializer(PoolTest::init, channel, "ready")) {
      Set<Long> pids = new HashSet<>(pool.map(PoolTest::report, IntStream.range(0, 40).boxed().toList()));
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 42; i++) {
        seen.add(channel.receive(Duration.ofSeconds(60)).orElseThrow());
      }
      for (long pid : pids) {
        assertTrue(seen.contains("ready " + pid), seen.toString());
      }
      for (int i = 0; i < 40; i++) {
        assertTrue(seen.contains("task " + i), seen.toString());
      }
      assertThrows(IllegalStateException.class, () -> pool.maxTasksPerWorker(5));
    }
  }

  /**
   * A channel handed only to a pool's workers, through its initializer, is not abandoned while the
   * pool replaces its only worker: the replacement is handed it too. Before, the creator's receive
   * on it, empty, threw ChannelClosedException ('every process it was handed to has exited') as the
   * killed worker's lease ended, so a loop taking the workers' events ended while the pool went on.
   * Once the pool is closed, it is abandoned: a receive takes what is queued, then throws.
   */
  @Test
  void initializerChannel_whileThePoolReplacesItsOnlyWorker_isNotAbandoned() throws Exception {
    Channel<String> channel = Channel.create();
    try (ProcessPool pool = pool(1).initializer(PoolTest::init, channel, "ready")) {
      long first = pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS);
      assertEquals("ready " + first, channel.receive(Duration.ofSeconds(60)).orElseThrow());
      ProcessHandle.of(first).orElseThrow().destroyForcibly();

      String next = channel.receive(Duration.ofSeconds(60)).orElseThrow(); // no worker for now
      assertTrue(next.startsWith("ready ") && !next.equals("ready " + first), next);
      assertTrue(pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS) != first);
    }
    assertThrows(ChannelClosedException.class, () -> {
      while (true) {
        channel.receive(Duration.ofSeconds(60)).orElseThrow(); // the spare's greeting, if any
      }
    });
  }

  /**
   * A pool broken by its initializer starts no worker any more, so a channel the initializer takes
   * is no longer held by it once its workers have exited: the creator's receive takes what they
   * sent, then throws, before the pool is closed. It waited until the pool was closed, since only
   * close() ended the pool's own lease (an initializer that threw breaks the pool where the
   * worker's end is followed up, not through breakPool): a loop taking the workers' events hung
   * beside a pool every task of which failed.
   */
  @Test
  void initializerChannel_ofAPoolBrokenByItsInitializer_isAbandonedBeforeThePoolIsClosed()
      throws Exception {
    Channel<String> channel = Channel.create();
    try (ProcessPool pool = pool(1).initializer(PoolTest::initGreetsThenFails, channel, "ready")) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("initializer PoolTest::initGreetsThenFails"),
          e.getCause().getMessage());
      String greeting = channel.receive(Duration.ofSeconds(60)).orElseThrow();
      assertTrue(greeting.startsWith("ready "), greeting);
      ChannelClosedException abandoned = assertThrows(ChannelClosedException.class,
          () -> channel.receive(Duration.ofSeconds(20)));
      assertTrue(abandoned.getMessage().contains("every process it was handed to has exited"),
          abandoned.getMessage());
    }
  }

  private static void initGreetsThenFails(Channel<String> channel, String greeting)
      throws Exception {
    init(channel, greeting);
    throw new IllegalStateException("no database");
  }

  /**
   * Closes a pool whose only worker is still in its initializer (its one task was cancelled before
   * it ran), and says whether its worker exited with 0.
   */
  public static final class ClosedWhileInitializingProgram {
    public static void main(String[] args) throws Exception {
      ProcessPool pool = Children.fast("initializing").keepSpare(false).pool(1)
          .initializer(PoolTest::initSlowly);
      CompletableFuture<Long> task = pool.submit(PoolTest::pid); // the worker starts now
      task.cancel(false);
      pool.close();
      ProcessHandle.current().children().forEach(p -> System.out.println("left: " + p.pid()));
      System.out.println("closed");
    }
  }

  private static void initSlowly() throws InterruptedException {
    Thread.sleep(1_000);
  }

  /**
   * A worker that connects once its pool was closed is let go as the pool lets any worker go, and
   * exits quietly. Once workers told their pool's end from its death by writing to its socket,
   * the pool closed such a worker's socket at once: the worker printed 'Exception in Ferry child
   * ... the connection to the pool broke (Broken pipe)' and exited with 1.
   */
  @Test
  void close_whileTheWorkerRunsTheInitializer_letsItGoQuietly() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), ClosedWhileInitializingProgram.class.getName()), 60);
    assertEquals("closed\n", output);
  }

  private static String halts() {
    Runtime.getRuntime().halt(9);
    return "unreachable";
  }

  /**
   * In a child: a pool whose initializer takes {@code channel}, a handle this child then closes;
   * a worker dies, and its replacement would be handed the channel while the other worker keeps
   * this child's connection to the channel open. Sends what a later task did.
   */
  private static void poolAfterClosingItsHandle(Channel<String> channel, Channel<String> outcome)
      throws Exception {
    try (ProcessPool pool = Children.fast("closes-its-handle").keepSpare(false).pool(2)
        .initializer(PoolTest::init, channel, "ready")) {
      pool.submit(PoolTest::report, 1).get();
      channel.close();
      ExecutionException died =
          assertThrows(ExecutionException.class, () -> pool.submit(PoolTest::halts).get());
      assertInstanceOf(WorkerDiedException.class, died.getCause());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) { // the replacement starts beside these tasks
        try {
          pool.submit(PoolTest::pid).get();
        } catch (ExecutionException | IllegalStateException e) {
          Throwable why = e instanceof ExecutionException ? e.getCause() : e;
          outcome.send(why.getMessage());
          return;
        }
        Thread.sleep(50);
      }
      outcome.send("every task ran");
    }
  }

  /**
   * A child that closed its handle to a channel let go of it: a replacement worker of its pool is
   * not handed it (it was, and used the channel, where a spawn with it was refused).
   */
  @Test
  void initializerChannel_closedInAChild_isNotHandedToAReplacementWorker() throws Exception {
    try (Channel<String> channel = Channel.create();
        Channel<String> outcome = Channel.create()) {
      Child child = Children.fast("pool-owner")
          .spawn(PoolTest::poolAfterClosingItsHandle, channel, outcome);
      String told = outcome.receive(Duration.ofSeconds(60)).orElseThrow();
      assertTrue(told.contains("was closed in this process; each worker, a replacement too, is"
          + " handed the initializer's arguments as it starts"), told);
      assertEquals(0, child.join(), () -> child.failure().toString());
      List<String> sent = new ArrayList<>();
      try {
        while (true) { // every holder has exited: what is queued, then ChannelClosedException
          sent.add(channel.receive().replaceAll("[0-9]{2,}", "PID"));
        }
      } catch (ChannelClosedException drained) {
        // all of it
      }
      sent.sort(null);
      assertEquals(List.of("ready PID", "ready PID", "task 1"), sent);
    }
  }

  @Test
  void pool_whoseWorkersJvmRefusesToStart_failsTasksSayingWhat() throws Exception {
    try (ProcessPool pool = Ferry.options().jvmFlags("-XX:+NoSuchFerryFlag").pool(2)) {
      String message = failureOfATask(pool);
      assertTrue(message.contains("did not start"), message);
      assertTrue(message.contains("Unrecognized VM option 'NoSuchFerryFlag'"), message);
      assertTrue(message.contains("the pool is broken"), message);
    }
  }

  /** The message a task fails with in a pool whose workers never start. */
  private static String failureOfATask(ProcessPool pool) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> {
      try {
        pool.submit(PoolTest::pid).get(30, TimeUnit.SECONDS);
      } catch (IllegalStateException refused) { // broken before the submit
        throw new ExecutionException(refused);
      }
    });
    return e.getCause().getMessage();
  }

  /** Its workers exited with 2, a debugger's agent in JAVA_TOOL_OPTIONS on a port in use. */
  @Test
  void pool_whoseWorkersAgentCannotStart_failsTasksSayingWhat() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ProcessPool pool = Ferry.options()
            .environment("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y,"
                + "suspend=n,address=127.0.0.1:" + taken.getLocalPort())
            .pool(2)) {
      String message = failureOfATask(pool);
      assertTrue(message.contains("did not start, so Ferry never ran in it (exit code 2)"), message);
      assertTrue(message.contains("Address already in use"), message);
      assertTrue(message.contains("the pool is broken"), message);
    }
  }

  private static void initExits() {
    System.exit(5);
  }

  @Test
  void initializer_thatCallsSystemExit_breaksThePoolNamingIt() {
    try (ProcessPool pool = pool(1).initializer(PoolTest::initExits)) {
      CompletionException e = assertThrows(CompletionException.class, () -> {
        try {
          pool.submit(PoolTest::pid).join();
        } catch (IllegalStateException refused) { // broken before the submit
          throw new CompletionException(refused);
        }
      });
      String message = e.getCause().getMessage();
      assertTrue(message.contains("exited with code 5 while or after running the pool's initializer"
          + " PoolTest::initExits"), message);
    }
  }

  private static void initHangs() throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * With a taskTimeout, a worker whose initializer never returns is killed the timeout and 5 s
   * after it was told to run it, and replaced; three in a row break the pool, failing the task
   * that waited for them, and close() returns. The task, never sent to a worker, was never timed:
   * it, and close(), waited for ever. A pool of one runs its spare's initializer beside its
   * worker's, so the two end at the first deadline and their replacements at the second: the pool
   * breaks after two deadlines, not three. Tasks submitted later are refused with the reason the
   * waiting task got (the fourth worker's end used to rewrite it: "4 workers in a row").
   */
  @Test
  void taskTimeout_withAnInitializerThatNeverReturns_failsTheTasksInsteadOfHanging() throws Exception {
    System.setProperty(START_GRACE, "2000"); // 5 s by default: the test would wait it out thrice
    try (ProcessPool pool = pool(1).taskTimeout(Duration.ofMillis(500))
        .initializer(PoolTest::initHangs)) {
      long started = System.nanoTime();
      CompletableFuture<Long> task = pool.submit(PoolTest::pid);
      ExecutionException e;
      try {
        e = assertThrows(ExecutionException.class, () -> task.get(60, TimeUnit.SECONDS));
      } finally {
        if (!task.isDone()) {
          pool.closeNow(); // else close() waits for the task
        }
      }
      IllegalStateException broken = assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(broken.getMessage().matches("3 workers in a row ended before they connected \\(the"
          + " last one, pooltest-worker-\\d+ \\(pid \\d+\\), was killed by the pool: it did not return"
          + " from the pool's initializer PoolTest::initHangs and connect within the pool's task"
          + " timeout of PT0.5S and 2 s more after it was told to run \\(an initializer that never"
          + " returns, or a stopped worker\\), so no task could start; see its output above\\): the"
          + " pool is broken, every task fails"), broken.getMessage());
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(tookMillis >= 2 * 2_500 && tookMillis < 3 * 2_500, tookMillis + " ms");
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
      while (System.nanoTime() < until) { // the last replacement ends at the same deadline
        IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> pool.submit(PoolTest::pid));
        assertEquals(broken.getMessage(), refused.getMessage());
        Thread.sleep(100);
      }
    } finally {
      System.clearProperty(START_GRACE);
    }
  }

  /**
   * Settings after close() are refused saying the pool is closed (before, a pool closed before any
   * task was told "the pool's workers have started their tasks", though none had started); after
   * the first task, saying the workers have started theirs.
   */
  @Test
  void settings_afterCloseOrTheFirstTask_areRefusedSayingWhich() throws Exception {
    ProcessPool closed = Children.fast("closed-early").keepSpare(false).pool(1);
    closed.close();
    String told = "the pool is closed: its initializer, maxTasksPerWorker and taskTimeout can no"
        + " longer be set; set them before the first submit or map";
    assertEquals(told, assertThrows(IllegalStateException.class,
        () -> closed.taskTimeout(Duration.ofSeconds(1))).getMessage());
    assertEquals(told, assertThrows(IllegalStateException.class,
        () -> closed.maxTasksPerWorker(3)).getMessage());
    assertEquals(told, assertThrows(IllegalStateException.class,
        () -> closed.initializer(PoolTest::initFails)).getMessage());
    assertEquals(25L, shared.submit(PoolTest::square, 5).get(60, TimeUnit.SECONDS));
    assertEquals("the pool's workers have started their tasks: set the initializer,"
        + " maxTasksPerWorker and taskTimeout before the first submit or map",
        assertThrows(IllegalStateException.class, () -> shared.maxTasksPerWorker(3)).getMessage());
  }

  /** A null initializer is named as such (it was 'task == null'). */
  @Test
  void initializer_null_isRefusedNamingTheInitializer() {
    try (ProcessPool pool = Children.fast("null-init").keepSpare(false).pool(1)) {
      NullPointerException e = assertThrows(NullPointerException.class,
          () -> pool.initializer((Ferry.Target0) null));
      assertEquals("initializer == null", e.getMessage());
    }
  }

  private static void initFailsOnceThere(String file) {
    if (Files.exists(Path.of(file))) {
      throw new IllegalStateException("no database any more");
    }
  }

  /** Says it started in {@code started}, then waits for {@code go}. */
  private static Long startsThenAwaits(String started, String go) throws Exception {
    Files.writeString(Path.of(started), "started");
    return awaitsFile(go);
  }

  /**
   * A pool that breaks (a replacement's initializer throws) while a live worker runs a task: that
   * task ends as it would have, with its result. It used to fail with the pool's break, though its
   * worker ran it to the end: a task that ran was told it had failed.
   */
  @Test
  void poolBreakingWhileAWorkerRunsATask_thatTaskStillCompletes() throws Exception {
    Path started = files.resolve("break-started");
    Path go = files.resolve("break-go");
    Path fail = files.resolve("break-fail");
    try (ProcessPool pool = pool(2).initializer(PoolTest::initFailsOnceThere, fail.toString())) {
      CompletableFuture<Long> running =
          pool.submit(PoolTest::startsThenAwaits, started.toString(), go.toString());
      while (!Files.exists(started)) {
        Thread.sleep(5);
      }
      Files.writeString(fail, "fail");
      // The other worker dies, and its replacement's initializer throws (or its own did)
      assertThrows(ExecutionException.class,
          () -> pool.submit(PoolTest::exits, 7).get(60, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String broken = null;
      while (broken == null && System.nanoTime() < deadline) {
        try {
          pool.submit(PoolTest::pid).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException e) {
          broken = (e instanceof ExecutionException ? e.getCause() : e).getMessage();
        }
      }
      assertTrue(broken != null && broken.contains("no database any more"), broken);
      assertFalse(running.isDone(), () -> "the running task was told: " + running);

      Files.writeString(go, "go");
      assertEquals(1L, running.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void initializer_thatThrows_failsTasksInsteadOfHanging() {
    try (ProcessPool pool = pool(1).initializer(PoolTest::initFails)) {
      CompletionException e = assertThrows(CompletionException.class,
          () -> {
            try {
              pool.submit(PoolTest::pid).join();
            } catch (IllegalStateException refused) {
              throw new CompletionException(refused);
            }
          });
      String message = e.getCause().getMessage();
      assertTrue(message.contains("initializer PoolTest::initFails"), message);
      assertTrue(message.contains("no database"), message);
    }
  }

  private static long awaitPid(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String text = Files.readString(file).trim();
        if (!text.isEmpty()) {
          return Long.parseLong(text);
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no pid in " + file);
  }

  /** The expected squares 0, 1, 4, ... as a list. */
  private static final class LongStreamRange {
    static List<Long> squares(int n) {
      List<Long> expected = new ArrayList<>(n);
      for (long i = 0; i < n; i++) {
        expected.add(i * i);
      }
      return expected;
    }
  }

  private static String describe(String label, Object value) {
    return label.length() + " " + value;
  }

  /**
   * Arguments refused part-way, after the thread's encoder had grown for them (a value with no
   * codec after a 60 MiB string), left the encoder to the thread until its next submit that
   * succeeded: a submitting thread held 64 MiB for a task it never sent.
   */
  @Test
  void submit_argumentsRefusedPartWay_leaveNoEncoderBehind() throws Exception {
    long before = heapUsedAfterGc();

    submitArgumentsOf60MiBThatFail();

    long held = heapUsedAfterGc() - before;
    assertTrue(held < 16 << 20, (held >> 20) + " MiB still held after the refused submit");
    assertEquals("1 2", shared.submit(PoolTest::describe, "x", 2).get()); // the pool goes on
  }

  private static void submitArgumentsOf60MiBThatFail() {
    String label = "x".repeat(60 << 20);
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> shared.submit(PoolTest::describe, label, new StringBuilder()));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
