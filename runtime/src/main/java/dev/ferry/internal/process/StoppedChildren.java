package dev.ferry.internal.process;

import dev.ferry.internal.transport.RuntimeFiles;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, as this JVM exits, its children that are stopped (SIGSTOP, a debugger). A child sees its
 * parent's death by polling for it ({@link ChildMain}), which a stopped process cannot do: one
 * stopped as its parent exited stayed, stopped and re-parented, holding its memory until someone
 * continued it, and then exited with 3 all the same. Running children are left to see the exit
 * themselves and exit with 3 after their shutdown hooks. A parent killed with {@code kill -9} runs
 * no code of its own, so its stopped children stay until continued.
 */
final class StoppedChildren {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    RuntimeFiles.beforeDeleting(deadline -> killStopped());
  }

  private StoppedChildren() {}

  /** Watches {@code process} until {@code exit} sees it end. */
  static void watch(Process process, ExitWatch exit) {
    LIVE.add(process);
    exit.then(() -> LIVE.remove(process));
  }

  private static void killStopped() {
    for (Process child : LIVE) {
      if (child.isAlive() && ProcessStates.cannotRun(child)) {
        child.destroyForcibly();
      }
    }
  }
}
