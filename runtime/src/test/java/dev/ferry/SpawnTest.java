package dev.ferry;

import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.transport.RuntimeFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
public class SpawnTest {

  private static void returns() {}

  private static void echo(String text, Integer number, byte[] bytes, Channel<String> replies)
      throws Exception {
    replies.send(text + "|" + number + "|" + Arrays.toString(bytes));
  }

  private static void point(Point point, Channel<Point> replies) throws Exception {
    replies.send(new Point(point.y(), point.x()));
  }

  private static void fails() {
    deeper();
  }

  private static void deeper() {
    throw new IllegalStateException("boom in the child");
  }

  private static void sleeps() throws InterruptedException {
    Thread.sleep(60_000);
  }

  private static void takesObject(Object value) {}

  private static void takesGrumpy(Grumpy grumpy) {}

  /**
   * A working directory that is missing, or a file, is refused naming it, why and the fix, for a
   * spawn and a pool (which starts its JVMs as it is made) alike (before, ProcessBuilder's 'Cannot run program ".../bin/java" (in
   * directory ...): error=2, No such file or directory' came with the whole command line, class
   * path and all, and no fix).
   */
  @Test
  void spawn_inAMissingWorkingDirectory_failsNamingTheDirectoryAndTheCause(@TempDir Path dir)
      throws Exception {
    Path missing = Path.of("/nonexistent-ferry-dir/work");
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    for (Path wrong : List.of(missing, file)) {
      String why = wrong == file ? "it is a file, not a directory" : "No such file or directory";
      String told = "cannot start a child JVM in working directory " + wrong + ": " + why + ", and"
          + " a process starts in its working directory: create the directory first, or pass"
          + " workingDirectory one that exists";
      SpawnOptions options = Ferry.options().workingDirectory(wrong).keepSpare(false);
      java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
          () -> options.spawn(SpawnTest::returns));
      assertEquals(told, e.getMessage());
      e = assertThrows(java.io.UncheckedIOException.class, () -> options.pool(1).close());
      assertEquals(told, e.getMessage());
    }
  }

  /**
   * An empty path is this process's working directory, as Files and Path.toAbsolutePath read it,
   * and a child and a pool's workers start there (before, Files.isDirectory(Path.of("")) passed the
   * check above, and ProcessBuilder handed "" to chdir: spawn and pool(1) threw 'cannot start a
   * child JVM in working directory : Cannot run program ".../bin/java" (in directory ""): error=2,
   * No such file or directory; command: [...]', the whole command line and no fix).
   */
  @Test
  void spawn_inTheEmptyPathAsWorkingDirectory_startsInThisProcesssDirectory() throws Exception {
    SpawnOptions here = Children.fast("empty-path").keepSpare(false).workingDirectory(Path.of(""));
    String expected = Path.of("").toAbsolutePath().toString();
    try (Channel<String> replies = Channel.create()) {
      Child child = here.spawn(SpawnTest::sendWorkingDirectory, replies);
      assertEquals(expected, replies.receive(Duration.ofSeconds(60)).orElseThrow());
      assertEquals(0, child.join());
    }
    try (ProcessPool pool = here.pool(1)) {
      assertEquals(expected, pool.submit(SpawnTest::workingDirectory).get(60, TimeUnit.SECONDS));
    }
  }

  /**
   * A directory inside a zip file (another file system's path) is refused saying so, and what to
   * pass instead (before, spawn and pool(1) threw a bare UnsupportedOperationException, with no
   * message, from Path.toFile as the child's process was built).
   */
  @Test
  void workingDirectory_ofAnotherFileSystem_isRefusedSayingSo(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("work.zip");
    try (java.nio.file.FileSystem zipped =
        java.nio.file.FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
      Path inside = Files.createDirectories(zipped.getPath("/work"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().workingDirectory(inside));
      assertEquals("the working directory /work is a path of " + zipped.getClass().getName()
          + " (" + inside.toUri() + "), not of the default file system: a child is a process of"
          + " the operating system, which starts in one of its own directories; pass a path of"
          + " the default file system, e.g. Path.of(\"/srv/work\")", e.getMessage());
    }
    try (Channel<String> replies = Channel.create()) {
      Child child = Children.fast("default-file-system").keepSpare(false).workingDirectory(dir)
          .spawn(SpawnTest::sendWorkingDirectory, replies);
      assertEquals(dir.toString(), replies.receive(Duration.ofSeconds(60)).orElseThrow());
      assertEquals(0, child.join());
    }
  }

  private static void sendWorkingDirectory(Channel<String> out) throws Exception {
    out.send(workingDirectory());
  }

  private static String workingDirectory() {
    return Path.of("").toAbsolutePath().toString();
  }

  /**
   * A flag or environment variable longer than the system starts a program with is named, cut,
   * with what to do instead (before, ProcessBuilder's 'Cannot run program ".../bin/java":
   * error=7, Argument list too long' came followed by the whole command line, the 200,000
   * characters of the flag and all, and no fix). A spawn and a pool alike.
   */
  @Test
  void spawn_withAFlagOrVariableTooLongToStartAProgram_namesItAndWhatToDoInstead() {
    String big = "x".repeat(200_000);
    String told = "cannot start a child JVM: its command line and environment are longer than this"
        + " system starts a program with (error=7, Argument list too long: Linux takes at most"
        + " 131072 bytes for one argument or NAME=value, and for all of them together a quarter of"
        + " the stack size limit, ulimit -s); the longest is ";
    String fix = ". Pass large values to the child as spawn arguments (they go over its stdin), or"
        + " in a file it reads";
    SpawnOptions flag = Ferry.options().keepSpare(false).jvmFlags("-ea", "-Dbig=" + big);
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> flag.spawn(SpawnTest::returns));
    String flagTold = told + "the flag \"-Dbig=" + "x".repeat(54) + "... (199946 more)\" of"
        + " jvmFlags, 200006 characters" + fix;
    assertEquals(flagTold, e.getMessage());
    e = assertThrows(java.io.UncheckedIOException.class, () -> flag.pool(1).close());
    assertEquals(flagTold, e.getMessage());
    e = assertThrows(java.io.UncheckedIOException.class, () -> Ferry.options().keepSpare(false)
        .environment("BIG", big).spawn(SpawnTest::returns));
    assertEquals(told + "the environment variable BIG of environment(...), 200004 characters" + fix,
        e.getMessage());
  }

  @Test
  void spawn_returnsZeroWhenTheTargetReturns() throws Exception {
    Child child = Children.fast("returns").spawn(SpawnTest::returns);
    assertEquals(0, child.join());
    assertFalse(child.isAlive());
    assertEquals(Optional.empty(), child.failure());
  }

  @Test
  void spawn_copiesArgumentsToTheChild() throws Exception {
    try (Channel<String> replies = Channel.create()) {
      Child child =
          Children.fast("echo").spawn(SpawnTest::echo, "héllo", 42, new byte[] {1, 2, 3}, replies);
      assertEquals("héllo|42|[1, 2, 3]", replies.receive());
      assertEquals(0, child.join());
    }
  }

  @Test
  void spawn_copiesATransferableRecordBothWays() throws Exception {
    try (Channel<Point> replies = Channel.create()) {
      Child child = Children.fast("point").spawn(SpawnTest::point, new Point(1, -2), replies);
      assertEquals(new Point(-2, 1), replies.receive());
      assertEquals(0, child.join());
    }
  }

  @Test
  void join_reportsTheFailureWithItsStackTrace() throws Exception {
    Child child = Children.fast("fails").spawn(SpawnTest::fails);
    assertEquals(ChildMain.THREW, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.lang.IllegalStateException", failure.exceptionType());
    assertEquals("boom in the child", failure.message());
    assertTrue(failure.stackTrace().contains("SpawnTest.deeper"), failure.stackTrace());
    assertTrue(failure.stackTrace().contains("SpawnTest.fails"), failure.stackTrace());
  }

  @Test
  void failedChildren_leaveNoFailureFileBehind_whetherOrNotTheirFailureIsRead() throws Exception {
    Child[] children = new Child[5];
    for (int i = 0; i < children.length; i++) {
      children[i] = Children.fast("fails-" + i).spawn(SpawnTest::fails);
    }
    for (Child child : children) {
      assertEquals(ChildMain.THREW, child.join());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!failureFiles().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10); // the report is collected as each child's exit is noticed
    }
    assertEquals(List.of(), failureFiles());
    for (Child child : children) {
      assertEquals("boom in the child", child.failure().orElseThrow().message()); // kept in memory
    }
  }

  private static List<String> failureFiles() throws Exception {
    try (Stream<Path> files = Files.list(RuntimeFiles.directory())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".failure")).toList();
    }
  }

  private static void exitsWithOne() {
    System.exit(1);
  }

  @Test
  void failure_ofAJvmThatRefusedItsFlags_saysWhatTheJvmSaid() throws Exception {
    Child unknown = Ferry.options().jvmFlags("-XX:+NoSuchFerryFlag").keepSpare(false)
        .spawn(SpawnTest::returns);
    Child tiny = Ferry.options().jvmFlags("-Xmx1k").keepSpare(false).spawn(SpawnTest::returns);
    assertEquals(1, unknown.join());
    ChildFailure failure = unknown.failure().orElseThrow();
    assertEquals("", failure.exceptionType());
    assertTrue(failure.message().startsWith("the JVM of " + unknown.name() + " did not start"),
        failure.message());
    assertTrue(failure.message().contains("Unrecognized VM option 'NoSuchFerryFlag'"), failure.message());
    assertTrue(failure.message().contains("jvmFlags: [-XX:+NoSuchFerryFlag]"), failure.message());
    assertTrue(failure.stackTrace().contains("Could not create the Java Virtual Machine"),
        failure.stackTrace());
    assertEquals(failure.message(), failure.toString());
    assertEquals(1, tiny.join());
    assertTrue(tiny.failure().orElseThrow().message().contains("Too small maximum heap"),
        tiny.failure().orElseThrow().message());
  }

  /**
   * A debugger's agent in the inherited JAVA_TOOL_OPTIONS on a port the parent holds (an IDE's
   * or a container's debugging set-up): each child's JVM said 'bind failed: Address already in use'
   * and exited with the agent's 2, which is Ferry's code for a target that could not be started,
   * and failure() was empty, though that code promises one.
   */
  @Test
  void failure_ofAJvmWhoseAgentCannotStart_saysWhatTheJvmSaid() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String agent = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address="
          + taken.getInetAddress().getHostAddress() + ":" + taken.getLocalPort();
      Child child = Ferry.options().environment("JAVA_TOOL_OPTIONS", agent).keepSpare(false)
          .spawn(SpawnTest::returns);
      assertEquals(2, child.join());
      ChildFailure failure = child.failure().orElseThrow();
      assertEquals("", failure.exceptionType());
      assertTrue(failure.message().startsWith("the JVM of " + child.name()
          + " did not start, so Ferry never ran in it (exit code 2); it said: Picked up"
          + " JAVA_TOOL_OPTIONS: " + agent), failure.message());
      assertTrue(failure.message().contains("Address already in use"), failure.message());
    }
  }

  /**
   * A JVM that refuses a flag of the JAVA_TOOL_OPTIONS it was given says where that flag came from
   * and what to change: its failure used to end at the JVM's own words ('Picked up
   * JAVA_TOOL_OPTIONS: -XX:+NoSuchFlag Unrecognized VM option ...'), with no "Check" at all, since
   * its jvmFlags were empty. A pool's broken start says the same.
   */
  @Test
  void failure_ofAJvmRefusingAFlagOfItsEnvironment_namesTheVariableToCheck() throws Exception {
    Child child = Ferry.options().environment("JAVA_TOOL_OPTIONS", "-XX:+NoSuchFlag")
        .keepSpare(false).spawn(SpawnTest::returns);
    assertEquals(1, child.join());
    String message = child.failure().orElseThrow().message();
    assertTrue(message.startsWith("the JVM of " + child.name() + " did not start, so Ferry never"
        + " ran in it (exit code 1 of the java launcher); it said: Picked up JAVA_TOOL_OPTIONS:"
        + " -XX:+NoSuchFlag"), message);
    assertTrue(message.endsWith(" Check the flags of its environment variable JAVA_TOOL_OPTIONS,"
        + " given with environment(\"JAVA_TOOL_OPTIONS\", \"-XX:+NoSuchFlag\")"), message);
    assertFalse(message.contains("Check its jvmFlags"), message);
    try (ProcessPool pool = Ferry.options().environment("JAVA_TOOL_OPTIONS", "-XX:+NoSuchFlag")
        .keepSpare(false).pool(1)) {
      String broken; // a submit after the workers' end is refused, one before it fails its task
      try {
        pool.submit(SpawnTest::answer).get(60, TimeUnit.SECONDS);
        throw new AssertionError("the pool ran a task on JVMs that refuse to start");
      } catch (java.util.concurrent.ExecutionException e) {
        broken = e.getCause().getMessage();
      } catch (IllegalStateException e) {
        broken = e.getMessage();
      }
      assertTrue(broken.contains(" Check the flags of its environment variable JAVA_TOOL_OPTIONS,"
          + " given with environment(\"JAVA_TOOL_OPTIONS\", \"-XX:+NoSuchFlag\")"), broken);
    }
  }

  private static Integer answer() {
    return 42;
  }

  /**
   * A target whose class only another class loader holds (as a program run from source, java
   * Hello.java, has its classes in memory) is refused at the spawn, saying so: before, the child
   * exited with 2 and its failure said 'Hello', a bare ClassNotFoundException's message.
   */
  @Test
  void spawn_ofATargetNotOnTheClassPath_isRefusedSayingWhy(@TempDir Path dir) throws Exception {
    assertEquals("the target Plugin::run cannot be run in a child: its class was loaded by"
        + " java.net.URLClassLoader, not from the class path, and a child JVM finds the target"
        + " by name on the class path, where there is no Plugin; put Plugin on the class path"
        + " (or module path) the program starts with", spawnFromAPlugin(dir).getMessage());
  }

  /**
   * In Maven's own JVM, where mvn exec:java runs a program, such a refusal says to run it in a JVM
   * of its own: before, it said to put the class on the class path, where the user had it.
   */
  @Test
  void spawn_ofATargetNotOnTheClassPath_inMavensJvm_saysToRunTheProgramInItsOwn(@TempDir Path dir)
      throws Exception {
    System.setProperty("maven.home", "/usr/share/maven"); // what the mvn script sets
    try {
      assertEquals("the target Plugin::run cannot be run in a child: its class was loaded by"
          + " java.net.URLClassLoader, not from the class path, and a child JVM finds the target"
          + " by name on the class path, where there is no Plugin; this program runs inside"
          + " Maven's own JVM (mvn exec:java), whose class path is Maven's: run it in a JVM of its"
          + " own, with mvn exec:exec (executable java, arguments -cp, <classpath/> and the main"
          + " class) or with java -cp and the project's class path",
          spawnFromAPlugin(dir).getMessage());
    } finally {
      System.clearProperty("maven.home");
    }
  }

  /**
   * In Maven's own JVM, where Surefire with forkCount=0 runs the tests in its IsolatedClassLoader,
   * such a refusal says to fork: before, it told of mvn exec:java.
   */
  @Test
  void spawn_ofATargetNotOnTheClassPath_inSurefireInMavensJvm_saysToFork(@TempDir Path dir)
      throws Exception {
    System.setProperty("maven.home", "/usr/share/maven"); // what the mvn script sets
    try {
      Class<?> type;
      try {
        type = Class.forName("org.apache.maven.surefire.booter.IsolatedClassLoader");
      } catch (ClassNotFoundException notUnderSurefire) {
        org.junit.jupiter.api.Assumptions.abort("needs Surefire's booter, as Maven runs this test");
        return;
      }
      ClassLoader isolated = (ClassLoader) type
          .getConstructor(ClassLoader.class, boolean.class, String.class)
          .newInstance(ClassLoader.getSystemClassLoader(), false, "test");
      type.getMethod("addURL", java.net.URL.class).invoke(isolated, compilePlugin(dir));
      assertEquals("the target Plugin::run cannot be run in a child: its class was loaded by"
          + " org.apache.maven.surefire.booter.IsolatedClassLoader, not from the class path, and"
          + " a child JVM finds the target by name on the class path, where there is no Plugin;"
          + " these tests run inside Maven's own JVM (Surefire or Failsafe with forkCount=0),"
          + " whose class path is Maven's: let them run in a JVM of their own, with forkCount 1"
          + " (the default) or more", spawnThrough(isolated).getMessage());
    } finally {
      System.clearProperty("maven.home");
    }
  }

  /**
   * The launcher of a jar like Spring Boot's, run as {@code java -jar boot.jar FERRY_CLASS_PATH}:
   * loads Plugin from {@code BOOT-INF/classes/} inside its own jar, and Ferry from the class path
   * it is given, and prints what Plugin.spawn() threw.
   */
  public static final class NestedJarLauncher {
    public static void main(String[] args) throws Exception {
      Path self = Path.of(System.getProperty("java.class.path")).toAbsolutePath();
      List<java.net.URL> urls = new java.util.ArrayList<>();
      urls.add(new java.net.URL("jar:" + self.toUri() + "!/BOOT-INF/classes/"));
      for (String entry : args[0].split(java.io.File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      ClassLoader loader = new java.net.URLClassLoader(
          urls.toArray(java.net.URL[]::new), ClassLoader.getPlatformClassLoader());
      try {
        loader.loadClass("Plugin").getMethod("spawn").invoke(null);
      } catch (java.lang.reflect.InvocationTargetException e) {
        System.out.println(e.getCause());
      }
    }
  }

  /**
   * A program started as Spring Boot's are, java -jar app.jar, whose launcher loads its classes
   * from BOOT-INF/classes/ inside the jar: its spawn was refused saying to put the class on the
   * class path, which the user cannot do with a class inside that jar. It says to unpack the jar.
   */
  @Test
  void spawn_fromAClassInsideTheJarOfJavaDashJar_saysToUnpackIt(@TempDir Path dir)
      throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    compilePlugin(classes);
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    java.util.jar.Attributes main = manifest.getMainAttributes();
    main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(java.util.jar.Attributes.Name.MAIN_CLASS, NestedJarLauncher.class.getName());
    main.putValue("Start-Class", "Plugin");
    main.putValue("Spring-Boot-Version", "3.3.0");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    String launcher = NestedJarLauncher.class.getName().replace('.', '/') + ".class";
    try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(
        Files.newOutputStream(dir.resolve("boot.jar")), manifest)) {
      jar.putNextEntry(new java.util.jar.JarEntry(launcher));
      try (var in = NestedJarLauncher.class.getClassLoader().getResourceAsStream(launcher)) {
        in.transferTo(jar);
      }
      for (String name : List.of("Plugin.class", "Plugin_FerryCodec.class")) {
        jar.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/classes/" + name));
        jar.write(Files.readAllBytes(classes.resolve(name)));
      }
    }
    String output = Children.outputOf(new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-jar", "boot.jar", System.getProperty("java.class.path"))
        .directory(dir.toFile()), 30);
    assertTrue(output.contains("java.lang.IllegalStateException: the target Plugin::run cannot be"
        + " run in a child: its class was loaded by java.net.URLClassLoader, not from the class"
        + " path, and a child JVM finds the target by name on the class path, where there is no"
        + " Plugin; this program was started with java -jar boot.jar, whose launcher ("
        + NestedJarLauncher.class.getName() + ") loads Plugin from BOOT-INF/classes/ inside that"
        + " jar, where no class path of a child JVM can reach it: run the program from the jar"
        + " unpacked (unzip boot.jar -d boot; java -cp boot/BOOT-INF/classes/:boot/BOOT-INF/lib/*"
        + " Plugin), or from Spring Boot's extracted layout (java -Djarmode=tools -jar boot.jar"
        + " extract; java -jar boot/boot.jar)"), output);
  }

  /** A program that spawns and prints what the spawn threw. */
  public static final class PrintsWhySpawnFails {
    public static void main(String[] args) {
      try {
        Ferry.options().keepSpare(false).spawn(SpawnTest::returns);
      } catch (RuntimeException e) {
        System.out.println(e.getMessage());
      }
    }
  }

  /**
   * A program whose runtime has no bin/java, as jpackage links it (--strip-native-commands):
   * spawn threw the JDK's 'Cannot run program .../bin/java: error=2, No such file or directory',
   * with no word of why it is missing or how to get it.
   */
  @Test
  void spawn_inARuntimeWithoutJava_saysHowToLinkOne(@TempDir Path dir) throws Exception {
    String output = Children.outputOf(new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Djava.home=" + dir, "-cp",
        System.getProperty("java.class.path"), PrintsWhySpawnFails.class.getName()), 30);
    assertTrue(output.contains("cannot start a child JVM: this JVM's runtime, java.home " + dir
        + ", has no java launcher (" + dir.resolve("bin").resolve("java") + " does not exist),"
        + " which Ferry starts each child with; a runtime image linked with jlink"
        + " --strip-native-commands has none, as jpackage links it by default: link it without"
        + " that option (jpackage --jlink-options \"--strip-debug --no-man-pages"
        + " --no-header-files\")"), output);
  }

  /**
   * A whole program whose class path no longer holds Ferry, as after a deploy deleted its jars:
   * here its java.class.path is changed to the directory {@code args[0]} before it spawns.
   */
  public static final class FerryLeftTheClassPath {
    public static void main(String[] args) throws Exception {
      System.setProperty("java.class.path", args[0]);
      Child child = Ferry.options().keepSpare(false).spawn(SpawnTest::returns);
      System.out.println("exit " + child.join() + ": " + child.failure().orElseThrow().message());
    }
  }

  /**
   * A child whose JVM cannot find ChildMain on the class path it was given was told as a JVM
   * that refused its flags ('Could not find or load main class ...ChildMain'), with no word of
   * why and how to fix it.
   */
  @Test
  void failure_ofAChildWhoseClassPathLacksFerry_saysTheClassPathChanged(@TempDir Path dir)
      throws Exception {
    String output = Children.outputOf(new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        FerryLeftTheClassPath.class.getName(), dir.toString()), 30);
    assertTrue(output.contains("exit 1: the JVM of returns-"), output);
    assertTrue(output.contains("it said: Error: Could not find or load main class"
        + " dev.ferry.internal.process.ChildMain"), output);
    assertTrue(output.contains("Its class path, this process's java.class.path, does not hold"
        + " Ferry's runtime now: a jar or directory on it was moved or deleted since this program"
        + " started (a deploy that replaced it), or java.class.path was changed at run time; start"
        + " the program from files that stay where they are, and leave java.class.path as the JVM"
        + " set it"), output);
  }

  /** Runs {@code java FILE} from source in {@code dir} and returns what it printed. */
  private static String runFromSource(Path dir, String file) throws Exception {
    return Children.outputOf(new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), file)
        .directory(dir.toFile()), 30);
  }

  /** The source of class {@code name}, whose main spawns {@code target} and prints the refusal. */
  private static String spawningMain(String name, String target) {
    return "public class " + name + " {\n"
        + "  static void greet() {}\n"
        + "  public static void main(String[] args) {\n"
        + "    try {\n"
        + "      dev.ferry.Ferry.spawn(" + target + ");\n"
        + "    } catch (IllegalStateException e) {\n"
        + "      System.out.println(e.getMessage());\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  /** A program run from source whose spawn target is in the launched file. */
  @Test
  void spawn_fromAProgramRunFromSource_isRefusedSayingToCompileIt(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("Hello.java"), spawningMain("Hello", "Hello::greet"));
    String output = runFromSource(dir, "Hello.java");
    assertTrue(output.contains("this program runs from source (java Hello.java), its classes"
        + " compiled in memory: compile it (javac -d classes ...) and run it from the class path"
        + " (java -cp classes:... Hello)"), output);
  }

  /**
   * JDK 22+ runs a program of several source files, java Main.java compiling the Helper.java
   * beside it: a target in Helper was refused saying to run 'java Helper.java' and 'java -cp
   * classes:... Helper', a program with no main method.
   */
  @Test
  void spawn_fromAProgramOfSeveralSourceFiles_namesTheLaunchedFile(@TempDir Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 22,
        "java Main.java compiles the files beside it from JDK 22 on");
    Files.writeString(dir.resolve("Helper.java"), "class Helper { static void greet() {} }\n");
    Files.writeString(dir.resolve("Main.java"), spawningMain("Main", "Helper::greet"));
    String output = runFromSource(dir, "Main.java");
    assertTrue(output.contains("the target Helper::greet cannot be run in a child: its class was"
        + " loaded by com.sun.tools.javac.launcher.MemoryClassLoader"), output);
    assertTrue(output.contains("this program runs from source (java Main.java), its classes"
        + " compiled in memory: compile it (javac -d classes ...) and run it from the class path"
        + " (java -cp classes:... Main)"), output);
  }

  /** A spawn target on the class path, for a plugin to spawn with an argument of its own. */
  public static void takes(Object argument) {}

  /**
   * A spawn argument whose class only a plugin's loader holds: the child exited with 2, its
   * failure a TransferException saying the class 'is not on this process's class path'. It is
   * refused at the spawn now, as a target of such a class is.
   */
  @Test
  void spawn_withAnArgumentNotOnTheClassPath_isRefusedSayingWhy(@TempDir Path dir)
      throws Exception {
    try (java.net.URLClassLoader plugins = new java.net.URLClassLoader(
        new java.net.URL[] {compilePlugin(dir)}, ClassLoader.getSystemClassLoader())) {
      java.lang.reflect.Method spawn = plugins.loadClass("Plugin").getMethod("spawnWithItself");
      java.lang.reflect.InvocationTargetException e = assertThrows(
          java.lang.reflect.InvocationTargetException.class, () -> spawn.invoke(null));
      assertEquals("a Plugin among the spawn arguments of dev.ferry.SpawnTest::takes cannot be"
          + " handed to a child: its class was loaded by java.net.URLClassLoader, not from the"
          + " class path, and a child JVM finds an argument's class by name on the class path,"
          + " where there is no Plugin; put Plugin on the class path (or module path) the program"
          + " starts with", e.getCause().getMessage());
      assertEquals(IllegalStateException.class, e.getCause().getClass());
    }
  }

  /** What spawning a target whose class a URLClassLoader of its own loaded throws. */
  private static IllegalStateException spawnFromAPlugin(Path dir) throws Exception {
    try (java.net.URLClassLoader plugins = new java.net.URLClassLoader(
        new java.net.URL[] {compilePlugin(dir)}, ClassLoader.getSystemClassLoader())) {
      return spawnThrough(plugins);
    }
  }

  /**
   * Compiles a class Plugin and its codec into {@code dir}: its spawn() spawns its run(), its
   * spawnWithItself() a target on the class path with a Plugin argument; their location.
   */
  private static java.net.URL compilePlugin(Path dir) throws Exception {
    Path source = Files.writeString(dir.resolve("Plugin.java"), "public class Plugin {\n"
        + "  static void run() {}\n"
        + "  public static Object spawn() { return dev.ferry.Ferry.spawn(Plugin::run); }\n"
        + "  public static Object spawnWithItself() {\n"
        + "    return dev.ferry.Ferry.spawn(dev.ferry.SpawnTest::takes, (Object) new Plugin());\n"
        + "  }\n"
        + "}\n");
    Path codec = Files.writeString(dir.resolve("Plugin_FerryCodec.java"), """
        import dev.ferry.*;
        public final class Plugin_FerryCodec implements Codec<Plugin> {
          public static final Plugin_FerryCodec INSTANCE = new Plugin_FerryCodec();
          @Override public void write(ByteOutput out, Plugin value) {}
          @Override public Plugin read(ByteInput in) { return new Plugin(); }
          @Override public long fingerprint() { return 1; }
        }
        """);
    Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac")
            .toString(), "-cp", System.getProperty("java.class.path"), "-d", dir.toString(),
            source.toString(), codec.toString())
        .inheritIO().start();
    assertEquals(0, javac.waitFor());
    return dir.toUri().toURL();
  }

  /** What Plugin.spawn() throws, Plugin loaded by {@code loader}. */
  private static IllegalStateException spawnThrough(ClassLoader loader) throws Exception {
    java.lang.reflect.Method spawn = loader.loadClass("Plugin").getMethod("spawn");
    java.lang.reflect.InvocationTargetException e = assertThrows(
        java.lang.reflect.InvocationTargetException.class, () -> spawn.invoke(null));
    assertEquals(IllegalStateException.class, e.getCause().getClass());
    return (IllegalStateException) e.getCause();
  }

  /** Says it runs, waits until its working directory is deleted, then calls {@code System.exit(1)}. */
  private static void exitsWithOneOnceItsDirectoryIsGone(String directory, Channel<String> running)
      throws Exception {
    running.send("running");
    while (Files.exists(Path.of(directory))) {
      Thread.sleep(5);
    }
    System.exit(1);
  }

  /**
   * A child that ran and called System.exit(1) has no failure, even when a JVM cannot be started
   * with its options afterwards (its working directory deleted, or this process out of file
   * descriptors): before, the parent's check for a JVM that refused its flags took that for the
   * child's own refusal ('the JVM of NAME did not start, so Ferry never ran in it ... it said: it
   * cannot be started again: ...'), and said so of every later child with those options.
   */
  @Test
  void failure_ofAChildThatCalledSystemExit1_isEmpty_whenNoJvmCanBeStartedLikeItAfterwards(
      @TempDir Path dir) throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    SpawnOptions inWork = Children.fast("in-work").keepSpare(false).workingDirectory(work);
    Channel<String> running = Channel.create();
    Child first =
        inWork.spawn(SpawnTest::exitsWithOneOnceItsDirectoryIsGone, work.toString(), running);
    assertEquals("running", running.receive());
    Files.delete(work);
    assertEquals(1, first.join());
    assertEquals(Optional.empty(), first.failure());
    Files.createDirectory(work);
    Child second = inWork.spawn(SpawnTest::exitsWithOne);
    assertEquals(1, second.join());
    assertEquals(Optional.empty(), second.failure());
  }

  /**
   * A Java agent that ends its JVM with exit code 1 before main runs, the first time only, as a
   * JVM at a limit on threads for a moment dies starting up: the marker file it leaves in
   * {@code args} makes the next JVM's start pass.
   */
  public static final class FailsOnce {
    public static void premain(String args) throws Exception {
      Path marker = Path.of(args);
      if (!Files.exists(marker)) {
        Files.createFile(marker);
        Runtime.getRuntime().halt(1);
      }
    }
  }

  /**
   * A child JVM that died starting up (exit code 1 before Ferry ran in it), whose like started a
   * moment later by the parent to find out why did start, left no failure: the parent took it for
   * a target that called System.exit(1) (a child at a limit on threads for a moment, ulimit -u).
   */
  @Test
  void failure_ofAChildJvmThatDiedStartingUp_saysSo_whenAJvmLikeItStartsAfterwards(
      @TempDir Path dir) throws Exception {
    Path agent = dir.resolve("fails-once.jar");
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", FailsOnce.class.getName());
    new java.util.jar.JarOutputStream(Files.newOutputStream(agent), manifest).close();
    Child child = Children.fast("fails-once").keepSpare(false)
        .jvmFlags("-javaagent:" + agent + "=" + dir.resolve("started-once"))
        .spawn(SpawnTest::exitsWithOne);
    assertEquals(1, child.join());
    String told = child.failure().map(ChildFailure::message).orElse("no failure");
    assertTrue(told.startsWith("the JVM of fails-once exited with code 1 before Ferry ran in it,"
        + " saying why only on its stderr, and a JVM Ferry started alike to find out did not fail"
        + " so (or could not be started): most often this user's processes were at a limit on"
        + " threads (ulimit -u, "), told);
  }

  /**
   * A blank name, or one with a line break, made messages no one could read ("Exception in Ferry
   * child \"\"", "Child[, pid 965, exited 1]"): refused when set, saying why.
   */
  @Test
  void name_refusesABlankNameAndControlCharacters() {
    for (String name : List.of("", "   ")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().name(name), "\"" + name + "\"");
      assertTrue(e.getMessage().startsWith("the child's name \"" + name + "\" is empty or blank:"
          + " messages and failures quote a child's name"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ferry.options().name("worker\n2"));
    assertTrue(e.getMessage().startsWith("the child's name \"worker\\n2\" holds a control"
        + " character:"), e.getMessage());
    assertEquals("Worker 2 (\u00e9t\u00e9)", Ferry.options().name("Worker 2 (\u00e9t\u00e9)").settings().name());
  }

  /**
   * Unicode's own line breaks, U+2028 and U+2029, break a name's line as '\n' does (editors, log
   * viewers, a terminal's copy), and a name of no-break spaces (U+00A0) is as blank as one of
   * spaces: both were taken, though a name "must be one line of visible text".
   */
  @Test
  void name_refusesUnicodeLineBreaksAndANameOfNoBreakSpaces() {
    for (String name : List.of("worker\u20282", "worker\u20292")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().name(name), name);
      String quoted = name.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
      assertTrue(e.getMessage().startsWith("the child's name \"" + quoted + "\" holds a line"
          + " break:"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ferry.options().name("\u00a0\u202f"));
    assertTrue(e.getMessage().contains("is empty or blank:"), e.getMessage());
    assertEquals("Worker\u00a02", Ferry.options().name("Worker\u00a02").settings().name());
  }

  @Test
  void jvmFlags_refusesAnEmptyFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ferry.options().jvmFlags("-ea", " "));
    assertTrue(e.getMessage().startsWith("a flag is empty or blank: \" \""), e.getMessage());
    assertEquals(List.of("-ea"), Ferry.options().jvmFlags("-ea").settings().jvmFlags());
  }

  /**
   * A flag not beginning with '-' is refused where it is given: java took it for the name of the
   * main class (before, jvmFlags("Xmx1g") spawned a child that failed only later, "Could not find
   * or load main class Xmx1g"). The value of an option that takes it as the next flag is fine,
   * also given in a later call, and a child spawned so runs with it.
   */
  @Test
  void jvmFlags_refusesAFlagJavaWouldTakeForTheMainClass() throws Exception {
    for (List<String> flags : List.of(List.of("notaflag"), List.of("-ea", "Xmx1g"),
        List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "extra"),
        List.of("--add-modules", "--add-opens", "x"), List.of("-Dp=-p", "mods"))) {
      String flag = flags.get(flags.size() - 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags(flags.toArray(String[]::new)), flags.toString());
      assertEquals("the flag \"" + flag + "\" does not begin with '-', so java would take it for"
          + " the name of the main class, and the child would not start: a JVM flag begins with"
          + " '-' (-Xmx1g, -Dname=value); a value goes right after the option that takes it as the"
          + " next flag (\"--add-opens\", \"java.base/java.lang=ALL-UNNAMED\"), or in the option"
          + " itself (--add-opens=...)", e.getMessage());
    }
    assertEquals(List.of("-p", "mods", "--add-modules", "java.sql", "--limit-modules", "java.base"),
        Ferry.options().jvmFlags("-p", "mods", "--add-modules").jvmFlags("java.sql")
            .jvmFlags("--limit-modules", "java.base").settings().jvmFlags());
    Channel<String> opened = Channel.create();
    Child child = Children.fast("value-next").jvmFlags("--add-opens")
        .jvmFlags("java.base/java.lang=ALL-UNNAMED")
        .spawn(SpawnTest::sendWhetherJavaLangIsOpen, opened);
    assertEquals("open", opened.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
    assertEquals(Optional.empty(), child.failure());
  }

  /**
   * An option that takes its value as the next flag, given last and never given its value, is
   * refused at spawn (before, jvmFlags("--add-modules") spawned a child whose java took its "-cp"
   * for the modules and failed late); a later call may still give it, as above.
   */
  @Test
  void spawn_refusesAnOptionLeftWithoutItsValue() {
    for (String flag : List.of("--add-modules", "-p", "--add-opens", "--patch-module")) {
      SpawnOptions options = Children.fast("no-value").keepSpare(false).jvmFlags("-ea", flag);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> options.spawn(SpawnTest::exitsWithOne), flag);
      assertEquals("the flag \"" + flag + "\" takes its value as the next flag, and none follows"
          + " it: java would take what comes after it (the child's class path option) for its"
          + " value, or refuse it, and the child would not start: give its value as the flag after"
          + " it (jvmFlags(\"" + flag + "\", value))", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> options.pool(1), flag);
    }
  }

  /**
   * A flag that makes java print and exit instead of running the main class is refused: the child
   * would exit with 0 as if its target had returned (before, jvmFlags("-version") printed the
   * version, and join() returned 0 with no failure, though the target never ran; so did
   * jvmFlags("-Xshare:dump", "-XX:SharedArchiveFile=/tmp/a.jsa"), which wrote the archive instead,
   * on JDK 17 and 25).
   */
  @Test
  void jvmFlags_refusesAFlagThatMakesJavaExitWithoutRunningTheChild() {
    for (String flag : List.of("-version", "--help", "-X", "--list-modules", "--dry-run",
        "--describe-module=java.base", "-Xshare:dump", "-XX:+DumpSharedSpaces")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag), flag);
      assertEquals("the flag \"" + flag + "\" makes java exit without running the child, which"
          + " would then exit with 0 as if its target had returned: run `java " + flag + "`"
          + " yourself instead", e.getMessage());
    }
    assertEquals(List.of("-showversion", "-Dx=-version"),
        Ferry.options().jvmFlags("-showversion", "-Dx=-version").settings().jvmFlags());
  }

  /**
   * A flag that names another program to run is refused: the child would run that program's main
   * class with the child's class path and main class as its arguments (before, jvmFlags("-jar",
   * "app.jar") ran app.jar's main, and join() returned its exit code 0 with no failure, though the
   * target never ran).
   */
  @Test
  void jvmFlags_refusesAFlagThatMakesJavaRunAnotherProgram() {
    for (String flag : List.of("-jar", "-m", "--module", "--module=app/app.Main")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag, "app.jar"), flag);
      assertEquals("the flag \"" + flag + "\" makes java run another program's main class instead"
          + " of the child, which would then exit with that program's code as if its target had"
          + " returned: children get this process's class path and module path, so put what the"
          + " child needs there; to start another program, use ProcessBuilder", e.getMessage());
    }
    assertEquals(List.of("--module-path", "mods", "-javaagent:agent.jar", "-Dm=-jar"),
        Ferry.options().jvmFlags("--module-path", "mods", "-javaagent:agent.jar", "-Dm=-jar")
            .settings().jvmFlags());
  }

  /**
   * java's source-file mode is refused: it took the child's main class for a source file, and the
   * child exited with 1 without starting, its failure saying only 'error: source file not found:
   * dev.ferry.internal.process.ChildMain' (on JDK 17 and 25). A flag that only mentions it, and a
   * child spawned with that, are fine.
   */
  @Test
  void jvmFlags_refusesJavasSourceFileMode() throws Exception {
    for (List<String> flags : List.of(List.of("--source", "17"), List.of("--source=17"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags(flags.toArray(String[]::new)), flags.toString());
      assertEquals("the flag \"" + flags.get(0) + "\" makes java compile and run a source file"
          + " instead of a class, and it would take the child's main class for the name of that"
          + " file, so the child would never start: a child runs compiled classes from this"
          + " process's class path, so leave the flag out (compile with javac --release N to pick"
          + " the language level)", e.getMessage());
    }
    Child child = Ferry.options().jvmFlags("-Dlevel=--source").keepSpare(false)
        .spawn(SpawnTest::returns);
    assertEquals(0, child.join());
    assertEquals(Optional.empty(), child.failure());
  }

  /**
   * A flag that sets the class path is refused: the child's command line gives it this process's
   * class path after the flags, and the last wins, so the child ran without it, silently (before,
   * jvmFlags("-cp", "extra.jar") spawned a child whose java.class.path was this process's, without
   * extra.jar, and join() returned 0). A flag that only mentions one, and a child spawned with it,
   * are fine.
   */
  @Test
  void jvmFlags_refusesAFlagThatSetsTheClassPath() throws Exception {
    for (String flag : List.of("-cp", "-classpath", "--class-path", "--class-path=extra.jar",
        "-Djava.class.path=extra.jar")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag, "extra.jar"), flag);
      assertEquals("the flag \"" + flag + "\" sets the class path, which a child gets from this"
          + " process (java.class.path) after its flags, so the child would run without it: put"
          + " what the child needs on this process's class path", e.getMessage());
    }
    Channel<String> classPath = Channel.create();
    Child child = Children.fast("mentions-cp").jvmFlags("-Dflag=-cp")
        .spawn(SpawnTest::sendClassPath, classPath);
    assertEquals("-cp " + System.getProperty("java.class.path"),
        classPath.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  /**
   * A java argument file is refused: java reads its flags as the child starts, past the checks
   * above (before, jvmFlags("@" + file) of a file saying -version spawned a child that printed
   * the version, and join() returned 0 with no failure, though the target never ran; one saying
   * -cp extra.jar ran the child without it). A flag that only holds an '@', and a child spawned
   * with it, are fine.
   */
  @Test
  void jvmFlags_refusesAJavaArgumentFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("flags.txt"), "-version\n");
    for (String flag : List.of("@" + file, "@flags.txt", "@@flags.txt", "@")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag), flag);
      assertEquals("the flag \"" + flag + "\" names a java argument file, whose flags java reads as"
          + " the child starts, where Ferry cannot check them (one saying -version, -jar or -cp"
          + " would make the child exit as if its target had returned, or run without its class"
          + " path): pass the flags it holds to jvmFlags themselves, one string each",
          e.getMessage());
    }
    Channel<String> flags = Channel.create();
    Child child = Children.fast("mentions-at").jvmFlags("-Dflag=@" + file)
        .spawn(SpawnTest::sendFlag, flags);
    assertEquals("@" + file, flags.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  /**
   * A JVM options file is refused as a java argument file is: the JVM reads its flags as the child
   * starts, past the checks (before, jvmFlags("-XX:VMOptionsFile=" + file) of a file saying
   * -Xshare:dump, or on JDK 17 "-XX:Flags=" + file of one saying +DumpSharedSpaces, spawned a
   * child that wrote an archive, and join() returned 0 with no failure, though the target never
   * ran; so did the same in JAVA_TOOL_OPTIONS). So are the JVM's flags that print and exit,
   * -Xinternalversion, -XX:+PrintFlagsInitial, -XX:+PrintSharedArchiveAndExit and, with JVMCI
   * enabled, -XX:+JVMCIPrintProperties (join() returned 0 too), and JDK 25's -XX:AOTMode=create,
   * which writes an AOT cache from a training run's configuration and exits 0 (the child given it
   * with -XX:AOTConfiguration and -XX:AOTCache joined 0, its target never run). The same flags
   * turned off, or only mentioned, and a child spawned with them, are fine.
   */
  @Test
  void jvmFlags_refusesAJvmOptionsFileAndTheJvmsFlagsThatPrintAndExit(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("vm.options"), "-Xshare:dump\n");
    for (String flag : List.of("-XX:VMOptionsFile=" + file, "-XX:Flags=" + file)) {
      String told = "the flag \"" + flag + "\" names a JVM options file, whose flags the JVM reads"
          + " as the child starts, where Ferry cannot check them (one saying -Xshare:dump would"
          + " make the child exit with 0 as if its target had returned): pass the flags it holds"
          + " to jvmFlags themselves, one string each";
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag), flag);
      assertEquals(told, e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().environment("JAVA_TOOL_OPTIONS", "-ea " + flag), flag);
      assertEquals("the environment variable JAVA_TOOL_OPTIONS gives the child's java flags of its"
          + " own, past jvmFlags' checks: " + told, e.getMessage());
    }
    for (String flag : List.of("-Xinternalversion", "-XX:+PrintFlagsInitial",
        "-XX:+PrintSharedArchiveAndExit", "-XX:+JVMCIPrintProperties", "-XX:AOTMode=create")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag), flag);
      assertEquals("the flag \"" + flag + "\" makes java exit without running the child, which"
          + " would then exit with 0 as if its target had returned: run `java " + flag + "`"
          + " yourself instead", e.getMessage());
    }
    Channel<String> flags = Channel.create();
    Child child = Children.fast("mentions-options-file")
        .jvmFlags("-XX:-PrintFlagsInitial", "-XX:-PrintSharedArchiveAndExit",
            "-Dflag=-XX:VMOptionsFile=" + file)
        .spawn(SpawnTest::sendFlag, flags);
    assertEquals("-XX:VMOptionsFile=" + file, flags.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  /**
   * The flags that print the help of one of the JVM's options and exit 0 are refused as -version
   * is: -Xlog:help, the debugger agent's help (-agentlib:jdwp=help, -Xrunjdwp:help, and
   * -agentpath: of its library) and JDK 25's -XX:StartFlightRecording=help (before, a child given
   * one joined 0 with no failure, its target never run, on JDK 17 and 25). The same options with
   * other values are fine.
   */
  @Test
  void jvmFlags_refusesTheFlagsThatPrintAnOptionsHelpAndExit() throws Exception {
    String agentPath = "-agentpath:" + Path.of(System.getProperty("java.home"), "lib", "libjdwp.so")
        + "=help";
    for (String flag : List.of("-Xlog:help", "-agentlib:jdwp=help", "-Xrunjdwp:help", agentPath,
        "-XX:StartFlightRecording=help", "-XX:StartFlightRecording:help")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().jvmFlags("-ea", flag), flag);
      assertEquals("the flag \"" + flag + "\" makes java exit without running the child, which"
          + " would then exit with 0 as if its target had returned: run `java " + flag + "`"
          + " yourself instead", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> Ferry.options().environment("JAVA_TOOL_OPTIONS", flag), flag);
      assertTrue(e.getMessage().endsWith("the flag \"" + flag + "\" makes java exit without running"
          + " the child, which would then exit with 0 as if its target had returned: run `java "
          + flag + "` yourself instead"), e.getMessage());
    }
    Channel<String> flags = Channel.create();
    Child child = Children.fast("log-disabled").jvmFlags("-Xlog:disable", "-Dflag=-Xlog:help")
        .spawn(SpawnTest::sendFlag, flags);
    assertEquals("-Xlog:help", flags.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  /**
   * A spawn in the static initializer of the spawn target's class is refused in the child, which
   * initializes that class again before it runs the target: it spawned again there, and so did
   * that child's child, a chain of JVMs that outlived the program (13 after 6 s, still going
   * after it exited). The child fails with exit code 2, told why. (The class below spawns at most
   * two levels deep, so that the test ends without the refusal too.)
   */
  @Test
  void spawn_inTheStaticInitializerOfTheTargetsClass_isRefusedInTheChild() throws Exception {
    Child child = Children.fast("initializer-spawns").keepSpare(false)
        .spawn(SpawnsWhenInitialized::run);
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    String message = child.failure().orElseThrow().message();
    assertTrue(message.startsWith("the static initializer of " + SpawnsWhenInitialized.class.getName()
        + " threw java.lang.IllegalStateException: this child cannot spawn a child while it"
        + " initializes " + SpawnsWhenInitialized.class.getName() + ", the class of its spawn"
        + " target (or of a pool's task): "), message);
  }

  /** Spawns as it is initialized, as a program's main class may, unless it is the helper itself. */
  static final class SpawnsWhenInitialized {
    static final Child HELPER = "helper".equals(System.getenv("FERRY_TEST_ROLE")) ? null
        : Children.fast("helper").keepSpare(false).environment("FERRY_TEST_ROLE", "helper")
            .spawn(SpawnsWhenInitialized::run);

    static void run() {}
  }

  private static void sendFlag(Channel<String> out) throws Exception {
    out.send(System.getProperty("flag"));
  }

  private static void sendWhetherJavaLangIsOpen(Channel<String> out) throws Exception {
    boolean open = Object.class.getModule().isOpen("java.lang", SpawnTest.class.getModule());
    out.send(open ? "open" : "closed");
  }

  private static void sendClassPath(Channel<String> out) throws Exception {
    out.send(System.getProperty("flag") + " " + System.getProperty("java.class.path"));
  }

  private static void takesBytes(byte[] bytes) {}

  @Test
  void spawn_argumentsOverTheLimit_areRefusedSayingWhatToDoInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Children.fast("too-big").keepSpare(false).spawn(SpawnTest::takesBytes, new byte[69 << 20]));
    assertTrue(e.getMessage().startsWith("the spawn arguments take at least 723"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" bytes, more than the 71303168 (68 MiB) a child's start-up"
        + " message may hold: hand the child a channel and send the data in parts, or pass the path"
        + " of a file"), e.getMessage());
  }

  private static void echoesVariable(String variable, Channel<String> replies) throws Exception {
    replies.send(String.valueOf(System.getenv(variable)));
  }

  @Test
  void environment_refusesANameOrValueNoChildCouldBeGiven_atTheCall() throws Exception {
    SpawnOptions options = Children.fast("env");
    IllegalArgumentException equals = assertThrows(IllegalArgumentException.class,
        () -> options.environment("TZ=UTC", "x"));
    assertTrue(equals.getMessage().startsWith("the environment variable name \"TZ=UTC\" holds '='"
        + " (pass the name alone"), equals.getMessage());
    IllegalArgumentException nulName = assertThrows(IllegalArgumentException.class,
        () -> options.environment("A\0B", "x"));
    assertTrue(nulName.getMessage().startsWith("the environment variable name \"A\\0B\" holds a"
        + " NUL character"), nulName.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> options.environment("", "x"));
    assertTrue(empty.getMessage().startsWith("the environment variable name \"\" is empty"),
        empty.getMessage());
    IllegalArgumentException nulValue = assertThrows(IllegalArgumentException.class,
        () -> options.environment("FERRY_ENV_TEST", "a\0b"));
    assertTrue(nulValue.getMessage().startsWith("the value of the environment variable"
        + " FERRY_ENV_TEST holds a NUL character (\\0): \"a\\0b\""), nulValue.getMessage());
    IllegalArgumentException nulFlag = assertThrows(IllegalArgumentException.class,
        () -> options.jvmFlags("-Dferry.x=a\0b"));
    assertTrue(nulFlag.getMessage().startsWith("the flag \"-Dferry.x=a\\0b\" holds a NUL"),
        nulFlag.getMessage());

    Channel<String> replies = Channel.create();
    Child child = options.environment("FERRY_ENV_TEST", "a=b c").keepSpare(false)
        .spawn(SpawnTest::echoesVariable, "FERRY_ENV_TEST", replies);
    assertEquals("a=b c", replies.receive());
    assertEquals(0, child.join());
  }

  /**
   * JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS and _JAVA_OPTIONS give the child's java flags besides its
   * command line: a flag jvmFlags refuses is refused in them (before, environment(
   * "JDK_JAVA_OPTIONS", "-cp extra.jar") ran the child without extra.jar, joined 0, and
   * "-Xshare:dump" in any of them made the child exit 0 without running its target). A flag that
   * only mentions one, quoted as java reads it, and a child given it, are fine.
   */
  @Test
  void environment_javaOptionsVariables_refuseTheFlagsJvmFlagsRefuses() throws Exception {
    SpawnOptions options = Children.fast("java-options").keepSpare(false);
    Map<String, String> refused = Map.of(
        "JDK_JAVA_OPTIONS", "-ea -cp extra.jar",
        "JAVA_TOOL_OPTIONS", "-Xshare:dump -XX:SharedArchiveFile=/tmp/a.jsa",
        "_JAVA_OPTIONS", "'-Djava.class.path=extra dir/a.jar'");
    Map<String, String> flag = Map.of(
        "JDK_JAVA_OPTIONS", "-cp", "JAVA_TOOL_OPTIONS", "-Xshare:dump",
        "_JAVA_OPTIONS", "-Djava.class.path=extra dir/a.jar");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
          () -> options.environment(e.getKey(), e.getValue()), e.getKey());
      String told = thrown.getMessage();
      assertTrue(told.startsWith("the environment variable " + e.getKey() + " gives the child's"
          + " java flags of its own, past jvmFlags' checks: the flag \"" + flag.get(e.getKey())
          + "\" "), told);
    }
    assertThrows(IllegalArgumentException.class,
        () -> options.environment("JDK_JAVA_OPTIONS", "@flags.txt"));

    Channel<String> replies = Channel.create();
    Child child = options.environment("JDK_JAVA_OPTIONS", "-Dflag=\"a -cp b\" -Dx=-Xshare:dump")
        .spawn(SpawnTest::sendFlag, replies);
    assertEquals("a -cp b", replies.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  /**
   * A word java refuses in such a variable is refused where it is given (before, the child failed
   * to start: "Cannot specify main class in environment variable JDK_JAVA_OPTIONS", "Unrecognized
   * option: hello", "--add-modules requires modules to be specified", and for JAVA_TOOL_OPTIONS
   * "Unrecognized option: --add-opens" with its value in the next word, checked with java 17). An
   * option's value in JDK_JAVA_OPTIONS's next word, and a child given it, are fine.
   */
  @Test
  void environment_javaOptionsVariables_refuseWhatJavaRefusesThere() throws Exception {
    SpawnOptions options = Children.fast("java-options-words").keepSpare(false);
    Map<String, String> refused = Map.of(
        "-ea hello", "the word \"hello\" does not begin with '-'",
        "-ea --add-modules", "the flag \"--add-modules\" takes its value as the next flag");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      String told = assertThrows(IllegalArgumentException.class,
          () -> options.environment("JDK_JAVA_OPTIONS", e.getKey()), e.getKey()).getMessage();
      assertTrue(told.startsWith("the environment variable JDK_JAVA_OPTIONS gives the child's java"
          + " flags of its own, past jvmFlags' checks: " + e.getValue()), told);
    }
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      String told = assertThrows(IllegalArgumentException.class,
          () -> options.environment(variable, "--add-opens java.base/java.lang=ALL-UNNAMED"),
          variable).getMessage();
      assertTrue(told.contains("the flag \"--add-opens\" takes its value as the next word only"),
          told);
      assertThrows(IllegalArgumentException.class, () -> options.environment(variable, "hello"));
    }

    Channel<String> opened = Channel.create();
    Child child = options
        .environment("JDK_JAVA_OPTIONS", "--add-opens java.base/java.lang=ALL-UNNAMED")
        .spawn(SpawnTest::sendWhetherJavaLangIsOpen, opened);
    assertEquals("open", opened.receive(Duration.ofSeconds(60)).orElseThrow());
    assertEquals(0, child.join());
  }

  @Test
  void failure_ofATargetThatCallsSystemExitOne_isEmpty() throws Exception {
    Child child = Children.fast("exits-1").keepSpare(false).spawn(SpawnTest::exitsWithOne);
    assertEquals(1, child.join());
    assertEquals(Optional.empty(), child.failure());
  }

  @Test
  void join_reportsAnArgumentTheChildCouldNotRead() throws Exception {
    Child child = Children.fast("grumpy").spawn(SpawnTest::takesGrumpy, new Grumpy(-1));
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("dev.ferry.TransferException", failure.exceptionType());
    assertTrue(failure.message().startsWith("cannot read a value of type dev.ferry.Grumpy"), failure.message());
    assertTrue(failure.stackTrace().contains("refusing to read a Grumpy"), failure.stackTrace());
  }

  private static void takesStingy(Stingy stingy, String label) {}

  /**
   * A child's arguments lie back to back in its start-up message: a codec that reads fewer bytes
   * than it wrote (Stingy's) left the next argument to be read from its bytes, and the child said
   * only '2 unread bytes after the value at offset 122: the bytes were not written by this type's
   * codec', naming neither the arguments nor the target.
   */
  @Test
  void join_reportsArgumentsThatACodecReadShort() throws Exception {
    Child child = Children.fast("stingy").spawn(SpawnTest::takesStingy, new Stingy(5), "label");
    assertEquals(ChildMain.COULD_NOT_START, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("dev.ferry.TransferException", failure.exceptionType());
    assertTrue(failure.message().matches("\\d+ unread bytes after the 2 spawn arguments of"
        + " SpawnTest::takesStingy in the child, at offset \\d+, so the target did not run: a"
        + " codec's read read fewer bytes than its write wrote \\(a hand-written codec of a"
        + " value's type, or of a type it holds\\?\\), so a value may have been read from"
        + " another's bytes"), failure.message());
  }

  @Test
  void kill_endsTheChildWithANonZeroCode() throws Exception {
    Child child = Children.fast("sleeps").spawn(SpawnTest::sleeps);
    assertEquals(OptionalInt.empty(), child.join(Duration.ofMillis(200)));
    assertTrue(child.isAlive());
    child.kill();
    assertNotEquals(0, child.join());
    assertEquals(Optional.empty(), child.failure());
  }

  @Test
  void spawn_refusesACapturingLambda() {
    String captured = "x";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ferry.spawn(() -> System.out.print(captured)));
    assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.SPAWN_TARGET)), e.getMessage());
  }

  @Test
  void spawn_refusesAnArgumentWithoutACodec() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ferry.spawn(SpawnTest::takesObject, new Object()));
    assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + "java.lang.Object"), e.getMessage());
  }

  /**
   * The JVM starts before the spawn arguments are written (it boots meanwhile), so a spawn whose
   * arguments cannot be written has a child to end: none may be left waiting for its start-up
   * message.
   */
  @Test
  @Timeout(30)
  void spawn_whoseArgumentsCannotBeWritten_leavesNoChildRunning() throws Exception {
    java.util.Set<Long> before = childPids();
    assertThrows(
        IllegalArgumentException.class,
        () -> Ferry.options().keepSpare(false).spawn(SpawnTest::takesObject, new Object()));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    java.util.Set<Long> left;
    do {
      left = childPids();
      left.removeAll(before);
    } while (!left.isEmpty() && System.nanoTime() < deadline && sleep(20));
    assertEquals(java.util.Set.of(), left, "children left running by a spawn that failed");
  }

  private static void takesAChannelAndObject(Channel<String> channel, Object value) {}

  /**
   * A spawn that failed on an argument after a channel's handle had been written handed that
   * channel to no one. Its lease ended as if a child had exited, so the channel looked abandoned by
   * every process it was handed to: a receive on it empty threw ChannelClosedException at once,
   * and so did an offer on it full.
   */
  @Test
  void spawnFailingOnAnArgumentAfterAChannel_leavesTheChannelAsItWas() throws Exception {
    try (Channel<String> channel = Channel.create(1)) {
      assertThrows(IllegalArgumentException.class, () -> Ferry.options().keepSpare(false)
          .spawn(SpawnTest::takesAChannelAndObject, channel, new Object()));
      assertEquals(Optional.empty(), channel.receive(Duration.ofMillis(50)));
      channel.send("fills it");
      assertFalse(channel.offer("no room"));
    }
  }

  private static java.util.Set<Long> childPids() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }

  @Test
  void runtimeDirectory_isPrivateToThisUser() throws Exception {
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(RuntimeFiles.directory())));
  }

  @Test
  void command_usesThisJvmAndClassPath() {
    var command = Launcher.command(Ferry.options().settings());
    assertTrue(command.get(0).startsWith(System.getProperty("java.home")), command.toString());
    assertTrue(command.contains(System.getProperty("java.class.path")), command.toString());
    assertEquals(ChildMain.class.getName(), command.get(command.size() - 1));
  }
}
