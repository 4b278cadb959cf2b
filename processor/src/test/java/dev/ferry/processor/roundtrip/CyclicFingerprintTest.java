package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints of types that hold each other (a {@code Club} has {@code Player}s, each of which
 * has a {@code Club}) and of types that hold one type in several places: a type's fingerprint must
 * follow from the sources alone, whatever else the compilation holds and in whatever order the
 * processor meets the types, and must change when any type it holds changes.
 */
class CyclicFingerprintTest {

  private static final Source CLUB =
      FerryCompiler.source(
          "cy.Club",
          """
          package cy;
          @dev.ferry.annotation.Transferable
          public record Club(String name, Player captain) {}
          """);

  private static final Source PLAYER =
      FerryCompiler.source(
          "cy.Player",
          """
          package cy;
          import java.util.List;
          @dev.ferry.annotation.Transferable
          public record Player(int number, List<Club> clubs) {}
          """);

  private static final Source CHANGED_CLUB =
      FerryCompiler.source(
          "cy.Club",
          """
          package cy;
          @dev.ferry.annotation.Transferable
          public record Club(String name, Player captain, int founded) {}
          """);

  /**
   * A Player's fingerprint named the Club only when the Club was analyzed first (as the type a
   * Player is read through), and held the Club's shape when the Player was compiled on its own
   * against the Club's classes (an incremental build recompiling Player.java): reader and writer
   * built from the same sources refused each other's bytes as a schema mismatch.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void typesOfACycle_compiledTogetherOrApart_agreeOnTheirFingerprints() throws Exception {
    ClassLoader together = load(FerryCompiler.ferry().compileLibrary(CLUB, PLAYER));
    ClassLoader otherOrder = load(FerryCompiler.ferry().compileLibrary(PLAYER, CLUB));
    Path club = FerryCompiler.ferry().compileLibrary(CLUB, PLAYER);
    ClassLoader apart =
        load(FerryCompiler.ferry().withClasspath(List.of(club)).compileLibrary(PLAYER), club);

    for (String type : List.of("cy.Club", "cy.Player")) {
      long fingerprint = fingerprintOf(type, together);
      assertEquals(fingerprint, fingerprintOf(type, otherOrder), type);
      assertEquals(fingerprint, fingerprintOf(type, apart), type);
    }
    Object player = player(together);
    assertEquals(player.toString(), decode(Codecs.encode(player), "cy.Player", apart).toString());
  }

  /** A Player's bytes hold Clubs: a reader whose Club changed must refuse them. */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void memberChangedInAnotherTypeOfTheCycle_isASchemaMismatch() throws Exception {
    ClassLoader writer = load(FerryCompiler.ferry().compileLibrary(CLUB, PLAYER));
    ClassLoader reader = load(FerryCompiler.ferry().compileLibrary(CHANGED_CLUB, PLAYER));

    byte[] bytes = Codecs.encode(player(writer));

    TransferException e =
        assertThrows(TransferException.class, () -> decode(bytes, "cy.Player", reader));
    assertTrue(e.getMessage().startsWith("schema mismatch for cy.Player"), e.getMessage());
  }

  /**
   * A type holding another twice held its shape twice, so each level doubled the shape of the
   * level below: 27 levels of {@code record L0(L1 a, L1 b)} ran javac out of memory.
   */
  @Test
  void typeHeldInTwoPlaces_isDescribedOnce() {
    StringBuilder levels = new StringBuilder("package cy;\npublic final class Levels {\n");
    for (int i = 0; i < 18; i++) {
      levels.append(
          "  @dev.ferry.annotation.Transferable public record L%d(L%d a, L%d b) {}\n"
              .formatted(i, i + 1, i + 1));
    }
    levels.append("  @dev.ferry.annotation.Transferable public record L18(int x) {}\n}\n");

    Compilation compilation =
        FerryCompiler.assertCompilesClean(FerryCompiler.source("cy.Levels", levels.toString()));

    JavaFileObject codec =
        compilation.generatedSourceFile("cy.Levels_L0_FerryCodec").orElseThrow();
    String shape = shapeIn(codec);
    assertTrue(shape.startsWith("cy.Levels$L0{a:cy.Levels$L1{a:cy.Levels$L2{"), shape);
    assertTrue(shape.endsWith(",b:cy.Levels.L2},b:cy.Levels.L1}"), shape);
    assertTrue(shape.length() < 2_000, "a shape of " + shape.length() + " characters");
  }

  private static String shapeIn(JavaFileObject codec) {
    try {
      String start = "The hash of this shape: {@code ";
      for (String line : codec.getCharContent(true).toString().split("\n")) {
        int at = line.indexOf(start);
        if (at >= 0) {
          return line.substring(at + start.length(), line.length() - 1); // less the closing }
        }
      }
      throw new AssertionError("no shape in " + codec.getName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object player(ClassLoader loader) throws Exception {
    Class<?> club = Class.forName("cy.Club", true, loader);
    Class<?> player = Class.forName("cy.Player", true, loader);
    Object captain = player.getConstructors()[0].newInstance(7, List.of());
    Object squad = club.getConstructors()[0].newInstance("Reds", captain);
    return player.getConstructors()[0].newInstance(9, List.of(squad));
  }

  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only by name here
  private static Object decode(byte[] bytes, String type, ClassLoader loader) throws Exception {
    return Codecs.decode(bytes, Class.forName(type, true, loader));
  }

  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only by name here
  private static long fingerprintOf(String type, ClassLoader loader) throws Exception {
    return Codecs.of(Class.forName(type, true, loader)).fingerprint();
  }

  private static ClassLoader load(Path... classes) throws Exception {
    URL[] urls = new URL[classes.length];
    for (int i = 0; i < classes.length; i++) {
      urls[i] = classes[i].toUri().toURL();
    }
    return new URLClassLoader(urls, CyclicFingerprintTest.class.getClassLoader());
  }
}
