package dev.ferry.processor.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The wording of the diagnostics about codecs themselves: the classes named in {@code
 * @TransferableImport}, hand-written codecs ({@code @TransferableCodec}), two codecs for one type,
 * and the codec files the compiler could not write. What is wrong in the user's names, why in one
 * clause of the process model, and the fix; {@link Rule#format} adds the tag and the rule's page.
 */
public final class CodecMessages {
  private CodecMessages() {}

  /** As {@link Messages#generatedSubclass}, for such a type named in {@code @TransferableImport}. */
  public static String importGeneratedSubclass(String type, String generator, String processor) {
    return "`" + type + "` is annotated " + generator + ", so its values are of a class that "
        + processor + " generates, and the process that reads its bytes cannot know which class to"
        + " rebuild. Fix: remove `" + type + ".class` from the import and " + Messages.valueTypeCodec(type)
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
        + type + ".class` from the import, " + Messages.valueTypeCodec(valueType) + ", and declare members"
        + " and channels as `" + valueType + "`.";
  }

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
   * inner (non-static) class"): not a class to annotate, as {@link Messages#localDeclaration} says of one
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
        + Messages.packageNamed(codecPackage) + ", cannot reach it." + importFix(type, jdk);
  }

  public static String importUnreadable(String owner, String member, String codecPackage) {
    return "`" + owner + "." + member + "` has no public accessor (`" + member + "()` or `get"
        + Messages.propertySuffix(member) + "()`), so the codec generated for the import of `" + owner
        + "`, which lives in " + Messages.packageNamed(codecPackage) + ", cannot read it."
        + importFix(owner);
  }

  /**
   * As {@link #importUnreadable}, for a class of the JDK: never the user's own to annotate, and its
   * one codec, written by hand, serves every use of it.
   */
  public static String importJdkUnreadable(String owner, String member) {
    return "`" + owner + "." + member + "` has no public accessor (`" + member + "()` or `get"
        + Messages.propertySuffix(member) + "()`), so a codec generated for the import of `" + owner
        + "`, a JDK class, cannot read it. Fix: write a codec for `" + owner + "` by hand, from"
        + " what its public API lets you read and rebuild, and annotate it with"
        + " @TransferableCodec: that one codec serves every use of `" + owner + "` (fields,"
        + " channels, spawn arguments), or send a type of your own that holds what you need of"
        + " it.";
  }

  /**
   * As {@link Messages#noConstructor}, for an imported class; {@code jdk}: a class of the JDK, never the
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
    String named = Messages.quotedNames(subtypes);
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
}
