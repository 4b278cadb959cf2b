package dev.ferry.internal.transport;

/**
 * Explains a JDK 17 bug that stops a process from opening any socket: the JDK's {@code
 * SelectorProvider} looks for providers on the class path as it initializes, and JDK 17's class
 * path loader cannot decode a directory's name that holds a character beyond U+FFFF (an emoji),
 * {@code IllegalArgumentException: Error decoding percent encoded characters} from {@code
 * sun.net.www.ParseUtil.decode}. Raised in the class's static initializer, it came out of Ferry's
 * first socket as the failure of whatever codec was writing then ({@code Channel$HandleCodec}),
 * which was not to blame. JDK 25 reads such a class path.
 */
final class UndecodableClassPath {
  private UndecodableClassPath() {}

  /**
   * The error {@code e}, raised as this process opened its first socket, explained if a class
   * path entry's name is what broke the JDK's {@code SelectorProvider}; null if not.
   */
  static IllegalStateException explain(LinkageError e) {
    // The first use raises the initializer's error; every later one 'Could not initialize class
    // java.nio.channels.spi.SelectorProvider$Holder'.
    if (!(e.getCause() instanceof IllegalArgumentException)
        && !String.valueOf(e.getMessage()).contains("SelectorProvider")) {
      return null;
    }
    String entry = supplementaryEntry(System.getProperty("java.class.path", ""));
    if (entry == null) {
      return null;
    }
    return new IllegalStateException("this process cannot open a socket, which Ferry's channels"
        + " and pools need: the JDK's SelectorProvider, behind every socket, looks for providers on"
        + " the class path, and this JDK (" + Runtime.version() + ") cannot read the class path"
        + " entry " + entry + ", whose name holds a character beyond U+FFFF (its class path loader"
        + " fails with 'Error decoding percent encoded characters'); rename that entry, take it"
        + " off the class path, or run on a later JDK (25 reads it)", e);
  }

  /** The first entry of {@code classPath} whose name holds a supplementary character, or null. */
  private static String supplementaryEntry(String classPath) {
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (entry.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
        return entry;
      }
    }
    return null;
  }
}
