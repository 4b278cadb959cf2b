package dev.ferry.processor.diagnostic;

/**
 * The wording of every declaration diagnostic, in one place: what is wrong in the user's names,
 * why in one clause of the process model, and the fix. {@link Rule#format} adds the tag and the
 * rule's page; tests build their expectations from these methods, so wording cannot drift.
 */
public final class Messages {
  private Messages() {}

  /**
   * A member whose type, somewhere inside, cannot be written. When the culprit is the member's
   * whole type the path is left out.
   */
  public static String member(
      String owner, String member, String type, String culprit, String reason, String fix) {
    String subject = "`" + owner + "." + member + "` is `" + type + "`";
    String cause =
        type.equals(culprit) ? ", which " + reason : ", and `" + culprit + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  public static String localDeclaration(String type, String annotation, String scope) {
    return "`" + type + "` is " + scope + ", so it cannot be @" + annotation + ": a child process"
        + " rebuilds values by class name, and such a class cannot be named or built outside its"
        + " enclosing code. Fix: move `" + type + "` to a top-level or static nested class.";
  }

  public static String bothAnnotations(String type) {
    return "`" + type + "` is both @Transferable and @InheritOnly: a value is either copied"
        + " through channels or handed to a child only at spawn, not both. Fix: keep"
        + " @InheritOnly if it holds handles such as channels, else keep @Transferable.";
  }

  public static String notSealed(String type, boolean isInterface) {
    String what = isInterface ? "an interface" : "an abstract class";
    return "`" + type + "` is " + what + " that is not sealed, so the process that reads its bytes"
        + " cannot know which class to rebuild. Fix: make it sealed and annotate every permitted"
        + " subtype, or annotate the concrete classes instead.";
  }

  public static String concreteSealed(String type) {
    return "`" + type + "` is a sealed class that is not abstract, so a value of it could be"
        + " either `" + type + "` itself or a subtype, and the codec cannot tell which to rebuild."
        + " Fix: make `" + type + "` abstract, or move its state into a permitted subtype.";
  }

  public static String notAValueKind(String type, String kind) {
    return "`" + type + "` is " + kind + ", which has no values to copy to another process. Fix:"
        + " annotate a record, class, enum or sealed interface instead.";
  }

  public static String unannotatedSubtype(String type, String subtype, String annotation) {
    return "`" + type + "` permits `" + subtype + "`, which is not @" + annotation + ", so a value"
        + " of that subtype has no codec and could not be copied. Fix: annotate `" + subtype
        + "` with @" + annotation + ".";
  }

  public static String inheritOnlySubtype(String type, String subtype) {
    return "`" + type + "` permits `" + subtype + "`, which is @InheritOnly: it holds"
        + " process-local handles, which reach a child only as a spawn argument, never as a copied"
        + " value. Fix: make `" + type + "` @InheritOnly too, or keep handles out of `" + subtype
        + "`.";
  }

  public static String privateType(String type) {
    return "`" + type + "` is private, so its generated codec, which lives beside it in the same"
        + " package, cannot build it. Fix: make it package-private or public.";
  }

  public static String unreadableMember(String owner, String member) {
    return "`" + owner + "." + member + "` is private and has no accessor, so the generated codec,"
        + " which lives in the same package, cannot read it. Fix: make the field package-private,"
        + " or add a method `" + member + "()` or `get" + capitalize(member) + "()`.";
  }

  public static String unstorableMember(String owner, String member, boolean isFinal) {
    String why = isFinal ? "is final" : "is private and has no setter";
    return "`" + owner + "." + member + "` " + why + ", so the codec, which rebuilds `" + owner
        + "` with its no-argument constructor, cannot store it. Fix: add a constructor taking"
        + " every field by name and type, or make `" + member + "` non-final with a setter `set"
        + capitalize(member) + "(...)`.";
  }

  public static String noConstructor(String type, String fields) {
    return "`" + type + "` has no constructor the codec can call to rebuild a value. Fix: add a"
        + " non-private constructor taking its fields by name and type (" + fields + "), or a"
        + " no-argument constructor with non-final fields.";
  }

  public static String inheritedFields(String type, String superclass) {
    return "`" + type + "` inherits fields from `" + superclass + "`, which its codec would not"
        + " copy, so the other process would see them unset. Fix: make `" + type + "` a record"
        + " or a class that declares all its state, or mark the inherited fields transient.";
  }

  // ---- imported classes and hand-written codecs -----------------------------------------------

  /** The clause every import problem ends with: where its codec lives, and the way out. */
  private static String importFix(String type) {
    return " Fix: write a codec for `" + type + "` by hand and annotate it with"
        + " @TransferableCodec, or, if `" + type + "` is your own, annotate it with @Transferable.";
  }

  public static String importInaccessible(String type, String codecPackage) {
    return "`" + type + "` is not public, so the codec generated for its import, which lives in"
        + " package `" + codecPackage + "`, cannot reach it." + importFix(type);
  }

  public static String importUnreadable(String owner, String member, String codecPackage) {
    return "`" + owner + "." + member + "` has no public accessor (`" + member + "()` or `get"
        + capitalize(member) + "()`), so the codec generated for the import of `" + owner
        + "`, which lives in package `" + codecPackage + "`, cannot read it." + importFix(owner);
  }

  public static String importNoConstructor(String type, String fields) {
    return "`" + type + "` has no public constructor taking its fields by name and type ("
        + fields + "), nor a public no-argument constructor with public setters, so the codec"
        + " generated for its import cannot rebuild a value." + importFix(type);
  }

  public static String importUnstorable(String owner, String member) {
    return "`" + owner + "." + member + "` is final or has no public setter, so the codec generated"
        + " for the import of `" + owner + "`, which rebuilds it with its no-argument constructor,"
        + " cannot store it." + importFix(owner);
  }

  /** What a member of an imported class can do about a member type without a codec. */
  public static String importMemberFix(String owner, String culprit) {
    return "import `" + culprit + "` too if it is a plain data class, or write a codec for `"
        + owner + "` by hand and annotate it with @TransferableCodec";
  }

  public static String twoCodecs(String type, String here, String other) {
    return "`" + type + "` gets a codec from " + here + " and another from " + other + ", but"
        + " every process must write and read `" + type + "` the same way, so it may have only"
        + " one. Fix: keep one of them.";
  }

  public static String alreadyAnnotated(String type, String annotation, String here) {
    return "`" + type + "` is " + annotation + ", so it already has a codec generated beside it,"
        + " and " + here + " would give it a second one, but every process must write and read `"
        + type + "` the same way. Fix: remove " + here + ".";
  }

  public static String builtIn(String type, String here) {
    return "`" + type + "` is written by Ferry's own codec for it, so " + here + " would never"
        + " be used, or worse, be used by some processes only. Fix: remove " + here + ", or"
        + " wrap the value in a type of your own.";
  }

  public static String importsSameCodecName(String type, String other, String codec) {
    return "`" + type + "` and `" + other + "` would both get the codec `" + codec + "`, since"
        + " imported classes' codecs are named after their simple names in the importer's package."
        + " Fix: import one of them from another package.";
  }

  public static String handWrittenShape(String codec, String what) {
    return "`" + codec + "` is @TransferableCodec, but " + what + ", so generated codecs cannot"
        + " call it through `" + codec + ".INSTANCE`, without reflection. Fix: make it a public"
        + " top-level or static nested class implementing `Codec<T>` for a class type `T`, with"
        + " `public static final " + codec + " INSTANCE = new " + codec + "();`.";
  }

  public static String internal(String type, String stackTrace) {
    return "Ferry's processor failed on `" + type + "`; this is a bug in Ferry, not in your code,"
        + " and no codec was generated for it. Please report it with this trace:\n" + stackTrace;
  }

  /**
   * A value that crosses at a call site, e.g. "`queue` is sent to another process, and its type
   * `Channel<String>` is @InheritOnly: ...".
   */
  public static String crossingValue(
      String expression, String crossing, String type, String culprit, String reason, String fix) {
    String subject = "`" + expression + "` " + crossing;
    String cause =
        type.equals(culprit)
            ? ", and its type `" + type + "` " + reason
            : ", and `" + culprit + "` in its type `" + type + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  /** A type argument whose values are sent, e.g. the `X` of `Channel<X>`. */
  public static String sentTypeArgument(
      String argument, String generic, String culprit, String reason, String fix) {
    String subject =
        "`" + argument + "` is a type argument of `" + generic + "` whose values are sent to"
            + " another process";
    String cause =
        argument.equals(culprit) ? ", and it " + reason : ", and `" + culprit + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  /** A spawn target that a fresh JVM cannot run. */
  public static String spawnTarget(String expression, String what) {
    return "`" + expression + "` is " + what + ", but a child process is a fresh JVM: it can call"
        + " a static method by its class and name, and cannot rebuild captured variables, a"
        + " receiver object or a local class. Fix: pass a reference to a static method of a"
        + " top-level or static nested class, such as `Worker::run`.";
  }

  static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
