package dev.ferry.processor.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

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

  /** As {@link #generatedSubclass}, for such a type named in {@code @TransferableImport}. */
  public static String importGeneratedSubclass(String type, String generator, String processor) {
    return "`" + type + "` is annotated " + generator + ", so its values are of a class that "
        + processor + " generates, and the process that reads its bytes cannot know which class to"
        + " rebuild. Fix: remove `" + type + ".class` from the import and " + valueTypeCodec(type)
        + ".";
  }

  /**
   * As {@link #importNoConstructor}, for the class another processor generated for {@code
   * valueType}: no one can give it a constructor, and a codec of it would not serve members
   * declared as {@code valueType}, as they usually are.
   */
  public static String importGeneratedImplementation(
      String type, String valueType, String generator, String processor, String fields) {
    return "`" + type + "` is the class " + processor + " generates for `" + valueType + "` ("
        + generator + "), and it has no public constructor taking its fields by name and type ("
        + fields + "), so the codec generated for its import cannot rebuild a value. Fix: remove `"
        + type + ".class` from the import, " + valueTypeCodec(valueType) + ", and declare members"
        + " and channels as `" + valueType + "`.";
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
  private static String quotedNames(List<String> names) {
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

  // ---- imported classes and hand-written codecs -----------------------------------------------

  /** The clause every import problem ends with: where its codec lives, and the way out. */
  private static String importFix(String type) {
    return " Fix: write a codec for `" + type + "` by hand and annotate it with"
        + " @TransferableCodec, or, if `" + type + "` is your own, annotate it with @Transferable.";
  }

  /**
   * As {@link #importFix(String)}, or, for a class of the JDK ({@code jdk}), which is never the
   * user's own to annotate, the two ways that work for it.
   */
  private static String importFix(String type, boolean jdk) {
    if (!jdk) {
      return importFix(type);
    }
    return " Fix: write a codec for `" + type + "` by hand, from what its public API lets you read"
        + " and rebuild, and annotate it with @TransferableCodec, or send a record of your own"
        + " that holds what you need of it.";
  }

  public static String codecNameTaken(String type, String other, String codec) {
    return "the codec of `" + type + "` would be `" + codec + "`, which is the codec of `" + other
        + "` too: a codec is named after its type's nested names joined with `_`, because a child"
        + " process finds it by that name. Fix: rename one of the two types.";
  }

  /**
   * The codec of {@code type} would be {@code codec}, but {@code taker} (a class of the user's,
   * described with where it is declared) already has that binary name, so the compiler would
   * refuse to write the codec.
   */
  public static String codecNameTakenByClass(
      String type, String codec, String taker, String takerName) {
    return "Ferry generates the codec of `" + type + "` beside it as `" + codec + "`, because a"
        + " child process finds a codec by that name, but the name is taken by your " + taker
        + ", so the codec could not be written and `" + type + "` would have none. Fix: rename `"
        + takerName + "`.";
  }

  public static String codecFileNameTooLong(String type, String classFile, int bytes, int limit) {
    return "`" + type + "` is too long a name for its codec: the codec's class file `" + classFile
        + "` would have a name of " + bytes + " bytes"
        + " (UTF-8), more than a file system takes (" + limit + "), so the compiler could not write"
        + " it: a codec is named after its type's nested names joined with `_`, plus `_FerryCodec`,"
        + " because a child process finds it by that name. Fix: shorten the type's name, or the"
        + " names of the types it is nested in, by at least " + (bytes - limit) + " bytes.";
  }

  public static String importCodecNameTaken(String type, String codec, String taker) {
    return "the codec generated for the import of `" + type + "` would be `" + codec + "`, which"
        + " is " + taker + ": an import's codec is generated in the importer's package, named after"
        + " the class's nested names joined with `_`. Fix: move this import to a type or"
        + " package-info of another package.";
  }

  /**
   * A class named in {@code @TransferableImport} on {@code declarer} that is {@code scope} ("an
   * inner (non-static) class"): not a class to annotate, as {@link #localDeclaration} says of one
   * of the user's, but one whose codec could not build it ({@code inner}: its constructor needs
   * an instance of the class around it) or name it.
   */
  public static String importNotNameable(
      String type, String scope, String declarer, boolean inner) {
    return "`" + type + "` is " + scope + ", so @TransferableImport on `" + declarer + "` cannot"
        + " give it a codec: "
        + (inner
            ? "a generated codec rebuilds a value with its constructor, and the constructor of"
                + " such a class needs an instance of the class around it"
            : "a child process rebuilds values by class name, and such a class has no name"
                + " outside its enclosing code")
        + ". Fix: remove `" + type + ".class` from it, and write a codec for `" + type + "` by"
        + " hand and annotate it with @TransferableCodec, or, if `" + type + "` is your own, make"
        + " it a top-level or static nested class.";
  }

  /** {@code jdk}: {@code type} is a class of the JDK, never the user's own to annotate. */
  public static String importInaccessible(String type, String codecPackage, boolean jdk) {
    return "`" + type + "` is not public, so the codec generated for its import, which lives in "
        + packageNamed(codecPackage) + ", cannot reach it." + importFix(type, jdk);
  }

  public static String importUnreadable(String owner, String member, String codecPackage) {
    return "`" + owner + "." + member + "` has no public accessor (`" + member + "()` or `get"
        + propertySuffix(member) + "()`), so the codec generated for the import of `" + owner
        + "`, which lives in " + packageNamed(codecPackage) + ", cannot read it."
        + importFix(owner);
  }

  /** "package `app`", or "the unnamed package", which has no name to quote. */
  private static String packageNamed(String name) {
    return name.isEmpty() ? "the unnamed package" : "package `" + name + "`";
  }

  /**
   * As {@link #importUnreadable}, for a class of the JDK: never the user's own to annotate, and its
   * one codec, written by hand, serves every use of it.
   */
  public static String importJdkUnreadable(String owner, String member) {
    return "`" + owner + "." + member + "` has no public accessor (`" + member + "()` or `get"
        + propertySuffix(member) + "()`), so a codec generated for the import of `" + owner
        + "`, a JDK class, cannot read it. Fix: write a codec for `" + owner + "` by hand, from"
        + " what its public API lets you read and rebuild, and annotate it with"
        + " @TransferableCodec: that one codec serves every use of `" + owner + "` (fields,"
        + " channels, spawn arguments), or send a type of your own that holds what you need of"
        + " it.";
  }

  /**
   * As {@link #noConstructor}, for an imported class; {@code jdk}: a class of the JDK, never the
   * user's own to annotate.
   */
  public static String importNoConstructor(String type, String fields, boolean jdk) {
    if (fields.isEmpty()) {
      return "`" + type + "` has no fields to copy and no public constructor without parameters,"
          + " so the codec generated for its import cannot rebuild a value."
          + importFix(type, jdk);
    }
    return "`" + type + "` has no public constructor taking its fields by name and type ("
        + fields + "), nor a public no-argument constructor with public setters, so the codec"
        + " generated for its import cannot rebuild a value." + importFix(type, jdk);
  }

  public static String importUnnamedParameters(String type, String fields) {
    return "`" + type + "`'s class file keeps no names for its constructor's parameters (its"
        + " library was compiled without -parameters or -g), and its fields (" + fields + ")"
        + " share a type, so the codec generated for its import cannot tell which argument is"
        + " which field. Fix: build that library with -parameters, or write a codec for `" + type
        + "` by hand and annotate it with @TransferableCodec.";
  }

  public static String importNotSealed(String type, boolean isInterface) {
    String what = isInterface ? "an interface" : "an abstract class";
    return "`" + type + "` is " + what + " that is not sealed, so the process that reads its bytes"
        + " cannot know which class to rebuild. Fix: import the concrete classes instead, or write"
        + " a codec for `" + type + "` by hand and annotate it with @TransferableCodec.";
  }

  public static String importNotAValueKind(String type, String kind) {
    return "`" + type + "` is " + kind + ", which has no values to copy to another process. Fix:"
        + " remove `" + type + ".class` from the import.";
  }

  public static String importInheritedFields(String type, String superclass) {
    return "`" + type + "` inherits fields from `" + superclass + "`, which the codec generated for"
        + " its import would not copy, so the other process would see them unset. Fix: write a"
        + " codec for `" + type + "` by hand and annotate it with @TransferableCodec.";
  }

  /** All of an imported sealed type's permitted subtypes without a codec, in one message. */
  public static String importUnannotatedSubtype(String type, List<String> subtypes) {
    String named = quotedNames(subtypes);
    boolean one = subtypes.size() == 1;
    return "`" + type + "` permits " + named + ", which " + (one ? "is" : "are") + " neither"
        + " imported nor @Transferable, so a value of " + (one ? "that subtype" : "those subtypes")
        + " has no codec and could not be copied. Fix: import " + named + " too.";
  }

  /** {@code jdk}: {@code owner} is a class of the JDK, never the user's own to annotate. */
  public static String importUnstorable(String owner, String member, boolean jdk) {
    return "`" + owner + "." + member + "` is final or has no public setter, so the codec generated"
        + " for the import of `" + owner + "`, which rebuilds it with its no-argument constructor,"
        + " cannot store it." + importFix(owner, jdk);
  }

  /** What a member of an imported class can do about a member type without a codec. */
  /**
   * A member of an imported class, read from a class file, whose type names a class the class
   * path lacks: javac reports nothing of it (only code that names the class directly).
   */
  public static String missingBehindClassFile(
      String owner, String qualifiedOwner, String member, String type) {
    return "`" + owner + "." + member + "` is `" + type + "`, which names a class that is not on"
        + " the class path, so no codec can be generated for `" + owner + "`: javac read `"
        + qualifiedOwner + "` from a class file, and says nothing of a class missing behind one."
        + " Fix: put the jar that holds the missing class (a dependency of the library of `"
        + qualifiedOwner + "`) on the class path.";
  }

  /**
   * An imported JDK class whose fields a generated codec can neither read, store nor encode
   * ({@code Random}), told once in place of an error per field.
   */
  public static String importJdkUnfit(String type, List<String> fields) {
    String state = fields.isEmpty() ? "" : " (" + firstFields(fields) + ")";
    return "`" + type + "` cannot be imported: a codec generated for an import copies a class"
        + " through public accessors and rebuilds it with a constructor or setters that take"
        + " them, and the state of `" + type + "`" + state + " is not made of such members:"
        + " its fields lack public accessors, a matching constructor or setters, or a codec for"
        + " their types. Fix: write a codec for `" + type
        + "` by hand, from what its public API lets you read and rebuild, and annotate it with"
        + " @TransferableCodec, or send a type of your own that holds what you need of it.";
  }

  /** At most three field names, then how many more: `a`, `b`, `c` and 2 more fields. */
  private static String firstFields(List<String> fields) {
    return fields.stream().limit(3).map(f -> "`" + f + "`").collect(Collectors.joining(", "))
        + (fields.size() > 3 ? " and " + (fields.size() - 3) + " more fields" : "");
  }

  /**
   * The fix for a member of an imported class whose type is a JDK class that an import could not
   * copy either ({@code AtomicLong}): importing it too is no way out.
   */
  public static String importJdkMemberFix(String owner, String culprit) {
    return "write a codec for `" + owner + "` by hand and annotate it with @TransferableCodec;"
        + " importing `" + culprit + "` too would not help, since a generated codec cannot copy"
        + " its state either";
  }

  public static String importMemberFix(String owner, String culprit) {
    return "import `" + culprit + "` too if it is a plain data class, or write a codec for `"
        + owner + "` by hand and annotate it with @TransferableCodec";
  }

  /**
   * {@link #twoCodecs} where the other codec is named by an index on the class path: in a jar, or
   * in a directory, which may be the one this compile writes into, left there by an earlier
   * compile of a file not compiled again (javac on changed files, an IDE's make) or of one since
   * deleted, which only a clean build removes.
   *
   * @param container the jar's file name or the directory's path
   * @param declarer what the index says declared the other codec ({@code app.Imports}), or null
   */
  public static String twoCodecsOnClassPath(
      String type, String here, String codec, String container, boolean jar, boolean output,
      String declarer) {
    String other = "`" + codec + "`";
    if (jar) {
      return twoCodecs(type, here, other + " in the jar `" + container + "` on the class path");
    }
    String by = declarer == null ? "" : " (declared by `" + declarer + "`)";
    if (!output) {
      return twoCodecs(type, here, other + by + " in the directory `" + container + "` on the"
          + " class path");
    }
    return "`" + type + "` gets a codec from " + here + " and another from " + other + by + ","
        + " which an earlier compile left in the output directory `" + container + "` this one"
        + " compiles into, but every process must write and read `" + type + "` the same way, so"
        + " it may have only one. Fix: keep one of them" + (declarer == null ? "" : ": remove the"
        + " other from `" + declarer + "`, or remove this one") + "; if the other is gone from"
        + " your sources already, build clean (`mvn clean compile`, or delete `" + container
        + "`), since its classes stay in the output until then.";
  }

  public static String twoCodecs(String type, String here, String other) {
    return "`" + type + "` gets a codec from " + here + " and another from " + other + ", but"
        + " every process must write and read `" + type + "` the same way, so it may have only"
        + " one. Fix: keep one of them.";
  }

  /**
   * What a fix removes to drop one codec declaration: the class literal from an import, which may
   * list other classes that stay imported ({@code `Job.class` from @TransferableImport on `App`}),
   * or the whole hand-written codec.
   */
  public static String removal(String type, String here, boolean literal) {
    return literal ? "`" + type + ".class` from " + here : here;
  }

  /** {@code removal} as {@link #removal} builds it. */
  public static String alreadyAnnotated(
      String type, String annotation, String here, String removal) {
    return "`" + type + "` is " + annotation + ", so it already has a codec generated beside it,"
        + " and " + here + " would give it a second one, but every process must write and read `"
        + type + "` the same way. Fix: remove " + removal + ".";
  }

  /** {@code removal} as {@link #removal} builds it. */
  public static String builtIn(String type, String here, String removal) {
    return "`" + type + "` is written by Ferry's own codec for it, so " + here + " would never"
        + " be used, or worse, be used by some processes only. Fix: remove " + removal + ", or"
        + " wrap the value in a type of your own.";
  }

  /**
   * An import of a JDK class whose private fields the compilation cannot see ({@code --release} on
   * a newer JDK reads the platform's public API only), {@code hidden} as {@code Class.field}.
   */
  public static String platformFieldsHidden(String type, List<String> hidden) {
    String fields = firstFields(hidden);
    return "`" + type + "` is a JDK class whose private state this compilation cannot see: it"
        + " reads the JDK's classes as their public API (as `--release` on a newer JDK does),"
        + " which leaves out " + fields + ", so the codec generated for its import would not copy"
        + " them, and the other process would get a `" + type + "` without them. Fix: write a"
        + " codec for `" + type + "` by hand and annotate it with @TransferableCodec, or send a"
        + " type of your own that holds what you need of it.";
  }

  /**
   * An imported class that keeps state in transient fields and writes it in a serialized form of
   * its own ({@code java.util.Date}'s {@code fastTime}): its generated codec would drop it.
   */
  public static String importTransientState(String type, List<String> fields) {
    String named =
        fields.stream().limit(3).map(f -> "`" + f + "`").collect(Collectors.joining(", "))
            + (fields.size() > 3 ? " and " + (fields.size() - 3) + " more fields" : "");
    return "`" + type + "` keeps state in transient fields (" + named + ") and writes them in a"
        + " serialized form of its own (writeObject, writeReplace or Externalizable), and the"
        + " codec generated for its import copies only fields that are not transient, so the other"
        + " process would get a `" + type + "` without them. Fix: write a codec for `" + type
        + "` by hand and annotate it with @TransferableCodec, or send a type of your own that"
        + " holds what you need of it.";
  }

  public static String importNotAValue(String type, String here) {
    return "`" + type + "` has no values, so " + here + " has nothing to copy to another process."
        + " Fix: remove `" + type + ".class` from it.";
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

  /**
   * The field {@code field} ({@code Holder.TempCodec}) is named like the class it stands beside in
   * the name generated codecs call {@code codec}'s {@code INSTANCE} by.
   */
  public static String handWrittenObscuredByField(String codec, String field) {
    return "`" + codec + "` is @TransferableCodec, but `" + field + "` is also a field, and in code"
        + " Java reads a name as a field before it reads it as a class, so generated codecs cannot"
        + " call `" + codec + ".INSTANCE` by its name, and no other name reaches it without"
        + " reflection. Fix: rename the field `" + field + "`, or the class.";
  }

  public static String handWrittenInner(String codec, String outer) {
    return "`" + codec + "` is @TransferableCodec, but it is an inner (non-static) class of `"
        + outer + "`, so each of its instances needs an instance of `" + outer + "` around it,"
        + " and the `INSTANCE` generated codecs call, without reflection, cannot be a plain `new "
        + codec + "()`. Fix: make it a static nested class (`public static final class " + codec
        + "`), with `public static final " + codec + " INSTANCE = new " + codec + "();`.";
  }

  /**
   * A codec generated in {@code codecPackage} would call {@code called}, the codec of {@code
   * value}, which is in the unnamed package ({@code declared} says by what).
   */
  public static String callsCodecInUnnamedPackage(
      String codec,
      String codecPackage,
      String value,
      String called,
      String declared,
      boolean handWritten) {
    return "`" + codec + "`, generated in package `" + codecPackage + "`, would call `" + called
        + "`, the codec of `" + value + "` from " + declared + ", which is in the unnamed package,"
        + " and Java lets no code in a package name a class of the unnamed package. Fix: "
        + (handWritten
            ? "declare `" + called + "` in a package."
            : "put the @TransferableImport on a type in a package, or on a package's"
                + " package-info.java.");
  }

  /**
   * The codec {@code codec} would name {@code qualified} qualified, but {@code codecPackage} has a
   * class named like its first identifier, which Java reads in its place.
   */
  public static String packageObscuredByClass(String codec, String codecPackage, String qualified) {
    String root = qualified.substring(0, qualified.indexOf('.'));
    String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
    String where = codecPackage.isEmpty() ? "the unnamed package" : "package `" + codecPackage + "`";
    return "`" + codec + "` must name `" + qualified + "` by its qualified name, since a class of "
        + where + " is named `" + simple + "` too, but " + where + " also has a class named `"
        + root + "`, and Java reads `" + root + "` in that name as the class, not the package, so"
        + " no code there can name `" + qualified + "`. Fix: rename the class `" + root + "` (or the"
        + " class `" + simple + "`).";
  }

  /**
   * The codec of {@code type} would be generated in {@code module}, a named module that does not
   * read Ferry's runtime, whose {@code Codec} the codec implements.
   */
  public static String moduleDoesNotReadRuntime(
      String type, String codec, String codecPackage, String module, boolean imported) {
    return "`" + type + "`" + (imported ? " is imported into" : " is in") + " package `"
        + codecPackage + "` of module `" + module + "`, which does not read `dev.ferry.runtime`,"
        + " and the codec `" + codec + "` that Ferry generates there implements `dev.ferry.Codec`"
        + " of that module, so it could not compile and `" + type + "` would have no codec."
        + " Fix: add `requires dev.ferry.runtime;` to the module-info.java of `" + module
        + "`, with ferry-runtime on the module path.";
  }

  /** The codec of {@code type} could not be written: a file of its name exists already. */
  public static String codecFileExists(String type, String filerMessage) {
    return "Ferry could not write the codec of `" + type + "`: " + filerMessage + ". The compiler"
        + " writes no file for a class that is already among this compilation's sources: a class"
        + " of yours named like a generated codec, or a codec an earlier build generated that is"
        + " compiled again as a source (ECJ without -s writes generated sources beside yours), and"
        + " no codec was generated for `" + type + "`. Fix: delete or rename that source, build"
        + " again, and give generated sources a directory of their own (-s).";
  }

  /**
   * The codec of {@code type} could not be written because {@code codec}, a codec Ferry generated
   * in an earlier pass of the build, is among this compilation's sources while the processor runs
   * again: a build set-up problem, not a failure of Ferry's.
   */
  public static String generatedSourceCompiledAgain(
      String type, String codec, String filerMessage) {
    return "Ferry could not write the codec of `" + type + "`: " + filerMessage + ". `" + codec
        + "` among this compilation's sources is the codec Ferry generated for `" + type + "` in"
        + " an earlier pass or build (a javac -proc:only -s pass, or ECJ without -s, which writes"
        + " generated sources beside yours), and the processor, on again here, must write it anew"
        + " from `" + type + "`, while the compiler writes no file for a class already among its"
        + " sources. Fix: leave the generated sources out of this compilation (give them a"
        + " directory of their own with -s) and let the processor generate them again, or compile"
        + " them with -proc:none.";
  }

  /**
   * The codec of {@code type} could not be written because the compiler already finds a class of
   * its name, {@code codec}, on the class path (ECJ's batch compiler writes no source for a class
   * it can find; an earlier build's output on the class path holds one).
   */
  public static String codecClassExists(String type, String codec, String filerMessage) {
    return "Ferry could not write the codec of `" + type + "`: " + filerMessage + ". A class `"
        + codec + "` is on the class path already, compiled by an earlier build whose classes"
        + " this one reads (a build that compiles only the files that changed), and the compiler"
        + " writes no source for a class it can find, so no codec was generated for `" + type
        + "`. Fix: delete `" + codec.replace('.', '/') + ".class` from that output, or build"
        + " from a clean output directory.";
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

  /**
   * A value that crosses at a call site, e.g. {@code "`queue` is sent to another process, and its
   * type `Channel<String>` is @InheritOnly: ..."}.
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

  /**
   * A local whose every value is {@code @InheritOnly}, sent by its name: {@code Object o = channel;
   * raw.send(o)} is told as {@code "`o` is sent to another process, and it holds `channel`, of type
   * `Channel<String>`, and `Channel` is @InheritOnly"}, as its own type ({@code Object}) says
   * nothing of the handles.
   */
  public static String heldValue(
      String expression,
      String crossing,
      String held,
      String type,
      String culprit,
      String reason,
      String fix) {
    String cause =
        type.equals(culprit) ? ", which " + reason : ", and `" + culprit + "` " + reason;
    return "`" + expression + "` " + crossing + ", and it holds `" + held + "`, of type `" + type
        + "`" + cause + ". Fix: " + fix + ".";
  }

  /**
   * A spawn argument whose written or inferred type hides the {@code @InheritOnly} value it holds:
   * {@code Object a = jobs; Ferry.spawn(Main::child, a)} or {@code (Object) jobs}. A handle may be
   * handed to a child, but only as what it is; as {@code Object} it is a value to rebuild by its
   * class, so the fix is to pass it typed as what it is, not to declare a @Transferable type.
   */
  public static String hiddenSpawnValue(
      String expression, String crossing, String held, String heldType, String type) {
    return "`" + expression + "` " + crossing + ", and it holds `" + held + "`, of type `"
        + heldType + "`, which a child may be handed only as what it is: its type here, `" + type
        + "`, could hold any type, and a process that reads the bytes must know which class to"
        + " rebuild. Fix: pass `" + held + "` itself, typed `" + heldType + "`, not through a"
        + " local, cast or call of type `" + type + "`.";
  }

  /**
   * An {@code @InheritOnly} value written among the values of a collection a spawn argument builds,
   * whose element type hides it: {@code jobs} of {@code Ferry.spawn(Main::child, List.of(job,
   * jobs))}, a {@code List<Object>}. A handle may be handed to a child, but only as what it is, so
   * the fix is to pass it on its own, not to declare a @Transferable type. {@code held} is the
   * handle where {@code element} is a local that holds nothing but it ({@code Object o = jobs;}
   * for {@code List.of(job, o)}), or null where {@code element} is the handle itself.
   */
  public static String hiddenSpawnElement(
      String element,
      String held,
      String heldType,
      String crossing,
      String collection,
      String type,
      String culprit,
      String reason) {
    return "`" + element + "`" + (held == null ? "" : ", which holds `" + held + "`,") + " "
        + crossing + " inside `" + collection + "`, of type `" + type + "`; a `" + heldType
        + "` may be handed to a child only as what it is, and `" + culprit + "` in `" + type + "` "
        + reason + ". Fix: pass `" + (held == null ? element : held) + "` as an argument of its"
        + " own, typed `" + heldType + "`, or inside an @InheritOnly record, not among values of"
        + " other classes.";
  }

  /**
   * A type argument whose values cross, e.g. the {@code X} of {@code Channel<X>}: {@code crossing}
   * says how, e.g. "is sent to another process".
   */
  public static String sentTypeArgument(
      String argument, String generic, String crossing, String culprit, String reason, String fix) {
    String subject =
        "`" + argument + "` is a type argument of `" + generic + "` whose values "
            + plural(crossing);
    String cause =
        argument.equals(culprit) ? ", and it " + reason : ", and `" + culprit + "` " + reason;
    return subject + cause + ". Fix: " + fix + ".";
  }

  /**
   * A type argument written for a generic method's or constructor's type variable whose values
   * cross ({@code Chan.<Thread>create()}, {@code new <Thread>Envelope(null)}), e.g. "`Thread` is
   * given for `T` of `create`; a value of `T` is sent to another process, and ...": the method is
   * not a type, so the type is not printed as if it were one ({@code create<Thread>}).
   */
  public static String writtenTypeArgument(
      String type,
      String variable,
      String method,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + type + "` is given for `" + variable + "` of `" + method + "`; a value of `"
            + variable + "` " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * A type a call gives to a type variable whose values cross, reported on the argument that
   * carries it, e.g. "`Main::work` gives `R` of `submit` the type `Thread`; a value of `R` is sent
   * to another process, and ...".
   */
  public static String inferredTypeArgument(
      String argument,
      String variable,
      String method,
      String type,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + argument + "` gives `" + variable + "` of `" + method + "` the type `" + type
            + "`; a value of `" + variable + "` " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * A spawn target or pool task whose parameter is a JDK collection class the reading process
   * does not rebuild, e.g. {@code "`Main::work` takes `ConcurrentHashMap<String, Integer>` as its
   * parameter `counts`; the process that runs it rebuilds each argument from bytes, and
   * `ConcurrentHashMap<String, Integer>` is rebuilt ... as `LinkedHashMap`, which cannot be cast
   * to `ConcurrentHashMap`: the call would fail there. Fix: declare `counts` as `Map<String,
   * Integer>`."}
   */
  public static String rebuiltTargetParameter(
      String reference, String parameter, String type, String reason, String view) {
    return "`" + reference + "` takes `" + type + "` as its parameter `" + parameter
        + "`; the process that runs it rebuilds each argument from bytes" + causeIn(type, type,
            reason)
        + ": the call would fail there. Fix: declare `" + parameter + "` as `" + view + "`.";
  }

  /**
   * A pool task whose result, as the call types it, is a JDK collection class this process does
   * not rebuild a worker's result as, e.g. {@code "`Main::counts` returns the task's result as
   * `ConcurrentHashMap<String, Integer>` at this call; a result is rebuilt in this process from
   * the bytes a worker wrote, and ... Fix: declare `counts` to return `Map<String, Integer>`, or
   * take the result as `Map<String, Integer>`."}; {@code method} is null for a lambda task.
   */
  public static String rebuiltTaskResult(
      String task, String method, String type, String reason, String view) {
    return "`" + task + "` returns the task's result as `" + type
        + "` at this call; a result is rebuilt in this process from the bytes a worker wrote"
        + causeIn(type, type, reason) + ". Fix: "
        + (method == null
            ? "take the result as `" + view + "`, or cast the lambda's result to `" + view + "`"
            : "declare `" + method + "` to return `" + view + "`, or take the result as `" + view
                + "`")
        + ".";
  }

  /**
   * A method reference that hands the values it receives to a parameter whose argument crosses,
   * e.g. {@code "`Dispatcher::post` hands each `Channel<String>` it receives to `post`, whose
   * argument is sent to another process, and ..."}.
   */
  public static String referencedValue(
      String reference,
      String method,
      String type,
      String crossing,
      String culprit,
      String reason,
      String fix) {
    String subject =
        "`" + reference + "` hands each `" + type + "` it receives to `" + method
            + "`, whose argument " + crossing;
    return subject + causeIn(type, culprit, reason) + ". Fix: " + fix + ".";
  }

  /**
   * How a spawn target's fix says what to write, in words: an example name (`Worker::run`, as it
   * was) named a class and method the user's code does not have.
   */
  private static final String REFERENCE_FORM = ": the class's name, `::`, and the method's name";

  /** A lambda as a spawn target. */
  public static String lambdaTarget(String expression) {
    return spawnTarget(expression, "a lambda", "it cannot rebuild the variables a lambda captures",
        "move the lambda's body into a static method of a top-level or static nested class, and"
            + " pass a reference to that method" + REFERENCE_FORM);
  }

  /** A variable (not a method reference the checker can follow) as a spawn target. */
  public static String variableTarget(String expression) {
    return spawnTarget(expression, "a variable, not a method reference the checker can follow",
        "the checker cannot tell which method the variable names",
        "pass a reference to a static method of a top-level or static nested class directly at"
            + " this call" + REFERENCE_FORM);
  }

  /**
   * A parameter of the method the call is in, not marked {@code @SpawnTarget}, as a spawn target:
   * a launcher wrapper passing its target on, which the marker would make legal.
   */
  public static String parameterTarget(String expression, String parameter, String method) {
    return spawnTarget(expression, "a parameter of `" + method + "`, not a method reference the"
            + " checker can follow",
        "the checker cannot tell which method the callers of `" + method + "` pass",
        "mark `" + parameter + "` @SpawnTarget, so that each call of `" + method + "` is checked"
            + " instead, or pass a reference to a static method of a top-level or static nested"
            + " class directly at this call" + REFERENCE_FORM);
  }

  /**
   * A parameter marked {@code @SpawnTarget} whose {@code type} can hold no method reference (a
   * {@code String}, an {@code int}), told where it is declared: none of its calls could pass one.
   */
  public static String targetMarkerOnType(String parameter, String type) {
    return "`" + parameter + "` is marked @SpawnTarget, but its type `" + type + "` cannot hold a"
        + " method reference: a child process is a fresh JVM that runs a static method it finds"
        + " by class and name, and only a reference to such a method, given as a functional"
        + " interface, names one. Fix: give `" + parameter + "` the functional interface type the"
        + " code it names runs as (such as `Ferry.Target0`), or remove @SpawnTarget if `"
        + parameter + "` names no code a child runs.";
  }

  /**
   * A lambda's parameter that carries {@code @SpawnTarget} itself, as a spawn target: the marker
   * moves the check to the calls only where the interface's method marks its parameter, since
   * those calls name the interface's method, never the lambda.
   */
  public static String lambdaParameterTarget(String expression, String parameter) {
    return spawnTarget(expression, "a parameter of a lambda, not a method reference the checker"
            + " can follow",
        "the checker cannot tell which method the lambda's callers pass",
        lambdaMarkerNote(parameter, "SpawnTarget") + "; pass a reference to a static method of a"
            + " top-level or static nested class directly at this call" + REFERENCE_FORM
            + ", or implement an interface whose method's parameter is @SpawnTarget");
  }

  /**
   * The fix for a value a lambda's own parameter, marked {@code marker} there, passes on where it
   * crosses: {@code fix}, after saying why the marker did not move the check to the callers.
   */
  public static String lambdaMarkedParameterFix(String parameter, String marker, String fix) {
    return lambdaMarkerNote(parameter, marker) + "; " + fix;
  }

  /**
   * Why {@code @marker} on a lambda's own {@code parameter} checks nothing: callers call the
   * interface's method, whose parameter carries only what the interface declares.
   */
  private static String lambdaMarkerNote(String parameter, String marker) {
    return "the @" + marker + " on `" + parameter + "`, a lambda's own parameter, counts only when"
        + " the method of the lambda's interface marks its parameter @" + marker + ", since its"
        + " callers call that method, not the lambda";
  }

  /**
   * Why a value of {@code local}'s type cannot cross, where {@code var} inferred it as an
   * intersection of types ({@code var v = flag ? "a" : 1}, printed {@code Serializable &
   * Comparable<?> & ...}): the value sent is the variable, so its declaration is what the words
   * name, not a conditional's branches.
   */
  public static String inferredIntersectionReason(String local) {
    return "is the intersection of types that `var` inferred for `" + local + "` from values of"
        + " different classes, and a process that reads the bytes must know which one class to"
        + " rebuild";
  }

  /** The fix for {@code local}, told with {@link #inferredIntersectionReason}. */
  public static String inferredIntersectionFix(String local) {
    return "give the values `" + local + "` is set to one @Transferable or built-in type, or a"
        + " sealed @Transferable interface they all implement, and declare `" + local + "` with"
        + " that type in place of `var`";
  }

  /**
   * Why a value whose type the compiler inferred as an intersection cannot cross, naming the
   * values whose types met there ({@code operands}, each with its type: "`4` (`Integer`)"), a
   * conditional's or switch's results ({@code branches}) or a generic call's arguments; {@code
   * alone}, those that could not cross even on their own ({@code new StringBuilder()}).
   */
  public static String metIntersectionReason(
      boolean branches, List<String> operands, List<String> alone) {
    return metIntersectionReason(branches, operands, alone, null, false);
  }

  /**
   * As {@link #metIntersectionReason(boolean, List, List)}, for values found inside the value
   * told: in {@code within}, the text of the value they gave its type ({@code flag ? "a" : 1} of
   * {@code Optional.of(flag ? "a" : 1)}), or, where {@code local}, in the initializer of the
   * {@code var} local {@code within} names; null where they are the value's own.
   */
  public static String metIntersectionReason(
      boolean branches, List<String> operands, List<String> alone, String within,
      boolean local) {
    String reason =
        "is the intersection of types that the compiler inferred from "
            + (branches ? "the results " : "the arguments ")
            + joined(operands)
            + (within == null
                ? ""
                : local ? " in the initializer of `" + within + "`" : " in `" + within + "`")
            + ", which are of different classes, and a process that reads the bytes must know"
            + " which one class to rebuild";
    if (!alone.isEmpty()) {
      reason +=
          "; " + joined(alone.stream().map(text -> "`" + text + "`").toList())
              + (alone.size() == 1 ? " could not cross even on its own" : " could not cross even"
                  + " on their own");
    }
    return reason;
  }

  /** The fix for a conditional or switch expression told with {@link #metIntersectionReason}. */
  public static String metBranchesFix() {
    return "make the call in each branch (an `if` or a `switch` statement), so that each value"
        + " crosses with its own class, or give the results one @Transferable or built-in type,"
        + " or a sealed @Transferable interface they all implement";
  }

  /**
   * The fix for a conditional or switch expression told with {@link #metIntersectionReason} inside
   * the value told ({@code Optional.of(flag ? "a" : 1)}): the value then holds one class.
   */
  public static String metNestedBranchesFix() {
    return "give the results one @Transferable or built-in type, or a sealed @Transferable"
        + " interface they all implement, or make the call in each branch (an `if` or a `switch`"
        + " statement) with the value built from that branch's result";
  }

  /**
   * The fix for values told with {@link #metIntersectionReason} in the initializer of the {@code
   * var} local {@code local}: declare it with its type written, {@code localType} ({@code
   * List<Type>}), or, for a generic call's arguments ({@code
   * callee} not null), write the call's type argument, {@code Type} either way; or, for a
   * conditional's results, give them one type; or write the diamonds' type arguments.
   */
  public static String metLocalFix(
      String local, String localType, String callee, String qualifier, String variable,
      List<String> diamonds) {
    String fix =
        "declare `" + local + "` with its type (`" + localType + " " + local + " = ...`) in place"
            + " of `var`"
            + (callee == null
                ? ""
                : ", or write the type argument"
                    + (variable == null ? "s of `" : " for `" + variable + "` of `")
                    + callee + "` (`" + qualifier + ".<Type>" + callee + "(...)`)")
            + ", where `Type` is one @Transferable or built-in type that every value has, or a"
            + " sealed @Transferable interface they all implement";
    if (callee == null) {
      fix += "; or give the results one such type";
    }
    if (!diamonds.isEmpty()) {
      fix += "; or write the type arguments of "
          + joined(diamonds.stream().map(text -> "`" + text + "`").toList())
          + " in place of `<>`, so that the arguments' types agree";
    }
    return fix;
  }

  /**
   * The fix for a generic call of {@code callee} told with {@link #metIntersectionReason}: write
   * its type argument ({@code variable}'s, or its type arguments where null) as a type that
   * crosses; {@code Object} where it returns one of its arguments ({@code returnsArgument}); give
   * each diamond argument ({@code diamonds}) its type arguments.
   */
  public static String metArgumentsFix(
      String callee, String qualifier, String variable, boolean returnsArgument,
      List<String> diamonds) {
    String fix =
        "write the type argument"
            + (variable == null ? "s of `" : " for `" + variable + "` of `")
            + callee
            + "` (`" + qualifier + ".<Type>" + callee + "(...)`) as one @Transferable or built-in"
            + " type that every argument has, or a sealed @Transferable interface they all"
            + " implement";
    if (returnsArgument) {
      fix += ", or as `Object` (`" + qualifier + ".<Object>" + callee + "(...)`), since `" + callee
          + "` returns one of its arguments and each then crosses with its own class";
    }
    if (!diamonds.isEmpty()) {
      fix += ", or write the type arguments of "
          + joined(diamonds.stream().map(text -> "`" + text + "`").toList())
          + " in place of `<>`, so that the arguments' types agree";
    }
    return fix;
  }

  /** {@code items} joined as "a", "a and b", "a, b and c". */
  private static String joined(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and "
        + items.get(items.size() - 1);
  }

  /**
   * Why a value cast to an intersection cannot cross: the cast, {@code castType} as written ({@code
   * Object & Serializable}), gives it a type that names no one class.
   */
  public static String castIntersectionReason(String castType) {
    return "is the intersection of types that the cast `(" + castType + ")` gives it, and a"
        + " process that reads the bytes must know which one class to rebuild";
  }

  /** The fix for {@code operand}, told with {@link #castIntersectionReason}. */
  public static String castIntersectionFix(String operand) {
    return "send `" + operand + "` without the cast, or cast it to one @Transferable or built-in"
        + " type, or a sealed @Transferable interface";
  }

  /**
   * Why the elements of {@code local} cannot cross, where {@code var} inferred its type from lists
   * of different element types ({@code var in = flag ? List.of(1) : List.of("x")}): their element
   * type is the intersection of those types.
   */
  public static String inferredElementIntersectionReason(String local) {
    return "is the intersection of types that `var` inferred for the elements of `" + local
        + "` from lists of different element types, and a process that reads the bytes must know"
        + " which one class to rebuild";
  }

  /** The fix for {@code local}, told with {@link #inferredElementIntersectionReason}. */
  public static String inferredElementIntersectionFix(String local) {
    return "choose among the lists where `" + local + "` is passed (`flag ? List.of(1) :"
        + " List.of(\"x\")` written at the call is checked list by list), or give them one"
        + " @Transferable or built-in element type, or a sealed @Transferable interface, and"
        + " declare `" + local + "` with that element type in place of `var`";
  }

  /**
   * The fix for a method's own unmarked {@code parameter}, passed on where its value crosses, whose
   * callers may pass values that can cross: mark it ({@code marker}: {@code Sent} or {@code
   * SpawnArgument}), so that each call of {@code method} is checked instead; or {@code otherwise}.
   */
  public static String markParameterFix(
      String parameter, String method, String marker, String otherwise) {
    return "mark `" + parameter + "` @" + marker + ", so that the value each call of `" + method
        + "` passes is checked there instead, or " + otherwise;
  }

  /** Some other expression as a spawn target. */
  public static String otherTarget(String expression) {
    return spawnTarget(expression, "not a method reference",
        "the checker cannot tell which method it names",
        "pass a reference to a static method of a top-level or static nested class"
            + REFERENCE_FORM);
  }

  /**
   * A constructor reference as a spawn target; {@code type} is the class it builds ({@code Job})
   * or, for an array constructor ({@code int[]::new}), the array type; it may be null.
   */
  public static String constructorTarget(String expression, String type) {
    String what = type == null ? "the object" : article(type) + " `" + type + "`";
    return spawnTarget(expression, "a constructor reference",
        "a constructor builds an object in this process, not code the child runs",
        "pass a reference to a static method that creates " + what + " in the child");
  }

  /** {@code Type::instanceMethod} as a spawn target, with no argument it would be called on. */
  public static String instanceMethodTarget(String expression, String owner, String method) {
    return instanceMethodTarget(expression, owner, method, null, false);
  }

  /**
   * {@code Type::instanceMethod} as a spawn target; {@code receiver} is the argument of the call
   * it would be called on ({@code this} in {@code pool.submit(Main::inst, this, 3)}), or on each
   * element of ({@code elements}: {@code mains} in {@code pool.map(Main::inst, mains)}), or null.
   */
  public static String instanceMethodTarget(
      String expression, String owner, String method, String receiver, boolean elements) {
    return instanceMethodTarget(expression, owner, method, receiver, elements, true, true);
  }

  /**
   * As above; {@code nameable} is false for a method of a class a child cannot find by name
   * (local, anonymous, or nested in one), whose static method spawn-target refuses too: the fix
   * then moves the method to a class that has a name. {@code compiledHere} is false for a method
   * of a class this code does not compile (a JDK or library class: {@code String::length}), which
   * no one here can make static: the fix is a static method of one's own that calls it.
   */
  public static String instanceMethodTarget(
      String expression,
      String owner,
      String method,
      String receiver,
      boolean elements,
      boolean nameable,
      boolean compiledHere) {
    String makeStatic =
        !compiledHere
            ? callItFromAStaticMethod(method)
            : nameable
                ? "make `" + method + "` static"
                : "make `" + method + "` a static method of a top-level or static nested class";
    if (receiver == null) {
      return spawnTarget(expression, "a reference to the instance method `" + method + "`",
          "the child has no `" + owner + "` object to call it on",
          makeStatic + ", handing it the data it needs as arguments of this call");
    }
    String on = elements ? "each element of the argument after it" : "the argument after it";
    String from = elements ? "each element of `" + receiver + "`" : "`" + receiver + "`";
    return spawnTarget(expression,
        "a reference to the instance method `" + method + "`, to be called on " + on + ", `"
            + receiver + "`",
        "it calls no method on an object, not even one sent to it",
        makeStatic + ", and pass the data it needs from " + from
            + " as arguments of this call instead");
  }

  /**
   * {@code object::method} as a spawn target; {@code owner} is a name of the method's class that
   * compiles at the call ({@link TypePrinter#reference}), or null for a class that has none (local
   * or anonymous), whose static method a child could not find either.
   */
  public static String boundReferenceTarget(String expression, String owner, String method) {
    return boundReferenceTarget(expression, owner, method, true);
  }

  /** As above; {@code compiledHere} as for {@link #instanceMethodTarget}. */
  public static String boundReferenceTarget(
      String expression, String owner, String method, boolean compiledHere) {
    String fix =
        !compiledHere
            ? callItFromAStaticMethod(method) + " and pass a reference to it"
            : owner == null
            ? "make `" + method + "` a static method of a top-level or static nested class and pass"
                + " a reference to it"
            : "make `" + method + "` static and pass `" + owner + "::" + method + "`";
    return spawnTarget(expression, "a bound method reference",
        "its receiver object lives in this process, and the child cannot rebuild it",
        fix + ", handing it the data it needs as arguments of this call");
  }

  /** The fix for an instance method this code cannot make static: call it from one that is. */
  private static String callItFromAStaticMethod(String method) {
    return "write a static method of a top-level or static nested class of yours that calls `"
        + method + "` in the child";
  }

  /** A static method of a local or anonymous class, or one nested in it, as a spawn target. */
  public static String unnameableTarget(String expression, String scope, String owner) {
    return spawnTarget(expression, "a method of " + scope + " (`" + owner + "`)",
        "such a class has no name outside its enclosing code",
        "move `" + owner + "` to a top-level or static nested class");
  }

  /**
   * A spawn target that a fresh JVM cannot run: what it is, why a child cannot run it (one
   * clause), and the fix for that kind of target, never the rejected expression itself.
   */
  private static String spawnTarget(String expression, String what, String why, String fix) {
    return "`" + expression + "` is " + what + ": a child process is a fresh JVM that runs a"
        + " static method it finds by class and name, and " + why + ". Fix: " + fix + ".";
  }

  /**
   * {@code ", and `X` is ..."} or, when the culprit is inside the type, {@code ", and `C` in `X<C>`
   * is ..."}.
   */
  private static String causeIn(String type, String culprit, String reason) {
    return type.equals(culprit)
        ? ", and `" + type + "` " + reason
        : ", and `" + culprit + "` in `" + type + "` " + reason;
  }

  /** "is sent to another process" as said of values: "are sent to another process". */
  private static String plural(String crossing) {
    return crossing.startsWith("is ") ? "are " + crossing.substring(3) : crossing;
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
