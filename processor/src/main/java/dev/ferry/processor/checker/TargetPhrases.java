package dev.ferry.processor.checker;

/**
 * What a rejected spawn target is, as {@code ferry:spawn-target} messages say it, e.g. "`() -> run()`
 * is a lambda": one wording for the javac and the Eclipse checker alike.
 */
final class TargetPhrases {
  private TargetPhrases() {}

  static final String LAMBDA = "a lambda";
  static final String CONSTRUCTOR_REFERENCE = "a constructor reference";
  static final String BOUND_REFERENCE =
      "a bound method reference, whose receiver object lives in this process";
  static final String INSTANCE_METHOD_REFERENCE =
      "a reference to an instance method, which needs an object the child does not have";
  static final String VARIABLE = "a variable, not a method reference the checker can follow";
  static final String NOT_A_REFERENCE = "not a method reference";

  /** A static method of a class a child cannot find by name, e.g. "a method of a local class". */
  static String methodOf(String scope, String owner) {
    return "a method of " + scope + " (`" + owner + "`)";
  }
}
