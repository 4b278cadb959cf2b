package dev.ferry.processor.codegen;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * Legal types whose members' declared types Java cannot name inside the codec (type variables,
 * bounded wildcards): their generated codecs must compile without warnings.
 */
class InexactMemberTypesTest {

  /** The codec writes {@code T} through {@code dev.ferry.internal.codec.DynamicCodec}. */
  @Test
  void typeVariableMember_compilesClean() {
    assertCompilesClean(
        source(
            "test.Box",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Box<T>(T value, String label) {}
            """));
  }

  /**
   * The codec reads the member into a {@code List<String>} local; javac rejects {@code
   * List<capture of ? extends String>} there.
   */
  @Test
  void boundedWildcardMember_compilesClean() {
    assertCompilesClean(
        source(
            "test.Bag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Bag(List<? extends String> names) {}
            """));
  }
}
