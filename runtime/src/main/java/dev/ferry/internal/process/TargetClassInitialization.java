package dev.ferry.internal.process;

/**
 * A child initializes the class of its spawn target before it runs the target (a pool's worker,
 * that of each task and of the initializer), as any JVM initializes a class before calling it, so
 * a static initializer of that class runs again in every child. One that spawned ({@code static
 * final Child HELPER = Ferry.spawn(Main::helper)}) spawned again in the child, and that child's
 * child again, a chain of JVMs that outlived the program: each ended only once its parent had,
 * after it had started the next. So, while a child initializes that class, a spawn or a pool's
 * start is refused, as Python's {@code multiprocessing} refuses to start a process while a child
 * is still importing its main module. A pool merely made there ({@code static final ProcessPool
 * POOL = Ferry.pool(8)} beside the tasks it maps) starts its JVMs at its first use, which in a
 * worker never comes (see {@code Pool}).
 */
public final class TargetClassInitialization {
  private TargetClassInitialization() {}

  /** The class this child is initializing before it runs its target, or null. */
  private static volatile Class<?> initializing;

  /**
   * Initializes {@code owner}, the class of this child's target; what its static initializer
   * throws comes out as {@code ExceptionInInitializerError}, as from calling the target.
   */
  public static void run(Class<?> owner) throws ClassNotFoundException {
    initializing = owner;
    try {
      Class.forName(owner.getName(), true, owner.getClassLoader());
    } finally {
      initializing = null;
    }
  }

  /** Whether this child initializes the class of its target (or of a pool's task) now. */
  public static boolean inProgress() {
    return initializing != null;
  }

  /**
   * Refuses {@code what} (a spawn, a pool's start, which is its first use when it was made during
   * the initialization: see {@code Pool}) while this child initializes its target's class.
   */
  static void refuseWhileRunning(String what) {
    Class<?> owner = initializing;
    if (owner == null) {
      return;
    }
    throw new IllegalStateException("this child cannot " + what + " while it initializes "
        + owner.getName() + ", the class of its spawn target (or of a pool's task): every child"
        + " and pool worker initializes that class again before it runs it, so a spawn there, or"
        + " a pool used there, would start processes in every child that start more, without"
        + " end. Move the Ferry.spawn, or the pool's use, out of the static initializer, into"
        + " main or a method the program calls (a pool made there and used elsewhere is fine)");
  }
}
