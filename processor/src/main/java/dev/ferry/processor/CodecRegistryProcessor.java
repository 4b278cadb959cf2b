package dev.ferry.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.CodecDeclaration;
import dev.ferry.processor.validation.CodecDeclarations;
import dev.ferry.processor.validation.CompiledTypes;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.GeneratedTypeNames;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the list of every codec this compilation produced, {@code META-INF/ferry/codecs}: one
 * line {@code <value type binary name> <codec binary name>} per {@code @Transferable} type,
 * imported class ({@code @TransferableImport}) and hand-written codec ({@code @TransferableCodec}),
 * read at run time by {@code dev.ferry.internal.codec.CodecRegistry}. For each imported class and
 * hand-written codec it also writes {@code const/ferry/types/<type>}, naming the codec, so that
 * a later compilation with this jar on its class path finds it by the type's name, with no scan.
 *
 * <p>It lists every type of the compilation in one file, so it is Gradle's <em>aggregating</em>
 * kind, apart from the codec generator, which stays isolating. It writes when the rounds are over,
 * and lists a codec only if its class exists then: a type with errors has none.
 */
@AutoService(Processor.class)
public final class CodecRegistryProcessor extends FerryProcessor {
  private static final String REGISTRY = "META-INF/ferry/codecs";
  private CompiledTypes compiled;
  private Reporter reporter;
  /** The {@code @Transferable} types seen in any round, by name. */
  private final Set<String> transferable = new LinkedHashSet<>();
  /**
   * The binary name and codec of each {@code @Transferable} type, taken when it is seen: ECJ gives
   * a type nested in a class whose name has a {@code $} ({@code A$4.In}) the qualified name {@code
   * A.4.In}, by which no type can be found again once processing is over.
   */
  private final Map<String, Listed> listed = new LinkedHashMap<>();

  /** A {@code @Transferable} type's binary name, its codec, and its element for the origins. */
  private record Listed(String binaryName, ClassName codec, TypeElement type) {}

  /**
   * Every annotation, and none: a build that compiles one file again after removing its only
   * {@code @TransferableImport} has no annotation of Ferry's, and javac runs a processor only for
   * the annotations it supports (or {@code "*"}), so the earlier list kept the import's line.
   * Nothing is claimed ({@link #process} returns false).
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  /**
   * Whether this compilation can see Ferry's annotations or runtime ({@link
   * CheckerProcessor#seesFerry}): one that cannot declares no codec, and running for {@code "*"}
   * must not cost it a walk of its types.
   */
  private boolean active;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    active = CheckerProcessor.seesFerry(processingEnv.getElementUtils());
    compiled = new CompiledTypes(processingEnv);
    reporter = new Reporter(processingEnv.getMessager(), compiled::unresolvedAnnotationStrings);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!active) {
      return false;
    }
    compiled.add(round.getRootElements());
    for (TypeElement type : DeferredTypes.annotatedIn(annotations, round)) {
      if (FerryAnnotations.isTransferable(type)) {
        transferable.add(type.getQualifiedName().toString());
        if (!FerryAnnotations.isInheritOnly(type)) {
          String binaryName = binaryName(type);
          listed.put(binaryName, new Listed(binaryName, GeneratedTypeNames.codecName(type), type));
        }
      }
    }
    if (round.processingOver()) {
      try {
        write();
      } catch (Throwable failure) {
        Element at = firstElement();
        if (at != null) {
          reporter.reportInternal(at, failure);
        }
      }
    }
    return false;
  }

  private void write() throws IOException {
    TreeMap<String, String> lines = new TreeMap<>();
    List<Element> origins = new ArrayList<>();
    for (Listed type : listed.values()) {
      TypeElement codec = existing(type.codec());
      if (codec != null) {
        lines.put(type.binaryName(), binaryName(codec));
        origins.add(type.type());
      }
    }
    TreeMap<String, String> index = new TreeMap<>();
    for (CodecDeclaration declaration : compiled.declarations().all()) {
      TypeElement codec = existing(declaration.codec());
      if (codec != null
          && !lines.containsKey(binaryName(declaration.type()))
          && !isDeclaredElsewhere(declaration)) {
        lines.put(binaryName(declaration.type()), binaryName(codec));
        index.put(
            declaration.type().getQualifiedName().toString(),
            CodecDeclarations.indexText(
                codec.getQualifiedName().toString(), declaration.declarerName()));
        origins.add(declaration.declarer());
      }
    }
    Set<String> undeclared = new TreeSet<>();
    boolean hadEarlierList = keepEarlierLines(lines, undeclared);
    if (lines.isEmpty() && !hadEarlierList) {
      return;
    }
    Element[] originating = origins.toArray(new Element[0]);
    StringBuilder registry = new StringBuilder();
    lines.forEach((type, codec) -> registry.append(type).append(' ').append(codec).append('\n'));
    try {
      writeResource(REGISTRY, registry.toString(), originating);
    } catch (IllegalArgumentException noClassOutput) {
      // A compilation that writes no class files (ECJ's -d none, to check sources only) has no
      // class output to put the list in, and nothing that would run and read it.
      return;
    }
    for (var entry : index.entrySet()) {
      writeResource(CodecDeclarations.TYPE_INDEX + entry.getKey(), entry.getValue(), originating);
    }
    undeclared.removeAll(index.keySet());
    for (String type : undeclared) {
      // An empty index names no codec: a later compilation against these classes finds none.
      writeResource(CodecDeclarations.TYPE_INDEX + type, "", originating);
    }
  }

  /**
   * Adds to {@code lines} those of the list an earlier build left in the class output whose types
   * were not compiled again. A build that compiles only the files that changed (maven-compiler-
   * plugin with {@code useIncrementalCompilation} off, an IDE's make) keeps the other files'
   * classes and codecs from before; writing this compilation's types alone would drop theirs from
   * the list, and with them every imported class's and hand-written codec's, which are found by
   * the list only. A line is kept only when neither its type nor its codec is compiled here (a
   * recompiled file says afresh what it declares) and both still resolve; a clean build has no
   * earlier list. An import's line is dropped too when the type or package-info that declared it
   * (its index names it) is compiled here and no longer does: its class is added to {@code
   * undeclared}, whose indexes are then emptied, so that no later compilation against these
   * classes takes the stale codec that the earlier build left beside them for one.
   *
   * @return whether there was an earlier list, which must then be written over even if empty
   */
  private boolean keepEarlierLines(Map<String, String> lines, Set<String> undeclared) {
    String earlier = readClassOutput(REGISTRY);
    if (earlier == null) {
      return false; // none there, or a compiler that cannot read its class output: this list alone
    }
    for (String line : earlier.split("\n")) {
      String[] names = line.trim().split(" ");
      if (names.length != 2
          || lines.containsKey(names[0])
          || compiled.isCompiledHere(names[0])
          || compiled.isCompiledHere(names[1])
          || !resolves(names[0])
          || !resolves(names[1])) {
        continue;
      }
      String type = qualifiedName(names[0]);
      String index = readClassOutput(CodecDeclarations.TYPE_INDEX + type);
      String declarer = index == null ? null : CodecDeclarations.declarerOfIndex(index);
      if (declarer != null && compiled.isDeclarerCompiledHere(declarer)) {
        undeclared.add(type);
        continue;
      }
      lines.put(names[0], names[1]);
    }
    return true;
  }

  /**
   * Whether the index an earlier build left in the class output names another codec of {@code
   * declaration}'s type, still there, from a declarer not compiled here: an import or hand-written
   * codec in a file this build did not compile again. That is two codecs of one type, which the
   * checker reports after the rounds, reading the index on the class path; a build that compiles
   * into the classes on its class path (maven-compiler-plugin, an IDE's make) would find there this
   * build's own index instead, naming this declaration's codec, and compile clean. So neither
   * that index nor the earlier list's line is written over.
   */
  private boolean isDeclaredElsewhere(CodecDeclaration declaration) {
    String earlier =
        readClassOutput(
            CodecDeclarations.TYPE_INDEX + declaration.type().getQualifiedName());
    if (earlier == null) {
      return false;
    }
    String codec = CodecDeclarations.codecOfIndex(earlier);
    String declarer = CodecDeclarations.declarerOfIndex(earlier);
    return !codec.isEmpty()
        && !codec.equals(declaration.codec().canonicalName())
        && processingEnv.getElementUtils().getTypeElement(codec) != null
        && declarer != null
        && !compiled.isDeclarerCompiledHere(declarer);
  }

  /** The text of a resource an earlier build left in the class output, or null. */
  private String readClassOutput(String path) {
    try {
      return processingEnv
          .getFiler()
          .getResource(StandardLocation.CLASS_OUTPUT, "", path)
          .getCharContent(true)
          .toString();
    } catch (IOException | RuntimeException none) {
      return null;
    }
  }

  /** Whether the class of a binary name can be found, as a class file or a source. */
  private boolean resolves(String binaryName) {
    return processingEnv.getElementUtils().getTypeElement(binaryName.replace('$', '.')) != null;
  }

  private String qualifiedName(String binaryName) {
    return processingEnv
        .getElementUtils()
        .getTypeElement(binaryName.replace('$', '.'))
        .getQualifiedName()
        .toString();
  }

  private TypeElement existing(ClassName codec) {
    return processingEnv.getElementUtils().getTypeElement(codec.canonicalName());
  }

  private String binaryName(TypeElement type) {
    return processingEnv.getElementUtils().getBinaryName(type).toString();
  }

  private void writeResource(String path, String text, Element[] originating) throws IOException {
    Filer filer = processingEnv.getFiler();
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, originating);
    try (Writer writer =
        new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      writer.write(text);
    }
  }

  /** An element to report an internal failure on: the first annotated type. */
  private Element firstElement() {
    Set<String> names = new TreeSet<>(transferable);
    for (String name : names) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        return type;
      }
    }
    List<CodecDeclaration> declarations = compiled.declarations().all();
    return declarations.isEmpty() ? null : declarations.get(0).declarer();
  }
}
