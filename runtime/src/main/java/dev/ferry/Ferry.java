package dev.ferry;


import dev.ferry.annotation.SpawnArgument;
import dev.ferry.annotation.SpawnTarget;
import java.io.Serializable;

/**
 * Starts child JVMs that run a static method of this program, with arguments; {@link #pool(int)}
 * starts a {@link ProcessPool} of worker JVMs instead.
 *
 * <pre>{@code
 * private static void work(Channel<Job> jobs, Channel<Result> results) throws Exception { ... }
 *
 * Child child = Ferry.spawn(Main::work, jobs, results);
 * Child named = Ferry.options().name("indexer").jvmFlags("-Xmx512m").spawn(Main::work, jobs, results);
 * }</pre>
 *
 * <p>A child is a new JVM from this JVM's {@code java.home} with its class path and module path.
 * It calls the target by its class and name (the method may be private), with copies of the
 * arguments: values of {@code @Transferable} types, of imported ({@code @TransferableImport}) and
 * hand-written ({@code @TransferableCodec}) codecs' types, and built-in values are copied by their
 * codecs, {@code
 * @InheritOnly} values such as {@link Channel}s are opened again in the child as handles to the
 * same queue. The child exits with 0 when the target returns and 1 when it throws (see {@link
 * Child#failure()}); it also exits when this process dies. See {@code docs/runtime.md}.
 */
public final class Ferry {
  private Ferry() {}

  /** A child's entry point with no argument; the interfaces are serializable so the runtime can read the method's name. */
  @FunctionalInterface
  public interface Target0 extends Serializable {
    void run() throws Exception;
  }

  /** A child's entry point with one argument, each a spawn argument. */
  @FunctionalInterface
  public interface Target1<A> extends Serializable {
    void run(A a) throws Exception;
  }

  /** A child's entry point with two arguments, each a spawn argument. */
  @FunctionalInterface
  public interface Target2<A, B> extends Serializable {
    void run(A a, B b) throws Exception;
  }

  /** A child's entry point with three arguments, each a spawn argument. */
  @FunctionalInterface
  public interface Target3<A, B, C> extends Serializable {
    void run(A a, B b, C c) throws Exception;
  }

  /** A child's entry point with four arguments, each a spawn argument. */
  @FunctionalInterface
  public interface Target4<A, B, C, D> extends Serializable {
    void run(A a, B b, C c, D d) throws Exception;
  }

  /** A pool task with no argument: a reference to a static method that returns a value. */
  @FunctionalInterface
  public interface Task0<R> extends Serializable {
    R call() throws Exception;
  }

  /** A pool task with one argument. */
  @FunctionalInterface
  public interface Task1<A, R> extends Serializable {
    R call(A a) throws Exception;
  }

  /** A pool task with two arguments. */
  @FunctionalInterface
  public interface Task2<A, B, R> extends Serializable {
    R call(A a, B b) throws Exception;
  }

  /** A pool task with three arguments. */
  @FunctionalInterface
  public interface Task3<A, B, C, R> extends Serializable {
    R call(A a, B b, C c) throws Exception;
  }

  /** A pool task with four arguments. */
  @FunctionalInterface
  public interface Task4<A, B, C, D, R> extends Serializable {
    R call(A a, B b, C c, D d) throws Exception;
  }

  /**
   * A pool of {@code workers} worker JVMs started with the default options; see {@link
   * SpawnOptions#pool(int)}.
   *
   * @throws IllegalArgumentException if {@code workers} is less than 1 or more than 1,024
   */
  public static ProcessPool pool(int workers) {
    return SpawnOptions.DEFAULTS.pool(workers);
  }

  /** Options for the next spawn: JVM flags, working directory, environment, name. */
  public static SpawnOptions options() {
    return SpawnOptions.DEFAULTS;
  }

  /**
   * Starts a child JVM that runs {@code target}, a reference to a static method, with the default
   * options; see {@link SpawnOptions#spawn(Target0)}. The overloads below pass up to four
   * arguments, copied to the child by their codecs ({@code @InheritOnly} ones, such as channels,
   * opened again there).
   */
  public static Child spawn(@SpawnTarget Target0 target) {
    return SpawnOptions.DEFAULTS.spawn(target);
  }

  /** {@link #spawn(Target0)} with arguments. */
  public static <A> Child spawn(@SpawnTarget Target1<A> target, @SpawnArgument A a) {
    return SpawnOptions.DEFAULTS.spawn(target, a);
  }

  /** {@link #spawn(Target0)} with arguments. */
  public static <A, B> Child spawn(
      @SpawnTarget Target2<A, B> target, @SpawnArgument A a, @SpawnArgument B b) {
    return SpawnOptions.DEFAULTS.spawn(target, a, b);
  }

  /** {@link #spawn(Target0)} with arguments. */
  public static <A, B, C> Child spawn(
      @SpawnTarget Target3<A, B, C> target,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c) {
    return SpawnOptions.DEFAULTS.spawn(target, a, b, c);
  }

  /** {@link #spawn(Target0)} with arguments. */
  public static <A, B, C, D> Child spawn(
      @SpawnTarget Target4<A, B, C, D> target,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c,
      @SpawnArgument D d) {
    return SpawnOptions.DEFAULTS.spawn(target, a, b, c, d);
  }
}
