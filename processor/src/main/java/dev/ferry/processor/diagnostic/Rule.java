package dev.ferry.processor.diagnostic;

/**
 * The checker's rules, in the order that decides which one names a problem with several causes:
 * the first that applies wins (an instance of a local class has no codec either, but the local
 * class is the cause to name). Each rule has a page, {@code docs/rules/ID.md}, and a test class.
 */
public enum Rule {
  LOCAL_CLASS("local-class"),
  INHERIT_ONLY_SENT("inherit-only-sent"),
  NOT_TRANSFERABLE("not-transferable"),
  SPAWN_TARGET("spawn-target"),
  TRANSFERABLE_SHAPE("transferable-shape"),
  INTERNAL("internal");

  private final String id;

  Rule(String id) {
    this.id = id;
  }

  /** The rule's id, e.g. {@code local-class}. */
  public String id() {
    return id;
  }

  /** The tag every message of this rule begins with, e.g. {@code [ferry:local-class]}. */
  public String tag() {
    return "[ferry:" + id + "]";
  }

  /** Whether {@code message}, as a compiler prints it, is one of Ferry's (of any rule). */
  public static boolean isFerrys(String message) {
    return message.startsWith("[ferry:");
  }

  /** The value of {@code @SuppressWarnings} that silences this rule, e.g. {@code ferry:local-class}. */
  public String suppressionKey() {
    return "ferry:" + id;
  }

  /** Formats a message: the tag, the text (what, why, fix), and the rule's page. */
  public String format(String text) {
    return tag() + " " + text + " See docs/rules/" + id + ".md";
  }

  /** Whether this rule names a problem before {@code other} does. */
  public boolean outranks(Rule other) {
    return ordinal() < other.ordinal();
  }
}
