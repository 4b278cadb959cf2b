package dev.ferry.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out local variable names within one generated method: the hint itself the first time,
 * then {@code hint2}, {@code hint3}. The codec's own parameters are reserved, so a member named
 * {@code out} or {@code value} cannot shadow them. Hints are Java identifiers already (member
 * names, or the generator's own words).
 *
 * <p>A local also must not share its name with a type or package the code names, since a variable
 * obscures both in an expression (JLS 6.4.2): a member named {@code Integer} made
 * {@code Integer.valueOf(...)} a call on the local, and one named {@code java} would break a
 * qualified {@code java.util.Optional.empty()}. So a hint that starts with an upper-case letter
 * (as the JDK's, the runtime's and most users' types do) is always numbered, as is one equal to a
 * simple name or package root of the {@link #avoiding given types}.
 */
final class LocalNames {
  private final Set<String> used =
      new HashSet<>(Set.of("out", "in", "value", "result", "at", "java", "javax", "dev"));

  /** Names another instance reserved, shared by the instances {@link #fresh} makes. */
  private final Set<String> reserved;

  /** What {@link #fresh} instances share, taken once. */
  private Set<String> snapshot;

  LocalNames() {
    this(Set.of());
  }

  private LocalNames(Set<String> reserved) {
    this.reserved = reserved;
  }

  /**
   * New names for another method that avoid the same types as these, without reserving them
   * again: a codec of thousands of members names thousands of types, and each of its methods
   * reserving them all took seconds. The names are taken at the first call, so make it before
   * handing out names of this instance's own.
   */
  LocalNames fresh() {
    if (snapshot == null) {
      Set<String> all = new HashSet<>(reserved);
      all.addAll(used);
      snapshot = Collections.unmodifiableSet(all);
    }
    return new LocalNames(snapshot);
  }

  /** Names that also avoid every simple name and package root used by {@code types}. */
  static LocalNames avoiding(Collection<TypeName> types) {
    LocalNames names = new LocalNames();
    types.forEach(names::reserve);
    return names;
  }

  private void reserve(TypeName type) {
    if (type instanceof ClassName c) {
      used.addAll(c.simpleNames());
      String pkg = c.packageName();
      if (!pkg.isEmpty()) {
        int dot = pkg.indexOf('.');
        used.add(dot < 0 ? pkg : pkg.substring(0, dot));
      }
    } else if (type instanceof ParameterizedTypeName p) {
      reserve(p.rawType());
      p.typeArguments().forEach(this::reserve);
    } else if (type instanceof ArrayTypeName a) {
      reserve(a.componentType());
    } else if (type instanceof WildcardTypeName w) {
      w.upperBounds().forEach(this::reserve);
      w.lowerBounds().forEach(this::reserve);
    }
  }

  /**
   * Whether {@code name} is a simple name or package root of the types these names avoid, or a name
   * handed out: a static field of the codec named so would obscure it in the same way.
   */
  boolean isTaken(String name) {
    return reserved.contains(name) || used.contains(name);
  }

  String newName(String hint) {
    if (!Character.isUpperCase(hint.charAt(0)) && !reserved.contains(hint) && used.add(hint)) {
      return hint;
    }
    for (int i = 2; ; i++) {
      String candidate = hint + i;
      if (!reserved.contains(candidate) && used.add(candidate)) {
        return candidate;
      }
    }
  }
}
