package dev.ferry.processor.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a constructor's, setter's or getter's body plainly does with the class's fields, read from
 * the compiler's trees: enough to tell that a value the codec hands it lands in another field, or
 * nowhere ({@code this.x = y; this.y = x;}). Only what the body surely does is noted; a store under
 * a condition, through a method or of a computed value is none of it, so that a constructor that
 * normalizes (sorts two bounds, trims, copies) is trusted as before.
 *
 * @param stores the body's top-level statements {@code this.f = p;} (or {@code f = p;}) storing a
 *     parameter unchanged in a field, also through a local or another parameter that holds its
 *     value ({@code int t = x; x = y; y = t;} then {@code this.y = y;} stores {@code x})
 * @param usedParameters the indexes of the parameters the body mentions anywhere
 * @param calls the body's top-level calls of the class's own constructor ({@code this(...)}, named
 *     {@code <init>}) or methods ({@code init(y, x);}), or of the superclass's ({@link #SUPER}), each with what it passes: the index of
 *     the parameter passed unchanged in each position, or -1
 * @param returnedField for a body that is only {@code return f;} (or {@code return this.f;}), the
 *     field it returns; else null
 * @param changes the body's top-level statements storing in a field a parameter changed by
 *     arithmetic, negation or concatenation ({@code this.count = count + 1;}, {@code count =
 *     count + 1;} and then {@code this.count = count;}, or {@code this.count = count;} and then
 *     {@code this.count++;}), which no second crossing leaves as it is, unlike a normalization ({@code trim()}, {@code Math.abs}, a copy)
 * @param returnedChanges for a body that is only {@code return f + 1;} (fields changed by
 *     arithmetic, negation or concatenation), each such field with what it returns; else none
 * @param assigned the fields the body's top-level statements assign, whatever the value: a
 *     parameter left unused whose field is computed from the others ({@code this.full = first + " "
 *     + last;}) is derived, and crosses as the constructor computes it again
 * @param computed the body's top-level statements storing in a field a value computed from
 *     parameters ({@code this.name = name.trim();}), one for each parameter the value mentions:
 *     a parameter stored, as a default, in another field and normalized into its own is not
 *     misrouted
 * @param constants the fields the body's top-level statements assign a literal ({@code
 *     this.schemaVersion = 2;}, {@code this.parent = null;}): a final field so assigned holds that
 *     value in every value the constructor makes, the one sent among them
 * @param selfChanges the body's top-level statements changing a name by arithmetic, negation or
 *     concatenation of itself ({@code count = count + 1;}, {@code count += 1;}, {@code count++;},
 *     {@code text = text + "!";}), each noted by the name and the statement as written: in a
 *     record's compact canonical constructor the compiler then stores the changed parameter in its
 *     component, so each crossing changes it again
 */
record BodyFacts(
    List<Store> stores,
    Set<Integer> usedParameters,
    List<Call> calls,
    String returnedField,
    List<Change> changes,
    List<Change> returnedChanges,
    Set<String> assigned,
    List<Store> computed,
    Set<String> constants,
    List<Change> selfChanges) {

  /**
   * The names a change has ({@code null} for an operand computed otherwise, a call), or none when
   * one is computed or a local of the body (not a parameter): such a change may normalize the
   * value ({@code numerator / gcd(n, d)}, {@code numerator / g}), which a second crossing leaves
   * as it is. Shared by javac's and ECJ's readings.
   */
  static List<String> plain(List<String> names, Set<String> locals, List<String> parameters) {
    boolean computed =
        names.stream().anyMatch(Objects::isNull) // List.of(...).contains(null) throws
            || names.stream().anyMatch(n -> locals.contains(n) && !parameters.contains(n));
    return computed ? List.of() : names;
  }

  /**
   * Whether the literal {@code value}, on the right of the operator named {@code operator} ({@code
   * PLUS}, {@code MULTIPLY}, ...) or (not {@code right}) on its left, leaves the other operand as
   * it is: 0 added, subtracted or shifted by, 1 multiplied or divided by, "" joined to. Shared by
   * javac's and ECJ's readings, which name their operators alike.
   */
  static boolean isIdentity(String operator, Object value, boolean right) {
    if ("".equals(value)) {
      return operator.equals("PLUS");
    }
    if (!(value instanceof Number number)) {
      return false;
    }
    double v = number.doubleValue();
    switch (operator) {
      case "PLUS":
        return v == 0;
      case "MULTIPLY":
        return v == 1;
      case "MINUS":
      case "LEFT_SHIFT":
      case "RIGHT_SHIFT":
      case "UNSIGNED_RIGHT_SHIFT":
        return right && v == 0;
      case "DIVIDE":
        return right && v == 1;
      default:
        return false;
    }
  }

  /**
   * The name a call of the superclass's constructor or methods ({@code super(name)}, {@code
   * super.setName(name)}) is noted by: its body is not followed, so what it is passed may be
   * stored where the trees do not show.
   */
  static final String SUPER = "<super>";

  /** A call of a constructor or method of the class, with the parameter each argument is. */
  record Call(String method, List<Integer> arguments) {}

  /**
   * What a parameter or local holds at a point of a body, read statement by statement: the value
   * of parameter {@code parameter}, as it came ({@code change} null) or changed by a statement of
   * its own, as written ({@code count = count + 1;} gives {@code count + 1}). A constructor that
   * swaps two parameters or changes one before it stores it ({@code x = y; y = t; this.x = x;}, a
   * flexible constructor body's prologue among them) stores another value than the codec hands it.
   */
  record Held(int parameter, String change) {
    /** What {@code statement} changing this value by itself leaves: the first change stays. */
    Held changedBy(String statement) {
      return change == null ? new Held(parameter, statement) : this;
    }

    /**
     * Notes what {@code name = <from>;} leaves {@code name} holding, {@code from} the plain name
     * assigned (null for any other expression): that name's value, or, assigned anything else (a
     * normalization, {@code name = name.trim();}), a parameter its own value as before and a
     * local nothing known. A field's name ({@code name} not among {@code locals}) is left alone.
     */
    static void assign(
        Map<String, Held> held,
        String name,
        String from,
        Set<String> locals,
        List<String> parameters) {
      if (name == null || !locals.contains(name)) {
        return;
      }
      Held value = held.get(from);
      if (value != null) {
        held.put(name, value);
      } else if (parameters.contains(name)) {
        held.put(name, new Held(parameters.indexOf(name), null));
      } else {
        held.remove(name);
      }
    }

    /** Notes what a local declared {@code name = <from>;} holds (see {@link #assign}). */
    static void declare(Map<String, Held> held, String name, String from) {
      Held value = held.get(from);
      if (value == null) {
        held.remove(name);
      } else {
        held.put(name, value);
      }
    }

    /** Notes {@code name} changed by a statement of its own, {@code change} as written. */
    static void change(Map<String, Held> held, String name, String change) {
      Held value = held.get(name);
      if (value != null) {
        held.put(name, value.changedBy(change));
      }
    }

    /** What each parameter holds as a body starts, by name: its own value. */
    static Map<String, Held> atStart(List<String> parameters) {
      Map<String, Held> held = new HashMap<>();
      for (int i = 0; i < parameters.size(); i++) {
        held.put(parameters.get(i), new Held(i, null));
      }
      return held;
    }
  }

  /**
   * Notes {@code field} changed by a statement of its own ({@code statement}, as written) after a
   * store of a parameter in it ({@code this.count = count; this.count++;}): that store keeps no
   * longer the value it was handed, but a change of it, which no second crossing leaves as it is.
   * Without such a store before it, nothing is noted.
   */
  static void changedAfterStore(
      String field,
      String statement,
      List<Store> stores,
      List<Store> computed,
      List<Change> changes) {
    for (int i = stores.size() - 1; i >= 0; i--) {
      Store store = stores.get(i);
      if (store.field().equals(field)) {
        stores.remove(i);
        computed.add(store);
        changes.add(new Change(field, store.parameter(), statement));
        return;
      }
    }
  }

  /** {@code this.field = <parameter number parameter>;} as a statement of its own. */
  record Store(String field, int parameter) {}

  /**
   * {@code this.field = <parameter changed>;} ({@code parameter} -1 for a getter's {@code return}),
   * with the expression as written.
   */
  record Change(String field, int parameter, String expression) {}
}
