package dev.ferry.internal.codec;

import dev.ferry.Channel;
import dev.ferry.Ferry;
import dev.ferry.TransferException;
/**
 * The wording of the rules the runtime enforces again at run time, with the same ids as Ferry's
 * compile-time checker, so that a value that slipped past the checker (raw types, reflection, a
 * build without the processor) fails with the message the checker would have given.
 *
 * <p>Each message says what is wrong in the user's names, why in one clause of the process model,
 * and how to fix it.
 */
public final class RuntimeRules {
  public static final String INHERIT_ONLY_SENT = "ferry:inherit-only-sent";
  public static final String NOT_TRANSFERABLE = "ferry:not-transferable";
  public static final String SPAWN_TARGET = "ferry:spawn-target";

  private RuntimeRules() {}

  public static String prefix(String rule) {
    return "[" + rule + "] ";
  }

  /**
   * A value of an {@code @InheritOnly} type met where a value is copied into bytes: a channel's
   * message, a pool task's arguments or result, {@code Codecs.encode}, an engine's serializer. The
   * codec that refuses it does not know which, so the words fit them all.
   */
  public static IllegalArgumentException inheritOnlySent(String typeName) {
    return inheritOnly(typeName, "sent or encoded", ".", "send only its plain values");
  }

  /** Whether {@code e} is an {@link #inheritOnlySent} refusal. */
  public static boolean isInheritOnlySent(IllegalArgumentException e) {
    return e.getMessage() != null && e.getMessage().startsWith(prefix(INHERIT_ONLY_SENT));
  }

  /**
   * {@code Codecs.decode} asked for an {@code @InheritOnly} type: no bytes {@code Codecs.encode}
   * wrote can hold one, and the answer used to be a schema mismatch, 'the bytes were written by a
   * different version of the type', that listed {@code Channel}'s private fields.
   */
  public static IllegalArgumentException inheritOnlyDecoded(String typeName) {
    return inheritOnly(typeName, "decoded from bytes", ", so Codecs.encode never writes one.",
        "encode and decode only its plain values");
  }

  private static IllegalArgumentException inheritOnly(
      String typeName, String cannotBe, String so, String orOnly) {
    return new IllegalArgumentException(
        prefix(INHERIT_ONLY_SENT) + typeName + " is @InheritOnly and cannot be " + cannotBe
            + ": it holds handles that a process can only open when it is handed them as it"
            + " starts" + so + " Pass it to Ferry.spawn as an argument instead, or " + orOnly
            + ".");
  }

  public static TransferException inheritOnlyRead() {
    return new TransferException(
        prefix(INHERIT_ONLY_SENT) + "the bytes hold a dev.ferry.Channel handle outside a spawn:"
            + " a handle can only be opened by a child that is handed it as it starts. Pass"
            + " channels to Ferry.spawn as arguments, never inside a message.");
  }

  public static IllegalArgumentException notTransferable(String typeName, String detail) {
    return new IllegalArgumentException(
        prefix(NOT_TRANSFERABLE) + typeName + " " + detail + ": only @Transferable types and"
            + " Ferry's built-in value types can be copied to another process. Annotate it with"
            + " @Transferable and compile it with ferry-processor on the annotation processor"
            + " path, or send a transferable value instead.");
  }

  /**
   * {@code noun} after "a" or "an", as it is read: "an int[]", "an Order", "a UUID", "a
   * java.util.List". By the first letter (a, e, i, o take "an"), which fits type names.
   */
  public static String withArticle(String noun) {
    char first = noun.isEmpty() ? 'x' : Character.toLowerCase(noun.charAt(0));
    return (first == 'a' || first == 'e' || first == 'i' || first == 'o' ? "an " : "a ") + noun;
  }

  /**
   * A value of a subclass where a codec writes the class it was generated for: the codec writes
   * only that class's members, so the value would arrive cut down to its superclass.
   */
  public static IllegalArgumentException notExactly(Class<?> codecType, Object value) {
    String subclass = value.getClass().getName();
    String declared = codecType.getName();
    return new IllegalArgumentException(
        prefix(NOT_TRANSFERABLE) + withArticle(subclass) + " where " + withArticle(declared)
            + " is written: "
            + declared + "'s codec writes only the members it declares, so the " + subclass
            + " would reach the other process as a plain " + declared + ". Send "
            + withArticle(declared)
            + " itself, or make " + declared + " final, or sealed with @Transferable subclasses.");
  }

  public static IllegalArgumentException spawnTarget(String what) {
    return new IllegalArgumentException(
        prefix(SPAWN_TARGET) + what + ": a child is a fresh JVM that can only call a static method"
            + " by its class and name, and cannot rebuild captured variables or a receiver. Pass"
            + " a method reference to a static method, e.g. Worker::run.");
  }
}
