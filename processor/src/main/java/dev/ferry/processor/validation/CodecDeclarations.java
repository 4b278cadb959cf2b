package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The codecs that do not live beside their type under the naming convention: classes imported with
 * {@code @TransferableImport} and hand-written {@code @TransferableCodec} classes, declared in this
 * compilation or brought by a jar.
 *
 * <p>Declarers are remembered by name from every round's root elements and looked up again when
 * asked (elements of an earlier round may be stale). A jar's codecs are found without a classpath
 * scan: the compilation that declared them wrote {@code const/ferry/types/<type>} holding the
 * codec's name, and a lookup asks the class path for that one resource.
 */
public final class CodecDeclarations {
  /**
   * The folder of the per-type resources, each naming the codec of its type. Not under {@code
   * META-INF}: javac's {@code Filer} finds a jar's resource only when every folder on its path is
   * named like an identifier (its archive index skips {@code META-INF}: JavacFileManager's
   * ArchiveContainer), so a codec in a jar was never found, while a class directory worked. A
   * keyword still counts as an identifier there, but is no package name, so no module (automatic,
   * or one without a ModulePackages attribute) takes the folder for a package that two jars split.
   */
  public static final String TYPE_INDEX = "const/ferry/types/";
  // The runtime reads it too (CodecRegistry.TYPE_INDEX), for a type no registry lists: one file per
  // type survives the merge of jars into one that keeps a single META-INF/ferry/codecs.

  static final String CODEC = "dev.ferry.Codec";

  /** The module of Ferry's runtime, which reads codecs' {@code INSTANCE} by reflection. */
  private static final String RUNTIME_MODULE = "dev.ferry.runtime";

  private final Elements elements;
  private final Types types;
  private final Filer filer;
  /**
   * The declarers by name, each with the element its round gave: looked up again by name when
   * asked, and that element kept for when the lookup finds nothing. ECJ rebuilds its lookup
   * environment after a round whose code referred to a type not generated yet, and then no longer
   * finds by name what an earlier round generated (unless its folder is on the source path).
   */
  private final Map<String, TypeElement> importingTypes = new LinkedHashMap<>();
  private final Map<String, PackageElement> importingPackages = new LinkedHashMap<>();
  private final Map<String, TypeElement> handWritten = new LinkedHashMap<>();
  private final Map<String, Optional<ClassName>> onClassPath = new HashMap<>();
  private final Map<String, Optional<ClassName>> onlyForRunTime = new HashMap<>();
  private List<CodecDeclaration> declarations;
  /**
   * The types and packages of this compilation that carried an annotation that did not resolve,
   * by name: looked up again when asked, since a later round may generate the annotation.
   */
  private final Map<String, Element> unresolvedAnnotated = new LinkedHashMap<>();
  private final Predicate<Element> hasUnresolvedAnnotation;
  /** Whether the compiler has reported an error in a type's declaration ({@link CompiledTypes}). */
  private final Predicate<TypeElement> hasCompilerErrorInDeclaration;
  /**
   * Whether the compiler has reported an error anywhere in a type's source before processing: in
   * a member's signature too ({@link CompiledTypes}).
   */
  private final Predicate<TypeElement> hasCompilerErrorInSource;
  /** Whether a file that does not compile may declare codecs processors cannot see (ECJ). */
  private final BooleanSupplier mayHideCodecDeclarations;

  CodecDeclarations(
      Elements elements,
      Types types,
      Filer filer,
      Predicate<Element> hasUnresolvedAnnotation,
      Predicate<TypeElement> hasCompilerErrorInDeclaration,
      Predicate<TypeElement> hasCompilerErrorInSource,
      BooleanSupplier mayHideCodecDeclarations) {
    this.elements = elements;
    this.types = types;
    this.filer = filer;
    this.hasUnresolvedAnnotation = hasUnresolvedAnnotation;
    this.hasCompilerErrorInDeclaration = hasCompilerErrorInDeclaration;
    this.hasCompilerErrorInSource = hasCompilerErrorInSource;
    this.mayHideCodecDeclarations = mayHideCodecDeclarations;
  }

  /**
   * Whether the compiler has reported an error of its own in {@code type}'s declaration: its shape
   * is told once that is fixed, and no codec calls it meanwhile.
   */
  boolean hasCompilerErrorInDeclaration(TypeElement type) {
    return hasCompilerErrorInDeclaration.test(type);
  }

  /** Notes the declarers among a round's root elements and the types nested in them. */
  void add(Set<? extends Element> roots) {
    for (Element root : roots) {
      collect(root);
    }
    declarations = null;
  }

  private void collect(Element element) {
    if (hasUnresolvedAnnotation.test(element)) {
      unresolvedAnnotated.put(element.toString(), element);
    }
    if (element instanceof PackageElement p) {
      if (FerryAnnotations.find(p, FerryAnnotations.TRANSFERABLE_IMPORT).isPresent()) {
        importingPackages.put(p.getQualifiedName().toString(), p);
      }
      return;
    }
    if (!(element instanceof TypeElement type)) {
      return;
    }
    String name = type.getQualifiedName().toString();
    if (FerryAnnotations.find(type, FerryAnnotations.TRANSFERABLE_IMPORT).isPresent()) {
      importingTypes.put(name, type);
    }
    if (FerryAnnotations.find(type, FerryAnnotations.TRANSFERABLE_CODEC).isPresent()) {
      handWritten.put(name, type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(nested);
    }
  }

  /** Forgets looked-up elements; call when elements may have changed (a new round). */
  void clear() {
    declarations = null;
  }

  /** Every codec declared in this compilation, in the order the declarers were seen. */
  public List<CodecDeclaration> all() {
    if (declarations == null) {
      List<CodecDeclaration> found = new ArrayList<>();
      for (Element declarer : declarers()) {
        found.addAll(importsOn(declarer));
      }
      for (TypeElement codec : handWrittenClasses()) {
        handWrittenCodec(codec).ifPresent(found::add);
      }
      declarations = List.copyOf(found);
    }
    return declarations;
  }

  /** The {@code @TransferableCodec} classes of this compilation, valid or not. */
  List<TypeElement> handWrittenClasses() {
    List<TypeElement> classes = new ArrayList<>();
    for (Map.Entry<String, TypeElement> codec : handWritten.entrySet()) {
      classes.add(current(codec));
    }
    return classes;
  }

  /**
   * Whether a {@code @TransferableCodec} class of this compilation names {@code Codec} where it
   * does not resolve (mid-edit, before its import is written): its value type cannot be read, and
   * may be any type this compilation uses.
   */
  private boolean hasCodecOfUnknownType() {
    for (TypeElement codec : handWrittenClasses()) {
      if (codecSupertype(codec.asType()) == null
          && (ErrorTypes.inSupertypes(codec) || hasCompilerErrorInDeclaration(codec))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether code mid-edit may give a type without a codec one once the compiler's errors are
   * fixed, so that saying it has none would be a follow-on error: a {@code @TransferableCodec}
   * class names {@code Codec} where it does not resolve or where the compiler reported an error
   * ({@code Codec<>}; {@link #hasCodecOfUnknownType}), or
   * implements {@code Codec} of a type that does not resolve (its import not written yet, its name
   * half typed), or a type or package of this compilation carries an annotation that does not
   * resolve ({@code @Transferable} before its import is written, or a misspelled one: which types
   * it makes transferable cannot be known; {@link UnresolvedAnnotations}), or a class literal of a
   * {@code @TransferableImport} does not resolve ({@code Money.class} before {@code import
   * lib.Money;} is written in the package-info: which class it imports cannot be known either),
   * or, under ECJ, a package-info.java has an error of the compiler's own (a syntax error, an
   * import of {@code TransferableImport} that does not resolve), or a file that names a Ferry
   * annotation or {@code Codec} does not parse: ECJ still runs processors, and the codecs such a
   * file declares may be lost to them.
   */
  public boolean mayHaveCodecOnceResolved() {
    if (hasUnresolvedAnnotation()
        || hasCodecOfUnknownType()
        || hasUnresolvedImport()
        || mayHideCodecDeclarations.getAsBoolean()) {
      return true;
    }
    for (TypeElement codec : handWrittenClasses()) {
      DeclaredType implemented = codecSupertype(codec.asType());
      if (implemented != null && ErrorTypes.mentions(implemented)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code @TransferableImport} of this compilation has a literal that does not resolve. */
  private boolean hasUnresolvedImport() {
    for (Element declarer : declarers()) {
      Optional<AnnotationMirror> annotation =
          FerryAnnotations.find(declarer, FerryAnnotations.TRANSFERABLE_IMPORT);
      if (annotation.isEmpty()) {
        continue;
      }
      for (AnnotationValue literal : literals(annotation.get())) {
        // javac gives an unresolved literal as an error type or as the string "<error>".
        if (!(literal.getValue() instanceof TypeMirror type) || type.getKind() == TypeKind.ERROR) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a type or package of this compilation still carries an unresolved annotation. */
  private boolean hasUnresolvedAnnotation() {
    unresolvedAnnotated.entrySet().removeIf(annotated -> {
      Element element = annotated.getValue();
      Element current =
          element instanceof PackageElement
              ? elements.getPackageElement(annotated.getKey())
              : elements.getTypeElement(annotated.getKey());
      return !hasUnresolvedAnnotation.test(current != null ? current : element);
    });
    return !unresolvedAnnotated.isEmpty();
  }

  /** The codecs of this compilation for {@code type}: more than one is an error. */
  public List<CodecDeclaration> of(TypeElement type) {
    List<CodecDeclaration> matching = new ArrayList<>();
    for (CodecDeclaration declaration : all()) {
      if (declaration.type().getQualifiedName().contentEquals(type.getQualifiedName())) {
        matching.add(declaration);
      }
    }
    return matching;
  }

  /**
   * The codec of a type that carries no Ferry annotation: declared in this compilation, else
   * listed by a jar on the class path.
   */
  public Optional<ClassName> codecOf(TypeElement type) {
    List<CodecDeclaration> declared = of(type);
    if (!declared.isEmpty()) {
      return Optional.of(declared.get(0).codec());
    }
    return onClassPath(type);
  }

  /**
   * The codec Ferry's runtime finds for a type that carries no Ferry annotation, when a value of
   * it is sent: {@link #codecOf}'s, or one that a module of the module path lists in a package
   * that it opens or exports only to {@code dev.ferry.runtime}. The runtime reads such a codec's
   * {@code INSTANCE} by reflection, which that allows; only a generated codec, which calls it
   * directly, needs the package exported to every module.
   */
  public Optional<ClassName> codecAtRunTime(TypeElement type) {
    Optional<ClassName> codec = codecOf(type);
    if (codec.isPresent()) {
      return codec;
    }
    return onlyForRunTime.computeIfAbsent(
        type.getQualifiedName().toString(),
        name -> Optional.ofNullable(readModuleIndex(name, true)).map(ClassName::get));
  }

  /** Whether the codec {@code codecOf} names was written by hand rather than generated. */
  public boolean isHandWritten(ClassName codec) {
    TypeElement element = elements.getTypeElement(codec.canonicalName());
    return element != null
        && FerryAnnotations.find(element, FerryAnnotations.TRANSFERABLE_CODEC).isPresent();
  }

  /**
   * Whether the hand-written codec {@code codec} of this compilation lacks a method of {@code
   * Codec} (mid-edit, before its {@code fingerprint()} is written), or the compiler has reported an
   * error in its source (under ECJ, a method's type that does not resolve: {@code public Missing
   * read(ByteInput in)}): the compiler reports that, and a generated codec calling the method
   * would fail to compile beside it ("cannot find symbol" in a file the user never wrote, "refers
   * to the missing type"). Types holding its type get no codec until it is complete.
   */
  public boolean isIncomplete(ClassName codec) {
    TypeElement element = elements.getTypeElement(codec.canonicalName());
    TypeElement codecInterface = elements.getTypeElement(CODEC);
    if (element == null
        || codecInterface == null
        || element.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    if (hasCompilerErrorInSource.test(element)) {
      return true;
    }
    List<ExecutableElement> members = ElementFilter.methodsIn(elements.getAllMembers(element));
    DeclaredType implemented = codecSupertype(element.asType());
    for (ExecutableElement required : ElementFilter.methodsIn(codecInterface.getEnclosedElements())) {
      if (required.getModifiers().contains(Modifier.ABSTRACT)
          && members.stream()
              .noneMatch(member -> implementsIt(member, required, element, implemented))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code member} implements {@code required} of {@code Codec}: overrides it, and returns
   * what it must ({@code public Object read(ByteInput in)} in a {@code Codec<Temperature>} is an
   * error of the compiler's, which ECJ reports after processing, and a generated codec reading a
   * {@code Temperature} through it would not compile).
   */
  private boolean implementsIt(
      ExecutableElement member, ExecutableElement required, TypeElement in, DeclaredType codec) {
    if (member.getModifiers().contains(Modifier.ABSTRACT)
        || !member.getSimpleName().contentEquals(required.getSimpleName())
        || !elements.overrides(member, required, in)) {
      return false;
    }
    if (codec == null || !(types.asMemberOf(codec, required) instanceof ExecutableType expected)) {
      return true;
    }
    TypeMirror returned = member.getReturnType();
    return returned.getKind() == TypeKind.VOID
        ? expected.getReturnType().getKind() == TypeKind.VOID
        : types.isAssignable(returned, expected.getReturnType());
  }

  /**
   * The codec a jar on the class path lists for {@code type}, if its class is there too. javac's
   * {@code Filer} opens the first such resource: two jars with a codec each are found at run
   * time, by {@code CodecRegistry}.
   */
  public Optional<ClassName> onClassPath(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return onClassPath.computeIfAbsent(name, this::readIndex);
  }

  /**
   * Where the index naming {@code type}'s codec on the class path ({@link #onClassPath}) lies, as a
   * user would look for it: "in the jar `lib.jar` on the class path", or, for an index an earlier
   * compile left in the directory this one compiles into (an IDE's make, javac on changed files
   * with the old classes on the class path), that directory and the declarer the index names; null
   * where the compiler does not say (ECJ's Filer reads no class path).
   */
  public ClassPathIndex whereOnClassPath(TypeElement type) {
    String path = TYPE_INDEX + type.getQualifiedName();
    try {
      FileObject found = filer.getResource(StandardLocation.CLASS_PATH, "", path);
      String text;
      try (InputStream in = found.openInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      URI output = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path).toUri();
      return ClassPathIndex.of(found.toUri(), path, output, declarerOfIndex(text));
    } catch (IOException | RuntimeException notSaid) {
      // No such resource, a compiler whose Filer does not read the location (ECJ), or a place
      // that is not a file (a module image): the message then says only "on the class path".
      return null;
    }
  }

  private Optional<ClassName> readIndex(String type) {
    String codec = readIndex(StandardLocation.CLASS_PATH, "", type);
    TypeElement element = codec == null || codec.isEmpty() ? null : elements.getTypeElement(codec);
    if (element == null) {
      element = readModuleIndex(type, false);
    }
    return element == null ? Optional.empty() : Optional.of(ClassName.get(element));
  }

  /**
   * The codec an index in a module of the module path names for {@code type}, if that module
   * exports its package to every module: a codec that calls it (a member's type is {@code type})
   * must see it, and one its module does not export would not compile. A module path is not
   * searched as a whole: a module-oriented location is read one module at a time, and any module
   * may hold an import's index, not only the imported class's.
   *
   * @param forRunTime whether a package the module opens or exports to Ferry's runtime only will
   *     do: a codec the runtime looks up, that no generated codec calls
   */
  private TypeElement readModuleIndex(String type, boolean forRunTime) {
    for (ModuleElement module : elements.getAllModuleElements()) {
      String name = module.getQualifiedName().toString();
      if (module.isUnnamed() || name.startsWith("java.") || name.startsWith("jdk.")) {
        continue; // the class path (read above), or the JDK's own
      }
      String codec = readIndex(StandardLocation.MODULE_PATH, name + "/", type);
      TypeElement element =
          codec == null || codec.isEmpty() ? null : elements.getTypeElement(module, codec);
      PackageElement pkg = element == null ? null : elements.getPackageOf(element);
      if (element != null
          && (exportsToAll(module, pkg) || forRunTime && reachesRuntime(module, pkg))) {
        return element;
      }
    }
    return null;
  }

  private static boolean exportsToAll(ModuleElement module, PackageElement pkg) {
    if (module.getDirectives().isEmpty()) {
      return true; // an automatic module, which exports every package
    }
    return ElementFilter.exportsIn(module.getDirectives()).stream()
        .anyMatch(e -> e.getTargetModules() == null && e.getPackage().equals(pkg));
  }

  /**
   * Whether {@code module} lets Ferry's runtime read the {@code INSTANCE} of a codec in {@code
   * pkg} by reflection: it is an open module, or opens or exports the package to every module or
   * to {@code dev.ferry.runtime}.
   */
  static boolean reachesRuntime(ModuleElement module, PackageElement pkg) {
    if (module.isOpen()) {
      return true;
    }
    for (ModuleElement.Directive directive : module.getDirectives()) {
      PackageElement target;
      List<? extends ModuleElement> to;
      if (directive instanceof ModuleElement.ExportsDirective exports) {
        target = exports.getPackage();
        to = exports.getTargetModules();
      } else if (directive instanceof ModuleElement.OpensDirective opens) {
        target = opens.getPackage();
        to = opens.getTargetModules();
      } else {
        continue;
      }
      // By name: ECJ makes a new element at each lookup.
      if (target.getQualifiedName().contentEquals(pkg.getQualifiedName())
          && (to == null
              || to.stream().anyMatch(m -> m.getQualifiedName().contentEquals(RUNTIME_MODULE)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text of the index of a type whose codec is {@code codec}, declared by {@code declarer}
   * ({@link CodecDeclaration#declarerName}): the codec's name, and on a line of its own the
   * declarer of an import, by which a build that compiles its file again without the import
   * drops what it listed ({@code CodecRegistryProcessor}). An empty index names no codec.
   */
  public static String indexText(String codec, String declarer) {
    return codec + "\n" + DECLARED_BY + declarer + "\n";
  }

  private static final String DECLARED_BY = "declared-by ";

  /** The codec an index's text names, or "" for none: its first line. */
  public static String codecOfIndex(String text) {
    String stripped = text.strip();
    int end = stripped.indexOf('\n');
    return (end < 0 ? stripped : stripped.substring(0, end)).strip();
  }

  /** The declarer an index's text names ({@link #indexText}), or null for none. */
  public static String declarerOfIndex(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith(DECLARED_BY)) {
        return line.substring(DECLARED_BY.length()).strip();
      }
    }
    return null;
  }

  /** The codec {@code type}'s index in {@code location} names, or null if it has none. */
  private String readIndex(StandardLocation location, String moduleAndPackage, String type) {
    try {
      FileObject resource = filer.getResource(location, moduleAndPackage, TYPE_INDEX + type);
      try (InputStream in = resource.openInputStream()) {
        return codecOfIndex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException notThere) {
      // No such resource, or a compiler whose Filer does not read the location (ECJ).
      return null;
    } catch (NullPointerException notOnTheModulePath) {
      // javac 17's Filer, asked about a module that is not on the module path (the one being
      // compiled, or one of --upgrade-module-path), has no location for it and fails on null.
      return null;
    }
  }

  /**
   * A literal of an import that names no class: a primitive, an array or {@code void}, whose values
   * Ferry writes itself or which has none; no codec is generated for it.
   */
  record OtherLiteral(
      Element declarer, AnnotationMirror annotation, AnnotationValue literal, TypeMirror type) {}

  /** The literals of this compilation's imports that name no class or interface. */
  List<OtherLiteral> otherLiterals() {
    List<OtherLiteral> found = new ArrayList<>();
    for (Element declarer : declarers()) {
      AnnotationMirror annotation =
          FerryAnnotations.find(declarer, FerryAnnotations.TRANSFERABLE_IMPORT).orElseThrow();
      for (AnnotationValue literal : literals(annotation)) {
        if (literal.getValue() instanceof TypeMirror type && type.getKind() != TypeKind.DECLARED
            && type.getKind() != TypeKind.ERROR) {
          found.add(new OtherLiteral(declarer, annotation, literal, type));
        }
      }
    }
    return found;
  }

  /** The types and packages of this compilation that carry {@code @TransferableImport}. */
  private List<Element> declarers() {
    List<Element> found = new ArrayList<>();
    for (Map.Entry<String, TypeElement> type : importingTypes.entrySet()) {
      found.add(current(type));
    }
    for (Map.Entry<String, PackageElement> p : importingPackages.entrySet()) {
      found.add(currentPackage(p));
    }
    return found;
  }

  /**
   * The package of that name as the compiler has it now, in the module its round gave it, or as
   * its round gave it. In a named module, ECJ's lookup by name alone answers with a package of
   * that name that carries no annotations, and the import's literals were then looked for on it.
   */
  private PackageElement currentPackage(Map.Entry<String, PackageElement> declarer) {
    ModuleElement module = elements.getModuleOf(declarer.getValue());
    PackageElement current =
        module == null || module.isUnnamed()
            ? elements.getPackageElement(declarer.getKey())
            : elements.getPackageElement(module, declarer.getKey());
    return current != null
            && FerryAnnotations.find(current, FerryAnnotations.TRANSFERABLE_IMPORT).isPresent()
        ? current
        : declarer.getValue();
  }

  /** The type of that name as the compiler has it now, or as its round gave it (see above). */
  private TypeElement current(Map.Entry<String, TypeElement> declarer) {
    TypeElement current = elements.getTypeElement(declarer.getKey());
    return current != null ? current : declarer.getValue();
  }

  /**
   * What already takes the name of the codec an import would generate, if anything: the codec of
   * an annotated type of the importer's package ({@code app.Money}'s is {@code
   * app.Money_FerryCodec}, the name an import of {@code lib.Money} in {@code app} gets), or some
   * other class of that name. The Filer refuses to create a second file of one name.
   */
  Optional<String> codecNameTaker(CodecDeclaration declaration) {
    String codec = declaration.codec().canonicalName();
    String annotated = codec.substring(0, codec.length() - "_FerryCodec".length());
    String codecPackage = declaration.codec().packageName();
    String nested =
        codecPackage.isEmpty()
            ? annotated.replace('_', '.')
            : codecPackage + "." + annotated.substring(codecPackage.length() + 1).replace('_', '.');
    for (String name : List.of(annotated, nested)) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null
          && FerryAnnotations.hasCodec(type)
          && !type.getQualifiedName().contentEquals(declaration.type().getQualifiedName())) {
        return Optional.of("the codec of `" + name + "`");
      }
    }
    TypeElement existing = elements.getTypeElement(codec);
    if (existing == null) {
      return Optional.empty();
    }
    Optional<TypeElement> writes = valueTypeOf(existing);
    boolean ours =
        writes.isPresent()
            && writes.get().getQualifiedName().contentEquals(declaration.type().getQualifiedName());
    return ours ? Optional.empty() : Optional.of("a class already");
  }

  /** The class literals of one {@code @TransferableImport}, each with its codec's name. */
  private List<CodecDeclaration> importsOn(Element declarer) {
    AnnotationMirror annotation =
        FerryAnnotations.find(declarer, FerryAnnotations.TRANSFERABLE_IMPORT).orElseThrow();
    String codecPackage = elements.getPackageOf(declarer).getQualifiedName().toString();
    List<CodecDeclaration> imports = new ArrayList<>();
    for (AnnotationValue literal : literals(annotation)) {
      if (literal.getValue() instanceof DeclaredType declared
          && declared.getKind() == TypeKind.DECLARED
          && declared.asElement() instanceof TypeElement type) {
        imports.add(
            new CodecDeclaration(
                type, importCodecName(type, codecPackage), declarer, annotation, literal));
      }
    }
    return imports;
  }

  /**
   * The name of a codec generated in {@code codecPackage}: beside an annotated type, or in the
   * importer's package ({@code Money} imported in {@code com.example.app}: {@code
   * com.example.app.Money_FerryCodec}).
   */
  static ClassName importCodecName(TypeElement type, String codecPackage) {
    ClassName name = ClassName.get(type);
    return ClassName.get(codecPackage, String.join("_", name.simpleNames()) + "_FerryCodec");
  }

  private static List<AnnotationValue> literals(AnnotationMirror annotation) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")) {
        Object value = entry.getValue().getValue();
        if (value instanceof List<?> list) {
          List<AnnotationValue> literals = new ArrayList<>();
          for (Object item : list) {
            if (item instanceof AnnotationValue v) {
              literals.add(v);
            }
          }
          return literals;
        }
        return List.of(entry.getValue()); // a single literal without braces
      }
    }
    return List.of();
  }

  /** The hand-written codec {@code codec}, if it implements {@code Codec<T>} for a class type. */
  private Optional<CodecDeclaration> handWrittenCodec(TypeElement codec) {
    AnnotationMirror annotation =
        FerryAnnotations.find(codec, FerryAnnotations.TRANSFERABLE_CODEC).orElseThrow();
    return valueTypeOf(codec)
        .map(type -> new CodecDeclaration(type, ClassName.get(codec), codec, annotation, null));
  }

  /** {@code T} of the {@code Codec<T>} that {@code codec} implements, when it is a class type. */
  Optional<TypeElement> valueTypeOf(TypeElement codec) {
    DeclaredType implemented = codecSupertype(codec.asType());
    if (implemented == null || implemented.getTypeArguments().size() != 1) {
      return Optional.empty();
    }
    TypeMirror argument = implemented.getTypeArguments().get(0);
    if (argument.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    Element element = ((DeclaredType) argument).asElement();
    return element.getKind() == ElementKind.ANNOTATION_TYPE
        ? Optional.empty()
        : Optional.of((TypeElement) element);
  }

  /** The {@code Codec<...>} among the supertypes of {@code type}, or null. */
  DeclaredType codecSupertype(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement t
          && t.getQualifiedName().contentEquals(CODEC)) {
        return declared;
      }
      DeclaredType deeper = codecSupertype(supertype);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }
}
