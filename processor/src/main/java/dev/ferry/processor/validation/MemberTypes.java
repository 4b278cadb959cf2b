package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.hasCodec;
import static dev.ferry.processor.validation.GeneratedTypeNames.boundView;
import static dev.ferry.processor.validation.GeneratedTypeNames.codecName;
import static dev.ferry.processor.validation.GeneratedTypeNames.declaredTypeName;
import static dev.ferry.processor.validation.HeldTypes.carriedArguments;
import static dev.ferry.processor.validation.HeldTypes.heldHandles;
import static dev.ferry.processor.validation.HeldTypes.inheritOnlyIn;
import static dev.ferry.processor.validation.HeldTypes.sentByHolder;
import static dev.ferry.processor.validation.HeldTypes.writesValuesOfAny;
import static dev.ferry.processor.validation.FerryAnnotations.inheritOnlySuperclass;
import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;
import static dev.ferry.processor.validation.MemberTypeViolations.codecNotExported;
import static dev.ferry.processor.validation.MemberTypeViolations.codecNotOpened;
import static dev.ferry.processor.validation.MemberTypeViolations.compiledFromSourcePath;
import static dev.ferry.processor.validation.MemberTypeViolations.compiledWithoutFerry;
import static dev.ferry.processor.validation.MemberTypeViolations.holdsHandles;
import static dev.ferry.processor.validation.MemberTypeViolations.inheritOnlySubclass;
import static dev.ferry.processor.validation.MemberTypeViolations.inheritOnlyValue;
import static dev.ferry.processor.validation.MemberTypeViolations.innerMember;
import static dev.ferry.processor.validation.MemberTypeViolations.notAnEnum;
import static dev.ferry.processor.validation.MemberTypeViolations.notComparable;
import static dev.ferry.processor.validation.MemberTypeViolations.objectArray;
import static dev.ferry.processor.validation.MemberTypeViolations.sentHandles;
import static dev.ferry.processor.validation.NameableTypes.describeScope;
import static dev.ferry.processor.validation.NameableTypes.isInnerMember;
import static dev.ferry.processor.validation.NameableTypes.isNameable;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.BuiltInType;
import dev.ferry.processor.model.CollectionKind;
import dev.ferry.processor.model.MapKind;
import dev.ferry.processor.model.PrimitiveKind;
import dev.ferry.processor.model.TypeShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.util.Types;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Decides how a member's type is written, or why it cannot be: the table of built-in types (the
 * shape of Error Prone's {@code WellKnownMutability}: JDK types with the type arguments that must
 * themselves qualify) and the rules for annotated types, at any depth.
 *
 * <p>It resolves each kind of type (built-in, declared, wildcard, capture, intersection, raw); the
 * first violation it finds is the one told. Its parts: {@link CollectionViews} (how a JDK
 * collection class crosses and what it is read back as), {@link BoundedWildcards} (what a wildcard
 * argument stands for by its variable's bound), {@link HeldTypes} (which type arguments and handles
 * a type's values hold), {@link TypeCodecs} (which codec a type is written with), {@link
 * MemberTypeViolations} (the words of its refusals), {@link NameableTypes} (whether a class has a
 * name a child finds it by) and {@link GeneratedTypeNames} (the names generated code writes).
 */
public final class MemberTypes {

  /** The result of resolving one type: a shape, or the most specific violation, or neither. */
  public record Resolution(TypeShape shape, Violation violation, boolean unresolved) {
    static Resolution of(TypeShape shape) {
      return new Resolution(shape, null, false);
    }

    static Resolution violated(Violation violation) {
      return new Resolution(null, violation, false);
    }

    static final Resolution UNRESOLVED = new Resolution(null, null, true);

    public boolean ok() {
      return shape != null && violation == null && !unresolved;
    }
  }

  private final Function<TypeElement, String> shapeOfAnnotated;
  private final Predicate<TypeElement> neverEmpty;
  private final Types types;
  private final CompiledTypes compiled;
  private final CollectionViews collectionViews;
  private final BoundedWildcards boundedWildcards;
  private final TypeCodecs codecs;
  /**
   * Whether resolutions carry the full shapes a codec is generated from (JavaPoet names, codec
   * names, the fingerprints of annotated types). Without, they carry only what the rules look at
   * (the kind of each shape), which is all the checker needs: the violations are the same.
   */
  private final boolean fullShapes;

  /**
   * Whether the type being resolved is a value's that crosses at a call site, rather than a
   * member's: the runtime looks up the codecs such a value needs, so a codec in a package its
   * module opens to Ferry's runtime only will do ({@link CodecDeclarations#codecAtRunTime}).
   */
  private boolean crossingValue;

  /**
   * @param shapeOfAnnotated the shape description of an annotated type, for the fingerprint of the
   *     types that contain it; null when only violations are wanted (no full shapes)
   * @param neverEmpty whether the generated codec of an annotated type writes at least one byte
   *     for every value (see {@link TypeShape.Annotated#neverEmpty}); null with the other
   * @param compiled the types of this compilation, to find annotated library types without codecs
   */
  MemberTypes(
      Function<TypeElement, String> shapeOfAnnotated,
      Predicate<TypeElement> neverEmpty,
      Types types,
      CompiledTypes compiled) {
    this.shapeOfAnnotated = shapeOfAnnotated;
    this.neverEmpty = neverEmpty;
    this.types = types;
    this.compiled = compiled;
    this.fullShapes = shapeOfAnnotated != null;
    this.collectionViews = new CollectionViews(this, types, compiled);
    this.boundedWildcards = new BoundedWildcards(this, types);
    this.codecs = new TypeCodecs(compiled);
  }

  /** How JDK collection and map classes cross and are read back, as this resolves their values. */
  public CollectionViews collectionViews() {
    return collectionViews;
  }

  /** The codecs types are written with, as this finds them. */
  public TypeCodecs codecs() {
    return codecs;
  }

  /** What an annotated type resolves to when only violations are wanted. */
  private static final TypeShape UNNAMED_ANNOTATED = new TypeShape.Annotated(null, null, "", true);

  /**
   * Resolves the static type of a value that crosses at a call site. Unlike a member, whose
   * declared type decides what decoding builds, a value may be any implementation of {@code List},
   * {@code Set}, {@code Collection} or {@code Map}: the runtime writes it by its interface.
   */
  public Resolution resolveValue(TypeMirror type, boolean inheritOnlyAllowed) {
    boolean outer = crossingValue;
    crossingValue = true;
    try {
      return resolveCrossingValue(type, inheritOnlyAllowed);
    } finally {
      crossingValue = outer;
    }
  }

  private Resolution resolveCrossingValue(TypeMirror type, boolean inheritOnlyAllowed) {
    Resolution resolution = null;
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      DeclaredType view = collectionViews.collectionView(declared);
      if (view != null) {
        // A raw class (`new ArrayList()`) is told by its own name: its interface is not written.
        resolution =
            isRaw(declared)
                ? raw((TypeElement) declared.asElement())
                : resolve(view, inheritOnlyAllowed);
      }
    }
    if (resolution == null) {
      resolution = resolve(type, inheritOnlyAllowed);
    }
    // A crossing value is written by its run-time class, as is all it holds.
    TypeMirror array = resolution.ok() ? objectArrayIn(type) : null;
    return array == null ? resolution : Resolution.violated(objectArray(array));
  }

  /**
   * Resolves an array passed in place of a varargs parameter's values: its elements cross one by
   * one, each written with its run-time class, so the array itself may hold objects.
   */
  public Resolution resolveElements(ArrayType type, boolean inheritOnlyAllowed) {
    boolean outer = crossingValue;
    crossingValue = true;
    try {
      Resolution resolution = resolve(type, inheritOnlyAllowed);
      TypeMirror array = resolution.ok() ? objectArrayIn(type.getComponentType()) : null;
      return array == null ? resolution : Resolution.violated(objectArray(array));
    } finally {
      crossingValue = outer;
    }
  }

  /**
   * The first array of objects (or of arrays) in {@code type}, itself or in a type argument at any
   * depth, where its values are written with their run-time class: the runtime's dynamic codec
   * rebuilds arrays of primitives only, and refused {@code Job[]} with not-transferable when it was
   * sent. Type arguments of a type with a hand-written codec are its author's business.
   */
  private TypeMirror objectArrayIn(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return ((ArrayType) type).getComponentType().getKind().isPrimitive() ? null : type;
      case WILDCARD:
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? null : objectArrayIn(bound);
      case DECLARED:
        TypeElement element = (TypeElement) withoutConstantBody((DeclaredType) type).asElement();
        if (!hasCodec(element)
            && codecs.declaredCodec(element, crossingValue)
                .map(compiled.declarations()::isHandWritten)
                .orElse(false)) {
          return null;
        }
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          TypeMirror array = objectArrayIn(argument);
          if (array != null) {
            return array;
          }
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * Resolves the type argument of a sent type parameter ({@code T} of {@code Channel<T>}), which
   * types what the receiving process gets back: as a value, and a JDK implementation passes only
   * where the class decoding builds for it is one. {@code Channel<LinkedList<String>>} would hand
   * the receiver an {@code ArrayList}, and its {@code receive()} would fail the cast.
   */
  public Resolution resolveTypeArgument(TypeMirror type, boolean inheritOnlyAllowed) {
    return collectionViews.readBack(type, resolveValue(type, inheritOnlyAllowed));
  }

  /**
   * Resolves {@code type}.
   *
   * @param inheritOnlyAllowed whether {@code @InheritOnly} types may appear (inside an
   *     {@code @InheritOnly} type, which only crosses at spawn)
   */
  public Resolution resolve(TypeMirror type, boolean inheritOnlyAllowed) {
    switch (type.getKind()) {
      case BOOLEAN:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.BOOLEAN));
      case BYTE:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.BYTE));
      case SHORT:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.SHORT));
      case CHAR:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.CHAR));
      case INT:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.INT));
      case LONG:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.LONG));
      case FLOAT:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.FLOAT));
      case DOUBLE:
        return Resolution.of(new TypeShape.Primitive(PrimitiveKind.DOUBLE));
      case ERROR:
        return Resolution.UNRESOLVED;
      case TYPEVAR:
        if (isCapture((TypeVariable) type)) {
          return resolveCapture((TypeVariable) type, inheritOnlyAllowed);
        }
        if (ErrorTypes.mentions(type)) {
          // T extends Missing: a codec would name the missing bound where it casts a value read.
          return Resolution.UNRESOLVED;
        }
        // A type variable is checked where it is given a concrete type; its values are
        // written with their run-time class.
        return Resolution.of(
            fullShapes
                ? new TypeShape.Dynamic(type.toString(), boundView(types.erasure(type)))
                : new TypeShape.Dynamic(null, null));
      case ARRAY:
        Resolution component = resolve(((ArrayType) type).getComponentType(), inheritOnlyAllowed);
        return component.ok() ? Resolution.of(new TypeShape.Array(component.shape())) : component;
      case WILDCARD:
        return resolveWildcard((WildcardType) type, inheritOnlyAllowed);
      case DECLARED:
        return resolveDeclared((DeclaredType) type, inheritOnlyAllowed);
      case INTERSECTION:
        return resolveIntersection((IntersectionType) type, inheritOnlyAllowed);
      default:
        return Resolution.violated(
            new Violation(
                Rule.NOT_TRANSFERABLE,
                TypePrinter.print(type),
                "is not a type a codec can be generated for",
                "use a @Transferable or built-in type instead"));
    }
  }

  /**
   * An intersection (inferred for values of different classes: {@code List.of(new Circle(1), new
   * Square(2))} is a {@code List<Record & Shape>}) is each of its bounds, so it crosses as the
   * first bound that does: every value is a {@code Shape}, written with its run-time class like any
   * value of a sealed type. One with no such bound ({@code Serializable & Comparable<?> & ...} of
   * {@code flag ? "a" : 1}) says nothing a reader could rebuild.
   */
  private Resolution resolveIntersection(IntersectionType type, boolean inheritOnlyAllowed) {
    for (TypeMirror bound : type.getBounds()) {
      Resolution resolution = resolve(bound, inheritOnlyAllowed);
      if (resolution.ok() || resolution.unresolved()) {
        return resolution;
      }
    }
    return Resolution.violated(
            new Violation(
                Rule.NOT_TRANSFERABLE,
                TypePrinter.print(type),
                "is an intersection of types, the common supertype of values of different"
                    + " classes (a conditional's branches, the elements of a List.of(1, \"a\")),"
                    + " and a process that reads the bytes must know which one class to rebuild",
                "give the values one @Transferable or built-in type (make the branches or the"
                    + " elements the same type), or a sealed @Transferable interface they all"
                    + " implement"));
  }

  /**
   * Whether {@code variable} is the compiler's capture of a wildcard (javac's {@code capture#1 of
   * ?}, ECJ's {@code capture#1-of ?}): a name no declared variable has. Only the type of a value at a
   * call site holds one, inside a type argument ({@code List<capture#1 of ?>} for a {@code List<?>}
   * variable), never a member's type.
   */
  public static boolean isCapture(TypeVariable variable) {
    return !javax.lang.model.SourceVersion.isIdentifier(variable.asElement().getSimpleName());
  }

  /**
   * A captured wildcard is the wildcard: a {@code List<?>} value holds anything, as a {@code
   * List<Object>} does, and is told so; one of {@code ? extends Job} holds {@code Job}s.
   */
  private Resolution resolveCapture(TypeVariable capture, boolean inheritOnlyAllowed) {
    TypeMirror upper = capture.getUpperBound();
    boolean unbounded =
        upper instanceof DeclaredType declared
            && ((TypeElement) declared.asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object");
    if (!unbounded && upper != null && upper.getKind() != TypeKind.NULL) {
      return resolve(upper, inheritOnlyAllowed);
    }
    return Resolution.violated(
        new Violation(
            Rule.NOT_TRANSFERABLE,
            TypePrinter.print(capture), // as written: `?` or `? super Job`
            "could hold any type, and the reader must know which one to rebuild",
            "give the type argument a @Transferable or built-in type"));
  }

  private Resolution resolveWildcard(WildcardType wildcard, boolean inheritOnlyAllowed) {
    if (wildcard.getExtendsBound() != null) {
      return resolve(wildcard.getExtendsBound(), inheritOnlyAllowed);
    }
    return Resolution.violated(
        new Violation(
            Rule.NOT_TRANSFERABLE,
            TypePrinter.print(wildcard),
            "could hold any type, and the reader must know which one to rebuild",
            "give the type argument a @Transferable or built-in type"));
  }

  private Resolution resolveDeclared(DeclaredType written, boolean inheritOnlyAllowed) {
    if (ErrorTypes.mentions(written)) {
      // Map.Entry<String, Missing> mid-edit: nothing is told until Missing resolves and the type is
      // judged whole (javac told "Entry has no codec" beside its own "cannot find symbol"; ECJ
      // gives such a type no mirror to judge and was quiet).
      return Resolution.UNRESOLVED;
    }
    DeclaredType type = withoutConstantBody(written);
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    List<? extends TypeMirror> arguments = type.getTypeArguments();

    TypeShape simple = simpleShape(name);
    if (simple != null) {
      return Resolution.of(simple);
    }
    switch (name) {
      case "java.util.List":
        return collection(CollectionKind.LIST, type, arguments, inheritOnlyAllowed);
      case "java.util.Set":
        return collection(CollectionKind.SET, type, arguments, inheritOnlyAllowed);
      case "java.util.Collection":
        return collection(CollectionKind.COLLECTION, type, arguments, inheritOnlyAllowed);
      case "java.util.SequencedCollection":
        return collection(CollectionKind.SEQUENCED_COLLECTION, type, arguments, inheritOnlyAllowed);
      case "java.util.SequencedSet":
        return collection(CollectionKind.SEQUENCED_SET, type, arguments, inheritOnlyAllowed);
      case "java.util.SequencedMap":
        return map(MapKind.SEQUENCED_MAP, type, arguments, inheritOnlyAllowed);
      case "java.util.SortedSet":
        return collection(CollectionKind.SORTED_SET, type, arguments, inheritOnlyAllowed);
      case "java.util.NavigableSet":
        return collection(CollectionKind.NAVIGABLE_SET, type, arguments, inheritOnlyAllowed);
      case "java.util.Queue":
        return collection(CollectionKind.QUEUE, type, arguments, inheritOnlyAllowed);
      case "java.util.Deque":
        return collection(CollectionKind.DEQUE, type, arguments, inheritOnlyAllowed);
      case "java.util.EnumSet":
        return collection(CollectionKind.ENUM_SET, type, arguments, inheritOnlyAllowed);
      case "java.util.Map":
        return map(MapKind.MAP, type, arguments, inheritOnlyAllowed);
      case "java.util.SortedMap":
        return map(MapKind.SORTED_MAP, type, arguments, inheritOnlyAllowed);
      case "java.util.NavigableMap":
        return map(MapKind.NAVIGABLE_MAP, type, arguments, inheritOnlyAllowed);
      case "java.util.EnumMap":
        return map(MapKind.ENUM_MAP, type, arguments, inheritOnlyAllowed);
      case "java.util.Optional":
        if (arguments.isEmpty()) {
          return raw(element);
        }
        Resolution value = resolve(arguments.get(0), inheritOnlyAllowed);
        return value.ok() ? Resolution.of(new TypeShape.OptionalOf(value.shape())) : value;
      case "java.lang.Object":
        return Resolution.violated(
            new Violation(
                Rule.NOT_TRANSFERABLE,
                TypePrinter.name(element),
                "could hold any type, and a process that reads the bytes must know which"
                    + " class to rebuild",
                "declare a @Transferable type, or a sealed interface of @Transferable types"));
      default:
        DeclaredType view = crossingValue ? collectionViews.collectionView(type) : null;
        if (view != null && !isRaw(type)) {
          // Inside a value that crosses (a List's element, a Box's T, a channel's
          // List<TreeSet<String>>), a collection is written by its run-time class, as the value
          // itself is, and rebuilt as its interface's class: fine where that is this class
          // (TreeSet, LinkedList, HashMap), as for a channel's type argument. It was told to write
          // the interface, though it arrived as the class it was.
          return CollectionViews.nestedReadBack(
              type, view, collectionViews.readBack(type, resolve(view, inheritOnlyAllowed)));
        }
        return resolveUserType(type, element, arguments, inheritOnlyAllowed);
    }
  }

  private static TypeShape simpleShape(String qualifiedName) {
    switch (qualifiedName) {
      case "java.lang.String":
        return new TypeShape.Text();
      case "java.lang.Boolean":
        return new TypeShape.Boxed(PrimitiveKind.BOOLEAN);
      case "java.lang.Byte":
        return new TypeShape.Boxed(PrimitiveKind.BYTE);
      case "java.lang.Short":
        return new TypeShape.Boxed(PrimitiveKind.SHORT);
      case "java.lang.Character":
        return new TypeShape.Boxed(PrimitiveKind.CHAR);
      case "java.lang.Integer":
        return new TypeShape.Boxed(PrimitiveKind.INT);
      case "java.lang.Long":
        return new TypeShape.Boxed(PrimitiveKind.LONG);
      case "java.lang.Float":
        return new TypeShape.Boxed(PrimitiveKind.FLOAT);
      case "java.lang.Double":
        return new TypeShape.Boxed(PrimitiveKind.DOUBLE);
      default:
        return BuiltInType.forQualifiedName(qualifiedName)
            .<TypeShape>map(TypeShape.BuiltInValue::new)
            .orElse(null);
    }
  }

  private Resolution collection(
      CollectionKind kind,
      DeclaredType type,
      List<? extends TypeMirror> arguments,
      boolean inheritOnlyAllowed) {
    if (arguments.isEmpty()) {
      return raw((TypeElement) type.asElement());
    }
    Resolution element = resolve(arguments.get(0), inheritOnlyAllowed);
    if (!element.ok()) {
      return element;
    }
    String container = TypePrinter.name(kind.interfaceName().canonicalName());
    if (kind.build() == CollectionKind.Build.SORTED && !isComparable(arguments.get(0))) {
      return Resolution.violated(notComparable(arguments.get(0), container, "element"));
    }
    if (kind == CollectionKind.ENUM_SET && needsNamedEnum(element)) {
      return Resolution.violated(notAnEnum(arguments.get(0), container, "element"));
    }
    return Resolution.of(new TypeShape.Collection(kind, element.shape()));
  }

  private Resolution map(
      MapKind kind, DeclaredType type, List<? extends TypeMirror> arguments, boolean inheritOnlyAllowed) {
    if (arguments.isEmpty()) {
      return raw((TypeElement) type.asElement());
    }
    Resolution key = resolve(arguments.get(0), inheritOnlyAllowed);
    Resolution value = resolve(arguments.get(1), inheritOnlyAllowed);
    if (!key.ok() || !value.ok()) {
      return combine(key, value);
    }
    String container = TypePrinter.name(kind.interfaceName().canonicalName());
    if (kind.sorted() && !isComparable(arguments.get(0))) {
      return Resolution.violated(notComparable(arguments.get(0), container, "key"));
    }
    if (kind == MapKind.ENUM_MAP && needsNamedEnum(key)) {
      return Resolution.violated(notAnEnum(arguments.get(0), container, "key"));
    }
    return Resolution.of(new TypeShape.MapOf(kind, key.shape(), value.shape()));
  }

  /**
   * Whether values of {@code type} are {@code Comparable}, so that a reader can sort them into a
   * {@code TreeSet} or {@code TreeMap} in natural order.
   */
  private boolean isComparable(TypeMirror type) {
    java.util.ArrayDeque<TypeMirror> queue = new java.util.ArrayDeque<>(List.of(type));
    while (!queue.isEmpty()) {
      TypeMirror next = queue.poll();
      if (next.getKind() == TypeKind.WILDCARD) {
        TypeMirror bound = ((WildcardType) next).getExtendsBound();
        if (bound != null) {
          queue.add(bound);
        }
      } else if (next.getKind() == TypeKind.TYPEVAR) {
        queue.add(((javax.lang.model.type.TypeVariable) next).getUpperBound());
      } else if (next.getKind() == TypeKind.INTERSECTION) {
        queue.addAll(((javax.lang.model.type.IntersectionType) next).getBounds());
      } else if (next.getKind() == TypeKind.DECLARED) {
        TypeElement element = (TypeElement) ((DeclaredType) next).asElement();
        if (element.getQualifiedName().contentEquals("java.lang.Comparable")) {
          return true;
        }
        queue.addAll(types.directSupertypes(next));
      }
    }
    return false;
  }

  /**
   * Whether an {@code EnumSet} or {@code EnumMap} whose elements or keys resolved to {@code
   * element} is refused for not naming its enum: a generated codec must name the enum to build
   * one, but a value crossing at a call site is written by its run-time class, the enum's name
   * and all, even empty (DynamicCodec's enum set and map tags), so {@code out.send(EnumSet.allOf(
   * type))} in a helper generic in {@code E extends Enum<E>} crosses as its {@code Set<E>} does.
   */
  private boolean needsNamedEnum(Resolution element) {
    return !crossingValue && !(element.shape() instanceof TypeShape.EnumValue);
  }

  /** Whether {@code type} is written without the type arguments its class declares. */
  private static boolean isRaw(DeclaredType type) {
    return type.getTypeArguments().isEmpty()
        && !((TypeElement) type.asElement()).getTypeParameters().isEmpty();
  }

  private static Resolution raw(TypeElement element) {
    String name = TypePrinter.name(element);
    return Resolution.violated(
        new Violation(
            Rule.NOT_TRANSFERABLE,
            name,
            "is raw: it does not say what it holds, so no codec can be generated for it",
            "give `" + name + "` its type arguments"));
  }

  /**
   * The fix for a value of an anonymous class. One that extends a JDK collection class is most
   * often double-brace initialization ({@code new ArrayList<>() {{ add(x); }}}), whose fix is a
   * plain collection, not a class of its own.
   */
  private static String anonymousClassFix(TypeElement element) {
    if (element.getSuperclass() instanceof DeclaredType superclass
        && superclass.asElement() instanceof TypeElement collection
        && collection.getQualifiedName().toString().startsWith("java.util.")
        && !collection.getModifiers().contains(Modifier.ABSTRACT)
        && MemberTypeViolations.collectionInterface(collection) != null) {
      String name = collection.getSimpleName().toString();
      return "build the `" + name + "` without an anonymous class (double-brace initialization,"
          + " `new " + name + "<>() {{ ... }}`, makes one): create a plain `new " + name + "<>()`"
          + " and fill it with statements of its own";
    }
    return "replace the anonymous class with a top-level or static nested class";
  }

  private Resolution resolveUserType(
      DeclaredType type,
      TypeElement element,
      List<? extends TypeMirror> arguments,
      boolean inheritOnlyAllowed) {
    String simpleName = TypePrinter.name(element);
    if (!isNameable(element)
        && !codecs.isInnerWithHandWrittenCodec(element, crossingValue)
        && isInnerMember(element)) {
      return Resolution.violated(innerMember(element));
    }
    if (!isNameable(element) && !codecs.isInnerWithHandWrittenCodec(element, crossingValue)) {
      boolean anonymous = element.getNestingKind() == NestingKind.ANONYMOUS;
      return Resolution.violated(
          new Violation(
              Rule.LOCAL_CLASS,
              TypePrinter.name(element),
              "is " + describeScope(element) + ": a child process rebuilds values by class"
                  + " name, and such a class has no name outside its enclosing code",
              anonymous
                  ? anonymousClassFix(element)
                  : "move `" + simpleName + "` to a top-level or static nested class"));
    }
    if (isInheritOnly(element) && !inheritOnlyAllowed && element.getKind() == ElementKind.ENUM) {
      // Any enum crosses by name, but one the user marked @InheritOnly says its constants hold
      // handles (a connection in a singleton): the marker wins, as on a class.
      return Resolution.violated(inheritOnlyValue(simpleName));
    }
    if (element.getKind() == ElementKind.ENUM) {
      return Resolution.of(
          fullShapes
              ? new TypeShape.EnumValue(ClassName.get(element), enumConstants(element))
              : new TypeShape.EnumValue(null, List.of()));
    }
    TypeElement implicitClass = hasCodec(element) ? null : compiled.implicitClassAround(element);
    if (implicitClass != null) {
      // Annotating it would be refused (TypeAnalyzer): the fix is to move it first.
      return Resolution.violated(
          new Violation(
              Rule.LOCAL_CLASS,
              simpleName,
              "is declared in `" + implicitClass.getSimpleName() + "`, the class of a compact"
                  + " source file: a child process rebuilds values by class name, and no other"
                  + " code, not even a codec Ferry would generate, can name a class of such a file",
              "move `" + simpleName + "` to a file of its own and annotate it @Transferable"));
    }
    if (!hasCodec(element)) {
      TypeElement handles = inheritOnlySuperclass(element);
      if (handles != null) {
        return Resolution.violated(inheritOnlySubclass(element, handles, inheritOnlyAllowed));
      }
      return resolveDeclaredCodec(type, element, arguments, inheritOnlyAllowed);
    }
    if (isInheritOnly(element) && !inheritOnlyAllowed) {
      return Resolution.violated(inheritOnlyValue(simpleName));
    }
    CompiledTypes.MissingCodec missing = compiled.missingCodec(element);
    if (missing != null) {
      return Resolution.violated(
          missing == CompiledTypes.MissingCodec.SOURCE_PATH
              ? compiledFromSourcePath(element)
              : compiledWithoutFerry(element));
    }
    String closed = crossingValue ? compiled.moduleClosedToRuntime(element) : null;
    if (closed != null) {
      return Resolution.violated(codecNotOpened(element, closed));
    }
    return withCodec(
        type, element, fullShapes ? codecName(element) : null, arguments, inheritOnlyAllowed);
  }

  /**
   * A type with no Ferry annotation: transferable when this compilation imports it or has a
   * hand-written codec for it, or a jar on the class path brings one.
   */
  private Resolution resolveDeclaredCodec(
      DeclaredType type,
      TypeElement element,
      List<? extends TypeMirror> arguments,
      boolean inheritOnlyAllowed) {
    CodecDeclarations declarations = compiled.declarations();
    java.util.Optional<ClassName> codec = codecs.declaredCodec(element, crossingValue);
    TypeElement valueType =
        codec.isEmpty() ? codecs.valueTypeWithHandWrittenCodec(element, crossingValue) : null;
    if (valueType != null) {
      return resolveDeclaredCodec(
          (DeclaredType) valueType.asType(), valueType, List.of(), inheritOnlyAllowed);
    }
    if (codec.isEmpty()) {
      java.util.Optional<ClassName> unexported =
          crossingValue ? codec : declarations.codecAtRunTime(element);
      if (unexported.isPresent()) {
        return Resolution.violated(codecNotExported(element, unexported.get()));
      }
      TypeElement handles = inheritOnlyAllowed || crossingValue ? heldHandles(element) : null;
      if (compiled.hasCompilerErrorInDeclaration(element)
          || (handles == null && declarations.mayHaveCodecOnceResolved())) {
        // Code mid-edit: a codec may be this type's, once the compiler's error is fixed (its
        // own declaration's, such as an @InheritOnly whose import is not written yet, even where
        // it holds handles; another declaration's, where it holds none).
        return Resolution.UNRESOLVED;
      }
      if (handles != null) {
        return Resolution.violated(
            inheritOnlyAllowed ? holdsHandles(element, handles) : sentHandles(element, handles));
      }
      return notTransferable(element, arguments, inheritOnlyAllowed);
    }
    if (declarations.isHandWritten(codec.get())) {
      if (declarations.isIncomplete(codec.get())) {
        return Resolution.UNRESOLVED; // the compiler reports the missing method; no codec calls it
      }
      // Its author decides how the whole value is written, type arguments included.
      return Resolution.of(
          fullShapes
              ? new TypeShape.Annotated(
                  declaredTypeName(type), codec.get(), TypeShape.Annotated.HAND_WRITTEN + codec.get().reflectionName(), false)
              : UNNAMED_ANNOTATED);
    }
    return withCodec(type, element, codec.get(), arguments, inheritOnlyAllowed);
  }

  /**
   * A type without a codec whose type arguments hold an {@code @InheritOnly} type ({@code
   * Map.entry("a", channel)}, an {@code Entry<String, Channel<String>>}): where such a type may not
   * cross, the handle is the mistake no codec could mend, told as it is inside a {@code Map} (an
   * {@code Entry} copied into a {@code @Transferable} record would only hold it again); handed to a
   * child at spawn, where it may, the fix says what can carry it, an {@code @InheritOnly} type.
   */
  private Resolution notTransferable(
      TypeElement element, List<? extends TypeMirror> arguments, boolean inheritOnlyAllowed) {
    TypeElement held = null;
    for (TypeMirror argument : arguments) {
      held = held != null ? held : inheritOnlyIn(argument, 0);
    }
    if (held == null) {
      return Resolution.violated(MemberTypeViolations.notTransferable(element, null));
    }
    if (inheritOnlyAllowed) {
      return Resolution.violated(MemberTypeViolations.notTransferable(element, held));
    }
    for (TypeMirror argument : arguments) {
      Resolution resolution = resolve(argument, false);
      if (resolution.violation() != null
          && resolution.violation().rule() == Rule.INHERIT_ONLY_SENT) {
        return resolution;
      }
    }
    return Resolution.violated(MemberTypeViolations.notTransferable(element, null));
  }

  /**
   * A type whose codec writes the values of its type arguments, so each argument must qualify
   * too. Raw {@code Box} for {@code record Box<T>(T value)} says no more than {@code Box<Object>},
   * which is refused.
   */
  private Resolution withCodec(
      DeclaredType type,
      TypeElement element,
      ClassName codec,
      List<? extends TypeMirror> arguments,
      boolean inheritOnlyAllowed) {
    if (arguments.isEmpty()
        && !element.getTypeParameters().isEmpty()
        && (!isInheritOnly(element) || writesValuesOfAny(element))) {
      // A raw Channel is a handle; a raw Holder<T>(T value) says no more than Holder<Object>.
      if (!boundedWildcards.rawHoldsOnlyBounds(element, inheritOnlyAllowed)) {
        return raw(element);
      }
    }
    // Bounded before the variables no value holds are left out, so that each argument meets its
    // own variable's bound (a Pair<A extends Job, B>(B value)'s Pair<Hire, ?> met A's).
    List<? extends TypeMirror> bounded =
        isInheritOnly(element)
            ? arguments
            : boundedWildcards.bounded(element, arguments, inheritOnlyAllowed);
    List<? extends TypeMirror> carried = carriedArguments(element, bounded);
    Resolution combined =
        isInheritOnly(element)
            ? resolveHolderArguments(sentByHolder(element, arguments), inheritOnlyAllowed)
            : boundedWildcards.toldByBound(
                element,
                bounded,
                resolveArguments(carried, inheritOnlyAllowed),
                inheritOnlyAllowed);
    if (combined.violation() != null || combined.unresolved()) {
      return combined;
    }
    for (TypeMirror argument : carried) { // written by their run-time class
      TypeMirror array = objectArrayIn(argument);
      if (array != null) {
        return Resolution.violated(objectArray(array));
      }
    }
    if (!fullShapes) {
      return Resolution.of(UNNAMED_ANNOTATED);
    }
    return Resolution.of(
        new TypeShape.Annotated(
            declaredTypeName(type),
            codec,
            shapeOfAnnotated.apply(element)
                + (isInheritOnly(element) ? "" : argumentShapes(carried, inheritOnlyAllowed)),
            neverEmpty.test(element)));
  }

  /**
   * The shapes of the type arguments whose values a generic type's codec writes, as the holder's
   * fingerprint describes them ({@code <Long>} for a {@code Box<Long>}), or nothing for a type
   * that takes none. The codec of {@code Box<T>} writes {@code T} by each value's class, so its own
   * shape is the same for every argument: without them, a reader built with {@code record R(Box<Long>
   * b)} took bytes written by {@code record R(Box<Integer> b)} and handed out the writer's {@code
   * Integer} inside its {@code Box<Long>}, to fail where its code used it.
   */
  private String argumentShapes(List<? extends TypeMirror> carried, boolean inheritOnlyAllowed) {
    if (carried.isEmpty()) {
      return "";
    }
    StringBuilder shapes = new StringBuilder("<");
    for (TypeMirror argument : carried) {
      Resolution resolved = resolve(argument, inheritOnlyAllowed);
      if (shapes.length() > 1) {
        shapes.append(',');
      }
      shapes.append(resolved.ok() ? resolved.shape().describe() : "?");
    }
    return shapes.append('>').toString();
  }

  /**
   * Resolves {@code arguments}: one the holder's codec writes as {@code inheritOnlyAllowed} says;
   * one it may send through a channel, for a value crossing at a call site, as a sent value, since
   * an {@code @InheritOnly} type can never be sent ({@code Channel<Ports>} handed to a child as a
   * library's method returns it). A member's is told where its type argument is written, in that
   * place's words (TransferScanner's written type arguments), not here. One sent through a channel
   * is judged as a channel's type argument is wherever it is written ({@link #resolveTypeArgument}):
   * a {@code Channel<ArrayList<String>>}, legal as a local, stays legal held by an {@code
   * @InheritOnly} record or handed to a child, where it was told to write {@code List}.
   */
  private Resolution resolveHolderArguments(
      List<HeldTypes.HolderArgument> arguments, boolean inheritOnlyAllowed) {
    Resolution combined = Resolution.of(null);
    for (HeldTypes.HolderArgument argument : arguments) {
      Resolution r =
          argument.written()
              ? resolve(argument.type(), inheritOnlyAllowed)
              : resolveTypeArgument(argument.type(), inheritOnlyAllowed && !crossingValue);
      if (!r.ok()) {
        combined = combine(combined, r);
      }
    }
    return combined;
  }

  private Resolution resolveArguments(
      List<? extends TypeMirror> arguments, boolean inheritOnlyAllowed) {
    Resolution combined = Resolution.of(null);
    for (TypeMirror argument : arguments) {
      Resolution r = resolve(argument, inheritOnlyAllowed);
      if (!r.ok()) {
        combined = combine(combined, r);
      }
    }
    return combined;
  }

  private static Resolution combine(Resolution a, Resolution b) {
    Violation violation = Violation.mostSpecific(a.violation(), b.violation());
    boolean unresolved = a.unresolved() || b.unresolved();
    return new Resolution(null, violation, unresolved && violation == null);
  }

  private static List<String> enumConstants(TypeElement element) {
    List<String> constants = new ArrayList<>();
    for (Element e : element.getEnclosedElements()) {
      if (e.getKind() == ElementKind.ENUM_CONSTANT) {
        constants.add(e.getSimpleName().toString());
      }
    }
    return constants;
  }

  /**
   * The enum whose constant's body {@code type} is, else {@code type}. Inside {@code ADD { ... }}
   * of an enum {@code Op}, {@code this} has the body's anonymous class as its type, yet the value
   * is the constant {@code Op.ADD}: codecs and the runtime write a constant by its enum ({@code
   * Enum.getDeclaringClass()}), by ordinal, so it crosses as any {@code Op} does, not as a value
   * of a class with no name (which has no codec index to look up either).
   */
  private static DeclaredType withoutConstantBody(DeclaredType type) {
    if (type.asElement() instanceof TypeElement body
        && body.getNestingKind() == NestingKind.ANONYMOUS
        && body.getSuperclass() instanceof DeclaredType superclass
        && superclass.asElement().getKind() == ElementKind.ENUM) {
      return superclass;
    }
    return type;
  }

}
