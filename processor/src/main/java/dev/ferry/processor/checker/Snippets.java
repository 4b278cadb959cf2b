package dev.ferry.processor.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;

/**
 * The code at fault as a javac call-site message quotes it, read from the unit's source. ECJ's
 * twin is {@link EcjSnippets}.
 *
 * <p>Apart from {@link TransferScanner} because every part of the javac scan that words a message
 * ({@link CrossingValues}, {@link InstantiatedVariables}, {@link ReferencedValues}, {@link
 * SpawnTargets}, the scanner's own checks) quotes code alike, and it needs nothing but the unit;
 * the scanner also reads the source text it holds to tell a {@code var} from a written type.
 */
final class Snippets {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  /** The unit's source text, read the first time it is needed. */
  private CharSequence source;

  Snippets(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
  }

  /**
   * The code at fault as a message quotes it: as written in the source (javac's printing of a tree
   * is not what was written, {@code (job)->work(job)} for {@code job -> work(job)}, nor what ECJ
   * prints), its first line, shortened; printed where the source cannot be read.
   */
  String of(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    boolean anonymous = tree instanceof NewClassTree creation && creation.getClassBody() != null;
    if (anonymous) {
      end = positions.getStartPosition(unit, ((NewClassTree) tree).getClassBody());
    }
    CharSequence text = source();
    if (start < 0 || end <= start || end > text.length()) {
      return CallSiteMessages.shorten(tree.toString());
    }
    String written = text.subSequence((int) start, (int) end).toString();
    return anonymous
        ? CallSiteMessages.anonymousCreation(written)
        : CallSiteMessages.shorten(written);
  }

  /**
   * The unit's source text, read once, the first time it is asked for (a snippet, or a {@code var}
   * told from a written type); empty where it cannot be read.
   */
  CharSequence source() {
    if (source == null) {
      try {
        source = unit.getSourceFile().getCharContent(true);
      } catch (java.io.IOException | RuntimeException unreadable) {
        source = "";
      }
    }
    return source;
  }
}
