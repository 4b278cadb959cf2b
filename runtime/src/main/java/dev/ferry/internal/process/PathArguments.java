package dev.ferry.internal.process;

import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child's class path and module path on its command line: as they are while short, else in a
 * java argument file ({@code @file}) in the runtime directory, which the child's {@code java}
 * launcher reads as it starts. A program started with a long class path (an argument file of its
 * own, a manifest's {@code Class-Path}, the {@code CLASSPATH} variable; a build tool's test JVM
 * with hundreds of jars) could not start a child at all: Linux takes at most 128 KiB for one
 * argument of a command line ({@code MAX_ARG_STRLEN}), and {@code ProcessBuilder.start} failed
 * with {@code error=7, Argument list too long} for every spawn and pool.
 */
final class PathArguments {
  private PathArguments() {}

  /**
   * The longest path that goes on the command line as is: a few times a small program's, well
   * under Linux's 128 KiB for one argument and Windows's 32 KiB for a whole command line.
   */
  static final int LONGEST_ON_COMMAND_LINE = 8 << 10;

  /** The argument file written for each option and path, so that each is written once. */
  private static final Map<String, Path> FILES = new HashMap<>();

  /** How many argument files this process has written. */
  private static int written;

  /** Adds {@code option} and {@code path} to {@code command}, or an argument file that holds them. */
  static void add(List<String> command, String option, String path) {
    if (path.length() <= LONGEST_ON_COMMAND_LINE) {
      command.add(option);
      command.add(path);
    } else {
      command.add("@" + file(option, path));
    }
  }

  private static synchronized Path file(String option, String path) {
    String key = option + '\0' + path;
    Path file = FILES.get(key);
    if (file != null && Files.isRegularFile(file)) {
      return file; // not if the runtime directory was deleted under this process and made anew
    }
    Path directory = RuntimeFiles.directory();
    file = directory.resolve("path-" + ++written + ".args"); // a new name each time: never another's
    // The launcher reads the file's bytes as it would read its own command line's, which
    // ProcessBuilder writes in this encoding.
    Charset charset = commandLineCharset();
    try {
      Path partial = directory.resolve(file.getFileName() + ".tmp");
      Files.write(partial, (option + " " + quoted(path) + "\n").getBytes(charset));
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // The exit's cleanup deleted the directory after directory() returned it (a spawn on a
      // thread of the program's as main returned): refused as any spawn is once the exit has
      // begun, not as a directory this user cannot write (the thread printed that as its program
      // ended, in 1 of 760 tests of a full run on a loaded machine: LongClassPathTest)
      RuntimeFiles.refuseWhileShuttingDown();
      throw new UncheckedIOException("cannot start a child JVM: its " + option + " of "
          + path.length() + " characters, too long for a command line, goes in a file in Ferry's"
          + " runtime directory, which could not be written: " + RuntimeFiles.whatToDo(e), e);
    }
    FILES.put(key, file);
    return file;
  }

  private static Charset commandLineCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /**
   * {@code text} in double quotes as a java argument file reads it: within quotes a backslash
   * escapes the next character, and {@code \n}, {@code \r}, {@code \t} and {@code \f} are those
   * characters.
   */
  static String quoted(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 16).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '"' -> quoted.append('\\').append(c);
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        case '\f' -> quoted.append("\\f");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
