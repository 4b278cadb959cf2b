package dev.ferry.internal.process;

import java.lang.invoke.SerializedLambda;

/**
 * What a child's start-up arguments are, in the user's terms, and what to do when the child's
 * heap cannot hold them: written by the parent into the start-up message's head, which knows whose
 * arguments they are (a pool worker's are its initializer's, not those of Ferry's own entry point).
 *
 * @param what the arguments, e.g. {@code the spawn arguments of app.Main::work}
 * @param tooLargeFix what follows "cannot hold, ": what did not happen, and the fix
 */
public record ArgumentsTold(String what, String tooLargeFix) {
  /** A spawn's: the target's own arguments. */
  static ArgumentsTold ofSpawn(SerializedLambda method) {
    return new ArgumentsTold(
        "the spawn arguments of " + method.getImplClass().replace('/', '.') + "::"
            + method.getImplMethodName(),
        "so the target did not run: give the child a larger -Xmx in jvmFlags, or hand it a channel"
            + " and send the data in parts");
  }

  /** A pool worker's: the arguments of the pool's {@code initializer}, which may be null. */
  public static ArgumentsTold ofInitializer(Object initializer) {
    if (initializer == null) {
      return new ArgumentsTold("the start-up message of this pool worker",
          "so the worker did not start: give the pool's workers a larger -Xmx in jvmFlags");
    }
    return new ArgumentsTold(
        "the arguments of the pool's initializer " + initializer + ", which each worker is handed as"
            + " it starts,",
        "so the worker did not start: give the pool's workers a larger -Xmx in jvmFlags, or pass"
            + " the initializer a channel or a file's path and send the data in parts");
  }
}
