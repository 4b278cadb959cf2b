package dev.ferry.processor.diagnostic;

/**
 * The wording of {@code spawn-target}: why a fresh JVM cannot run the target given (a lambda, a
 * bound or instance method reference, a method of a class with no name, ...) and the fix for that
 * kind of target. {@link Rule#format} adds the tag and the rule's page.
 */
public final class SpawnTargetMessages {
  private SpawnTargetMessages() {}

  /**
   * How a spawn target's fix says what to write, in words: an example name (`Worker::run`, as it
   * was) named a class and method the user's code does not have.
   */
  private static final String REFERENCE_FORM = ": the class's name, `::`, and the method's name";

  /** A lambda as a spawn target. */
  public static String lambdaTarget(String expression) {
    return spawnTarget(expression, "a lambda", "it cannot rebuild the variables a lambda captures",
        "move the lambda's body into a static method of a top-level or static nested class, and"
            + " pass a reference to that method" + REFERENCE_FORM);
  }

  /** A variable (not a method reference the checker can follow) as a spawn target. */
  public static String variableTarget(String expression) {
    return spawnTarget(expression, "a variable, not a method reference the checker can follow",
        "the checker cannot tell which method the variable names",
        "pass a reference to a static method of a top-level or static nested class directly at"
            + " this call" + REFERENCE_FORM);
  }

  /**
   * A parameter of the method the call is in, not marked {@code @SpawnTarget}, as a spawn target:
   * a launcher wrapper passing its target on, which the marker would make legal.
   */
  public static String parameterTarget(String expression, String parameter, String method) {
    return spawnTarget(expression, "a parameter of `" + method + "`, not a method reference the"
            + " checker can follow",
        "the checker cannot tell which method the callers of `" + method + "` pass",
        "mark `" + parameter + "` @SpawnTarget, so that each call of `" + method + "` is checked"
            + " instead, or pass a reference to a static method of a top-level or static nested"
            + " class directly at this call" + REFERENCE_FORM);
  }

  /**
   * A parameter marked {@code @SpawnTarget} whose {@code type} can hold no method reference (a
   * {@code String}, an {@code int}), told where it is declared: none of its calls could pass one.
   */
  public static String targetMarkerOnType(String parameter, String type) {
    return "`" + parameter + "` is marked @SpawnTarget, but its type `" + type + "` cannot hold a"
        + " method reference: a child process is a fresh JVM that runs a static method it finds"
        + " by class and name, and only a reference to such a method, given as a functional"
        + " interface, names one. Fix: give `" + parameter + "` the functional interface type the"
        + " code it names runs as (such as `Ferry.Target0`), or remove @SpawnTarget if `"
        + parameter + "` names no code a child runs.";
  }

  /**
   * A lambda's parameter that carries {@code @SpawnTarget} itself, as a spawn target: the marker
   * moves the check to the calls only where the interface's method marks its parameter, since
   * those calls name the interface's method, never the lambda.
   */
  public static String lambdaParameterTarget(String expression, String parameter) {
    return spawnTarget(expression, "a parameter of a lambda, not a method reference the checker"
            + " can follow",
        "the checker cannot tell which method the lambda's callers pass",
        lambdaMarkerNote(parameter, "SpawnTarget") + "; pass a reference to a static method of a"
            + " top-level or static nested class directly at this call" + REFERENCE_FORM
            + ", or implement an interface whose method's parameter is @SpawnTarget");
  }

  /**
   * The fix for a value a lambda's own parameter, marked {@code marker} there, passes on where it
   * crosses: {@code fix}, after saying why the marker did not move the check to the callers.
   */
  public static String lambdaMarkedParameterFix(String parameter, String marker, String fix) {
    return lambdaMarkerNote(parameter, marker) + "; " + fix;
  }

  /**
   * Why {@code @marker} on a lambda's own {@code parameter} checks nothing: callers call the
   * interface's method, whose parameter carries only what the interface declares.
   */
  private static String lambdaMarkerNote(String parameter, String marker) {
    return "the @" + marker + " on `" + parameter + "`, a lambda's own parameter, counts only when"
        + " the method of the lambda's interface marks its parameter @" + marker + ", since its"
        + " callers call that method, not the lambda";
  }

  /** Some other expression as a spawn target. */
  public static String otherTarget(String expression) {
    return spawnTarget(expression, "not a method reference",
        "the checker cannot tell which method it names",
        "pass a reference to a static method of a top-level or static nested class"
            + REFERENCE_FORM);
  }

  /**
   * A constructor reference as a spawn target; {@code type} is the class it builds ({@code Job})
   * or, for an array constructor ({@code int[]::new}), the array type; it may be null.
   */
  public static String constructorTarget(String expression, String type) {
    String what = type == null ? "the object" : Messages.article(type) + " `" + type + "`";
    return spawnTarget(expression, "a constructor reference",
        "a constructor builds an object in this process, not code the child runs",
        "pass a reference to a static method that creates " + what + " in the child");
  }

  /** {@code Type::instanceMethod} as a spawn target, with no argument it would be called on. */
  public static String instanceMethodTarget(String expression, String owner, String method) {
    return instanceMethodTarget(expression, owner, method, null, false);
  }

  /**
   * {@code Type::instanceMethod} as a spawn target; {@code receiver} is the argument of the call
   * it would be called on ({@code this} in {@code pool.submit(Main::inst, this, 3)}), or on each
   * element of ({@code elements}: {@code mains} in {@code pool.map(Main::inst, mains)}), or null.
   */
  public static String instanceMethodTarget(
      String expression, String owner, String method, String receiver, boolean elements) {
    return instanceMethodTarget(expression, owner, method, receiver, elements, true, true);
  }

  /**
   * As above; {@code nameable} is false for a method of a class a child cannot find by name
   * (local, anonymous, or nested in one), whose static method spawn-target refuses too: the fix
   * then moves the method to a class that has a name. {@code compiledHere} is false for a method
   * of a class this code does not compile (a JDK or library class: {@code String::length}), which
   * no one here can make static: the fix is a static method of one's own that calls it.
   */
  public static String instanceMethodTarget(
      String expression,
      String owner,
      String method,
      String receiver,
      boolean elements,
      boolean nameable,
      boolean compiledHere) {
    String makeStatic =
        !compiledHere
            ? callItFromAStaticMethod(method)
            : nameable
                ? "make `" + method + "` static"
                : "make `" + method + "` a static method of a top-level or static nested class";
    if (receiver == null) {
      return spawnTarget(expression, "a reference to the instance method `" + method + "`",
          "the child has no `" + owner + "` object to call it on",
          makeStatic + ", handing it the data it needs as arguments of this call");
    }
    String on = elements ? "each element of the argument after it" : "the argument after it";
    String from = elements ? "each element of `" + receiver + "`" : "`" + receiver + "`";
    return spawnTarget(expression,
        "a reference to the instance method `" + method + "`, to be called on " + on + ", `"
            + receiver + "`",
        "it calls no method on an object, not even one sent to it",
        makeStatic + ", and pass the data it needs from " + from
            + " as arguments of this call instead");
  }

  /**
   * {@code object::method} as a spawn target; {@code owner} is a name of the method's class that
   * compiles at the call ({@link TypePrinter#reference}), or null for a class that has none (local
   * or anonymous), whose static method a child could not find either.
   */
  public static String boundReferenceTarget(String expression, String owner, String method) {
    return boundReferenceTarget(expression, owner, method, true);
  }

  /** As above; {@code compiledHere} as for {@link #instanceMethodTarget}. */
  public static String boundReferenceTarget(
      String expression, String owner, String method, boolean compiledHere) {
    String fix =
        !compiledHere
            ? callItFromAStaticMethod(method) + " and pass a reference to it"
            : owner == null
            ? "make `" + method + "` a static method of a top-level or static nested class and pass"
                + " a reference to it"
            : "make `" + method + "` static and pass `" + owner + "::" + method + "`";
    return spawnTarget(expression, "a bound method reference",
        "its receiver object lives in this process, and the child cannot rebuild it",
        fix + ", handing it the data it needs as arguments of this call");
  }

  /** The fix for an instance method this code cannot make static: call it from one that is. */
  private static String callItFromAStaticMethod(String method) {
    return "write a static method of a top-level or static nested class of yours that calls `"
        + method + "` in the child";
  }

  /** A static method of a local or anonymous class, or one nested in it, as a spawn target. */
  public static String unnameableTarget(String expression, String scope, String owner) {
    return spawnTarget(expression, "a method of " + scope + " (`" + owner + "`)",
        "such a class has no name outside its enclosing code",
        "move `" + owner + "` to a top-level or static nested class");
  }

  /**
   * A spawn target that a fresh JVM cannot run: what it is, why a child cannot run it (one
   * clause), and the fix for that kind of target, never the rejected expression itself.
   */
  private static String spawnTarget(String expression, String what, String why, String fix) {
    return "`" + expression + "` is " + what + ": a child process is a fresh JVM that runs a"
        + " static method it finds by class and name, and " + why + ". Fix: " + fix + ".";
  }
}
