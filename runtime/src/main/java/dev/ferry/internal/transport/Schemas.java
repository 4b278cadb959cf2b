package dev.ferry.internal.transport;

import dev.ferry.Codec;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.HeldCodecs;
import dev.ferry.internal.codec.OwnCodecs;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a schema mismatch tells: the members of the type on each side, and which differ.
 *
 * <p>A description is read off this process's classes by reflection, once per message type, as
 * the process first sends a value of it (never per message): the type and each class of the
 * application it holds, at any depth, each once, with its record components, enum constants,
 * permitted subclasses or instance fields. It travels as one string beside the name and
 * fingerprint of an announcement (one line per class: its header, then its members, tab-separated),
 * at most {@link #MAX_CHARS} characters, so that the reader of a type whose fingerprint differs can
 * say what the writer's version has that its own does not. A description read off the wire is only
 * ever printed, and cut to the same length; bytes with no description (from {@code Codecs.encode},
 * Kafka, a cache) get this process's side alone.
 */
public final class Schemas {
  /** The longest description written or kept; a longer one ends with "...". */
  static final int MAX_CHARS = 4000;
  /** The most classes a description holds; the rest are left out. */
  private static final int MAX_TYPES = 24;

  private Schemas() {}

  /**
   * The description of {@code type} and the application classes it holds; empty if reflection
   * cannot read it.
   */
  static String describe(Class<?> type) {
    try {
      StringBuilder out = new StringBuilder();
      Set<Class<?>> seen = new LinkedHashSet<>();
      Deque<Class<?>> next = new ArrayDeque<>(List.of(type));
      while (!next.isEmpty() && seen.size() < MAX_TYPES) {
        Class<?> c = next.removeFirst();
        if (!seen.add(c)) {
          continue;
        }
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(header(c));
        for (Member m : members(c)) {
          out.append('\t').append(m.text);
          for (Class<?> held : m.holds) {
            if (isApplicationClass(held) && !seen.contains(held)) {
              next.addLast(held);
            }
          }
        }
      }
      return cut(out.toString());
    } catch (RuntimeException | LinkageError e) {
      return ""; // a class that does not load here: the fingerprints alone are told
    }
  }

  /** A description off the wire, kept only to be printed: no longer than {@link #MAX_CHARS}. */
  static String cut(String description) {
    if (description == null) {
      return "";
    }
    return description.length() <= MAX_CHARS
        ? description
        : description.substring(0, MAX_CHARS) + "...";
  }

  /**
   * The exception for bytes of {@code type} written by a codec of another shape than this
   * process's: the fingerprints, this process's description of the type and, when the bytes came
   * with one ({@code writers}, else null or empty), the writer's, and what differs between them.
   */
  public static TransferException mismatch(
      Class<?> type, long expected, long actual, String writers) {
    return mismatch(type, null, expected, actual, writers);
  }

  /**
   * As {@link #mismatch(Class, long, long, String)}, for bytes this process's {@code codec} of
   * {@code type} refused: it also names the codecs of other jars that codec calls that this class
   * path holds in another version than the one it was compiled against ({@link
   * HeldCodecs#changedUnder}), which its fingerprint counts in.
   */
  public static TransferException mismatch(
      Class<?> type, Codec<?> codec, long expected, long actual, String writers) {
    String ours = describe(type);
    writers = writers == null ? null : cut(writers); // kept cut already; a caller may not have
    StringBuilder m = new StringBuilder();
    m.append(String.format(
        "schema mismatch for %s: the bytes were written by a different version of the type "
            + "(fingerprint %016x, this reader expects %016x)",
        type.getName(), actual, expected));
    if (writers != null && !writers.isEmpty() && !ours.isEmpty()) {
      String differences = differences(parse(writers), parse(ours));
      m.append(differences.isEmpty() ? "" : ": " + differences);
      m.append(". The writer's version: ").append(readable(writers));
      m.append("; this process's: ").append(readable(ours));
    } else if (!ours.isEmpty()) {
      m.append(". This process's version: ").append(readable(ours));
      m.append(" (the bytes do not describe the writer's)");
    }
    String changed = codec == null ? null : HeldCodecs.changedUnder(codec.getClass());
    if (changed != null) {
      m.append(". This process's codec of ").append(type.getName())
          .append(" was compiled against other versions of codecs it calls than this class path"
              + " holds: ").append(changed)
          .append(" (a library's jar was replaced without compiling the types using it again)");
    }
    m.append("; rebuild writer and reader from the same source");
    return new TransferException(m.toString());
  }

  /** One line per class of a description, joined as a reader would write them. */
  private static String readable(String description) {
    List<String> types = new ArrayList<>();
    for (Map.Entry<String, List<String>> t : parse(description).entrySet()) {
      String header = t.getKey();
      String open = header.startsWith("enum ") || header.startsWith("sealed ") ? " {" : "(";
      String close = open.equals(" {") ? "}" : ")";
      if (header.startsWith("sealed ")) {
        types.add(header + " permits " + String.join(", ", t.getValue()));
      } else {
        types.add(header + open + String.join(", ", t.getValue()) + close);
      }
    }
    return String.join(", ", types);
  }

  /** The classes of a description by their header, each with its members in order. */
  private static Map<String, List<String>> parse(String description) {
    Map<String, List<String>> types = new LinkedHashMap<>();
    for (String line : description.split("\n")) {
      String[] parts = line.split("\t");
      if (parts.length > 0 && !parts[0].isEmpty()) {
        types.putIfAbsent(parts[0], List.of(parts).subList(1, parts.length));
      }
    }
    return types;
  }

  /**
   * What differs between two descriptions, class by class (by name): a class one side holds and
   * the other does not, a class of another kind, and each member (by name) added, missing or of
   * another type, or the same members in another order.
   */
  private static String differences(Map<String, List<String>> writers, Map<String, List<String>> ours) {
    Map<String, String> writerKinds = byName(writers.keySet());
    Map<String, String> ourKinds = byName(ours.keySet());
    List<String> told = new ArrayList<>();
    for (Map.Entry<String, String> w : writerKinds.entrySet()) {
      String name = w.getKey();
      String ourHeader = ourKinds.get(name);
      if (ourHeader == null) {
        told.add("the writer's holds " + w.getValue() + ", which this process's does not");
      } else if (!ourHeader.equals(w.getValue())) {
        told.add("the writer's " + name + " is a " + kind(w.getValue()) + ", this process's a "
            + kind(ourHeader));
      } else {
        memberDifferences(name, writers.get(w.getValue()), ours.get(ourHeader), told);
      }
    }
    for (Map.Entry<String, String> o : ourKinds.entrySet()) {
      if (!writerKinds.containsKey(o.getKey())) {
        told.add("this process's holds " + o.getValue() + ", which the writer's does not");
      }
    }
    return String.join("; ", told);
  }

  private static void memberDifferences(
      String type, List<String> writers, List<String> ours, List<String> told) {
    if (writers.equals(ours)) {
      return;
    }
    Map<String, String> w = membersByName(writers);
    Map<String, String> o = membersByName(ours);
    String simple = type.substring(type.lastIndexOf('.') + 1);
    int before = told.size();
    for (Map.Entry<String, String> e : w.entrySet()) {
      String mine = o.get(e.getKey());
      if (e.getKey().equals(CODEC) && mine != null && !mine.equals(e.getValue())) {
        told.add("the hand-written codec of " + simple + " is "
            + e.getValue().substring(CODEC.length()) + " in the writer's, "
            + mine.substring(CODEC.length()) + " in this process's");
      } else if (mine == null) {
        told.add("the writer's " + simple + " has " + e.getValue() + ", which this process's lacks");
      } else if (!mine.equals(e.getValue())) {
        told.add(simple + "." + e.getKey() + " is " + typeOf(e.getValue()) + " in the writer's, "
            + typeOf(mine) + " in this process's");
      }
    }
    for (Map.Entry<String, String> e : o.entrySet()) {
      if (!w.containsKey(e.getKey())) {
        told.add("this process's " + simple + " has " + e.getValue() + ", which the writer's lacks");
      }
    }
    if (told.size() == before) {
      told.add(simple + "'s members are in another order");
    }
  }

  /**
   * Members by name: the last word of "type name", or the whole of an enum constant; a
   * hand-written codec by {@link #CODEC}.
   */
  private static Map<String, String> membersByName(List<String> members) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String m : members) {
      byName.putIfAbsent(m.startsWith(CODEC) ? CODEC : m.substring(m.lastIndexOf(' ') + 1), m);
    }
    return byName;
  }

  private static String typeOf(String member) {
    int space = member.lastIndexOf(' ');
    return space < 0 ? member : member.substring(0, space);
  }

  private static Map<String, String> byName(Set<String> headers) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String h : headers) {
      byName.putIfAbsent(h.substring(h.indexOf(' ') + 1), h);
    }
    return byName;
  }

  private static String kind(String header) {
    int space = header.indexOf(' ');
    return space < 0 ? "class" : header.substring(0, space);
  }

  private static String header(Class<?> c) {
    String kind =
        c.isRecord() ? "record" : c.isEnum() ? "enum" : c.isSealed() ? "sealed" : "class";
    return kind + " " + c.getName();
  }

  /**
   * {@code c}'s own hand-written codec and its {@code fingerprint()}, as a description names it
   * ({@code app.TempCodec (fingerprint 0000000000000001)}); null if its codec is not hand-written.
   */
  private static String handWrittenCodec(Class<?> c) {
    Codec<?> codec;
    try {
      codec = OwnCodecs.of(c);
    } catch (RuntimeException | LinkageError none) {
      return null;
    }
    if (!c.getName().equals(OwnCodecs.handWrittenType(codec))) {
      return null;
    }
    return String.format("%s (fingerprint %016x)", codec.getClass().getName(), codec.fingerprint());
  }

  /** A member as printed ("int x", "RED", "app.Circle"), and the classes its type names. */
  private record Member(String text, List<Class<?>> holds) {}

  /** The member that names a class's hand-written codec ({@link #handWrittenCodec}). */
  private static final String CODEC = "codec ";

  private static List<Member> members(Class<?> c) {
    List<Member> members = new ArrayList<>();
    String codec = handWrittenCodec(c);
    if (codec != null) {
      // Its codec's format, not its members, is what crosses: two versions with the same members
      // but hand-written codecs of other fingerprints were told as "record app.Temp(double k)" on
      // both sides, with nothing said to differ.
      members.add(new Member(CODEC + codec, List.of()));
    }
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        members.add(member(rc.getGenericType(), rc.getName()));
      }
    } else if (c.isEnum()) {
      for (Object constant : c.getEnumConstants()) {
        members.add(new Member(((Enum<?>) constant).name(), List.of()));
      }
    } else if (c.isSealed()) {
      for (Class<?> permitted : c.getPermittedSubclasses()) {
        members.add(new Member(permitted.getName(), List.of(permitted)));
      }
    } else {
      for (Field f : c.getDeclaredFields()) {
        int mods = f.getModifiers();
        if (!Modifier.isStatic(mods) && !Modifier.isTransient(mods) && !f.isSynthetic()) {
          members.add(member(f.getGenericType(), f.getName()));
        }
      }
    }
    return members;
  }

  private static Member member(Type type, String name) {
    List<Class<?>> holds = new ArrayList<>();
    return new Member(typeName(type, holds) + " " + name, holds);
  }

  /** A type as a reader writes it, JDK packages left out; notes the classes it names. */
  private static String typeName(Type type, List<Class<?>> holds) {
    if (type instanceof Class<?> c) {
      if (c.isArray()) {
        return typeName(c.getComponentType(), holds) + "[]";
      }
      holds.add(c);
      return isApplicationClass(c) ? c.getName() : c.getSimpleName();
    }
    if (type instanceof ParameterizedType p) {
      StringBuilder s = new StringBuilder(typeName(p.getRawType(), holds)).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        s.append(i == 0 ? "" : ",").append(typeName(args[i], holds));
      }
      return s.append('>').toString();
    }
    if (type instanceof GenericArrayType a) {
      return typeName(a.getGenericComponentType(), holds) + "[]";
    }
    return Objects.toString(type.getTypeName(), "?").replace("java.lang.", "");
  }

  /** A class of the program's own (not the JDK's, not a primitive): described too. */
  private static boolean isApplicationClass(Class<?> c) {
    if (c.isPrimitive() || c.isArray()) {
      return false;
    }
    String name = c.getName();
    return !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
        && !name.startsWith("sun.");
  }
}
