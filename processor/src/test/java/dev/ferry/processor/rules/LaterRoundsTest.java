package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.CodecRegistryProcessor;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.LaterRoundDeclarations;
import dev.ferry.processor.testing.Source;
import java.util.ArrayList;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Declarations another processor generates in later rounds (an import, a hand-written codec, a
 * {@code @Transferable} type: {@link LaterRoundDeclarations}) count for types and calls that use
 * them before they exist: a type is not told, nor left without its codec, until the rounds are
 * over. Under ECJ: {@code EcjCallSitesTest}.
 */
class LaterRoundsTest {
  private static final FerryCompiler WITH_GENERATOR =
      FerryCompiler.withProcessors(
          () ->
              List.of(
                  new CodecProcessor(),
                  new CheckerProcessor(),
                  new CodecRegistryProcessor(),
                  new LaterRoundDeclarations()));

  @Test
  void typeUsingClassesDeclaredInLaterRounds_getsItsCodec() {
    Compilation compilation =
        WITH_GENERATOR.expectingClean(
            with(source("app.Main", LaterRoundDeclarations.LEGAL_USE)));

    for (String codec : LaterRoundDeclarations.LEGAL_USE_CODECS) {
      assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, codec).isPresent())
          .isTrue();
    }
  }

  @Test
  void typeWithAMemberNoRoundDeclares_isStillTold() {
    WITH_GENERATOR.expectingMarked(
        with(
            source(
                "app.Main",
                """
                package app;
                import dev.ferry.annotation.Transferable;
                import lib.Money;
                final class Main {
                  @Transferable record Batch(Money money, Late late, Thread worker) {} // ferry:not-transferable @worker
                }
                """)));
  }

  private static Source[] with(Source main) {
    List<Source> sources = new ArrayList<>();
    LaterRoundDeclarations.LIBRARY.forEach((name, text) -> sources.add(Source.of(name, text)));
    sources.add(main);
    return sources.toArray(Source[]::new);
  }
}
