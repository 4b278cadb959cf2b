package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

public class CodecsTest {

  @Test
  void of_findsTheGeneratedCodecByName() {
    assertSame(Point_FerryCodec.INSTANCE, Codecs.of(Point.class));
    assertSame(Point_FerryCodec.INSTANCE, Codecs.of(Point.class));
    assertSame(Outer_Inner_FerryCodec.INSTANCE, Codecs.of(Outer.Inner.class));
  }

  /**
   * A null type failed with the JDK's helpful message about {@code Class.isPrimitive()}, where
   * {@code of}, {@code encode} and {@code decode} name their argument.
   */
  @Test
  void codecClassName_ofNull_namesTheArgument() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Codecs.codecClassName(null));
    assertEquals("type == null", e.getMessage());
  }

  @Test
  void codecClassName_flattensNestedNames() {
    assertEquals("dev.ferry.Outer_Inner_FerryCodec", Codecs.codecClassName(Outer.Inner.class));
    assertEquals("dev.ferry.Point_FerryCodec", Codecs.codecClassName(Point.class));
    // As the processor names it: a '$' in a simple name is kept, so that the codec of a record
    // Has$Dollar is not taken for that of a record Has_Dollar beside it.
    assertEquals(
        "dev.ferry.CodecsTest_Has$Dollar_FerryCodec", Codecs.codecClassName(Has$Dollar.class));
    assertEquals(
        "dev.ferry.CodecsTest_Has$Dollar_In$ner_FerryCodec",
        Codecs.codecClassName(Has$Dollar.In$ner.class));
  }

  @Test
  void of_typeWithoutCodecIsNotTransferable() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(Thread.class));
    assertTrue(e.getMessage().startsWith("[ferry:not-transferable] java.lang.Thread "), e.getMessage());
    assertTrue(e.getMessage().contains("It is a JDK type, of which Ferry writes only those the"
        + " README lists under \"Supported member types\""), e.getMessage());
  }

  /** A JDK type cannot be annotated or imported, so only a type of the program is told to be. */
  @Test
  void of_ownTypeWithoutCodec_isToldToAnnotateIt_aJdkTypeIsNot() {
    IllegalArgumentException own =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(CodecsTest.class));
    assertTrue(own.getMessage().contains("Annotate it with @Transferable"), own.getMessage());
    IllegalArgumentException jdk =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(Number.class));
    assertTrue(!jdk.getMessage().contains("@TransferableImport"), jdk.getMessage());
  }

  @Test
  void of_primitiveTypesAreNotTransferable() {
    // These used to fail with StringIndexOutOfBoundsException: getPackageName() is "java.lang".
    // Arrays (int[], Point[]) have the codecs a channel writes them with.
    for (Class<?> type : new Class<?>[] {int.class, void.class}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.of(type), type.getName());
      assertTrue(e.getMessage().startsWith("[ferry:not-transferable] " + type.getName()), e.getMessage());
    }
  }

  /**
   * An empty EnumMap came back a LinkedHashMap, so decoding its bytes as the EnumMap they were
   * written from failed ('the bytes hold a java.util.LinkedHashMap, not a java.util.EnumMap'), and
   * a channel of EnumMap handed its receiver a value that failed its cast.
   */
  @Test
  void decode_anEmptyEnumMapAsAnEnumMap() throws Exception {
    EnumMap<Suit, String> empty = new EnumMap<>(Suit.class);
    @SuppressWarnings("unchecked")
    EnumMap<Suit, String> back = Codecs.decode(Codecs.encode(empty), EnumMap.class);
    back.put(Suit.CLUBS, "its enum is Suit");
    assertEquals(Map.of(Suit.CLUBS, "its enum is Suit"), back);
    Channel<EnumMap<Suit, String>> channel = Channel.create();
    channel.send(empty);
    EnumMap<Suit, String> received = channel.receive(Duration.ofSeconds(10)).orElseThrow();
    assertEquals(empty, received);
  }

  /**
   * A LinkedList is a List and a Deque, and was read back as every List is, as an ArrayList: a
   * legal Channel<Deque<String>> (or Queue) that sent one handed its receiver a value that failed
   * its cast (ClassCastException: ArrayList cannot be cast to Deque). It now comes back a
   * LinkedList, which either declaration takes.
   */
  @Test
  void aLinkedList_comesBackALinkedList_soAReceiverOfDequesTakesIt() throws Exception {
    java.util.LinkedList<String> names = new java.util.LinkedList<>(java.util.List.of("a", "b"));
    names.add(null);
    Channel<java.util.Deque<String>> deques = Channel.create();
    deques.send(names);
    java.util.Deque<String> received = deques.receive(Duration.ofSeconds(10)).orElseThrow();
    assertEquals(names, received);
    assertEquals(names, Codecs.decode(Codecs.encode(names), java.util.Queue.class));
    assertEquals(names, Codecs.decode(Codecs.encode(names), java.util.LinkedList.class));
    assertEquals(
        java.util.List.of("a"), Codecs.decode(Codecs.encode(java.util.List.of("a")), java.util.List.class));
  }

  @Test
  void of_nullIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Codecs.of(null));
    assertEquals("type == null", e.getMessage());
  }

  @Test
  void decode_nullBytesOrTypeIsRefusedByName() {
    NullPointerException bytes =
        assertThrows(NullPointerException.class, () -> Codecs.decode(null, String.class));
    assertEquals("bytes == null", bytes.getMessage());
    NullPointerException type =
        assertThrows(NullPointerException.class, () -> Codecs.decode(Codecs.encode("a"), null));
    assertEquals("type == null", type.getMessage());
  }

  @Test
  void encode_writesTheFingerprintThenTheBody() {
    byte[] bytes = Codecs.encode(new Point(-1, 64));
    CodecTesting.assertBytes("01 80 01", Arrays.copyOfRange(bytes, 8, bytes.length));
    assertEquals(Point_FerryCodec.FINGERPRINT, new ByteInput(bytes, 0, 8).readFixedLong());
    assertEquals(new Point(-1, 64), Codecs.decode(bytes, Point.class));
  }

  @Test
  void decode_refusesEveryTruncation() {
    byte[] bytes = Codecs.encode(new Point(Integer.MIN_VALUE, 300));
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThrows(TransferException.class, () -> Codecs.decode(prefix, Point.class));
    }
  }

  @Test
  void decode_wrongFingerprintIsASchemaMismatch() {
    byte[] bytes = Codecs.encode(new Point(1, 2));
    bytes[0] ^= 1;
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(bytes, Point.class));
    assertTrue(e.getMessage().startsWith("schema mismatch for dev.ferry.Point"), e.getMessage());
  }

  @Test
  void decode_bytesOfAnotherTypeAreASchemaMismatch() {
    byte[] inner = Codecs.encode(new Outer.Inner("x"));
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(inner, Point.class));
    assertTrue(e.getMessage().contains("schema mismatch"), e.getMessage());
  }

  /**
   * A String's bytes decoded as a Point, and a Point's as a String, were told as "schema mismatch
   * for ...: the bytes were written by a different version of the type", the latter listing
   * String's private fields ("class java.lang.String(byte[] value, byte coder, int hash, boolean
   * hashIsZero)") as this process's version of it. A value written with its type named (a String,
   * a List) has one fingerprint for every such type, so either side carrying it says the bytes are
   * of another type, not another version.
   */
  /**
   * docs/wire-format.md's table of type ids: a value with no codec of its own class is written
   * behind the fixed fingerprint "tagged_1", then its type id, then its body, and those are the
   * bytes its examples show (a checker writing a reader from the page gets these).
   */
  @Test
  void encode_aValueWithItsTypeNamed_isTheDocumentedBytes() {
    String tagged = "31 5f 64 65 67 67 61 74 ";
    assertEquals(tagged + "01 68 e9", hex(Codecs.encode("hi")));
    assertEquals(tagged + "02 02", hex(Codecs.encode(1)));
    assertEquals(tagged + "0b 02 01 00 00 00", hex(Codecs.encode(new int[] {1})));
    assertEquals(tagged + "29 1d 01", hex(Codecs.encode(List.of())));
    TransferException unknownId =
        assertThrows(TransferException.class,
            () -> Codecs.decode(bytesOf(tagged + "3f"), String.class));
    assertEquals("unknown type id 63 at offset 9", unknownId.getMessage());
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
    }
    return text.toString();
  }

  private static byte[] bytesOf(String hex) {
    String[] parts = hex.trim().split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }

  @Test
  @SuppressWarnings("ferry:not-transferable") // decode refuses: that is the test
  void decode_bytesOfAValueWrittenWithItsTypeNamed_asAnotherType_sayWhich() {
    byte[] text = Codecs.encode("hello");
    byte[] point = Codecs.encode(new Point(1, 2));
    long tagged = 0x7461676765645f31L;
    long pointFingerprint = Codecs.of(Point.class).fingerprint();

    TransferException textAsPoint =
        assertThrows(TransferException.class, () -> Codecs.decode(text, Point.class));
    assertEquals(String.format(
        "the bytes hold a value written with its type named (fingerprint %016x: a String, a"
            + " boxed primitive, a JDK value, a collection, map, optional or primitive array, or"
            + " an enum with no codec of its own), not a dev.ferry.Point, whose codec expects"
            + " %016x: decode them as the type they were written for",
        tagged, pointFingerprint), textAsPoint.getMessage());
    TransferException pointAsText =
        assertThrows(TransferException.class, () -> Codecs.decode(point, String.class));
    assertEquals(String.format(
        "the bytes were not written for a java.lang.String: Codecs.encode writes one with its type"
            + " named, behind the fingerprint %016x, and these carry %016x, that of a type with a"
            + " codec of its own (or they are not Ferry's); decode them as the type they were"
            + " written for",
        tagged, pointFingerprint), pointAsText.getMessage());
  }

  /**
   * A hand-written codec that writes its parts with Codecs.encode and reads them with
   * Codecs.decode (Nest) started each part at depth 0: a cycle of such values overflowed the stack
   * out of encode, and forged bytes nesting 20,000 parts out of decode, where the README promises
   * that values nested deeper than 512 levels are refused while written, and hostile input with a
   * TransferException. Each part now starts one level below the value it is in.
   */
  @Test
  void encodeAndDecodeCalledByACodec_countTheDepthOfTheValueTheyAreIn() {
    assertEquals(513, levels(Codecs.decode(Codecs.encode(Nest.deep(513)), Nest.class)));
    IllegalArgumentException tooDeep =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(Nest.deep(514)));
    assertTrue(tooDeep.getMessage().startsWith(
        "a value of dev.ferry.Nest is nested deeper than 512 levels"), tooDeep.getMessage());
    Nest cycle = new Nest(null);
    cycle.inner = cycle;
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode(cycle));

    byte[] fingerprint = Arrays.copyOf(Codecs.encode(new Nest(null)), 8);
    byte[] forged = Codecs.encode(new Nest(null));
    for (int i = 0; i < 20_000; i++) {
      ByteOutput out = new ByteOutput();
      out.writeBytes(fingerprint, 0, 8);
      out.writeSize(forged.length);
      out.writeBytes(forged, 0, forged.length);
      forged = out.toByteArray();
    }
    byte[] hostile = forged;
    TransferException refused =
        assertThrows(TransferException.class, () -> Codecs.decode(hostile, Nest.class));
    assertTrue(refused.getMessage().startsWith("values nested deeper than 512 levels"),
        refused.getMessage());
    // And the thread's next values start at the top again.
    assertEquals(2, levels(Codecs.decode(Codecs.encode(Nest.deep(2)), Nest.class)));
  }

  private static int levels(Nest nest) {
    int levels = 0;
    for (Nest n = nest; n != null; n = n.inner) {
      levels++;
    }
    return levels;
  }

  @Test
  void decode_refusesTrailingBytes() {
    byte[] bytes = Arrays.copyOf(Codecs.encode(new Point(1, 2)), 11);
    assertThrows(TransferException.class, () -> Codecs.decode(bytes, Point.class));
  }

  @Test
  void encode_enumConstantWithBodyUsesItsEnumsCodec() {
    assertTrue(Suit.HEARTS.getClass().isAnonymousClass()); // the case this guards
    for (Suit suit : Suit.values()) {
      assertSame(suit, Codecs.decode(Codecs.encode(suit), Suit.class));
    }
  }

  /**
   * A class with a codec of its own that is also a List (Bag) was taken for a List: Codecs.of
   * refused it as rebuilt as an ArrayList, and Codecs.encode wrote it by its elements, dropping
   * its label. Its own codec writes and reads it now, on its own and inside a List.
   */
  @Test
  void encode_aListClassWithACodecOfItsOwn_usesThatCodec() {
    Bag bag = new Bag(List.of("a"), "kept");
    assertSame(Bag_FerryCodec.INSTANCE, Codecs.of(Bag.class));
    Bag back = Codecs.decode(Codecs.encode(bag), Bag.class);
    assertEquals(bag, back);
    assertEquals("kept", back.label());
    List<?> list = Codecs.decode(Codecs.encode(List.of(bag)), List.class);
    assertEquals("kept", ((Bag) list.get(0)).label());
  }

  /** So was a BigInteger subclass with a codec of its own, written as a BigInteger. */
  @Test
  void encode_aBigIntegerClassWithACodecOfItsOwn_usesThatCodec() {
    Grams grams = Codecs.decode(Codecs.encode(new Grams("12", "kg")), Grams.class);
    assertEquals(new Grams("12", "kg"), grams);
    assertEquals("kg", grams.unit());
    List<?> list = Codecs.decode(Codecs.encode(List.of(new Grams("7", "g"))), List.class);
    assertEquals("g", ((Grams) list.get(0)).unit());
  }

  /**
   * Asked for what getClass() returns for a constant with a body (Codecs.decode(bytes,
   * value.getClass())), Codecs said it was an anonymous class and to send a record instead.
   */
  @Test
  void of_theClassOfAnEnumConstantsBody_namesItsEnum() {
    Class<? extends Suit> body = Suit.HEARTS.getClass();
    byte[] hearts = Codecs.encode(Suit.HEARTS);
    for (Executable ask :
        java.util.List.<Executable>of(() -> Codecs.of(body), () -> Codecs.decode(hearts, body))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ask);
      assertTrue(
          e.getMessage().endsWith(
              "It is the class of the body of an enum constant of dev.ferry.Suit, not a type of"
                  + " its own: ask for the enum (Codecs.of(Suit.class), Codecs.decode(bytes,"
                  + " Suit.class)), or use getDeclaringClass() rather than getClass() on the"
                  + " constant."),
          e.getMessage());
    }
  }

  @Test
  void encode_nullIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Codecs.encode(null));
    assertEquals("value == null", e.getMessage());
  }

  @Test
  void encode_aValueWithNoCodec_isRefusedTheSameWayEachTime() {
    for (int attempt = 0; attempt < 2; attempt++) { // the codec choice is cached per class, a refusal not
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.encode(new Thread()));
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().startsWith("[ferry:not-transferable]"), e.getMessage());
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }
  }

  @Test
  void of_anArrayOfObjects_isRefusedAsEncodeRefusesIt() {
    for (Class<?> type : java.util.List.of(String[].class, Point[].class, int[][].class)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.of(type), type.getName());
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().startsWith("[ferry:not-transferable] ")
              && e.getMessage().contains("use a List"),
          e.getMessage());
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new short[] {1, -2}, Codecs.decode(Codecs.encode(new short[] {1, -2}), short[].class));
  }

  @Test
  void of_anAnonymousClass_saysItCanHaveNoCodec() {
    Class<?> anonymous = new Object() {}.getClass();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(anonymous));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("an anonymous class, which another process cannot find by name"),
        e.getMessage());
    org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("(.class)"), e.getMessage());
  }

  /**
   * Codecs.decode(bytes, Object.class), compiled without the checker, was told that
   * java.lang.Object_FerryCodec was not found and to copy Object's state into a record; what it
   * needs is the class that was encoded.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // what code compiled without the checker may do
  void decode_asObjectOrAJdkInterface_asksForTheClassThatWasEncoded() {
    byte[] bytes = Codecs.encode("text");
    for (Class<?> type : java.util.List.of(Object.class, Runnable.class, Number.class)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.decode(bytes, type));
      assertEquals(
          "[ferry:not-transferable] " + type.getName() + " has no codec. It could hold a value of"
              + " any of many classes, and a process that reads the bytes must know which class to"
              + " rebuild: ask for the class that was encoded (Codecs.decode(bytes, Job.class),"
              + " Codecs.of(Job.class)), or declare a sealed interface of @Transferable types.",
          e.getMessage());
    }
  }

  /**
   * A lambda's class, Main$$Lambda/0x..., was told to be annotated or imported
   * ({@code @TransferableImport(CodecsTest$$Lambda$1/0x...class)}), after where its codec was
   * looked for; it is a lambda, which can have no codec, and what to send instead is data.
   */
  @Test
  void encode_aLambda_saysItIsOneAndWhatToSendInstead() {
    java.util.function.Supplier<String> lambda = () -> "x";
    Runnable reference = CodecsTest::new;
    for (Object code : java.util.List.of(lambda, reference)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.encode(code));
      String implemented = code.getClass().getInterfaces()[0].getName();
      assertEquals(
          "[ferry:not-transferable] " + code.getClass().getName() + " has no codec. It is a lambda"
              + " or method reference implementing " + implemented + ", a class this JVM made at"
              + " run time: another process cannot load it by name, and no codec can write the code"
              + " or what it captured. Send the data the code needs in a @Transferable record and"
              + " run the code in the receiving process; to run code in a child, give Ferry.spawn"
              + " or ProcessPool.submit a reference to a static method (Worker::run) and the data"
              + " as its arguments.",
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Codecs.of(code.getClass()));
    }
  }

  /**
   * Codecs.of gave a type with no codec of its own (an enum without one, a List) DynamicCodec
   * itself, whose read returns whatever the bytes' tag says: a List read by the codec of DayOfWeek
   * came back as an ArrayList typed as a DayOfWeek, failing a cast far from the cause. The codec it
   * gives now refuses another type's value, with the same bytes and fingerprint as before.
   */
  @Test
  void of_aTypeWithNoCodecOfItsOwn_readsOnlyValuesOfThatType() {
    Codec<java.time.DayOfWeek> days = Codecs.of(java.time.DayOfWeek.class);
    @SuppressWarnings("rawtypes")
    Codec<java.util.List> lists = Codecs.of(java.util.List.class);
    ByteOutput out = new ByteOutput();
    lists.write(out, java.util.List.of("a"));
    byte[] list = out.toByteArray();

    TransferException e = assertThrows(TransferException.class, () -> days.read(new ByteInput(list)));

    assertEquals(
        "the bytes at offset 0 hold a java.util.ArrayList, not a java.time.DayOfWeek: they were"
            + " written for another type; read them with the codec of the type they were written"
            + " for",
        e.getMessage());
    assertEquals(java.util.List.of("a"), lists.read(new ByteInput(list)));
    ByteOutput day = new ByteOutput();
    days.write(day, java.time.DayOfWeek.FRIDAY);
    assertEquals(java.time.DayOfWeek.FRIDAY, days.read(new ByteInput(day.toByteArray())));
    assertThrows(TransferException.class, () -> lists.read(new ByteInput(day.toByteArray())));
    assertEquals(
        dev.ferry.internal.codec.DynamicCodec.INSTANCE.fingerprint(), days.fingerprint());
  }

  /** An array type was named as the JVM names it: "the bytes hold a java.lang.String, not a [B". */
  @Test
  void decode_asAnArrayType_namesItAsJavaDoes() {
    TransferException string =
        assertThrows(TransferException.class, () -> Codecs.decode(Codecs.encode("x"), byte[].class));
    assertEquals("the bytes hold a java.lang.String, not a byte[]", string.getMessage());
    TransferException ints = assertThrows(
        TransferException.class, () -> Codecs.decode(Codecs.encode(new int[] {1}), long[].class));
    assertEquals("the bytes hold a int[], not a long[]", ints.getMessage());
    TransferException point = assertThrows(
        TransferException.class, () -> Codecs.decode(Codecs.encode(new Point(1, 2)), byte[].class));
    assertTrue(point.getMessage().startsWith("the bytes were not written for a byte[]:"),
        point.getMessage());
  }

  @Test
  void encode_insideACodecThatEncodes_keepsBothValuesApart() {
    Envelope value = new Envelope(new Point(7, -8));
    byte[] first = Codecs.encode(value);
    assertEquals(value, Codecs.decode(first, Envelope.class));
    // Again on the same thread, which now reuses its scratch output: the same bytes.
    org.junit.jupiter.api.Assertions.assertArrayEquals(first, Codecs.encode(value));
    assertEquals(new Point(1, 2), Codecs.decode(Codecs.encode(new Point(1, 2)), Point.class));
  }

  /** What a channel carries without a codec of its class's own, Codecs encodes too. */
  @Test
  void encode_builtInValuesAndCollections_roundTripAsAChannelCarriesThem() {
    assertEquals("text", Codecs.decode(Codecs.encode("text"), String.class));
    assertEquals(42, Codecs.decode(Codecs.encode(42), Integer.class));
    java.util.List<Point> points = java.util.List.of(new Point(1, 2), new Point(3, 4));
    assertEquals(points, Codecs.decode(Codecs.encode(points), java.util.List.class));
    java.util.Map<String, Integer> counts = java.util.Map.of("a", 1);
    assertEquals(counts, Codecs.decode(Codecs.encode(counts), java.util.Map.class));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new int[] {1, 2}, Codecs.decode(Codecs.encode(new int[] {1, 2}), int[].class));
  }

  @Test
  void decode_builtInValueOfAnotherType_isRefused() {
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(Codecs.encode(42), String.class));
    assertEquals("the bytes hold a java.lang.Integer, not a java.lang.String", e.getMessage());
    assertThrows(
        TransferException.class, () -> Codecs.decode(Codecs.encode("text"), Point.class));
    assertThrows(
        TransferException.class, () -> Codecs.decode(Codecs.encode(new Point(1, 2)), String.class));
  }

  @Test
  void of_builtInType_givesTheCodecAChannelWritesItWith() {
    Codec<String> strings = Codecs.of(String.class);
    ByteOutput out = new ByteOutput();
    strings.write(out, "text");
    assertEquals("text", strings.read(new ByteInput(out.toByteArray())));
    assertEquals( // one encoding
        Codecs.of(java.util.List.class).fingerprint(), Codecs.of(java.util.ArrayList.class).fingerprint());
    org.junit.jupiter.api.Assertions.assertNotNull(Codecs.of(int[].class));
  }

  /**
   * A collection or map class that reading does not rebuild got the codec of its interface: {@code
   * Codecs.of(Vector.class).read(in)} returned an ArrayList, which failed a cast in the
   * caller's code, and {@code Codecs.decode(bytes, ConcurrentHashMap.class)} said the bytes held
   * a LinkedHashMap, blaming bytes that were fine. Both now refuse the class, naming its interface.
   */
  @Test
  void ofAndDecode_aCollectionClassReadBackAsAnother_isRefusedNamingItsInterface() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(java.util.Vector.class));
    assertEquals(
        "[ferry:not-transferable] java.util.Vector is rebuilt by the reading process as every"
            + " List is, as java.util.ArrayList, which cannot be cast to java.util.Vector. Fix:"
            + " ask for java.util.List (Codecs.of(List.class), Codecs.decode(bytes, List.class))"
            + " and copy the value into the class you need.",
        e.getMessage());
    byte[] map = Codecs.encode(java.util.Map.of("a", 1));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Codecs.decode(map, java.util.concurrent.ConcurrentHashMap.class));
    assertTrue(e.getMessage().contains("as every Map is, as java.util.LinkedHashMap"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Codecs.of(java.util.PriorityQueue.class));
    assertTrue(e.getMessage().contains("as every Queue is, as java.util.ArrayDeque"), e.getMessage());
    // The classes reading builds, and the interfaces, are read back as themselves.
    assertEquals(java.util.Map.of("a", 1), Codecs.decode(map, java.util.LinkedHashMap.class));
    assertEquals(java.util.Map.of("a", 1), Codecs.decode(map, java.util.HashMap.class));
    assertEquals( // one encoding
        Codecs.of(java.util.Queue.class).fingerprint(), Codecs.of(java.util.ArrayDeque.class).fingerprint());
    assertEquals( // one encoding
        Codecs.of(java.util.SortedSet.class).fingerprint(), Codecs.of(java.util.TreeSet.class).fingerprint());
  }

  record Has$Dollar(int a) {
    record In$ner(int b) {}
  }

  /**
   * Decoding bytes as an @InheritOnly type is refused naming the rule, in the parent and in a
   * child alike: no bytes Codecs.encode wrote hold one. Before, it was a TransferException saying
   * that the bytes 'were written by a different version of the type' and to rebuild writer and
   * reader, listing Channel's private fields as 'this process's version' (or, for bytes forged
   * with Channel's fingerprint, a TransferException of its own).
   */
  @Test
  void decode_asAnInheritOnlyType_isRefusedNamingTheRule() throws Exception {
    String told = "[ferry:inherit-only-sent] dev.ferry.Channel is @InheritOnly and cannot be"
        + " decoded from bytes: it holds handles that a process can only open when it is handed"
        + " them as it starts, so Codecs.encode never writes one. Pass it to Ferry.spawn as an"
        + " argument instead, or encode and decode only its plain values.";
    byte[] bytes = Codecs.encode(42);
    assertEquals(told, assertThrows(IllegalArgumentException.class,
        () -> Codecs.decode(bytes, Channel.class)).getMessage());
    assertEquals(told.replace("dev.ferry.Channel", "dev.ferry.Ports"),
        assertThrows(IllegalArgumentException.class, () -> Codecs.decode(bytes, Ports.class))
            .getMessage());
    try (Channel<String> replies = Channel.create()) {
      Child child = Children.fast("decodes-a-channel").keepSpare(false)
          .spawn(CodecsTest::decodeAChannel, replies);
      assertEquals(told, replies.receive(Duration.ofSeconds(60)).orElseThrow());
      assertEquals(0, child.join());
    }
  }

  /**
   * An @InheritOnly record inside a collection sent (or encoded) is refused naming the record: its
   * channel member was what refused, and the message named dev.ferry.Channel, a type the sender
   * did not write there.
   */
  /**
   * Codecs.encode of a channel was told it "cannot be sent through a channel", words for a
   * channel's send: the refusal now fits every place that copies a value into bytes.
   */
  @Test
  void encode_aChannel_isRefusedInWordsThatFitAnEncode() {
    try (Channel<String> channel = Channel.create()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Codecs.encode(channel));
      assertTrue(e.getMessage().startsWith("[ferry:inherit-only-sent] dev.ferry.Channel is"
          + " @InheritOnly and cannot be sent or encoded: it holds handles"), e.getMessage());
    }
  }

  @Test
  void encode_anInheritOnlyRecordInACollection_isRefusedNamingTheRecord() {
    try (Channel<String> replies = Channel.create()) {
      Ports ports = new Ports(replies, 1);
      String told = "[ferry:inherit-only-sent] dev.ferry.Ports is @InheritOnly and cannot be sent"
          + " or encoded: it holds handles";
      for (Object holding : List.of(List.of(ports), java.util.Map.of("p", ports),
          java.util.Optional.of(ports))) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Codecs.encode(holding));
        assertTrue(e.getMessage().startsWith(told), e.getMessage());
      }
    }
  }

  private static void decodeAChannel(Channel<String> replies) throws Exception {
    try {
      Codecs.decode(Codecs.encode("a channel?"), Channel.class);
      replies.send("decoded");
    } catch (IllegalArgumentException | TransferException e) {
      replies.send(e.getMessage());
    }
  }
}
