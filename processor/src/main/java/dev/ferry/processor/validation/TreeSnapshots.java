package dev.ferry.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * What javac's trees of a file say about its methods' bodies ({@link MethodBodies}) and its
 * fields' writes ({@link FieldWrites}), noted before javac lowers the file's classes and drops
 * their trees.
 *
 * <p>Why: javac attributes, lowers and writes out one top-level class at a time, and once a class
 * is written {@code Trees.getTree} answers null for it and its members. The checker analyzes an
 * annotated class after javac attributes it, so a superclass javac took first (its file first on
 * the command line, or declared first in the same file) had no trees left: its setter's {@code
 * this.id = id + 1;} went untold, and the verdict hung on the order of the files. javac reports
 * {@code ANALYZE} of a top-level class before it lowers that class, and lowers no class of a file
 * before it has analyzed one, so at the first {@code ANALYZE} of each file all its classes are
 * still as written: they are read then. Links against javac's tree API ({@link CompiledTypes}
 * catches its absence; ECJ keeps its AST and needs none of this).
 */
final class TreeSnapshots {
  private final Trees trees;
  private final Function<ExecutableElement, BodyFacts> liveBodies;
  private final Predicate<VariableElement> liveWrites;
  /** The names each type's file assigns outside its constructors: one pass a type. */
  private final Function<TypeElement, Set<String>> writtenNames;
  /** The facts of every method of the files read, null for one without a body. */
  private final Map<ExecutableElement, BodyFacts> bodies = new HashMap<>();
  /** Whether each instance field of the files read is assigned outside its class's constructors. */
  private final Map<VariableElement, Boolean> written = new HashMap<>();
  private final Set<CompilationUnitTree> read = new HashSet<>();

  private TreeSnapshots(
      Trees trees,
      Function<ExecutableElement, BodyFacts> liveBodies,
      Predicate<VariableElement> liveWrites,
      Function<TypeElement, Set<String>> writtenNames) {
    this.trees = trees;
    this.writtenNames = writtenNames;
    this.liveBodies = liveBodies;
    this.liveWrites = liveWrites;
  }

  /**
   * Starts noting each file at its first {@code ANALYZE}; null under another compiler, or where
   * javac's task cannot be listened to (then the trees are asked as before).
   *
   * @throws LinkageError where javac's tree API is missing (an IDE's compiler): catch it
   */
  static TreeSnapshots javac(
      ProcessingEnvironment env,
      Function<ExecutableElement, BodyFacts> liveBodies,
      Predicate<VariableElement> liveWrites) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    Function<TypeElement, Set<String>> writtenNames = FieldWrites.javacNames(env);
    if (writtenNames == null) {
      return null;
    }
    TreeSnapshots snapshots = new TreeSnapshots(trees, liveBodies, liveWrites, writtenNames);
    CompiledTypes.whenFinished(
        env,
        event -> {
          if (event.getKind() == TaskEvent.Kind.ANALYZE
              && event.getCompilationUnit() != null
              && snapshots.read.add(event.getCompilationUnit())) {
            try {
              snapshots.note(event.getCompilationUnit());
            } catch (RuntimeException unexpected) {
              // This runs for every file javac analyzes, Ferry's or not, and an exception thrown
              // from a task listener ends javac's run: a file not noted is read from its trees
              // while they last, as before.
            }
          }
        });
    return snapshots;
  }

  /** {@code method}'s facts as noted, else as its trees say now. */
  BodyFacts bodyFacts(ExecutableElement method) {
    return bodies.containsKey(method) ? bodies.get(method) : liveBodies.apply(method);
  }

  /** Whether {@code field} is assigned outside its class's constructors, as noted or as now. */
  boolean writtenOutsideConstructors(VariableElement field) {
    Boolean noted = written.get(field);
    return noted != null ? noted : liveWrites.test(field);
  }

  /** Reads the classes of {@code unit}, nested member classes too. */
  private void note(CompilationUnitTree unit) {
    for (Tree declaration : unit.getTypeDecls()) {
      if (declaration instanceof ClassTree) {
        Element type = trees.getElement(TreePath.getPath(unit, declaration));
        if (type instanceof TypeElement typeElement) {
          note(typeElement);
        }
      }
    }
  }

  /**
   * Reads {@code type}'s members through their elements: a local or anonymous class is left out,
   * as it has no element before javac attributes its method (and none can be sent by name).
   */
  private void note(TypeElement type) {
    Set<String> assigned = null;
    for (Element member : type.getEnclosedElements()) {
      try {
        if (member instanceof ExecutableElement method) {
          bodies.put(method, liveBodies.apply(method));
        } else if (member instanceof VariableElement field
            && !field.getModifiers().contains(Modifier.STATIC)
            && member.getKind().isField()) {
          if (assigned == null) {
            assigned = writtenNames.apply(type);
          }
          written.put(
              field,
              assigned == null
                  ? liveWrites.test(field)
                  : assigned.contains(field.getSimpleName().toString()));
        } else if (member instanceof TypeElement nested) {
          note(nested);
        }
      } catch (RuntimeException unreadable) {
        // left to be read from its trees while they last, as before
      }
    }
  }
}
