package dev.ferry.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.Point_FerryCodec;
import dev.ferry.internal.codec.RegistryFixtures.Animal;
import dev.ferry.internal.codec.RegistryFixtures.AnimalCodec;
import dev.ferry.internal.codec.RegistryFixtures.Cat;
import dev.ferry.internal.codec.RegistryFixtures.Dog;
import dev.ferry.internal.codec.RegistryFixtures.CelsiusCodec;
import dev.ferry.internal.codec.RegistryFixtures.KelvinCodec;
import dev.ferry.internal.codec.RegistryFixtures.Gram;
import dev.ferry.internal.codec.RegistryFixtures.GramCodec;
import dev.ferry.internal.codec.RegistryFixtures.Measure;
import dev.ferry.internal.codec.RegistryFixtures.MeasureCodec;
import dev.ferry.internal.codec.RegistryFixtures.Ounce;
import dev.ferry.internal.codec.RegistryFixtures.Money;
import dev.ferry.internal.codec.RegistryFixtures.MoneyCodec;
import dev.ferry.internal.codec.RegistryFixtures.Pound;
import dev.ferry.internal.codec.RegistryFixtures.PoundCodec;
import dev.ferry.internal.codec.RegistryFixtures.Temperature;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodecRegistryTest {
  private static final String KELVIN =
      Temperature.class.getName() + " " + KelvinCodec.class.getName();
  private static final String CELSIUS =
      Temperature.class.getName() + " " + CelsiusCodec.class.getName();

  @TempDir Path temp;

  /** A class path entry holding only a registry resource with these lines. */
  private URL entry(String name, String... lines) throws IOException {
    Path root = temp.resolve(name);
    Path resource = root.resolve(CodecRegistry.RESOURCE);
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return root.toUri().toURL();
  }

  private static URLClassLoader loader(URL... entries) {
    return new URLClassLoader(entries, CodecRegistryTest.class.getClassLoader());
  }

  @Test
  void codecsOf_findsAListedCodecThatIsNotBesideItsType() {
    assertSame(MoneyCodec.INSTANCE, Codecs.of(Money.class));
    Money money = new Money(12_50, "EUR");
    assertEquals(money, Codecs.decode(Codecs.encode(money), Money.class));
  }

  /**
   * Codecs.encode caches a class's codec with its fingerprint: for a hand-written codec that must be
   * the fingerprint mixed with its listed type, not the codec's own fingerprint(), and decode
   * must expect the same.
   */
  @Test
  void encode_handWrittenCodecsValue_carriesTheFingerprintMixedWithItsType() {
    Money money = new Money(7, "CHF");
    byte[] bytes = Codecs.encode(money);
    long written = (long) LittleEndian.LONGS.get(bytes, 0);
    assertEquals(OwnCodecs.fingerprint(MoneyCodec.INSTANCE), written);
    assertTrue(written != MoneyCodec.INSTANCE.fingerprint());
    assertEquals(money, Codecs.decode(Codecs.encode(money), Money.class));
  }

  /**
   * A class with no codec of its own whose interface has a hand-written one (a library's Animal,
   * its Dog hidden) was refused by Codecs.encode, though the checker accepts encoding an Animal
   * and a member declared Animal is written by that codec: it is now written by it too.
   */
  @Test
  void encode_classWithoutCodecIsWrittenByItsInterfacesListedCodec() {
    Animal rex = new Dog("rex");
    assertEquals(rex, Codecs.decode(Codecs.encode(rex), Animal.class));
    assertSame(AnimalCodec.INSTANCE, Codecs.of(Dog.class));
  }

  @Test
  void encode_classWhoseTwoSupertypesHaveCodecsFailsNamingBoth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(new Cat("tom")));
    assertTrue(
        e.getMessage().contains("RegistryFixtures$Animal and dev.ferry.internal.codec.RegistryFixtures$Pet"),
        e.getMessage());
  }

  /**
   * A shaded jar that kept one jar's registry and left out the others' per-type indexes lost
   * their codecs: the message says what to keep.
   */
  @Test
  void find_unlistedTypeIsEmpty() {
    assertEquals(Optional.empty(), CodecRegistry.find(Temperature.class));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(Temperature.class));
    assertTrue(
        e.getMessage().contains("keep every jar's const/ferry/types/ files in it, or merge"
            + " every jar's META-INF/ferry/codecs into it"
            + " (maven-shade-plugin: AppendingTransformer; Gradle Shadow: append)"),
        e.getMessage());
  }

  /** What maven-shade-plugin's AppendingTransformer makes of two jars' registries. */
  @Test
  void all_readsRegistriesAppendedIntoOne() throws IOException {
    try (URLClassLoader loader =
        loader(entry("a", Money.class.getName() + " " + MoneyCodec.class.getName(), "", KELVIN, ""))) {
      Map<Class<?>, Codec<?>> all = CodecRegistry.all(loader);
      assertSame(KelvinCodec.INSTANCE, all.get(Temperature.class));
      assertSame(MoneyCodec.INSTANCE, all.get(Money.class));
    }
  }

  @Test
  void all_readsEveryResourceTheLoaderSees() throws IOException {
    try (URLClassLoader loader = loader(entry("a", "# a comment", "", KELVIN))) {
      Map<Class<?>, Codec<?>> all = CodecRegistry.all(loader);
      assertSame(KelvinCodec.INSTANCE, all.get(Temperature.class));
      assertSame(MoneyCodec.INSTANCE, all.get(Money.class), "the test class path's own resource");
    }
  }

  @Test
  void all_sameCodecListedTwiceIsOne() throws IOException {
    try (URLClassLoader loader = loader(entry("a", KELVIN), entry("b", KELVIN))) {
      assertSame(KelvinCodec.INSTANCE, CodecRegistry.all(loader).get(Temperature.class));
    }
  }

  @Test
  void all_twoCodecsForOneTypeFailNamingBoth() throws IOException {
    try (URLClassLoader loader = loader(entry("a", KELVIN), entry("b", CELSIUS))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertTwoCodecs(e);
    }
  }

  @Test
  void find_twoJarsWithACodecEachFailThroughTheContextLoader() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = loader(entry("a", KELVIN), entry("b", CELSIUS))) {
      thread.setContextClassLoader(loader);
      assertTwoCodecs(
          assertThrows(IllegalStateException.class, () -> CodecRegistry.find(Temperature.class)));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * A type with a codec beside it (generated), and a jar whose registry lists another codec of it
   * (an import, or a hand-written one): the codec beside it was found by name and used, the other
   * never seen, where the README promises that Codecs.of fails naming both. It now does; a
   * registry that lists the codec beside it, or an unreadable one, does not fail the lookup.
   */
  @Test
  void of_aCodecBesideItsTypeAndAnotherListed_failsNamingBoth() throws IOException {
    String beside = RegistryFixtures_Pound_FerryCodec.class.getName();
    String pound = Pound.class.getName();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader other = loader(entry("imports", pound + " " + PoundCodec.class.getName()));
        URLClassLoader same = loader(entry("own", pound + " " + beside), entry("bad", "garbage"))) {
      thread.setContextClassLoader(other);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> dev.ferry.Codecs.of(Pound.class));
      assertEquals(
          "two codecs for " + pound + ": " + beside + " (beside it) and "
              + PoundCodec.class.getName() + " (listed in " + temp.toUri().toURL()
              + "imports/" + CodecRegistry.RESOURCE + "); every process must encode " + pound
              + " the same way, so keep one of them on the class path",
          e.getMessage());

      thread.setContextClassLoader(same);
      assertEquals(new Pound(7), dev.ferry.Codecs.decode(dev.ferry.Codecs.encode(new Pound(7)), Pound.class));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * Decoding a Gram's bytes as the sealed Measure that permits it: the codecs of Measure's
   * classes are found once, and Ounce's, which two registries list, is not needed, so its
   * conflict does not fail the decode; bytes of no class Measure knows name the conflict, since
   * they may be an Ounce's.
   */
  @Test
  void decode_asSealedTypeNeedsNoCodecOfAnotherPermittedClass() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    String ounce = Ounce.class.getName() + " ";
    try (URLClassLoader loader =
        loader(
            entry(
                "a",
                Measure.class.getName() + " " + MeasureCodec.class.getName(),
                Gram.class.getName() + " " + GramCodec.class.getName(),
                ounce + "com.acme.OunceCodec"),
            entry("b", ounce + "org.example.OunceCodec"))) {
      thread.setContextClassLoader(loader);
      Gram gram = new Gram(7);
      assertEquals(gram, Codecs.decode(Codecs.encode(gram), Measure.class));
      byte[] unknown = new byte[8];
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Codecs.decode(unknown, Measure.class));
      assertTrue(
          e.getMessage().startsWith("two codecs for " + Ounce.class.getName()), e.getMessage());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void find_throughTheContextLoader() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = loader(entry("a", CELSIUS))) {
      thread.setContextClassLoader(loader);
      assertEquals(Optional.of(CelsiusCodec.INSTANCE), CodecRegistry.find(Temperature.class));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static void assertTwoCodecs(IllegalStateException e) {
    String message = e.getMessage();
    assertTrue(message.startsWith("two codecs for " + Temperature.class.getName()), message);
    assertTrue(message.contains(KelvinCodec.class.getName()), message);
    assertTrue(message.contains(CelsiusCodec.class.getName()), message);
    assertTrue(message.contains("/a/" + CodecRegistry.RESOURCE), message);
    assertTrue(message.contains("/b/" + CodecRegistry.RESOURCE), message);
  }

  @Test
  void all_listedClassThatIsNotACodecFailsNamingIt() throws IOException {
    String line = Temperature.class.getName() + " " + RegistryFixtures.NoInstance.class.getName();
    try (URLClassLoader loader = loader(entry("a", line))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertTrue(e.getMessage().contains("NoInstance"), e.getMessage());
      assertTrue(e.getMessage().contains("INSTANCE"), e.getMessage());
    }
  }

  /**
   * A listed hand-written codec whose constructor throws is named with what it threw; before, the
   * message said it was not a usable codec, 'it needs a public static final INSTANCE field holding
   * a Codec', which it had.
   */
  @Test
  void all_listedCodecWhoseConstructorThrowsFailsNamingWhatItThrew() throws IOException {
    String line = dev.ferry.BrokenCodecClassTest.Brittle.class.getName() + " "
        + dev.ferry.BrokenCodecClassTest.BrittleCodec.class.getName();
    try (URLClassLoader loader = loader(entry("a", line))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertEquals("the codec dev.ferry.BrokenCodecClassTest$BrittleCodec of"
          + " dev.ferry.BrokenCodecClassTest$Brittle cannot be used: its static initializer (its"
          + " INSTANCE's constructor, or a static field it sets up) threw"
          + " java.lang.IllegalStateException: no brittle.conf: fix what it threw; no value of"
          + " dev.ferry.BrokenCodecClassTest$Brittle can be written or read without it",
          e.getMessage());
    }
  }

  @Test
  void all_missingClassFailsNamingItAndTheResource() throws IOException {
    try (URLClassLoader loader = loader(entry("a", "com.example.Gone com.example.Gone_Codec"))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertTrue(e.getMessage().startsWith("com.example.Gone, listed in "), e.getMessage());
    }
  }

  /**
   * A schema mismatch names the codec whose bytes they are from the listed codecs that can be used:
   * one line of a registry whose class is gone (a stale list, a jar missing classes) left every such
   * message saying only "by another codec", though the writer's codec was listed beside it.
   */
  @Test
  void listedWithFingerprint_passesOverAListedCodecThatCannotBeUsed() throws IOException {
    try (URLClassLoader loader = loader(entry("stale", "no.such.Gone no.such.GoneCodec"))) {
      Class<?> near =
          Proxy.newProxyInstance(loader, new Class<?>[] {Runnable.class}, (p, m, a) -> null)
              .getClass();
      Map.Entry<Class<?>, Codec<?>> writer =
          OwnCodecs.listedWithFingerprint(near, OwnCodecs.fingerprint(MoneyCodec.INSTANCE));
      assertEquals(Money.class, writer == null ? null : writer.getKey());
    }
  }

  @Test
  void all_malformedLineFailsWithItsPosition() throws IOException {
    try (URLClassLoader loader = loader(entry("a", KELVIN, "just-one-name"))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertTrue(e.getMessage().contains(CodecRegistry.RESOURCE + ":2 "), e.getMessage());
    }
  }

  /**
   * A malformed line was told as "is not `<type> <codec>`: " and the line as it was: a file of
   * binary bytes put a page of replacement characters in the message, and neither said why the
   * file mattered or what to do (two registries merged without a line break give three names).
   * The line is now shown escaped and cut short, with the fix.
   */
  @Test
  void all_garbageRegistry_isShownShortAndEscapedWithTheFix() throws IOException {
    String binary = "\u0000\u0007\ufffd".repeat(100); // one name: not two
    try (URLClassLoader loader = loader(entry("a", binary))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> CodecRegistry.all(loader));
      assertEquals(
          temp.toUri().toURL() + "a/" + CodecRegistry.RESOURCE + ":1 is not `<type> <codec>`, two"
              + " binary class names as ferry-processor writes each line: '"
              + "\\u0000\\u0007\\ufffd".repeat(40) + "' (the first 120 of 300 chars). Ferry"
              + " reads every META-INF/ferry/codecs on the class path to find the codecs that do"
              + " not sit beside their types, and cannot tell what this one lists: rebuild the jar"
              + " that holds it, or, where registries were merged into one (a shaded or fat jar),"
              + " append them with a line break after each (maven-shade-plugin:"
              + " AppendingTransformer; Gradle Shadow: append)",
          e.getMessage());
    }
  }

  /**
   * Which listed codecs are hand-written, whose bytes carry their type in their fingerprint: a
   * codec generated beside its type is not, and a malformed registry the context loader sees
   * does not make asking fail (every Codecs.encode asks, for codecs found by name too, which no
   * registry was read for before).
   */
  @Test
  void handWrittenType_isTheListedTypeOfAHandWrittenCodecOnly() throws IOException {
    assertEquals(Money.class.getName(), CodecRegistry.handWrittenType(MoneyCodec.class));
    assertEquals(null, CodecRegistry.handWrittenType(Point_FerryCodec.class));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = loader(entry("a", KELVIN, "just-one-name"))) {
      thread.setContextClassLoader(loader);
      assertEquals(null, CodecRegistry.handWrittenType(Point_FerryCodec.class));
      assertEquals(Money.class.getName(), CodecRegistry.handWrittenType(MoneyCodec.class));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * A class path entry holding only the per-type index the processor writes for an imported class
   * or hand-written codec, as a jar merged from others keeps it when the merge kept another jar's
   * registry in place of this one's (maven-shade-plugin with no AppendingTransformer, with or
   * without ServicesResourceTransformer; maven-assembly's jar-with-dependencies).
   */
  private URL indexOnly(String name, Class<?> type, String text) throws IOException {
    Path root = temp.resolve(name);
    // The path ferry-processor writes (TransferableImportTest checks it there), spelled out.
    Path resource = root.resolve("const/ferry/types/" + type.getCanonicalName());
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, text, StandardCharsets.UTF_8);
    return root.toUri().toURL();
  }

  /**
   * A shaded jar merged without appending the registries lost those of all jars but one, and
   * with them every imported and hand-written codec the others declared: Codecs.of failed with
   * "has no codec" in a jar that held the codec. The per-type index each keeps is now read for a
   * type no registry lists, and its codec (named as source names it, nested here) is found, with
   * the fingerprint of a hand-written codec that a process with the registry gives it.
   */
  @Test
  void find_typeThatOnlyItsIndexListsIsFoundThroughIt() throws IOException {
    String kelvin = KelvinCodec.class.getCanonicalName();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        loader(indexOnly("merged", Temperature.class, kelvin + "\ndeclared-by " + kelvin + "\n"))) {
      thread.setContextClassLoader(loader);
      assertSame(KelvinCodec.INSTANCE, CodecRegistry.find(Temperature.class).orElseThrow());
      assertEquals(Temperature.class.getName(), CodecRegistry.handWrittenType(KelvinCodec.class));
      assertEquals(null, CodecRegistry.handWrittenType(CelsiusCodec.class));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** An index emptied when its import or codec was removed names no codec. */
  @Test
  void find_typeWhoseIndexIsEmptyHasNone() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader = loader(indexOnly("emptied", Temperature.class, ""))) {
      thread.setContextClassLoader(loader);
      assertEquals(Optional.empty(), CodecRegistry.find(Temperature.class));
      assertEquals(null, CodecRegistry.handWrittenType(KelvinCodec.class));
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
