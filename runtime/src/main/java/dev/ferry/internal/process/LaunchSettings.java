package dev.ferry.internal.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start a child JVM: the plain values behind {@link dev.ferry.SpawnOptions}, which hands
 * them to the launcher so that the API class keeps no accessors of its own.
 *
 * @param name the child's name, or null for the target method's name and a number
 * @param workingDirectory the child's working directory, or null for this process's
 * @param keepSpare whether to keep a spare JVM for these settings; null: once they repeat
 */
public record LaunchSettings(
    List<String> jvmFlags,
    Path workingDirectory,
    Map<String, String> environment,
    String name,
    Boolean keepSpare) {}
