package dev.ferry.processor.roundtrip;

import dev.ferry.annotation.Transferable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Types compiled by Ferry's own processor in this module's test compilation. */
final class Fixtures {
  private Fixtures() {}

  @Transferable
  record Primitives(
      boolean z, byte b, short s, char c, int i, long l, float f, double d) {}

  @Transferable
  record Boxes(
      Boolean z, Byte b, Short s, Character c, Integer i, Long l, Float f, Double d) {}

  @Transferable
  enum Color {
    RED,
    GREEN,
    BLUE
  }

  /** An enum with a constant that has a body, whose getClass() is not the enum. */
  @Transferable
  enum Mood {
    CALM,
    ANGRY {
      @Override
      public String toString() {
        return "!";
      }
    }
  }

  @Transferable
  record Texts(String a, String b, Color color, TimeUnit unit) {}

  @Transferable
  record Arrays(
      boolean[] z,
      byte[] b,
      short[] s,
      char[] c,
      int[] i,
      long[] l,
      float[] f,
      double[] d,
      String[] strings,
      int[][] grid,
      Color[] colors) {}

  @Transferable
  record Collections(
      List<String> list,
      Set<Integer> set,
      Map<String, List<Long>> map,
      Collection<Color> collection,
      Optional<String> optional,
      Optional<List<Optional<Integer>>> deep,
      List<Map<Color, Set<String>>> nested) {}

  @Transferable
  record Times(
      Instant instant,
      Duration duration,
      LocalDate date,
      LocalTime time,
      LocalDateTime dateTime,
      OffsetDateTime offsetDateTime,
      ZonedDateTime zonedDateTime,
      ZoneId zone,
      UUID uuid,
      BigInteger bigInteger,
      BigDecimal bigDecimal) {}

  @Transferable
  record MoreJdkValues(
      java.net.URI uri,
      java.nio.file.Path path,
      java.util.Locale locale,
      java.util.Currency currency,
      java.util.OptionalInt optionalInt,
      java.util.OptionalLong optionalLong,
      java.util.OptionalDouble optionalDouble,
      java.util.BitSet bits,
      java.time.Period period,
      java.time.Year year,
      java.time.YearMonth yearMonth,
      java.time.MonthDay monthDay,
      java.time.OffsetTime offsetTime,
      java.time.ZoneOffset zoneOffset) {}

  @Transferable
  record SortedAndQueued(
      java.util.SortedSet<String> sortedSet,
      java.util.NavigableSet<Integer> navigableSet,
      java.util.SortedMap<String, List<Long>> sortedMap,
      java.util.NavigableMap<Color, Tag> navigableMap,
      java.util.Queue<Tag> queue,
      java.util.Deque<String> deque,
      java.util.EnumSet<Color> colors,
      java.util.EnumMap<Color, String> names) {}

  @Transferable
  record Tag(String name, int weight) {}

  @Transferable
  record Tagged(Tag main, List<Tag> tags, Map<String, Tag> byName, Tag[] array) {}

  @Transferable
  sealed interface Shape permits Circle, Square, Group {}

  @Transferable
  record Circle(double radius) implements Shape {}

  @Transferable
  record Square(double side) implements Shape {}

  @Transferable
  record Group(List<Shape> members) implements Shape {}

  @Transferable
  record Drawing(Shape root, List<Shape> shapes) {}

  /** A sealed type whose permitted classes are sealed in turn, the records two levels down. */
  @Transferable
  sealed interface Vehicle permits Car, Boat {}

  @Transferable
  record Car(int wheels) implements Vehicle {}

  @Transferable
  sealed interface Boat extends Vehicle permits Sailboat, Motorboat {}

  @Transferable
  record Sailboat(double sail) implements Boat {}

  @Transferable
  record Motorboat(int horsepower) implements Boat {}

  /**
   * A sealed type with more permitted classes than its codec tests a value against in turn, one of
   * them sealed in turn: the codec looks the value's class up instead.
   */
  @Transferable
  sealed interface Signal {
    @Transferable
    record S0(int level) implements Signal {}

    @Transferable
    record S1(int level) implements Signal {}

    @Transferable
    record S2(int level) implements Signal {}

    @Transferable
    record S3(int level) implements Signal {}

    @Transferable
    record S4(int level) implements Signal {}

    @Transferable
    record S5(int level) implements Signal {}

    @Transferable
    record S6(int level) implements Signal {}

    @Transferable
    record S7(int level) implements Signal {}

    @Transferable
    record S8(int level) implements Signal {}

    @Transferable
    record S9(int level) implements Signal {}

    @Transferable
    record S10(int level) implements Signal {}

    @Transferable
    record S11(int level) implements Signal {}

    @Transferable
    record S12(int level) implements Signal {}

    @Transferable
    record S13(int level) implements Signal {}

    @Transferable
    record S14(int level) implements Signal {}

    @Transferable
    record S15(int level) implements Signal {}

    @Transferable
    sealed interface Band extends Signal {}

    @Transferable
    record Low(double hertz) implements Band {}

    @Transferable
    record High(double hertz) implements Band {}
  }

  @Transferable
  record Trace(Signal first, List<Signal> rest) {}

  @Transferable
  record Node(int value, Node next) {}

  /** A class rebuilt through a constructor that takes its fields by name and type. */
  @Transferable
  static final class Account {
    private final String owner;
    private final long balance;
    transient int cachedHash;

    Account(long balance, String owner) {
      this.owner = owner;
      this.balance = balance;
    }

    String owner() {
      return owner;
    }

    long getBalance() {
      return balance;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account a && a.owner.equals(owner) && a.balance == balance;
    }

    @Override
    public int hashCode() {
      return owner.hashCode() * 31 + Long.hashCode(balance);
    }
  }

  /** A class rebuilt with a no-argument constructor and setters or field stores. */
  @Transferable
  static class Settings {
    int retries;
    private String mode;
    transient String cache = "not copied";

    Settings() {}

    String getMode() {
      return mode;
    }

    void setMode(String mode) {
      this.mode = mode;
    }
  }

  /**
   * Final fields set by initializers, which the codec leaves alone: a constant every instance
   * holds, and a transient list each process fills for itself.
   */
  @Transferable
  static final class Stamped {
    final int version = 3;
    final transient List<String> log = new java.util.ArrayList<>();
    final String name;

    Stamped(String name) {
      this.name = name;
    }
  }

  /**
   * A final list set by its initializer and filled by the constructor that takes it: the codec
   * writes the list and passes it to that constructor, which copies it in.
   */
  @Transferable
  static final class Basket {
    private final List<String> items = new java.util.ArrayList<>();
    private final String owner;

    Basket(String owner, List<String> items) {
      this.owner = owner;
      this.items.addAll(items);
    }

    List<String> items() {
      return items;
    }

    String owner() {
      return owner;
    }
  }

  /** Not annotated: its codec would be Settings', which does not know {@code level}. */
  static class TunedSettings extends Settings {
    int level = 7;
  }

  /** As Settings, with a name read with "an" (the refusals below say "an Options"). */
  @Transferable
  static class Options {
    int level;
  }

  static class ExtraOptions extends Options {}

  /** A member typed as a class that is not final, so that it may hold a subclass. */
  @Transferable
  record Profile(String user, Settings settings) {}

  @Transferable
  abstract static sealed class Event permits Started, Stopped {}

  @Transferable
  static final class Started extends Event {
    final Instant at;

    Started(Instant at) {
      this.at = at;
    }
  }

  @Transferable
  static final class Stopped extends Event {
    final int code;

    Stopped(int code) {
      this.code = code;
    }
  }

  @Transferable
  record Empty() {}

  /** Elements whose codec writes no bytes keep a presence byte each (see ShapeCode.flagsNulls). */
  @Transferable
  record Empties(List<Empty> list, Empty[] array, List<Integer> numbers) {}

  /** A record with no members that has a natural order: any two are the same. */
  @Transferable
  record Unit() implements Comparable<Unit> {
    @Override
    public int compareTo(Unit other) {
      return 0;
    }
  }

  /**
   * Elements and keys whose codec writes no bytes keep a presence byte each in the collections
   * that hold no nulls too (see TypeShape.mayWriteNothing).
   */
  @Transferable
  record EmptiesHeld(
      java.util.Deque<Empty> deque,
      java.util.Queue<Empty> queue,
      java.util.SortedSet<Unit> sorted,
      java.util.SortedMap<Unit, Integer> byUnit) {}

  @Transferable
  record Box<T>(T value) {}

  @Transferable
  record Pair<A, B>(A first, List<B> seconds, Box<A> boxed) {}

  @Transferable
  record Boxes2(Box<String> text, Box<Tag> tag, List<Box<Integer>> numbers, Pair<String, Long> pair) {}

  /** Arrays of a type variable, which Java creates with the class the writer chose. */
  @Transferable
  record Shelf<T>(T[] items, T[][] rows, List<T[]> pages) {}

  /** A member that uses Shelf with a concrete type argument. */
  @Transferable
  record Library(Shelf<String> titles) {}

  @Transferable
  sealed interface Result<T> permits Ok, Failed {}

  @Transferable
  record Ok<T>(T value) implements Result<T> {}

  @Transferable
  record Failed<T>(String error) implements Result<T> {}

  @Transferable
  record Outcome(Result<Tag> result) {}

  /** Bounded type variables: the codec calls the raw constructor with erased members. */
  /** A class whose constructor and accessor declare a checked exception. */
  @Transferable
  static final class Guarded {
    private final String name;

    Guarded(String name) throws java.io.IOException {
      this.name = name;
    }

    public String getName() throws java.io.IOException {
      if (name.isEmpty()) {
        throw new java.io.IOException("no name");
      }
      return name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Guarded g && g.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  /**
   * A class with final fields whose values are constants: every instance holds them, no
   * constructor takes them, and the codec copies only {@code title}.
   */
  @Transferable
  static final class Versioned {
    final int version = 3;
    final String kind = "doc";
    final String title;

    Versioned(String title) {
      this.title = title;
    }
  }

  /**
   * Two constructors take its fields, the first changing them ({@code s + "!"}, {@code x + 1}),
   * and two getters read {@code x}, the first changing it: the codec calls the plain ones.
   */
  @Transferable
  static final class Twice {
    private final String s;
    private final int x;

    Twice(int x, String s) {
      this.s = s + "!";
      this.x = x + 1;
    }

    Twice(String s, int x) {
      this.s = s;
      this.x = x;
    }

    String s() {
      return s;
    }

    int x() {
      return x + 100;
    }

    int getX() {
      return x;
    }
  }

  /** Built by a no-argument constructor and a setter that declare checked exceptions. */
  @Transferable
  static final class GuardedBean {
    private int size;

    GuardedBean() throws Exception {}

    public int getSize() {
      return size;
    }

    public void setSize(int size) throws java.io.IOException {
      this.size = size;
    }
  }

  /** A checked throwable that is no exception, which {@code catch (Exception e)} does not take. */
  static final class Oops extends Throwable {
    private static final long serialVersionUID = 1;

    Oops(String message) {
      super(message);
    }
  }

  /**
   * A class whose constructor declares {@code Throwable} and whose accessor declares a throwable
   * that is no exception: its codec must catch them as throwables, and let errors through.
   */
  @Transferable
  static final class Fragile {
    private final String name;
    private final int size;

    Fragile(String name, int size) throws Throwable {
      if (size < 0) {
        throw new Throwable("negative size " + size);
      }
      assert size != 13 : "unlucky size";
      this.name = name;
      this.size = size;
    }

    public String getName() throws Oops {
      if (name.isEmpty()) {
        throw new Oops("no name");
      }
      if (name.equals("error")) {
        throw new AssertionError("an error, not wrapped");
      }
      return name;
    }

    public int getSize() {
      return size;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fragile f && f.name.equals(name) && f.size == size;
    }

    @Override
    public int hashCode() {
      return name.hashCode() + size;
    }
  }

  /** Two enums named {@code Shade}: each must be read from its own cached constants. */
  @Transferable
  record Palette(
      Shade mine,
      dev.ferry.processor.roundtrip.lib.Shade theirs,
      List<dev.ferry.processor.roundtrip.lib.Shade> more) {}

  /** A compact constructor that validates: bytes it refuses are bad input to the reader. */
  @Transferable
  record Range(int low, int high) {
    Range {
      if (low > high) {
        throw new IllegalArgumentException("low > high");
      }
    }
  }

  /** Validates with an {@code assert}, as tests run: with assertions enabled. */
  @Transferable
  record Natural(int n) {
    Natural {
      assert n >= 0 : "negative: " + n;
    }
  }

  /** Orders by a boxed member, so a version read with a null one cannot be compared. */
  @Transferable
  record Version(Integer major) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
      return Integer.compare(major, other.major);
    }
  }

  /** Hashes a boxed member, so a key read with a null one cannot be hashed. */
  @Transferable
  record Key(Integer id) {
    @Override
    public int hashCode() {
      return Integer.hashCode(id);
    }
  }

  @Transferable
  record Catalog(java.util.SortedSet<Version> versions, Set<Key> keys, Map<Key, String> names) {}

  @Transferable
  record Distinct(
      Set<String> names,
      Map<String, Integer> counts,
      java.util.SortedSet<BigDecimal> prices,
      java.util.NavigableMap<BigDecimal, String> labels) {}

  @Transferable
  record Keeps(LostCodec.Lost one, List<LostCodec.Lost> many) {}

  @Transferable
  record Ranked<T extends Comparable<T>>(T value, int rank, List<T> runnersUp) {}

  @Transferable
  static final class Measured<N extends Number & Comparable<N>> {
    private N amount;
    private N[] history;

    public N getAmount() {
      return amount;
    }

    public void setAmount(N amount) {
      this.amount = amount;
    }

    public N[] getHistory() {
      return history;
    }

    public void setHistory(N[] history) {
      this.history = history;
    }
  }
}
