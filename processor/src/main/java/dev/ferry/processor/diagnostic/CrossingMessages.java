package dev.ferry.processor.diagnostic;

import java.util.List;

/**
 * The wording of the call-site diagnostics about values that cross to another process: an
 * argument, a type argument, a value held inside another, and the intersection types the compiler
 * inferred where values of different classes meet. {@link Rule#format} adds the tag and the rule's
 * page; tests build their expectations from these methods.
 */
public final class CrossingMessages {
  private CrossingMessages() {}

  /**
   * A value that crosses at a call site, e.g. {@code "`queue` is sent to another process, and its
   * type `Channel<String>` is @InheritOnly: ..."}.
   */
  public static String crossingValue(
      String expression, String crossing, String type, String culprit, String reason, String fix) {
    String subject = "`" + expression + "` " + crossing;
    String cause =
        type.equals(culprit)
            ? ", and its type `" + type + "` " + reason
            : ", and `" + culprit + "` in its type `" + type + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  /**
   * A local whose every value is {@code @InheritOnly}, sent by its name: {@code Object o = channel;
   * raw.send(o)} is told as {@code "`o` is sent to another process, and it holds `channel`, of type
   * `Channel<String>`, and `Channel` is @InheritOnly"}, as its own type ({@code Object}) says
   * nothing of the handles.
   */
  public static String heldValue(
      String expression,
      String crossing,
      String held,
      String type,
      String culprit,
      String reason,
      String fix) {
    String cause =
        type.equals(culprit) ? ", which " + reason : ", and `" + culprit + "` " + reason;
    return "`" + expression + "` " + crossing + ", and it holds `" + held + "`, of type `" + type
        + "`" + cause + ". Fix: " + fix + ".";
  }

  /**
   * A spawn argument whose written or inferred type hides the {@code @InheritOnly} value it holds:
   * {@code Object a = jobs; Ferry.spawn(Main::child, a)} or {@code (Object) jobs}. A handle may be
   * handed to a child, but only as what it is; as {@code Object} it is a value to rebuild by its
   * class, so the fix is to pass it typed as what it is, not to declare a @Transferable type.
   */
  public static String hiddenSpawnValue(
      String expression, String crossing, String held, String heldType, String type) {
    return "`" + expression + "` " + crossing + ", and it holds `" + held + "`, of type `"
        + heldType + "`, which a child may be handed only as what it is: its type here, `" + type
        + "`, could hold any type, and a process that reads the bytes must know which class to"
        + " rebuild. Fix: pass `" + held + "` itself, typed `" + heldType + "`, not through a"
        + " local, cast or call of type `" + type + "`.";
  }

  /**
   * An {@code @InheritOnly} value written among the values of a collection a spawn argument builds,
   * whose element type hides it: {@code jobs} of {@code Ferry.spawn(Main::child, List.of(job,
   * jobs))}, a {@code List<Object>}. A handle may be handed to a child, but only as what it is, so
   * the fix is to pass it on its own, not to declare a @Transferable type. {@code held} is the
   * handle where {@code element} is a local that holds nothing but it ({@code Object o = jobs;}
   * for {@code List.of(job, o)}), or null where {@code element} is the handle itself.
   */
  public static String hiddenSpawnElement(
      String element,
      String held,
      String heldType,
      String crossing,
      String collection,
      String type,
      String culprit,
      String reason) {
    return "`" + element + "`" + (held == null ? "" : ", which holds `" + held + "`,") + " "
        + crossing + " inside `" + collection + "`, of type `" + type + "`; a `" + heldType
        + "` may be handed to a child only as what it is, and `" + culprit + "` in `" + type + "` "
        + reason + ". Fix: pass `" + (held == null ? element : held) + "` as an argument of its"
        + " own, typed `" + heldType + "`, or inside an @InheritOnly record, not among values of"
        + " other classes.";
  }

  /**
   * A type argument whose values cross, e.g. the {@code X} of {@code Channel<X>}: {@code crossing}
   * says how, e.g. "is sent to another process".
   */
  public static String sentTypeArgument(
      String argument, String generic, String crossing, String culprit, String reason, String fix) {
    String subject =
        "`" + argument + "` is a type argument of `" + generic + "` whose values "
            + plural(crossing);
    String cause =
        argument.equals(culprit) ? ", and it " + reason : ", and `" + culprit + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  /**
   * A type argument written for a generic method's or constructor's type variable whose values
   * cross ({@code Chan.<Thread>create()}, {@code new <Thread>Envelope(null)}), e.g. "`Thread` is
   * given for `T` of `create`; a value of `T` is sent to another process, and ...": the method is
   * not a type, so the type is not printed as if it were one ({@code create<Thread>}).
   */
  public static String writtenTypeArgument(
      String type,
      String variable,
      String method,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + type + "` is given for `" + variable + "` of `" + method + "`; a value of `"
            + variable + "` " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * A type a call gives to a type variable whose values cross, reported on the argument that
   * carries it, e.g. "`Main::work` gives `R` of `submit` the type `Thread`; a value of `R` is sent
   * to another process, and ...".
   */
  public static String inferredTypeArgument(
      String argument,
      String variable,
      String method,
      String type,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + argument + "` gives `" + variable + "` of `" + method + "` the type `" + type
            + "`; a value of `" + variable + "` " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * A spawn target or pool task whose parameter is a JDK collection class the reading process
   * does not rebuild, e.g. {@code "`Main::work` takes `ConcurrentHashMap<String, Integer>` as its
   * parameter `counts`; the process that runs it rebuilds each argument from bytes, and
   * `ConcurrentHashMap<String, Integer>` is rebuilt ... as `LinkedHashMap`, which cannot be cast
   * to `ConcurrentHashMap`: the call would fail there. Fix: declare `counts` as `Map<String,
   * Integer>`."}
   */
  public static String rebuiltTargetParameter(
      String reference, String parameter, String type, String reason, String view) {
    return "`" + reference + "` takes `" + type + "` as its parameter `" + parameter
        + "`; the process that runs it rebuilds each argument from bytes" + causeIn(type, type,
            reason)
        + ": the call would fail there. Fix: declare `" + parameter + "` as `" + view + "`.";
  }

  /**
   * A pool task whose result, as the call types it, is a JDK collection class this process does
   * not rebuild a worker's result as, e.g. {@code "`Main::counts` returns the task's result as
   * `ConcurrentHashMap<String, Integer>` at this call; a result is rebuilt in this process from
   * the bytes a worker wrote, and ... Fix: declare `counts` to return `Map<String, Integer>`, or
   * take the result as `Map<String, Integer>`."}; {@code method} is null for a lambda task.
   */
  public static String rebuiltTaskResult(
      String task, String method, String type, String reason, String view) {
    return "`" + task + "` returns the task's result as `" + type
        + "` at this call; a result is rebuilt in this process from the bytes a worker wrote"
        + causeIn(type, type, reason) + ". Fix: "
        + (method == null
            ? "take the result as `" + view + "`, or cast the lambda's result to `" + view + "`"
            : "declare `" + method + "` to return `" + view + "`, or take the result as `" + view
                + "`")
        + ".";
  }

  /**
   * A method reference that hands the values it receives to a parameter whose argument crosses,
   * e.g. {@code "`Dispatcher::post` hands each `Channel<String>` it receives to `post`, whose
   * argument is sent to another process, and ..."}.
   */
  public static String referencedValue(
      String reference,
      String method,
      String type,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + reference + "` hands each `" + type + "` it receives to `" + method
            + "`, whose argument " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * Why a value of {@code local}'s type cannot cross, where {@code var} inferred it as an
   * intersection of types ({@code var v = flag ? "a" : 1}, printed {@code Serializable &
   * Comparable<?> & ...}): the value sent is the variable, so its declaration is what the words
   * name, not a conditional's branches.
   */
  public static String inferredIntersectionReason(String local) {
    return "is the intersection of types that `var` inferred for `" + local + "` from values of"
        + " different classes, and a process that reads the bytes must know which one class to"
        + " rebuild";
  }

  /** The fix for {@code local}, told with {@link #inferredIntersectionReason}. */
  public static String inferredIntersectionFix(String local) {
    return "give the values `" + local + "` is set to one @Transferable or built-in type, or a"
        + " sealed @Transferable interface they all implement, and declare `" + local + "` with"
        + " that type in place of `var`";
  }

  /**
   * Why a value whose type the compiler inferred as an intersection cannot cross, naming the
   * values whose types met there ({@code operands}, each with its type: "`4` (`Integer`)"), a
   * conditional's or switch's results ({@code branches}) or a generic call's arguments; {@code
   * alone}, those that could not cross even on their own ({@code new StringBuilder()}).
   */
  public static String metIntersectionReason(
      boolean branches, List<String> operands, List<String> alone) {
    return metIntersectionReason(branches, operands, alone, null, false);
  }

  /**
   * As {@link #metIntersectionReason(boolean, List, List)}, for values found inside the value
   * told: in {@code within}, the text of the value they gave its type ({@code flag ? "a" : 1} of
   * {@code Optional.of(flag ? "a" : 1)}), or, where {@code local}, in the initializer of the
   * {@code var} local {@code within} names; null where they are the value's own.
   */
  public static String metIntersectionReason(
      boolean branches, List<String> operands, List<String> alone, String within,
      boolean local) {
    String reason =
        "is the intersection of types that the compiler inferred from "
            + (branches ? "the results " : "the arguments ")
            + joined(operands)
            + (within == null
                ? ""
                : local ? " in the initializer of `" + within + "`" : " in `" + within + "`")
            + ", which are of different classes, and a process that reads the bytes must know"
            + " which one class to rebuild";
    if (!alone.isEmpty()) {
      reason +=
          "; " + joined(alone.stream().map(text -> "`" + text + "`").toList())
              + (alone.size() == 1 ? " could not cross even on its own" : " could not cross even"
                  + " on their own");
    }
    return reason;
  }

  /** The fix for a conditional or switch expression told with {@link #metIntersectionReason}. */
  public static String metBranchesFix() {
    return "make the call in each branch (an `if` or a `switch` statement), so that each value"
        + " crosses with its own class, or give the results one @Transferable or built-in type,"
        + " or a sealed @Transferable interface they all implement";
  }

  /**
   * The fix for a conditional or switch expression told with {@link #metIntersectionReason} inside
   * the value told ({@code Optional.of(flag ? "a" : 1)}): the value then holds one class.
   */
  public static String metNestedBranchesFix() {
    return "give the results one @Transferable or built-in type, or a sealed @Transferable"
        + " interface they all implement, or make the call in each branch (an `if` or a `switch`"
        + " statement) with the value built from that branch's result";
  }

  /**
   * The fix for values told with {@link #metIntersectionReason} in the initializer of the {@code
   * var} local {@code local}: declare it with its type written, {@code localType} ({@code
   * List<Type>}), or, for a generic call's arguments ({@code
   * callee} not null), write the call's type argument, {@code Type} either way; or, for a
   * conditional's results, give them one type; or write the diamonds' type arguments.
   */
  public static String metLocalFix(
      String local, String localType, String callee, String qualifier, String variable,
      List<String> diamonds) {
    String fix =
        "declare `" + local + "` with its type (`" + localType + " " + local + " = ...`) in place"
            + " of `var`"
            + (callee == null
                ? ""
                : ", or write the type argument"
                    + (variable == null ? "s of `" : " for `" + variable + "` of `")
                    + callee + "` (`" + qualifier + ".<Type>" + callee + "(...)`)")
            + ", where `Type` is one @Transferable or built-in type that every value has, or a"
            + " sealed @Transferable interface they all implement";
    if (callee == null) {
      fix += "; or give the results one such type";
    }
    if (!diamonds.isEmpty()) {
      fix += "; or write the type arguments of "
          + joined(diamonds.stream().map(text -> "`" + text + "`").toList())
          + " in place of `<>`, so that the arguments' types agree";
    }
    return fix;
  }

  /**
   * The fix for a generic call of {@code callee} told with {@link #metIntersectionReason}: write
   * its type argument ({@code variable}'s, or its type arguments where null) as a type that
   * crosses; {@code Object} where it returns one of its arguments ({@code returnsArgument}); give
   * each diamond argument ({@code diamonds}) its type arguments.
   */
  public static String metArgumentsFix(
      String callee, String qualifier, String variable, boolean returnsArgument,
      List<String> diamonds) {
    String fix =
        "write the type argument"
            + (variable == null ? "s of `" : " for `" + variable + "` of `")
            + callee
            + "` (`" + qualifier + ".<Type>" + callee + "(...)`) as one @Transferable or built-in"
            + " type that every argument has, or a sealed @Transferable interface they all"
            + " implement";
    if (returnsArgument) {
      fix += ", or as `Object` (`" + qualifier + ".<Object>" + callee + "(...)`), since `" + callee
          + "` returns one of its arguments and each then crosses with its own class";
    }
    if (!diamonds.isEmpty()) {
      fix += ", or write the type arguments of "
          + joined(diamonds.stream().map(text -> "`" + text + "`").toList())
          + " in place of `<>`, so that the arguments' types agree";
    }
    return fix;
  }

  /** {@code items} joined as "a", "a and b", "a, b and c". */
  static String joined(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and "
        + items.get(items.size() - 1);
  }

  /**
   * Why a value cast to an intersection cannot cross: the cast, {@code castType} as written ({@code
   * Object & Serializable}), gives it a type that names no one class.
   */
  public static String castIntersectionReason(String castType) {
    return "is the intersection of types that the cast `(" + castType + ")` gives it, and a"
        + " process that reads the bytes must know which one class to rebuild";
  }

  /** The fix for {@code operand}, told with {@link #castIntersectionReason}. */
  public static String castIntersectionFix(String operand) {
    return "send `" + operand + "` without the cast, or cast it to one @Transferable or built-in"
        + " type, or a sealed @Transferable interface";
  }

  /**
   * Why the elements of {@code local} cannot cross, where {@code var} inferred its type from lists
   * of different element types ({@code var in = flag ? List.of(1) : List.of("x")}): their element
   * type is the intersection of those types.
   */
  public static String inferredElementIntersectionReason(String local) {
    return "is the intersection of types that `var` inferred for the elements of `" + local
        + "` from lists of different element types, and a process that reads the bytes must know"
        + " which one class to rebuild";
  }

  /** The fix for {@code local}, told with {@link #inferredElementIntersectionReason}. */
  public static String inferredElementIntersectionFix(String local) {
    return "choose among the lists where `" + local + "` is passed (`flag ? List.of(1) :"
        + " List.of(\"x\")` written at the call is checked list by list), or give them one"
        + " @Transferable or built-in element type, or a sealed @Transferable interface, and"
        + " declare `" + local + "` with that element type in place of `var`";
  }

  /**
   * The fix for a method's own unmarked {@code parameter}, passed on where its value crosses, whose
   * callers may pass values that can cross: mark it ({@code marker}: {@code Sent} or {@code
   * SpawnArgument}), so that each call of {@code method} is checked instead; or {@code otherwise}.
   */
  public static String markParameterFix(
      String parameter, String method, String marker, String otherwise) {
    return "mark `" + parameter + "` @" + marker + ", so that the value each call of `" + method
        + "` passes is checked there instead, or " + otherwise;
  }

  /**
   * {@code ", and `X` is ..."} or, when the culprit is inside the type, {@code ", and `C` in `X<C>`
   * is ..."}.
   */
  private static String causeIn(String type, String culprit, String reason) {
    return type.equals(culprit)
        ? ", and `" + type + "` " + reason
        : ", and `" + culprit + "` in `" + type + "` " + reason;
  }

  /** "is sent to another process" as said of values: "are sent to another process". */
  private static String plural(String crossing) {
    return crossing.startsWith("is ") ? "are " + crossing.substring(3) : crossing;
  }
}
