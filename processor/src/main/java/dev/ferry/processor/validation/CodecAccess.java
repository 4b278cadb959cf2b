package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.model.CodecModel.Access;
import dev.ferry.processor.model.CodecModel.Thrown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * What of one type its codec can reach, and how: which members, constructors and classes it may
 * name from its package; the accessor it reads each field through (the one returning the field as
 * it is, of several) and the field or setter it stores it with; a superclass's members as the
 * type sees them ({@code T value} of {@code Box<String>}'s base); and what calling a method or
 * constructor may throw, which the codec must catch. It notes each element the codec will name in
 * the analysis's {@link Deprecations}.
 */
final class CodecAccess {
  private final Types types;
  private final CompiledTypes compiled;
  private final TypeElement type;
  /** The import being analyzed, or null for an annotated type. */
  private final CodecDeclaration imported;
  private final String codecPackage;
  /** The deprecated elements the codec names, noted as the model is built. */
  private final Deprecations deprecations;
  /**
   * The field or setter that would store each member, by name; the codec uses them only when it
   * builds the value field by field.
   */
  private final Map<String, Element> setters = new HashMap<>();
  /** The getter the codec reads each member through, by name; none for a field read directly. */
  private final Map<String, ExecutableElement> readers = new HashMap<>();
  /**
   * The type's methods by name, in declaration order, read the first time a field asks for its
   * accessor or setter: looking through every method per field took minutes for a class of
   * thousands of fields with getters and setters.
   */
  private Map<String, List<ExecutableElement>> methodsByName;

  CodecAccess(
      Types types,
      CompiledTypes compiled,
      TypeElement type,
      CodecDeclaration imported,
      String codecPackage,
      Deprecations deprecations) {
    this.types = types;
    this.compiled = compiled;
    this.type = type;
    this.imported = imported;
    this.codecPackage = codecPackage;
    this.deprecations = deprecations;
  }

  /** The field or setter that stores each member, by name, as {@link #writeAccess} found them. */
  Map<String, Element> setters() {
    return setters;
  }

  /** The getter each member is read through, by name, as {@link #readAccess} found them. */
  Map<String, ExecutableElement> readers() {
    return readers;
  }

  /**
   * Whether the codec can use {@code element}: anything but private beside the type; public, or
   * not private in the same package, for an import's codec in another package.
   */
  boolean accessible(Element element) {
    Set<Modifier> modifiers = element.getModifiers();
    if (imported == null && element.getKind() != ElementKind.CLASS && isInherited(element)) {
      // A superclass's member: the codec is no subclass, so protected is package access.
      return modifiers.contains(Modifier.PUBLIC)
          || (!modifiers.contains(Modifier.PRIVATE) && inCodecPackage(element));
    }
    if (imported == null || modifiers.contains(Modifier.PUBLIC)) {
      return !modifiers.contains(Modifier.PRIVATE);
    }
    return !modifiers.contains(Modifier.PRIVATE) && inCodecPackage(element);
  }

  boolean inCodecPackage(Element element) {
    Element e = element;
    while (!(e instanceof javax.lang.model.element.PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((javax.lang.model.element.PackageElement) e)
        .getQualifiedName()
        .contentEquals(codecPackage);
  }

  /** Whether {@code field} is declared by a superclass, not by the class itself. */
  boolean isInherited(Element member) {
    return !member.getEnclosingElement().equals(type);
  }

  /** A field's type as a member of the class ({@code T value} of {@code Box<String>}'s base). */
  TypeMirror memberType(VariableElement field) {
    return isInherited(field) ? types.asMemberOf(supertypeDeclaring(field), field) : field.asType();
  }

  /**
   * The superclass declaring {@code member} as the class sees it ({@code Base<List<String>>}),
   * to view the member in: ECJ's view of an overridden method in the class itself is the
   * override's ({@code Circle getS()} for {@code Shape getS()}), not the superclass's.
   */
  private DeclaredType supertypeDeclaring(Element member) {
    DeclaredType seen = (DeclaredType) type.asType();
    while (!seen.asElement().equals(member.getEnclosingElement())) {
      TypeMirror up = ((TypeElement) seen.asElement()).getSuperclass();
      List<? extends TypeMirror> direct = types.directSupertypes(seen);
      if (up.getKind() != TypeKind.DECLARED || direct.isEmpty()) {
        return (DeclaredType) type.asType(); // not a superclass's: viewed in the class itself
      }
      seen = (DeclaredType) direct.get(0);
    }
    return seen;
  }

  TypeElement superclassOf(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement parent = (TypeElement) ((DeclaredType) s).asElement();
    return parent.getQualifiedName().contentEquals("java.lang.Object") ? null : parent;
  }

  Access readAccess(VariableElement field) {
    if (accessible(field)) {
      deprecations.use(field);
      return Access.field(field.getSimpleName().toString());
    }
    ExecutableElement chosen = null;
    for (ExecutableElement method : accessors(field)) {
      if (!types.isSameType(returnType(method), memberType(field))) {
        continue;
      }
      if (chosen == null) {
        chosen = method;
      }
      if (FieldRoutes.returnsPlainly(compiled, method, field)) {
        // Of x() and getX() both, the one that returns the field as it is (x() returning x + 100
        // beside a plain getX() sent x + 100, read back into x).
        chosen = method;
        break;
      }
    }
    if (chosen == null) {
      return null;
    }
    deprecations.use(chosen);
    readers.put(field.getSimpleName().toString(), chosen);
    return Access.method(chosen.getSimpleName().toString(), thrown(chosen));
  }

  /**
   * The methods the codec could call to read {@code member}, as `x()`, `getX()`, `isX()`; for a
   * name whose second letter is upper case, `aB`, both the JavaBeans getter `getaB()` and the
   * one a first capital letter makes, `getAB()` (Lombok's), which some tools write for it.
   */
  private List<ExecutableElement> accessors(VariableElement field) {
    String member = field.getSimpleName().toString();
    List<ExecutableElement> found = new ArrayList<>();
    for (String candidate : accessorNames(member)) {
      for (ExecutableElement method : methodsFor(field, candidate)) {
        if (method.getParameters().isEmpty()
            && accessible(method)
            && !method.getModifiers().contains(Modifier.STATIC)) {
          found.add(method);
        }
      }
    }
    return found;
  }

  /** The type's own methods named {@code name}, in declaration order. */
  private List<ExecutableElement> methodsNamed(String name) {
    if (methodsByName == null) {
      methodsByName = new HashMap<>();
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        methodsByName
            .computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>())
            .add(method);
      }
    }
    return methodsByName.getOrDefault(name, List.of());
  }

  /**
   * The methods named {@code name} that may read or store {@code field}: the type's own, and for
   * an inherited field, those of each class from the type up to the field's (an accessor the
   * field's class declares, or a subclass's override). A method an interface or a class above
   * the field's declares cannot see the field, so it is none of them.
   */
  private List<ExecutableElement> methodsFor(VariableElement field, String name) {
    if (!isInherited(field)) {
      return methodsNamed(name);
    }
    List<ExecutableElement> found = new ArrayList<>(methodsNamed(name));
    Element declarer = field.getEnclosingElement();
    for (TypeElement t = superclassOf(type); t != null; t = superclassOf(t)) {
      for (ExecutableElement method : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(name)) {
          found.add(method);
        }
      }
      if (t.equals(declarer)) {
        break;
      }
    }
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      // A class below cannot see a private field: its `getAt()` returns something else unless
      // it overrides a method the declaring class implements (an abstract one's body is below).
      found.removeIf(method -> !reaches(method, (TypeElement) declarer));
    }
    return found;
  }

  /**
   * Whether {@code method} is a method {@code declarer} implements, or overrides one: the only
   * methods that can see a private field of {@code declarer}'s.
   */
  private boolean reaches(ExecutableElement method, TypeElement declarer) {
    for (ExecutableElement own : ElementFilter.methodsIn(declarer.getEnclosedElements())) {
      if (!own.getModifiers().contains(Modifier.ABSTRACT)
          && (own.equals(method) || compiled.elements().overrides(method, own, type))) {
        return true;
      }
    }
    return false;
  }

  /** A method's return type as a member of the class ({@code T value()} of a base). */
  TypeMirror returnType(ExecutableElement method) {
    return isInherited(method)
        ? ((javax.lang.model.type.ExecutableType)
                types.asMemberOf(supertypeDeclaring(method), method))
            .getReturnType()
        : method.getReturnType();
  }

  /** A one-parameter method's parameter type as a member of the class. */
  private TypeMirror parameterType(ExecutableElement method) {
    return isInherited(method)
        ? ((javax.lang.model.type.ExecutableType)
                types.asMemberOf(supertypeDeclaring(method), method))
            .getParameterTypes()
            .get(0)
        : method.getParameters().get(0).asType();
  }

  /**
   * A method named as an accessor of {@code member} that the type inherits from a supertype of
   * {@code t} (an interface's default method, a superclass's method), or null. The codec calls
   * only the type's own accessors: an inherited one cannot read the type's private field, so it
   * returns something else, and users took it for the accessor the message asked for.
   */
  ExecutableElement inheritedAccessor(TypeMirror t, String member) {
    Set<String> names = accessorNames(member);
    for (TypeMirror supertype : types.directSupertypes(t)) {
      TypeElement element = (TypeElement) types.asElement(supertype);
      if (element == null || element.getQualifiedName().contentEquals("java.lang.Object")) {
        continue;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
        if (names.contains(method.getSimpleName().toString())
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.STATIC)
            && !method.getModifiers().contains(Modifier.PRIVATE)) {
          return method;
        }
      }
      ExecutableElement further = inheritedAccessor(supertype, member);
      if (further != null) {
        return further;
      }
    }
    return null;
  }

  /** An accessor of the field's name that the codec could call but that returns another type. */
  ExecutableElement accessorOfAnotherType(VariableElement field, String member) {
    for (ExecutableElement method : accessors(field)) {
      if (!types.isSameType(returnType(method), memberType(field))) {
        return method;
      }
    }
    return null;
  }

  Access writeAccess(VariableElement field) {
    if (field.getModifiers().contains(Modifier.FINAL)) {
      return null;
    }
    String member = field.getSimpleName().toString();
    if (accessible(field)) {
      setters.put(member, field);
      return Access.field(member);
    }
    for (String setter : suffixes(member, "set")) {
      for (ExecutableElement method : methodsFor(field, setter)) {
        if (method.getParameters().size() == 1
            && accessible(method)
            && !method.getModifiers().contains(Modifier.STATIC)
            && types.isSameType(parameterType(method), memberType(field))) {
          setters.put(member, method);
          return Access.method(setter, thrown(method));
        }
      }
    }
    return null;
  }

  private static Set<String> accessorNames(String member) {
    Set<String> names = new LinkedHashSet<>();
    names.add(member);
    names.addAll(suffixes(member, "get"));
    names.addAll(suffixes(member, "is"));
    return names;
  }

  /** {@code prefix} and the member's JavaBeans suffix, then its capitalized one if another. */
  private static Set<String> suffixes(String member, String prefix) {
    return new LinkedHashSet<>(
        List.of(
            prefix + Messages.propertySuffix(member), prefix + Messages.capitalize(member)));
  }

  /** Whether the codec can call a constructor of the type that takes no arguments. */
  boolean hasNoArgConstructor() {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> accessible(c) && c.getParameters().isEmpty());
  }

  /** What checked throwables calling {@code executable} may throw, which the codec must catch. */
  Thrown thrown(ExecutableElement executable) {
    Thrown thrown = Thrown.UNCHECKED;
    for (TypeMirror type : executable.getThrownTypes()) {
      thrown = thrown.and(thrownAs(types.erasure(type)));
    }
    return thrown;
  }

  /**
   * How the codec catches {@code thrown}: unchecked below {@code RuntimeException} or {@code
   * Error}, an exception below {@code Exception}, else a throwable ({@code Throwable} itself, or
   * a class extending it directly).
   */
  private Thrown thrownAs(TypeMirror thrown) {
    for (TypeMirror t = thrown; t.getKind() == TypeKind.DECLARED; ) {
      TypeElement element = (TypeElement) ((DeclaredType) t).asElement();
      String name = element.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return Thrown.UNCHECKED;
      }
      if (name.equals("java.lang.Exception")) {
        return Thrown.EXCEPTIONS;
      }
      t = element.getSuperclass();
    }
    return Thrown.THROWABLES;
  }
}
