package dev.ferry.internal.codec;

import dev.ferry.TransferException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constants of an enum that a generated codec writes as a member, by the positions they had
 * when the codec was compiled: the bytes carry a constant's position in the enum as the codec knew
 * it, which writer and reader share whenever their fingerprints agree.
 *
 * <p>The enum may have changed since, without the codec being compiled again: a library jar whose
 * enum gained, lost or reordered constants under an application compiled against the old one (a
 * dependency upgraded), or a JDK enum that differs between the writer's JDK and the reader's. Its
 * run-time ordinals then no longer match the codec's fingerprint, and writing them would make the
 * other process read another constant, silently. So each constant is mapped by name: a constant
 * both know travels as itself, one the codec does not know is refused where it is written, and one
 * the bytes name that this process's enum lacks is refused where it is read. While the enum is as
 * compiled (almost always), the mapping is the identity.
 */
public final class EnumConstants<E extends Enum<E>> {
  private final String enumName;
  private final String compiled;
  private final String current;
  /** The constants by their position when the codec was compiled; null where this enum lacks it. */
  private final E[] byPosition;
  /** The position each constant had when the codec was compiled, by its ordinal; -1 if none. */
  private final int[] positions;

  private EnumConstants(String enumName, String compiled, String current, E[] byPosition, int[] positions) {
    this.enumName = enumName;
    this.compiled = compiled;
    this.current = current;
    this.byPosition = byPosition;
    this.positions = positions;
  }

  /**
   * The mapping between {@code values} (the enum's {@code values()} in this process) and the
   * constants the codec was compiled with, their names joined by commas.
   */
  public static <E extends Enum<E>> EnumConstants<E> of(E[] values, String compiledNames) {
    List<String> compiled = compiledNames.isEmpty() ? List.of() : List.of(compiledNames.split(","));
    String enumName = values.getClass().getComponentType().getName();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < compiled.size(); i++) {
      position.put(compiled.get(i), i);
    }
    E[] byPosition = Arrays.copyOf(values, compiled.size());
    Arrays.fill(byPosition, null);
    int[] positions = new int[values.length];
    String[] names = new String[values.length];
    for (E constant : values) {
      Integer at = position.get(constant.name());
      positions[constant.ordinal()] = at == null ? -1 : at;
      names[constant.ordinal()] = constant.name();
      if (at != null) {
        byPosition[at] = constant;
      }
    }
    return new EnumConstants<>(
        enumName, compiled.toString(), Arrays.toString(names), byPosition, positions);
  }

  /** How many constants the codec was compiled with: the bound of a position read. */
  public int size() {
    return byPosition.length;
  }

  /**
   * The constant at {@code position} when the codec was compiled.
   *
   * @throws TransferException if this process's enum has no constant of that name
   */
  public E at(int position) {
    E constant = byPosition[position];
    if (constant == null) {
      throw new TransferException(
          "the bytes name " + enumName + "." + compiledName(position) + ", which the enum "
              + enumName + " in this process lacks: its constants are " + current + ", and the"
              + " codec reading it was compiled against " + compiled + ". Compile the codec's"
              + " type again against the " + enumName + " on this class path, and run writer and"
              + " reader with the same version of it");
    }
    return constant;
  }

  /**
   * The position {@code constant} had when the codec was compiled.
   *
   * @throws IllegalArgumentException if the codec was compiled before the enum had it
   */
  public int position(E constant) {
    int position = positions[constant.ordinal()];
    if (position < 0) {
      throw new IllegalArgumentException(
          enumName + "." + constant.name() + " cannot be written: the codec writing it was"
              + " compiled against " + enumName + " " + compiled + ", before it had this constant,"
              + " so no reader built with that codec could read it. Compile the codec's type again"
              + " against the " + enumName + " on this class path, and run writer and reader with"
              + " the same version of it");
    }
    return position;
  }

  private String compiledName(int position) {
    String list = compiled.substring(1, compiled.length() - 1);
    return list.split(", ")[position];
  }
}
