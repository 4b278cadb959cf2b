package dev.ferry.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.AbstractSerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.internal.serialization.impl.ObjectDataInputStream;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.SerializationServiceV1;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.ferry.Channel;
import dev.ferry.Codecs;
import dev.ferry.annotation.InheritOnly;
import dev.ferry.hazelcast.it.Event;
import dev.ferry.hazelcast.it.Order;
import dev.ferry.internal.codec.Fingerprints;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The serializer's own contract, without a cluster: which codec reads, and bytes it refuses. */
class FerrySerializerTest {
  private final FerrySerializer serializer =
      new FerrySerializer(List.of(Event.class, Event.Placed.class, Event.Shipped.class));

  @Test
  void eachValue_isReadBackByTheCodecOfItsOwnClass() {
    Event placed = new Event.Placed(1, "Ada");
    Event shipped = new Event.Shipped(2, Optional.of("T-2"));

    assertEquals(placed, serializer.read(serializer.write(placed)));
    assertEquals(shipped, serializer.read(serializer.write(shipped)));
  }

  @Test
  void theHook_findsEveryCodecListedOnTheClassPath() {
    FerrySerializer fromHook = (FerrySerializer) new FerrySerializerHook().createSerializer();

    assertTrue(fromHook.types().containsAll(List.of(Order.class, Event.Placed.class, Event.Shipped.class)), fromHook.types().toString());
    assertEquals(FerrySerializer.TYPE_ID, fromHook.getTypeId());
  }

  /**
   * Another serializer with Ferry's type id, registered before the hook runs: Hazelcast refused
   * Ferry's serializer after the hook returned, naming the other serializer and the id alone.
   */
  @Test
  void theHook_refusesATypeIdAnotherSerializerHas_namingItAndTheFix() {
    AbstractSerializationService service = SerializationServiceV1.builder().build();
    service.register(Label.class, new Label.SerializerWithFerrysTypeId());

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new FerrySerializerHook().createSerializer(service));

    assertTrue(e.getMessage().contains("the serializer " + Label.SerializerWithFerrysTypeId.class.getName()
        + " (configured, or registered by another library's hook) has type id 1179800153 (0x46525259,"
        + " FerrySerializer.TYPE_ID)"), e.getMessage());
    assertTrue(e.getMessage().contains("Give " + Label.SerializerWithFerrysTypeId.class.getName()
        + " another type id in its getTypeId()"), e.getMessage());
  }

  /**
   * The other order: the hook ran first, and Hazelcast refuses the other serializer with a message
   * that shows Ferry's serializer (it read "FerrySerializer@5e1fa5b1"), so it says whose id it is.
   */
  @Test
  void aSerializerWithFerrysTypeIdAfterTheHook_isRefusedNamingFerrysId() {
    AbstractSerializationService service = (AbstractSerializationService) new DefaultSerializationServiceBuilder().build();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> service.register(Label.class, new Label.SerializerWithFerrysTypeId()));

    assertTrue(e.getMessage().contains("type id 1179800153 (0x46525259, FerrySerializer.TYPE_ID, which"
        + " every Ferry value has)"), e.getMessage());
  }

  /**
   * A Data of Ferry's type id whose byte-array length is forged: Hazelcast's byte-array read
   * allocated that length (OutOfMemoryError: Requested array size exceeds VM limit).
   */
  @Test
  void aForgedLength_isRefusedBeforeAnythingIsAllocated() {
    InternalSerializationService service = new DefaultSerializationServiceBuilder().build();
    byte[] data = service.toData(new Event.Placed(3, "Ada")).toByteArray();
    int follow = data.length - HeapData.DATA_OFFSET - Integer.BYTES; // after the length
    ByteBuffer.wrap(data).putInt(HeapData.DATA_OFFSET, Integer.MAX_VALUE);

    HazelcastSerializationException e =
        assertThrows(HazelcastSerializationException.class, () -> service.toObject(new HeapData(data)));

    assertTrue(e.getMessage().contains("claims 2147483647 bytes and " + follow + " follow"), e.getMessage());
  }

  /**
   * The same from a stream, which cannot say how many bytes follow: the array grows as they arrive
   * and the stream's end is an EOFException, not an allocation of the forged length.
   */
  @Test
  void aForgedLengthInAStream_endsWithTheStream() throws Exception {
    InternalSerializationService service = new DefaultSerializationServiceBuilder().build();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(Integer.MAX_VALUE);
      out.write(serializer.write(new Event.Placed(3, "Ada")));
    }
    ObjectDataInputStream in =
        new ObjectDataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()), service);

    assertThrows(java.io.EOFException.class, () -> serializer.read(in));
  }

  /**
   * A Data cut short by one byte: Hazelcast's byte-array read filled the missing byte with a zero,
   * and an order placed at 5 ns after the epoch read back as one placed at the epoch, another valid
   * value.
   */
  @Test
  void aValueCutShort_isRefusedRatherThanReadAsAnother() {
    InternalSerializationService service = new DefaultSerializationServiceBuilder().build();
    Order order = new Order(3, "Ada", List.of(), Order.Status.NEW, Instant.ofEpochSecond(0, 5));
    byte[] data = service.toData(order).toByteArray();
    int length = data.length - HeapData.DATA_OFFSET - Integer.BYTES; // after the length
    Data cut = new HeapData(Arrays.copyOf(data, data.length - 1));

    HazelcastSerializationException e =
        assertThrows(HazelcastSerializationException.class, () -> service.toObject(cut));

    assertTrue(e.getMessage().contains("claims " + length + " bytes and " + (length - 1) + " follow"), e.getMessage());
  }

  @Test
  void bytesOfACodecNoSerializerHas_failNamingTheirFingerprint() {
    FerrySerializer orders = new FerrySerializer(List.of(Order.class));
    byte[] unknown = serializer.write(new Event.Placed(1, "Ada"));
    ByteBuffer.wrap(unknown).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0x0123456789abcdefL);

    HazelcastSerializationException e = assertThrows(HazelcastSerializationException.class, () -> orders.read(unknown));

    assertTrue(e.getMessage().contains("0123456789abcdef"), e.getMessage());
    assertTrue(e.getMessage().contains("another version"), e.getMessage());
    // A client reads with this serializer too: the message names neither side alone.
    assertTrue(e.getMessage().contains("no Ferry serializer of this process (a member or a client)"),
        e.getMessage());
  }

  @Test
  void bytesOfAnotherSerializersCodec_areReadByIt() {
    FerrySerializer orders = new FerrySerializer(List.of(Order.class));

    assertEquals(new Event.Placed(1, "Ada"), orders.read(serializer.write(new Event.Placed(1, "Ada"))));
  }

  /**
   * Another application in this JVM, sharing ferry-hazelcast (an application server's common
   * library, or the application a redeploy replaced), has its own copy of Parcel and a serializer
   * with Parcel's codec; this application's serializer has none. Reading that application's
   * Parcel bytes handed out its Parcel, a class this application's code cannot take for its own
   * ({@code ClassCastException: Cannot cast dev.ferry.hazelcast.Parcel to
   * dev.ferry.hazelcast.Parcel}); with two versions of a type (probed: a member of version 2
   * reading what a member of version 1 put, /tmp/engines60/hz/Migrate.java), a value of the
   * other version where the fingerprint check should have refused it.
   */
  @Test
  void bytesOnlyAnotherClassLoadersSerializerReads_ofATypeThisApplicationLoadsItself_areRefused()
      throws Exception {
    URL testClasses = Parcel.class.getProtectionDomain().getCodeSource().getLocation();
    try (ChildFirst otherApplication =
        new ChildFirst(testClasses, Parcel.class.getName(), Spiral.class.getName())) {
      Class<?> theirParcel = otherApplication.loadClass(Parcel.class.getName());
      FerrySerializer theirs = new FerrySerializer(List.of(theirParcel));
      byte[] bytes =
          theirs.write(theirParcel.getConstructor(String.class, Object.class).newInstance("box", "socks"));
      FerrySerializer ours = new FerrySerializer(List.of(Order.class));

      HazelcastSerializationException e =
          assertThrows(HazelcastSerializationException.class, () -> ours.read(bytes));

      assertTrue(
          e.getMessage().startsWith("a Ferry value of dev.ferry.hazelcast.Parcel with codec"
              + " fingerprint " + String.format("%016x", Codecs.of(theirParcel).fingerprint())
              + " arrived, and only a Ferry serializer of another class loader (loaded by "
              + otherApplication + ") has a codec with it, for its own class"
              + " dev.ferry.hazelcast.Parcel; this process's dev.ferry.hazelcast.Parcel (loaded by "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("Build every member and client from the same sources."),
          e.getMessage());
      // A serializer of the other application's types, without Parcel, still reads it.
      FerrySerializer theirSpirals =
          new FerrySerializer(List.of(otherApplication.loadClass(Spiral.class.getName())));
      assertEquals(theirParcel, theirSpirals.read(bytes).getClass());
      Reference.reachabilityFence(theirs);
    }
  }

  /** Defines the {@code own} types and their codecs itself and asks its parent for every other class. */
  private static final class ChildFirst extends URLClassLoader {
    private final List<String> own;

    ChildFirst(URL classes, String... own) {
      super(new URL[] {classes}, FerrySerializerTest.class.getClassLoader());
      this.own = List.of(own);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      return own.stream().anyMatch(name::startsWith) ? defined(name) : super.loadClass(name, resolve);
    }

    private synchronized Class<?> defined(String name) throws ClassNotFoundException {
      Class<?> defined = findLoadedClass(name);
      return defined != null ? defined : findClass(name);
    }
  }

  /**
   * A hand-written codec of a type that holds itself, counting no depth (LinkCodec), let a
   * StackOverflowError out of read for bytes nesting 1,000,000 levels, and out of write for a
   * cycle, which Hazelcast lets out of map.get and map.put as they are, where every other value it
   * cannot read or write is a HazelcastSerializationException. Both now are, naming type, codec and
   * the fix (enter/exit).
   */
  @Test
  void aStackOverflowInAHandWrittenCodec_isAHazelcastSerializationExceptionNamingTheFix() {
    FerrySerializer links = new FerrySerializer(List.of(Link.class));
    byte[] forged = new byte[8 + 1_000_001];
    System.arraycopy(links.write(new Link(null)), 0, forged, 0, 8);
    Arrays.fill(forged, 8, forged.length - 1, (byte) 1);

    HazelcastSerializationException read = assertThrows(HazelcastSerializationException.class, () -> links.read(forged));
    assertEquals(
        "bytes with the fingerprint of dev.ferry.hazelcast.Link's Ferry codec ("
            + handWritten(0x4c696e6b00000001L, Link.class) + ") are"
            + " not a valid value of it: its codec dev.ferry.hazelcast.LinkCodec overflowed the stack"
            + " (java.lang.StackOverflowError) reading values nested in each other; a hand-written"
            + " codec of a type that holds itself calls ByteInput.enter() and exit() around each value"
            + " it reads, which refuse bytes nested deeper than 512 levels",
        read.getMessage());
    assertEquals(StackOverflowError.class, read.getCause().getClass());

    Link cycle = new Link(null);
    cycle.next = cycle;
    HazelcastSerializationException write = assertThrows(HazelcastSerializationException.class, () -> links.write(cycle));
    assertTrue(
        write.getMessage().startsWith(
            "Ferry's serializer could not write the dev.ferry.hazelcast.Link value: its codec"
                + " dev.ferry.hazelcast.LinkCodec overflowed the stack"),
        write.getMessage());
    assertTrue(((Link) links.read(links.write(new Link(new Link(null))))).next != null, "a short chain still reads");
  }

  /**
   * A generated codec counts depth, so a StackOverflowError under it is the type's own code
   * recursing (Spiral's compact constructor for "in", its accessor for "out"): both were told with
   * the advice for a hand-written codec ("calls ByteInput.enter() and exit() ..."), which does not
   * fit. They now name the code that recursed and say what to fix.
   */
  @Test
  void aStackOverflowInTheTypesOwnCode_namesThatCode() {
    FerrySerializer spirals = new FerrySerializer(List.of(Spiral.class));
    byte[] forged = spirals.write(new Spiral("im"));
    forged[forged.length - 1] ^= 'm' ^ 'n'; // "im" becomes "in" (the flag of the last char kept)

    HazelcastSerializationException read =
        assertThrows(HazelcastSerializationException.class, () -> spirals.read(forged));
    assertTrue(
        read.getMessage().endsWith(
            "are not a valid value of it: its codec dev.ferry.hazelcast.Spiral_FerryCodec overflowed"
                + " the stack (java.lang.StackOverflowError) in the constructor of"
                + " dev.ferry.hazelcast.Spiral, which it called to build a value it read: Ferry's"
                + " codecs count the depth of the values they read and stop at 512 levels, so that"
                + " code calls itself without end (a constructor that builds another value of its"
                + " type, say). Fix it so that it returns"),
        read.getMessage());
    assertEquals(StackOverflowError.class, read.getCause().getClass());

    HazelcastSerializationException write =
        assertThrows(HazelcastSerializationException.class, () -> spirals.write(new Spiral("out")));
    assertEquals(
        "Ferry's serializer could not write the dev.ferry.hazelcast.Spiral value: its codec"
            + " dev.ferry.hazelcast.Spiral_FerryCodec overflowed the stack"
            + " (java.lang.StackOverflowError) in dev.ferry.hazelcast.Spiral.name, which it called to"
            + " get a value it writes: Ferry's codecs count the depth of the values they write and"
            + " stop at 512 levels, so that code calls itself without end"
            + " (an accessor that calls itself, say). Fix it so that it returns",
        write.getMessage());
  }

  /**
   * A hand-written codec's own exception (KelvinCodec reading through a factory that refuses -5 K)
   * left read as it was, and Hazelcast wrapped it as HazelcastSerializationException:
   * java.lang.IllegalArgumentException: below absolute zero, naming neither the type nor the codec.
   */
  @Test
  void aHandWrittenCodecsOwnException_isAHazelcastSerializationExceptionNamingTypeAndCodec() {
    FerrySerializer temperatures = new FerrySerializer(List.of(Kelvin.class));
    byte[] bytes = temperatures.write(new Kelvin(-5));

    HazelcastSerializationException e = assertThrows(HazelcastSerializationException.class, () -> temperatures.read(bytes));

    assertEquals(
        "bytes with the fingerprint of dev.ferry.hazelcast.Kelvin's Ferry codec ("
            + handWritten(0x4b656c76696e0001L, Kelvin.class) + ") are"
            + " not a valid value of it: its codec dev.ferry.hazelcast.KelvinCodec threw"
            + " java.lang.IllegalArgumentException: below absolute zero: -5.0 K",
        e.getMessage());
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
  }

  /**
   * A hand-written codec whose read returned null for bytes that held a value (KelvinCodec, for
   * NaN) made map.get return null, as if the entry were missing, in place of what was put.
   */
  @Test
  void aHandWrittenCodecReturningNull_isAHazelcastSerializationExceptionNamingTypeAndCodec() {
    FerrySerializer temperatures = new FerrySerializer(List.of(Kelvin.class));
    byte[] bytes = temperatures.write(new Kelvin(Double.NaN));

    HazelcastSerializationException e = assertThrows(HazelcastSerializationException.class, () -> temperatures.read(bytes));

    assertEquals(
        "bytes with the fingerprint of dev.ferry.hazelcast.Kelvin's Ferry codec ("
            + handWritten(0x4b656c76696e0001L, Kelvin.class) + ") are"
            + " not a valid value of it: the codec dev.ferry.hazelcast.KelvinCodec of"
            + " dev.ferry.hazelcast.Kelvin returned null from read, for bytes that hold a value its"
            + " write wrote (a codec never writes a null: Ferry marks one itself): the receiver would"
            + " get null in place of what was sent. Return the value read, or throw a"
            + " TransferException for bytes that make none",
        e.getMessage());
  }

  /**
   * A value whose encoding failed part-way, after the thread's scratch output had grown for it (a
   * content with no codec behind a 64 MiB label), left that output to the thread until its next
   * write: a member's thread held 64 MiB and more for a value it never stored.
   */
  @Test
  void aValueThatFailsAfterALongEncoding_leavesNoScratchOutputBehind() {
    FerrySerializer parcels = new FerrySerializer(List.of(Parcel.class));
    long before = heapUsedAfterGc();

    writeAFailingValueOf64MiB(parcels);

    long held = heapUsedAfterGc() - before;
    assertTrue(held < 16 << 20, (held >> 20) + " MiB still held after the failed write");
  }

  private static void writeAFailingValueOf64MiB(FerrySerializer parcels) {
    Parcel<Object> value = new Parcel<>("x".repeat(64 << 20), new StringBuilder("no codec"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parcels.write(value));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void truncatedOrPaddedBytes_areRefused() {
    byte[] bytes = serializer.write(new Event.Shipped(3, Optional.of("T-3")));

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(HazelcastSerializationException.class, () -> serializer.read(truncated), "length " + length);
    }
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
    HazelcastSerializationException e = assertThrows(HazelcastSerializationException.class, () -> serializer.read(padded));
    assertTrue(e.getMessage().contains(Event.Shipped.class.getName()), e.getMessage());
  }

  @Test
  void aValueOfAnotherType_isRefusedNamingIt() {
    HazelcastSerializationException e =
        assertThrows(HazelcastSerializationException.class, () -> serializer.write(new StringBuilder("x")));

    assertTrue(e.getMessage().startsWith("java.lang.StringBuilder reached Ferry's serializer"), e.getMessage());
  }

  @Test
  void aTypeWithoutACodec_isRefusedWhenTheSerializerIsBuilt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FerrySerializer(List.of(StringBuilder.class)));

    assertTrue(e.getMessage().contains("[ferry:not-transferable] java.lang.StringBuilder"), e.getMessage());
  }
  /**
   * new FerrySerializer(List.of(Channel.class)), or of an @InheritOnly record, was built, and every
   * put of such a value failed: the type has a codec, for spawn arguments, that writes nothing else.
   */
  @Test
  void anInheritOnlyType_isRefusedWhenTheSerializerIsBuilt() {
    for (Class<?> type : List.of(Channel.class, Lanes.class)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new FerrySerializer(List.of(Order.class, type)));

      assertEquals(
          "[ferry:inherit-only-sent] " + type.getName() + " is @InheritOnly: its values hold"
              + " process-local handles (channels), which reach a child only as a spawn argument, so"
              + " none can be stored in Hazelcast. Leave " + type.getName() + " out of"
              + " FerrySerializer's types, and store a @Transferable type that holds the plain"
              + " values the members need instead.",
          e.getMessage());
    }
  }

  /** Channels handed to a worker when it starts. */
  @InheritOnly
  record Lanes(Channel<Order> orders, int worker) {}

  @Test
  void aSerializerForASealedInterfaceOnly_writesItsRecordsWithTheInterfacesCodec() {
    // Registered by hand for the interface alone, Hazelcast hands it the records too.
    FerrySerializer interfaceOnly = new FerrySerializer(List.of(Event.class));
    Event placed = new Event.Placed(1, "Ada");

    byte[] bytes = interfaceOnly.write(placed);

    assertEquals(placed, interfaceOnly.read(bytes));
    assertEquals(Codecs.of(Event.class).fingerprint(), ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong());
  }

  @Test
  void aFerryValueTheSerializerWasNotBuiltWith_isRefusedSayingToAddItsType() {
    FerrySerializer orders = new FerrySerializer(List.of(Order.class));

    HazelcastSerializationException e =
        assertThrows(HazelcastSerializationException.class, () -> orders.write(new Event.Placed(1, "Ada")));

    assertTrue(e.getMessage().contains("build the FerrySerializer with " + Event.Placed.class.getName()), e.getMessage());
    assertTrue(!e.getMessage().contains("Annotate"), e.getMessage());
  }

  @Test
  void builtInTypes_areRefusedSayingHazelcastWritesThemItself() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FerrySerializer(List.of(String.class, Integer.class)));

    assertTrue(e.getMessage().startsWith("java.lang.String has no Ferry codec of its own"), e.getMessage());
    assertTrue(e.getMessage().contains("Hazelcast serializes it itself"), e.getMessage());
    assertTrue(e.getMessage().contains("leave java.lang.String out"), e.getMessage());
  }

  @Test
  void aBuiltInTypeBesideFerryTypes_isRefusedToo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FerrySerializer(List.of(Order.class, List.class)));

    assertTrue(e.getMessage().startsWith("java.util.List has no Ferry codec of its own"), e.getMessage());
  }

  /**
   * The fingerprint, in hex, the bytes of a hand-written codec whose own is {@code fingerprint}
   * carry: mixed with the type it codes.
   */
  private static String handWritten(long fingerprint, Class<?> type) {
    return String.format(
        "%016x",
        Fingerprints.mix(fingerprint, Fingerprints.of("codec of " + type.getName())));
  }
}
