package dev.ferry.processor.diagnostic;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Prints a type as a user writes it: simple names, e.g. {@code List<Channel<String>>}. An
 * intersection that javac infers (the type of {@code flag ? "a" : 1}) prints its interfaces
 * without {@code Object}, and a wildcard bounded by such a recursive type as {@code ?}: {@code
 * Serializable & Comparable<?> & Constable & ConstantDesc}.
 *
 * <p>A simple name is read where the message is: in the code of the type or call reported on,
 * set by {@link #within} around the work that builds its messages. Where the simple name would
 * mean another type there, the qualified name is printed: in package {@code p} declaring a
 * record {@code Object}, {@code java.lang.Object} (a member type of an enclosing class, then a
 * single-type import of the file ({@code import q.List;}) or a single static import of a member
 * type ({@code import static q.Holder.List;}), then a type of the package, then one of {@code
 * java.lang}, as Java looks names up).
 */
public final class TypePrinter {
  /** The element whose code reads the names printed on this thread, or null for everywhere. */
  private static final ThreadLocal<Element> CONTEXT = new ThreadLocal<>();
  /** The compiler's lookup of types by name, beside {@link #CONTEXT}. */
  private static final ThreadLocal<Elements> LOOKUP = new ThreadLocal<>();
  /**
   * {@link #meansAnother}'s answers in {@link #CONTEXT} (a scanner prints type arguments it checks
   * before it knows of an error), by qualified name; cleared when the context changes.
   */
  private static final ThreadLocal<Map<String, Boolean>> ANSWERS =
      ThreadLocal.withInitial(HashMap::new);

  /**
   * Each compiler's lookup of the single-type imports of a type's source file (the qualified name
   * {@code import q.Object;} or {@code import static q.Holder.Object;} gives {@code Object} there,
   * or null), by its {@link Elements}. Both keys and lookups are held weakly: a lookup holds the
   * compiler it asks, so a lookup held strongly kept its key, and with it the whole compilation,
   * for as long as Ferry's classes stayed loaded (an IDE's, a build daemon's, a test JVM's). The
   * caller keeps each lookup for its compilation ({@code CompiledTypes}).
   */
  private static final Map<Elements, WeakReference<BiFunction<TypeElement, String, String>>>
      IMPORTS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * The captures whose bounds are being printed on this thread, each mapped to whether its bound
   * named it again: a capture of {@code Enum<?>} is bounded by {@code Enum} of itself, a bound
   * that comes from {@code Enum}'s declaration, not from the wildcard the user wrote. Keyed by
   * {@code equals}, not identity: javac hands out one object per capture, but ECJ wraps its
   * binding in a new {@code TypeVariable} each time it is asked (equal by binding), so an identity
   * map never saw the capture again and its bound was printed until the stack overflowed, which
   * cost the whole file its call-site checks under ECJ.
   */
  private static final ThreadLocal<Map<TypeVariable, Boolean>> EXPANDING =
      ThreadLocal.withInitial(HashMap::new);

  private TypePrinter() {}

  /**
   * Tells how the compiler behind {@code elements} reads a source file's single-type imports
   * ({@code import q.Object;}) and single static imports of member types ({@code import static
   * q.Holder.Object;}), which hide the package's types and {@code java.lang}'s; null where
   * they cannot be read (names are then looked up as if the file had none).
   */
  public static void readImports(
      Elements elements, BiFunction<TypeElement, String, String> singleTypeImport) {
    if (singleTypeImport != null) {
      IMPORTS.put(elements, new WeakReference<>(singleTypeImport));
    }
  }

  /**
   * Each compiler's answer to whether a top-level class is a compact source file's implicitly
   * declared class (Java 25: {@code void main()} with no class around it), which no code can name,
   * by its {@link Elements}; held weakly, as {@link #IMPORTS} is.
   */
  private static final Map<Elements, WeakReference<java.util.function.Predicate<TypeElement>>>
      IMPLICIT = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /**
   * Tells how the compiler behind {@code elements} knows a compact source file's class, which
   * {@link #reference} must not name: javac refuses {@code Main::init} inside {@code Main.java}'s
   * implicit class ("cannot find symbol").
   */
  public static void readImplicitClasses(
      Elements elements, java.util.function.Predicate<TypeElement> implicitClass) {
    IMPLICIT.put(elements, new WeakReference<>(implicitClass));
  }

  private static <T> T held(WeakReference<T> reference) {
    return reference == null ? null : reference.get();
  }

  /**
   * Drops what {@link #readImports} and {@link #readImplicitClasses} hold for the compiler behind
   * {@code elements}, once its compilation is over: at once, where the compiler says when it is
   * over (javac's task listener), rather than once the garbage collector has found the lookups
   * unreachable.
   */
  public static void forget(Elements elements) {
    IMPORTS.remove(elements);
    IMPLICIT.remove(elements);
  }

  /**
   * Runs {@code action} with names printed as the code of {@code context} (a type, or any element
   * in one) reads them, then restores the context it replaced.
   */
  public static <T> T within(Elements elements, Element context, Supplier<T> action) {
    Element outer = CONTEXT.get();
    Elements outerLookup = LOOKUP.get();
    readIn(elements, context);
    try {
      return action.get();
    } finally {
      readIn(outerLookup, outer);
    }
  }

  /**
   * Sets the context for a visitor that enters and leaves declarations in separate calls (ECJ's
   * {@code ASTVisitor}); null when it has left the last one. Elsewhere use {@link #within}.
   */
  public static void readIn(Elements elements, Element context) {
    if (!Objects.equals(context, CONTEXT.get())) {
      ANSWERS.get().clear();
    }
    if (context == null || elements == null) {
      CONTEXT.remove();
      LOOKUP.remove();
    } else {
      CONTEXT.set(context);
      LOOKUP.set(elements);
    }
  }

  /**
   * The type whose code reads the names printed now (null outside {@link #within}): a cache of
   * messages must keep them apart by it.
   */
  public static TypeElement context() {
    for (Element e = CONTEXT.get(); e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return type;
      }
    }
    return null;
  }

  /**
   * A type's simple name, or its qualified name where the simple name would mean another type in
   * the code that reads it ({@link #within}); for an anonymous class, which has none, its
   * supertype's: {@code anonymous Runnable}.
   */
  public static String name(TypeElement element) {
    if (element.getNestingKind() != NestingKind.ANONYMOUS) {
      return element.getNestingKind() != NestingKind.LOCAL
              && meansAnother(
                  element.getSimpleName().toString(), element.getQualifiedName().toString())
          ? element.getQualifiedName().toString()
          : element.getSimpleName().toString();
    }
    TypeMirror supertype =
        element.getInterfaces().isEmpty()
            ? element.getSuperclass()
            : element.getInterfaces().get(0);
    return "anonymous " + print(supertype);
  }

  /**
   * A name for {@code element} that compiles where the message is ({@link #within}), for a fix to
   * write as code ({@code Tasks.E::abs}), or null for a class that has none (local, anonymous, or
   * nested in one). A member type by its simple name only where that name finds it there (a member
   * of an enclosing class, declared or inherited, or a single-type import), else qualified by its
   * enclosing class, named likewise: {@code E} of {@code Tasks} seen from another class is {@code
   * Tasks.E}, which {@link #name} would print as {@code E}, a name that does not resolve there. A
   * top-level class is named as {@link #name} names it.
   */
  public static String reference(TypeElement element) {
    if (element.getNestingKind() == NestingKind.LOCAL
        || element.getNestingKind() == NestingKind.ANONYMOUS) {
      return null;
    }
    if (!(element.getEnclosingElement() instanceof TypeElement outer)) {
      return isImplicitClass(element) ? null : name(element);
    }
    if (findsMember(element)) {
      return element.getSimpleName().toString();
    }
    String qualifier = reference(outer);
    return qualifier == null ? null : qualifier + "." + element.getSimpleName();
  }

  /** Whether a top-level class is a compact source file's, as the compiler of the message says. */
  private static boolean isImplicitClass(TypeElement topLevel) {
    Elements elements = LOOKUP.get();
    java.util.function.Predicate<TypeElement> implicit =
        elements == null ? null : held(IMPLICIT.get(elements));
    try {
      return implicit != null && implicit.test(topLevel);
    } catch (RuntimeException | LinkageError unreadable) {
      return false;
    }
  }

  /** Whether the simple name of {@code member}, a member type, finds it where the message is. */
  private static boolean findsMember(TypeElement member) {
    Element context = CONTEXT.get();
    Elements elements = LOOKUP.get();
    if (context == null || elements == null) {
      return false;
    }
    String name = member.getSimpleName().toString();
    try {
      for (Element e = context; e != null; e = e.getEnclosingElement()) {
        if (e instanceof TypeElement type) {
          for (Element found : elements.getAllMembers(type)) {
            if (found instanceof TypeElement t && t.getSimpleName().contentEquals(name)) {
              return t.equals(member);
            }
          }
        } else if (e instanceof PackageElement) {
          String imported = importedIn(elements, context, name);
          return imported != null && member.getQualifiedName().contentEquals(imported);
        }
      }
    } catch (RuntimeException | LinkageError unreadable) {
      return false; // qualified, which compiles wherever the enclosing class's name does
    }
    return false;
  }

  /** How a message names a method, or a constructor: by its class's simple name, not {@code <init>}. */
  public static String nameOf(Element executable) {
    return executable.getKind() == ElementKind.CONSTRUCTOR
        ? executable.getEnclosingElement().getSimpleName().toString()
        : executable.getSimpleName().toString();
  }

  public static String print(TypeMirror type) {
    switch (type.getKind()) {
      case INTERSECTION:
        String bounds =
            ((IntersectionType) type).getBounds().stream()
                .filter(b -> !b.toString().equals("java.lang.Object"))
                .map(TypePrinter::print)
                .collect(Collectors.joining(" & "));
        return bounds.isEmpty() ? "Object" : bounds;
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = name((TypeElement) declared.asElement());
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        return name
            + declared.getTypeArguments().stream()
                .map(TypePrinter::print)
                .collect(Collectors.joining(", ", "<", ">"));
      case ARRAY:
        return print(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          if (wildcard.getExtendsBound().getKind() == TypeKind.INTERSECTION) {
            return "?";
          }
          return "? extends " + print(wildcard.getExtendsBound());
        }
        if (wildcard.getSuperBound() != null) {
          return "? super " + print(wildcard.getSuperBound());
        }
        return "?";
      case TYPEVAR:
        return printVariable((TypeVariable) type);
      default:
        return type.toString();
    }
  }

  /**
   * Whether {@code element}'s simple name means another type in the context: a member type of an
   * enclosing class (declared there), a type of the context's package, a type of {@code
   * java.lang}, looked for in that order as Java does; none found means the name is the user's to
   * write as they do now (an import), so it is printed simple.
   */
  private static boolean meansAnother(String name, String qualified) {
    return ANSWERS.get().computeIfAbsent(qualified, q -> looksUpAnotherSafely(name, q));
  }

  /** {@link #meansAnother}; a package the compiler cannot list leaves the simple name. */
  private static boolean looksUpAnotherSafely(String name, String qualified) {
    try {
      return looksUpAnother(name, qualified);
    } catch (RuntimeException | LinkageError unreadable) {
      return false;
    }
  }

  private static boolean looksUpAnother(String name, String qualified) {
    Element context = CONTEXT.get();
    Elements elements = LOOKUP.get();
    if (context == null || elements == null) {
      return false;
    }
    for (Element e = context; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        TypeElement member = memberNamed(type, name);
        if (member != null) {
          return !member.getQualifiedName().contentEquals(qualified);
        }
      } else if (e instanceof PackageElement pkg) {
        String imported = importedIn(elements, context, name);
        if (imported != null) {
          return !imported.equals(qualified);
        }
        // Looked up by name, never by listing the package: a listing makes javac read every
        // source file of the package it finds on the class path (no -sourcepath: javac's
        // `javac -cp . Main.java` in a folder of sources) and compile them, errors and all.
        TypeElement top = topLevel(elements, pkg, name);
        if (top != null) {
          return !top.getQualifiedName().contentEquals(qualified);
        }
        if (!pkg.getQualifiedName().contentEquals("java.lang")) {
          top = topLevel(elements, elements.getPackageElement("java.lang"), name);
        }
        return top != null && !top.getQualifiedName().contentEquals(qualified);
      }
    }
    return false;
  }

  /**
   * The qualified name a single-type import or a single static import of a member type of the
   * context's source file gives {@code name}.
   */
  private static String importedIn(Elements elements, Element context, String name) {
    BiFunction<TypeElement, String, String> lookup = held(IMPORTS.get(elements));
    TypeElement top = null;
    for (Element e = context; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        top = type;
      }
    }
    return lookup == null || top == null ? null : lookup.apply(top, name);
  }

  /** The top-level type {@code name} of {@code pkg}, seen from that package's module; or null. */
  private static TypeElement topLevel(Elements elements, PackageElement pkg, String name) {
    if (pkg == null) {
      return null;
    }
    String qualified = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
    javax.lang.model.element.ModuleElement module = elements.getModuleOf(pkg);
    TypeElement top =
        module == null || module.isUnnamed()
            ? elements.getTypeElement(qualified)
            : elements.getTypeElement(module, qualified);
    return top != null && top.getEnclosingElement() instanceof PackageElement ? top : null;
  }

  /**
   * {@link #name(TypeElement)} for a top-level type known by its qualified name only ({@code
   * java.util.List}, which a fix tells the user to declare).
   */
  public static String name(String qualifiedName) {
    String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    return meansAnother(simple, qualifiedName) ? qualifiedName : simple;
  }

  private static TypeElement memberNamed(Element container, CharSequence name) {
    for (Element member : container.getEnclosedElements()) {
      if (member instanceof TypeElement type && type.getSimpleName().contentEquals(name)) {
        return type;
      }
    }
    return null;
  }

  /**
   * A type variable by its name; a compiler's capture of a wildcard (javac's {@code capture#116 of
   * ? super Job}, a name no declared variable has) as the wildcard the user wrote ({@code Enum<?>}
   * for a capture of {@code Enum<?>}, bounded by {@code Enum} of itself).
   */
  private static String printVariable(TypeVariable variable) {
    if (SourceVersion.isIdentifier(variable.asElement().getSimpleName())) {
      return variable.toString();
    }
    Map<TypeVariable, Boolean> expanding = EXPANDING.get();
    if (expanding.containsKey(variable)) {
      expanding.put(variable, true); // its own bound names it again (Enum<CAP#1> bounds CAP#1)
      return "?";
    }
    expanding.put(variable, false);
    try {
      TypeMirror upper = variable.getUpperBound();
      TypeMirror lower = variable.getLowerBound();
      // An intersection is printed too: a list chosen among others (`var in = flag ? List.of(1)
      // : List.of("x")`) is a `List<? extends Serializable & Comparable<...>>`, and a bare `?`
      // hid what the message then blames.
      if (upper != null && !upper.toString().equals("java.lang.Object")) {
        String bound = print(upper);
        // A bound naming the capture itself is its class's own (`E extends Enum<E>`): the
        // wildcard the user wrote was a plain `?`.
        return expanding.get(variable) ? "?" : "? extends " + bound;
      }
      if (lower != null && lower.getKind() != TypeKind.NULL && lower.getKind() != TypeKind.NONE) {
        return "? super " + print(lower);
      }
      return "?";
    } finally {
      expanding.remove(variable);
    }
  }
}
