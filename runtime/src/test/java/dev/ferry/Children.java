package dev.ferry;

/** Spawn options for tests: flags that make a short-lived child JVM start fast. */
public final class Children {
  private Children() {}

  public static SpawnOptions fast(String name) {
    return Ferry.options()
        .name(name)
        .jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xss512k");
  }
}
