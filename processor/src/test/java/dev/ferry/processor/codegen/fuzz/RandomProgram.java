package dev.ferry.processor.codegen.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random legal program of {@code @Transferable} types, as README's "Supported member types"
 * describes them, and random values of those types, both as Java source; one seed makes one
 * program.
 *
 * <p>The program's types live in package {@code fz}: records (some with a compact constructor),
 * final classes built through a constructor (read through accessors, getters or fields) or a
 * no-argument constructor (written through setters or fields), some with a transient field and a
 * constant; enums with and without constant bodies and fields; sealed interfaces (generic ones
 * too) whose permitted records (and enums) are nested in them or not, some records holding the
 * interface itself (a tree: {@code List<Tree>}, {@code Optional<Tree>}), and abstract sealed
 * classes with final class permits; generic records with bounded type variables ({@code
 * Comparable<? super T>}, {@code Number & Comparable<T>}, {@code Enum<T>}, ...); types nested in others (sealed
 * types too: an interface in a record, an abstract class in an enum); some deprecated, some for
 * removal. Some types live in a second package, {@code fzb}, some named like one of {@code fz}'s,
 * using and used by {@code fz}'s. Plain classes of package {@code fzlib} are imported with {@code
 * @TransferableImport} (on a class or on {@code package-info}; generic ones, and sealed interfaces
 * or abstract classes with their permits, too) or have a hand-written {@code @TransferableCodec}
 * in {@code fz} (of a generic class too, declared {@code Codec<X<?>>} or raw), and plain enums of
 * {@code fzlib} cross as they are; a plain class of {@code fzb} with a package-private
 * constructor and accessors is imported on {@code fzb}'s {@code package-info}; half the
 * programs compile {@code fzlib} apart, as a library on the class path. Members are of every
 * supported kind, nested up to {@link #MAX_DEPTH} levels, with a type-use annotation at any depth
 * now and then, and named like the locals and types a codec might use ({@code out}, {@code codec},
 * {@code size}, {@code FINGERPRINT}, types {@code List}, {@code String}, {@code Codec} or {@code
 * ByteOutput}), some with letters outside ASCII ({@code Größe}, {@code 名前}). A generic type's
 * arguments may be generic types of the program, collections, maps, {@code Optional}s or
 * primitive arrays ({@code Box<Pair<String, List<Long>>>}, {@code Box<int[]>}), and a member may
 * write them as {@code ? extends X}. Enums may implement an interface with a body for every
 * constant; classes may be non-final (their values of exactly that class) and declare {@code
 * throws Exception} on their constructor and accessors; now and then a record has up to 119
 * components or a class hundreds of fields. Every type reaches only types declared before it (and
 * itself through a null), so each value is finite.
 *
 * <p>{@code fz.FzValues} holds the values: {@code v0()}, {@code v1()}, ... each return the class to
 * decode as and a value of a type of the program. All names in it are fully qualified, since the
 * program's types may shadow {@code java.lang}'s.
 */
public final class RandomProgram {
  public static final String PACKAGE = "fz";
  public static final String LIBRARY = "fzlib";
  /**
   * The program's second package: its types use those of {@code fz} and are used by them, some
   * with the simple name of one of {@code fz}'s, and it imports a class of its own whose
   * constructor and accessors are package-private, on its {@code package-info}.
   */
  public static final String OTHER_PACKAGE = "fzb";
  public static final String VALUES = "fz.FzValues";
  static final int MAX_DEPTH = 4;

  /** Qualified top-level name to source, of the program and (when compiled with it) the library. */
  public final Map<String, String> sources = new LinkedHashMap<>();
  /** The library's sources, when it is compiled apart, else empty. */
  public final Map<String, String> librarySources = new LinkedHashMap<>();
  public final int valueCount;
  public final long seed;

  private final Random random;
  private final List<Decl> decls = new ArrayList<>();
  private final Set<String> names = new LinkedHashSet<>();
  private final List<String> imports = new ArrayList<>();
  private final List<String> otherImports = new ArrayList<>();
  private final StringBuilder helpers = new StringBuilder();
  private int helperCount;

  // ---------------------------------------------------------------- the type model

  /** A member type, rendered fully qualified. */
  sealed interface Ty permits Prim, Plain, Arr, Coll, MapTy, Opt, User, Var, EnumColl, Wild {}

  /**
   * A wildcard type argument of a generic type of the program: {@code ?} ({@code exact} false and
   * {@code upper} the argument its values are made with) or {@code ? extends upper}.
   */
  record Wild(Ty upper, boolean bounded) implements Ty {}

  /** {@code boolean} ... {@code double}. */
  record Prim(String name) implements Ty {}

  /** A box, String or JDK value type: one source form and how to make a value of it. */
  record Plain(String src, boolean comparable, boolean nullable) implements Ty {}

  record Arr(Ty element) implements Ty {}

  /** {@code java.util.List} and the other one-element collections; {@code wildcard}: {@code ?
   * extends E}. */
  record Coll(String iface, String factory, Ty element, boolean wildcard) implements Ty {}

  record MapTy(String iface, String factory, Ty key, Ty value) implements Ty {}

  /** {@code EnumSet<E>} ({@code value == null}) or {@code EnumMap<E, V>}. */
  record EnumColl(EnumDecl enumDecl, Ty value) implements Ty {}

  record Opt(Ty element) implements Ty {}

  /** A type of the program or library, with type arguments for a generic record. */
  record User(Decl decl, List<Ty> arguments) implements Ty {}

  record Var(TypeVar variable) implements Ty {}

  /**
   * A type variable and its bound: "", "Comparable", "ComparableSuper" ({@code Comparable<? super
   * T>}, which {@code LocalDate} meets through {@code ChronoLocalDate}), "Number", "CharSequence",
   * "NumComp" ({@code Number & Comparable<T>}) or "Enum" ({@code Enum<T>}).
   */
  record TypeVar(String name, String bound) {
    String declaration() {
      return switch (bound) {
        case "" -> name;
        case "Comparable" -> name + " extends java.lang.Comparable<" + name + ">";
        case "ComparableSuper" -> name + " extends java.lang.Comparable<? super " + name + ">";
        case "Number" -> name + " extends java.lang.Number";
        case "CharSequence" -> name + " extends java.lang.CharSequence";
        case "Enum" -> name + " extends java.lang.Enum<" + name + ">";
        default -> name + " extends java.lang.Number & java.lang.Comparable<" + name + ">";
      };
    }
  }

  record Member(String name, Ty type) {}

  abstract static class Decl {
    String name;
    Decl outer;
    final List<Decl> nested = new ArrayList<>();
    String pkg = PACKAGE;
    /** The sealed type it is permitted by, or null. */
    SealedDecl sealed;
    boolean deprecated;
    /** A generic record's or sealed interface's type variables (its permits have the same). */
    final List<TypeVar> variables = new ArrayList<>();

    String qualified() {
      return (outer == null ? pkg : outer.qualified()) + "." + name;
    }

    /** Whether it is a type of the program, not of the library. */
    boolean ours() {
      return pkg.equals(PACKAGE) || pkg.equals(OTHER_PACKAGE);
    }

    boolean generic() {
      return !variables.isEmpty();
    }

    /** {@code <T, U>}, or "" if not generic. */
    String variableNames() {
      return generic()
          ? "<" + String.join(", ", variables.stream().map(TypeVar::name).toList()) + ">"
          : "";
    }
  }

  static final class RecordDecl extends Decl {
    final List<Member> members = new ArrayList<>();
    boolean compactConstructor;
  }

  /** A final class; {@code style} says how it is built and read. */
  static final class ClassDecl extends Decl {
    final List<Member> members = new ArrayList<>();
    /** "getters", "accessors", "fields", "setters", "stores". */
    String style;
    boolean library;
    boolean handWritten;
    /** A generic hand-written one's codec is declared {@code Codec<X>} raw, not {@code Codec<X<?>>}. */
    boolean rawCodec;
    /** A plain class of {@link #OTHER_PACKAGE} with package-private members, made by {@code make}. */
    boolean packagePrivate;
    /** A transient field and a constant, both left out of the bytes. */
    boolean skipped;
    /** Not final: its values are of exactly this class (README). */
    boolean open;
    /** Its constructor, accessors and setters declare {@code throws java.lang.Exception}. */
    boolean throwing;
  }

  static final class EnumDecl extends Decl {
    final List<String> constants = new ArrayList<>();
    boolean bodies;
    boolean field;
    /** It implements an interface, and each constant has a body implementing its method. */
    boolean implementing;
  }

  /** A sealed interface with record permits, or an abstract sealed class with final classes. */
  static final class SealedDecl extends Decl {
    final List<Decl> permits = new ArrayList<>();
    boolean abstractClass;
  }

  // ---------------------------------------------------------------- names

  private static final List<String> MEMBER_NAMES =
      List.of(
          "out", "in", "value", "codec", "i", "j", "n", "size", "length", "bytes", "result", "e",
          "type", "fingerprint", "INSTANCE", "read", "write", "element", "key", "entry", "it", "$",
          "$0", "a$b", "_1", "o", "list", "map", "array", "count", "index", "builder", "writer",
          "reader", "depth", "values", "x", "y", "name", "v", "k", "t", "String", "List", "Integer",
          "java", "fz", "FzValues", "other", "present", "tag", "id", "items", "b", "s", "c",
          "FINGERPRINT", "CODEC", "ByteOutput", "Codecs", "Objects", "dev", "ferry", "größe",
          "δx", "名前", "café", "ñ", "µs");

  private static final List<String> TYPE_NAMES =
      List.of(
          "List", "Codec", "String", "Map", "Set", "Optional", "Object", "Integer", "Entry", "Node",
          "Box", "Pair", "Codecs", "ByteOutput", "ByteInput", "Ferry", "Generated", "Override",
          "Transferable", "$X", "A$B", "X_Y", "Record", "Enum", "Comparable", "Arrays", "Objects",
          "Long", "Math", "System", "Class", "Iterable", "Collection", "EnumSet", "Character",
          "SuppressWarnings", "Deprecated", "Deque", "Number", "Item", "Shape", "Color", "Job",
          "Value", "Out", "In", "Größe", "Ωmega", "名前", "Ñandú", "Cafȩ", "INSTANCE", "FINGERPRINT",
          "FerryCodec", "ByteInput_", "Dynamic", "TransferException");

  private String typeName() {
    for (int attempt = 0; ; attempt++) {
      String name =
          attempt < 5 && random.nextInt(3) > 0
              ? TYPE_NAMES.get(random.nextInt(TYPE_NAMES.size()))
              : "T" + names.size() + "_" + random.nextInt(100);
      if (names.add(name)) {
        return name;
      }
    }
  }

  private String memberName(Set<String> taken) {
    for (int attempt = 0; ; attempt++) {
      String name =
          attempt < 5 ? MEMBER_NAMES.get(random.nextInt(MEMBER_NAMES.size())) : "m" + attempt;
      // A getter or setter is named after the member capitalized: "list" and "List" would clash.
      if (taken.add(name.toUpperCase(java.util.Locale.ROOT))) {
        return name;
      }
    }
  }

  // ---------------------------------------------------------------- building the program

  public RandomProgram(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    names.add("FzValues");
    names.add("Note");
    int count = 3 + random.nextInt(7);
    libraryTypes();
    for (int k = 0; k < count; k++) {
      declareOne();
    }
    this.valueCount = 6;
    render();
  }

  /** Plain classes of the library: imported ones and ones with a hand-written codec. */
  private void libraryTypes() {
    if (random.nextInt(3) == 0) {
      // An enum crosses without an annotation or an import.
      EnumDecl light = enumDecl();
      light.pkg = LIBRARY;
      decls.add(light);
    }
    int imported = random.nextInt(3);
    for (int k = 0; k < imported; k++) {
      ClassDecl decl = importedClass();
      if (random.nextInt(3) == 0) {
        // An imported generic class: its T is written by the value's run-time class.
        decl.variables.add(new TypeVar("T", ""));
        decl.members.add(new Member("held", new Var(decl.variables.get(0))));
      }
      decls.add(decl);
    }
    if (random.nextInt(4) == 0) {
      importedSealed();
    }
    if (random.nextInt(4) == 0) {
      packagePrivateImport();
    }
    if (random.nextInt(3) == 0) {
      ClassDecl decl = new ClassDecl();
      decl.pkg = LIBRARY;
      decl.name = typeName();
      decl.library = true;
      decl.handWritten = true;
      decl.style = "accessors";
      if (random.nextBoolean()) {
        // A codec of a generic type takes every parameterization (README): Codec<Kelvin<?>>.
        decl.variables.add(new TypeVar("T", ""));
        decl.rawCodec = random.nextBoolean();
      }
      decl.members.add(new Member("kelvin", new Prim("double")));
      decl.members.add(new Member("label", plain("java.lang.String")));
      decls.add(decl);
    }
  }

  /** A plain class of the library, imported with {@code @TransferableImport}. */
  private ClassDecl importedClass() {
    ClassDecl decl = new ClassDecl();
    decl.pkg = LIBRARY;
    decl.name = typeName();
    decl.library = true;
    decl.style = random.nextBoolean() ? "getters" : random.nextBoolean() ? "accessors" : "fields";
    // A class from a jar compiled without -parameters is matched to its constructor by its
    // fields' types, which must then differ (README, "Three ways").
    Set<String> taken = new LinkedHashSet<>(List.of("HELD"));
    Set<String> types = new LinkedHashSet<>();
    int members = 1 + random.nextInt(4);
    for (int m = 0; m < members; m++) {
      Ty type = leaf(false);
      if (types.add(source(type))) {
        decl.members.add(new Member(memberName(taken), type));
      }
    }
    imports.add(decl.qualified());
    return decl;
  }

  /**
   * A sealed interface or abstract sealed class of the library with final class permits, all
   * imported (README: "A sealed interface is imported with its permitted classes").
   */
  private void importedSealed() {
    SealedDecl decl = new SealedDecl();
    decl.pkg = LIBRARY;
    decl.name = typeName();
    decl.abstractClass = random.nextBoolean();
    int permits = 1 + random.nextInt(2);
    for (int p = 0; p < permits; p++) {
      ClassDecl permit = importedClass();
      permit.sealed = decl;
      decl.permits.add(permit);
      decls.add(permit);
    }
    decls.add(decl);
    imports.add(decl.qualified());
  }

  private void declareOne() {
    int kind = random.nextInt(10);
    Decl decl;
    if (kind < 4) {
      decl = record(null);
    } else if (kind < 6) {
      decl = classDecl(null);
    } else if (kind < 8) {
      decl = enumDecl();
    } else {
      decl = sealed();
    }
    if (!(decl instanceof SealedDecl) && random.nextInt(4) == 0) {
      decl.pkg = OTHER_PACKAGE; // a sealed type's permits stay in its package
    }
    // Nest it in an earlier type of its package now and then.
    List<Decl> hosts =
        decls.stream()
            .filter(d -> d.pkg.equals(decl.pkg) && !(d instanceof SealedDecl) && d.outer == null)
            .filter(d -> !(d instanceof ClassDecl c && c.library))
            .filter(d -> d.sealed != decl) // a permit cannot hold the type it implements
            .toList();
    // A sealed type nests too (an interface in a record, an abstract class in an enum); its
    // permits nested in it then sit two levels down.
    if (!hosts.isEmpty() && random.nextInt(3) == 0) {
      Decl host = hosts.get(random.nextInt(hosts.size()));
      decl.outer = host;
      host.nested.add(decl);
    } else if (decl.pkg.equals(OTHER_PACKAGE) && random.nextBoolean()) {
      nameLikeATypeOfFz(decl);
    }
    decls.add(decl);
  }

  /** Names a top-level type of {@link #OTHER_PACKAGE} like one of {@code fz}'s, if one is free. */
  private void nameLikeATypeOfFz(Decl decl) {
    Set<String> taken = new LinkedHashSet<>();
    decls.stream().filter(d -> d.pkg.equals(OTHER_PACKAGE)).forEach(d -> taken.add(d.name));
    List<String> twins =
        decls.stream()
            .filter(d -> d.pkg.equals(PACKAGE) && d.outer == null && !taken.contains(d.name))
            .map(d -> d.name)
            .toList();
    if (!twins.isEmpty()) {
      decl.name = twins.get(random.nextInt(twins.size()));
    }
  }

  /**
   * A plain class of {@link #OTHER_PACKAGE} whose constructor and accessors are package-private,
   * imported on that package's {@code package-info}: its codec, generated in that package, may
   * call them (README). A public factory lets {@code fz.FzValues} make one.
   */
  private void packagePrivateImport() {
    ClassDecl decl = importedClass();
    imports.remove(decl.qualified());
    decl.pkg = OTHER_PACKAGE;
    decl.style = "accessors";
    decl.packagePrivate = true;
    otherImports.add(decl.qualified());
    decls.add(decl);
  }

  private RecordDecl record(SealedDecl sealed) {
    RecordDecl decl = new RecordDecl();
    decl.name = typeName();
    decl.sealed = sealed;
    decl.compactConstructor = random.nextInt(5) == 0;
    decl.deprecated = random.nextInt(12) == 0;
    if (sealed != null) {
      decl.variables.addAll(sealed.variables);
    } else if (random.nextInt(4) == 0) {
      randomVariables(decl);
    }
    Set<String> taken = new LinkedHashSet<>();
    int members = random.nextInt(6);
    if (random.nextInt(30) == 0) {
      // Many components (at most 254, and two slots for each long or double: 255 in all).
      members = 40 + random.nextInt(80);
    }
    for (int m = 0; m < members; m++) {
      Ty type =
          members > 5
              ? leaf(false)
              : random.nextInt(12) == 0 && !decl.generic()
                  ? selfReference(decl)
                  : type(0, decl.variables);
      decl.members.add(new Member(recordComponentName(taken), type));
    }
    if (sealed != null && members <= 5 && random.nextInt(3) == 0) {
      decl.members.add(new Member(recordComponentName(taken), treeReference(sealed)));
    }
    return decl;
  }

  /**
   * The sealed interface a permit implements, as its member: a tree ({@code record Node(List<Tree>
   * kids, Tree left) implements Tree}), which reaches itself through types declared after it; a
   * value ends where a null, an empty container or a leaf permit does.
   */
  private Ty treeReference(SealedDecl sealed) {
    User tree = new User(sealed, sealed.variables.stream().map(v -> (Ty) new Var(v)).toList());
    return switch (random.nextInt(4)) {
      case 0 -> new Coll("java.util.List", "list", tree, false);
      case 1 -> new Opt(tree);
      case 2 -> new MapTy("java.util.Map", "map", plain("java.lang.String"), tree);
      default -> tree;
    };
  }

  /** A record component may not be named like one of Object's no-argument methods. */
  private String recordComponentName(Set<String> taken) {
    return memberName(taken);
  }

  /** The record itself, where a null (or an empty container) ends it. */
  private Ty selfReference(RecordDecl decl) {
    User self = new User(decl, List.of());
    return switch (random.nextInt(3)) {
      case 0 -> self;
      case 1 -> new Coll("java.util.List", "list", self, false);
      default -> new Opt(self);
    };
  }

  private ClassDecl classDecl(SealedDecl sealed) {
    ClassDecl decl = new ClassDecl();
    decl.name = typeName();
    decl.sealed = sealed;
    decl.skipped = random.nextInt(4) == 0;
    decl.deprecated = random.nextInt(12) == 0;
    List<String> styles = List.of("getters", "accessors", "fields", "setters", "stores");
    decl.style = styles.get(random.nextInt(styles.size()));
    decl.open = sealed == null && random.nextInt(5) == 0;
    decl.throwing = random.nextInt(5) == 0;
    Set<String> taken = new LinkedHashSet<>();
    int members = random.nextInt(5);
    if (random.nextInt(40) == 0) {
      // Many fields: a codec too large for one method is generated in parts (README, "Size").
      members = 300 + random.nextInt(300);
      decl.style = random.nextBoolean() ? "setters" : "stores"; // no constructor takes 300
    }
    for (int m = 0; m < members; m++) {
      Ty type = members > 5 ? leaf(false) : type(0, List.of());
      decl.members.add(new Member(memberName(taken), type));
    }
    return decl;
  }

  private EnumDecl enumDecl() {
    EnumDecl decl = new EnumDecl();
    decl.name = typeName();
    int constants = 1 + random.nextInt(4);
    List<String> pool = List.of("A", "B", "C", "RED", "GREEN", "INSTANCE", "VALUES", "$", "out");
    Set<String> taken = new LinkedHashSet<>();
    for (int c = 0; c < constants; c++) {
      String constant = pool.get(random.nextInt(pool.size()));
      if (taken.add(constant)) {
        decl.constants.add(constant);
      }
    }
    decl.bodies = random.nextInt(3) == 0;
    decl.field = random.nextInt(3) == 0;
    decl.implementing = random.nextInt(4) == 0;
    return decl;
  }

  private void randomVariables(Decl decl) {
    List<String> bounds =
        List.of("", "Comparable", "ComparableSuper", "Number", "CharSequence", "NumComp", "Enum");
    int variables = 1 + random.nextInt(2);
    for (int v = 0; v < variables; v++) {
      decl.variables.add(
          new TypeVar(v == 0 ? "T" : "U", bounds.get(random.nextInt(bounds.size()))));
    }
  }

  private SealedDecl sealed() {
    SealedDecl decl = new SealedDecl();
    decl.name = typeName();
    decl.abstractClass = random.nextInt(3) == 0;
    if (!decl.abstractClass && random.nextInt(4) == 0) {
      randomVariables(decl); // sealed interface S<T> permits A, B; record A<T>(...) implements S<T>
    }
    int permits = 1 + random.nextInt(3);
    boolean nestedPermits = random.nextBoolean();
    for (int p = 0; p < permits; p++) {
      Decl permit;
      if (decl.abstractClass) {
        permit = classDecl(decl);
      } else if (!decl.generic() && random.nextInt(4) == 0) {
        // sealed interface Op permits Basic, Custom; enum Basic implements Op { ADD, MUL }
        permit = enumDecl();
        permit.sealed = decl;
      } else {
        permit = record(decl);
      }
      if (nestedPermits) {
        permit.outer = decl;
        decl.nested.add(permit);
      }
      decl.permits.add(permit);
      decls.add(permit);
    }
    return decl;
  }

  // ---------------------------------------------------------------- random types

  private static final List<String> BOXES =
      List.of("Boolean", "Byte", "Short", "Character", "Integer", "Long", "Float", "Double");
  private static final List<String> PRIMITIVES =
      List.of("boolean", "byte", "short", "char", "int", "long", "float", "double");

  /** JDK value types: comparable ones first. */
  private static final List<String> JDK_COMPARABLE =
      List.of(
          "java.util.UUID", "java.time.Instant", "java.time.LocalDate", "java.time.Duration",
          "java.math.BigInteger", "java.math.BigDecimal", "java.time.LocalTime",
          "java.time.Year", "java.time.YearMonth", "java.time.MonthDay", "java.net.URI",
          "java.nio.file.Path", "java.time.LocalDateTime", "java.time.OffsetDateTime",
          "java.time.OffsetTime", "java.time.ZonedDateTime", "java.time.ZoneOffset");
  private static final List<String> JDK_OTHER =
      List.of(
          "java.time.ZoneId", "java.time.Period", "java.util.Locale", "java.util.Currency",
          "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
          "java.util.BitSet");

  private static Plain plain(String src) {
    boolean comparable =
        src.equals("java.lang.String")
            || (src.startsWith("java.lang.") && BOXES.contains(src.substring(10)))
            || JDK_COMPARABLE.contains(src);
    return new Plain(src, comparable, true);
  }

  /** A type with no type of the program in it; {@code comparable}: usable as a sorted key. */
  private Ty leaf(boolean comparable) {
    int pick = random.nextInt(comparable ? 3 : 5);
    return switch (pick) {
      case 0 -> plain("java.lang.String");
      case 1 -> plain("java.lang." + BOXES.get(random.nextInt(BOXES.size())));
      case 2 -> plain(JDK_COMPARABLE.get(random.nextInt(JDK_COMPARABLE.size())));
      case 3 -> new Prim(PRIMITIVES.get(random.nextInt(PRIMITIVES.size())));
      default -> plain(JDK_OTHER.get(random.nextInt(JDK_OTHER.size())));
    };
  }

  /** A member type at {@code depth}; type variables of the declaring record may appear. */
  private Ty type(int depth, List<TypeVar> variables) {
    if (depth >= MAX_DEPTH - 1 || random.nextInt(5) < 2 + depth / 2) {
      return simple(variables);
    }
    return switch (random.nextInt(12)) {
      case 0, 1 -> new Arr(type(depth + 1, variables));
      case 2, 3 -> coll(depth, variables);
      case 4 -> sorted(depth, variables);
      case 5, 6 -> new MapTy(
          "java.util.Map", "map", reference(depth + 1, variables), reference(depth + 1, variables));
      case 7 -> sortedMap(depth, variables);
      case 8 -> new Opt(reference(depth + 1, variables));
      case 9 -> enumColl(depth, variables);
      default -> simple(variables);
    };
  }

  private Ty coll(int depth, List<TypeVar> variables) {
    List<String[]> kinds =
        List.of(
            new String[] {"java.util.List", "list"},
            new String[] {"java.util.Set", "set"},
            new String[] {"java.util.Collection", "list"},
            new String[] {"java.util.Queue", "deque"},
            new String[] {"java.util.Deque", "deque"});
    String[] kind = kinds.get(random.nextInt(kinds.size()));
    return new Coll(kind[0], kind[1], reference(depth + 1, variables), random.nextInt(6) == 0);
  }

  private Ty sorted(int depth, List<TypeVar> variables) {
    String iface = random.nextBoolean() ? "java.util.SortedSet" : "java.util.NavigableSet";
    return new Coll(iface, "sorted", comparable(variables), false);
  }

  private Ty sortedMap(int depth, List<TypeVar> variables) {
    String iface = random.nextBoolean() ? "java.util.SortedMap" : "java.util.NavigableMap";
    return new MapTy(iface, "sortedMap", comparable(variables), reference(depth + 1, variables));
  }

  private Ty enumColl(int depth, List<TypeVar> variables) {
    List<EnumDecl> enums = enums();
    if (enums.isEmpty()) {
      return simple(variables);
    }
    EnumDecl decl = enums.get(random.nextInt(enums.size()));
    return new EnumColl(decl, random.nextBoolean() ? null : reference(depth + 1, variables));
  }

  private List<EnumDecl> enums() {
    return decls.stream()
        .filter(d -> d instanceof EnumDecl)
        .map(d -> (EnumDecl) d)
        .toList();
  }

  /** A key of a sorted collection: comparable in natural order, never null. */
  private Ty comparable(List<TypeVar> variables) {
    List<TypeVar> comparableVariables =
        variables.stream().filter(v -> v.bound().contains("Comp")).toList();
    if (!comparableVariables.isEmpty() && random.nextInt(3) == 0) {
      return new Var(comparableVariables.get(random.nextInt(comparableVariables.size())));
    }
    List<EnumDecl> enums = enums();
    if (!enums.isEmpty() && random.nextInt(4) == 0) {
      return new User(enums.get(random.nextInt(enums.size())), List.of());
    }
    return leaf(true);
  }

  /** A reference type (a collection's element): a primitive becomes its box. */
  private Ty reference(int depth, List<TypeVar> variables) {
    Ty type = type(depth, variables);
    if (type instanceof Prim prim) {
      return plain("java.lang." + BOXES.get(PRIMITIVES.indexOf(prim.name())));
    }
    return type;
  }

  /** A leaf, a type variable, or a type of the program declared before. */
  private Ty simple(List<TypeVar> variables) {
    int pick = random.nextInt(10);
    if (pick < 3 && !variables.isEmpty()) {
      return new Var(variables.get(random.nextInt(variables.size())));
    }
    List<Decl> usable =
        List.copyOf(decls);
    if (pick < 7 && !usable.isEmpty()) {
      Decl decl = usable.get(random.nextInt(usable.size()));
      return new User(decl, someWildcards(arguments(decl)));
    }
    return leaf(false);
  }

  /** Type arguments for a generic record that fit their bounds. */
  private List<Ty> arguments(Decl decl) {
    if (!decl.generic()) {
      return List.of();
    }
    List<Ty> arguments = new ArrayList<>();
    for (TypeVar variable : decl.variables) {
      List<String> fitting =
          switch (variable.bound()) {
            case "" -> List.of("java.lang.String", "java.lang.Integer", "java.time.LocalDate");
            case "Comparable" -> List.of("java.lang.String", "java.lang.Long", "java.util.UUID");
            case "ComparableSuper" -> List.of(
                "java.time.LocalDate", "java.time.LocalDateTime", "java.lang.String");
            case "Enum" -> List.of("java.time.Month", "java.time.DayOfWeek");
            case "Number" -> List.of("java.lang.Integer", "java.lang.Double", "java.math.BigDecimal");
            case "CharSequence" -> List.of("java.lang.String");
            default -> List.of("java.lang.Integer", "java.lang.Long", "java.math.BigInteger");
          };
      List<EnumDecl> enums = enums();
      // A type of the program written as T: its values carry their run-time class, an enum
      // constant with a body its anonymous class, a sealed interface's value its permit's.
      List<Decl> own =
          decls.stream()
              .filter(d -> d.ours() && d != decl && d.outer != decl)
              .filter(d -> !d.generic())
              .toList();
      if (List.of("", "Comparable", "ComparableSuper", "Enum").contains(variable.bound())
          && !enums.isEmpty()
          && random.nextInt(3) == 0) {
        arguments.add(new User(enums.get(random.nextInt(enums.size())), List.of()));
      } else if (variable.bound().isEmpty() && !own.isEmpty() && random.nextInt(3) == 0) {
        arguments.add(new User(own.get(random.nextInt(own.size())), List.of()));
      } else if (variable.bound().isEmpty() && argumentDepth < 2 && random.nextInt(3) == 0) {
        argumentDepth++;
        arguments.add(compositeArgument(decl));
        argumentDepth--;
      } else {
        arguments.add(plain(fitting.get(random.nextInt(fitting.size()))));
      }
    }
    return arguments;
  }

  /** How deep {@link #compositeArgument} nests type arguments in type arguments. */
  private int argumentDepth;

  /**
   * A type argument for an unbounded variable that is itself made of types: a generic type of the
   * program with arguments of its own ({@code Box<Pair<String, Box<Integer>>>}), a collection, a
   * map, an {@code Optional} or a primitive array; each value then carries its run-time type.
   */
  private Ty compositeArgument(Decl decl) {
    List<Decl> generic =
        decls.stream()
            .filter(d -> d.ours() && d != decl && d.outer != decl && d.generic())
            .filter(d -> !(d instanceof ClassDecl))
            .toList();
    int pick = random.nextInt(6);
    if (pick == 0 && !generic.isEmpty()) {
      Decl inner = generic.get(random.nextInt(generic.size()));
      return new User(inner, arguments(inner));
    }
    Ty element = random.nextBoolean() ? leaf(true) : plain("java.lang.String");
    return switch (pick) {
      case 1 -> new Coll("java.util.List", "list", element, false);
      case 2 -> new Coll("java.util.Set", "set", element, false);
      case 3 -> new MapTy("java.util.Map", "map", element, plain("java.lang.Integer"));
      case 4 -> new Opt(element);
      default -> new Arr(new Prim(PRIMITIVES.get(random.nextInt(PRIMITIVES.size()))));
    };
  }

  /**
   * {@code arguments} with some of them made wildcards {@code ? extends X}; a bare {@code ?} is
   * refused ([ferry:not-transferable]: the reader could not tell what to rebuild).
   */
  private List<Ty> someWildcards(List<Ty> arguments) {
    if (arguments.isEmpty() || random.nextInt(4) != 0) {
      return arguments;
    }
    return arguments.stream()
        .map(a -> random.nextBoolean() ? (Ty) new Wild(a, true) : a)
        .toList();
  }

  // ---------------------------------------------------------------- rendering types

  static String source(Ty type) {
    if (type instanceof Prim p) {
      return p.name();
    } else if (type instanceof Plain p) {
      return p.src();
    } else if (type instanceof Arr a) {
      return source(a.element()) + "[]";
    } else if (type instanceof Coll c) {
      return c.iface() + "<" + (c.wildcard() ? "? extends " : "") + source(c.element()) + ">";
    } else if (type instanceof MapTy m) {
      return m.iface() + "<" + source(m.key()) + ", " + source(m.value()) + ">";
    } else if (type instanceof EnumColl e) {
      return e.value() == null
          ? "java.util.EnumSet<" + e.enumDecl().qualified() + ">"
          : "java.util.EnumMap<" + e.enumDecl().qualified() + ", " + source(e.value()) + ">";
    } else if (type instanceof Opt o) {
      return "java.util.Optional<" + source(o.element()) + ">";
    } else if (type instanceof User u) {
      return u.decl().qualified() + arguments(u.arguments());
    } else if (type instanceof Wild w) {
      return w.bounded() ? "? extends " + source(w.upper()) : "?";
    }
    return ((Var) type).variable().name();
  }

  private static String arguments(List<Ty> arguments) {
    if (arguments.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    arguments.forEach(a -> parts.add(source(a)));
    return "<" + String.join(", ", parts) + ">";
  }

  /** {@code type} with the type variables replaced by {@code bindings}. */
  private static Ty substitute(Ty type, Map<String, Ty> bindings) {
    if (type instanceof Var v) {
      return bindings.getOrDefault(v.variable().name(), v);
    } else if (type instanceof Arr a) {
      return new Arr(substitute(a.element(), bindings));
    } else if (type instanceof Coll c) {
      return new Coll(c.iface(), c.factory(), substitute(c.element(), bindings), c.wildcard());
    } else if (type instanceof MapTy m) {
      return new MapTy(
          m.iface(), m.factory(), substitute(m.key(), bindings), substitute(m.value(), bindings));
    } else if (type instanceof EnumColl e) {
      return e.value() == null ? e : new EnumColl(e.enumDecl(), substitute(e.value(), bindings));
    } else if (type instanceof Opt o) {
      return new Opt(substitute(o.element(), bindings));
    } else if (type instanceof User u) {
      return new User(u.decl(), u.arguments().stream().map(a -> substitute(a, bindings)).toList());
    } else if (type instanceof Wild w) {
      return new Wild(substitute(w.upper(), bindings), w.bounded());
    }
    return type;
  }

  /**
   * The member's type as written in its declaration: {@link #source} with a type-use annotation
   * here and there, at any depth ({@code java.util.List<java.lang.@fz.Note String> @fz.Note []}).
   */
  private String declared(Ty type) {
    boolean note = random.nextInt(6) == 0;
    if (type instanceof Prim p) {
      return (note ? "@fz.Note " : "") + p.name();
    } else if (type instanceof Arr a) {
      return declared(a.element()) + (note ? " @fz.Note []" : "[]");
    } else if (type instanceof Coll c) {
      return annotated(c.iface(), note) + "<" + (c.wildcard() ? "? extends " : "")
          + declared(c.element()) + ">";
    } else if (type instanceof MapTy m) {
      return annotated(m.iface(), note) + "<" + declared(m.key()) + ", " + declared(m.value())
          + ">";
    } else if (type instanceof EnumColl e) {
      String enumType = annotated(e.enumDecl().qualified(), random.nextInt(6) == 0);
      return e.value() == null
          ? annotated("java.util.EnumSet", note) + "<" + enumType + ">"
          : annotated("java.util.EnumMap", note) + "<" + enumType + ", " + declared(e.value())
              + ">";
    } else if (type instanceof Opt o) {
      return annotated("java.util.Optional", note) + "<" + declared(o.element()) + ">";
    } else if (type instanceof User u) {
      List<String> arguments = new ArrayList<>();
      u.arguments().forEach(argument -> arguments.add(declared(argument)));
      return annotated(u.decl().qualified(), note)
          + (arguments.isEmpty() ? "" : "<" + String.join(", ", arguments) + ">");
    } else if (type instanceof Var v) {
      return (note ? "@fz.Note " : "") + v.variable().name();
    } else if (type instanceof Wild w) {
      return (note ? "@fz.Note " : "") + (w.bounded() ? "? extends " + declared(w.upper()) : "?");
    }
    return annotated(((Plain) type).src(), note);
  }

  /** {@code a.b.C} as {@code a.b.@fz.Note C}: the annotation goes on the simple name. */
  private static String annotated(String qualified, boolean note) {
    if (!note) {
      return qualified;
    }
    int dot = qualified.lastIndexOf('.');
    return qualified.substring(0, dot + 1) + "@fz.Note " + qualified.substring(dot + 1);
  }

  // ---------------------------------------------------------------- rendering declarations

  private void render() {
    sources.put(
        "fz.Note",
        """
        package fz;
        @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
        public @interface Note {}
        """);
    boolean libraryApart = random.nextBoolean();
    for (Decl decl : decls) {
      if (decl.outer != null) {
        continue;
      }
      String text = "package " + decl.pkg + ";\n" + declaration(decl, "");
      Map<String, String> into = decl.pkg.equals(LIBRARY) && libraryApart ? librarySources : sources;
      into.put(decl.qualified(), text);
      if (decl instanceof ClassDecl c && c.handWritten) {
        sources.put(PACKAGE + "." + c.name + "Codec", handWrittenCodec(c));
      }
    }
    if (!imports.isEmpty()) {
      String list = String.join(".class, ", imports) + ".class";
      if (random.nextBoolean()) {
        sources.put(
            "fz.package-info",
            "@dev.ferry.annotation.TransferableImport({" + list + "})\npackage fz;\n");
      } else {
        sources.put(
            "fz.FzImports",
            "package fz;\n@dev.ferry.annotation.TransferableImport({" + list + "})\n"
                + "final class FzImports {}\n");
      }
    }
    if (!otherImports.isEmpty()) {
      sources.put(
          OTHER_PACKAGE + ".package-info",
          "@dev.ferry.annotation.TransferableImport({" + String.join(".class, ", otherImports)
              + ".class})\npackage " + OTHER_PACKAGE + ";\n");
    }
    sources.put(VALUES, values());
  }

  private String declaration(Decl decl, String indent) {
    StringBuilder out = new StringBuilder();
    String modifiers = decl.outer == null ? "public " : "public static ";
    if (decl.outer instanceof SealedDecl s && !s.abstractClass) {
      modifiers = ""; // a member of an interface is public and static already
    }
    if (decl.outer == null) {
      // Types of the program name deprecated ones: that is the user's business, not the codecs'.
      out.append("@java.lang.SuppressWarnings({\"deprecation\", \"removal\"})\n");
    }
    if (decl.deprecated) {
      out.append(indent).append(random.nextBoolean()
          ? "@java.lang.Deprecated\n" : "@java.lang.Deprecated(forRemoval = true)\n");
    }
    if (decl.pkg.equals(LIBRARY) || decl instanceof ClassDecl c && c.library) {
      if (decl instanceof EnumDecl e) {
        enumDeclaration(e, modifiers, indent, out);
        return out.toString();
      }
      if (decl instanceof SealedDecl s) {
        out.append(s.abstractClass ? "public abstract sealed class " : "public sealed interface ")
            .append(s.name).append(" permits ")
            .append(String.join(", ", s.permits.stream().map(Decl::qualified).toList()))
            .append(" {}\n");
        return out.toString();
      }
      String implemented =
          decl.sealed == null
              ? ""
              : (decl.sealed.abstractClass ? " extends " : " implements ") + decl.sealed.qualified();
      out.append(indent).append("public final class ").append(decl.name)
          .append(decl.variableNames()).append(implemented).append(" {\n");
      classBody((ClassDecl) decl, indent + "  ", out);
      out.append(indent).append("}\n");
      return out.toString();
    }
    out.append(indent).append("@dev.ferry.annotation.Transferable\n");
    String implemented =
        decl.sealed == null
            ? ""
            : (decl.sealed.abstractClass ? " extends " : " implements ") + decl.sealed.qualified()
                + decl.sealed.variableNames();
    if (decl instanceof RecordDecl r) {
      out.append(indent).append(modifiers.replace("static ", "")).append("record ").append(r.name);
      if (r.generic()) {
        out.append("<")
            .append(String.join(", ", r.variables.stream().map(TypeVar::declaration).toList()))
            .append(">");
      }
      List<String> components = new ArrayList<>();
      for (Member m : r.members) {
        components.add(declared(m.type()) + " " + m.name());
      }
      out.append("(").append(String.join(", ", components)).append(")").append(implemented);
      out.append(" {\n");
      if (r.compactConstructor) {
        out.append(indent).append("  public ").append(r.name).append(" {\n")
            .append(indent).append("    assert true : \"a compact constructor\";\n")
            .append(indent).append("  }\n");
      }
      nested(decl, indent, out);
      out.append(indent).append("}\n");
    } else if (decl instanceof ClassDecl c) {
      out.append(indent).append(modifiers).append(c.open ? "class " : "final class ").append(c.name).append(implemented)
          .append(" {\n");
      classBody(c, indent + "  ", out);
      nested(decl, indent, out);
      out.append(indent).append("}\n");
    } else if (decl instanceof EnumDecl e) {
      enumDeclaration(e, modifiers, indent, out);
    } else {
      SealedDecl s = (SealedDecl) decl;
      out.append(indent)
          .append(s.abstractClass
              ? modifiers + "abstract sealed class "
              : modifiers.replace("static ", "") + "sealed interface ")
          .append(s.name);
      if (s.generic()) {
        out.append("<")
            .append(String.join(", ", s.variables.stream().map(TypeVar::declaration).toList()))
            .append(">");
      }
      out.append(" permits ");
      out.append(String.join(", ", s.permits.stream().map(Decl::qualified).toList()));
      out.append(" {\n");
      nested(decl, indent, out);
      out.append(indent).append("}\n");
      for (Decl permit : s.permits) {
        if (permit.outer == null) {
          // A top-level permit in the same file would be an auxiliary class: give it its own.
          sources.put(permit.qualified(), "package fz;\n" + declaration(permit, ""));
        }
      }
    }
    return out.toString();
  }

  private void enumDeclaration(EnumDecl e, String modifiers, String indent, StringBuilder out) {
    out.append(indent).append(modifiers.replace("static ", "")).append("enum ").append(e.name)
        .append(enumInterfaces(e))
        .append(" {\n");
    List<String> constants = new ArrayList<>();
    for (int k = 0; k < e.constants.size(); k++) {
      String constant = indent + "  " + e.constants.get(k) + (e.field ? "(" + k + ")" : "");
      if (e.implementing) {
        // Every constant is then an anonymous class: the enum's method is abstract.
        constant += " { @java.lang.Override public int getAsInt() { return " + k + "; } }";
      } else if (e.bodies && k % 2 == 0) {
        constant += " { @java.lang.Override public java.lang.String toString() { return \"c"
            + k + "\"; } }";
      }
      constants.add(constant);
    }
    out.append(String.join(",\n", constants)).append(";\n");
    if (e.implementing) {
      out.append(indent).append("  @java.lang.Override public abstract int getAsInt();\n");
    }
    if (e.field) {
      out.append(indent).append("  private final int code;\n");
      out.append(indent).append("  ").append(e.name).append("(int code) { this.code = code; }\n");
      out.append(indent).append("  public int code() { return code; }\n");
    }
    nested(e, indent, out);
    out.append(indent).append("}\n");
  }

  /** An enum's {@code implements} clause: the sealed interface that permits it, and others. */
  private static String enumInterfaces(EnumDecl e) {
    List<String> interfaces = new ArrayList<>();
    if (e.sealed != null) {
      interfaces.add(e.sealed.qualified());
    }
    if (e.implementing) {
      interfaces.add("java.util.function.IntSupplier");
      interfaces.add("java.io.Serializable");
    }
    return interfaces.isEmpty() ? "" : " implements " + String.join(", ", interfaces);
  }

  private void nested(Decl decl, String indent, StringBuilder out) {
    for (Decl inner : decl.nested) {
      out.append(declaration(inner, indent + "  "));
    }
  }

  private void classBody(ClassDecl c, String indent, StringBuilder out) {
    boolean constructed = !c.style.equals("setters") && !c.style.equals("stores");
    if (c.skipped) {
      out.append(indent).append("transient int fzCache;\n");
      out.append(indent).append("final int fzVersion = 3;\n");
    }
    for (Member m : c.members) {
      String access = c.style.equals("fields") || c.style.equals("stores") ? "public " : "private ";
      out.append(indent).append(access).append(constructed ? "final " : "")
          .append(c.library ? source(m.type()) : declared(m.type())).append(" ").append(m.name()).append(";\n");
    }
    // A package-private class's codec is generated in its package, and calls them there.
    String exposed = c.packagePrivate ? "" : "public ";
    if (constructed) {
      List<String> parameters = new ArrayList<>();
      c.members.forEach(m -> parameters.add(source(m.type()) + " " + m.name()));
      if (c.packagePrivate) {
        out.append(indent).append("public static ").append(c.name).append(" make(")
            .append(String.join(", ", parameters)).append(") {\n")
            .append(indent).append("  return new ").append(c.name).append("(")
            .append(String.join(", ", c.members.stream().map(Member::name).toList()))
            .append(");\n").append(indent).append("}\n");
      }
      out.append(indent).append(exposed).append(c.name).append("(")
          .append(String.join(", ", parameters)).append(")").append(throwsClause(c)).append(" {\n");
      c.members.forEach(
          m -> out.append(indent).append("  this.").append(m.name()).append(" = ").append(m.name()).append(";\n"));
      out.append(indent).append("}\n");
    } else {
      out.append(indent).append("public ").append(c.name).append("() {}\n");
    }
    for (Member m : c.members) {
      String capitalized = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1);
      String type = source(m.type());
      if (c.style.equals("getters") || c.style.equals("setters")) {
          String prefix = m.type() instanceof Prim p && p.name().equals("boolean") ? "is" : "get";
          out.append(indent).append("public ").append(type).append(" ").append(prefix).append(capitalized)
              .append("()").append(throwsClause(c)).append(" { return ").append(m.name()).append("; }\n");
          if (c.style.equals("setters")) {
            out.append(indent).append("public void set").append(capitalized).append("(").append(type)
                .append(" ").append(m.name()).append(")").append(throwsClause(c)).append(" { this.").append(m.name()).append(" = ")
                .append(m.name()).append("; }\n");
          }
      } else if (c.style.equals("accessors")) {
        out.append(indent).append(exposed).append(type).append(" ")
            .append(m.name()).append("()").append(throwsClause(c)).append(" { return ").append(m.name()).append("; }\n");
      }
    }
  }

  private static String throwsClause(ClassDecl c) {
    return c.throwing && !c.library && !c.packagePrivate ? " throws java.lang.Exception" : "";
  }

  private static String handWrittenCodec(ClassDecl c) {
    String type = c.qualified();
    String made = "new " + type;
    if (c.generic()) {
      type += c.rawCodec ? "" : "<?>";
      made += c.rawCodec ? "" : "<>";
    }
    return """
        package fz;
        @dev.ferry.annotation.TransferableCodec%4$s
        public final class %1$sCodec implements dev.ferry.Codec<%2$s> {
          public static final %1$sCodec INSTANCE = new %1$sCodec();
          public void write(dev.ferry.ByteOutput out, %2$s value) {
            out.writeDouble(value.kelvin());
            out.writeString(value.label());
          }
          public %2$s read(dev.ferry.ByteInput in) {
            double kelvin = in.readDouble();
            return %3$s(kelvin, in.readString());
          }
          public long fingerprint() { return 0x46_5AL; }
        }
        """
        .formatted(
            c.name, type, made, c.rawCodec ? "\n@java.lang.SuppressWarnings(\"rawtypes\")" : "");
  }

  // ---------------------------------------------------------------- values

  private String values() {
    StringBuilder methods = new StringBuilder();
    List<Decl> roots =
        decls.stream()
            .filter(d -> d.ours() && !(d instanceof SealedDecl))
            .filter(d -> !(d instanceof ClassDecl c && c.packagePrivate))
            .toList();
    for (int k = 0; k < valueCount; k++) {
      Decl root = roots.get(random.nextInt(roots.size()));
      User type = new User(root, arguments(root));
      Decl asType = root.sealed != null && random.nextBoolean() ? root.sealed : root;
      methods.append("  public static java.lang.Object[] v").append(k)
          .append("() throws java.lang.Exception {\n")
          .append("    return new java.lang.Object[] {").append(asType.qualified()).append(".class, ")
          .append(value(type, 0, true)).append("};\n  }\n");
    }
    return """
        package fz;
        @java.lang.SuppressWarnings({"unchecked", "rawtypes", "cast", "varargs", "deprecation", "removal"})
        public final class FzValues {
          public static final int COUNT = %d;
        %s
        %s
          @java.lang.SafeVarargs
          static <E> java.util.ArrayList<E> list(E... es) {
            return new java.util.ArrayList<>(java.util.Arrays.asList(es));
          }
          @java.lang.SafeVarargs
          static <E> java.util.LinkedHashSet<E> set(E... es) {
            return new java.util.LinkedHashSet<>(java.util.Arrays.asList(es));
          }
          @java.lang.SafeVarargs
          static <E> java.util.TreeSet<E> sorted(E... es) {
            return new java.util.TreeSet<>(java.util.Arrays.asList(es));
          }
          @java.lang.SafeVarargs
          static <E> java.util.ArrayDeque<E> deque(E... es) {
            return new java.util.ArrayDeque<>(java.util.Arrays.asList(es));
          }
          static <K, V> java.util.LinkedHashMap<K, V> map(java.lang.Object... kvs) {
            java.util.LinkedHashMap<K, V> m = new java.util.LinkedHashMap<>();
            for (int k = 0; k < kvs.length; k += 2) m.put((K) kvs[k], (V) kvs[k + 1]);
            return m;
          }
          static <K, V> java.util.TreeMap<K, V> sortedMap(java.lang.Object... kvs) {
            java.util.TreeMap<K, V> m = new java.util.TreeMap<>();
            for (int k = 0; k < kvs.length; k += 2) m.put((K) kvs[k], (V) kvs[k + 1]);
            return m;
          }
          @java.lang.SafeVarargs
          static <E extends java.lang.Enum<E>> java.util.EnumSet<E> enumSet(java.lang.Class<E> c, E... es) {
            java.util.EnumSet<E> s = java.util.EnumSet.noneOf(c);
            s.addAll(java.util.Arrays.asList(es));
            return s;
          }
          static <K extends java.lang.Enum<K>, V> java.util.EnumMap<K, V> enumMap(
              java.lang.Class<K> c, java.lang.Object... kvs) {
            java.util.EnumMap<K, V> m = new java.util.EnumMap<>(c);
            for (int k = 0; k < kvs.length; k += 2) m.put((K) kvs[k], (V) kvs[k + 1]);
            return m;
          }
        }
        """
        .formatted(valueCount, methods, helpers);
  }

  /** A Java expression of a random value of {@code type}; {@code nonNull}: no null at the top. */
  private String value(Ty type, int depth, boolean nonNull) {
    boolean mayBeNull = !nonNull && !(type instanceof Prim);
    if (mayBeNull && (random.nextInt(8) == 0 || (depth > MAX_DEPTH + 2 && !(type instanceof Plain)))) {
      return "(" + erasedCast(type) + ") null";
    }
    int size = depth > MAX_DEPTH + 2 ? 0 : random.nextInt(4);
    if (type instanceof Prim p) {
      return primitive(p.name());
    } else if (type instanceof Plain p) {
      return plainValue(p.src());
    } else if (type instanceof Arr a) {
      return array(a, depth, size);
    } else if (type instanceof Coll c) {
      boolean noNulls = !c.factory().equals("list") && !c.factory().equals("set");
      List<String> elements = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        elements.add(value(c.element(), depth + 1, noNulls));
      }
      return "fz.FzValues.<" + source(c.element()) + ">" + c.factory() + "("
          + String.join(", ", elements) + ")";
    } else if (type instanceof MapTy m) {
      boolean sortedKeys = m.factory().equals("sortedMap");
      List<String> entries = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        entries.add(value(m.key(), depth + 1, sortedKeys));
        entries.add(value(m.value(), depth + 1, false));
      }
      return "fz.FzValues.<" + source(m.key()) + ", " + source(m.value()) + ">" + m.factory()
          + "(" + String.join(", ", entries) + ")";
    } else if (type instanceof EnumColl e) {
      String enumType = e.enumDecl().qualified();
      List<String> parts = new ArrayList<>();
      parts.add(enumType + ".class");
      List<String> constants = e.enumDecl().constants;
      for (int k = 0; k < size; k++) {
        parts.add(constant(e.enumDecl(), constants.get(random.nextInt(constants.size()))));
        if (e.value() != null) {
          parts.add(value(e.value(), depth + 1, false));
        }
      }
      return e.value() == null
          ? "fz.FzValues.<" + enumType + ">enumSet(" + String.join(", ", parts) + ")"
          : "fz.FzValues.<" + enumType + ", " + source(e.value()) + ">enumMap("
              + String.join(", ", parts) + ")";
    } else if (type instanceof Opt o) {
      return size == 0
          ? "java.util.Optional.<" + source(o.element()) + ">empty()"
          : "java.util.Optional.<" + source(o.element()) + ">of("
              + value(o.element(), depth + 1, true) + ")";
    } else if (type instanceof User u) {
      return userValue(concrete(u), depth);
    } else if (type instanceof Wild w) {
      return value(w.upper(), depth, nonNull);
    }
    throw new AssertionError("unbound " + type);
  }

  /**
   * The enum constant {@code name} of {@code e}; through a class literal when {@code e} is nested,
   * since a member of its host named like it ({@code Codecs} beside {@code enum Codecs}) obscures
   * {@code Host.Codecs.B} (JLS 6.4.2).
   */
  private static String constant(EnumDecl e, String name) {
    return e.outer == null
        ? e.qualified() + "." + name
        : "java.lang.Enum.valueOf(" + e.qualified() + ".class, \"" + name + "\")";
  }

  /** The erasure-free type to cast a null to, so that overloads and varargs stay unambiguous. */
  private static String erasedCast(Ty type) {
    return source(type);
  }

  private String array(Arr a, int depth, int size) {
    List<String> elements = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      elements.add(value(a.element(), depth + 1, false));
    }
    String src = source(a);
    if (src.contains("<")) {
      // new List<String>[] is a generic array creation: make the raw array and cast it.
      String raw = src.replaceAll("<.*>", "");
      return "((" + src + ") new " + raw + " {" + String.join(", ", elements) + "})";
    }
    return "new " + src + " {" + String.join(", ", elements) + "}";
  }

  private String userValue(User u, int depth) {
    Decl decl = u.decl();
    if (decl instanceof EnumDecl e) {
      return constant(e, e.constants.get(random.nextInt(e.constants.size())));
    } else if (decl instanceof SealedDecl s) {
      // A permit of a generic sealed interface has its type variables: give it the same arguments.
      Decl permit = s.permits.get(random.nextInt(s.permits.size()));
      return userValue(new User(permit, u.arguments()), depth);
    } else if (decl instanceof RecordDecl r) {
      Map<String, Ty> bindings = bindings(u);
      List<String> arguments = new ArrayList<>();
      for (Member m : r.members) {
        arguments.add(value(substitute(m.type(), bindings), depth + 1, false));
      }
      return "new " + source(u) + "(" + String.join(", ", arguments) + ")";
    }
    ClassDecl c = (ClassDecl) decl;
    if (c.handWritten) {
      return "new " + source(u) + "(" + primitive("double") + ", "
          + plainValue("java.lang.String") + ")";
    }
    Map<String, Ty> bindings = bindings(u);
    List<String> arguments = new ArrayList<>();
    for (Member m : c.members) {
      arguments.add(value(substitute(m.type(), bindings), depth + 1, false));
    }
    if (c.packagePrivate) {
      return c.qualified() + ".make(" + String.join(", ", arguments) + ")";
    }
    if (!c.style.equals("setters") && !c.style.equals("stores")) {
      return "new " + source(u) + "(" + String.join(", ", arguments) + ")";
    }
    return builtBySetters(c, arguments);
  }

  /** {@code u} with each wildcard argument replaced by the type its values are made with. */
  private static User concrete(User u) {
    return new User(
        u.decl(), u.arguments().stream().map(a -> a instanceof Wild w ? w.upper() : a).toList());
  }

  /** Each type variable of {@code u}'s generic type, to its type argument in {@code u}. */
  private static Map<String, Ty> bindings(User u) {
    Map<String, Ty> bindings = new LinkedHashMap<>();
    for (int k = 0; k < u.decl().variables.size(); k++) {
      bindings.put(u.decl().variables.get(k).name(), u.arguments().get(k));
    }
    return bindings;
  }

  /** A helper method that makes the class with its no-argument constructor and fills it. */
  private String builtBySetters(ClassDecl c, List<String> arguments) {
    String method = "make" + helperCount++;
    StringBuilder body = new StringBuilder();
    body.append("  static ").append(c.qualified()).append(" ").append(method)
        .append("() throws java.lang.Exception {\n")
        .append("    ").append(c.qualified()).append(" made = new ").append(c.qualified()).append("();\n");
    for (int k = 0; k < c.members.size(); k++) {
      Member m = c.members.get(k);
      String capitalized = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1);
      if (c.style.equals("setters")) {
        body.append("    made.set").append(capitalized).append("(").append(arguments.get(k)).append(");\n");
      } else {
        body.append("    made.").append(m.name()).append(" = ").append(arguments.get(k)).append(";\n");
      }
    }
    body.append("    return made;\n  }\n");
    helpers.append(body);
    return "fz.FzValues." + method + "()";
  }

  private String primitive(String name) {
    return switch (name) {
      case "boolean" -> random.nextBoolean() ? "true" : "false";
      case "byte" -> "(byte) " + (random.nextInt(256) - 128);
      case "short" -> "(short) " + (random.nextInt(65536) - 32768);
      case "char" -> "(char) " + random.nextInt(65536);
      case "int" -> interesting() + "";
      case "long" -> (random.nextBoolean() ? random.nextLong() : interesting()) + "L";
      case "float" -> "java.lang.Float.intBitsToFloat(" + random.nextInt() + ")";
      default -> "java.lang.Double.longBitsToDouble(" + random.nextLong() + "L)";
    };
  }

  private int interesting() {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      case 2 -> random.nextInt(256) - 128;
      default -> random.nextInt();
    };
  }

  private String text() {
    StringBuilder chars = new StringBuilder();
    int length = random.nextInt(6);
    for (int k = 0; k < length; k++) {
      int c =
          switch (random.nextInt(4)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> random.nextInt(0x800);
            case 2 -> 0xD800 + random.nextInt(0x800); // surrogates, paired or not
            default -> random.nextInt(0x10000);
          };
      chars.append(chars.length() == 0 ? "" : ", ").append(c);
    }
    return "new java.lang.String(new char[] {" + chars + "})";
  }

  private String plainValue(String src) {
    long l = random.nextLong();
    int n = random.nextInt(1000);
    return switch (src) {
      case "java.lang.String" -> text();
      case "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
          "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double" -> src
          + ".valueOf(" + primitive(PRIMITIVES.get(BOXES.indexOf(src.substring(10)))) + ")";
      case "java.util.UUID" -> "new java.util.UUID(" + l + "L, " + random.nextLong() + "L)";
      case "java.time.Instant" -> "java.time.Instant.ofEpochSecond(" + (l % 31556889864403199L) + "L, " + random.nextInt(1_000_000_000) + ")";
      case "java.time.LocalDate" -> "java.time.LocalDate.ofEpochDay(" + (l % 365241780471L) + "L)";
      case "java.time.Duration" -> "java.time.Duration.ofSeconds(" + l + "L, " + random.nextInt(1_000_000_000) + ")";
      case "java.math.BigInteger" -> "new java.math.BigInteger(\"" + l + random.nextInt(Integer.MAX_VALUE) + "\")";
      case "java.math.BigDecimal" -> "new java.math.BigDecimal(\"" + l + "." + n + "E" + (random.nextInt(40) - 20) + "\")";
      case "java.time.LocalTime" -> "java.time.LocalTime.ofNanoOfDay(" + Math.floorMod(l, 86_400_000_000_000L) + "L)";
      case "java.time.Year" -> "java.time.Year.of(" + (random.nextInt(20000) - 10000) + ")";
      case "java.time.YearMonth" -> "java.time.YearMonth.of(" + (random.nextInt(20000) - 10000) + ", " + (1 + random.nextInt(12)) + ")";
      case "java.time.MonthDay" -> "java.time.MonthDay.of(" + (1 + random.nextInt(12)) + ", " + (1 + random.nextInt(28)) + ")";
      case "java.net.URI" -> "java.net.URI.create(\"http://h" + n + ".example/p?q=" + l + "#f\")";
      case "java.nio.file.Path" -> "java.nio.file.Path.of(\"d" + n + "\", \"f" + l + ".txt\")";
      case "java.time.LocalDateTime" -> "java.time.LocalDateTime.of(" + plainValue("java.time.LocalDate") + ", " + plainValue("java.time.LocalTime") + ")";
      case "java.time.OffsetDateTime" -> "java.time.OffsetDateTime.of(" + plainValue("java.time.LocalDateTime") + ", " + plainValue("java.time.ZoneOffset") + ")";
      case "java.time.OffsetTime" -> "java.time.OffsetTime.of(" + plainValue("java.time.LocalTime") + ", " + plainValue("java.time.ZoneOffset") + ")";
      case "java.time.ZonedDateTime" -> "java.time.ZonedDateTime.of(java.time.LocalDateTime.of(java.time.LocalDate.ofEpochDay(" + (l % 1000000) + "L), " + plainValue("java.time.LocalTime") + "), " + plainValue("java.time.ZoneId") + ")";
      case "java.time.ZoneOffset" -> "java.time.ZoneOffset.ofTotalSeconds(" + (random.nextInt(36001 * 2) - 36000) + ")";
      case "java.time.ZoneId" -> "java.time.ZoneId.of(\"" + List.of("Europe/Paris", "UTC", "Z", "+05:30", "America/New_York", "GMT+2", "Asia/Kolkata").get(random.nextInt(7)) + "\")";
      case "java.time.Period" -> "java.time.Period.of(" + random.nextInt() + ", " + random.nextInt() + ", " + random.nextInt() + ")";
      case "java.util.Locale" -> "java.util.Locale.forLanguageTag(\"" + List.of("de-CH", "en", "und", "ja-JP-u-ca-japanese", "sr-Latn-RS", "zh-Hant-TW").get(random.nextInt(6)) + "\")";
      case "java.util.Currency" -> "java.util.Currency.getInstance(\"" + List.of("EUR", "USD", "JPY", "CHF", "XAU").get(random.nextInt(5)) + "\")";
      case "java.util.OptionalInt" -> random.nextBoolean() ? "java.util.OptionalInt.empty()" : "java.util.OptionalInt.of(" + interesting() + ")";
      case "java.util.OptionalLong" -> random.nextBoolean() ? "java.util.OptionalLong.empty()" : "java.util.OptionalLong.of(" + l + "L)";
      case "java.util.OptionalDouble" -> random.nextBoolean() ? "java.util.OptionalDouble.empty()" : "java.util.OptionalDouble.of(" + primitive("double") + ")";
      case "java.util.BitSet" -> "java.util.BitSet.valueOf(new long[] {" + l + "L, " + n + "L})";
      case "java.time.Month" -> "java.time.Month.of(" + (1 + n % 12) + ")";
      case "java.time.DayOfWeek" -> "java.time.DayOfWeek.of(" + (1 + n % 7) + ")";
      default -> throw new AssertionError(src);
    };
  }

  /** The whole program as one text, for a failure message. */
  public String listing() {
    StringBuilder out = new StringBuilder("// seed " + seed + "\n");
    librarySources.forEach((name, text) -> out.append("// library ").append(name).append("\n").append(text));
    sources.forEach((name, text) -> out.append("// ").append(name).append("\n").append(text));
    return out.toString();
  }
}
