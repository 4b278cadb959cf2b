package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry:transferable-shape}: an annotated type whose own shape leaves no way to write or
 * rebuild its values.
 */
public class TransferableShapeTest {

  @Test
  void bothAnnotations_isReportedOnTheInheritOnlyAnnotation() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Ports",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                import dev.ferry.annotation.Transferable;
                @Transferable @InheritOnly // ferry:transferable-shape @@InheritOnly
                record Ports(int id) {}
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.bothAnnotations("Ports")));
  }

  @Test
  void bothAnnotations_twin_inheritOnlyCompilesClean() {
    assertCompilesClean(
        source(
            "test.Ports",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            record Ports(int id) {}
            """));
  }

  @Test
  void nonSealedAbstractClass_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Animal",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                abstract class Animal {} // ferry:transferable-shape @class
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.notSealed("Animal", false, "Transferable")));
  }

  @Test
  void nonSealedAbstractClass_twin_sealedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Animal",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            abstract sealed class Animal permits Dog {}
            @Transferable
            final class Dog extends Animal {
              String name;
              Dog() {}
            }
            """));
  }

  @Test
  void interfaceNotSealed_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                interface Shape {} // ferry:transferable-shape @interface
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.notSealed("Shape", true, "Transferable")));
  }

  private static final String AUTO_VALUE =
      """
      package com.google.auto.value;
      public @interface AutoValue {}
      """;

  @Test
  void autoValueClass_isReportedWithAHandWrittenCodecAsTheFix() {
    Compilation compilation =
        assertDiagnostics(
            source("com.google.auto.value.AutoValue", AUTO_VALUE),
            source(
                "test.Money",
                """
                package test;
                import com.google.auto.value.AutoValue;
                import dev.ferry.annotation.Transferable;
                @Transferable
                @AutoValue
                public abstract class Money { // ferry:transferable-shape @class
                  public abstract long cents();
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.generatedSubclass("Money", "@AutoValue", "AutoValue", "Transferable")));
  }

  @Test
  void immutablesInterface_isReportedWithAHandWrittenCodecAsTheFix() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "org.immutables.value.Value",
                """
                package org.immutables.value;
                public @interface Value {
                  @interface Immutable {}
                }
                """),
            source(
                "test.Money",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import org.immutables.value.Value;
                @Transferable
                @Value.Immutable
                public interface Money { // ferry:transferable-shape @interface
                  long cents();
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.generatedSubclass(
                    "Money", "@Value.Immutable", "Immutables", "Transferable")));
  }

  @Test
  void autoValueClass_twin_handWrittenCodecCompilesClean() {
    assertCompilesClean(
        source("com.google.auto.value.AutoValue", AUTO_VALUE),
        source(
            "test.Money",
            """
            package test;
            import com.google.auto.value.AutoValue;
            @AutoValue
            public abstract class Money {
              public abstract long cents();
              public static Money of(long cents) { return new Generated(cents); }
              // Stands in for AutoValue_Money.
              static final class Generated extends Money {
                private final long cents;
                Generated(long cents) { this.cents = cents; }
                @Override public long cents() { return cents; }
              }
            }
            """),
        source(
            "test.MoneyCodec",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            @dev.ferry.annotation.TransferableCodec
            public final class MoneyCodec implements Codec<Money> {
              public static final MoneyCodec INSTANCE = new MoneyCodec();
              public void write(ByteOutput out, Money m) { out.writeSignedVarLong(m.cents()); }
              public Money read(ByteInput in) { return Money.of(in.readSignedVarLong()); }
              public long fingerprint() { return 1L; }
            }
            """),
        source(
            "test.Line",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Line(String item, Money price) {}
            """));
  }

  @Test
  void nonSealedSubInterface_isReported() {
    assertDiagnostics(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Open {}
            @Transferable
            non-sealed interface Open extends Shape {} // ferry:transferable-shape @interface
            """));
  }

  @Test
  void interfaceNotSealed_twin_sealedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle {}
            @Transferable
            record Circle(double radius) implements Shape {}
            """));
  }

  /** An @InheritOnly one is rebuilt by the child it is handed to at spawn: said so, not "reads its bytes". */
  @Test
  void inheritOnlyInterfaceNotSealed_isReportedInTheWordsOfASpawn() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Handles",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                @InheritOnly
                interface Handles {} // ferry:transferable-shape @interface
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.notSealed("Handles", true, "InheritOnly")));
    assertThat(compilation).hadErrorContaining("so the child it is handed to at spawn cannot know");
    assertThat(compilation).hadErrorContaining("every permitted subtype with @InheritOnly");
  }

  @Test
  void inheritOnlyInterfaceNotSealed_twin_sealedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Handles",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            sealed interface Handles permits Ports {}
            @InheritOnly
            record Ports(Channel<String> jobs) implements Handles {}
            """));
  }

  @Test
  void noUsableConstructor_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Point",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Point { // ferry:transferable-shape @class
                  final int x;
                  final int y;
                  Point(String text) {
                    x = 0;
                    y = 0;
                  }
                  private Point(int x, int y) {
                    this.x = x;
                    this.y = y;
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.noConstructor("Point", "int x, int y", false)));
  }
  /**
   * An {@code @InheritOnly} class is not told to remove {@code @Transferable}, which it does not
   * carry, nor to write a codec by hand, which could not carry its handles.
   */
  @Test
  void noUsableConstructorOfAnInheritOnlyClass_isToldToAddOne() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Lanes",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.annotation.InheritOnly;
                @InheritOnly
                final class Lanes { // ferry:transferable-shape @class
                  final Channel<String> names;
                  Lanes(Channel<String> other) {
                    names = other;
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.noConstructor("Lanes", "Channel<String> names", true)));
    assertThat(compilation.errors().get(0).getMessage(null)).doesNotContain("@Transferable");
  }

  @Test
  void noUsableConstructorOfAnInheritOnlyClass_twin_compilesClean() {
    assertCompilesClean(
        source(
            "test.Lanes",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            final class Lanes {
              final Channel<String> names;
              Lanes(Channel<String> names) {
                this.names = names;
              }
            }
            """));
  }


  @Test
  void noUsableConstructor_twin_fieldConstructorCompilesClean() {
    assertCompilesClean(
        source(
            "test.Point",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Point {
              final int x;
              final int y;
              Point(int y, int x) {
                this.x = x;
                this.y = y;
              }
            }
            """));
  }

  /**
   * A class with no fields to copy and only a private constructor was told to "add a non-private
   * constructor taking its fields by name and type ()": a constructor without parameters is all
   * it needs, and the message now says so.
   */
  @Test
  void classWithoutFieldsOrAConstructorToCall_isToldToAddOneWithoutParameters() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Token",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Token { // ferry:transferable-shape @class
                  private transient int hash;
                  private Token(int hash) { this.hash = hash; }
                }
                """));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .isEqualTo(Rule.TRANSFERABLE_SHAPE.format(Messages.noConstructor("Token", "", false)));
    assertThat(message).contains("add a non-private constructor without parameters");
    assertThat(message).doesNotContain("()");
  }

  @Test
  void classWithoutFieldsOrAConstructorToCall_twin_aConstructorWithoutParametersCompilesClean() {
    assertCompilesClean(
        source(
            "test.Token",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Token {
              private transient int hash;
              Token() {}
            }
            """));
  }

  /**
   * A final instance field whose value is a constant ({@code final int version = 3;}) holds the
   * same value in every instance, and no constructor may assign it. It was asked for as a field
   * like any other: {@code Document} "has no constructor ... Fix: add a non-private constructor
   * taking its fields by name and type (int version, String title)", a constructor that does not
   * compile ("cannot assign a value to final variable version"). Such a field is not copied now, as
   * a static one is not. One whose initializer is not a constant ({@code final Integer revision =
   * 3}, boxed) was asked for in the same words, a constructor that cannot compile either: it is
   * told on the field, that it keeps its initializer's value ({@link #BOX}'s tests).
   */
  @Test
  void finalFieldInitializedWithoutAConstant_isReportedOnTheField() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Document",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Document {
                  final int version = 3;
                  final Integer revision = 3; // ferry:transferable-shape @revision
                  final String title;
                  Document(String title) {
                    this.title = title;
                  }
                }
                """));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.finalFieldWithInitializer("Document", "revision", null)));
  }

  @Test
  void finalFieldInitializedWithAConstant_twin_isNotCopiedAndCompilesClean() {
    assertCompilesClean(
        source(
            "test.Document",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Document {
              final int version = 3;
              final String kind = "doc";
              final String title;
              Document(String title) {
                this.title = title;
              }
            }
            """),
        source(
            "test.Draft",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Draft {
              final int version = 3;
              String title;
              Draft() {}
            }
            """));
  }

  @Test
  void privateFieldWithoutAccessor_isReportedOnTheField() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Account",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Account {
                  private final String owner; // ferry:transferable-shape @owner
                  private final long balance;
                  Account(String owner, long balance) {
                    this.owner = owner;
                    this.balance = balance;
                  }
                  public long getBalance() {
                    return balance;
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.unreadableMember("Account", "owner")));
  }

  /**
   * A getter the class inherits from an interface's default method cannot read its private field
   * and is not called; the message asked for a method `getLabel()`, which the class seemed to have.
   */
  @Test
  void privateFieldWithOnlyAnInheritedAccessor_isToldTheInheritedOneCannotReadIt() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Tag",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                interface Labelled {
                  default String getLabel() {
                    return "none";
                  }
                }
                @Transferable
                final class Tag implements Labelled {
                  private final String label; // ferry:transferable-shape @label
                  Tag(String label) {
                    this.label = label;
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.inheritedAccessor("Tag", "label", "getLabel", "Labelled")));
  }

  @Test
  void privateFieldWithOnlyAnInheritedAccessor_twin_overriddenCompilesClean() {
    assertCompilesClean(
        source(
            "test.Tag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            interface Labelled {
              default String getLabel() {
                return "none";
              }
            }
            @Transferable
            final class Tag implements Labelled {
              private final String label;
              Tag(String label) {
                this.label = label;
              }
              @Override
              public String getLabel() {
                return label;
              }
            }
            """));
  }

  /**
   * JavaBeans names for a field whose second letter is upper case: `aB` pairs with `getaB()` and
   * `setaB(...)` (`Introspector.decapitalize` reads `getAB` as the property `AB`), as IDEs generate
   * them. They were not found, and the field was told "add a method `aB()` or `getAB()`". Shared
   * with EcjDeclarationRulesTest: {@code %s} is the getter and setter of `aB`, or its setter only.
   */
  public static final String BEAN_NAMES =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public final class Pair {
        private int aB;
        private String xURL;
        private long count;
        public Pair() {}
      %s
        public String getxURL() { return xURL; }
        public void setxURL(String v) { xURL = v; }
        public long getCount() { return count; }
        public void setCount(long v) { count = v; }
      }
      """;

  @Test
  void privateFieldOfASecondCapitalWithoutAccessor_isToldItsJavaBeansGetter() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Pair",
                BEAN_NAMES
                    .formatted("  public void setaB(int v) { aB = v; }")
                    .replace("private int aB;", "private int aB; // ferry:transferable-shape @aB")));
    String message = compilation.errors().get(0).getMessage(null);
    assertThat(message)
        .isEqualTo(Rule.TRANSFERABLE_SHAPE.format(Messages.unreadableMember("Pair", "aB")));
    assertThat(message).contains("add a method `aB()` or `getaB()`");
  }

  @Test
  void privateFieldOfASecondCapital_twin_javaBeansAndCapitalizedAccessorsCompileClean() {
    assertCompilesClean(
        source(
            "test.Pair",
            BEAN_NAMES.formatted(
                "  public int getaB() { return aB; }\n  public void setaB(int v) { aB = v; }")),
        source(
            "test.Lombok",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public final class Lombok {
              private int aB;
              public Lombok() {}
              public int getAB() { return aB; }
              public void setAB(int v) { aB = v; }
            }
            """));
  }

  /**
   * A private field with neither an accessor nor a setter, in a class the codec builds with its
   * no-argument constructor: ECJ printed two errors on it and javac, which prints one per
   * position, only the first. Shared with EcjDeclarationRulesTest: {@code %s} is the field's
   * trailing comment (a marker) or its accessor and setter.
   */
  public static final String NO_ACCESSOR_NOR_SETTER =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      final class Pair {
        private int x;%s
        public Pair() {}
      }
      """;

  @Test
  void privateFieldWithNeitherAccessorNorSetter_isToldBothInOneError() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Pair",
                NO_ACCESSOR_NOR_SETTER.formatted(" // ferry:transferable-shape @x")));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.unreadableAndUnstorableMember("Pair", "x")));
  }

  @Test
  void privateFieldWithNeitherAccessorNorSetter_twin_bothCompileClean() {
    assertCompilesClean(
        source(
            "test.Pair",
            NO_ACCESSOR_NOR_SETTER.formatted(
                "\n  public int getX() { return x; }\n  public void setX(int x) { this.x = x; }")));
  }

  @Test
  void privateFieldWithoutAccessor_twin_accessorCompilesClean() {
    assertCompilesClean(
        source(
            "test.Account",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Account {
              private final String owner;
              private final long balance;
              Account(String owner, long balance) {
                this.owner = owner;
                this.balance = balance;
              }
              public String owner() {
                return owner;
              }
              public long getBalance() {
                return balance;
              }
            }
            """));
  }

  @Test
  void privateNestedType_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                final class Outer {
                  @Transferable
                  private record Secret(int code) {} // ferry:transferable-shape @record
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.privateType("Secret")));
  }

  @Test
  void typeInsidePrivateType_namesThePrivateOne() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                final class Outer {
                  private static final class Hidden {
                    @Transferable
                    record Secret(int code) {} // ferry:transferable-shape @record
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.privateType("Hidden")));
  }

  @Test
  void privateNestedType_twin_packagePrivateCompilesClean() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              record Secret(int code) {}
            }
            """));
  }

  /** The codec lives outside `Outer`, so it cannot name `Outer.Mode`: it did not compile. */
  @Test
  void memberOfPrivateType_isReportedOnTheMember() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                final class Outer {
                  private enum Mode { FAST, SAFE }
                  @Transferable
                  record Job(int id, Mode mode) {} // ferry:transferable-shape @mode
                  @Transferable
                  record Batch(List<Mode> modes) {} // ferry:transferable-shape @modes
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.unnameableMemberType("Job", "mode", "Mode", "Mode", true, "test")));
  }

  /** A protected type of a superclass in another package is out of the codec's reach too. */
  @Test
  void memberOfProtectedTypeFromAnotherPackage_isReportedOnTheMember() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "base.Base",
                """
                package base;
                public class Base {
                  protected enum Level { LOW, HIGH }
                }
                """),
            source(
                "test.Worker",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                class Worker extends base.Base {
                  @Transferable
                  record Task(Level level) {} // ferry:transferable-shape @level
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.unnameableMemberType("Task", "level", "Level", "Level", false, "test")));
  }

  @Test
  void memberOfHiddenType_twin_reachableTypesCompileClean() {
    assertCompilesClean(
        source(
            "base.Base",
            """
            package base;
            public class Base {
              public enum Level { LOW, HIGH }
            }
            """),
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            final class Outer extends base.Base {
              enum Mode { FAST, SAFE }
              @Transferable
              record Job(int id, Mode mode, List<Mode> modes, Level level) {}
            }
            """));
  }

  /**
   * A field declared again by the subclass: the codec copies each member by its name, so it could
   * copy only one of the two.
   */
  @Test
  void inheritedFields_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Derived",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                class Base {
                  int a;
                }
                @Transferable
                final class Derived extends Base { // ferry:transferable-shape @class
                  int a;
                  Derived() {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.shadowedInheritedField("Derived", "a", "Base")));
  }

  /**
   * An interface constant of the inherited field's name makes {@code value.a} ambiguous: the
   * generated codec did not compile ("reference to a is ambiguous").
   */
  @Test
  void interfaceConstantOfAnInheritedFieldsName_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Derived",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                interface Limits {
                  int a = 5;
                }
                class Base {
                  protected final int a;
                  Base(int a) { this.a = a; }
                }
                @Transferable
                final class Derived extends Base implements Limits { // ferry:transferable-shape @class
                  Derived(int a) { super(a); }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.shadowedInheritedField("Derived", "a", "Base")));
  }

  /** The superclass's own field hides the constant of an interface it implements: no ambiguity. */
  @Test
  void interfaceConstantOfAnInheritedFieldsName_twin_implementedByTheSuperclassCompilesClean() {
    assertCompilesClean(
        source(
            "test.Derived",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            interface Limits {
              int a = 5;
            }
            class Base implements Limits {
              protected final int a;
              Base(int a) { this.a = a; }
            }
            @Transferable
            final class Derived extends Base {
              Derived(int a) { super(a); }
            }
            """));
  }

  /**
   * A static (or transient, or constant) field of the same name below hides the superclass's:
   * the codec read and stored that one, so the other process saw the static's value.
   */
  @Test
  void staticFieldBelowOfAnInheritedFieldsName_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Derived",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                class Base {
                  protected int a;
                  Base(int a) { this.a = a; }
                }
                class Mid extends Base {
                  static int a = 99;
                  Mid(int a) { super(a); }
                }
                @Transferable
                final class Derived extends Mid { // ferry:transferable-shape @class
                  transient int b;
                  Derived(int a) { super(a); }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.shadowedInheritedField("Derived", "a", "Base")));
  }

  /**
   * A private field of a superclass in another package is read only through a method its class
   * declares or one overriding it: an unrelated {@code getA()} below cannot return it (it was
   * called, and the other process saw its 42).
   */
  @Test
  void privateInheritedFieldWithOnlyAnUnrelatedGetterBelow_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source("base.Base", PRIVATE_A.replace("ACCESSOR", "")),
            source("base.Mid", MID_GETTER.replace("SUPER", "42")),
            source(
                "test.Derived",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Derived extends base.Mid { // ferry:transferable-shape @class
                  Derived(int a) { super(a); }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.unreadableInheritedMember("Derived", "a", "Base", "test")));
  }

  /**
   * A superclass's private field whose getter returns another type was told "`Derived.a` is
   * private ... Fix: make `getA()` return `int`, or make the field package-private": the field is
   * not the class's, and package-private in another package would not let the codec read it.
   */
  @Test
  void inheritedFieldWithAGetterOfAnotherType_isToldToChangeTheSuperclassesGetter() {
    Compilation compilation =
        assertDiagnostics(
            source("base.Base", PRIVATE_A.replace("ACCESSOR", "public long getA() { return a; }")),
            source(
                "test.Derived",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Derived extends base.Base { // ferry:transferable-shape @class
                  Derived(int a) { super(a); }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.inheritedAccessorOfAnotherType("Derived", "a", "Base", "getA", "long",
                    "int")));
  }

  /**
   * A protected field of a superclass in another package, read through the getter the class
   * itself declares (the pre-record hierarchy's {@code getAt()}): trusted by its name and type, as
   * a getter of the class's own private field is.
   */
  @Test
  void protectedInheritedFieldWithAGetterBelow_compilesClean() {
    assertCompilesClean(
        source("base.Base", PRIVATE_A.replace("private final", "protected final")
            .replace("ACCESSOR", "")),
        source(
            "test.Derived",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Derived extends base.Base {
              Derived(int a) { super(a); }
              public int getA() { return a; }
            }
            """));
  }

  @Test
  void privateInheritedFieldWithOnlyAnUnrelatedGetterBelow_twin_overridingTheBasesCompilesClean() {
    assertCompilesClean(
        source("base.Base", PRIVATE_A.replace("ACCESSOR", "protected int getA() { return a; }")),
        source("base.Mid", MID_GETTER.replace("SUPER", "super.getA()")),
        source(
            "test.Derived",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Derived extends base.Mid {
              Derived(int a) { super(a); }
            }
            """));
  }

  /**
   * An abstract getter of a private field: its body, below, cannot see the field (it returned
   * null, and the other process saw the field unset).
   */
  @Test
  void privateInheritedFieldWithAnAbstractGetter_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Derived",
                ABSTRACT_GETTER.replace("MODIFIER", "private").replace("MARK", MARK_CLASS)));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.unreadableInheritedMember("Derived", "a", "Base", "test")));
  }

  @Test
  void privateInheritedFieldWithAnAbstractGetter_twin_protectedFieldCompilesClean() {
    assertCompilesClean(
        source(
            "test.Derived",
            ABSTRACT_GETTER.replace("MODIFIER", "protected").replace("MARK", "")));
  }

  private static final String MARK_CLASS = "// ferry:transferable-shape @class";

  /** A base with an abstract {@code getA()} of its {@code MODIFIER} field; {@code MARK}. */
  private static final String ABSTRACT_GETTER =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      abstract class Base {
        MODIFIER Integer a;
        public void setA(Integer a) { this.a = a; }
        public abstract Integer getA();
      }
      @Transferable
      final class Derived extends Base { MARK
        public Derived() {}
        @Override public Integer getA() { return null; }
      }
      """;

  private static final String PRIVATE_A =
      """
      package base;
      public class Base {
        private final int a;
        protected Base(int a) { this.a = a; }
        ACCESSOR
      }
      """;

  private static final String MID_GETTER =
      """
      package base;
      public class Mid extends Base {
        protected Mid(int a) { super(a); }
        public int getA() { return SUPER; }
      }
      """;

  /** The superclass's fields are copied with the class's own: built field by field here. */
  @Test
  void inheritedFields_twin_copiedWithTheClassOwnCompileClean() {
    assertCompilesClean(
        source(
            "test.Derived",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            class Base {
              int a;
            }
            @Transferable
            final class Derived extends Base {
              int b;
              Derived() {}
            }
            """));
  }

  /**
   * A final field set by an initializer that is not a constant: no constructor may assign it, so
   * the receiver would hold its own initializer's value. {@code FIELD} is the field's declaration
   * (with its marker), {@code CONSTRUCTOR} the constructor. Shared with EcjDeclarationRulesTest.
   */
  public static final String BOX =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      final class Box {
        final int version = 3;
        FIELD
        final String name;
        CONSTRUCTOR
      }
      """;

  /** The field of {@link #BOX}, marked. */
  public static final String BOXED_MARKED =
      "final Integer boxed = 3; // ferry:transferable-shape @boxed";

  /**
   * A constructor that takes a final field its initializer sets is trusted, as any constructor
   * taking a field by name and type is: it may fill the value in ({@code addAll} into a final list,
   * a common defensive copy), which crosses (RoundTripTest's {@code Basket}).
   */
  @Test
  void finalFieldWithAnInitializer_twin_aConstructorTakingItCompilesClean() {
    assertCompilesClean(
        source(
            "test.Box",
            BOX.replace("FIELD", "final java.util.List<String> boxed = new java.util.ArrayList<>();")
                .replace(
                    "CONSTRUCTOR",
                    "Box(java.util.List<String> boxed, String name) {"
                        + " this.boxed.addAll(boxed); this.name = name; }")));
  }

  @Test
  void finalFieldWithAnInitializer_twin_staticOrTransientCompilesClean() {
    assertCompilesClean(
        source(
            "test.Box",
            BOX.replace(
                    "FIELD",
                    "static final Integer boxed = 3; final transient Integer local = 4;")
                .replace("CONSTRUCTOR", "Box(String name) { this.name = name; }")));
  }

  /** A superclass's: told on the class, with the superclass to change. */
  @Test
  void inheritedFinalFieldWithAnInitializer_isToldOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Started",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                abstract class Event {
                  final long at = System.nanoTime();
                }
                @Transferable
                final class Started extends Event { // ferry:transferable-shape @class
                  final String who;
                  Started(String who) { this.who = who; }
                }
                """));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.finalFieldWithInitializer("Started", "at", "Event")));
  }

  /**
   * A superclass in another package: its protected field is no field the codec, in the subclass's
   * package and no subclass, can read, so it is reached through {@code ACCESSOR} or not at all.
   * Shared with EcjDeclarationRulesTest.
   */
  public static final String ENTITY =
      """
      package base;
      public abstract class Entity {
        protected final long id;
        protected Entity(long id) { this.id = id; }
        ACCESSOR
      }
      """;

  /** A {@code @Transferable} subclass of {@link #ENTITY}; {@code MARK} for its marker. */
  public static final String ORDER =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      final class Order extends base.Entity { MARK
        final String item;
        Order(long id, String item) { super(id); this.item = item; }
      }
      """;

  /** A protected field of a superclass in another package with no accessor: told on the class. */
  @Test
  void inheritedFieldTheCodecCannotRead_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source("base.Entity", ENTITY.replace("ACCESSOR", "")),
            source("test.Order", ORDER.replace("MARK", "// ferry:transferable-shape @class")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.unreadableInheritedMember("Order", "id", "Entity", "test")));
  }

  @Test
  void inheritedFieldTheCodecCannotRead_twin_withAPublicAccessorCompilesClean() {
    assertCompilesClean(
        source("base.Entity", ENTITY.replace("ACCESSOR", "public long getId() { return id; }")),
        source("test.Order", ORDER.replace("MARK", "")));
  }

  /** Inherited fields but no constructor taking them all: the constructor the codec needs. */
  @Test
  void inheritedFieldsNoConstructorTakesAll_isReportedWithTheWholeSignature() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Circle",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                abstract class Shape {
                  final String label;
                  Shape(String label) { this.label = label; }
                }
                @Transferable
                final class Circle extends Shape { // ferry:transferable-shape @class
                  final double r;
                  Circle(double r) { super("circle"); this.r = r; }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.noConstructor("Circle", "String label, double r", false)));
  }

  /**
   * A JDK superclass read from {@code --release N}'s API ({@code ct.sym}, N below the JDK that
   * compiles, as Maven's {@code <release>} on a newer JDK) shows no private fields: {@code
   * Throwable}'s {@code detailMessage} and {@code cause} were not seen, so a {@code @Transferable}
   * exception compiled clean under javac 25 with {@code --release 17}, though javac 17 and ECJ told
   * it, and its codec would drop the message. The JDK's own class shows the fields it inherits.
   * Shared with EcjDeclarationRulesTest.
   */
  public static final String JDK_SUPERCLASS =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      final class Boom extends SUPER { // ferry:transferable-shape @class
        final String why;
        Boom(String why) { this.why = why; }
        BODY
      }
      """;

  /** {@link #JDK_SUPERCLASS} extending a class with private fields only. */
  public static String jdkSuperclassWithPrivateFields() {
    return JDK_SUPERCLASS.replace("SUPER", "RuntimeException").replace("BODY", "");
  }

  /** {@link #JDK_SUPERCLASS} extending a class with no instance fields, unmarked. */
  public static String jdkSuperclassWithoutFields() {
    return JDK_SUPERCLASS.replace("SUPER", "Number")
        .replace(" // ferry:transferable-shape @class", "")
        .replace(
            "BODY",
            "public int intValue() { return 0; } public long longValue() { return 0; }"
                + " public float floatValue() { return 0; } public double doubleValue() { return 0; }");
  }

  @Test
  void jdkSuperclassWhosePrivateFieldsTheReleaseHides_isReportedOnTheClass() {
    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("--release", "11")
            .expectingMarked(source("test.Boom", jdkSuperclassWithPrivateFields()));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.inheritedFields("Boom", "Throwable")));
  }

  @Test
  void jdkSuperclassWhosePrivateFieldsTheReleaseHides_twin_oneWithoutFieldsCompilesClean() {
    FerryCompiler.ferry()
        .withOptions("--release", "11")
        .expectingClean(source("test.Boom", jdkSuperclassWithoutFields()));
  }

  /**
   * A superclass whose fields' types are the class's own type variable ({@code Box<T> extends
   * Holder<T>}) stays refused, once: a constructor that takes the inherited fields too matches
   * none of the fields the class declares, the inheritance's follow-on, not a second problem (ECJ
   * printed both on the class; javac prints one error per position).
   */
  @Test
  void inheritedFieldsTakenByTheConstructor_isReportedOnceOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Box",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                abstract class Holder<T> {
                  final T label;
                  Holder(T label) { this.label = label; }
                }
                @Transferable
                final class Box<T> extends Holder<T> { // ferry:transferable-shape @class
                  final double r;
                  Box(T label, double r) { super(label); this.r = r; }
                }
                """));
    // The words say why the codec leaves the field out; they said only "would not copy".
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.inheritedFieldOfTypeVariable("Box", "Holder", "label", "T")));
    assertThat(compilation).hadErrorContaining("`Box` inherits `Holder.label`, of type `T`");
  }

  /** A stand-in for Lombok's {@code @Accessors} (Lombok cannot be on the test path). */
  private static final Source LOMBOK_ACCESSORS =
      source(
          "lombok.experimental.Accessors",
          """
          package lombok.experimental;
          public @interface Accessors { String[] prefix() default {}; }
          """);

  /**
   * A class as Lombok writes {@code @Value @Accessors(prefix = "m") class P { int mX; String
   * mName; }}: getters {@code getX()} and {@code getName()}, a constructor taking {@code x} and
   * {@code name}. The words said to add {@code mX()} or {@code getmX()} and a constructor taking
   * {@code mX}, which Lombok never writes; they now name what it wrote, and the fix that works.
   */
  @Test
  void lombokPrefixedFields_areToldWhatLombokNamedTheirGetterAndParameter() {
    Compilation compilation =
        assertDiagnostics(
            LOMBOK_ACCESSORS,
            source(
                "app.P",
                """
                package app;
                import dev.ferry.annotation.Transferable;
                @Transferable @lombok.experimental.Accessors(prefix = "m")
                public final class P { // ferry:transferable-shape @class
                  private final int mX; // ferry:transferable-shape @mX
                  private final boolean mOn; // ferry:transferable-shape @mOn
                  public P(int x, boolean on) { this.mX = x; this.mOn = on; }
                  public int getX() { return mX; }
                  public boolean isOn() { return mOn; }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.lombokPrefixedMember("P", "mX", "m", "getX", "x")));
    assertThat(compilation)
        .hadErrorContaining(
            "`P.mOn` is private, and Lombok's @Accessors(prefix = \"m\") names its getter `isOn()`");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.lombokPrefixedConstructor("P", "m", "mX", "x", "int mX, boolean mOn")));
    assertThat(compilation).hadErrorContaining("Fix: name the field `x` and remove the prefix");
  }

  /**
   * The fix the words give: no prefix, as Lombok then writes the class (without its annotations,
   * which would make the codec wait for a round Lombok asks for and no stand-in does).
   */
  @Test
  void lombokPrefixedFields_twin_withoutThePrefixCompileClean() {
    assertCompilesClean(
        source(
            "app.P",
            """
            package app;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public final class P {
              private final int x;
              private final boolean on;
              public P(int x, boolean on) { this.x = x; this.on = on; }
              public int getX() { return x; }
              public boolean isOn() { return on; }
            }
            """));
  }

  /**
   * A superclass the codec cannot name (a private nested class) was told only that its fields
   * "would not copy", with a fix (a record, or transient fields) that says nothing of why; now it
   * is told that the class is private, and to make it visible.
   */
  @Test
  void inheritedFieldsOfAPrivateSuperclass_sayItIsPrivate() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Holder",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                public final class Holder {
                  private static class Base {
                    final int a;
                    Base(int a) { this.a = a; }
                  }
                  @Transferable
                  public static final class R extends Base { // ferry:transferable-shape @class
                    R(int a) { super(a); }
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.inheritedFromUnreachable("R", "Base", "is private", "test")));
  }

  /** The fix the words give: the superclass package-private, in the codec's package. */
  @Test
  void inheritedFieldsOfAPrivateSuperclass_twin_packagePrivateCompilesClean() {
    assertCompilesClean(
        source(
            "test.Holder",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            public final class Holder {
              static class Base {
                final int a;
                Base(int a) { this.a = a; }
              }
              @Transferable
              public static final class R extends Base {
                R(int a) { super(a); }
              }
            }
            """));
  }

  /** The same with the type argument fixed: the constructor takes the inherited field too. */
  @Test
  void inheritedFieldsTakenByTheConstructor_twin_compilesClean() {
    assertCompilesClean(
        source(
            "test.Circle",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            abstract class Holder<T> {
              final T label;
              Holder(T label) { this.label = label; }
            }
            @Transferable
            final class Circle extends Holder<String> {
              final double r;
              Circle(String label, double r) { super(label); this.r = r; }
            }
            """));
  }

  @Test
  void inheritedFields_twin_transientOrStaticBaseFieldsCompileClean() {
    assertCompilesClean(
        source(
            "test.Derived",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            class Base {
              static int instances;
              transient int cachedHash;
            }
            @Transferable
            final class Derived extends Base {
              int b;
              Derived() {}
            }
            """));
  }

  @Test
  void concreteSealedClass_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                sealed class Shape permits Circle {} // ferry:transferable-shape @class
                @Transferable
                final class Circle extends Shape {
                  double radius;
                  Circle() {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.TRANSFERABLE_SHAPE.format(Messages.concreteSealed("Shape")));
  }

  @Test
  void concreteSealedClass_twin_abstractCompilesClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            abstract sealed class Shape permits Circle {}
            @Transferable
            final class Circle extends Shape {
              double radius;
              Circle() {}
            }
            """));
  }

  @Test
  void annotationType_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Marker",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                @interface Marker {} // ferry:transferable-shape @interface
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.notAValueKind("Marker", "an annotation")));
  }

  @Test
  void enum_compilesClean() {
    assertCompilesClean(
        source(
            "test.Color",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            enum Color { RED, GREEN }
            """));
  }

  @Test
  void severalShapeProblems_allReportedInOneCompilation() {
    assertDiagnostics(
        source(
            "test.Account",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Account { // ferry:transferable-shape @class
              private String owner; // ferry:transferable-shape @owner
              private long balance; // ferry:transferable-shape @balance
              Account(String name) {}
            }
            """));
  }

  @Test
  void noArgConstructorWithFinalField_isReportedOnTheField() {
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job {
              final long id; // ferry:transferable-shape @id
              String name;
              Job() { id = 0; }
            }
            """));
  }

  @Test
  void noArgConstructorWithFinalField_twin_nonFinalCompilesClean() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job {
              long id;
              String name;
              Job() {}
            }
            """));
  }

  @Test
  void twoTypesWhoseCodecsWouldShareAName_theSecondByNameIsReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                public class Outer {
                  @Transferable
                  public record In_Color(int v) {}
                }
                """),
            source(
                "test.Outer_In",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                public class Outer_In {
                  @Transferable
                  public record Color(int v) {} // ferry:transferable-shape @record
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.codecNameTaken(
                    "test.Outer_In.Color", "test.Outer.In_Color", "test.Outer_In_Color_FerryCodec")));
  }

  /**
   * A class {@code dev} beside a record {@code Codec}: the codec must write {@code
   * dev.ferry.Codec} qualified, since the record takes the simple name, and Java reads {@code dev}
   * there as the class; {@code java} beside an enum {@code Override} breaks {@code
   * java.lang.Override} so. The codec used not to compile ("cannot find symbol: class ferry,
   * location: class dev"); a sealed type over such a record is not generated either.
   */
  @Test
  void classNamedLikeARuntimePackageBesideARuntimeName_isReportedOnTheType() {
    Compilation compilation =
        assertDiagnostics(
            source("test.dev", "package test; public class dev {}"),
            source("test.java", "package test; public class java {}"),
            source(
                "test.Codec",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Codec(int v) implements Shape {} // ferry:transferable-shape @record
                """),
            source(
                "test.Override",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public enum Override { A } // ferry:transferable-shape @enum
                """),
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public sealed interface Shape permits Codec {}
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.packageObscuredByClass(
                    "test.Codec_FerryCodec", "test", "dev.ferry.Codec")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.packageObscuredByClass(
                    "test.Override_FerryCodec", "test", "java.lang.Override")));
  }

  /**
   * The legal twin: the same names where no class of the package is named like a package root,
   * and a class {@code dev} where no class of the package takes a name the codecs write (imports
   * are resolved from packages alone, so {@code import dev.ferry.Codec} still finds the runtime),
   * with a hand-written codec whose {@code TempCodec.INSTANCE.fingerprint()} is no qualified name.
   */
  @Test
  void classNamedLikeARuntimePackageBesideARuntimeName_twin_compilesClean() {
    assertCompilesClean(TWIN_OF_OBSCURED_PACKAGE.toArray(Source[]::new));
  }

  /**
   * A class of the user's named like the codec Ferry generates beside a type: top-level ({@code
   * Rich_FerryCodec}), or nested with that binary name ({@code Ri.ch_FerryCodec} beside a record
   * {@code Ri$ch}). The compiler refuses to write the codec, which read as {@code [ferry:internal]}
   * "Attempt to recreate a file"; and {@code Outer}, which holds a {@code Rich}, got a codec calling
   * {@code Rich_FerryCodec.INSTANCE}, which did not compile.
   */
  public static final List<Source> CLASSES_NAMED_LIKE_CODECS =
      List.of(
          source(
              "test.Rich",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Rich(int v) {} // ferry:transferable-shape @record
              @Transferable
              record Outer(Rich rich) {}
              """),
          source("test.Rich_FerryCodec", "package test;\nfinal class Rich_FerryCodec {}\n"),
          source(
              "test.Ri",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Ri$ch(int v) {} // ferry:transferable-shape @record
              final class Ri {
                static final class ch_FerryCodec {}
              }
              """));

  /** {@link #CLASSES_NAMED_LIKE_CODECS} with classes of other names. */
  public static final List<Source> TWIN_OF_CLASSES_NAMED_LIKE_CODECS =
      List.of(
          source(
              "test.Rich",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Rich(int v) {}
              @Transferable
              record Outer(Rich rich) {}
              """),
          source("test.RichCodec", "package test;\nfinal class RichCodec {}\n"),
          source(
              "test.Ri",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Ri$ch(int v) {}
              final class Ri {
                static final class chCodec {}
              }
              """));

  @Test
  void classNamedLikeTheCodec_isToldOnTheType_namingTheClassToRename() {
    Compilation compilation = assertDiagnostics(CLASSES_NAMED_LIKE_CODECS.toArray(Source[]::new));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.codecNameTakenByClass(
                    "Rich",
                    "test.Rich_FerryCodec",
                    "top-level class `test.Rich_FerryCodec`",
                    "Rich_FerryCodec")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.codecNameTakenByClass(
                    "Ri$ch",
                    "test.Ri$ch_FerryCodec",
                    "class `test.Ri.ch_FerryCodec`, nested in `test.Ri`, whose class file has that"
                        + " name (`test.Ri$ch_FerryCodec`)",
                    "ch_FerryCodec")));
  }

  @Test
  void classNamedLikeTheCodec_twin_otherNamesCompileClean() {
    assertCompilesClean(TWIN_OF_CLASSES_NAMED_LIKE_CODECS.toArray(Source[]::new));
  }

  /** {@link #classNamedLikeARuntimePackageBesideARuntimeName_twin_compilesClean}'s sources. */
  public static final List<Source> TWIN_OF_OBSCURED_PACKAGE =
      List.of(
          source("test.Codec", "package test; @dev.ferry.annotation.Transferable public record Codec(int v) {}"),
          source("test.Override", "package test; @dev.ferry.annotation.Transferable public enum Override { A }"),
          source("other.dev", "package other; public class dev {}"),
          source("other.java", "package other; public class java {}"),
          source(
              "other.TempCodec",
              """
              package other;
              import dev.ferry.ByteInput;
              import dev.ferry.ByteOutput;
              import dev.ferry.Codec;
              import dev.ferry.annotation.TransferableCodec;
              @TransferableCodec
              public final class TempCodec implements Codec<TempCodec.Temp> {
                public static final TempCodec INSTANCE = new TempCodec();
                public void write(ByteOutput out, Temp t) { out.writeDouble(t.kelvin()); }
                public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
                public long fingerprint() { return 1; }
                public record Temp(double kelvin) {}
              }
              """),
          source(
              "other.Job",
              """
              package other;
              import dev.ferry.annotation.Transferable;
              import java.util.List;
              @Transferable
              public record Job(String name, List<Integer> ids, test.Codec codec, TempCodec.Temp t) {}
              """));

  @Test
  void twoTypesWhoseCodecsWouldShareAName_twin_distinctNamesCompileClean() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            public class Outer {
              @Transferable
              public record In_Color(int v) {}
            }
            """),
        source(
            "test.Outer_In",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            public class Outer_In {
              @Transferable
              public record Hue(int v) {}
            }
            """));
  }

  @Test
  void privateFieldWhoseAccessorReturnsAnotherType_isToldSo() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Bag",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.Collection;
                import java.util.List;
                @Transferable
                final class Bag {
                  private final List<String> tags; // ferry:transferable-shape @tags
                  Bag(List<String> tags) {
                    this.tags = tags;
                  }
                  public Collection<String> getTags() {
                    return tags;
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.accessorOfAnotherType(
                    "Bag", "tags", "getTags", "Collection<String>", "List<String>")));
  }

  @Test
  void privateFieldWhoseAccessorReturnsAnotherType_twin_sameTypeCompilesClean() {
    assertCompilesClean(
        source(
            "test.Bag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            final class Bag {
              private final List<String> tags;
              Bag(List<String> tags) {
                this.tags = tags;
              }
              public List<String> getTags() {
                return tags;
              }
            }
            """));
  }

  /**
   * A type variable whose bound does not resolve yet (mid-edit) gets javac's errors only, and no
   * codec: one was generated that named the missing bound where it read a value ({@code Missing
   * value2 = (Missing) raw}), which ECJ, compiling generated code beside the user's errors,
   * reported five times (EcjTest); javac stops before it.
   */
  @Test
  void typeVariableWithAnUnresolvedBound_getsJavacsErrorsOnly() {
    assertDiagnostics(
        source(
            "test.Box",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Box<T extends Missing>(T value, String name) {} // javac @Missing
            """),
        source(
            "test.Pair",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Pair<T extends Missing & Runnable>( // javac @Missing
                java.util.List<T> values) {}
            """));
  }

  /** The same types once the bound resolves: legal, with codecs. */
  @Test
  void typeVariableWithAnUnresolvedBound_twin_resolvedBoundGetsACodec() {
    Compilation compilation =
        assertCompilesClean(
            source(
                "test.Box",
                """
                package test;
                @dev.ferry.annotation.Transferable
                public record Box<T extends Number>(T value, String name) {}
                """),
            source(
                "test.Pair",
                """
                package test;
                @dev.ferry.annotation.Transferable
                public record Pair<T extends Number & Comparable<T>>(java.util.List<T> values) {}
                """));
    assertThat(compilation).generatedSourceFile("test.Box_FerryCodec");
    assertThat(compilation).generatedSourceFile("test.Pair_FerryCodec");
  }

  /**
   * A nested type whose own class file's name fits the file system (a name of 240 chars makes
   * {@code Names$L...g.class}, 252 bytes) but whose codec's does not ({@code
   * Names_L...g_FerryCodec.class}, 263): found by the codec probe's generated programs, it was told
   * {@code [ferry:internal]} with the Filer's "File name too long" (and a shorter one, whose codec's
   * source fitted but not its class file, got javac's "error while writing" in the generated
   * codec). A type with a member of it gets no codec either, which would call the missing one.
   * Compiled to real directories, as compile-testing's in-memory files take any name.
   */
  @Test
  void codecFileNameTooLongForTheFileSystem_isReportedOnTheType(@TempDir Path work)
      throws IOException {
    String inner = "L" + "o".repeat(238) + "g";
    List<Diagnostic<? extends JavaFileObject>> errors = compileToDisk(work, inner);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).getMessage(Locale.ROOT))
        .isEqualTo(
            Rule.TRANSFERABLE_SHAPE.format(
                CodecMessages.codecFileNameTooLong(
                    "Names." + inner, "Names_" + inner + "_FerryCodec.class", 263, 255)));
    assertThat(errors.get(0).getSource().getName()).endsWith("Names.java");
    assertThat(errors.get(0).getLineNumber()).isEqualTo(4);
    assertThat(errors.get(0).getColumnNumber()).isEqualTo(17);
  }

  @Test
  void codecFileNameTooLongForTheFileSystem_twin_aNameThatFitsCompilesClean(@TempDir Path work)
      throws IOException {
    String inner = "L" + "o".repeat(230) + "g"; // Names_L...g_FerryCodec.class: 255 bytes

    assertThat(compileToDisk(work, inner)).isEmpty();
    assertThat(Files.exists(work.resolve("classes/test/Names_" + inner + "_FerryCodec.class")))
        .isTrue();
  }

  /**
   * Compiles a record named {@code inner} nested in {@code test.Names}, and a record with a member
   * of it, to files under {@code work}.
   */
  private static List<Diagnostic<? extends JavaFileObject>> compileToDisk(Path work, String inner)
      throws IOException {
    Path file = work.resolve("src/test/Names.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package test;
        import dev.ferry.annotation.Transferable;
        final class Names {
          @Transferable record %s(int id) {}
          @Transferable record Holder(%s held) {}
        }
        """
            .formatted(inner, inner));
    return FerryCompiler.compileToDisk(work, List.of(file));
  }

  public static final List<Source> MISROUTED =
      List.of(
          source(
              "test.Point",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Point {
                private final int x;
                private final int y;
                Point(int x, // ferry:transferable-shape @x
                    int y) { // ferry:transferable-shape @y
                  this.x = y;
                  this.y = x;
                }
                int x() { return x; }
                int y() { return y; }
              }
              """),
          source(
              "test.Range",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Range {
                private final int lo;
                private final int hi;
                Range(int lo, // ferry:transferable-shape @lo
                    int hi) { // ferry:transferable-shape @hi
                  this(hi, lo, true);
                }
                private Range(int a, int b, boolean checked) {
                  this.lo = a;
                  this.hi = b;
                }
                int getLo() { return lo; }
                int getHi() { return hi; }
              }
              """),
          source(
              "test.Grid",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Grid {
                private int rows;
                private int columns;
                Grid(int rows, // ferry:transferable-shape @rows
                    int columns) { // ferry:transferable-shape @columns
                  resize(columns, rows);
                }
                private void resize(int rows, int columns) {
                  this.rows = rows;
                  this.columns = columns;
                }
                int rows() { return rows; }
                int columns() { return columns; }
              }
              """),
          source(
              "test.Counter",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Counter {
                private final String name;
                private int hits;
                Counter(String name, int hits) { // ferry:transferable-shape @hits
                  this.name = name;
                }
                void hit() { hits++; }
                String name() { return name; }
                int hits() { return hits; }
              }
              """),
          source(
              "test.Tally",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Tally {
                private final String name;
                private int hits;
                Tally(String name, int hits) { // ferry:transferable-shape @hits
                  this.name = name;
                  this.hits = name.length(); // not final: hit() changes it after
                }
                void hit() { hits++; }
                String name() { return name; }
                int hits() { return hits; }
              }
              """),
          source(
              "test.Logged",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Logged {
                private final int x;
                private final int y;
                Logged(int x, // ferry:transferable-shape @x
                    int y) { // ferry:transferable-shape @y
                  this.x = y;
                  this.y = x;
                  log(x, y); // not followed, but no call puts x back once y holds its field
                }
                private void log(int a, int b) { log(a); }
                private void log(int a) {}
                int x() { return x; }
                int y() { return y; }
              }
              """));

  /**
   * A class whose constructor stores its parameters in each other's fields compiled to a codec
   * that delivered another value than the one sent: {@code Point(int x, int y) { this.x = y;
   * this.y = x; }} read {@code x} and passed it as {@code x}, and the copy held it in {@code y}
   * (found by classoracle53, in the class's own compilation and from a jar built with {@code -g}
   * or {@code -parameters}). So did one that swaps through {@code this(...)} or a method of the
   * class it calls, and a constructor that drops a parameter: the copy held what its constructor
   * left there.
   */
  @Test
  void constructorStoringAParameterInAnotherField_isReportedOnTheParameter() {
    Compilation compilation = assertDiagnostics(MISROUTED.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(10);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.storedInAnotherField("Point", "Point(int x, int y)", true, "x", "y", "x()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.storedInAnotherField(
                    "Range", "Range(int lo, int hi)", true, "hi", "lo", "getHi()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.valueUnused("Counter", "Counter(String name, int hits)", true, "hits", "hits()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.valueUnused("Tally", "Tally(String name, int hits)", true, "hits", "hits()")));
  }

  /**
   * A constructor that swaps or changes its parameters by statements of their own before it
   * stores them compiled to a codec that delivered another value than the one sent
   * (checkerprobe68: {@code new Swap(1, 2)} held {@code x=2, y=1} and its copy {@code x=1, y=2};
   * an {@code Inc(1)} held 2 and its copy 3): the trees showed {@code this.x = x;}, which read as
   * a parameter stored as it came. Java 25's flexible constructor bodies invite such statements
   * before {@code super(...)}, but Java 17 allows them before the stores. So did a constructor or
   * setter that stores the value and then changes the field by itself ({@code this.count = count;
   * this.count++;}, {@code this.name += "!"}). Shared with EcjDeclarationRulesTest.
   */
  public static final List<Source> REASSIGNED =
      List.of(
          source(
              "test.Swap",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Swap {
                private final int x;
                private final int y;
                Swap(int x, // ferry:transferable-shape @x
                    int y) { // ferry:transferable-shape @y
                  int t = x;
                  x = y;
                  y = t;
                  this.x = x;
                  this.y = y;
                }
                int getX() { return x; }
                int getY() { return y; }
              }
              """),
          source(
              "test.Inc",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Inc {
                private final int count;
                Inc(int count) { // ferry:transferable-shape @count
                  count = count + 1;
                  this.count = count;
                }
                int getCount() { return count; }
              }
              """),
          source(
              "test.Sheet",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Sheet {
                private int rows;
                private int columns;
                Sheet(int rows, // ferry:transferable-shape @rows
                    int columns) { // ferry:transferable-shape @columns
                  int r = columns;
                  columns = rows;
                  resize(r, columns);
                }
                private void resize(int rows, int columns) {
                  this.rows = rows;
                  this.columns = columns;
                }
                int rows() { return rows; }
                int columns() { return columns; }
              }
              """),
          source(
              "test.Turn",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Turn(String label, int steps) {
                Turn(String label, int steps) { // ferry:transferable-shape @steps
                  steps += 1;
                  this.label = label;
                  this.steps = steps;
                }
              }
              """),
          source(
              "test.Bumped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Bumped {
                private int count;
                Bumped(int count) { // ferry:transferable-shape @count
                  this.count = count;
                  this.count++;
                }
                int getCount() { return count; }
              }
              """),
          source(
              "test.Loud",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Loud {
                private String name;
                Loud() {}
                String getName() { return name; }
                void setName(String name) { // ferry:transferable-shape @setName
                  this.name = name;
                  this.name += "!";
                }
              }
              """));

  @Test
  void constructorReassigningAParameterBeforeStoringIt_isReportedOnTheParameter() {
    Compilation compilation = assertDiagnostics(REASSIGNED.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(8);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.storedInAnotherField("Swap", "Swap(int x, int y)", true, "x", "y", "getX()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnWrite(
                    "Inc", "Inc(int count)", true, "count", "count + 1", "getCount()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnWrite(
                    "Turn", "Turn(String label, int steps)", true, "steps", "steps += 1", "steps()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnWrite(
                    "Loud", "setName(String)", false, "name", "this.name += \"!\"", "getName()")));
  }

  /**
   * The legal twins: a parameter normalized by a statement of its own ({@code name =
   * name.strip();}, a fraction reduced by a divisor the constructor computes, the operator's
   * identity), bounds swapped only when out of order or sorted through calls, parameters stored
   * through locals that hold them, and a field normalized after it is stored ({@code %= 360},
   * {@code &= 0xFF}, a call, the identity): each copy equals the value sent. Shared with
   * EcjDeclarationRulesTest.
   */
  public static final List<Source> REASSIGNED_TWINS =
      List.of(
          source(
              "test.Stripped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Stripped {
                private final String name;
                private final int n;
                private final int d;
                Stripped(String name, int n, int d) {
                  name = name.strip();
                  int g = gcd(n, d);
                  n = n / g;
                  d = d / g;
                  n = n + 0;
                  this.name = name;
                  this.n = n;
                  this.d = d;
                }
                static int gcd(int a, int b) { return b == 0 ? Math.max(1, Math.abs(a)) : gcd(b, a % b); }
                String getName() { return name; }
                int getN() { return n; }
                int getD() { return d; }
              }
              """),
          source(
              "test.Span",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Span {
                private final int lo;
                private final int hi;
                private final int first;
                private final int last;
                Span(int lo, int hi, int first, int last) {
                  if (lo > hi) {
                    int t = lo;
                    lo = hi;
                    hi = t;
                  }
                  int f = Math.min(first, last);
                  last = Math.max(first, last);
                  first = f;
                  this.lo = lo;
                  this.hi = hi;
                  this.first = first;
                  this.last = last;
                }
                int getLo() { return lo; }
                int getHi() { return hi; }
                int getFirst() { return first; }
                int getLast() { return last; }
              }
              """),
          source(
              "test.Through",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Through(String name, int id) {
                Through(String name, int id) {
                  String n = name;
                  int i = id;
                  this.name = n;
                  this.id = i;
                }
              }
              """),
          source(
              "test.Angle",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Angle {
                private int degrees;
                private int flags;
                private String label;
                Angle(int degrees, int flags, String label) {
                  this.degrees = degrees;
                  this.degrees %= 360;
                  this.flags = flags;
                  this.flags &= 0xFF;
                  this.flags += 0;
                  this.label = label;
                  this.label = this.label.strip();
                }
                int getDegrees() { return degrees; }
                int getFlags() { return flags; }
                String getLabel() { return label; }
              }
              """));

  @Test
  void constructorReassigningAParameterBeforeStoringIt_twin_compilesClean() {
    assertCompilesClean(REASSIGNED_TWINS.toArray(Source[]::new));
  }

  /**
   * A record's codec reads each component through its accessor and passes it to the canonical
   * constructor, as a class's reads a getter and calls a constructor; but records were not
   * judged so. {@code public int count() { return count + 1; }} sent one more at every crossing,
   * an accessor returning another component sent that one, and an explicit canonical
   * constructor storing {@code this.x = y; this.y = x;} swapped the copy's values (checkerprobe55:
   * {@code Codecs.decode(Codecs.encode(new P(1, 2)))} held {@code x=1, y=2} for an original of
   * {@code x=2, y=1}).
   */
  public static final List<Source> RECORD_ROUTES =
      List.of(
          source(
              "test.Count",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Count(int count, boolean on, String tag) {
                public int count() { return count + 1; } // ferry:transferable-shape @count()
                public boolean on() { return !on; } // ferry:transferable-shape @on()
                Count { tag = tag.trim(); }
              }
              """),
          source(
              "test.Corner",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Corner(int x, int y) {
                public int y() { int r = x; return r; } // ferry:transferable-shape @y()
              }
              """),
          source(
              "test.Swapped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Swapped(int x, int y) {
                public Swapped(int x, // ferry:transferable-shape @x
                    int y) { this.x = y; this.y = x; } // ferry:transferable-shape @y
              }
              """),
          source(
              "test.Bumped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Bumped(int hits) {
                Bumped(int hits) { this.hits = hits + 1; } // ferry:transferable-shape @hits
              }
              """),
          source(
              "test.Tally",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Tally(int count, String label) {
                Tally { // ferry:transferable-shape @Tally
                  count = count + 1;
                  label = label.strip();
                }
              }
              """),
          source(
              "test.Shout",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Shout(String text) {
                Shout { text += "!"; } // ferry:transferable-shape @Shout
              }
              """),
          source(
              "test.Steps",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Steps(long steps) {
                Steps { // ferry:transferable-shape @Steps
                  steps++;
                }
              }
              """),
          source(
              "test.Wrapped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              import java.util.List;
              @Transferable
              record Wrapped(int count, List<String> items) {
                Wrapped(int count, List<String> items) { // ferry:transferable-shape @Wrapped
                  count = count + 1;
                  this.count = Math.abs(count);
                  this.items = List.copyOf(items);
                }
              }
              """));

  /**
   * Records whose accessors and canonical constructors hand each component back as it was read:
   * plain, normalizing (a compact constructor that trims and validates, a copy), changing alike
   * on both sides ({@code * 100} and {@code / 100}), or a method call the trees trust.
   */
  public static final List<Source> RECORD_ROUTES_TWINS =
      List.of(
          source(
              "test.Count",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Count(int count, boolean on, String tag, String name) {
                public int count() { return count; }
                Count {
                  tag = tag.trim();
                  if (count < 0) throw new IllegalArgumentException("count");
                }
                public String name() { return name.toUpperCase(); }
              }
              """),
          source(
              "test.Corner",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              import java.util.List;
              @Transferable
              record Corner(int x, int y, List<String> items) {
                public Corner(int x, int y, List<String> items) {
                  this.y = y;
                  this.x = x;
                  this.items = List.copyOf(items);
                }
                Corner(int both) { this(both, both, List.of()); }
              }
              """),
          source(
              "test.Cents",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Cents(long amount) {
                public Cents(long amount) { this.amount = amount * 100; }
                public long amount() { return amount / 100; }
              }
              """),
          source(
              "test.Clamped",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              record Clamped(int low, int high, int span, String name) {
                Clamped {
                  if (low < 0) low = -low;
                  high = Math.max(low, high);
                  span = high - low;
                  name = name == null ? "" : name;
                  low += 0;
                  name = name + "";
                }
              }
              """));

  @Test
  void recordAccessorOrCanonicalConstructorPuttingAValueElsewhere_isReported() {
    Compilation compilation = assertDiagnostics(RECORD_ROUTES.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(10);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedInCanonicalConstructor(
                    "Tally", "count", "count = count + 1", "count()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.storedInAnotherField(
                    "Swapped", "Swapped(int x, int y)", true, "x", "y", "x()")));
  }

  @Test
  void recordAccessorOrCanonicalConstructorPuttingAValueElsewhere_twin_compilesClean() {
    assertCompilesClean(RECORD_ROUTES_TWINS.toArray(Source[]::new));
  }

  public static final List<Source> MISROUTED_TWINS =
      List.of(
          source(
              "test.Labelled",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Labelled {
                private final String name;
                private String label;
                private int low;
                private int high;
                Labelled(String name, String label, int low, int high) {
                  this.name = name;
                  this.label = name; // a default, overwritten when a label is given
                  if (label != null) {
                    this.label = label;
                  }
                  this.low = low;
                  this.high = low;
                  this.high = Math.max(low, high);
                }
                String getName() { return name; }
                String getLabel() { return label; }
                int getLow() { return low; }
                int getHigh() { return high; }
              }
              """),
          source(
              "test.Point",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Point {
                private final int x;
                private final int y;
                Point(int x, int y) {
                  this.x = x;
                  this.y = y;
                }
                int x() { return x; }
                int y() { return y; }
              }
              """),
          source(
              "test.Grid",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Grid {
                private int rows;
                private int columns;
                Grid(int rows, int columns) {
                  resize(rows, columns);
                }
                private void resize(int rows, int columns) {
                  this.rows = rows;
                  this.columns = columns;
                }
                int rows() { return rows; }
                int columns() { return columns; }
              }
              """),
          source(
              "test.Mirror",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Mirror {
                private final int x;
                private final int y;
                Mirror(int x, int y) {
                  this.x = y;
                  this.y = x;
                }
                int x() { return y; }
                int y() { return x; }
              }
              """),
          source(
              "test.Range",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              import java.util.List;
              @Transferable
              final class Range {
                private final int lo;
                private final int hi;
                private final String label;
                private final List<String> tags;
                private final transient int width;
                Range(int lo, int hi, String label, List<String> tags) {
                  if (lo > hi) {
                    this.lo = hi;
                    this.hi = lo;
                  } else {
                    this.lo = lo;
                    this.hi = hi;
                  }
                  this.label = label == null ? "none" : label.trim();
                  this.tags = List.copyOf(tags);
                  this.width = this.hi - this.lo;
                }
                Range(int lo, int hi) {
                  this(lo, hi, null, List.of());
                }
                int getLo() { return lo; }
                int getHi() { return hi; }
                String getLabel() { return label; }
                List<String> getTags() { return tags; }
                int width() { return width; }
              }
              """),
          source(
              "test.Fraction",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Fraction {
                private final int numerator;
                private final int denominator;
                private final long whole;
                private final long part;
                Fraction(int numerator, int denominator, long whole, long part) {
                  int g = gcd(Math.abs(numerator), Math.abs(denominator));
                  this.numerator = numerator / g; // reduced: a second crossing leaves it as it is
                  this.denominator = denominator / gcd(numerator, denominator);
                  this.whole = whole * 1;
                  this.part = 0 + part;
                }
                private static int gcd(int a, int b) { return b == 0 ? Math.max(a, 1) : gcd(b, a % b); }
                int getNumerator() { return numerator; }
                int getDenominator() { return denominator; }
                long getWhole() { return whole; }
                long getPart() { return part; }
              }
              """),
          source(
              "test.Person",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Person {
                private final String first;
                private final String last;
                private final String full;
                private final String id;
                private final String alias;
                Person(String first, String last, String full, String id, String alias) {
                  this.first = first;
                  this.last = last;
                  this.full = first + " " + last; // derived: computed again from the values sent
                  this.id = "" + id;
                  this.alias = id;
                }
                String getFirst() { return first; }
                String getLast() { return last; }
                String getFull() { return full; }
                String getId() { return id; }
                String getAlias() { return alias; }
              }
              """),
          source(
              "test.Named",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              class Named {
                private final String name;
                Named(String name) { this.name = name; }
                String getName() { return name; }
              }
              """),
          source(
              "test.Item",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Item extends Named {
                private String label;
                Item(String name, String label) {
                  super(name); // stores name where the trees of Item do not show
                  this.label = name; // a default, overwritten when a label is given
                  if (label != null) {
                    this.label = label;
                  }
                }
                String getLabel() { return label; }
              }
              """),
          source(
              "test.Widget",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Widget {
                private String title;
                private String tooltip;
                Widget(String title, String tooltip) {
                  this.tooltip = title;
                  setTitle(title); // overloaded: not followed
                  setTooltip(tooltip);
                }
                void setTitle(String title) { this.title = title; }
                void setTitle(char[] title) { this.title = new String(title); }
                void setTooltip(String tooltip) {
                  if (tooltip != null) {
                    this.tooltip = tooltip;
                  }
                }
                String getTitle() { return title; }
                String getTooltip() { return tooltip; }
              }
              """),
          source(
              "test.Tag",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Tag {
                private final String name;
                private String label;
                private String slug;
                Tag(String name, String label, String slug) {
                  this.label = name; // a default, overwritten when a label is given
                  this.name = name.trim(); // its own field, normalized
                  if (label != null) {
                    this.label = label;
                  }
                  this.slug = slug;
                }
                String getName() { return name; }
                String getLabel() { return label; }
                String getSlug() { return slug; }
              }
              """));

  /**
   * The legal twins: each parameter in the field of its name; a constructor and getters that swap
   * alike, which cancel out; constructors that normalize (sorting two bounds, trimming, a default
   * for null, a copy), whose values cross as they are; a derived field left transient; a
   * parameter stored in its own field and, as a default, in another; a fraction reduced by a
   * divisor the constructor computes, or changed by the operator's identity ({@code "" + id},
   * {@code x * 1}), which a second crossing leaves as it is; and a final field the constructor
   * computes from the other values ({@code this.full = first + " " + last;}) whose own parameter
   * goes unused; and a parameter stored, as a default, in another field, and in its own through
   * {@code super(name)} or an overloaded setter the trees do not follow, or normalized ({@code
   * this.name = name.trim();}) (found by pojos53 in real value classes: each compiled, with the
   * codec generated, to copies equal to the values sent).
   */
  @Test
  void constructorStoringAParameterInAnotherField_twin_compilesClean() {
    assertCompilesClean(MISROUTED_TWINS.toArray(Source[]::new));
  }

  public static final List<Source> DERIVED =
      List.of(
          source(
              "test.Shouted",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Shouted {
                private final String name;
                private String upper;
                Shouted(String name, String upper) { // ferry:transferable-shape @upper
                  this.name = name;
                  this.upper = name.toUpperCase();
                }
                void shout() { upper = upper + "!"; }
                String getName() { return name; }
                String getUpper() { return upper; }
              }
              """),
          source(
              "test.Draft",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Draft {
                private String title;
                private String originalTitle;
                Draft(String title, String originalTitle) { // ferry:transferable-shape @originalTitle
                  this.title = title;
                  this.originalTitle = title;
                }
                void setTitle(String title) { this.title = title; }
                String getTitle() { return title; }
                String getOriginalTitle() { return originalTitle; }
              }
              """));

  /**
   * A field computed in the constructor from another value while its own parameter goes unused
   * crosses only if neither it nor what it is computed from changes after: {@code shout()}
   * appending to {@code upper}, or {@code setTitle} leaving {@code originalTitle} behind (a dirty
   * check), made copies that held what the copy's constructor computed from the values sent, not
   * the values sent. (A final {@code full} that {@code setFirst} leaves behind is trusted: the
   * check matches writes by name alone, and a builder's namesake would refuse a legal class) (found by newcheck54's
   * corpus, with codecs generated by the processor before the check: {@code originalTitle} sent
   * "a", got "b").
   */
  @Test
  void fieldComputedFromAValueThatChangesAfter_isReportedOnTheParameter() {
    Compilation compilation = assertDiagnostics(DERIVED.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.valueUnused(
                    "Draft", "Draft(String title, String originalTitle)", true, "originalTitle",
                    "getOriginalTitle()")));
  }

  public static final List<Source> DERIVED_TWINS =
      List.of(
          source(
              "test.Shouted",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Shouted {
                private final String name;
                private String upper;
                Shouted(String name, String upper) {
                  this.name = name;
                  this.upper = name.toUpperCase(); // never assigned again: every value holds it
                }
                String getName() { return name; }
                String getUpper() { return upper; }
              }
              """),
          source(
              "test.Line",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              class Line {
                long unitCents;
                int quantity;
                long totalCents;
                Line(long unitCents, int quantity, long totalCents) {
                  this.unitCents = unitCents;
                  this.quantity = quantity;
                  this.totalCents = unitCents * quantity;
                }
                long total() { return totalCents; }
              }
              """),
          source(
              "test.Kinded",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Kinded {
                enum Kind { SMALL, LARGE }
                private Kind kind;
                private String label;
                Kinded(Kind kind, String label) {
                  this.kind = kind;
                  this.label = kind.name().toLowerCase();
                }
                Kind getKind() { return kind; }
                String getLabel() { return label; }
              }
              """),
          source(
              "test.Schema",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Schema {
                private final String name;
                private final int version;
                private final String parent;
                Schema(String name, int version, String parent) {
                  this.name = name;
                  this.version = 2; // every value holds 2
                  this.parent = null;
                }
                String getName() { return name; }
                int getVersion() { return version; }
                String getParent() { return parent; }
              }
              """),
          source(
              "test.Keyed",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Keyed {
                private final String key;
                private final String name;
                private final int size;
                Keyed(String key, String name, int size) {
                  this.key = name; // key always equals name
                  this.name = name;
                  this.size = size;
                }
                Keyed(String name, int size) {
                  this(null, name, size);
                }
                String getKey() { return name; }
                String getName() { return name; }
                int getSize() { return size; }
                @Override public String toString() { return key + "=" + size; }
              }
              """),
          source(
              "test.Coded",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Coded {
                private final String code;
                private final String label;
                Coded(String code, String label) {
                  this.code = code;
                  this.label = code;
                }
                String getCode() { return code; }
                String getLabel() { return code; } // label always equals code
                @Override public String toString() { return label; }
              }
              """));

  /**
   * The legal twins: a field computed from another value (a private one, {@code upper}, or one
   * read directly, {@code totalCents}) that nothing but the constructor assigns, and whose source
   * no method changes; a final field the constructor sets to a literal, which every value holds;
   * and a getter returning another final field that every constructor sets to the same parameter
   * ({@code this.key = name; this.name = name;}), whose value it is too. Each was refused before,
   * and each compiled, with the codec generated before the check, to copies equal to the values
   * sent (newcheck54's corpus).
   */
  @Test
  void fieldComputedFromAValueThatChangesAfter_twin_compilesClean() {
    assertCompilesClean(DERIVED_TWINS.toArray(Source[]::new));
  }

  public static final Source THROUGH_A_LOCAL =
      source(
          "test.Cell",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          @Transferable
          final class Cell {
            private final int x;
            private final int y;
            Cell(int x, int y) {
              this.x = x;
              this.y = y;
            }
            int getX() { return x; }
            int getY() { // ferry:transferable-shape @getY
              int r = x;
              return r;
            }
          }
          """);

  /**
   * A getter returning another field through a local ({@code int r = x; return r;} in {@code
   * getY()}) compiled to a codec that sent {@code x} as {@code y}: the copy held 3 for a {@code y}
   * of 4 (newcheck54's corpus). Told as a getter returning {@code x} is.
   */
  @Test
  void getterReturningAnotherFieldThroughALocal_isReportedOnTheGetter() {
    Compilation compilation = assertDiagnostics(THROUGH_A_LOCAL);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.getterReadsAnotherField("Cell", "getY", "y", "x")));
  }

  public static final Source THROUGH_A_LOCAL_TWIN =
      source(
          "test.Cell",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          @Transferable
          final class Cell {
            private final int x;
            private final int y;
            Cell(int x, int y) {
              this.x = x;
              this.y = y;
            }
            int getX() { return x; }
            int getY() {
              int r = y;
              return r;
            }
          }
          """);

  @Test
  void getterReturningAnotherFieldThroughALocal_twin_itsOwnFieldCompilesClean() {
    assertCompilesClean(THROUGH_A_LOCAL_TWIN);
  }

  /** A superclass in a file of its own, whose getter returns its field as it is. */
  public static final Source SUPER_ENTITY =
      source(
          "test.Entity",
          """
          package test;
          class Entity {
            private int id;
            public int getId() { return id; }
            public void setId(int id) { this.id = id; }
          }
          """);

  // The subclass's file comes first here; THROUGH_SUPER_ENTITY_FIRST gives the other order, in
  // which javac writes out Entity, and drops its trees, before it analyzes Order (inherit55).
  public static final List<Source> THROUGH_SUPER =
      List.of(
          source(
              "test.Order",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              class Order extends Entity {
                private String item;
                public Order() {}
                @Override public int getId() { // ferry:transferable-shape @getId
                  return super.getId() + 1000;
                }
                public String getItem() { return item; }
                public void setItem(String item) { this.item = item; }
              }
              """),
          SUPER_ENTITY);

  /**
   * A getter overriding one that returns the field, and changing what it returns ({@code return
   * super.getId() + 1000;}), compiled to a codec that read the changed value and stored it through
   * the inherited setter: the copy held 1007 for an id of 7 (newcheck54's corpus). Told as a
   * getter returning {@code id + 1000} is.
   */
  @Test
  void getterChangingWhatTheOverriddenGetterReturns_isReportedOnTheGetter() {
    Compilation compilation = assertDiagnostics(THROUGH_SUPER.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnRead("Order", "getId", "id", "super.getId() + 1000")));
  }

  public static final List<Source> THROUGH_SUPER_TWINS =
      List.of(
          source(
              "test.Order",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              class Order extends Entity {
                private String item;
                public Order() {}
                @Override public int getId() { return super.getId(); }
                public String getItem() { return item; }
                public void setItem(String item) { this.item = item; }
              }
              """),
          SUPER_ENTITY);

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_twin_returningItAsItIsCompilesClean() {
    assertCompilesClean(THROUGH_SUPER_TWINS.toArray(Source[]::new));
  }

  /**
   * {@link #THROUGH_SUPER} with the superclass's file first: javac attributes, lowers and writes
   * out {@code Entity} before it analyzes {@code Order}, and then had no trees of {@code Entity}
   * left, so the check saw no getter returning {@code id} to compare {@code super.getId() + 1000}
   * with, and the class compiled to a codec that changed the id at each crossing. The verdict no
   * longer depends on the order of the files.
   */
  public static final List<Source> THROUGH_SUPER_ENTITY_FIRST =
      List.of(THROUGH_SUPER.get(1), THROUGH_SUPER.get(0));

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_superclassFileFirst_isReportedAlike() {
    Compilation compilation = assertDiagnostics(THROUGH_SUPER_ENTITY_FIRST.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnRead("Order", "getId", "id", "super.getId() + 1000")));
  }

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_twin_superclassFileFirstCompilesClean() {
    assertCompilesClean(THROUGH_SUPER_TWINS.get(1), THROUGH_SUPER_TWINS.get(0));
  }

  /** {@link #THROUGH_SUPER} in one file, the superclass declared first: javac takes it first. */
  public static final Source THROUGH_SUPER_ONE_FILE =
      source(
          "test.Order",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          class Entity {
            private int id;
            public int getId() { return id; }
            public void setId(int id) { this.id = id; }
          }
          @Transferable
          class Order extends Entity {
            private String item;
            public Order() {}
            @Override public int getId() { // ferry:transferable-shape @getId
              return super.getId() + 1000;
            }
            public String getItem() { return item; }
            public void setItem(String item) { this.item = item; }
          }
          """);

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_superclassDeclaredFirstInTheFile_isReported() {
    assertThat(assertDiagnostics(THROUGH_SUPER_ONE_FILE)).hadErrorCount(1);
  }

  @Test
  void getterChangingWhatTheOverriddenGetterReturns_twin_superclassDeclaredFirstCompilesClean() {
    assertCompilesClean(
        source(
            "test.Order",
            THROUGH_SUPER_ONE_FILE
                .text()
                .replace("return super.getId() + 1000;", "return super.getId();")
                .replace(" // ferry:transferable-shape @getId", "")));
  }

  /** A superclass whose setter changes the value it is handed. */
  public static final Source CHANGING_SUPER_SETTER =
      source(
          "test.Entity",
          """
          package test;
          class Entity {
            private int id;
            public int getId() { return id; }
            public void setId(int id) { this.id = id + 1; }
          }
          """);

  public static final Source THROUGH_SUPER_SETTER =
      source(
          "test.Order",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          @Transferable
          class Order extends Entity { // ferry:transferable-shape @class
            private String item;
            public Order() {}
            public String getItem() { return item; }
            public void setItem(String item) { this.item = item; }
          }
          """);

  /**
   * A class built by its no-argument constructor whose inherited setter stores {@code id + 1}: the
   * codec writes {@code id} through it, so each copy held another id. Told whichever file javac
   * takes first; with {@code Entity} first it went untold (its trees were gone, inherit55).
   */
  @Test
  void inheritedSetterChangingItsValue_isReportedWhicheverFileComesFirst() {
    for (List<Source> order :
        List.of(
            List.of(THROUGH_SUPER_SETTER, CHANGING_SUPER_SETTER),
            List.of(CHANGING_SUPER_SETTER, THROUGH_SUPER_SETTER))) {
      Compilation compilation = assertDiagnostics(order.toArray(Source[]::new));
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation).hadErrorContaining("`setId(int)` stores `id + 1` in `id`");
    }
  }

  @Test
  void inheritedSetterChangingItsValue_twin_storingItAsItIsCompilesCleanInEitherOrder() {
    Source order =
        source(
            "test.Order",
            THROUGH_SUPER_SETTER.text().replace(" // ferry:transferable-shape @class", ""));
    assertCompilesClean(order, SUPER_ENTITY);
    assertCompilesClean(SUPER_ENTITY, order);
  }

  /**
   * A field a constructor computes from another ({@code this.upper = name.toUpperCase();}), both
   * declared in a superclass that nothing else assigns them in, is derived and crosses: legal in
   * either order. With the superclass's file first, javac had dropped its trees, the writes could
   * not be read, and the class was at risk of being refused for a parameter it leaves unused.
   */
  @Test
  void inheritedFieldComputedByTheConstructor_compilesCleanInEitherOrder() {
    Source named =
        source(
            "test.Named",
            """
            package test;
            class Named {
              String name;
              String upper;
              public String getName() { return name; }
              public String getUpper() { return upper; }
            }
            """);
    Source tag =
        source(
            "test.Tag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            class Tag extends Named {
              Tag(String name, String upper) {
                this.name = name;
                this.upper = name.toUpperCase();
              }
            }
            """);
    assertCompilesClean(tag, named);
    assertCompilesClean(named, tag);
  }

  public static final List<Source> CHANGED =
      List.of(
          source(
              "test.Pair",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Pair {
                private final int x;
                private final int y;
                Pair(int x, int y) {
                  this.x = x;
                  this.y = y;
                }
                int getX() { return x; }
                int getY() { return x; } // ferry:transferable-shape @getY
              }
              """),
          source(
              "test.Scaled",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Scaled {
                private final int x;
                Scaled(int x) {
                  this.x = x;
                }
                int getX() { return x * 10; } // ferry:transferable-shape @getX
              }
              """),
          source(
              "test.Visits",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Visits {
                private final int count;
                private final String name;
                Visits(int count, String name) { // ferry:transferable-shape @count
                  this.count = count + 1;
                  this.name = name;
                }
                int count() { return count; }
                String name() { return name; }
              }
              """),
          source(
              "test.Lamp",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Lamp {
                private final boolean on;
                Lamp(boolean on) {
                  this.on = on;
                }
                boolean isOn() { return !on; } // ferry:transferable-shape @isOn
              }
              """),
          source(
              "test.Swapping",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Swapping {
                private int x;
                private int y;
                Swapping() {}
                int getX() { return x; }
                void setX(int x) { this.y = x; } // ferry:transferable-shape @setX
                int getY() { return y; }
                void setY(int y) { this.y = y; }
              }
              """));

  /**
   * A getter the codec reads a field through that returns another field ({@code getY()}
   * returning {@code x}), or the field changed by arithmetic ({@code x * 10}), sent that value,
   * which the copy then held in the field (classoracle53). So did a constructor or setter that
   * changes what it is handed ({@code count + 1}, a concatenation): each crossing changed it again.
   */
  @Test
  void getterOrConstructorChangingTheValue_isReported() {
    Compilation compilation = assertDiagnostics(CHANGED.toArray(Source[]::new));
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.getterReadsAnotherField("Pair", "getY", "y", "x")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.changedOnRead("Lamp", "isOn", "on", "!on")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(Messages.changedOnRead("Scaled", "getX", "x", "x * 10")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.changedOnWrite(
                    "Visits", "Visits(int count, String name)", true, "count", "count + 1", "count()")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.TRANSFERABLE_SHAPE.format(
                Messages.storedInAnotherField("Swapping", "setX(int)", false, "x", "y", "getX()")));
  }

  public static final List<Source> CHANGED_TWINS =
      List.of(
          source(
              "test.Pair",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Pair {
                private final int x;
                private final int y;
                Pair(int x, int y) {
                  this.x = x;
                  this.y = y;
                }
                int getX() { return x; }
                int getY() { return y; }
                int getScaled() { return x * 10; }
              }
              """),
          source(
              "test.Cents",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Cents {
                private final long amount;
                private final int flags;
                Cents(long amount, int flags) {
                  this.amount = amount * 100;
                  this.flags = flags & 0xFF;
                }
                long getAmount() { return amount / 100; }
                int getFlags() { return flags; }
              }
              """),
          source(
              "test.Visits",
              """
              package test;
              import dev.ferry.annotation.Transferable;
              @Transferable
              final class Visits {
                private int count;
                private String name;
                Visits() {}
                int getCount() { return count; }
                void setCount(int count) { this.count = count; }
                String getName() { return name; }
                void setName(String name) { this.name = name.strip(); }
                static Visits first(String name) {
                  Visits v = new Visits();
                  v.setCount(1);
                  v.setName(name);
                  return v;
                }
              }
              """));

  /**
   * The legal twins: the fixes the messages give, a getter and constructor whose changes undo each
   * other, a mask (which leaves the value it made as it is), and a computed value under another name.
   */
  @Test
  void getterOrConstructorChangingTheValue_twin_compilesClean() {
    assertCompilesClean(CHANGED_TWINS.toArray(Source[]::new));
  }
}
