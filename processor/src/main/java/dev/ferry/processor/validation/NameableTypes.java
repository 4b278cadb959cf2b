package dev.ferry.processor.validation;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Whether a class has a name a child process can find it by and generated code can write, and the
 * words for why one has none. A value crosses by its class's name, so a local, anonymous or inner
 * class is refused wherever it is met (a member's type, a spawn target, a value sent), and javac
 * and ECJ disagree on how they call a member of a local class ({@link #isMemberType}): one place
 * answers for both compilers.
 */
public final class NameableTypes {
  private NameableTypes() {}

  /** An inner (non-static) member class with a canonical name: `lib.Outer.Inner`. */
  static boolean isInnerMember(TypeElement element) {
    return element.getNestingKind() == NestingKind.MEMBER
        && !isStatic(element)
        && hasCanonicalName(element);
  }

  /**
   * Whether a child process can find the class by name, and generated code can build it: the class
   * is top-level or a static member, and no class around it is local or anonymous. An enclosing
   * inner class does not matter: since Java 16 it may declare static members, which need no outer
   * instance and have a canonical name ({@code Outer.Inner.Job}).
   */
  public static boolean isNameable(TypeElement element) {
    if (element.getNestingKind() == NestingKind.MEMBER && !isStatic(element)) {
      return false;
    }
    return hasCanonicalName(element);
  }

  /**
   * Whether the class has a name other code can write (JLS 6.7): neither it nor a class around it
   * is local or anonymous. An inner class has one ({@code Outer.Inner}): a child finds its static
   * methods by that name, though it cannot build an instance without an {@code Outer}.
   */
  public static boolean hasCanonicalName(TypeElement element) {
    for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
    }
    return true;
  }

  static boolean isStatic(TypeElement member) {
    // Nested records, enums and interfaces are implicitly static.
    return member.getModifiers().contains(Modifier.STATIC)
        || member.getKind() != ElementKind.CLASS;
  }

  public static String describeScope(TypeElement element) {
    for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      switch (t.getNestingKind()) {
        case LOCAL:
          if (t == element && isMemberType(t)) {
            break; // ECJ: a member of a local or anonymous class is LOCAL too
          }
          return t == element ? "a local class" : "nested in a local class";
        case ANONYMOUS:
          return t == element ? "an anonymous class" : "nested in an anonymous class";
        case MEMBER:
          if (t == element && !isStatic(t)) {
            return "an inner (non-static) class";
          }
          break;
        default:
          return "a top-level class";
      }
    }
    return "a top-level class";
  }

  /**
   * What makes a class without a canonical name ({@link #hasCanonicalName}) so, as a noun phrase:
   * "a local class", "an anonymous class", or "a class nested in a local class" (or in an anonymous
   * one) for a member of one, inner or static; "a class" if none is found.
   */
  public static String describeUnnameable(TypeElement element) {
    for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      boolean local = t.getNestingKind() == NestingKind.LOCAL && !isMemberType(t);
      if (local || t.getNestingKind() == NestingKind.ANONYMOUS) {
        String kind = local ? "a local class" : "an anonymous class";
        return t == element ? kind : "a class nested in " + kind;
      }
    }
    return "a class";
  }

  /**
   * Whether a type that says it is LOCAL is a member of a local or anonymous class: ECJ calls such
   * a member LOCAL, as it calls the local class itself, where javac says MEMBER. A local class's
   * enclosing element is the code it is declared in (javac) or a class around that (ECJ). The
   * enclosing class's members are not asked: ECJ's list of a local class's throws once the class
   * is compiled; and so does ECJ's enclosing element of a local class itself (a local enum's:
   * "local.scope is null"), which is no member.
   */
  private static boolean isMemberType(TypeElement type) {
    Element enclosing;
    try {
      enclosing = type.getEnclosingElement();
    } catch (RuntimeException unreadable) {
      return false;
    }
    return enclosing instanceof TypeElement outer
        && (outer.getNestingKind() == NestingKind.LOCAL
            || outer.getNestingKind() == NestingKind.ANONYMOUS);
  }
}
