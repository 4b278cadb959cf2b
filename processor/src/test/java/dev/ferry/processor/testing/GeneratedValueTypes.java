package dev.ferry.processor.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * An abstract value type whose class another processor generates, as Immutables does: {@code
 * app.Foo}, annotated with a stand-in {@code @Value.Immutable}, and {@code app.ImmutableFoo} as
 * Immutables writes it (a private constructor, a factory). Immutables itself cannot be on the
 * project's test path; its real classes were compiled beside Ferry by hand (see
 * docs/other-processors.md).
 */
public final class GeneratedValueTypes {
  private static final List<Source> FOO_AND_ITS_CLASS =
      List.of(
          Source.of(
              "org.immutables.value.Value",
              """
              package org.immutables.value;
              public @interface Value {
                @interface Immutable {}
              }
              """),
          Source.of(
              "app.Foo",
              """
              package app;
              @org.immutables.value.Value.Immutable
              public interface Foo {
                int x();
              }
              """),
          Source.of(
              "app.ImmutableFoo",
              """
              package app;
              public final class ImmutableFoo implements Foo {
                private final int x;
                private ImmutableFoo(int x) { this.x = x; }
                public int x() { return x; }
                public static ImmutableFoo of(int x) { return new ImmutableFoo(x); }
              }
              """));

  /** The fix the diagnostics about {@code Foo} give: its codec, written by hand. */
  public static final Source FOO_CODEC =
      Source.of(
          "app.FooCodec",
          """
          package app;
          import dev.ferry.ByteInput;
          import dev.ferry.ByteOutput;
          import dev.ferry.Codec;
          @dev.ferry.annotation.TransferableCodec
          public final class FooCodec implements Codec<Foo> {
            public static final FooCodec INSTANCE = new FooCodec();
            public void write(ByteOutput out, Foo foo) { out.writeSignedVarInt(foo.x()); }
            public Foo read(ByteInput in) { return ImmutableFoo.of(in.readSignedVarInt()); }
            public long fingerprint() { return 1L; }
          }
          """);

  private GeneratedValueTypes() {}

  /** {@code Foo}, {@code ImmutableFoo} and the stand-in annotation, then {@code more}. */
  public static Source[] with(Source... more) {
    List<Source> sources = new ArrayList<>(FOO_AND_ITS_CLASS);
    sources.addAll(List.of(more));
    return sources.toArray(Source[]::new);
  }
}
