package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Rule;

/**
 * Why a type, somewhere inside a member's type, cannot be written: the rule and a clause naming
 * the culprit, e.g. "{@code Channel} is @InheritOnly".
 *
 * @param culprit the innermost type at fault, as the user wrote it
 * @param reason why it cannot cross, in one clause of the process model
 * @param fix what the user should do
 */
public record Violation(Rule rule, String culprit, String reason, String fix) {

  /** The violation that names the problem when a type has several: the higher-ranked rule. */
  public static Violation mostSpecific(Violation a, Violation b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.rule().outranks(a.rule()) ? b : a;
  }
}
