package dev.ferry.processor.validation;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.ferry.processor.diagnostic.TypePrinter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The top-level types this compilation compiles from source, gathered from every processing
 * round, so that an annotated type from a library whose codec was never generated (its build did
 * not run Ferry's processor) can be told from one whose codec this compilation generates; and the
 * codecs declared in it or brought by jars that do not live beside their types ({@link
 * CodecDeclarations}).
 */
public final class CompiledTypes {
  private final ProcessingEnvironment env;
  private final Elements elements;
  private final Set<String> topLevel = new HashSet<>();
  /** The packages whose package-info.java this compilation compiles, by name. */
  private final Set<String> packageInfos = new HashSet<>();
  private final CodecDeclarations declarations;
  /**
   * Whether a top-level type that is no round's root comes from a source file this compilation
   * compiles anyway: one the compiler found on its source path. False for every type where the
   * compiler cannot say.
   */
  private Predicate<TypeElement> fromSourcePath = type -> false;
  /** Whether the compiler runs processors over such files (ECJ, in a later round); javac does not. */
  private boolean sourcePathProcessed;
  /** Whether a top-level type is a compact source file's class, where its name does not say. */
  private Predicate<TypeElement> implicitClass = type -> false;
  /** Whether the compiler has reported an error in a type's declaration before processing. */
  private Predicate<TypeElement> flaggedDeclaration = type -> false;
  /** Whether it has reported one anywhere in a type's source, its members' signatures too. */
  private Predicate<TypeElement> flaggedSource = type -> false;
  /** Whether a field is declared with an initializer; false where the compiler cannot say. */
  private Predicate<VariableElement> initialized = field -> false;
  /** What a method's body plainly does with fields; null where the compiler cannot say. */
  private Function<ExecutableElement, BodyFacts> bodies = method -> null;
  /** Whether anything but its class's constructors may assign a field (see {@link FieldWrites}). */
  private Predicate<VariableElement> written = field -> true;
  /** Whether a file that does not compile may declare codecs processors cannot see (ECJ). */
  private BooleanSupplier hiddenDeclarations = () -> false;
  /** Whether the compiler is ECJ, which reports a class missing behind a class file; javac not. */
  private final boolean ecj;
  /** See {@link #unresolvedAnnotationStrings}. */
  private final Function<Element, List<String>> unresolvedStrings;
  /** What {@link TypePrinter#readImports} was given, which it holds only weakly. */
  private final BiFunction<TypeElement, String, String> singleTypeImports;
  /** What {@link TypePrinter#readImplicitClasses} was given, which it holds only weakly. */
  private final Predicate<TypeElement> implicitClassLookup;

  public CompiledTypes(ProcessingEnvironment env) {
    this.env = env;
    this.elements = env.getElementUtils();
    this.declarations =
        new CodecDeclarations(
            env.getElementUtils(),
            env.getTypeUtils(),
            env.getFiler(),
            unresolvedAnnotations(env),
            this::hasCompilerErrorInDeclaration,
            this::hasCompilerErrorInSource,
            () -> hiddenDeclarations.getAsBoolean());
    this.ecj = env.getClass().getName().startsWith("org.eclipse.jdt.");
    this.unresolvedStrings = ecj ? null : unresolvedStrings(env);
    // Kept here for the compilation: TypePrinter holds them weakly (see its IMPORTS).
    this.singleTypeImports = singleTypeImports(env, ecj);
    this.implicitClassLookup = type -> implicitClassAround(type) == type;
    TypePrinter.readImports(elements, singleTypeImports);
    TypePrinter.readImplicitClasses(elements, implicitClassLookup);
    forgetWhenCompiled(env);
    if (ecj) {
      recognizeSourcePath(EcjSourceTypes::isFromSource, true);
      implicitClass = EcjSourceTypes::isImplicitClass;
      flaggedDeclaration = EcjSourceTypes::hasErrorInDeclaration;
      flaggedSource = EcjSourceTypes::hasErrorInSource;
      hiddenDeclarations = packageInfoErrors(env);
      initialized = EcjSourceTypes::hasInitializer;
      bodies = EcjMethodBodies::facts;
      written = EcjMethodBodies::writtenOutsideConstructors;
    } else {
      initialized = javacInitializers(env);
      bodies = javacBodies(env);
      written = javacWrites(env);
    }
  }

  /** javac's reading of field initializers, or none where its tree API is missing. */
  private static Predicate<VariableElement> javacInitializers(ProcessingEnvironment env) {
    try {
      Predicate<VariableElement> javac = FieldInitializers.javac(env);
      return javac == null ? field -> false : javac;
    } catch (LinkageError noTreeApi) {
      return field -> false;
    }
  }

  /**
   * Under javac, has the method bodies and field writes of each file noted before javac lowers
   * its classes and forgets their trees ({@link TreeSnapshots}): for a compiler that asks about
   * classes after javac attributed them (the checker, from its {@code ANALYZE} listener), so that
   * a superclass javac wrote out first is read as one it has not reached yet. Nothing elsewhere,
   * or where javac's task cannot be listened to.
   */
  public void keepTreesPastGeneration() {
    if (ecj) {
      return;
    }
    try {
      TreeSnapshots snapshots = TreeSnapshots.javac(env, bodies, written);
      if (snapshots != null) {
        bodies = snapshots::bodyFacts;
        written = snapshots::writtenOutsideConstructors;
      }
    } catch (LinkageError noTreeApi) {
      // the trees are asked while they last, as before
    }
  }

  /** javac's reading of method bodies, or none where its tree API is missing. */
  private static Function<ExecutableElement, BodyFacts> javacBodies(ProcessingEnvironment env) {
    try {
      Function<ExecutableElement, BodyFacts> javac = MethodBodies.javac(env);
      return javac == null ? method -> null : javac;
    } catch (LinkageError noTreeApi) {
      return method -> null;
    }
  }

  /** javac's reading of field writes, or "written" where its tree API is missing. */
  private static Predicate<VariableElement> javacWrites(ProcessingEnvironment env) {
    try {
      Predicate<VariableElement> javac = FieldWrites.javac(env);
      return javac == null ? field -> true : javac;
    } catch (LinkageError noTreeApi) {
      return field -> true;
    }
  }

  /**
   * Whether anything but the constructors of {@code field}'s class may assign it, as its file
   * shows: true for a field from a class file, or where the compiler's internals cannot be read.
   */
  boolean writtenOutsideConstructors(VariableElement field) {
    try {
      return written.test(field);
    } catch (RuntimeException | LinkageError unavailable) {
      return true;
    }
  }

  /**
   * What {@code method}'s body plainly does with its class's fields, read from javac's trees; null
   * for a method from a class file, or where the compiler's internals cannot be read.
   */
  BodyFacts bodyFacts(ExecutableElement method) {
    try {
      return bodies.apply(method);
    } catch (RuntimeException | LinkageError unavailable) {
      return null;
    }
  }

  /**
   * Whether {@code field} is declared with an initializer ({@code final Integer boxed = 3;}), read
   * from the compiler's trees: false for a field from a class file, or where the compiler's
   * internals cannot be read.
   */
  boolean hasInitializer(VariableElement field) {
    try {
      return initialized.test(field);
    } catch (RuntimeException | LinkageError unavailable) {
      return false;
    }
  }

  /**
   * Under javac, has {@link TypePrinter} forget this compilation's lookups when it ends (see {@link
   * TypePrinter#forget}); javac reports the end of a compilation to its task listeners whether it
   * failed or not. No other compiler says when it is done: there they stay until it is collected.
   */
  private void forgetWhenCompiled(ProcessingEnvironment env) {
    whenFinished(
        env,
        event -> {
          if (event.getKind() == TaskEvent.Kind.COMPILATION) {
            TypePrinter.forget(elements);
          }
        });
  }

  /**
   * Has javac tell {@code finished} of each task event it finishes; nothing where there is no javac
   * task to listen to: ECJ, or javac's environment behind a build tool's wrapper, which JavacTask
   * refuses.
   */
  static void whenFinished(ProcessingEnvironment env, Consumer<TaskEvent> finished) {
    try {
      JavacTask.instance(env)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                  finished.accept(event);
                }
              });
    } catch (IllegalArgumentException | LinkageError notJavac) {
      // ECJ, or a wrapped environment: see above
    }
  }

  /**
   * The string literals in {@code element}'s own annotations that the compiler has not resolved and
   * left off the element (javac, during the rounds): what {@code Reporter} reads for a
   * {@code @SuppressWarnings} being written. Empty under ECJ, which keeps them on the element.
   */
  public List<String> unresolvedAnnotationStrings(Element element) {
    return unresolvedStrings == null ? List.of() : unresolvedStrings.apply(element);
  }

  /** javac's reading of unresolved annotations' strings, or null under another compiler. */
  private static Function<Element, List<String>> unresolvedStrings(ProcessingEnvironment env) {
    try {
      return UnresolvedAnnotations.javacStrings(env);
    } catch (LinkageError noTreeApi) {
      return null;
    }
  }

  /** ECJ's answer, or none where its internals cannot be read (see {@link #asked}). */
  private static BooleanSupplier packageInfoErrors(ProcessingEnvironment env) {
    return () -> {
      try {
        return EcjSourceTypes.mayHideCodecDeclarations(env);
      } catch (RuntimeException | LinkageError unreadable) {
        return false;
      }
    };
  }

  /** The compiler's single-type imports of a type's source file, for the names messages print. */
  private static java.util.function.BiFunction<TypeElement, String, String> singleTypeImports(
      ProcessingEnvironment env, boolean ecj) {
    if (ecj) {
      Elements elements = env.getElementUtils();
      return (type, name) -> EcjSourceTypes.singleTypeImport(elements, type, name);
    }
    try {
      return SingleTypeImports.javac(env);
    } catch (LinkageError noTreeApi) {
      return null;
    }
  }

  /**
   * The qualified name of the member type {@code name} of the type {@code holder} names, declared
   * there or inherited, as a single static import {@code import static holder.name;} brings it in;
   * null where {@code holder} has no such member type (the import brings only a field or method).
   */
  static String memberType(Elements elements, String holder, String name) {
    TypeElement type = elements.getTypeElement(holder);
    if (type == null) {
      return null;
    }
    for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
      if (member.getSimpleName().contentEquals(name)) {
        return member.getQualifiedName().toString();
      }
    }
    return null;
  }

  /**
   * Whether a declaration carries an annotation that does not resolve: on the element (ECJ), or
   * in its tree (javac, which leaves such annotations off the element during the rounds).
   */
  private static Predicate<Element> unresolvedAnnotations(ProcessingEnvironment env) {
    Predicate<Element> javac;
    try {
      javac = UnresolvedAnnotations.javac(env);
    } catch (LinkageError noTreeApi) {
      javac = null;
    }
    return javac == null ? ErrorTypes::inAnnotations : javac.or(ErrorTypes::inAnnotations);
  }

  /**
   * How to tell a type compiled from a source file the compiler found itself (on its source path,
   * not among the files it was given), and whether the compiler runs processors over such files:
   * ECJ does (set here), javac never does ({@code -implicit} only says whether it writes their
   * class files), and the checker sets that for javac, which needs its trees.
   */
  public void recognizeSourcePath(Predicate<TypeElement> fromSourcePath, boolean processed) {
    this.fromSourcePath = fromSourcePath;
    this.sourcePathProcessed = processed;
  }

  /** Notes the root elements of a round: its top-level types, and its codec declarations. */
  public void add(Set<? extends Element> roots) {
    for (Element root : roots) {
      if (root instanceof TypeElement type) {
        topLevel.add(type.getQualifiedName().toString());
      } else if (root instanceof PackageElement p) {
        packageInfos.add(p.getQualifiedName().toString());
      }
    }
    declarations.add(roots);
  }

  /**
   * Whether the class of {@code binaryName} ({@code app.Main$Bill}) is compiled here, from a
   * source file of this compilation or one generated in a round: its top-level class is a root.
   */
  public boolean isCompiledHere(String binaryName) {
    int nested = binaryName.indexOf('$', binaryName.lastIndexOf('.') + 1);
    return topLevel.contains(nested < 0 ? binaryName : binaryName.substring(0, nested));
  }

  /**
   * Whether the declarer of an import that {@link CodecDeclaration#declarerName} names is compiled
   * here: its top-level class, or its package-info.java.
   */
  public boolean isDeclarerCompiledHere(String declarerName) {
    if (declarerName.endsWith(CodecDeclaration.PACKAGE_INFO)) {
      return packageInfos.contains(
          declarerName.substring(0, declarerName.length() - CodecDeclaration.PACKAGE_INFO.length()));
    }
    return isCompiledHere(declarerName);
  }

  /** The compiler's lookup of elements by name. */
  public Elements elements() {
    return elements;
  }

  /** The imported and hand-written codecs of this compilation and of jars on its class path. */
  public CodecDeclarations declarations() {
    return declarations;
  }

  /**
   * Whether the compiler says nothing of a class that {@code type}'s members name but the class
   * path lacks. javac reads {@code type} from a class file when it is not compiled here, and then
   * reports a missing class only where source code names it, never where only a class file does (a
   * library's class whose own dependency is not on the class path); ECJ reports it wherever it is
   * reached, and javac reports those of the types it compiles.
   */
  boolean leavesMissingClassesUnreported(TypeElement type) {
    TypeElement outer = outermost(type);
    return !ecj
        && !topLevel.contains(outer.getQualifiedName().toString())
        && !isFromSourcePath(outer);
  }

  /** Why an annotated type has no codec. */
  enum MissingCodec {
    /** It comes from a jar or classes whose build did not run Ferry's processor. */
    OTHER_BUILD,
    /** javac compiles it from a file it found on its source path, which no processor sees. */
    SOURCE_PATH
  }

  /**
   * Why the annotated {@code type} has no codec, or null when it has one or will have one. Types of
   * this compilation are never asked about their codec, which may not exist yet (it is generated
   * in a later round, or not at all when the type has errors of its own, which are reported on
   * it); nor are types from the source path under a compiler that processes them (ECJ).
   */
  MissingCodec missingCodec(TypeElement type) {
    TypeElement outer = outermost(type);
    if (topLevel.contains(outer.getQualifiedName().toString())) {
      return null;
    }
    if (elements.getTypeElement(GeneratedTypeNames.codecName(type).canonicalName()) != null) {
      return null;
    }
    if (!isFromSourcePath(outer)) {
      return MissingCodec.OTHER_BUILD;
    }
    return sourcePathProcessed ? null : MissingCodec.SOURCE_PATH;
  }

  /**
   * Whether the compiler has already reported an error of its own in {@code type}'s declaration
   * (its modifiers, supertypes or {@code permits}), so that Ferry's errors about the type's shape
   * would be follow-ons: the code is mid-edit. Only ECJ runs processors over such a type with its
   * errors known; javac shows no Ferry error beside them.
   */
  boolean hasCompilerErrorInDeclaration(TypeElement type) {
    return asked(flaggedDeclaration, type);
  }

  /**
   * Whether the compiler has already reported an error of its own in {@code type}'s source before
   * processing (a member's type that does not resolve): ECJ leaves a method whose signature does
   * not resolve out of the type's elements, so an accessor or constructor being written cannot be
   * seen there. javac keeps such a method, with an error type.
   */
  boolean hasCompilerErrorInSource(TypeElement type) {
    return asked(flaggedSource, type);
  }

  private boolean isCompilersImplicitClass(TypeElement outer) {
    return asked(implicitClass, outer);
  }

  private boolean isFromSourcePath(TypeElement outer) {
    return asked(fromSourcePath, outer);
  }

  /**
   * A compiler's own answer about {@code type}, read from its internals: false where they cannot be
   * read (another ECJ, a class loader that hides its classes), which leaves the portable answer
   * (a type from a jar, no implicit class, no error known before processing), as before.
   */
  private static boolean asked(Predicate<TypeElement> question, TypeElement type) {
    try {
      return question.test(type);
    } catch (RuntimeException | LinkageError unavailable) {
      return false;
    }
  }

  /**
   * The class of a binary name ({@code l.Outer$Codec}), or null if this compilation cannot see
   * it (or the name has a {@code $} of its own).
   */
  TypeElement typeOfBinaryName(String binaryName) {
    return elements.getTypeElement(binaryName.replace('$', '.'));
  }

  /**
   * Whether this compiler reports a use of {@code element} as deprecated. javac does for the
   * implicit accessor of a {@code @Deprecated} record component; ECJ, which gives that accessor
   * the annotation too, does not.
   */
  /**
   * Whether the compiler reports a raw call of {@code constructor}, the canonical constructor of a
   * generic record with no components, as unchecked: ECJ 3.46 does when it is compact ({@code
   * public Color {}}: "The constructor Color() belongs to the raw type Color"), though nothing
   * changes under erasure; javac does not, nor does ECJ for one written {@code public Color() {}}.
   */
  boolean reportsRawCallUnchecked(ExecutableElement constructor) {
    if (!ecj || constructor == null) {
      return false;
    }
    try {
      return EcjSourceTypes.isCompactConstructor(constructor);
    } catch (RuntimeException | LinkageError unavailable) {
      return false; // ECJ's internals cannot be read (see asked)
    }
  }

  /**
   * Whether the compiler reports a parameterized use of a generic type deprecated {@code
   * forRemoval} as {@code deprecation} rather than {@code removal}: ECJ 3.46 does, javac does not.
   */
  boolean reportsParameterizedRemovalAsDeprecation() {
    return ecj;
  }

  boolean isDeprecated(Element element) {
    return elements.isDeprecated(element);
  }

  /**
   * The implicitly declared class of a compact source file (Java 25: {@code void main()} with no
   * class around it) that declares {@code type}, or null. Such a class cannot be named by other
   * code (javac refuses {@code Main.Job} outside {@code Main.java}), so no generated codec can
   * refer to a type inside it. javax.lang.model has no query for it (its origin is {@code
   * EXPLICIT}); javac's own lookup by name does not find it, which tells it from any other
   * top-level class of the unnamed package.
   */
  TypeElement implicitClassAround(TypeElement type) {
    TypeElement outer = outermost(type);
    boolean unnamedPackage =
        outer.getEnclosingElement() instanceof javax.lang.model.element.PackageElement p
            && p.isUnnamed();
    // Found or not, never compared by identity: ECJ makes a new element at each lookup. ECJ
    // finds it by name, but knows it for what it is.
    return unnamedPackage
            && (elements.getTypeElement(outer.getQualifiedName()) == null
                || isCompilersImplicitClass(outer))
        ? outer
        : null;
  }

  /** The module of Ferry's runtime, which holds {@code dev.ferry.Codec}. */
  private static final String RUNTIME_MODULE = "dev.ferry.runtime";

  /**
   * The named module compiled here that holds {@code origin} (an annotated type, or an import's
   * declarer) but does not read {@code dev.ferry.runtime}, or null. The codec generated there
   * implements {@code dev.ferry.Codec} and calls the runtime's support, which such a module cannot
   * name ("package dev.ferry is not visible", in a file the user never wrote): {@code requires
   * dev.ferry.annotation} alone lets the annotations compile, and nothing more. A module reads
   * another that it requires, or that a module it reads requires transitively.
   */
  String moduleNotReadingRuntime(Element origin) {
    ModuleElement module = elements.getModuleOf(origin);
    if (module == null || module.isUnnamed()) {
      return null; // the class path, whose unnamed module reads every module
    }
    Element outer = origin instanceof TypeElement t ? outermost(t) : origin;
    if (outer instanceof TypeElement t && !topLevel.contains(t.getQualifiedName().toString())) {
      return null; // a library's type, compiled (with its codec) by a build of its own
    }
    return module.getQualifiedName().contentEquals(RUNTIME_MODULE) || reads(module, RUNTIME_MODULE)
        ? null
        : module.getQualifiedName().toString();
  }

  /**
   * The named module holding {@code type} that neither opens nor exports its package to {@code
   * dev.ferry.runtime}, or null. The codec of an annotated type sits in the type's package, and
   * the runtime reads its {@code INSTANCE} by reflection when a value of the type is sent on its
   * own ({@code Codecs.of}), which such a module refuses at run time. An open module, an
   * automatic one (no directives: it opens every package) and the runtime's own are fine.
   */
  String moduleClosedToRuntime(TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    if (module == null
        || module.isUnnamed()
        || module.getQualifiedName().contentEquals(RUNTIME_MODULE)
        || module.getDirectives().isEmpty()) {
      return null;
    }
    return CodecDeclarations.reachesRuntime(module, elements.getPackageOf(type))
        ? null
        : module.getQualifiedName().toString();
  }

  /** Whether the named module holding {@code origin} exports the package {@code pkg}. */
  boolean exportsFromNamedModule(Element origin, String pkg) {
    ModuleElement module = elements.getModuleOf(origin);
    return module != null
        && !module.isUnnamed()
        && ElementFilter.exportsIn(module.getDirectives()).stream()
            .anyMatch(exports -> exports.getPackage().getQualifiedName().contentEquals(pkg));
  }

  /**
   * Whether the named {@code module} reads the module {@code name}: it requires it, or requires a
   * module that requires it transitively, at any depth ({@code requires java.se} reads {@code
   * java.compiler}).
   */
  public static boolean reads(ModuleElement module, String name) {
    return reads(module, name, false, new HashSet<>());
  }

  private static boolean reads(
      ModuleElement module, String name, boolean onlyTransitive, Set<ModuleElement> seen) {
    if (!seen.add(module)) {
      return false;
    }
    for (RequiresDirective requires : ElementFilter.requiresIn(module.getDirectives())) {
      if (onlyTransitive && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (dependency.getQualifiedName().contentEquals(name)
          || reads(dependency, name, true, seen)) {
        return true;
      }
    }
    return false;
  }

  /** The JDK class of that name, or null. */
  TypeElement jdkClass(String canonicalName) {
    return elements.getTypeElement(canonicalName);
  }

  static TypeElement outermost(TypeElement type) {
    TypeElement outer = type;
    while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
      outer = enclosing;
    }
    return outer;
  }
}
