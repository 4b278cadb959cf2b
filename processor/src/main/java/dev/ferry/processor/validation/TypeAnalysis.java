package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.INHERIT_ONLY;
import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;
import static dev.ferry.processor.validation.FerryAnnotations.isTransferable;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.CodecModel;
import dev.ferry.processor.model.CodecModel.Access;
import dev.ferry.processor.model.CodecModel.Construction;
import dev.ferry.processor.model.CodecModel.Member;
import dev.ferry.processor.model.CodecModel.Thrown;
import dev.ferry.processor.model.Fingerprint;
import dev.ferry.processor.model.TypeShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * One type's analysis, used once: the checks of its declaration (annotations, name, access, module,
 * codec name), then its model by kind (an enum's constants, a record's components, a class's
 * fields with the accessors, setters and constructor its codec calls, a sealed type's subtypes),
 * each member's type resolved against the type table, and every problem found on the way, on the
 * finest element. A type that cannot have a codec (a local class) still has its members checked,
 * so that the user sees every problem in one compilation.
 */
final class TypeAnalysis {
  private final TypeAnalyzer analyzer;
  private final Types types;
  private final CompiledTypes compiled;
  private final MemberTypes memberTypes;
  /** Whether the analysis builds a {@link CodecModel}; the checker needs only the problems. */
  private final boolean models;
  private final TypeElement type;
  private final String name;
  private final List<Problem> problems = new ArrayList<>();
  /** The type's fields by name, read the first time a component asks for its field. */
  private Map<String, VariableElement> fieldsByName;
  private boolean unresolved;
  private final boolean inheritOnly;
  /** The import being analyzed, or null for an annotated type. */
  private final CodecDeclaration imported;
  /** The compact source file's class that declares the type, or null (the usual case). */
  private TypeElement implicitClass;
  private final ClassName codec;
  private final String codecPackage;
  /** The deprecated elements the codec names, noted as the model is built. */
  private final Deprecations deprecations;
  /** What of the type the codec can reach, and how it reads and stores each member. */
  private final CodecAccess access;
  /** The fields a class inherits that its codec copies, and why not where it cannot. */
  private final InheritedFields inheritedFields;
  /** Each member's type in the codec, or why it cannot be sent. */
  private final MemberShapes memberShapes;
  /** The constructor a class's codec rebuilds a value with. */
  private final Constructions constructions;

  /** @param analyzer the analyzer this analysis reads its types, table and held shapes from */
  TypeAnalysis(TypeAnalyzer analyzer, TypeElement type) {
    this(analyzer, type, null, false);
  }

  TypeAnalysis(TypeAnalyzer analyzer, TypeElement type, CodecDeclaration imported) {
    this(analyzer, type, imported, false);
  }

  /** @param trial whether this analysis only tries whether an import would work */
  TypeAnalysis(TypeAnalyzer analyzer, TypeElement type, CodecDeclaration imported, boolean trial) {
    this.analyzer = analyzer;
    this.types = analyzer.types();
    this.compiled = analyzer.compiled();
    this.memberTypes = analyzer.memberTypes();
    this.models = analyzer.models();
    this.deprecations =
        new Deprecations(
            compiled::isDeprecated, compiled.reportsParameterizedRemovalAsDeprecation());
    this.type = type;
    this.name = type.getSimpleName().toString();
    this.imported = imported;
    this.inheritOnly = imported == null && isInheritOnly(type);
    // A local class has no canonical name, hence no codec name; it gets no codec either. Without
    // models, only an import's codec (whose package decides what it can reach) is needed.
    this.codec =
        imported != null
            ? imported.codec()
            : models && NameableTypes.isNameable(type) ? GeneratedTypeNames.codecName(type) : null;
    // The codec of an annotated type lives in its package, models or not (what it can reach);
    // so would an inner or local class's, which is told it can have none: its members are
    // judged from there, not from a package "" that made a package-private enum beside it
    // "another package".
    this.codecPackage =
        codec != null ? codec.packageName() : imported == null ? packageOf(type) : "";
    this.access = new CodecAccess(types, compiled, type, imported, codecPackage, deprecations);
    this.inheritedFields =
        new InheritedFields(
            compiled, access, type, imported, inheritOnly, codecPackage, problems);
    this.memberShapes =
        new MemberShapes(
            analyzer, access, type, imported, trial, inheritOnly, codecPackage, deprecations,
            problems);
    this.constructions =
        new Constructions(types, compiled, access, type, deprecations, problems);
  }

  private static String packageOf(Element element) {
    Element e = element;
    while (!(e instanceof javax.lang.model.element.PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
  }

  private Element origin() {
    return imported == null ? type : imported.declarer();
  }

  Analysis run() {
    implicitClass = imported == null ? compiled.implicitClassAround(type) : null;
    checkAnnotations();
    checkNameable();
    checkAccessible();
    checkModuleReadsRuntime();
    checkCodecNameFree();
    // A local class has no canonical name to generate a codec beside; its members are still
    // checked, so that the user sees every problem in one compilation.
    CodecModel model =
        NameableTypes.isNameable(type) && implicitClass == null ? buildModel() : checkMembersOnly();
    if (imported == null && compiled.hasCompilerErrorInDeclaration(type)) {
      // Mid-edit, under ECJ (`permits` without `sealed`): the compiler's error on the
      // declaration is the one to fix; Ferry's about the type's own shape would restate it.
      // Its members' problems stand, and it gets no codec until the declaration compiles: they
      // keep it from one; marked unresolved, they were never told (`record R(Thread t, @Missing
      // int x)`: javac, which marks no declaration so, told `R.t`).
      problems.removeIf(p -> p.element() == type && p.rule() == Rule.TRANSFERABLE_SHAPE);
      unresolved |= problems.isEmpty();
    }
    collapseUnfitJdkImport();
    unresolved |= inheritedFields.unresolved() || memberShapes.unresolved();
    return new Analysis(type, Optional.ofNullable(model), List.copyOf(problems), unresolved);
  }

  /**
   * One error, not one per field and per way a field fails, for an imported JDK class whose
   * state a generated codec cannot copy ({@code java.util.Random}: three private fields, no
   * accessors, an {@code AtomicLong}): the fix is the same hand-written codec for all of them,
   * and a per-member fix such as "import `AtomicLong` too" would point at a class that is no
   * more data than the first.
   */
  private void collapseUnfitJdkImport() {
    if (imported == null
        || problems.size() < 2
        || !isJdkClass()) {
      return;
    }
    List<String> fields =
        ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
            .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
            .map(f -> f.getSimpleName().toString())
            .sorted() // ECJ lists a class file's fields in another order than javac
            .toList();
    problems.clear();
    problems.add(
        Problem.on(type, Rule.TRANSFERABLE_SHAPE, CodecMessages.importJdkUnfit(name, fields)));
  }

  private void checkAnnotations() {
    if (isTransferable(type) && isInheritOnly(type)) {
      AnnotationMirror second = FerryAnnotations.find(type, INHERIT_ONLY).orElseThrow();
      problems.add(
          Problem.onAnnotation(
              type, second, Rule.TRANSFERABLE_SHAPE, Messages.bothAnnotations(name)));
    }
  }

  private String notSealed(boolean isInterface) {
    if (imported != null) {
      return ValueGenerators.of(type)
          .map(
              generator ->
                  CodecMessages.importGeneratedSubclass(
                      name, generator.annotation(), generator.processor()))
          .orElseGet(() -> CodecMessages.importNotSealed(name, isInterface));
    }
    return ValueGenerators.of(type)
        .map(
            generator ->
                Messages.generatedSubclass(
                    name, generator.annotation(), generator.processor(), annotationName()))
        .orElseGet(() -> Messages.notSealed(name, isInterface, annotationName()));
  }

  private String importNoConstructor(String signature) {
    return ValueGenerators.implementedBy(type)
        .map(
            implementation ->
                CodecMessages.importGeneratedImplementation(
                    name,
                    TypePrinter.name(implementation.valueType()),
                    implementation.generator().annotation(),
                    implementation.generator().processor(),
                    signature))
        .orElseGet(() -> CodecMessages.importNoConstructor(name, signature, isJdkClass()));
  }

  /** Whether the type is a class of the JDK, never the user's own to annotate. */
  private boolean isJdkClass() {
    return PlatformFields.isInJdkModule(compiled.elements(), type);
  }

  private String annotationName() {
    return inheritOnly && !isTransferable(type) ? "InheritOnly" : "Transferable";
  }

  /**
   * The lint categories the codec suppresses: the deprecated elements it names ({@link
   * Deprecations}), and {@code exports} where its package is exported from a named module.
   * javac's {@code -Xlint:exports} then warns of every type in the public codec's signature from
   * a module the exporting one does not require transitively ({@code Codec}, {@code ByteInput},
   * an imported class of another module), in a file the user never wrote, while the user's own
   * package-private importer draws none.
   */
  private List<String> suppressedWarnings() {
    List<String> warnings = new ArrayList<>(deprecations.warnings());
    if (compiled.exportsFromNamedModule(origin(), codecPackage)) {
      warnings.add("exports");
    }
    return List.copyOf(warnings);
  }

  private void checkModuleReadsRuntime() {
    String module = compiled.moduleNotReadingRuntime(origin());
    if (module != null && NameableTypes.isNameable(type)) {
      ClassName named = codec != null ? codec : GeneratedTypeNames.codecName(type);
      problems.add(
          Problem.on(
              type,
              Rule.TRANSFERABLE_SHAPE,
              CodecMessages.moduleDoesNotReadRuntime(
                  name, named.simpleName(), codecPackage, module, imported != null)));
    }
  }

  /** The codec's name must not be a class of the user's: the compiler would not write it. */
  private void checkCodecNameFree() {
    if (imported != null || implicitClass != null || !NameableTypes.isNameable(type)) {
      return; // an import's codec name is checked with its declaration
    }
    ClassName named = codec != null ? codec : GeneratedTypeNames.codecName(type);
    TakenCodecNames.problem(compiled, type, named)
        .ifPresent(text -> problems.add(Problem.on(type, Rule.TRANSFERABLE_SHAPE, text)));
  }

  private void checkNameable() {
    if (!NameableTypes.isNameable(type)) {
      String scope = NameableTypes.describeScope(type);
      problems.add(
          Problem.on(
              type,
              Rule.LOCAL_CLASS,
              imported != null
                  ? CodecMessages.importNotNameable(
                      name,
                      scope,
                      imported.declarer().getSimpleName().toString(),
                      NameableTypes.hasCanonicalName(type))
                  : Messages.localDeclaration(name, annotationName(), scope)));
    } else if (implicitClass != null) {
      problems.add(
          Problem.on(
              type,
              Rule.LOCAL_CLASS,
              Messages.implicitClassDeclaration(
                  name, annotationName(), implicitClass.getSimpleName().toString())));
    }
  }

  private void checkAccessible() {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (imported != null && !access.accessible(t)) {
        problems.add(
            Problem.on(
                type,
                Rule.TRANSFERABLE_SHAPE,
                CodecMessages.importInaccessible(
                    t.getSimpleName().toString(), codecPackage, isJdkClass())));
        return;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(
            Problem.on(
                type,
                Rule.TRANSFERABLE_SHAPE,
                Messages.privateType(t.getSimpleName().toString())));
        return;
      }
    }
  }

  /** The type's model, or null where it has problems or no model is wanted. */
  private CodecModel buildModel() {
    ClassName className = models ? ClassName.get(type) : null;
    TypeName valueType = models ? valueType(className) : null;
    if (type.getTypeParameters().isEmpty() || !type.getModifiers().contains(Modifier.SEALED)) {
      // A generic sealed type's codec names it only as Shape<?>; a record's builds it raw.
      deprecations.useType(type);
    }
    if (!type.getTypeParameters().isEmpty()) {
      deprecations.useParameterized(type); // the codec's signature: Codec<Pair<?, ?>>
    }
    type.getTypeParameters().forEach(parameter -> deprecations.use(parameter.asType()));
    switch (type.getKind()) {
      case ENUM:
        return enumModel(className, valueType, codec);
      case RECORD:
        return recordModel(className, valueType, codec);
      case CLASS:
        if (isSealed()) {
          if (!type.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add(
                Problem.on(type, Rule.TRANSFERABLE_SHAPE, Messages.concreteSealed(name)));
            return null;
          }
          return sealedModel(className, valueType, codec);
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
          problems.add(
              Problem.on(type, Rule.TRANSFERABLE_SHAPE, notSealed(false)));
          return null;
        }
        return classModel(className, valueType, codec);
      case INTERFACE:
        if (isSealed()) {
          return sealedModel(className, valueType, codec);
        }
        problems.add(Problem.on(type, Rule.TRANSFERABLE_SHAPE, notSealed(true)));
        return null;
      default:
        problems.add(
            Problem.on(
                type,
                Rule.TRANSFERABLE_SHAPE,
                imported == null
                    ? Messages.notAValueKind(name, "an annotation")
                    : CodecMessages.importNotAValueKind(name, "an annotation")));
        return null;
    }
  }

  private CodecModel checkMembersOnly() {
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : recordComponents()) {
        String member = component.getSimpleName().toString();
        memberShapes.memberShape(member, component.asType(), fieldNamed(member).<Element>map(f -> f).orElse(component));
      }
    } else if (type.getKind() == ElementKind.CLASS) {
      for (VariableElement field : TypeAnalyzer.copiedFields(type)) {
        memberShapes.memberShape(field.getSimpleName().toString(), field.asType(), field);
      }
    }
    return null;
  }

  private boolean isSealed() {
    return type.getModifiers().contains(Modifier.SEALED);
  }

  private TypeName valueType(ClassName className) {
    int parameters = type.getTypeParameters().size();
    if (parameters == 0) {
      return className;
    }
    TypeName[] wildcards = new TypeName[parameters];
    java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(className, wildcards);
  }

  private CodecModel enumModel(ClassName className, TypeName valueType, ClassName codec) {
    if (!models) {
      return null; // an enum has no problems to find here
    }
    List<String> constants = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.ENUM_CONSTANT) {
        constants.add(e.getSimpleName().toString());
      }
    }
    String shape = "enum " + className.reflectionName() + constants;
    return new CodecModel.EnumModel(
        className, valueType, codec, shape, Fingerprint.of(shape), origin(), inheritOnly,
        constants, suppressedWarnings());
  }

  private CodecModel recordModel(ClassName className, TypeName valueType, ClassName codec) {
    List<Member> members = new ArrayList<>();
    for (RecordComponentElement component : recordComponents()) {
      String member = component.getSimpleName().toString();
      // On JDK 17 a record component has no source position; its private field does.
      Element position = fieldNamed(member).<Element>map(f -> f).orElse(component);
      TypeShape shape = memberShapes.memberShape(member, component.asType(), position);
      deprecations.use(component.getAccessor());
      members.add(
          new Member(
              member, shape, Access.method(member, Thrown.UNCHECKED), null,
              isInexact(component.asType())));
    }
    List<String> arguments = members.stream().map(Member::name).collect(Collectors.toList());
    ExecutableElement canonical = canonicalConstructor();
    deprecations.use(canonical);
    problems.addAll(recordRoutes(canonical, arguments));
    boolean rawCallUnchecked =
        members.isEmpty()
            && !type.getTypeParameters().isEmpty()
            && compiled.reportsRawCallUnchecked(canonical);
    // A record's canonical constructor may not declare exceptions (JLS 8.10.4), nor its
    // accessors (8.10.3).
    return valueModel(
        className,
        valueType,
        codec,
        members,
        new Construction.ConstructorCall(arguments, Thrown.UNCHECKED, rawCallUnchecked));
  }

  /**
   * The problems of a record whose accessors or canonical constructor, as the trees show them,
   * do not hand each component back as it was read, judged as a class's getters and constructor
   * are ({@link FieldRoutes}): the codec reads each component through its accessor and passes it
   * to the canonical constructor, so {@code public int count() { return count + 1; }}, an
   * accessor returning another component, or an explicit canonical constructor storing {@code
   * this.x = y;} changed or swapped the values at every crossing. A compact (or implicit)
   * canonical constructor assigns no field itself: the compiler stores each parameter in its
   * component's field, so only the accessors are judged then, as are they beside an explicit
   * one that stores no parameter plainly (only {@code this.items = List.copyOf(items);}).
   */
  private List<Problem> recordRoutes(ExecutableElement canonical, List<String> arguments) {
    List<VariableElement> fields = new ArrayList<>();
    Map<String, ExecutableElement> accessors = new HashMap<>();
    for (RecordComponentElement component : recordComponents()) {
      String member = component.getSimpleName().toString();
      Optional<VariableElement> field = fieldNamed(member);
      if (field.isEmpty() || component.getAccessor() == null) {
        return List.of(); // a record javac could not enter fully: nothing to judge
      }
      fields.add(field.get());
      accessors.put(member, component.getAccessor());
    }
    FieldRoutes routes = new FieldRoutes(compiled, type, fields, accessors);
    BodyFacts facts = canonical == null ? null : compiled.bodyFacts(canonical);
    // Only an explicit canonical constructor stores parameters in fields: a compact one may not
    // (JLS 8.10.4.2), and under ECJ its parameters are not in the tree yet, so its `first =
    // first.trim();` reads as a field assigned, not a parameter stored.
    boolean storesParameters =
        facts != null && (!facts.stores().isEmpty() || !facts.changes().isEmpty());
    return storesParameters
        ? routes.ofConstructor(canonical, arguments)
        : routes.ofStoredAsRead(canonical, arguments);
  }

  /** The record's canonical constructor, whose parameters are its components' types in order. */
  private ExecutableElement canonicalConstructor() {
    List<RecordComponentElement> components = recordComponents();
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(type.getEnclosedElements());
    for (ExecutableElement constructor : constructors) {
      List<? extends VariableElement> parameters = constructor.getParameters();
      if (parameters.size() != components.size()) {
        continue;
      }
      boolean canonical = true;
      for (int i = 0; i < parameters.size() && canonical; i++) {
        canonical =
            types.isSameType(
                types.erasure(parameters.get(i).asType()),
                types.erasure(components.get(i).asType()));
      }
      if (canonical) {
        return constructor;
      }
    }
    return null;
  }

  private List<RecordComponentElement> recordComponents() {
    return ElementFilter.recordComponentsIn(type.getEnclosedElements());
  }

  private Optional<VariableElement> fieldNamed(String member) {
    if (fieldsByName == null) {
      // Once per type: asked for each record component, a search per component is quadratic.
      fieldsByName = new HashMap<>();
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        fieldsByName.putIfAbsent(field.getSimpleName().toString(), field);
      }
    }
    return Optional.ofNullable(fieldsByName.get(member));
  }

  private CodecModel classModel(ClassName className, TypeName valueType, ClassName codec) {
    List<VariableElement> inherited = inheritedFields.fields();
    List<VariableElement> fields = new ArrayList<>();
    if (inherited != null) {
      fields.addAll(inherited);
    }
    fields.addAll(TypeAnalyzer.copiedFields(type));
    List<Member> members = new ArrayList<>();
    Map<VariableElement, Problem> unreadable = new HashMap<>();
    List<VariableElement> setByInitializer = new ArrayList<>();
    for (VariableElement field : fields) {
      String member = field.getSimpleName().toString();
      if (isSetByInitializer(field)) {
        setByInitializer.add(field);
      }
      TypeMirror fieldType = access.memberType(field);
      TypeShape shape = memberShapes.memberShape(member, fieldType, positionOf(field));
      Access read = access.readAccess(field);
      if (read == null && hasUnresolvedSignature()) {
        unresolved = true; // mid-edit: the accessor may be the method whose types do not resolve
      } else if (read == null) {
        Problem problem =
            Problem.on(positionOf(field), Rule.TRANSFERABLE_SHAPE, unreadable(field, member));
        problems.add(problem);
        unreadable.put(field, problem);
      }
      members.add(new Member(member, shape, read, access.writeAccess(field), isInexact(fieldType)));
    }
    Construction construction = constructions.construction(fields, members);
    if (construction == null && !setByInitializer.isEmpty() && !hasUnresolvedSignature()) {
      // No constructor takes a final field its initializer sets (a constructor that does, as
      // Order(List<Item> items) { this.items.addAll(items); } for a final list, is trusted like
      // any other); asking for a constructor that assigns it would ask for code that cannot
      // compile, so what the field needs is told instead.
      for (VariableElement field : setByInitializer) {
        problems.add(
            Problem.on(
                positionOf(field),
                Rule.TRANSFERABLE_SHAPE,
                Messages.finalFieldWithInitializer(
                    name,
                    field.getSimpleName().toString(),
                    access.isInherited(field)
                        ? field.getEnclosingElement().getSimpleName().toString()
                        : null)));
      }
      return null;
    }
    if (construction == null && hasUnresolvedSignature()) {
      // Mid-edit: the constructor or setters may be those whose types do not resolve; the
      // compiler reports them, and the codec's way to rebuild the class is told once they do.
      unresolved = true;
      return null;
    }
    if (construction == null && inherited == null) {
      // The inherited fields were told (a JDK superclass, a handle, a name declared twice): a
      // constructor that takes them too (Circle(String label, double r)) matches none of the
      // fields copied, a follow-on, told once. javac prints one error per position and hid it;
      // ECJ printed both on the class.
      return null;
    }
    if (construction == null && access.hasNoArgConstructor()) {
      // It could be built field by field, but some fields cannot be stored: name those.
      for (int i = 0; i < fields.size(); i++) {
        if (members.get(i).assign() == null) {
          VariableElement field = fields.get(i);
          String member = field.getSimpleName().toString();
          if (unreadable.containsKey(field)) {
            // One error per field: javac prints one per position and dropped the second, which
            // ECJ printed. A private field with neither accessor nor setter is told both at once.
            if (imported == null && isPlainUnreadable(field, member)) {
              problems.set(
                  problems.indexOf(unreadable.get(field)),
                  Problem.on(
                      positionOf(field),
                      Rule.TRANSFERABLE_SHAPE,
                      Messages.unreadableAndUnstorableMember(name, member)));
            }
            continue;
          }
          problems.add(
              Problem.on(
                  positionOf(field),
                  Rule.TRANSFERABLE_SHAPE,
                  imported == null
                      ? Messages.unstorableMember(
                          name, member, field.getModifiers().contains(Modifier.FINAL))
                      : CodecMessages.importUnstorable(name, member, isJdkClass())));
        }
      }
      return null;
    }
    if (construction == null) {
      String signature =
          fields.stream()
              .map(f -> TypePrinter.print(access.memberType(f)) + " " + f.getSimpleName())
              .collect(Collectors.joining(", "));
      problems.add(
          Problem.on(
              type,
              Rule.TRANSFERABLE_SHAPE,
              imported == null
                  ? noConstructor(fields, signature)
                  : constructions.hasUnnamedConstructorFor(fields)
                      ? CodecMessages.importUnnamedParameters(name, signature)
                      : importNoConstructor(signature)));
      return null;
    }
    if (construction instanceof Construction.ConstructorCall) {
      members.replaceAll(m -> new Member(m.name(), m.shape(), m.read(), null, m.inexact()));
    } else {
      access.setters().values().forEach(deprecations::use);
    }
    return valueModel(className, valueType, codec, members, construction);
  }

  /**
   * Whether a field, constructor or method of the class names a type that does not resolve
   * (mid-edit: {@code javautil.List} for {@code java.util.List}). The codec's accessor,
   * constructor or setter may then be among them, and saying the class has none would be a
   * follow-on of the compiler's error. (ECJ leaves such a method out of the class's elements:
   * its error in the class's source says so.)
   */
  private boolean hasUnresolvedSignature() {
    if (compiled.hasCompilerErrorInSource(type)) {
      return true;
    }
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof ExecutableElement method
          && (ErrorTypes.mentions(method.getReturnType())
              || method.getParameters().stream().anyMatch(p -> ErrorTypes.mentions(p.asType())))) {
        return true;
      }
      if (member instanceof VariableElement field && ErrorTypes.mentions(field.asType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code field} is final and set by an initializer that is not a constant ({@code final
   * Integer boxed = 3;}, {@code final long at = System.nanoTime();}): no constructor may assign
   * it again, so unless one takes it and fills it in (a final list's {@code addAll}), a receiver
   * would hold its own initializer's value, never the one sent. (A constant, {@code final int x =
   * 3;}, is not copied at all: every instance holds it.)
   */
  private boolean isSetByInitializer(VariableElement field) {
    return field.getModifiers().contains(Modifier.FINAL) && compiled.hasInitializer(field);
  }

  /** Where a field's problem is told: on it, or on the class for an inherited one. */
  private Element positionOf(VariableElement field) {
    return access.isInherited(field) ? type : field;
  }

  /**
   * Why no constructor of the type takes its {@code fields} ({@code signature}): in Lombok's
   * words where it names the parameters without a field's prefix, else in the usual ones.
   */
  private String noConstructor(List<VariableElement> fields, String signature) {
    for (VariableElement field : fields) {
      LombokPrefix lombok = LombokPrefix.of(field);
      if (lombok != null) {
        return Messages.lombokPrefixedConstructor(
            name, lombok.prefix(), field.getSimpleName().toString(), lombok.stripped(),
            signature);
      }
    }
    return Messages.noConstructor(name, signature, annotationName().equals("InheritOnly"));
  }

  /** Whether {@code field} has no accessor at all, of another type or inherited. */
  private boolean isPlainUnreadable(VariableElement field, String member) {
    return access.accessorOfAnotherType(field, member) == null
        && (access.isInherited(field) || access.inheritedAccessor(type.asType(), member) == null);
  }

  /** Why the codec cannot read {@code field}: no accessor, or one of another type. */
  private String unreadable(VariableElement field, String member) {
    ExecutableElement other = access.accessorOfAnotherType(field, member);
    if (other != null && access.isInherited(field)) {
      return Messages.inheritedAccessorOfAnotherType(
          name,
          member,
          field.getEnclosingElement().getSimpleName().toString(),
          other.getSimpleName().toString(),
          TypePrinter.print(access.returnType(other)),
          TypePrinter.print(access.memberType(field)));
    }
    if (other != null) {
      return Messages.accessorOfAnotherType(
          name,
          member,
          other.getSimpleName().toString(),
          TypePrinter.print(access.returnType(other)),
          TypePrinter.print(access.memberType(field)));
    }
    if (access.isInherited(field)) {
      return Messages.unreadableInheritedMember(
          name, member, field.getEnclosingElement().getSimpleName().toString(), codecPackage);
    }
    if (imported == null) {
      ExecutableElement inherited = access.inheritedAccessor(type.asType(), member);
      if (inherited != null) {
        return Messages.inheritedAccessor(
            name,
            member,
            inherited.getSimpleName().toString(),
            inherited.getEnclosingElement().getSimpleName().toString());
      }
    }
    LombokPrefix lombok = imported == null ? LombokPrefix.of(field) : null;
    if (lombok != null) {
      boolean bool = access.memberType(field).getKind() == TypeKind.BOOLEAN;
      String getter = (bool ? "is" : "get") + Messages.capitalize(lombok.stripped());
      return Messages.lombokPrefixedMember(
          name, member, lombok.prefix(), getter, lombok.stripped());
    }
    if (imported == null) {
      return Messages.unreadableMember(name, member);
    }
    // A JDK class is never the user's own to annotate (AtomicLong: one private field).
    return isJdkClass()
        ? CodecMessages.importJdkUnreadable(name, member)
        : CodecMessages.importUnreadable(name, member, codecPackage);
  }

  private CodecModel sealedModel(ClassName className, TypeName valueType, ClassName codec) {
    List<CodecModel.Subtype> subtypes = new ArrayList<>();
    StringBuilder shape = new StringBuilder("sealed ");
    if (models) {
      shape.append(className.reflectionName());
    }
    // One problem per kind, naming every such subtype: each sits on this type, and javac prints
    // only the first of several errors at one position.
    List<String> unannotated = new ArrayList<>();
    List<String> nonSealed = new ArrayList<>();
    List<String> inheritOnlySubtypes = new ArrayList<>();
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      if (permitted.getKind() == TypeKind.ERROR) {
        unresolved = true;
        continue;
      }
      TypeElement subtype = (TypeElement) types.asElement(permitted);
      String subtypeName = subtype.getSimpleName().toString();
      if (compiled.hasCompilerErrorInDeclaration(subtype)
          || !types.isSubtype(types.erasure(subtype.asType()), types.erasure(type.asType()))) {
        // Mid-edit (`record Failed<U>(...) implements Result<T>`, `T` renamed; its file not
        // parsing under ECJ): the compiler does not see the subtype as one of this type's and
        // reports so, and a codec casting to it would not compile beside that error.
        unresolved = true;
        continue;
      }
      if (!memberTypes.codecs().hasCodecFor(subtype)
          && compiled.declarations().mayHaveCodecOnceResolved()) {
        // Mid-edit (the subtype's @Transferable not imported yet, or misspelled): a follow-on.
        unresolved = true;
        continue;
      }
      if (!memberTypes.codecs().hasCodecFor(subtype)) {
        // An imported type's subtype is told to be imported too, as any other.
        boolean open =
            imported == null && subtype.getModifiers().contains(Modifier.NON_SEALED);
        (open ? nonSealed : unannotated).add(subtypeName);
        continue;
      }
      if (isInheritOnly(subtype) && !inheritOnly) {
        inheritOnlySubtypes.add(subtypeName);
        continue;
      }
      if (!models) {
        continue;
      }
      ClassName raw = ClassName.get(subtype);
      int parameters = subtype.getTypeParameters().size();
      TypeName subtypeValue = raw;
      if (parameters > 0) {
        TypeName[] wildcards = new TypeName[parameters];
        java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
        subtypeValue = ParameterizedTypeName.get(raw, wildcards);
      }
      subtypes.add(
          new CodecModel.Subtype(
              subtypeValue, raw, memberTypes.codecs().codecOf(subtype).get()));
      deprecations.useType(subtype);
      if (parameters > 0) {
        deprecations.useParameterized(subtype); // the codec names it Sub<?> too
      }
      shape.append('|').append(subtypes.size() - 1).append(':').append(analyzer.shapeOf(subtype));
    }
    if (!unannotated.isEmpty() || !nonSealed.isEmpty()) {
      problems.add(
          Problem.on(
              type,
              Rule.NOT_TRANSFERABLE,
              imported == null
                  ? Messages.unannotatedSubtype(name, unannotated, nonSealed, annotationName())
                  : CodecMessages.importUnannotatedSubtype(name, unannotated)));
    }
    if (!inheritOnlySubtypes.isEmpty()) {
      problems.add(
          Problem.on(
              type, Rule.INHERIT_ONLY_SENT, Messages.inheritOnlySubtype(name, inheritOnlySubtypes)));
    }
    if (!models) {
      return null;
    }
    String description = shape.toString();
    return new CodecModel.SealedModel(
        className,
        valueType,
        codec,
        description,
        Fingerprint.of(description),
        origin(),
        inheritOnly,
        subtypes,
        suppressedWarnings(),
        List.of(), // known once the shape is written out
        List.of());
  }

  private CodecModel valueModel(
      ClassName className,
      TypeName valueType,
      ClassName codec,
      List<Member> members,
      Construction construction) {
    if (!models) {
      return null;
    }
    String shape =
        className.reflectionName()
            + members.stream()
                .map(m -> m.name() + ":" + (m.shape() == null ? "?" : m.shape().describe()))
                .collect(Collectors.joining(",", "{", "}"));
    return new CodecModel.ValueModel(
        className,
        valueType,
        codec,
        shape,
        Fingerprint.of(shape),
        origin(),
        inheritOnly,
        members,
        construction,
        type.getKind() == ElementKind.CLASS && !type.getModifiers().contains(Modifier.FINAL),
        suppressedWarnings(),
        List.of(), // known once the shape is written out
        List.of());
  }

  /** Whether a type mentions a wildcard or type variable anywhere. */
  private static boolean isInexact(TypeMirror type) {
    switch (type.getKind()) {
      case WILDCARD:
      case TYPEVAR:
        return true;
      case ARRAY:
        return isInexact(((javax.lang.model.type.ArrayType) type).getComponentType());
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream().anyMatch(TypeAnalysis::isInexact);
      default:
        return false;
    }
  }
}
