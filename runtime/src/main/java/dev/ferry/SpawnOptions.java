package dev.ferry;

import dev.ferry.internal.process.LaunchSettings;
import dev.ferry.internal.process.Launcher;

import dev.ferry.annotation.SpawnArgument;
import dev.ferry.annotation.SpawnTarget;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a child: immutable, each method returns a copy with one more setting.
 *
 * <pre>{@code
 * Child child = Ferry.options()
 *     .name("indexer")
 *     .jvmFlags("-Xmx512m", "-XX:TieredStopAtLevel=1")
 *     .environment("LANG", "C.UTF-8")
 *     .workingDirectory(Path.of("/srv/index"))
 *     .spawn(Indexer::run, jobs);
 * }</pre>
 */
public final class SpawnOptions {
  static final SpawnOptions DEFAULTS = new SpawnOptions(List.of(), null, Map.of(), null, null);

  private final List<String> jvmFlags;
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final String name;
  private final Boolean keepSpare; // null: the default, a spare once these options repeat

  private SpawnOptions(
      List<String> jvmFlags,
      Path workingDirectory,
      Map<String, String> environment,
      String name,
      Boolean keepSpare) {
    this.jvmFlags = jvmFlags;
    this.workingDirectory = workingDirectory;
    this.environment = environment;
    this.name = name;
    this.keepSpare = keepSpare;
  }

  /**
   * The {@code java} launcher's options that make it print something (or check the modules) and
   * exit instead of running the main class, and the JVM's that make it write a class-data sharing
   * archive and exit ({@code -Xshare:dump}; {@code -XX:+DumpSharedSpaces} on JDK 17, which JDK 19
   * ignores), or print their version, their flags' defaults or their class-data sharing archive and
   * exit ({@code -Xinternalversion}, {@code -XX:+PrintFlagsInitial}, {@code
   * -XX:+PrintSharedArchiveAndExit}, and {@code -XX:+JVMCIPrintProperties} with JVMCI enabled, on
   * JDK 17 and 25), or, from JDK 24, write an AOT cache from a training run's configuration and
   * exit ({@code -XX:AOTMode=create}, the second step of JEP 483's workflow), or print the help of
   * one of their options and exit: the unified logging's ({@code -Xlog:help}), the debugger
   * agent's ({@code -agentlib:jdwp=help}, {@code -Xrunjdwp:help}, and {@code -agentpath:} of its
   * library, see {@link #printsAgentHelp}) and, on JDK 25, the flight recorder's ({@code
   * -XX:StartFlightRecording=help} or {@code :help}; JDK 17 says it knows no such option and
   * runs the main class): a child given one would exit with 0, as if its target had returned,
   * without running it.
   */
  private static final Set<String> INSTEAD_OF_MAIN = Set.of(
      "-version", "--version", "-fullversion", "--full-version", "-help", "--help", "-h", "-?",
      "-X", "--help-extra", "--list-modules", "--validate-modules", "--dry-run", "-d",
      "--describe-module", "-Xshare:dump", "-XX:+DumpSharedSpaces", "-Xinternalversion",
      "-XX:+PrintFlagsInitial", "-XX:+PrintSharedArchiveAndExit", "-XX:+JVMCIPrintProperties",
      "-XX:AOTMode=create", "-Xlog:help", "-agentlib:jdwp=help", "-Xrunjdwp:help",
      "-XX:StartFlightRecording=help", "-XX:StartFlightRecording:help");

  /**
   * Whether {@code flag} loads the debugger agent's library by its path with the one option
   * {@code help}, which prints the agent's usage and ends the JVM with 0 as {@code
   * -agentlib:jdwp=help} does (the agent reads {@code help} so only when it is all of its
   * options).
   */
  private static boolean printsAgentHelp(String flag) {
    if (!flag.startsWith("-agentpath:") || !flag.endsWith("=help")) {
      return false;
    }
    String library = flag.substring(0, flag.length() - "=help".length());
    return library.endsWith("jdwp.so") || library.endsWith("jdwp.dylib")
        || library.endsWith("jdwp.dll");
  }

  /**
   * The JVM's options that name a file of more options ({@code -XX:VMOptionsFile=opts}, {@code
   * -XX:Flags=.hotspotrc}), which the JVM reads as the child starts, as java does an argument file:
   * one saying {@code -Xshare:dump} (or {@code +DumpSharedSpaces}) made the child exit with 0
   * without running its target, on JDK 17 and 25.
   */
  private static final List<String> OPTIONS_FILE = List.of("-XX:VMOptionsFile=", "-XX:Flags=");

  /**
   * The {@code java} launcher's options that name the program to run ({@code -jar app.jar}, {@code
   * -m module/Main}): a child given one would run that program's main class instead of the
   * child's, with the child's class path and main class as its arguments, and exit with its code
   * (0 when it returns) as if the target had run.
   */
  private static final Set<String> OTHER_MAIN = Set.of("-jar", "-m", "--module");

  /**
   * The {@code java} launcher's option that runs a program from its source file ({@code --source
   * 17}, JEP 330): a child given it took the child's main class for the name of a source file and
   * never started ({@code error: source file not found: dev.ferry.internal.process.ChildMain}), on
   * JDK 17 and 25.
   */
  private static boolean runsASourceFile(String flag) {
    return flag.equals("--source") || flag.startsWith("--source=");
  }

  /**
   * The {@code java} launcher's options that set the class path: the child's command line gives it
   * this process's class path after the flags, and the last one given wins, so a child given one
   * ran without it and without a word ({@code -cp extra.jar} left {@code extra.jar} off its class
   * path).
   */
  private static final Set<String> CLASS_PATH = Set.of("-cp", "-classpath", "--class-path");

  /**
   * The {@code java} launcher's options (JDK 17 and 25) that take their value as the next flag
   * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}), besides those refused anyway ({@code
   * -cp}, {@code -m}, {@code --source}, ...): any other flag not beginning with '-' is the first
   * word that is not an option, which java takes for the name of the main class.
   */
  private static final Set<String> VALUE_NEXT = Set.of(
      "-p", "--module-path", "--upgrade-module-path", "--add-modules", "--enable-native-access",
      "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module");

  /** Whether java takes the flag after {@code flags} as the value of the last of them. */
  private static boolean awaitsValue(List<String> flags) {
    boolean value = false;
    for (String flag : flags) {
      value = !value && VALUE_NEXT.contains(flag); // a value is no option, even one named so
    }
    return value;
  }

  /** Why a last {@code flag} of {@link #VALUE_NEXT} with nothing after it cannot be given. */
  private static String noValue(String flag) {
    return "the flag \"" + flag + "\" takes its value as the next flag, and none follows it: java"
        + " would take what comes after it (the child's class path option) for its value, or"
        + " refuse it, and the child would not start";
  }

  private static boolean setsClassPath(String flag) {
    return CLASS_PATH.contains(flag) || flag.startsWith("--class-path=")
        || flag.startsWith("-Djava.class.path=");
  }

  /**
   * Adds flags for the child's {@code java} command, before the class path (e.g. {@code -Xmx1g}).
   * An empty flag is refused: {@code java} would take it for the name of the main class; so is one
   * holding a NUL character, which no command line can carry, and one such as {@code -version} or
   * {@code --help} that makes {@code java} exit without running the child, and one such as {@code
   * -jar} or {@code -m} that makes it run another program's main class instead, and {@code
   * --source}, which makes it run a source file instead, and one such as {@code -cp} that sets the
   * class path, which the child gets from this process. So is a flag not beginning with
   * {@code '-'} ({@code "Xmx1g"}), which {@code java} would take for the name of the main class,
   * unless it is the value of the flag before it, an option that takes its value as the next
   * flag ({@code "--add-opens", "java.base/java.lang=ALL-UNNAMED"}; {@code -p}, {@code
   * --add-modules}, {@code --add-exports} and the other module options); such an option left last,
   * its value given by no later call, is refused when the child is spawned. So is a java
   * argument file ({@code @flags.txt}), and a JVM options file ({@code -XX:VMOptionsFile=opts},
   * {@code -XX:Flags=file}): java would read its flags as the child starts, past these checks; pass
   * the flags it holds instead.
   */
  public SpawnOptions jvmFlags(String... flags) {
    Objects.requireNonNull(flags, "flags == null");
    List<String> all = new ArrayList<>(jvmFlags);
    for (String flag : flags) {
      if (Objects.requireNonNull(flag, "a flag is null").isBlank()) {
        throw new IllegalArgumentException("a flag is empty or blank: \"" + flag + "\" (java would"
            + " take it for the name of the main class, and the child would not start)");
      }
      if (flag.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("the flag \"" + printable(flag) + "\" holds a NUL"
            + " character (\\0), which a command line cannot carry: the child would not start");
      }
      String refused = refusal(flag);
      if (refused != null) {
        throw new IllegalArgumentException(refused);
      }
      if (!flag.startsWith("-") && !awaitsValue(all)) {
        throw new IllegalArgumentException("the flag \"" + flag + "\" does not begin with '-',"
            + " so java would take it for the name of the main class, and the child would not"
            + " start: a JVM flag begins with '-' (-Xmx1g, -Dname=value); a value goes right after"
            + " the option that takes it as the next flag (\"--add-opens\", \"java.base/"
            + "java.lang=ALL-UNNAMED\"), or in the option itself (--add-opens=...)");
      }
      all.add(flag);
    }
    return new SpawnOptions(List.copyOf(all), workingDirectory, environment, name, keepSpare);
  }

  /**
   * Why the child cannot be given {@code flag} (the message of the refusal, starting {@code the
   * flag "..."}), or null if it can.
   */
  private static String refusal(String flag) {
    if (flag.startsWith("@")) {
      return "the flag \"" + flag + "\" names a java argument file,"
          + " whose flags java reads as the child starts, where Ferry cannot check them (one"
          + " saying -version, -jar or -cp would make the child exit as if its target had"
          + " returned, or run without its class path): pass the flags it holds to jvmFlags"
          + " themselves, one string each";
    }
    for (String option : OPTIONS_FILE) {
      if (flag.startsWith(option)) {
        return "the flag \"" + flag + "\" names a JVM options file, whose flags the JVM reads as"
            + " the child starts, where Ferry cannot check them (one saying -Xshare:dump would make"
            + " the child exit with 0 as if its target had returned): pass the flags it holds to"
            + " jvmFlags themselves, one string each";
      }
    }
    if (INSTEAD_OF_MAIN.contains(flag) || flag.startsWith("--describe-module=")
        || printsAgentHelp(flag)) {
      return "the flag \"" + flag + "\" makes java exit without"
          + " running the child, which would then exit with 0 as if its target had returned:"
          + " run `java " + flag + "` yourself instead";
    }
    if (OTHER_MAIN.contains(flag) || flag.startsWith("--module=")) {
      return "the flag \"" + flag + "\" makes java run another"
          + " program's main class instead of the child, which would then exit with that"
          + " program's code as if its target had returned: children get this process's class"
          + " path and module path, so put what the child needs there; to start another program,"
          + " use ProcessBuilder";
    }
    if (runsASourceFile(flag)) {
      return "the flag \"" + flag + "\" makes java compile and run a source file instead of a"
          + " class, and it would take the child's main class for the name of that file, so the"
          + " child would never start: a child runs compiled classes from this process's class"
          + " path, so leave the flag out (compile with javac --release N to pick the language"
          + " level)";
    }
    if (setsClassPath(flag)) {
      return "the flag \"" + flag + "\" sets the class path, which a"
          + " child gets from this process (java.class.path) after its flags, so the child would"
          + " run without it: put what the child needs on this process's class path";
    }
    return null;
  }

  /**
   * The child's working directory; by default this process's. A relative one is resolved against
   * this process's. A path of another file system than the default one (a directory inside a zip
   * file's) is refused: a process starts in a directory of the operating system's.
   */
  public SpawnOptions workingDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory == null");
    if (directory.getFileSystem() != FileSystems.getDefault()) {
      throw new IllegalArgumentException("the working directory " + directory + " is a path of "
          + directory.getFileSystem().getClass().getName() + " (" + directory.toUri() + "), not"
          + " of the default file system: a child is a process of the operating system, which"
          + " starts in one of its own directories; pass a path of the default file system, e.g."
          + " Path.of(\"/srv/work\")");
    }
    return new SpawnOptions(jvmFlags, directory, environment, name, keepSpare);
  }

  /**
   * Sets one variable of the child's environment, which otherwise is a copy of this process's. A
   * name that is empty or holds {@code '='} or a NUL character, or a value holding a NUL, is
   * refused here: an environment entry is {@code NAME=value} ending at a NUL, so the child could
   * not be given it. {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS} and {@code _JAVA_OPTIONS}
   * give the child's java flags of their own: one that {@link #jvmFlags} refuses is refused in
   * them too, and so is what java refuses there: a word not beginning with {@code '-'} (in {@code
   * JDK_JAVA_OPTIONS}, unless it is the value of the option before it, which must have one), and
   * in the other two an option such as {@code --add-opens} with its value in the next word.
   */
  public SpawnOptions environment(String variable, String value) {
    Objects.requireNonNull(variable, "variable == null");
    Objects.requireNonNull(value, "value == null");
    String wrongName = variable.isEmpty() ? "is empty"
        : variable.indexOf('=') >= 0 ? "holds '=' (pass the name alone: environment(\"A\", \"1\"),"
            + " not environment(\"A=1\", ...))"
        : variable.indexOf('\0') >= 0 ? "holds a NUL character (\\0)"
        : null;
    if (wrongName != null) {
      throw new IllegalArgumentException("the environment variable name \"" + printable(variable)
          + "\" " + wrongName + ": an environment entry is NAME=value ending at a NUL, so the child"
          + " could not be given it");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("the value of the environment variable " + variable
          + " holds a NUL character (\\0): \"" + printable(value) + "\"; an environment entry"
          + " ends at a NUL, so the child could not be given it");
    }
    if (JAVA_OPTIONS_VARIABLES.contains(variable)) {
      String refused = refusalIn(variable, optionsIn(value));
      if (refused != null) {
        throw new IllegalArgumentException("the environment variable " + variable + " gives the"
            + " child's java flags of its own, past jvmFlags' checks: " + refused);
      }
    }
    Map<String, String> all = new LinkedHashMap<>(environment);
    all.put(variable, value);
    return new SpawnOptions(jvmFlags, workingDirectory, Map.copyOf(all), name, keepSpare);
  }

  /**
   * The variables whose flags the child's {@code java} launcher ({@code JDK_JAVA_OPTIONS}) or JVM
   * ({@code JAVA_TOOL_OPTIONS}, {@code _JAVA_OPTIONS}) takes besides its command line: {@code
   * environment("JDK_JAVA_OPTIONS", "-cp extra.jar")} ran the child without extra.jar, and {@code
   * -Xshare:dump} in any of them made it exit 0 without running its target.
   */
  private static final Set<String> JAVA_OPTIONS_VARIABLES =
      Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

  /**
   * Why the child cannot be given {@code flags} in {@code variable}, or null. The launcher takes
   * JDK_JAVA_OPTIONS as it takes its command line's options, except that it refuses a main class
   * there ("Cannot specify main class in environment variable"): a word not beginning with '-'
   * must be the value of the option before it, and such an option must have one. The JVM itself
   * reads the other two, and takes neither a word without '-' nor such an option with its value
   * in the next word ("Unrecognized option: --add-opens"): only {@code --add-opens=...}.
   */
  private static String refusalIn(String variable, List<String> flags) {
    boolean launcher = variable.equals("JDK_JAVA_OPTIONS");
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      String refused = refusal(flag);
      if (refused != null) {
        return refused;
      }
      if (!launcher && VALUE_NEXT.contains(flag)) {
        return "the flag \"" + flag + "\" takes its value as the next word only on java's command"
            + " line or in JDK_JAVA_OPTIONS; the JVM refuses it here, and the child would not"
            + " start: write the value in the option itself (" + flag + "=...)";
      }
      boolean value = launcher && awaitsValue(flags.subList(0, i));
      if (!flag.startsWith("-") && !value) {
        return "the word \"" + flag + "\" does not begin with '-', and java refuses it there (a"
            + " main class, or no option), so the child would not start: give flags beginning"
            + " with '-' (-Xmx1g, -Dname=value)";
      }
    }
    return launcher && awaitsValue(flags) ? noValue(flags.get(flags.size() - 1)) : null;
  }

  /**
   * The flags in such a variable's value as java splits them: at white space, except within single
   * or double quotes, which it drops.
   */
  private static List<String> optionsIn(String value) {
    List<String> options = new ArrayList<>();
    StringBuilder option = new StringBuilder();
    boolean inOption = false;
    char quote = 0;
    for (char c : value.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          option.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inOption = true;
      } else if (Character.isWhitespace(c)) {
        if (inOption) {
          options.add(option.toString());
          option.setLength(0);
          inOption = false;
        }
      } else {
        option.append(c);
        inOption = true;
      }
    }
    if (inOption) {
      options.add(option.toString());
    }
    return options;
  }

  /**
   * The child's name in messages and failures; by default the target method's name and a number.
   *
   * @throws IllegalArgumentException if {@code name} is empty or blank (no-break spaces too), or
   *     holds a control character or a line break ({@code U+2028} and {@code U+2029} too):
   *     messages quote the name to tell children apart
   */
  public SpawnOptions name(String name) {
    Objects.requireNonNull(name, "name == null");
    String wrong = isBlank(name) ? "is empty or blank"
        : name.chars().anyMatch(Character::isISOControl) ? "holds a control character"
        : name.chars().anyMatch(SpawnOptions::isLineBreak) ? "holds a line break" : null;
    if (wrong != null) {
      throw new IllegalArgumentException("the child's name \"" + printable(name) + "\" " + wrong
          + ": messages and failures quote a child's name to tell it apart from the others, so"
          + " it must be one line of visible text; pass such a name, or leave the default (the"
          + " target method's name and a number)");
    }
    return new SpawnOptions(jvmFlags, workingDirectory, environment, name, keepSpare);
  }

  /**
   * Whether to keep one child JVM started ahead of time for these options (flags, working
   * directory, environment; not the name), so that the next spawn with them hands that JVM its
   * target instead of starting one: it then skips the JVM's start-up, Ferry's and the JDK's socket
   * set-up, most of a spawn's time. A process keeps spares for the options of the latest spawn or
   * pool that wanted them: one after a spawn, as many as the pool has workers after a {@link
   * #pool(int)}, whose workers the next pool with these options then starts on.
   *
   * <p>By default spares are kept once a spawn or pool uses the same options as the one before it
   * (the process evidently starts one child or pool after another), so a program that spawns once,
   * or with other options each time, never starts a JVM it does not use. {@code true}: spares from
   * the first spawn or pool on; {@code false}: never (no idle JVM beside this process).
   */
  public SpawnOptions keepSpare(boolean keep) {
    return new SpawnOptions(jvmFlags, workingDirectory, environment, name, keep);
  }

  /**
   * These options as the launcher takes them, at spawn: a last flag that takes its value as the
   * next flag ({@code jvmFlags("--add-modules")} and no later call) is refused here, where no later
   * call can give its value; java would take the child's {@code -cp} for it, and the child would
   * not start.
   */
  LaunchSettings settings() {
    if (awaitsValue(jvmFlags)) {
      String flag = jvmFlags.get(jvmFlags.size() - 1);
      throw new IllegalArgumentException(noValue(flag) + ": give its value as the flag after it"
          + " (jvmFlags(\"" + flag + "\", value))");
    }
    return new LaunchSettings(jvmFlags, workingDirectory, environment, name, keepSpare);
  }

  /**
   * A pool of {@code workers} worker JVMs, each started with these options.
   *
   * @throws IllegalArgumentException if {@code workers} is less than 1 or more than 1,024 (a pool
   *     starts every worker's JVM at once), or a last flag awaits its value (see {@link
   *     #jvmFlags})
   */
  public ProcessPool pool(int workers) {
    return new ProcessPool(this, workers);
  }

  /**
   * Starts a child JVM with these options that runs {@code target}, a reference to a static method
   * (it may be private), and returns at once; the overloads below pass up to four arguments, copied
   * to the child by their codecs, {@code @InheritOnly} ones (channels) opened again there. The
   * child's exit code and failure are its {@link Child}'s.
   *
   * @throws IllegalArgumentException {@code [ferry:spawn-target]} for a target that is not a
   *     reference to a static method (a lambda that captures, {@code obj::run}); {@code
   *     [ferry:not-transferable]} for an argument with no codec; if the arguments take more than
   *     68 MiB, or a last flag awaits its value (see {@link #jvmFlags})
   * @throws IllegalStateException if the target's class, or an argument's, was not loaded from the
   *     class path (a child could not find it), or this JVM is shutting down
   * @throws ChannelClosedException if a channel among the arguments was closed in this process,
   *     which did not create it
   * @throws java.io.UncheckedIOException if no child can be started: its working directory does
   *     not exist, its command line is too long, or {@code java.io.tmpdir} is unusable
   */
  public Child spawn(@SpawnTarget Ferry.Target0 target) {
    return new Child(Launcher.spawn(settings(), target));
  }

  /** {@link #spawn(Ferry.Target0)} with arguments. */
  public <A> Child spawn(@SpawnTarget Ferry.Target1<A> target, @SpawnArgument A a) {
    return new Child(Launcher.spawn(settings(), target, a));
  }

  /** {@link #spawn(Ferry.Target0)} with arguments. */
  public <A, B> Child spawn(
      @SpawnTarget Ferry.Target2<A, B> target, @SpawnArgument A a, @SpawnArgument B b) {
    return new Child(Launcher.spawn(settings(), target, a, b));
  }

  /** {@link #spawn(Ferry.Target0)} with arguments. */
  public <A, B, C> Child spawn(
      @SpawnTarget Ferry.Target3<A, B, C> target,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c) {
    return new Child(Launcher.spawn(settings(), target, a, b, c));
  }

  /** {@link #spawn(Ferry.Target0)} with arguments. */
  public <A, B, C, D> Child spawn(
      @SpawnTarget Ferry.Target4<A, B, C, D> target,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c,
      @SpawnArgument D d) {
    return new Child(Launcher.spawn(settings(), target, a, b, c, d));
  }

  /**
   * Whether {@code name} shows nothing: {@link String#isBlank} takes no-break spaces ({@code
   * U+00A0}, {@code U+202F}) for visible text, and a name of them was quoted as {@code ""}.
   */
  private static boolean isBlank(String name) {
    return name.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  /**
   * Whether {@code c} is one of Unicode's own line breaks, {@code U+2028} and {@code U+2029}, which
   * are no control characters but break a quoted name's line in editors and log viewers as {@code
   * '\n'} does.
   */
  private static boolean isLineBreak(int c) {
    int type = Character.getType(c);
    return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** {@code text} with its control characters and line breaks as escapes, to quote on one line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\0' -> out.append("\\0");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || isLineBreak(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SpawnOptions{name=" + name + ", jvmFlags=" + jvmFlags + ", workingDirectory="
        + workingDirectory + ", environment=" + environment.keySet() + ", keepSpare=" + (keepSpare == null ? "once repeated" : keepSpare)
        + "}";
  }
}
