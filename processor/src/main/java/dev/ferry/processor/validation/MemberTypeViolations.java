package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;
import static dev.ferry.processor.validation.FerryAnnotations.transferableSuperclass;
import static dev.ferry.processor.validation.GeneratedTypeNames.codecName;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.CollectionKind;
import dev.ferry.processor.model.MapKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The words of {@link MemberTypes}'s refusals that are told the same wherever they arise: each
 * builds the {@link Violation} for one reason a type cannot be written (an array of objects, a
 * class without a codec, a codec another build never generated, a handle held where it may not
 * cross), with the fix that reason calls for. They live apart from the resolution so that what is
 * decided and how it is said can be read, and changed, one at a time; the resolution decides which
 * one applies and in what order.
 */
final class MemberTypeViolations {
  private MemberTypeViolations() {}

  static Violation objectArray(TypeMirror array) {
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        TypePrinter.print(array),
        "is an array of objects where values are written with their run-time class (a sent"
            + " value, a type argument of a generic type), and the reading process rebuilds only"
            + " arrays of primitives from such bytes",
        "use a `List` instead, or wrap the array in a @Transferable record");
  }

  static Violation notComparable(TypeMirror argument, String container, String role) {
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        TypePrinter.print(argument),
        "is the " + role + " type of a `" + container + "`, which the reading process rebuilds"
            + " sorted in natural order (a TreeSet or TreeMap), and it is not Comparable",
        "make the " + role + " type Comparable, or declare a `List`, `Set` or `Map` instead");
  }

  static Violation notAnEnum(TypeMirror argument, String container, String role) {
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        TypePrinter.print(argument),
        "is the " + role + " type of an `" + container + "`, and the reading process must name"
            + " the enum to build one, which a type variable does not",
        "give the `" + container + "` a concrete enum type");
  }

  static Violation inheritOnlyValue(String simpleName) {
    return new Violation(
        Rule.INHERIT_ONLY_SENT,
        simpleName,
        "is @InheritOnly: it holds process-local handles, which reach a child only as a"
            + " spawn argument, never through a channel or inside a copied value",
        "pass the `" + simpleName + "` to the child as a spawn argument when it starts");
  }

  /**
   * An inner member class has a name a child can find; what no process can rebuild from bytes is
   * the instance of its enclosing class that each of its instances holds.
   */
  static Violation innerMember(TypeElement element) {
    String name = TypePrinter.name(element);
    String outer = TypePrinter.name((TypeElement) element.getEnclosingElement());
    return new Violation(
        Rule.LOCAL_CLASS,
        name,
        "is an inner (non-static) class of `" + outer + "`: each of its instances holds an"
            + " instance of `" + outer + "`, which the process that reads the value cannot"
            + " rebuild along with it",
        "make `" + name + "` a static nested class, or write a codec for `" + name + "` by hand"
            + " and annotate it with @TransferableCodec");
  }

  /** An unannotated class handed to a child at spawn whose fields hold {@code handles}. */
  static Violation holdsHandles(TypeElement element, TypeElement handles) {
    String name = TypePrinter.name(element);
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "is not annotated, so it has no codec, and a child gets only values with a codec",
        "annotate `" + name + "` with @InheritOnly: it holds `" + TypePrinter.name(handles)
            + "`, which is @InheritOnly, and such a value reaches a child only as a spawn"
            + " argument, as this one does");
  }

  /**
   * An unannotated class sent where {@code @InheritOnly} values may not cross (through a channel)
   * whose fields hold {@code handles}: @Transferable would only give an inherit-only-sent error on
   * its field, so say what it holds and how such a value reaches a child, as for a subclass of an
   * {@code @InheritOnly} class ({@link #inheritOnlySubclass}).
   */
  static Violation sentHandles(TypeElement element, TypeElement handles) {
    String name = TypePrinter.name(element);
    return new Violation(
        Rule.INHERIT_ONLY_SENT,
        name,
        "holds `" + TypePrinter.name(handles) + "`, which is @InheritOnly" + HANDLES_REACH,
        "annotate `" + name + "` with @InheritOnly, and pass it to the child as a spawn argument"
            + " when it starts");
  }

  /** Why an {@code @InheritOnly} value may not be sent, as the rule's other errors say it. */
  private static final String HANDLES_REACH =
      ": it holds process-local handles, which reach a child only as a spawn argument, never"
          + " through a channel or inside a copied value";

  /**
   * An unannotated subclass of an {@code @InheritOnly} class holds the same handles: @Transferable
   * would only give another error, so say what it is and how it reaches a child.
   */
  static Violation inheritOnlySubclass(
      TypeElement element, TypeElement handles, boolean inheritOnlyAllowed) {
    String name = TypePrinter.name(element);
    if (inheritOnlyAllowed) {
      return new Violation(
          Rule.NOT_TRANSFERABLE,
          name,
          "extends `" + TypePrinter.name(handles) + "`, which is @InheritOnly, but is not annotated"
              + " itself, so it has no codec, and a child gets only values with a codec",
          "annotate `" + name + "` with @InheritOnly");
    }
    return new Violation(
        Rule.INHERIT_ONLY_SENT,
        name,
        "extends `" + TypePrinter.name(handles) + "`, which is @InheritOnly" + HANDLES_REACH,
        "annotate `" + name + "` with @InheritOnly too, and pass it to the child as a spawn"
            + " argument when it starts");
  }

  /**
   * An unannotated subclass of a {@code @Transferable} class: a value crosses with its own class's
   * codec, and the superclass's codec writes only its own class (it refuses a subclass at run
   * time), so the subclass needs a codec of its own, which it can have only if it declares all of
   * its state; annotating it would otherwise just give the inherited-fields error.
   */
  private static Violation subclassOfTransferable(TypeElement element, TypeElement parent) {
    String name = TypePrinter.name(element);
    String parentName = TypePrinter.name(parent);
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "extends `" + parentName + "`, which is @Transferable, but is not annotated itself, so it"
            + " has no codec: `" + parentName + "`'s codec writes only a `" + parentName + "`,"
            + " and only values with a codec can be copied to another process",
        inheritsState(element)
            ? "send a `" + parentName + "` itself (copy the values into one); `" + name + "`"
                + " cannot be @Transferable while it inherits fields, which its codec would not"
                + " copy"
            : "annotate `" + name + "` with @Transferable too, or send a `" + parentName
                + "` itself");
  }

  /** Whether a superclass of {@code element} has fields a codec of {@code element} would miss. */
  private static boolean inheritsState(TypeElement element) {
    TypeMirror superclass = element.getSuperclass();
    while (superclass instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement type
        && !type.getQualifiedName().contentEquals("java.lang.Object")) {
      if (!TypeAnalyzer.copiedFields(type).isEmpty()) {
        return true;
      }
      superclass = type.getSuperclass();
    }
    return false;
  }

  /**
   * javac reads a file it finds on its source path (or, without one, on its class path) when the
   * code refers to one of its types, but runs annotation processors only over the files it is
   * given ("Implicitly compiled files were not subject to annotation processing"), whatever
   * {@code -implicit} says. The message says "read", not "compiled": under {@code -implicit:none}
   * javac writes no class for the file either.
   */
  static Violation compiledFromSourcePath(TypeElement element) {
    String name = TypePrinter.name(element);
    String annotation = isInheritOnly(element) ? "@InheritOnly" : "@Transferable";
    String file = CompiledTypes.outermost(element).getQualifiedName().toString().replace('.', '/') + ".java";
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "is " + annotation + ", but its codec `" + codecName(element).canonicalName() + "` was"
            + " never generated: javac read `" + file + "` only because this code uses it,"
            + " finding it on its source path, and runs annotation processors only on the source"
            + " files it is given, while values reach another process only through their codecs",
        "list `" + file + "` among the source files javac compiles, not only on its source path"
            + " or class path");
  }

  static Violation compiledWithoutFerry(TypeElement element) {
    String name = TypePrinter.name(element);
    String annotation = isInheritOnly(element) ? "@InheritOnly" : "@Transferable";
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "is " + annotation + ", but its codec `" + codecName(element).canonicalName() + "` is not"
            + " on the class path: the build of " + element.getQualifiedName() + " did not run"
            + " Ferry's processor, and values reach another process only through their codecs",
        "add ferry-processor to the annotation processors of the build that compiles `" + name
            + "`");
  }

  /**
   * @param held the {@code @InheritOnly} type the value holds where it is handed to a child at
   *     spawn, or null: a class of the program's is then told to be {@code @InheritOnly} itself,
   *     one it cannot annotate to be copied into such a type, as a {@code @Transferable} one could
   *     not hold it
   */
  static Violation notTransferable(TypeElement element, TypeElement held) {
    String name = TypePrinter.name(element);
    String copy =
        held == null
            ? "copy the data you need into a @Transferable type"
            : "copy the data you need into an @InheritOnly record: it holds `"
                + TypePrinter.name(held) + "`, which is @InheritOnly, and such a value reaches a"
                + " child only as a spawn argument, as this one does";
    boolean isInterface = element.getKind() == ElementKind.INTERFACE;
    boolean isAbstract = element.getModifiers().contains(Modifier.ABSTRACT);
    String reason;
    String fix;
    String qualified = element.getQualifiedName().toString();
    ClassName[] declaredAs = qualified.startsWith("java.util.") ? collectionInterface(element) : null;
    if (element.getKind() == ElementKind.ANNOTATION_TYPE) {
      reason =
          "is an annotation type: its values are objects the JVM makes for an annotated element,"
              + " not plain values that another process could rebuild from bytes";
      fix = "copy the values you need into a @Transferable record";
    } else if (declaredAs != null) {
      // An interface too: java.util.concurrent's BlockingQueue, ConcurrentMap, ...
      // The article goes with the name as printed: "a `java.util.ArrayList`" where the package
      // has an ArrayList of its own, "an `ArrayList`" elsewhere.
      String rebuiltAs = TypePrinter.name(declaredAs[1].canonicalName());
      reason =
          "is a JDK collection " + (isInterface ? "interface Ferry has no codec for" : "class")
              + ": Ferry writes collections only by the interfaces it rebuilds, as a member is"
              + " declared (a reader rebuilds a `" + TypePrinter.name(declaredAs[0].canonicalName())
              + "` as " + Messages.article(rebuiltAs) + " `" + rebuiltAs + "`)";
      String declare = TypePrinter.name(declaredAs[0].canonicalName());
      // Inside a member's type or at a call site "the member" is not what to change.
      return new Violation(
          Rule.NOT_TRANSFERABLE,
          name,
          reason,
          "write `" + declare + "` in place of `" + name + "`, with the same type arguments",
          "declare the member as `" + declare + "` with the same type arguments");
    } else if (qualified.equals("java.lang.Void")) {
      // The runtime carries no null on a channel (send(null) throws) nor as a member of a copied
      // value, so a Void, which is only ever null, has nothing to send.
      reason =
          "has no value but null, and a channel or a copied value carries values, never null"
              + " (`send(null)` throws)";
      fix =
          "send a value that says what happened, such as an enum constant or a @Transferable"
              + " record";
    } else if (qualified.startsWith("java.") || qualified.startsWith("javax.")) {
      reason =
          "is a JDK type Ferry has no codec for: it is not a plain value that another process"
              + " could rebuild from bytes";
      fix = copy;
    } else if (isFerryRuntime(element)) {
      // Not Ferry's to annotate or the user's to import: a pool or a child's handle works only in
      // the process that made it, and its fields are the runtime's internals.
      reason =
          "is a type of Ferry's runtime, which works only in the process that made it (a pool, a"
              + " child, a task): it is not a plain value that another process could rebuild from"
              + " bytes";
      fix = copy;
    } else if ((isInterface || isAbstract) && element.getModifiers().contains(Modifier.SEALED)) {
      // Sealed as the fix below asks, but a sealed type's values are written through its own
      // codec, which only its annotation gives it.
      reason =
          "is " + (isInterface ? "a sealed interface" : "a sealed abstract class") + " that is"
              + " not @Transferable, so it has no codec, and a value declared as it is written and"
              + " read only through a codec of `" + name + "` itself";
      fix =
          "annotate `" + name + "` with @Transferable, as each of its permitted subtypes must be";
    } else if ((isInterface || isAbstract) && ValueGenerators.of(element).isPresent()) {
      // Neither fix below can be made: the concrete class is the other processor's to write.
      ValueGenerators.Generator generator = ValueGenerators.of(element).orElseThrow();
      reason =
          "is annotated " + generator.annotation() + ", so its values are of a class that "
              + generator.processor() + " generates, and the process that reads the bytes cannot"
              + " know which class to rebuild";
      fix =
          "write the codec of `" + name + "` by hand with @TransferableCodec (a `Codec<" + name
              + ">` that builds values through the factory of `" + name + "`)";
    } else if (ValueGenerators.implementedBy(element).isPresent()) {
      // Its fix is its value type's: no one annotates a generated class, its constructor is often
      // private (an import is refused), and members are declared as the value type anyway.
      ValueGenerators.Implementation implementation =
          ValueGenerators.implementedBy(element).orElseThrow();
      String valueType = TypePrinter.name(implementation.valueType());
      reason =
          "is the class " + implementation.generator().processor() + " generates for `" + valueType
              + "` (" + implementation.generator().annotation() + "), and it has no codec";
      String codec = Messages.valueTypeCodec(valueType);
      return new Violation(
          Rule.NOT_TRANSFERABLE,
          name,
          reason,
          "write `" + valueType + "` in place of `" + name + "` and " + codec,
          "declare the member as `" + valueType + "` and " + codec);
    } else if (isInterface || isAbstract) {
      reason =
          "is " + (isInterface ? "an interface" : "an abstract class") + " that is not sealed,"
              + " so the process that reads the bytes cannot know which class to rebuild";
      fix =
          "make `" + name + "` a sealed type whose permitted subtypes are @Transferable, or use a"
              + " concrete @Transferable type";
    } else if (transferableSuperclass(element) != null) {
      return subclassOfTransferable(element, transferableSuperclass(element));
    } else if (held != null) {
      return holdsHandles(element, held);
    } else if (!qualified.startsWith("java.") && collectionInterface(element) != null) {
      // Annotating it, as the last fix below says, fails too: its state is the JDK class's
      // (ferry:transferable-shape, "inherits fields from `ArrayList`").
      ClassName[] writtenAs = collectionInterface(element);
      String as = TypePrinter.name(writtenAs[0].canonicalName());
      String rebuilt = writtenAs[1].simpleName();
      reason =
          "is a class of the program's that is a `" + as + "`, and it has no codec: Ferry writes"
              + " collections only by the interfaces it rebuilds (a reader rebuilds a `" + as + "` as "
              + Messages.article(rebuilt) + " `" + rebuilt + "`), so what `" + name + "` adds"
              + " would not arrive";
      String byHand = "write the codec of `" + name + "` by hand with @TransferableCodec";
      return new Violation(
          Rule.NOT_TRANSFERABLE,
          name,
          reason,
          "send a copy of its elements in a plain `" + rebuilt + "` (`new " + rebuilt
              + "<>(...)`), or " + byHand,
          "declare the member as `" + as + "` with the same type arguments, or " + byHand);
    } else if (privateOrEnclosing(element) != null) {
      // Annotating it alone, as the fix below says, only moves the error: a codec, generated or
      // imported, lives in the package and cannot name a private type (ferry:transferable-shape).
      String hidden = TypePrinter.name(privateOrEnclosing(element));
      reason =
          "is not @Transferable, so it has no codec, and `" + hidden + "` is private, so no codec"
              + " in the package could name it";
      fix = "make `" + hidden + "` package-private and annotate `" + name + "` with @Transferable";
    } else {
      reason =
          "is not @Transferable, so it has no codec, and only values with a codec can be"
              + " copied to another process";
      fix =
          "annotate `" + name + "` with @Transferable, or, if it is not yours to change, name it"
              + " in @TransferableImport or write its codec by hand with @TransferableCodec";
    }
    return new Violation(Rule.NOT_TRANSFERABLE, name, reason, fix);
  }

  /**
   * {@code element} if it is private, else the innermost private type enclosing it, else null: a
   * type no class of its package outside its top-level class can name.
   */
  private static TypeElement privateOrEnclosing(TypeElement element) {
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return (TypeElement) e;
      }
    }
    return null;
  }

  /**
   * Whether a class without a codec is one of Ferry's runtime's own ({@code ProcessPool}, {@code
   * Child}, {@code Ferry.Task1}, ...), which no annotation or import can make a value: the fix for
   * a user's class, "annotate `ProcessPool` with @Transferable, or ... name it in
   * @TransferableImport", leads only to errors on the runtime's private fields. {@code
   * ChildFailure}, a record of three strings, is a plain value an import can copy.
   */
  private static boolean isFerryRuntime(TypeElement element) {
    String qualified = element.getQualifiedName().toString();
    if (!qualified.startsWith("dev.ferry.") || qualified.equals("dev.ferry.ChildFailure")) {
      return false; // no need to walk out: the common case
    }
    Element e = element;
    while (e != null && !(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    String pkg = e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
    return pkg.equals("dev.ferry") || pkg.startsWith("dev.ferry.internal.");
  }

  /**
   * A value sent on its own whose annotated type's package, which holds its codec, its named
   * module neither opens nor exports to Ferry's runtime: the runtime reads the codec's {@code
   * INSTANCE} by reflection, which the module refuses at run time. A member needs nothing: the
   * codec of the type holding it calls its codec directly, within the module.
   */
  static Violation codecNotOpened(TypeElement element, String module) {
    String name = element.getSimpleName().toString();
    String pkg = ClassName.get(element).packageName();
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "has its codec in package `" + pkg + "` of module `" + module + "`, which neither opens"
            + " nor exports that package to `dev.ferry.runtime`, and the runtime reads the codec"
            + " of a value sent on its own by reflection, which the module refuses",
        "add `opens " + pkg + " to dev.ferry.runtime;` to the module-info.java of `" + module + "`");
  }

  /**
   * A member whose type has a codec only in a package its module opens or exports to Ferry's
   * runtime: the runtime finds it for a value sent on its own, but the codec of the type holding
   * the member calls it directly, which needs the package exported.
   */
  static Violation codecNotExported(TypeElement element, ClassName codec) {
    String name = TypePrinter.name(element);
    return new Violation(
        Rule.NOT_TRANSFERABLE,
        name,
        "has its codec `" + codec.reflectionName() + "` in package `" + codec.packageName()
            + "`, and the module holding it does not export that package: the runtime finds the"
            + " codec for a `" + name + "` sent on its own, but the codec generated for this"
            + " member calls it directly",
        "export the package from the module that holds the codec (`exports "
            + codec.packageName() + ";` in its module-info.java)");
  }

  /**
   * For a JDK collection or map class ({@code ArrayList}, {@code TreeMap}): the most specific
   * interface Ferry writes that it implements, and the class that interface is rebuilt as; null
   * for any other class.
   */
  static ClassName[] collectionInterface(TypeElement element) {
    List<String> supertypes = new ArrayList<>();
    addSupertypes(element.asType(), supertypes);
    for (MapKind kind : new MapKind[] {MapKind.NAVIGABLE_MAP, MapKind.SORTED_MAP, MapKind.MAP}) {
      if (supertypes.contains(kind.interfaceName().canonicalName())) {
        return new ClassName[] {kind.interfaceName(), kind.implementation()};
      }
    }
    CollectionKind[] preferred = {
      CollectionKind.LIST, CollectionKind.NAVIGABLE_SET, CollectionKind.SORTED_SET,
      CollectionKind.SET, CollectionKind.DEQUE, CollectionKind.QUEUE, CollectionKind.COLLECTION
    };
    for (CollectionKind kind : preferred) {
      if (supertypes.contains(kind.interfaceName().canonicalName())) {
        return new ClassName[] {kind.interfaceName(), kind.implementation()};
      }
    }
    return null;
  }

  private static void addSupertypes(TypeMirror type, List<String> names) {
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return;
    }
    String name = element.getQualifiedName().toString();
    if (names.contains(name)) {
      return;
    }
    names.add(name);
    addSupertypes(element.getSuperclass(), names);
    for (TypeMirror implemented : element.getInterfaces()) {
      addSupertypes(implemented, names);
    }
  }
}
