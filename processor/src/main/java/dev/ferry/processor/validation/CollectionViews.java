package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.CollectionKind;
import dev.ferry.processor.model.TypeShape;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * How a JDK collection or map class crosses and what it is read back as. A value is written by its
 * run-time class under the first collection interface it implements, in the order the runtime's
 * dynamic codec tries them ({@code TreeSet} as a {@code SortedSet}), and the reading process
 * rebuilds every such interface as one class ({@code ArrayList} for a {@code List}): a receiver
 * that declared the class it sent ({@code LinkedList<String>}) would fail its cast, so that is
 * refused where it is declared, with the interface to write instead. Apart from {@link
 * MemberTypes}, which resolves what a type is, since these rules are asked on their own by the
 * checker (a task's result, a class literal, a spawn target's parameter).
 */
public final class CollectionViews {
  private final MemberTypes memberTypes;
  private final Types types;
  private final CompiledTypes compiled;

  CollectionViews(MemberTypes memberTypes, Types types, CompiledTypes compiled) {
    this.memberTypes = memberTypes;
    this.types = types;
    this.compiled = compiled;
  }

  /**
   * The type a class literal of a JDK collection or map class ({@code TreeSet.class}, {@code
   * EnumMap.class}) crosses as: the literal says nothing of the elements, which the codec writes by
   * their own classes (an {@code EnumSet}'s enum by its name) and the reader checks as it reads
   * them (a sorted one's for being comparable), so they are taken to be values any such
   * collection holds, a {@code String}, or an enum where it must be one; null for another type.
   */
  public DeclaredType literalCollection(TypeMirror named) {
    if (!(named instanceof DeclaredType declared) || !declared.getTypeArguments().isEmpty()) {
      return null;
    }
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getTypeParameters().isEmpty()
        || !element.getQualifiedName().toString().startsWith("java.util.")
        || !(isSubclassOf(declared, "java.util.Collection")
            || isSubclassOf(declared, "java.util.Map"))) {
      return null;
    }
    TypeMirror text = compiled.jdkClass("java.lang.String").asType();
    TypeMirror anEnum = compiled.jdkClass("java.util.concurrent.TimeUnit").asType();
    TypeMirror[] arguments =
        element.getTypeParameters().stream()
            .map(parameter -> isEnumBounded(parameter) ? anEnum : text)
            .toArray(TypeMirror[]::new);
    return types.getDeclaredType(element, arguments);
  }

  private boolean isSubclassOf(DeclaredType type, String supertype) {
    TypeElement element = compiled.jdkClass(supertype);
    return element != null
        && types.isSubtype(types.erasure(type), types.erasure(element.asType()));
  }

  private boolean isEnumBounded(javax.lang.model.element.TypeParameterElement parameter) {
    return parameter.getBounds().stream()
        .anyMatch(bound -> types.asElement(types.erasure(bound)) instanceof TypeElement t
            && t.getQualifiedName().contentEquals("java.lang.Enum"));
  }

  /**
   * The collection type a JDK implementation's values are written as, parameterized as {@code
   * type} makes it: the first of {@link #WRITTEN_AS} among its supertypes, the order in which the
   * runtime's dynamic codec tries them, so a {@code TreeSet} is a {@code SortedSet} (rebuilt in
   * natural order), not only a {@code Set}. Null for a type resolved as it is.
   */
  DeclaredType collectionView(DeclaredType type) {
    String name = ((TypeElement) type.asElement()).getQualifiedName().toString();
    if (RESOLVED_AS_WRITTEN.contains(name) || !name.startsWith("java.util.")) {
      return null;
    }
    if (name.equals("java.util.Dictionary")) {
      return dictionaryView(type);
    }
    java.util.Map<String, DeclaredType> supertypes = supertypesByName(type);
    for (String view : WRITTEN_AS) {
      if (supertypes.containsKey(view)) {
        return supertypes.get(view);
      }
    }
    return null;
  }

  /**
   * {@code Map<K, V>} for {@code Dictionary<K, V>}: the one JDK supertype of a map class ({@code
   * Hashtable}, {@code Properties}) that is no {@code Map} itself. Its values cross as the maps
   * they are, rebuilt as a {@code LinkedHashMap}, which is no {@code Dictionary}: a spawn target
   * that took a {@code Dictionary} compiled clean and failed in the child with "argument type
   * mismatch". Null where the compiler cannot make the type.
   */
  private DeclaredType dictionaryView(DeclaredType type) {
    TypeElement map = compiled.jdkClass("java.util.Map");
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (map == null || (arguments.size() != 2 && !arguments.isEmpty())) {
      return null;
    }
    try {
      return types.getDeclaredType(map, arguments.toArray(TypeMirror[]::new));
    } catch (IllegalArgumentException unsupported) {
      return null;
    }
  }

  /**
   * {@code type}'s supertype whose class is {@code element}, as {@code type} instantiates it
   * ({@code List<Thread>} of an {@code ArrayList<Thread>}), {@code type} itself for its own class;
   * null if it has none.
   */
  public DeclaredType supertypeOf(DeclaredType type, TypeElement element) {
    return supertypesByName(type).get(element.getQualifiedName().toString());
  }

  /** {@code type} and its supertypes at any depth, by their classes' qualified names. */
  private java.util.Map<String, DeclaredType> supertypesByName(DeclaredType type) {
    java.util.Map<String, DeclaredType> supertypes = new java.util.HashMap<>();
    java.util.ArrayDeque<TypeMirror> queue = new java.util.ArrayDeque<>(List.of(type));
    while (!queue.isEmpty()) {
      TypeMirror next = queue.poll();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) next;
      String n = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      if (supertypes.putIfAbsent(n, declared) == null) {
        queue.addAll(
            declared instanceof OwnSupertypes own
                ? own.directSupertypes()
                : types.directSupertypes(declared));
      }
    }
    return supertypes;
  }

  /**
   * A mirror the compiler's {@link Types} cannot take, which names its own direct supertypes: ECJ's
   * parameterized type with type arguments of Ferry's making ({@code ArrayList<Serializable &
   * Comparable<?> & ...>} of {@code new ArrayList<>(List.of("a", 1))}), on which ECJ's {@code
   * directSupertypes} throws.
   */
  public interface OwnSupertypes {
    List<? extends TypeMirror> directSupertypes();
  }

  /** The collection types, in the order {@code DynamicKinds.tagOf} in the runtime tries them. */
  private static final List<String> WRITTEN_AS =
      List.of(
          "java.util.List",
          "java.util.EnumSet",
          "java.util.SortedSet",
          "java.util.Set",
          "java.util.EnumMap",
          "java.util.SortedMap",
          "java.util.Map",
          "java.util.Queue",
          "java.util.Collection");

  /** The JDK collection types {@link MemberTypes#resolve} knows by name. */
  private static final java.util.Set<String> RESOLVED_AS_WRITTEN =
      java.util.Set.of(
          "java.util.List", "java.util.Set", "java.util.Collection", "java.util.SortedSet",
          "java.util.NavigableSet", "java.util.Queue", "java.util.Deque", "java.util.EnumSet",
          "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.EnumMap",
          "java.util.SequencedCollection", "java.util.SequencedSet", "java.util.SequencedMap");

  /**
   * {@link MemberTypes#resolveTypeArgument}, given the resolution of {@code type} as a value
   * ({@link MemberTypes#resolveValue}, which a caller may have cached).
   */
  public Resolution readBack(TypeMirror type, Resolution asValue) {
    if (!asValue.ok() || type.getKind() != TypeKind.DECLARED) {
      return asValue;
    }
    DeclaredType view = collectionView((DeclaredType) type);
    TypeElement builtElement = view == null ? null : builtClass(type, asValue);
    if (builtElement == null
        || types.isSubtype(types.erasure(builtElement.asType()), types.erasure(type))) {
      return asValue;
    }
    String wanted = TypePrinter.name((TypeElement) ((DeclaredType) type).asElement());
    String viewName = TypePrinter.name((TypeElement) view.asElement());
    return Resolution.violated(
        new Violation(
            Rule.NOT_TRANSFERABLE,
            TypePrinter.print(type),
            "is rebuilt by the reading process as every `" + viewName + "` is, as `"
                + TypePrinter.name(builtElement.getQualifiedName().toString())
                + "`, which cannot be cast to `" + wanted + "`",
            "declare it as `" + TypePrinter.print(view) + "`"));
  }

  /**
   * The JDK class a reader builds for a collection or map of {@code type} given as {@code asValue}
   * resolved it, or null for any other value.
   */
  private TypeElement builtClass(TypeMirror type, Resolution asValue) {
    ClassName built =
        asValue.shape() instanceof TypeShape.Collection c ? c.kind().implementation()
            : asValue.shape() instanceof TypeShape.MapOf m ? m.kind().implementation()
            : null;
    if (asValue.shape() instanceof TypeShape.Collection c && c.kind() == CollectionKind.LIST
        && isQueue(type)) {
      // A List that is also a Queue (LinkedList) is read back as a LinkedList (DynamicCodec's
      // tag 53), so that a receiver declared either way takes it.
      built = LINKED_LIST;
    }
    return built == null ? null : compiled.jdkClass(built.canonicalName());
  }

  /**
   * Whether a collection or map of {@code type}, a class the reader rebuilds as another ({@link
   * #rebuiltAsAnother}), is read back as a {@code taken}: the class the reader builds is one. A
   * task's result the program takes only as its interface ({@code Map<String, Integer> counts =
   * pool.submit(Main::counts, 1).get()}, where the compiler casts to {@code Map}).
   */
  public boolean readBackAs(TypeMirror type, TypeMirror taken) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement built = builtClass(type, memberTypes.resolveValue(type, true));
    return built != null
        && types.isSubtype(types.erasure(built.asType()), types.erasure(taken));
  }

  /**
   * {@code read}, the {@link #readBack} of a collection class inside a crossing value, with its fix
   * in the words of a type argument: write the interface in the class's place, not "declare it".
   */
  static Resolution nestedReadBack(DeclaredType type, DeclaredType view, Resolution read) {
    Violation violation = read.violation();
    if (violation == null) {
      return read;
    }
    return Resolution.violated(
        new Violation(
            violation.rule(),
            violation.culprit(),
            violation.reason(),
            "write `" + TypePrinter.name((TypeElement) view.asElement()) + "` in place of `"
                + TypePrinter.name((TypeElement) type.asElement())
                + "`, with the same type arguments"));
  }

  /**
   * Why a value of {@code type} given as {@code asValue} resolved it is not read back as {@code
   * type}: a JDK collection class the reader rebuilds as another ({@link #readBack}); null when it
   * is, when {@code type} is no declared type, or when the value itself cannot cross (told where
   * it is given). A spawn target's or task's parameter, or a task's result.
   */
  public Violation rebuiltAsAnother(TypeMirror type, Resolution asValue) {
    if (type.getKind() != TypeKind.DECLARED || !asValue.ok()) {
      return null;
    }
    Resolution back = readBack(type, asValue);
    return back.unresolved() ? null : back.violation();
  }

  /**
   * The collection interface a reader rebuilds {@code type} by, as a fix names it ({@code
   * Map<String, Integer>} for {@code ConcurrentHashMap<String, Integer>}), or null for a type
   * that is no JDK collection class.
   */
  public String collectionViewName(TypeMirror type) {
    DeclaredType view =
        type.getKind() == TypeKind.DECLARED ? collectionView((DeclaredType) type) : null;
    return view == null ? null : TypePrinter.print(view);
  }

  private static final ClassName LINKED_LIST = ClassName.get("java.util", "LinkedList");

  /** Whether {@code type} is a {@code java.util.Queue}. */
  private boolean isQueue(TypeMirror type) {
    TypeElement queue = compiled.jdkClass("java.util.Queue");
    return queue != null && types.isSubtype(types.erasure(type), types.erasure(queue.asType()));
  }

  /**
   * {@link #readBack} for the class {@code named} by a class literal ({@code
   * Codecs.of(LinkedList.class)}), whose fix is to name the interface's literal instead.
   */
  public Resolution readBackOfLiteral(TypeMirror named, Resolution asValue) {
    Resolution read = readBack(named, asValue);
    if (read == asValue || read.violation() == null) {
      return read;
    }
    DeclaredType view = collectionView((DeclaredType) named);
    Violation violation = read.violation();
    return Resolution.violated(
        new Violation(
            violation.rule(),
            violation.culprit(),
            violation.reason(),
            "name `" + TypePrinter.name((TypeElement) view.asElement()) + ".class` instead"));
  }
}
