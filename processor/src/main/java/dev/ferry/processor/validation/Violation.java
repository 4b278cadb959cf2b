package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Rule;

/**
 * Why a type, somewhere inside a member's type, cannot be written: the rule and a clause naming
 * the culprit, e.g. "{@code Channel} is @InheritOnly".
 *
 * @param culprit the innermost type at fault, as the user wrote it
 * @param reason why it cannot cross, in one clause of the process model
 * @param fix what the user should do, in words that fit wherever the culprit sits
 * @param wholeMemberFix the fix in a member's words, for a culprit that is the member's whole type
 *     ("declare the member as `List`"), or null when {@code fix} says it as well
 */
public record Violation(
    Rule rule, String culprit, String reason, String fix, String wholeMemberFix) {

  public Violation(Rule rule, String culprit, String reason, String fix) {
    this(rule, culprit, reason, fix, null);
  }

  /** This violation of a member whose whole type is the culprit, with the fix in its words. */
  public Violation ofWholeMember() {
    return wholeMemberFix == null ? this : new Violation(rule, culprit, reason, wholeMemberFix);
  }

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
