package dev.ferry.internal.process;

import dev.ferry.ByteOutput;
import dev.ferry.Ferry;
import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.transport.BoundedOutputs;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RuntimeFiles;
import dev.ferry.internal.transport.ThreadShortage;
import dev.ferry.internal.transport.Wire;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
/**
 * Starts a child: reads the target method's class and name from the method reference, writes the
 * start-up message (target and arguments), starts {@code java ... dev.ferry.internal.process.ChildMain} and writes
 * the message to the child's stdin.
 *
 * <p>The start-up message goes over stdin rather than a socket so that a child opens no socket,
 * and sets up no {@code SecureRandom}, before its target runs; it carries this process's pid,
 * which the child watches so that it exits when this process dies. Stdout and stderr are
 * inherited, so the child's output goes where this process's goes.
 */
public final class Launcher {
  static final long MAGIC = 0x4e50535952524546L; // "FERRYSPN" little-endian
  static final int MAX_START_BYTES = Wire.MAX_FRAME_BYTES;
  /**
   * The start-up message's header: magic, the length of what follows, and the length of its head
   * (parent, name, failure file, target), which the child reads before the arguments.
   */
  static final int START_HEADER_BYTES = 24;
  private static final AtomicLong SPAWNED = new AtomicLong();

  /**
   * For tests: given each spare a spawn took, right before it is handed its start-up message, as
   * another process of the user could stop or kill it then.
   */
  static volatile Consumer<Process> beforeSpareHandOff;

  private Launcher() {}

  public static ChildProcess spawn(LaunchSettings options, Serializable target, Object... args) {
    return spawn(options, null, null, target, args);
  }

  /**
   * Starts a child JVM that waits for its start-up message, without telling it what to run yet:
   * a pool boots its workers' JVMs while its configuration may still change.
   */
  public static Process boot(LaunchSettings options) {
    List<String> command = command(options);
    return start(builder(options, command), options, command);
  }

  /**
   * Starts a JVM; a process out of threads, whose JDK cannot start the thread that waits for the
   * new process ({@code ProcessBuilder.start}'s process reaper), is told so: that {@code
   * OutOfMemoryError} used to reach {@code Ferry.spawn} and a pool's start bare.
   */
  static Process start(ProcessBuilder builder, LaunchSettings options, List<String> command) {
    try {
      return ArgumentFileReaders.start(builder, command);
    } catch (IOException e) {
      throw cannotStart(options, command, e);
    } catch (OutOfMemoryError e) {
      if (!ThreadShortage.isThreadStart(e)) {
        throw e;
      }
      OutOfMemoryError explained = new OutOfMemoryError("no child was started: " + e.getMessage()
          + ": the JDK could not start the thread that waits for a child JVM (its process"
          + " reaper); this process is at a limit on threads (ulimit -u, a container's pids"
          + " limit) or out of memory for their stacks (ulimit -v): raise the limit, or run"
          + " fewer threads or processes");
      explained.initCause(e);
      throw explained;
    }
  }

  /**
   * Starts {@code count} child JVMs that wait for their start-up messages (a pool's workers),
   * taking spares started for the same options where there are: with {@code keepSpare} true
   * always, false never, null (the default) once the options repeat those of the spawn or pool
   * before. Then, when the pool ends, it leaves {@code count} spares for the next pool ({@link
   * PoolJvms#leaveSpares}), so that a program that starts pools one after another pays for the
   * JVMs' start only once, and a pool's own start never competes with spares starting.
   */
  public static PoolJvms bootAll(LaunchSettings options, int count) {
    TargetClassInitialization.refuseWhileRunning("start a pool");
    RuntimeFiles.refuseWhileShuttingDown();
    List<String> command = command(options);
    ProcessBuilder builder = builder(options, command);
    Spares.Key spareKey = wantedSpares(options, command);
    List<Process> booted = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Process process = takeSpare(spareKey, builder);
        if (process == null && Thread.currentThread().isInterrupted()) {
          spareKey = null; // interrupted: start the rest ourselves, and leave no spares
        }
        booted.add(process != null ? process : start(builder, options, command));
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      booted.forEach(Process::destroyForcibly);
      throw e;
    }
    return new PoolJvms(booted, spareKey, builder, count);
  }

  /** The key of the spares these options want (see {@link Spares#wanted}), or null for none. */
  private static Spares.Key wantedSpares(LaunchSettings options, List<String> command) {
    return Spares.wanted(options.keepSpare(), optionsKey(options, command));
  }

  /** What makes a child started with {@code options} interchangeable with a spare. */
  private static Spares.Key optionsKey(LaunchSettings options, List<String> command) {
    return new Spares.Key(command, options.workingDirectory(), options.environment());
  }

  /**
   * A started spare for {@code key}, in the directory {@code builder} starts a JVM in, or null
   * (none, no key, or interrupted while it started).
   */
  private static Process takeSpare(Spares.Key key, ProcessBuilder builder) {
    if (key == null) {
      return null;
    }
    try {
      File directory = builder.directory();
      // A relative one (see childDirectory) is relative to a directory this JVM cannot name.
      return Spares.take(
          key, directory == null || !directory.isAbsolute() ? null : directory.toPath());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // start a child of our own; the caller sees the flag
      return null;
    }
  }

  /** The JVMs {@link #bootAll} started for a pool, and the spares to leave when it ends. */
  public static final class PoolJvms {
    public final List<Process> processes;
    private final Spares.Key spareKey; // null: no spares for these options
    private final ProcessBuilder builder;
    private final int count;

    private PoolJvms(
        List<Process> processes, Spares.Key spareKey, ProcessBuilder builder, int count) {
      this.processes = processes;
      this.spareKey = spareKey;
      this.builder = builder;
      this.count = count;
    }

    /**
     * Starts spares for the next pool with the same options, if these options want them and
     * {@code ranFerry}: a worker started with them reached {@link ChildMain} (it connected). A pool
     * whose JVMs refused their options (a flag they do not know) left spares that printed the
     * JVM's refusal on the user's stderr once more each.
     */
    public void leaveSpares(boolean ranFerry) {
      if (spareKey != null && ranFerry) {
        Spares.ranWith(spareKey);
        Spares.replenish(spareKey, builder, count);
      }
    }
  }

  /**
   * Hands {@code target} to a JVM started by {@link #boot} with the same options, or starts one
   * if {@code booted} is null. {@code arguments} says what the arguments are in the user's terms
   * when they are not the target's own (a pool worker's are its initializer's), for the child to
   * tell when its heap cannot hold them; null for a spawn's.
   */
  public static ChildProcess spawn(LaunchSettings options, Process booted,
      ArgumentsTold arguments, Serializable target, Object... args) {
    if (target == null) {
      throw new NullPointerException("target == null");
    }
    if (booted == null) {
      TargetClassInitialization.refuseWhileRunning("spawn a child");
      RuntimeFiles.refuseWhileShuttingDown(); // before its JVM starts, not as it is handed its target
    }
    SerializedLambda method = targetMethod(target);
    long number = SPAWNED.incrementAndGet();
    String name = options.name() != null ? options.name() : method.getImplMethodName() + "-" + number;
    List<String> command = command(options);
    ProcessBuilder builder = builder(options, command);
    Spares.Key optionsKey = booted != null ? null : optionsKey(options, command);
    Spares.Key spareKey =
        booted != null
            ? null // a pool's worker, booted ahead of its start: bootAll dealt with spares
            : Spares.wanted(options.keepSpare(), optionsKey);
    // The JVM starts before the start-up message is written: it boots (most of a spawn's time)
    // while this thread writes the message, which the child waits for on its stdin. In a fresh
    // JVM the message is where the runtime directory, its SecureRandom and the channel server are
    // set up, tens of milliseconds that overlap the child's start instead of preceding it.
    Process process = booted != null ? booted : takeSpare(spareKey, builder);
    boolean spare = booted == null && process != null;
    if (process == null) {
      process = start(builder, options, command);
    }
    SpawnContext context = SpawnContext.writing();
    Path failureFile;
    byte[] start;
    try {
      failureFile = RuntimeFiles.directory().resolve("child-" + number + ".failure");
      start = startMessage(context, name, failureFile, method,
          arguments != null ? arguments : ArgumentsTold.ofSpawn(method), args);
    } catch (RuntimeException | Error e) {
      abandon(process);
      context.childNeverStarted();
      throw e;
    }
    if (spare) {
      Consumer<Process> hook = beforeSpareHandOff;
      if (hook != null) {
        hook.accept(process);
      }
      if (!StartHandOff.toSpare(process, start, name)) {
        // It was stopped or killed since it was found able to run: a JVM of the spawn's own,
        // handed the message below as any fresh one. It used to be handed nothing, and its
        // target never ran (a join waited for good).
        process = startInstead(builder, options, command, context);
        spare = false;
      }
    }
    if (!spare) {
      // Before the bookkeeping below, which the child does not need (an exit it may already have
      // made is seen as it is watched): the child's JVM waits for this message.
      StartHandOff.toFresh(process, start, name);
    }
    ChildProcess child = new ChildProcess(name, process, failureFile, options, context);
    if (optionsKey != null) {
      Spares.spawned(optionsKey, spareKey, builder, child);
    }
    child.whenExited(context::childExited);
    child.whenExited(child::collect); // no failure file outlives its child
    return child;
  }

  /** Starts a JVM in place of a spare that did not take its start-up message. */
  private static Process startInstead(
      ProcessBuilder builder, LaunchSettings options, List<String> command, SpawnContext context) {
    try {
      return start(builder, options, command);
    } catch (RuntimeException | Error e) {
      context.childNeverStarted();
      throw e;
    }
  }

  /**
   * Ends a child whose start-up message could not be written: with its stdin closed before a
   * message it halts at once (as an unused spare does), and it is killed in case it is still
   * booting.
   */
  private static void abandon(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // it is killed below either way
    }
    process.destroyForcibly();
  }

  /**
   * What a JVM started with {@code options} printed as it refused to start (a flag it does not
   * know, {@code -Xmx1k}), or empty if it starts: for a child or worker that exited with the
   * {@code java} launcher's code 1 and left no failure report. Starts a JVM the first time it is
   * asked for a set of options; see {@link StartDiagnosis}.
   */
  public static Optional<String> jvmRefusal(LaunchSettings options) {
    return StartDiagnosis.jvmRefusal(options);
  }

  /**
   * Whether a child or worker that exited with {@code code} and left no failure report may be a JVM
   * that refused to start: the {@code java} launcher exits with 1 (a flag it does not know), and
   * an agent that cannot start exits with 2 (a debugger's {@code -agentlib:jdwp} in the inherited
   * {@code JAVA_TOOL_OPTIONS} whose port the parent holds), which is also Ferry's code for a
   * target that could not be started, always with a report.
   */
  public static boolean mayHaveRefusedToStart(int code) {
    return code == ChildMain.THREW || code == ChildMain.COULD_NOT_START;
  }

  /**
   * The message saying that {@code who}'s JVM refused to start, exiting with {@code code}, and
   * printed {@code output}.
   */
  public static String refusal(String who, LaunchSettings options, String output, int code) {
    String said = "the JVM of " + who + " did not start, so Ferry never ran in it (exit code " + code
        + (code == ChildMain.THREW ? " of the java launcher" : "") + "); it said: "
        + String.join(" ", output.strip().split("\\R+"));
    if (output.contains("native thread") || output.contains("pthread_create failed")
        || output.contains("Out of system resources")) {
      // Not its flags: the user's processes are out of threads (a child at ulimit -u 30)
      return said + " It could not start its own threads: this user's processes are at a limit on"
          + " threads (ulimit -u, a container's pids limit) or out of memory for their stacks"
          + " (ulimit -v); raise the limit, or run fewer threads or processes";
    }
    if (output.contains("Could not find or load main class " + ChildMain.class.getName())) {
      // Not its flags: the class path this process hands its children lacks Ferry's runtime
      return said + " Its class path, this process's java.class.path, does not hold Ferry's runtime"
          + " now: a jar or directory on it was moved or deleted since this program started (a"
          + " deploy that replaced it), or java.class.path was changed at run time; start the"
          + " program from files that stay where they are, and leave java.class.path as the JVM"
          + " set it";
    }
    return said + (options.jvmFlags().isEmpty() ? "" : " Check its jvmFlags: " + options.jvmFlags())
        + flagsFromEnvironment(options, output);
  }

  /**
   * What to check for each {@link #JAVA_OPTIONS_VARIABLES} variable the JVM said it picked up
   * ({@code Picked up JAVA_TOOL_OPTIONS: ...}), given with {@code environment} or inherited from
   * this process; empty if none. A refusal such a variable caused used to end at the JVM's words,
   * with no word of where the flag came from or how to give the child another (and no "Check its
   * jvmFlags" when it had none).
   */
  private static String flagsFromEnvironment(LaunchSettings options, String output) {
    StringBuilder check = new StringBuilder();
    for (String variable : JAVA_OPTIONS_VARIABLES) {
      if (!output.contains("Picked up " + variable + ":")) {
        continue;
      }
      String given = options.environment().get(variable);
      check.append(" Check the flags of its environment variable ").append(variable)
          .append(given != null
              ? ", given with environment(\"" + variable + "\", \"" + given + "\")"
              : ", which it inherited from this process: give it its own with environment(\""
                  + variable + "\", \"\")");
    }
    return check.toString();
  }

  /**
   * Why {@code command} did not start, in words that name the cause: the JDK's message names the
   * program and the working directory it could not run in (a missing {@code workingDirectory} is
   * the usual culprit, {@code error=2, No such file or directory}).
   */
  private static UncheckedIOException cannotStart(
      LaunchSettings options, List<String> command, IOException e) {
    String said = String.valueOf(e.getMessage());
    // JDK 17 says "error=7, Argument list too long", JDK 25 "Exec failed, error: 7 (Argument list
    // too long)"; the errno's words are the C library's, the same under both.
    if (said.contains("error=7,") || said.contains("error: 7 (")
        || said.contains("Argument list too long")) {
      return new UncheckedIOException(tooLong(options), e);
    }
    Path java = Path.of(command.get(0));
    if (!Files.isExecutable(java)) {
      // jpackage links its runtime with --strip-native-commands by default: no bin/java
      return new UncheckedIOException("cannot start a child JVM: this JVM's runtime, java.home "
          + System.getProperty("java.home") + ", has no java launcher (" + java
          + (Files.exists(java) ? " cannot be run" : " does not exist") + "), which Ferry starts"
          + " each child with; a runtime image linked with jlink --strip-native-commands has none,"
          + " as jpackage links it by default: link it without that option (jpackage"
          + " --jlink-options \"--strip-debug --no-man-pages --no-header-files\")", e);
    }
    String where = options.workingDirectory() == null ? ""
        : " in working directory " + options.workingDirectory();
    return new UncheckedIOException(
        "cannot start a child JVM" + where + ": " + e.getMessage() + "; command: " + command, e);
  }

  /**
   * Why the system refused to start a child whose command line or environment is too long ({@code
   * E2BIG}), naming the longest of the user's flags and the child's environment variables: that
   * message used to be the JDK's, followed by the whole command line, flag of 200,000 characters
   * and all.
   */
  private static String tooLong(LaunchSettings options) {
    String longest = null;
    int length = -1;
    for (String flag : options.jvmFlags()) {
      if (flag.length() > length) {
        longest = "the flag \"" + cut(flag) + "\" of jvmFlags";
        length = flag.length();
      }
    }
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(options.environment());
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      int entry = variable.getKey().length() + 1 + variable.getValue().length();
      if (entry > length) {
        longest = "the environment variable " + variable.getKey()
            + (options.environment().containsKey(variable.getKey()) ? " of environment(...)"
                : ", which the child inherits from this process,");
        length = entry;
      }
    }
    return "cannot start a child JVM: its command line and environment are longer than this system"
        + " starts a program with (error=7, Argument list too long: Linux takes at most 131072"
        + " bytes for one argument or NAME=value, and for all of them together a quarter of the"
        + " stack size limit, ulimit -s)"
        + (longest == null ? "" : "; the longest is " + longest + ", " + length + " characters")
        + ". Pass large values to the child as spawn arguments (they go over its"
        + " stdin), or in a file it reads";
  }

  /** {@code text}'s first 60 characters, then how many more there were. */
  private static String cut(String text) {
    return text.length() <= 60 ? text
        : text.substring(0, 60) + "... (" + (text.length() - 60) + " more)";
  }

  private static ProcessBuilder builder(LaunchSettings options, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.directory(asFile(childDirectory(options)));
    builder.environment().putAll(options.environment());
    return builder;
  }

  /** {@code directory} for {@link ProcessBuilder#directory}: null inherits this process's. */
  static File asFile(Path directory) {
    return directory == null ? null : directory.toFile();
  }

  /**
   * Where a child starts: its options' working directory (absolute, a relative one resolved
   * against this process's), else this process's, named by its path rather than inherited. A JVM
   * cannot start in a directory that was deleted (it exits at once with 'Could not determine
   * current working directory', and so would every child of a program
   * whose release directory a deploy replaced, or whose directory under /tmp was cleaned), so
   * such a directory is refused here, saying what to do; one made again at the same path serves,
   * where the inherited directory would still be the deleted one. Null where this process's
   * directory has a name this JVM cannot make a path of (see {@link #unnamableDirectory}): the
   * child inherits it; a relative working directory is then given as it is, relative.
   */
  static Path childDirectory(LaunchSettings options) {
    Path chosen = options.workingDirectory();
    if (chosen != null) {
      boolean fromUnnamable =
          !chosen.isAbsolute() && unnamableDirectory(System.getProperty("user.dir"));
      if (fromUnnamable && chosen.toString().isEmpty()) {
        return null; // this process's own directory, inherited
      }
      // Where this process's directory cannot be named, java.nio resolves a relative path against
      // the name as the JVM misread it (dir-??/sub, which does not exist, or threw
      // InvalidPathException), while java.io.File and ProcessBuilder's chdir resolve it against
      // the operating system's working directory, the right one.
      File relative = fromUnnamable ? new File(chosen.toString()) : null;
      if (fromUnnamable ? !relative.isDirectory() : !Files.isDirectory(chosen)) {
        // Said here, not by ProcessBuilder.start, whose message ('Cannot run program .../java (in
        // directory ...): error=2') is followed by the whole command line, and says no fix.
        boolean file = fromUnnamable ? relative.exists() : Files.exists(chosen);
        throw new UncheckedIOException("cannot start a child JVM in working directory " + chosen
            + ": " + (file ? "it is a file, not a directory" : "No such file or directory")
            + ", and a process starts in its working directory: create the directory first, or"
            + " pass workingDirectory one that exists", file
                ? new NotDirectoryException(chosen.toString())
                : new NoSuchFileException(chosen.toString()));
      }
      // Absolute, as the check above read it: Path.of("") is this process's directory to Files,
      // but ProcessBuilder handed "" to chdir, which failed (error=2, with the whole command line).
      return fromUnnamable ? chosen : chosen.toAbsolutePath();
    }
    String userDir = System.getProperty("user.dir");
    if (unnamableDirectory(userDir)) {
      return null;
    }
    Path here = Path.of(userDir);
    if (!Files.isDirectory(here)) {
      throw new UncheckedIOException("cannot start a child JVM: this process's working directory "
          + here + " has been deleted, and a JVM cannot start in a deleted directory (the child"
          + " would exit at once with 'Could not determine current working directory'): give the"
          + " child one that exists, Ferry.options().workingDirectory(dir).spawn(...) or"
          + " .pool(n)", new NoSuchFileException(here.toString()));
    }
    return here;
  }

  /**
   * Whether {@code userDir}, this process's working directory, has a name this JVM cannot make a
   * path of: a character its locale's charset cannot write ({@code /srv/données} under {@code
   * LANG=C}, the default of many containers, where the JVM reads the name as {@code
   * /srv/donn??es}). A program runs there all the same (its class path is absolute), but naming
   * the directory for a child threw {@code InvalidPathException: Malformed input or input contains
   * unmappable characters} out of every spawn and pool.
   */
  private static boolean unnamableDirectory(String userDir) {
    try {
      Path.of(userDir);
      return false;
    } catch (InvalidPathException e) {
      return true;
    }
  }

  private static byte[] startMessage(SpawnContext context, String name, Path failureFile,
      SerializedLambda method, ArgumentsTold arguments, Object[] args) {
    ByteOutput out = BoundedOutputs.bounded(256, MAX_START_BYTES + START_HEADER_BYTES); // stops past the limit
    out.writeFixedLong(MAGIC);
    out.writeFixedLong(0); // length, patched below
    out.writeFixedLong(0); // the head's length, patched below
    out.writeVarLong(ProcessHandle.current().pid());
    out.writeString(name);
    out.writeString(failureFile.toString());
    out.writeString(method.getImplClass().replace('/', '.'));
    out.writeString(method.getImplMethodName());
    out.writeString(method.getImplMethodSignature());
    out.writeString(arguments.what());
    out.writeString(arguments.tooLargeFix());
    int headEnd = out.size();
    out.writeVarInt(args.length);
    context.enter();
    byte[] bytes;
    try {
      for (Object arg : args) {
        if (arg != null) {
          // A plugin's class, say: the child would fail reading it, exit 2, after a JVM start
          String type = arg.getClass().getName();
          requireOnClassPath(arg.getClass().getClassLoader(), type, RuntimeRules.withArticle(type)
              + " among " + arguments.what() + " cannot be handed to a child", "an argument's class");
        }
        MessageTypes.writeTagged(out, arg);
      }
      bytes = out.toByteArray();
    } catch (IllegalArgumentException e) {
      long needed = BoundedOutputs.needed(e);
      if (needed < 0) {
        throw e; // [ferry:not-transferable] and the like
      }
      // It used to encode them whole first, which the heap may not hold
      throw argumentsTooLarge("at least " + (needed - START_HEADER_BYTES));
    } catch (OutOfMemoryError e) {
      if (ThreadShortage.isThreadStart(e)) {
        // A channel argument's server could not start its threads: not the heap (ulimit -u 31)
        OutOfMemoryError explained = new OutOfMemoryError("no child was started: " + e.getMessage()
            + ": this process could not start a thread to serve the channels it hands the child; it"
            + " is at a limit on threads (ulimit -u, a container's pids limit) or out of memory for"
            + " their stacks (ulimit -v): raise the limit, or run fewer threads or processes");
        explained.initCause(e);
        throw explained;
      }
      // It used to reach spawn's caller bare; no child has been started yet.
      throw new IllegalArgumentException("no child was started: this process's heap ("
          + HeapLimit.described() + ") could not hold the spawn arguments' encoding beside what it"
          + " holds (and a child's start-up message may hold at most " + MAX_START_BYTES
          + " bytes, 68 MiB): hand the child a channel and send the data in parts, pass the path"
          + " of a file, or give this process a larger -Xmx", e);
    } finally {
      context.exit();
    }
    if (bytes.length - START_HEADER_BYTES > MAX_START_BYTES) {
      throw argumentsTooLarge(String.valueOf(bytes.length - START_HEADER_BYTES));
    }
    Wire.putLongLE(bytes, 8, bytes.length - START_HEADER_BYTES);
    Wire.putLongLE(bytes, 16, headEnd - START_HEADER_BYTES);
    return bytes;
  }

  private static IllegalArgumentException argumentsTooLarge(String size) {
    return new IllegalArgumentException("the spawn arguments take " + size + " bytes, more than the "
        + MAX_START_BYTES + " (68 MiB) a child's start-up message may hold: hand the child a"
        + " channel and send the data in parts, or pass the path of a file");
  }

  /** The static method a spawn target points to, refusing anything else. */
  public static SerializedLambda targetMethod(Serializable target) {
    return targetMethod(target, "spawn target");
  }

  /**
   * The static method a serializable method reference points to, refusing anything else in words
   * that name it as the user passed it: {@code role} is "spawn target", "pool task" or "pool's
   * initializer" (a pool's task was refused as "the spawn target").
   */
  public static SerializedLambda targetMethod(Serializable target, String role) {
    SerializedLambda lambda;
    try {
      Method writeReplace = target.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      lambda = (SerializedLambda) writeReplace.invoke(target);
    } catch (NoSuchMethodException | ClassCastException e) {
      throw RuntimeRules.spawnTarget("the " + role + " " + target.getClass().getName()
          + " is not a method reference or lambda");
    } catch (InaccessibleObjectException e) {
      Class<?> type = target.getClass();
      throw new IllegalStateException(
          "Ferry cannot read a spawn target written in package " + type.getPackageName()
              + " of module " + type.getModule().getName() + ", which is not open to it: add"
              + " 'opens " + type.getPackageName() + " to " + moduleName() + ";' to its"
              + " module-info.java", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the spawn target " + target.getClass().getName(), e);
    }
    String method = lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName();
    if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
      throw RuntimeRules.spawnTarget("the " + role + " " + method + " is not a static method");
    }
    int captured = lambda.getCapturedArgCount();
    if (captured > 0) {
      // A lambda's method is named as stack traces name it (lambda$main$0), so it can be found
      throw RuntimeRules.spawnTarget("the " + role + " " + method + ", a lambda, captures "
          + captured + (captured == 1 ? " value" : " values"));
    }
    String className = lambda.getImplClass().replace('/', '.');
    requireOnClassPath(target.getClass().getClassLoader(), className,
        "the target " + method + " cannot be run in a child", "the target");
    return lambda;
  }

  /**
   * Refuses a target, or a spawn argument, whose class a child could not load: a child loads it
   * by name from the class (or module) path, with the system class loader, so a class that only
   * another loader of this process holds (a program run from source, {@code java Main.java}, whose
   * classes are compiled in memory; a plugin's loader) would fail there with a bare {@code
   * ClassNotFoundException}. {@code refused} says what cannot be done, {@code found} what the
   * child looks for by name. Costs nothing for a class the system, platform or boot class loader
   * defined, as every class path program's are.
   */
  private static void requireOnClassPath(
      ClassLoader loader, String className, String refused, String found) {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (loader == system || loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return;
    }
    try {
      Class.forName(className, false, system);
      return;
    } catch (ClassNotFoundException | LinkageError e) {
      // not visible from the class path: refused below
    }
    String loaderName = loader == null ? "the boot class loader" : loader.getClass().getName();
    String fix;
    if (loaderName.endsWith("MemoryClassLoader")) {
      String file = System.getProperty("jdk.launcher.sourcefile"); // set by the source launcher
      String main = file == null ? className : mainClassOf(Path.of(file), className);
      fix = "this program runs from source (java "
          + (file == null ? className.replace('.', '/') + ".java" : Path.of(file).getFileName())
          + "), its"
          + " classes compiled in memory: compile it (javac -d classes ...) and run it from the"
          + " class path (java -cp classes:... " + main + ")";
    } else if (System.getProperty("maven.home") != null) {
      // mvn exec:java, and Surefire or Failsafe with forkCount=0, load the project's classes in
      // Maven's own JVM, whose class path is Maven's boot jar: the mvn script sets maven.home.
      fix = loaderName.startsWith("org.apache.maven.surefire.")
          ? "these tests run inside Maven's own JVM (Surefire or Failsafe with forkCount=0), whose"
              + " class path is Maven's: let them run in a JVM of their own, with forkCount 1 (the"
              + " default) or more"
          : "this program runs inside Maven's own JVM (mvn exec:java), whose class path is"
              + " Maven's: run it in a JVM of its own, with mvn exec:exec (executable java,"
              + " arguments -cp, <classpath/> and the main class) or with java -cp and the"
              + " project's class path";
    } else {
      // java -jar app.jar whose launcher loads classes from inside it (Spring Boot) says how to
      // unpack it: the class is in the one jar on the class path, where the child cannot see it
      String nested = NestedJarLaunch.fix(System.getProperty("java.class.path"), className);
      fix = nested != null ? nested
          : "put " + className + " on the class path (or module path) the program starts with";
    }
    throw new IllegalStateException(refused + ": its class was loaded by " + loaderName + ", not"
        + " from the class path, and a child JVM finds " + found + " by name on the class path,"
        + " where there is no " + className + "; " + fix);
  }

  /**
   * The main class of a program run from source, {@code java Main.java}, that a class compiled in
   * memory, {@code className}, belongs to: the class {@code file} declares, which is not {@code
   * className} where JDK 22+ compiled several files ({@code Main.java} and the {@code Helper.java}
   * beside it), and the message used to say to run {@code java Helper.java}.
   */
  private static String mainClassOf(Path file, String className) {
    String name = file.getFileName().toString();
    String main = name.endsWith(".java") ? name.substring(0, name.length() - 5) : name;
    return className.equals(main) || className.endsWith("." + main) ? className : main;
  }

  static String moduleName() {
    Module module = Launcher.class.getModule();
    return module.isNamed() ? module.getName() : "dev.ferry.runtime";
  }

  /**
   * {@code path} (a class or module path of this JVM) for a child whose JVM resolves relative
   * entries against another directory than this process's: its relative entries, such as {@code
   * java -jar app.jar}'s {@code app.jar} or the {@code classes} and {@code lib/a.jar} of {@code
   * java -cp classes:lib/*}, name files from this process's working directory, so they are
   * resolved against it (an empty entry is the working directory too). Unchanged for a child whose
   * JVM resolves them as this one did. An entry this JVM cannot make a path of (a name its
   * locale's charset cannot write) goes as it is. Where this process's directory has such a name
   * ({@link #unnamableDirectory}), absolute entries go as they are, and a relative one, which
   * cannot be named for the child, is refused.
   *
   * @param which the path's name in a refusal, {@code "class path"}
   */
  private static String fromHere(String path, LaunchSettings options, String which) {
    if (!resolvesElsewhere(options)) {
      return path;
    }
    String userDir = System.getProperty("user.dir");
    Path here = unnamableDirectory(userDir) ? null : Path.of(userDir);
    List<String> entries = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator, -1)) {
      String resolved = entry;
      try {
        if (here != null) {
          resolved = here.resolve(entry).toString();
        } else if (!Path.of(entry).isAbsolute()) {
          throw new IllegalStateException("cannot start a child JVM in another working directory"
              + " (" + (options.workingDirectory() != null
                  ? "workingDirectory " + options.workingDirectory() : USER_DIR_FLAG + "...")
              + "): the entry \"" + entry + "\" of this process's " + which + " names a file"
              + " in this process's working directory, whose name this JVM cannot write in its"
              + " locale's charset (it reads it as " + userDir + "), so the child cannot be told"
              + " where it is: give the " + which + " as absolute paths, or run this program in a"
              + " locale whose charset can write the name (LANG=C.UTF-8)");
        }
      } catch (InvalidPathException e) {
        // as the JVM was given it, which the child reads as this JVM did
      }
      entries.add(resolved);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The variables whose flags a child's {@code java} launcher or JVM reads as its own. */
  private static final List<String> JAVA_OPTIONS_VARIABLES =
      List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

  /**
   * Whether a child's JVM resolves relative path entries against another directory than this
   * process's {@code user.dir}: it starts in its {@code workingDirectory}, or a {@code
   * -Duser.dir=} flag (in {@code jvmFlags}, or in a variable of {@link #JAVA_OPTIONS_VARIABLES} it
   * is given) names another. A child given {@code -Duser.dir=/srv} could not find ChildMain on a
   * relative class path and exited with 1.
   */
  private static boolean resolvesElsewhere(LaunchSettings options) {
    if (options.workingDirectory() != null) {
      return true;
    }
    for (String flag : options.jvmFlags()) {
      if (flag.startsWith(USER_DIR_FLAG)) {
        return true;
      }
    }
    for (String variable : JAVA_OPTIONS_VARIABLES) {
      String value = options.environment().get(variable);
      if (value != null && value.contains(USER_DIR_FLAG)) {
        return true;
      }
    }
    return false;
  }

  private static final String USER_DIR_FLAG = "-Duser.dir=";

  /**
   * {@code java.home}'s java, the access (from java -jar's manifest, or opens to Ferry from the
   * command line) and {@code --enable-preview} in effect here that the
   * child's classes need, the user's flags, this JVM's class and module path (a long one in an
   * argument file, see {@link PathArguments}), ChildMain.
   */
  public static List<String> command(LaunchSettings options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String classPath = System.getProperty("java.class.path");
    if (classPath != null) {
      command.addAll(JarManifestAccess.flags(classPath)); // what java -jar's manifest granted
    }
    command.addAll(CommandLineOpens.flags()); // java --add-opens app/app=dev.ferry.runtime
    if (PreviewFeatures.enabledHere()) {
      command.add("--enable-preview"); // the child loads the classes this JVM did
    }
    command.addAll(options.jvmFlags());
    if (classPath != null && !classPath.isEmpty()) {
      PathArguments.add(command, "-cp", fromHere(classPath, options, "class path"));
    }
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      PathArguments.add(command, "--module-path", fromHere(modulePath, options, "module path"));
      command.add("--add-modules");
      command.add("ALL-MODULE-PATH");
    }
    Module module = Launcher.class.getModule();
    if (module.isNamed()) {
      String linked = LinkedModules.names();
      if (!linked.isEmpty()) {
        command.add("--add-modules"); // the program's modules jlink put in java.home's image
        command.add(linked);
      }
      command.add("-m");
      command.add(module.getName() + "/" + ChildMain.class.getName());
    } else {
      command.add(ChildMain.class.getName());
    }
    return command;
  }
}
