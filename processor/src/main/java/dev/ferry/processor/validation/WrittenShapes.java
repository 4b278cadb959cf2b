package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.hasCodec;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.model.CodecModel;
import dev.ferry.processor.model.Fingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Writes out the shapes of analyses. While types are analyzed, a shape names each annotated type
 * it holds by a {@linkplain #reference reference}; the analysis a caller gets has them written
 * out: each the first time it appears by its own shape, then by its name. With it come what the
 * written-out shape decides besides: the hand-written codecs it names (and the lint categories
 * their deprecation asks the codec to suppress), and the generated codecs of other compilations
 * it holds, with the fingerprints this compilation sees for them.
 */
final class WrittenShapes {
  /** Around the qualified name of an annotated type in a shape while types are analyzed. */
  private static final char REFERENCE_START = '\u0001';

  private static final char REFERENCE_END = '\u0002';

  /** How a shape description names a hand-written codec: {@code codec} and its binary name. */
  private static final Pattern HAND_WRITTEN_CODEC = Pattern.compile("(?<![\\w$.])codec ([\\w$.]+)");

  /** The analyses whose shapes name the types they hold, by the analyzer's key. */
  private final Map<String, Analysis> analyses;
  /** The analyses handed out, their shapes written out, by the key of {@link #analyses}. */
  private final Map<String, Analysis> closedCache = new HashMap<>();
  private final MemberTypes memberTypes;
  private final CompiledTypes compiled;

  /** @param analyses the analyzer's analyses by key, which this reads as they are added */
  WrittenShapes(Map<String, Analysis> analyses, MemberTypes memberTypes, CompiledTypes compiled) {
    this.analyses = analyses;
    this.memberTypes = memberTypes;
    this.compiled = compiled;
  }

  /** How a shape names the annotated type kept under {@code key} while types are analyzed. */
  static String reference(String key) {
    return REFERENCE_START + key + REFERENCE_END;
  }

  /** Forgets the shapes written out; call when the analyzer forgets its analyses. */
  void clear() {
    closedCache.clear();
  }

  /**
   * {@code open} with its shape written out: every annotated type it holds, at any depth, by its
   * shape the first time it appears and by its name after that (the type {@code root} itself
   * only by its name), and the hand-written codecs that shape names. Kept per round.
   */
  Analysis closed(String key, String root, Analysis open) {
    Analysis known = closedCache.get(key);
    if (known != null) {
      return known;
    }
    Set<String> written = new LinkedHashSet<>();
    String description = writtenOut(root, open.model().get().shape(), written);
    List<TypeElement> codecs = handWrittenCodecsIn(description);
    CodecModel model = open.model().get();
    Analysis closed =
        new Analysis(
            open.type(),
            Optional.of(
                model.withShape(
                    description,
                    codecs.stream().map(ClassName::get).toList(),
                    heldCodecsIn(written, root),
                    suppressedWarnings(model.suppressedWarnings(), codecs))),
            open.problems(),
            open.unresolved());
    closedCache.put(key, closed);
    return closed;
  }

  /**
   * The shape {@code open} of the type {@code root} with the annotated types it holds written out,
   * adding to {@code written} the name of each, in order.
   */
  private String writtenOut(String root, String open, Set<String> written) {
    StringBuilder shape = new StringBuilder();
    written.add(root);
    writeOut(open, shape, written);
    return shape.toString();
  }

  /**
   * The generated codecs, not generated in this compilation, of the types named in {@code
   * written} but {@code root}, each with the fingerprint its type has as this compilation sees it
   * (its own shape written out, as its codec's compilation wrote it). A codec generated here is
   * compiled with this one, so it cannot change under it.
   */
  private List<CodecModel.HeldCodec> heldCodecsIn(Set<String> written, String root) {
    List<CodecModel.HeldCodec> held = new ArrayList<>();
    for (String name : written) {
      Analysis analysis = analyses.get(name);
      if (name.equals(root) || analysis == null || analysis.model().isEmpty()) {
        continue;
      }
      CodecModel model = analysis.model().get();
      Optional<ClassName> codec = memberTypes.codecs().codecOf(analysis.type());
      if (model instanceof CodecModel.EnumModel
          || codec.isEmpty()
          || compiled.declarations().isHandWritten(codec.get())
          || isGeneratedHere(analysis.type())) {
        continue; // an enum member is written by name, not by its enum's codec
      }
      String shape = writtenOut(name, model.shape(), new HashSet<>());
      held.add(new CodecModel.HeldCodec(codec.get(), Fingerprint.of(shape)));
    }
    return List.copyOf(held);
  }

  /**
   * Whether the codec of {@code type} is generated in this compilation: beside it, when it is
   * compiled here; for an import, when the class or package-info declaring it is.
   */
  private boolean isGeneratedHere(TypeElement type) {
    if (hasCodec(type)) {
      Element outermost = type;
      while (outermost.getEnclosingElement() instanceof TypeElement outer) {
        outermost = outer;
      }
      return compiled.isCompiledHere(((TypeElement) outermost).getQualifiedName().toString());
    }
    List<CodecDeclaration> declared = compiled.declarations().of(type);
    return !declared.isEmpty() && compiled.isDeclarerCompiledHere(declared.get(0).declarerName());
  }

  /** Appends {@code open} to {@code shape}, writing out the types it names not written yet. */
  private void writeOut(String open, StringBuilder shape, Set<String> written) {
    int from = 0;
    for (int start = open.indexOf(REFERENCE_START);
        start >= 0;
        start = open.indexOf(REFERENCE_START, from)) {
      int end = open.indexOf(REFERENCE_END, start);
      String name = open.substring(start + 1, end);
      shape.append(open, from, start);
      Analysis referenced = analyses.get(name);
      if (written.add(name) && referenced != null && referenced.model().isPresent()) {
        writeOut(referenced.model().get().shape(), shape, written);
      } else {
        shape.append(name);
      }
      from = end + 1;
    }
    shape.append(open, from, open.length());
  }

  /**
   * The hand-written codecs a shape description names ({@code codec l.TemperatureCodec}, see
   * MemberTypes), at any depth, since the shapes of the annotated types it holds are written
   * out in it; each once, in order.
   */
  private List<TypeElement> handWrittenCodecsIn(String shape) {
    Set<TypeElement> codecs = new LinkedHashSet<>();
    Matcher named = HAND_WRITTEN_CODEC.matcher(shape);
    while (named.find()) {
      TypeElement codec = compiled.typeOfBinaryName(named.group(1));
      if (codec != null) {
        codecs.add(codec);
      }
    }
    return List.copyOf(codecs);
  }

  /**
   * The lint categories a codec suppresses: those of its own analysis ({@code warnings}), and
   * {@code deprecation} or {@code removal} where a hand-written codec it calls, at any depth, is
   * deprecated (the class, a class it is nested in, or its {@code INSTANCE}): the generated codec
   * names each one's {@code INSTANCE} to mix in its fingerprint, and calls those of its members.
   */
  private List<String> suppressedWarnings(List<String> warnings, List<TypeElement> codecs) {
    Deprecations deprecations =
        new Deprecations(
            compiled::isDeprecated, compiled.reportsParameterizedRemovalAsDeprecation());
    for (TypeElement codec : codecs) {
      deprecations.useType(codec);
      for (Element member : codec.getEnclosedElements()) {
        if (member.getSimpleName().contentEquals("INSTANCE")
            && (member.getKind() == ElementKind.FIELD
                || member.getKind() == ElementKind.ENUM_CONSTANT)) {
          deprecations.use(member);
        }
      }
    }
    List<String> added = deprecations.warnings();
    if (added.isEmpty() || warnings.containsAll(added)) {
      return warnings;
    }
    List<String> merged = new ArrayList<>();
    for (String category : Deprecations.CATEGORIES) {
      if (warnings.contains(category) || added.contains(category)) {
        merged.add(category);
      }
    }
    for (String warning : warnings) {
      if (!Deprecations.CATEGORIES.contains(warning)) {
        merged.add(warning); // exports, after them as suppressedWarnings() orders it
      }
    }
    return List.copyOf(merged);
  }
}
