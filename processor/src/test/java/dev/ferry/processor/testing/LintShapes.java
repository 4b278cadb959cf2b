package dev.ferry.processor.testing;

/**
 * Sources whose generated codecs must compile without any warning under both javac's {@code
 * -Xlint:all -Werror} and ECJ's defaults (which report an unnecessary {@code @SuppressWarnings}),
 * shared by the javac and ECJ tests so that both compilers judge the same code.
 */
public final class LintShapes {
  private LintShapes() {}

  /**
   * {@code test.Generic}: generic records and classes of every kind of member a type variable
   * reaches (bounded, multiply bounded, arrays of it, collections of it, a setter and a field of
   * it), generic types with no member of their variable, non-generic holders of generic arrays
   * and of generic annotated types, and a generic holder of them ({@code One<T>[]}, which the codec
   * sees as {@code One<?>[]}).
   */
  public static final String GENERIC_TYPES =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      import java.io.Serializable;
      import java.util.*;
      public final class Generic {
        @Transferable public record One<T>(T value) {}
        @Transferable public record Arr<T>(T[] items) {}
        @Transferable public record Num<N extends Number>(N n, int k) {}
        @Transferable public record Unused<T>(int x) {}
        @Transferable public record Fixed<T>(List<String> names, int k) {}
        @Transferable public record Ranked<T extends Comparable<T>>(T value, int rank) {}
        @Transferable public record Ser<T extends Comparable<T> & Serializable>(T v, T[] vs) {}
        @Transferable public record Deep<T extends Comparable<T>>(
            T[][] grid, List<T> list, Map<String, T> map, SortedSet<T> sorted, Optional<T> opt) {}
        @Transferable public record Inexact(List<? extends Integer> xs) {}
        @Transferable public record NestedInexact(
            Set<List<? extends Integer>> groups, Map<String, Optional<? extends E>> byName) {}
        @Transferable public record GenArr(List<String>[] lists, Optional<Integer>[][] opts) {}
        @Transferable public record GenArrOf<T>(SortedMap<String, String>[] maps, List<T>[] lists, T t) {}
        @Transferable public record InexactArr(List<? extends Integer>[] xs, Set<? extends E>[][] sets) {}
        @Transferable public record Ones(One<String>[] ones, List<One<Integer>>[] lists) {}
        @Transferable public record OnesOf<T>(One<T>[] ones, List<One<T>> list, One<T> one) {}
        @Transferable public record Holder(One<String> one, List<One<Long>> ones, Shape<String> shape) {}
        @Transferable public sealed interface Shape<T> permits Square, Circle {}
        @Transferable public record Square<T>(T side) implements Shape<T> {}
        @Transferable public record Circle<T>(int r) implements Shape<T> {}
        @Transferable public enum E { A, B }
        @Transferable public record EnumBound<X extends Enum<X>>(X e, EnumSet<E> set) {}
        @Transferable public static final class Bean<T> {
          private T v;
          public Bean() {}
          public T getV() { return v; }
          public void setV(T v) { this.v = v; }
        }
        @Transferable public static final class Fields<T> {
          public T v;
          public int n;
          public Fields() {}
        }
        @dev.ferry.annotation.InheritOnly
        public record Bundle<T>(dev.ferry.Channel<T> in, dev.ferry.Channel<List<String>> names) {}
        @dev.ferry.annotation.InheritOnly public record Lane<T>(dev.ferry.Channel<T> in) {}
        @Transferable public static final class Counter<T> {
          private int n;
          public Counter() {}
          public int getN() { return n; }
          public void setN(int n) { this.n = n; }
        }
      }
      """;

  /**
   * {@code test.Old}: a record whose only deprecated element is a component, so that its implicit
   * accessor, which the codec calls, is deprecated for javac and not for ECJ.
   */
  public static final String DEPRECATED_COMPONENT =
      """
      package test;
      @dev.ferry.annotation.Transferable
      public record Old(@Deprecated String name, int count) {}
      """;

  /**
   * {@code test.NoNulls}: collections that hold no nulls (a {@code Queue}, {@code Deque}) of arrays,
   * collections, maps and optionals. Their codecs refuse a null element before writing it, so the
   * element is written without the null test ECJ would call dead code.
   */
  public static final String NULL_FREE_CONTAINERS =
      """
      package test;
      import java.util.*;
      @dev.ferry.annotation.Transferable
      public record NoNulls(Deque<List<String>> lists, Queue<int[]> arrays, Deque<String[]> names,
          Queue<Map<String, Integer>> maps, Deque<Optional<String>> optionals,
          Queue<Deque<Set<Long>>> nested) {}
      """;

  /**
   * {@code test.Legacy}: hand-written codecs that are deprecated, one as a class (its members too,
   * as ECJ asks) and one by its {@code INSTANCE} (for removal), a record holding their types and a record holding that record.
   * Each generated codec names both codecs' {@code INSTANCE} (the holder's to write its members,
   * both to mix their fingerprints into their own), so each suppresses both categories; they used
   * to suppress neither.
   */
  public static final String DEPRECATED_CODECS =
      """
      package test;
      import dev.ferry.ByteInput;
      import dev.ferry.ByteOutput;
      import dev.ferry.Codec;
      import dev.ferry.annotation.Transferable;
      import dev.ferry.annotation.TransferableCodec;
      import java.util.List;
      public final class Legacy {
        public record Money(long cents) {}
        public record Rate(int basisPoints) {}
        @Deprecated
        @TransferableCodec
        public static final class MoneyCodec implements Codec<Money> {
          @Deprecated public static final MoneyCodec INSTANCE = new MoneyCodec();
          @Deprecated public void write(ByteOutput out, Money m) { out.writeSignedVarLong(m.cents()); }
          @Deprecated public Money read(ByteInput in) { return new Money(in.readSignedVarLong()); }
          @Deprecated public long fingerprint() { return 1; }
        }
        @TransferableCodec
        public enum RateCodec implements Codec<Rate> {
          @Deprecated(forRemoval = true) INSTANCE;
          public void write(ByteOutput out, Rate r) { out.writeSignedVarInt(r.basisPoints()); }
          public Rate read(ByteInput in) { return new Rate(in.readSignedVarInt()); }
          public long fingerprint() { return 2; }
        }
        @Transferable public record Invoice(Money total, List<Rate> rates) {}
        @Transferable public record Ledger(List<Invoice> invoices) {}
      }
      """;
}
