package outsider;

import dev.ferry.Ferry;
import dev.ferry.SpawnOptions;

/** The options every program spawns with: Ferry's defaults, which Ferry.spawn and Ferry.pool use. */
final class ChildFlags {
  private ChildFlags() {}

  /** The defaults, plus the JVM flags of {@code -Dchild.flags="..."} where given (for experiments). */
  static SpawnOptions options() {
    String flags = System.getProperty("child.flags");
    return flags == null ? Ferry.options() : Ferry.options().jvmFlags(flags.split(" "));
  }
}
