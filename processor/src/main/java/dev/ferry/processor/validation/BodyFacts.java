package dev.ferry.processor.validation;

import java.util.List;
import java.util.Set;

/**
 * What a constructor's, setter's or getter's body plainly does with the class's fields, read from
 * the compiler's trees: enough to tell that a value the codec hands it lands in another field, or
 * nowhere ({@code this.x = y; this.y = x;}). Only what the body surely does is noted; a store under
 * a condition, through a method or of a computed value is none of it, so that a constructor that
 * normalizes (sorts two bounds, trims, copies) is trusted as before.
 *
 * @param stores the body's top-level statements {@code this.f = p;} (or {@code f = p;}) storing a
 *     parameter unchanged in a field
 * @param usedParameters the indexes of the parameters the body mentions anywhere
 * @param calls the body's top-level calls of the class's own constructor ({@code this(...)}, named
 *     {@code <init>}) or methods ({@code init(y, x);}), each with what it passes: the index of
 *     the parameter passed unchanged in each position, or -1
 * @param returnedField for a body that is only {@code return f;} (or {@code return this.f;}), the
 *     field it returns; else null
 * @param changes the body's top-level statements storing in a field a parameter changed by
 *     arithmetic, negation or concatenation ({@code this.count = count + 1;}), which no second
 *     crossing leaves as it is, unlike a normalization ({@code trim()}, {@code Math.abs}, a copy)
 * @param returnedChanges for a body that is only {@code return f + 1;} (fields changed by
 *     arithmetic, negation or concatenation), each such field with what it returns; else none
 */
record BodyFacts(
    List<Store> stores,
    Set<Integer> usedParameters,
    List<Call> calls,
    String returnedField,
    List<Change> changes,
    List<Change> returnedChanges) {

  /** A call of a constructor or method of the class, with the parameter each argument is. */
  record Call(String method, List<Integer> arguments) {}

  /** {@code this.field = <parameter number parameter>;} as a statement of its own. */
  record Store(String field, int parameter) {}

  /**
   * {@code this.field = <parameter changed>;} ({@code parameter} -1 for a getter's {@code return}),
   * with the expression as written.
   */
  record Change(String field, int parameter, String expression) {}
}
