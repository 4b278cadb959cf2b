package dev.ferry.internal.process;

import dev.ferry.ByteInput;
import dev.ferry.ChannelClosedException;
import dev.ferry.Ferry;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RemoteChannel;
import dev.ferry.internal.transport.RuntimeFiles;
import dev.ferry.internal.transport.Wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
/**
 * The main class of every child JVM; not an API.
 *
 * <p>Reads the start-up message from stdin (target method, arguments, where to report a failure),
 * replaces {@code System.in} with an empty stream, watches the parent process on a daemon thread
 * (the child exits when the parent dies), calls the target, delivers what the
 * target sent on its channels, and exits: 0 when the target returned, 1 when it threw, 2 when it
 * could not be started, 3 when the parent died.
 */
public final class ChildMain {
  static final int RETURNED = 0;
  public static final int THREW = 1;
  public static final int COULD_NOT_START = 2;
  public static final int PARENT_DIED = 3;
  static final long PARENT_POLL_MILLIS = 100;
  /** How long a target that failed on a closed channel waits to see whether its parent died. */
  static final long PARENT_GRACE_MILLIS = 1000;
  /**
   * As {@link #PARENT_GRACE_MILLIS}, in all, once the parent's runtime directory is gone: the
   * parent deletes it as its exit begins, and the rest of that exit (its shutdown hooks, its JVM's
   * own) took over a second on a loaded machine (load 20-60 on two cores), after which a worker
   * of a pool whose program returned from main printed its failure to connect, and a child whose
   * report's directory was gone blamed a cleaner of the temporary directory. A directory that a
   * cleaner deleted under a running parent delays its child's report by this much.
   */
  static final long EXITING_PARENT_GRACE_MILLIS = 5000;

  private static volatile boolean parentDied;
  private static volatile ProcessHandle watched;
  /**
   * Whether the spawning process was this process's parent in the OS's sense when the watcher
   * started (always, unless a wrapper forked): only then does re-parenting mean it died.
   */
  private static volatile boolean directChild;

  private ChildMain() {}

  public static void main(String[] args) {
    ChildPreparation.startInBackground();
    // Buffered, also because FileInputStream.readNBytes seeks, which fails on a pipe in JDK 17.
    InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
    System.setIn(new ByteArrayInputStream(new byte[0]));
    Start start;
    try {
      start = Start.read(stdin);
    } catch (EndOfStart e) {
      Runtime.getRuntime().halt(PARENT_DIED);
      return;
    } catch (Throwable e) {
      System.err.println("[ferry] a child could not read its start-up message: " + e);
      System.exit(COULD_NOT_START);
      return;
    }
    ChildPreparation.started();
    FailureReports.markRunning(Path.of(start.failureFile));
    try {
      watchParent(start.parentPid);
    } catch (OutOfMemoryError e) {
      exit(start, COULD_NOT_START, outOfThreads(e, "the thread that watches its parent"));
      return;
    }
    Thread.currentThread().setName(start.name);
    TargetMethod method;
    Object[] arguments;
    try {
      start.readArguments(stdin);
    } catch (EndOfStart e) {
      Runtime.getRuntime().halt(PARENT_DIED);
      return;
    } catch (Throwable e) {
      exit(start, COULD_NOT_START, e);
      return;
    }
    try {
      method = start.method();
      // Before the arguments: decoding one of the target's own class would initialize it first
      TargetClassInitialization.run(method.owner());
      arguments = start.arguments();
    } catch (Throwable e) {
      exit(start, COULD_NOT_START, e);
      return;
    }
    try {
      method.invoke(arguments);
    } catch (InvocationTargetException e) {
      exit(start, THREW, RemoteChannel.explainFault(e.getCause()));
      return;
    } catch (Throwable e) {
      exit(start, COULD_NOT_START, e);
      return;
    }
    exit(start, RETURNED, null);
  }

  /**
   * The error of a thread that could not start before the target ran: it escaped main, the child
   * exited with 1 and no report, and the parent said its JVM did not start and to check its flags.
   */
  static OutOfMemoryError outOfThreads(OutOfMemoryError e, String what) {
    OutOfMemoryError explained = new OutOfMemoryError(e.getMessage() + ": the child could not start "
        + what + "; it is at a limit on threads (ulimit -u, a container's pids limit, counting"
        + " every thread of the user's processes) or out of memory for their stacks (ulimit -v):"
        + " raise the limit, or run fewer threads or processes");
    explained.initCause(e);
    return explained;
  }

  private static void exit(Start start, int code, Throwable error) {
    if (parentDied) {
      // The JVM is already exiting with code 3: the target failed only because its channels
      // closed. Ask for the same exit rather than return: a main thread that returns while
      // another thread is in System.exit can end the JVM with code 0 first (seen on JDK 25).
      System.exit(PARENT_DIED);
      return;
    }
    if (error != null && closedChannel(error) && parentDiesSoon(start)) {
      // The parent's sockets closed as it died, a moment before this process is re-parented:
      // the target failed because its parent died, which is exit code 3, not a failure to report.
      parentDied();
      return;
    }
    if (error != null) {
      report(start, error);
    }
    RemoteChannel.goodbyeAll(); // deliver what the target sent before the JVM goes
    System.exit(code);
  }

  private static void report(Start start, Throwable error) {
    String trace = FailureReports.trace(error);
    System.err.print("Exception in Ferry child \"" + start.name + "\" " + trace);
    try {
      writeReport(start, FailureReports.write(error, trace));
    } catch (IOException e) {
      if (RuntimeFiles.isFileTooLarge(e) && writeCutReport(start, error, trace)) {
        System.err.println("[ferry] the failure report " + start.failureFile + " was cut to fit"
            + " this process's limit on file size (ulimit -f): the trace above is whole");
        return;
      }
      String why = cannotWrite(start, e);
      if (why != null) {
        System.err.println("[ferry] cannot write the failure report " + start.failureFile + ": "
            + why);
      }
    } catch (RuntimeException e) {
      System.err.println("[ferry] cannot write the failure report: " + e);
    }
  }

  private static void writeReport(Start start, byte[] report) throws IOException {
    Path tmp = Path.of(start.failureFile + ".tmp");
    Files.write(tmp, report);
    Files.move(tmp, Path.of(start.failureFile), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes the report cut shorter and shorter until it fits the limit on file size this process
   * inherited (ulimit -f, a service's LimitFSIZE), which refused the whole one: a report of some
   * kilobytes beats the parent's empty failure(), which reads as if the target had called
   * System.exit(1). False if not even a short one fits.
   */
  private static boolean writeCutReport(Start start, Throwable error, String trace) {
    for (int chars = 16_384; chars >= 64; chars /= 2) {
      try {
        writeReport(start, FailureReports.writeCut(error, trace, chars));
        return true;
      } catch (IOException e) {
        if (!RuntimeFiles.isFileTooLarge(e)) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Why the failure report could not be written, or null when no one could read it: the parent's
   * runtime directory is gone because the parent exited (it deletes the directory as it exits).
   * A directory gone while the parent runs was deleted by someone else, most often a cleaner of
   * the temporary directory; both used to be told to point -Djava.io.tmpdir at a directory this
   * user can write, which was not the matter.
   */
  private static String cannotWrite(Start start, IOException e) {
    Path directory = Path.of(start.failureFile).getParent(); // the parent's, under its tmpdir
    if (directory == null || Files.isDirectory(directory)) {
      return RuntimeFiles.whatToDo(e, directory == null ? null : directory.getParent());
    }
    if (parentDiesSoon(start)) {
      return null; // the trace above is all anyone can have
    }
    return "its directory " + directory + " was deleted while the parent (pid " + start.parentPid
        + ") runs, most often by a cleaner of the temporary directory (systemd-tmpfiles, tmpwatch)"
        + " that removes old entries, so the parent's Child.failure() is empty and the trace"
        + " above is the report; keep such cleaners away from Ferry's directories (a tmpfiles.d"
        + " line 'x " + directory.resolveSibling(RuntimeFiles.DIRECTORY_PREFIX) + "*')";
  }

  /**
   * Exits when the parent dies. The watcher polls the parent's process handle (which also checks
   * its start time, so a reused pid does not fool it) instead of blocking on stdin: HotSpot's exit
   * waits up to 300 ms for threads blocked in native reads, which would slow every child's exit.
   */
  private static void watchParent(long parentPid) {
    // The lookup runs on the watcher too: setting up ProcessHandle takes a fresh JVM ~20 ms, which
    // the target need not wait for. Not a lambda: see Channel.SCRATCH.
    Thread watcher =
        new Thread("ferry-parent-watch") {
          @Override
          public void run() {
            ProcessHandle parent = null;
            while (true) {
              try {
                if (parent == null) {
                  parent = ProcessHandle.of(parentPid).orElse(null);
                  if (parent == null) {
                    break;
                  }
                  Optional<ProcessHandle> mine = ProcessHandle.current().parent();
                  directChild = mine.isPresent() && mine.get().pid() == parentPid;
                  watched = parent;
                }
                if (parentGoneInAFullHeap(parent)) {
                  break;
                }
              } catch (OutOfMemoryError full) {
                // The heap is full (the target's, most often), and every allocation fails: this
                // thread must outlive it. It died of the first such error, and a child whose
                // parent was killed then ran on, re-parented, for good (16 minutes at -Xmx16m).
              }
              try {
                Thread.sleep(PARENT_POLL_MILLIS);
              } catch (InterruptedException e) {
                return;
              }
            }
            parentDied();
          }
        };
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * {@link #parentGone}, or where the heap is too full for it (it allocates), whether the parent's
   * handle says it is not alive, which asks the kernel and allocates nothing.
   */
  private static boolean parentGoneInAFullHeap(ProcessHandle parent) {
    try {
      return parentGone(parent);
    } catch (OutOfMemoryError full) {
      return !parent.isAlive();
    }
  }

  /**
   * Whether the parent has exited: this process was re-parented (which happens as the parent
   * exits, even while it is a zombie nobody reaped), or its handle says it is not alive. That
   * handle reads {@code /proc}, which fails when this process is out of file descriptors; so "not
   * alive" counts only if the same check finds this very process alive.
   */
  static boolean parentGone(ProcessHandle parent) {
    ProcessHandle self = ProcessHandle.current();
    if (directChild) {
      Optional<ProcessHandle> now = self.parent();
      if (now.isPresent() && now.get().pid() != parent.pid()) {
        return true;
      }
    }
    return !parent.isAlive() && self.isAlive();
  }

  /**
   * Whether this child's parent is gone or going, waiting up to {@link #PARENT_GRACE_MILLIS} as
   * below: for a pool worker whose pool's socket refused its last word, which a pool that dropped
   * it does as its death does.
   */
  public static boolean parentDiesSoon() {
    ProcessHandle parent = watched;
    return parent != null && parentDiesSoon(parent.pid(), PARENT_GRACE_MILLIS);
  }

  /**
   * After the target failed on a closed channel, or with its report's directory gone: whether the
   * parent is gone or going, waiting up to {@link #PARENT_GRACE_MILLIS}, or up to {@link
   * #EXITING_PARENT_GRACE_MILLIS} once the parent's runtime directory is gone (its exit began).
   */
  private static boolean parentDiesSoon(Start start) {
    if (parentDiesSoon(start.parentPid, PARENT_GRACE_MILLIS)) {
      return true;
    }
    Path directory = Path.of(start.failureFile).getParent(); // the parent's, under its tmpdir
    return directory != null && !Files.isDirectory(directory)
        && parentDiesSoon(start.parentPid, EXITING_PARENT_GRACE_MILLIS - PARENT_GRACE_MILLIS);
  }

  /**
   * Whether the parent is gone or going, waiting up to {@code graceMillis} for it to be: its death
   * closes the channels first, and this process is re-parented a moment later; a grandparent that
   * hosted the channel takes the parent with it within one poll.
   */
  private static boolean parentDiesSoon(long parentPid, long graceMillis) {
    ProcessHandle parent = watched;
    if (parent == null) {
      parent = ProcessHandle.of(parentPid).orElse(null);
      if (parent == null) {
        return ProcessHandle.current().isAlive();
      }
    }
    long deadline = System.nanoTime() + graceMillis * 1_000_000;
    while (!parentGone(parent)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  private static boolean closedChannel(Throwable error) {
    return Throwables.causedBy(error, ChannelClosedException.class);
  }

  private static void parentDied() {
    parentDied = true;
    try {
      Thread halt =
          new Thread(
              () -> {
                try {
                  Thread.sleep(5000);
                } catch (InterruptedException ignored) {
                  // halt now
                }
                Runtime.getRuntime().halt(PARENT_DIED);
              },
              "ferry-halt");
      halt.setDaemon(true);
      halt.start();
      System.exit(PARENT_DIED); // shutdown hooks run; a hook that hangs is cut short by the halt
    } catch (OutOfMemoryError full) {
      // No heap (or no thread) for the exit's guard, or for the exit itself: with the parent gone
      // there is no one to say goodbye to, and a child that stays is the worse outcome.
      Runtime.getRuntime().halt(PARENT_DIED);
    }
  }

  /** The parent's stdin closed before the start-up message was complete. */
  private static final class EndOfStart extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** The decoded start-up message. */
  private static final class Start {
    final long parentPid;
    final String name;
    final String failureFile;
    final String className;
    final String methodName;
    final String descriptor;
    /** What the arguments are, as the parent words them. */
    private final ArgumentsTold argumentsTold;
    /** The length of the arguments' part, which follows the head. */
    private final int argumentBytes;
    private ByteInput arguments;

    private Start(ByteInput head, int argumentBytes) {
      parentPid = head.readVarLong();
      name = required(head, "name");
      failureFile = required(head, "failure file");
      className = required(head, "target class");
      methodName = required(head, "target method");
      descriptor = required(head, "target descriptor");
      argumentsTold = new ArgumentsTold(required(head, "arguments"), required(head, "arguments' fix"));
      this.argumentBytes = argumentBytes;
    }

    /**
     * Reads the head of the start-up message: who the parent is, where to report a failure, and
     * the target. The arguments follow ({@link #readArguments}), read once a failure can be
     * reported: a child whose heap could not hold them (a 60 MB {@code byte[]} for a child at
     * {@code -Xmx32m}) exited with 2 before it knew where, and its parent said that its JVM had
     * died starting up, most often at a limit on threads.
     */
    static Start read(InputStream stdin) throws IOException, EndOfStart {
      byte[] header = stdin.readNBytes(Launcher.START_HEADER_BYTES);
      if (header.length < Launcher.START_HEADER_BYTES) {
        throw new EndOfStart();
      }
      if (Wire.getLongLE(header, 0) != Launcher.MAGIC) {
        throw new TransferException("stdin does not start with Ferry's start-up message");
      }
      long length = Wire.getLongLE(header, 8);
      long headLength = Wire.getLongLE(header, 16);
      if (length < 0 || length > Launcher.MAX_START_BYTES || headLength < 0 || headLength > length) {
        throw new TransferException("start-up message length " + length + " (head " + headLength
            + ") is out of range");
      }
      byte[] head = stdin.readNBytes((int) headLength); // reads in chunks: no up-front allocation
      if (head.length < headLength) {
        throw new EndOfStart();
      }
      return new Start(new ByteInput(head), (int) (length - headLength));
    }

    /** Reads the arguments' part; one the heap cannot hold is told as such. */
    void readArguments(InputStream stdin) throws IOException, EndOfStart {
      byte[] body;
      try {
        body = stdin.readNBytes(argumentBytes);
      } catch (OutOfMemoryError e) {
        OutOfMemoryError explained = new OutOfMemoryError(argumentsTold.what() + " take "
            + argumentBytes + " bytes, which this child's heap (" + HeapLimit.described()
            + ") cannot hold, " + argumentsTold.tooLargeFix());
        explained.initCause(e);
        throw explained;
      }
      if (body.length < argumentBytes) {
        throw new EndOfStart();
      }
      arguments = new ByteInput(body);
    }

    private static String required(ByteInput in, String what) {
      String s = in.readString();
      if (s == null) {
        throw new TransferException("the start-up message has no " + what);
      }
      return s;
    }

    TargetMethod method() throws ClassNotFoundException, NoSuchMethodException {
      return TargetMethods.find(className, methodName, descriptor);
    }

    Object[] arguments() {
      ByteInput in = arguments;
      int count = in.readVarInt();
      if (count > 4) {
        throw new TransferException("the start-up message has " + count + " arguments; at most 4");
      }
      Object[] values = new Object[count];
      SpawnContext context = SpawnContext.reading();
      context.enter();
      try {
        for (int i = 0; i < count; i++) {
          values[i] = MessageTypes.readTagged(in);
        }
      } finally {
        context.exit();
      }
      if (in.remaining() > 0) {
        // The arguments lie back to back: one read short left the next to be read from its bytes.
        String target = className.substring(className.lastIndexOf('.') + 1) + "::" + methodName;
        throw OwnCodecs.readShort(in, count, (count == 1 ? "the spawn argument" : "the " + count
            + " spawn arguments") + " of " + target + " in the child", "the target did not run");
      }
      RemoteChannel.connectInBackground(context.opened());
      return values;
    }
  }
}
