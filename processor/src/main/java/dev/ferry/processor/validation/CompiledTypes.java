package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;

/**
 * The top-level types this compilation compiles from source, gathered from every processing
 * round, so that an annotated type from a library whose codec was never generated (its build did
 * not run Ferry's processor) can be told from one whose codec this compilation generates; and the
 * codecs declared in it or brought by jars that do not live beside their types ({@link
 * CodecDeclarations}).
 */
public final class CompiledTypes {
  private final Elements elements;
  private final Set<String> topLevel = new HashSet<>();
  private final CodecDeclarations declarations;

  public CompiledTypes(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.declarations =
        new CodecDeclarations(env.getElementUtils(), env.getTypeUtils(), env.getFiler());
  }

  /** Notes the root elements of a round: its top-level types, and its codec declarations. */
  public void add(Set<? extends Element> roots) {
    for (Element root : roots) {
      if (root instanceof TypeElement type) {
        topLevel.add(type.getQualifiedName().toString());
      }
    }
    declarations.add(roots);
  }

  /** The imported and hand-written codecs of this compilation and of jars on its class path. */
  public CodecDeclarations declarations() {
    return declarations;
  }

  /**
   * Whether the annotated {@code type} comes from another compilation and its codec is not on
   * the class path. Types of this compilation are never asked about their codec, which may not
   * exist yet (it is generated in a later round, or not at all when the type has errors of its
   * own, which are reported on it).
   */
  boolean codecMissing(TypeElement type) {
    if (topLevel.contains(outermost(type).getQualifiedName().toString())) {
      return false;
    }
    return elements.getTypeElement(MemberTypes.codecName(type).canonicalName()) == null;
  }

  /**
   * The class of a binary name ({@code l.Outer$Codec}) as generated code names it, or null if
   * this compilation cannot see it (or the name has a {@code $} of its own).
   */
  ClassName classOfBinaryName(String binaryName) {
    TypeElement element = elements.getTypeElement(binaryName.replace('$', '.'));
    return element == null ? null : ClassName.get(element);
  }

  /**
   * Whether this compiler reports a use of {@code element} as deprecated. javac does for the
   * implicit accessor of a {@code @Deprecated} record component; ECJ, which gives that accessor
   * the annotation too, does not.
   */
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
    // Found or not, never compared by identity: ECJ makes a new element at each lookup.
    return unnamedPackage && elements.getTypeElement(outer.getQualifiedName()) == null
        ? outer
        : null;
  }

  /** The JDK class of that name, or null. */
  TypeElement jdkClass(String canonicalName) {
    return elements.getTypeElement(canonicalName);
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement outer = type;
    while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
      outer = enclosing;
    }
    return outer;
  }
}
