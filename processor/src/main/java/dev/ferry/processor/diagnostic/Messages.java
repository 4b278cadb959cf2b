package dev.ferry.processor.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The wording of the declaration diagnostics of a {@code @Transferable} or {@code @InheritOnly}
 * type (its kind, its members, what it inherits), and the words all of Ferry's messages share. What
 * is wrong in the user's names, why in one clause of the process model, and the fix. {@link
 * Rule#format} adds the tag and the rule's page; tests build their expectations from these
 * methods, so wording cannot drift. The wording of the other diagnostics sits beside it, one class
 * per subject: {@link CodecMessages} (imports, hand-written codecs, codec files), {@link
 * CrossingMessages} (values at call sites) and {@link SpawnTargetMessages}.
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

  public static String implicitClassDeclaration(String type, String annotation, String file) {
    return "`" + type + "` is declared in `" + file + "`, the class of a compact source file, so it"
        + " cannot be @" + annotation + ": no other code, not even the codec Ferry generates for"
        + " it, can name a class of a compact source file. Fix: move `" + type + "` to a file of"
        + " its own.";
  }

  public static String localCodecDeclarer(String type, String annotation, String scope) {
    return "`" + type + "` is " + scope + ", so its @" + annotation + " is never seen: Ferry"
        + " generates and lists codecs only for classes a child process can name. Fix: move the"
        + " annotation to a top-level or static nested class, or to a package-info.";
  }

  public static String bothAnnotations(String type) {
    return "`" + type + "` is both @Transferable and @InheritOnly: a value is either copied"
        + " through channels or handed to a child only at spawn, not both. Fix: keep"
        + " @InheritOnly if it holds handles such as channels, else keep @Transferable.";
  }

  /**
   * An interface or abstract class annotated {@code @annotation} that is not sealed; an
   * {@code @InheritOnly} one is rebuilt by the child it is handed to at spawn, not by a reader.
   */
  public static String notSealed(String type, boolean isInterface, String annotation) {
    String what = isInterface ? "an interface" : "an abstract class";
    String reader = annotation.equals("InheritOnly")
        ? "the child it is handed to at spawn"
        : "the process that reads its bytes";
    return "`" + type + "` is " + what + " that is not sealed, so " + reader + " cannot know"
        + " which class to rebuild. Fix: make it sealed and annotate every permitted subtype with"
        + " @" + annotation + ", or annotate the concrete classes instead.";
  }

  /**
   * An abstract {@code type} annotated {@code @annotation} whose concrete class the processor
   * {@code processor} generates for its annotation {@code generator} ({@code @AutoValue}): it
   * cannot be sealed over that class, but a hand-written codec can build it through its factory.
   */
  public static String generatedSubclass(
      String type, String generator, String processor, String annotation) {
    return "`" + type + "` is annotated " + generator + ", so its values are of a class that "
        + processor + " generates, and the process that reads its bytes cannot know which class to"
        + " rebuild. Fix: remove @" + annotation + " and " + valueTypeCodec(type) + ", or make `"
        + type + "` a record annotated @" + annotation + ".";
  }

  /** The fix for a value type another processor implements: its codec, by hand. */
  public static String valueTypeCodec(String type) {
    return "write the codec of `" + type + "` by hand (a @TransferableCodec class implementing"
        + " `Codec<" + type + ">` that builds values through the factory of `" + type + "`)";
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

  /**
   * All of a sealed type's permitted subtypes without a codec, in one message: javac prints only
   * the first of several errors at one position, and each would sit on the sealed type.
   */
  public static String unannotatedSubtype(String type, List<String> subtypes, String annotation) {
    String named = quotedNames(subtypes);
    boolean one = subtypes.size() == 1;
    return "`" + type + "` permits " + named + ", which " + (one ? "is" : "are") + " not @"
        + annotation + ", so a value of " + (one ? "that subtype" : "those subtypes")
        + " has no codec and could not be copied. Fix: annotate " + named + " with @" + annotation
        + ".";
  }

  /**
   * A type of this compilation without a codec that a {@code @Transferable} sealed type compiled
   * earlier (on the class path) permits: told on the subtype, since the sealed type is not
   * compiled again to be told.
   */
  public static String unannotatedSubtypeOfCompiled(String subtype, String sealed) {
    return "`" + subtype + "` is not @Transferable, and `" + sealed + "`, a @Transferable sealed"
        + " type compiled earlier, permits it, so a `" + sealed + "` holding a `" + subtype
        + "` has no codec for that value and could not be copied. Fix: annotate `" + subtype
        + "` with @Transferable.";
  }

  /**
   * A sealed type's permitted subtypes without a codec, some of them {@code non-sealed}, in one
   * message (see above): annotating a non-sealed one, the fix {@link #unannotatedSubtype} gives,
   * only draws the next error (a type open to any subclass has no codec either), so its fix says
   * to seal it too.
   */
  public static String unannotatedSubtype(
      String type, List<String> subtypes, List<String> nonSealed, String annotation) {
    if (nonSealed.isEmpty()) {
      return unannotatedSubtype(type, subtypes, annotation);
    }
    String open = quotedNames(nonSealed);
    boolean one = nonSealed.size() == 1;
    String openFix = "make " + open + " sealed, permitting only @" + annotation + " types, or a"
        + " final class, and annotate " + (one ? "it" : "them") + " with @" + annotation + ".";
    if (subtypes.isEmpty()) {
      return "`" + type + "` permits " + open + ", which " + (one ? "is" : "are") + " non-sealed"
          + " and not @" + annotation + ": any class may extend " + (one ? "it" : "them")
          + ", so the process that reads a `" + type + "` cannot know which class to rebuild."
          + " Fix: " + openFix;
    }
    String named = quotedNames(subtypes);
    return "`" + type + "` permits " + named + ", not @" + annotation + ", and " + open + ", "
        + "non-sealed and not @" + annotation + ": a value of those subtypes has no codec and"
        + " could not be copied, and any class may extend a non-sealed one, so the process that"
        + " reads a `" + type + "` could not know which class to rebuild. Fix: annotate " + named
        + " with @" + annotation + "; " + openFix;
  }

  /** All of a sealed type's {@code @InheritOnly} permitted subtypes, in one message (see above). */
  public static String inheritOnlySubtype(String type, List<String> subtypes) {
    String named = quotedNames(subtypes);
    boolean one = subtypes.size() == 1;
    return "`" + type + "` permits " + named + ", which " + (one ? "is" : "are") + " @InheritOnly: "
        + (one ? "it holds" : "they hold") + " process-local handles, which reach a child only as a"
        + " spawn argument, never as a copied value. Fix: make `" + type + "` @InheritOnly too, or"
        + " keep handles out of " + named + ".";
  }

  /** {@code `A`}, {@code `A` and `B`}, {@code `A`, `B` and `C`}. */
  static String quotedNames(List<String> names) {
    List<String> quoted = names.stream().map(n -> "`" + n + "`").collect(Collectors.toList());
    int last = quoted.size() - 1;
    return last == 0
        ? quoted.get(0)
        : String.join(", ", quoted.subList(0, last)) + " and " + quoted.get(last);
  }

  public static String privateType(String type) {
    return "`" + type + "` is private, so its generated codec, which lives beside it in the same"
        + " package, cannot build it. Fix: make it package-private or public.";
  }

  public static String unreadableMember(String owner, String member) {
    return "`" + owner + "." + member + "` is private and has no accessor, so the generated codec,"
        + " which lives in the same package, cannot read it. Fix: make the field package-private,"
        + " or add a method `" + member + "()` or `get" + propertySuffix(member) + "()`.";
  }

  /**
   * The fix for fields whose names Lombok's {@code @Accessors(prefix)} strips: {@code named} says
   * how to name them ({@code "the field `x`"}).
   */
  private static String lombokPrefixFix(String owner, String named) {
    return " Fix: name " + named + " and remove the prefix from @Accessors (Lombok then names the"
        + " getter and the constructor's parameter as the codec looks for them), or write the"
        + " codec of `" + owner + "` by hand and annotate it with @TransferableCodec.";
  }

  /**
   * As {@link #unreadableMember}, for a field whose getter Lombok's {@code @Accessors(prefix =
   * prefix)} names without the prefix ({@code getter}): the usual fix, "add `mX()`", asks for a
   * method Lombok never writes.
   */
  public static String lombokPrefixedMember(
      String owner, String member, String prefix, String getter, String stripped) {
    return "`" + owner + "." + member + "` is private, and Lombok's @Accessors(prefix = \""
        + prefix + "\") names its getter `" + getter + "()`, without the prefix, but the"
        + " generated codec finds a field's getter and constructor parameter by the field's own"
        + " name (`" + member + "()`, `get" + propertySuffix(member) + "()`, a parameter `"
        + member + "`), so it cannot read it."
        + lombokPrefixFix(owner, "the field `" + stripped + "`");
  }

  /**
   * As {@link #noConstructor}, for a class whose constructor Lombok generates with the parameters
   * named without the prefix of {@code @Accessors(prefix = prefix)} ({@code x} for {@code mX}).
   */
  public static String lombokPrefixedConstructor(
      String owner, String prefix, String member, String stripped, String fields) {
    return "`" + owner + "` has no constructor the codec can call to rebuild a value: it matches"
        + " a constructor's parameters to the fields by name and type (" + fields + "), and"
        + " Lombok's @Accessors(prefix = \"" + prefix + "\") names the parameters of the"
        + " constructor it generates without the prefix (`" + stripped + "` for `" + member
        + "`)." + lombokPrefixFix(owner, "the fields without the prefix");
  }

  /**
   * As {@link #unreadableMember}, for a type that inherits a method of the accessor's name (an
   * interface's default {@code getLabel()}): the fix must not ask for a method it seems to have.
   */
  public static String inheritedAccessor(
      String owner, String member, String accessor, String declaringType) {
    return "`" + owner + "." + member + "` is private and has no accessor of its own: the `"
        + accessor + "()` it inherits from `" + declaringType + "` cannot read the field, so the"
        + " generated codec, which lives in the same package, cannot read it. Fix: declare `"
        + accessor + "()` in `" + owner + "`, returning the field, or make the field"
        + " package-private.";
  }

  /**
   * {@link #accessorOfAnotherType} for a field {@code owner} inherits from {@code superclass}: the
   * field is not the class's to make package-private, and the codec does not live in the
   * superclass's package.
   */
  public static String inheritedAccessorOfAnotherType(
      String owner,
      String member,
      String superclass,
      String accessor,
      String returned,
      String fieldType) {
    return "`" + owner + "` inherits `" + member + "` from `" + superclass + "`, which its generated"
        + " codec cannot read directly, and its accessor `" + accessor + "()` returns `" + returned
        + "`, not the field's `" + fieldType + "`, so the codec cannot read the field through it:"
        + " what it reads must have the field's type, to rebuild the object. Fix: if `"
        + superclass + "` is yours, make `" + accessor + "()` return `" + fieldType
        + "`; else write `" + owner + "`'s codec by hand (@TransferableCodec) from what `"
        + superclass + "` lets it read.";
  }

  public static String accessorOfAnotherType(
      String owner, String member, String accessor, String returned, String fieldType) {
    return "`" + owner + "." + member + "` is private, and its accessor `" + accessor + "()` returns"
        + " `" + returned + "`, not the field's `" + fieldType + "`, so the generated codec cannot"
        + " read the field through it: what it reads must have the field's type, to rebuild the"
        + " object. Fix: make `" + accessor
        + "()` return `" + fieldType + "`, or make the field package-private.";
  }

  /**
   * A private, non-final field of a class built by its no-argument constructor, with neither an
   * accessor nor a setter: both told in one message, on the field (javac prints one per place).
   */
  public static String unreadableAndUnstorableMember(String owner, String member) {
    String suffix = propertySuffix(member);
    return "`" + owner + "." + member + "` is private and has neither an accessor nor a setter, so"
        + " the generated codec, which lives in the same package and rebuilds `" + owner
        + "` with its no-argument constructor, can neither read nor store it. Fix: make the field"
        + " package-private, or add a method `" + member + "()` or `get" + suffix + "()`, and a"
        + " setter `set" + suffix + "(...)` or a constructor taking every field by name and type.";
  }

  /**
   * A final field set by an initializer that is not a constant ({@code final Integer boxed = 3;}),
   * declared by {@code owner} itself, or by {@code superclass} (else null) that it inherits the
   * field from. No constructor may assign the field again, so no constructor can take it from the
   * codec.
   */
  public static String finalFieldWithInitializer(String owner, String member, String superclass) {
    boolean own = superclass == null;
    String declarer = superclass;
    String field =
        own
            ? "`" + owner + "." + member + "` is final and set by its initializer"
            : "`" + owner + "` inherits `" + member + "` from `" + declarer + "`, where it is final"
                + " and set by its initializer";
    return field + ", and no constructor takes it (a final field with an initializer cannot be"
        + " assigned again), so the receiver would hold its own initializer's value, not the one"
        + " sent. Fix: make `" + member + "` static if every value holds the same one, transient"
        + " if each process should compute its own, or drop the initializer and take `" + member
        + "` in " + (own ? "the constructor" : "`" + declarer + "`'s constructor") + " (a"
        + " constructor that takes it and fills the initialized value in, as a final list's"
        + " `addAll`, is used as it is).";
  }

  /**
   * A constructor parameter or a setter that plainly stores the value the codec hands it for
   * {@code member} in another field, {@code stored} ({@code this.x = y;}).
   *
   * @param writer the constructor's signature, {@code V(int x, int y)}, or the setter's, {@code
   *     setX(int)}
   * @param reader the getter the codec reads {@code member} through, {@code x()}, or null for the
   *     field itself
   */
  public static String storedInAnotherField(
      String owner,
      String writer,
      boolean constructor,
      String member,
      String stored,
      String reader) {
    String what = constructor ? "its parameter `" + member + "`" : "its value";
    String fix =
        constructor
            ? "store each parameter in the field of its name (`this." + member + " = " + member
                + ";`): the codec calls this constructor with each field's value by its name"
            : "store the value in `" + member + "` (`this." + member + " = " + member + ";`), or"
                + " give `" + owner + "` a constructor taking its fields by name and type";
    return "`" + writer + "` stores " + what + " in the field `" + stored + "`, but the codec"
        + " passes it the value of `" + owner + "." + member + "`" + readBy(reader) + ", so a"
        + " copy would hold that value in `" + stored + "`, not in `" + member + "`. Fix: " + fix
        + ".";
  }

  /**
   * A constructor parameter or a setter that never uses the value the codec hands it for {@code
   * member}.
   */
  public static String valueUnused(
      String owner, String writer, boolean constructor, String member, String reader) {
    String what = constructor ? "its parameter `" + member + "`" : "its parameter";
    return "`" + writer + "` never uses " + what + ", to which the codec passes the value of `"
        + owner + "." + member + "`" + readBy(reader) + ", so a copy would not hold the `" + member
        + "` sent. Fix: store it (`this." + member + " = " + member + ";`), or make `" + member
        + "` transient if it is computed from the other fields"
        + (constructor ? " and drop the parameter, so that the constructor takes the other fields by name and type" : "")
        + ".";
  }

  /** A getter the codec reads {@code member} through that plainly returns another field. */
  public static String getterReadsAnotherField(
      String owner, String getter, String member, String returned) {
    return "`" + owner + "." + getter + "()` returns the field `" + returned + "`, but the codec"
        + " reads `" + owner + "." + member + "` through it and stores what it returns in `"
        + member + "`, so a copy would hold the value of `" + returned + "` in `" + member + "`."
        + " Fix: return `" + member + "` from `" + getter + "()`.";
  }

  /**
   * A constructor parameter or a setter that stores the value the codec hands it for {@code
   * member} changed by arithmetic, negation or concatenation ({@code this.count = count + 1;}).
   */
  public static String changedOnWrite(
      String owner, String writer, boolean constructor, String member, String expression,
      String reader) {
    String what = constructor ? "its parameter `" + member + "`" : "its value";
    return "`" + writer + "` stores `" + expression + "` in `" + member + "`, not " + what
        + " as it is, but the codec passes it the value of `" + owner + "." + member + "`"
        + readBy(reader) + ", so each copy would hold another `" + member + "` than the one sent,"
        + " changed again at each crossing. Fix: store the value as it is (`this." + member + " = "
        + member + ";`) and compute the new one where values are made (a factory method), or"
        + " write a codec for `" + owner + "` by hand and annotate it with @TransferableCodec.";
  }

  /**
   * A record's canonical constructor (a compact one, or an explicit one that stores no parameter
   * plainly) that changes a component's parameter by itself.
   */
  public static String changedInCanonicalConstructor(
      String owner, String member, String statement, String reader) {
    return "the canonical constructor of `" + owner + "` changes its parameter `" + member
        + "` (`" + statement + "`) before it is stored in `" + member + "`, but the codec passes"
        + " it the value of `" + owner + "." + member + "`" + readBy(reader) + ", so each copy"
        + " would hold another `" + member + "` than the one sent, changed again at each crossing."
        + " Fix: leave `" + member + "` as it is in the constructor and compute the new value"
        + " where values are made (a factory method), or write a codec for `" + owner
        + "` by hand and annotate it with @TransferableCodec.";
  }

  /** A getter the codec reads {@code member} through that returns it changed by arithmetic. */
  public static String changedOnRead(
      String owner, String getter, String member, String expression) {
    return "`" + owner + "." + getter + "()` returns `" + expression + "`, not `" + member
        + "` as it is, and the codec reads `" + owner + "." + member + "` through it and stores"
        + " what it returns in `" + member + "`, so each copy would hold another `" + member
        + "` than the one sent, changed again at each crossing. Fix: return `" + member + "` from `"
        + getter + "()` and give the computed value a method of another name.";
  }

  private static String readBy(String reader) {
    return reader == null ? "" : " (read by `" + reader + "`)";
  }

  public static String unstorableMember(String owner, String member, boolean isFinal) {
    String why = isFinal ? "is final" : "is private and has no setter";
    return "`" + owner + "." + member + "` " + why + ", so the codec, which rebuilds `" + owner
        + "` with its no-argument constructor, cannot store it. Fix: add a constructor taking"
        + " every field by name and type, or make `" + member + "` non-final with a setter `set"
        + propertySuffix(member) + "(...)`.";
  }

  /**
   * A class no constructor of which the codec can call; {@code fields} is empty for a class with
   * no fields to copy, which needs only a constructor without parameters (it was told to add one
   * "taking its fields by name and type ()"). An {@code @InheritOnly} class is not offered a
   * hand-written codec for a factory: a codec writes bytes, and the class's handles must be opened
   * again by the runtime at spawn.
   */
  public static String noConstructor(String type, String fields, boolean inheritOnly) {
    String add =
        fields.isEmpty()
            ? " Fix: add a non-private constructor without parameters, since `" + type
                + "` has no fields to copy;"
            : " Fix: add a non-private constructor taking its fields by name and type (" + fields
                + "), or a no-argument constructor with non-final fields;";
    String rebuilt = "`" + type + "` has no constructor the codec can call to rebuild a value.";
    if (inheritOnly) {
      return rebuilt + add.substring(0, add.length() - 1) + ".";
    }
    return rebuilt + add
        + " if its values must be built through a factory or builder that checks them, remove"
        + " @Transferable and write a codec by hand (@TransferableCodec) that calls it.";
  }

  public static String unnameableMemberType(
      String owner,
      String member,
      String type,
      String hidden,
      boolean isPrivate,
      String codecPackage) {
    String why = isPrivate ? "is private" : "is not public and belongs to another package";
    return "`" + owner + "." + member + "` is `" + type + "`, and `" + hidden + "` " + why + ", so"
        + " the generated codec of `" + owner + "`, which lives in " + packageNamed(codecPackage)
        + ", cannot name it. Fix: make `" + hidden + "` "
        + (isPrivate ? "package-private or public" : "public") + ".";
  }

  /**
   * A {@code @Transferable} class whose superclass, {@code @InheritOnly}, has fields: its handles
   * are what is wrong, not only that its codec would not copy them (marking them transient, as
   * {@link #inheritedFields} offers, would send the value without them).
   */
  public static String transferableExtendsInheritOnly(String type, String superclass) {
    return "`" + type + "` is @Transferable, but it extends `" + superclass + "`, which is"
        + " @InheritOnly: it holds process-local handles, which reach a child only as a spawn"
        + " argument, never through a channel or inside a copied value. Fix: make `" + type
        + "` an @InheritOnly record or class that holds a `" + superclass + "` in a field of its"
        + " own rather than extending it (a codec copies only a class's own fields), and pass it"
        + " to the child as a spawn argument when it starts.";
  }

  /**
   * A member (or, for a sealed type, a permitted subtype: {@code member} null) of a type whose
   * codec is not generated because its own errors are suppressed: the holder would compile clean
   * without a codec and fail when sent.
   */
  public static String uncodedBySuppression(
      String owner, String member, String uncoded, String where) {
    String what =
        member == null
            ? "`" + owner + "` permits `" + uncoded + "`"
            : "`" + owner + "." + member + "` holds `" + uncoded + "`";
    return what + ", which gets no codec: @SuppressWarnings silences the errors of " + where
        + ", and a type whose errors are silenced gets no codec, so `" + owner + "` would get"
        + " none either (its codec would call the missing one) and fail when sent. Fix: remove"
        + " that @SuppressWarnings and fix what it hides, or suppress this error too if `" + owner
        + "` is not meant to be sent.";
  }

  /**
   * A field a superclass declares that the codec, in the class's package and no subclass, can
   * neither read nor reach through an accessor (private with none, or protected elsewhere).
   */
  public static String unreadableInheritedMember(
      String owner, String member, String superclass, String codecPackage) {
    String where = codecPackage.isEmpty() ? "the unnamed package" : "package `" + codecPackage + "`";
    return "`" + owner + "` inherits `" + member + "` from `" + superclass + "`, and its generated"
        + " codec, which lives in " + where + ", can neither read that field nor call an accessor"
        + " of it, so the other process would see it unset. Fix: if `" + superclass
        + "` is yours, give it a public method `" + member + "()` or `get"
        + propertySuffix(member) + "()` (or one the codec's package can call); else write `"
        + owner + "`'s codec by hand (@TransferableCodec) from what `" + superclass
        + "` lets it read.";
  }

  /**
   * A superclass's field that a field below (of any kind) or an interface constant of the same
   * name hides or makes ambiguous, so that the codec, naming it on the class, would reach the other.
   */
  public static String shadowedInheritedField(String type, String member, String superclass) {
    return "`" + type + "` inherits `" + member + "` from `" + superclass + "`, and a field or"
        + " interface constant named `" + member + "` below `" + superclass + "` hides it or makes"
        + " it ambiguous, so its generated codec, which copies members by name, would read or"
        + " store the other one. Fix: rename one of them, or write the codec of `" + type
        + "` by hand and annotate it with @TransferableCodec.";
  }

  /**
   * A superclass's field whose type names a type variable ({@code Box<T> extends Holder<T>}'s
   * {@code Holder.label}, a {@code T}): the codec does not work out what the class's own variables
   * make of it.
   */
  public static String inheritedFieldOfTypeVariable(
      String type, String superclass, String field, String fieldType) {
    return "`" + type + "` inherits `" + superclass + "." + field + "`, of type `" + fieldType
        + "`, and its generated codec copies an inherited field only when the field's type names no"
        + " type variable, so the other process would see it unset. Fix: declare `" + field
        + "` in `" + type + "` itself (a record declares all its state), give `" + superclass
        + "` a type argument that is no type variable, or write the codec of `" + type
        + "` by hand and annotate it with @TransferableCodec.";
  }

  /**
   * A superclass the codec cannot name, {@code why} (e.g. {@code "is private"}), so it cannot read
   * or rebuild the fields it declares.
   */
  public static String inheritedFromUnreachable(
      String type, String superclass, String why, String codecPackage) {
    return "`" + type + "` inherits fields from `" + superclass + "`, which " + why + ", so its"
        + " generated codec, in package `" + codecPackage + "`, cannot reach them to copy them, and"
        + " the other process would see them unset. Fix: make `" + superclass + "` visible to"
        + " that package (public, or package-private in it), or declare the fields in `" + type
        + "` itself.";
  }

  public static String inheritedFields(String type, String superclass) {
    return "`" + type + "` inherits fields from `" + superclass + "`, which its codec would not"
        + " copy, so the other process would see them unset. Fix: make `" + type + "` a record"
        + " or a class that declares all its state, or mark the inherited fields transient.";
  }

  /** "package `app`", or "the unnamed package", which has no name to quote. */
  static String packageNamed(String name) {
    return name.isEmpty() ? "the unnamed package" : "package `" + name + "`";
  }

  /**
   * The call-site checks of a file threw: {@code failure} is the exception's class, {@code frame}
   * its first stack frame. The same words under javac and ECJ; a warning, since the file's codecs
   * were generated and the compilation goes on.
   */
  public static String callSitesUnchecked(String file, String failure, String frame) {
    return "Ferry could not check the call sites in `" + file + "`: its checker failed there with `"
        + failure + "` at `" + frame + "`. This is a bug in Ferry, not in your code: the file's"
        + " codecs were generated, but what its calls send to other processes was not checked."
        + " Please report it, with this message and the file if you can.";
  }

  public static String internal(String type, String stackTrace) {
    return "Ferry's processor failed on `" + type + "`; this is a bug in Ferry, not in your code,"
        + " and no codec was generated for it. Please report it with this trace:\n" + stackTrace;
  }

  /** "a" or "an", as said before {@code word}: "an `Event`", "an `int[]`", "a `Job`". */
  public static String article(String word) {
    return "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  /**
   * A field's name as its JavaBeans getter and setter write it after {@code get}, {@code is} or
   * {@code set}: {@code name} gives {@code Name}, but a name whose second letter is upper case
   * stays as it is ({@code aB} gives {@code getaB}, {@code xURL} gives {@code getxURL}), since
   * {@code java.beans.Introspector.decapitalize} reads {@code getAB} as the property {@code AB}.
   */
  public static String propertySuffix(String name) {
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return capitalize(name);
  }

  /** {@code name} with its first letter upper case: {@code aB} gives {@code AB}. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
