package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.transport.HostChannels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child whose target keeps the 512 KiB messages it receives until its heap (-Xmx24m) is full,
 * catches the {@code OutOfMemoryError}, lets go of what it kept and receives on: it receives every
 * message, each once, and its channels go on. Its channel's idle reader and flusher used to die of
 * the full heap (their waits, a lock's queue, a message copied out of its frame), and its next
 * receive waited for ever; with a bounded channel the parent's send did too.
 */
@Timeout(60)
class ChannelHeapTest {
  private static final int MESSAGES = 150;
  private static final int BYTES = 512 << 10;

  @Test
  void aChildThatFillsItsHeapWithWhatItReceives_andLetsGo_receivesEveryMessageOnce()
      throws Exception {
    Channel<byte[]> messages = Channel.create();
    Channel<String> report = Channel.create();
    Child child = keeper().spawn(ChannelHeapTest::keepUntilFull, messages, report);
    send(messages, 1);
    String said = report.receive(Duration.ofSeconds(40)).orElse("nothing");
    assertTrue(said.matches("received " + MESSAGES + " with [1-9][0-9]* times out of heap"), said);
    assertEquals(0, child.join());
    assertTrue(isEmpty(messages), "a message was left in the channel");
  }

  /**
   * A child whose heap is full as it first uses a channel it was spawned with (its connection in
   * the background was not made yet) gets the {@code OutOfMemoryError}, as from any allocation, and
   * once it has let go of some of what it held, the channel connects and its send goes through.
   * The connection's {@code OutOfMemoryError} was taken for a thread that could not start, and the
   * channel was closed for good ({@code cannot be reached: this process cannot start a thread
   * (Java heap space)}): seen in a run of {@code ParentDeathTest}'s full-heap child on a loaded
   * machine, whose target filled its heap before its channel had connected in the background.
   * Here the background connection waits on channels first whose host is stopped, and the child
   * frees its heap 4 KiB at a time, so that one of its sends has room to encode and not to connect
   * (a connection reads into 64 KiB). The serial collector compacts what is freed into room
   * that the next allocation can take.
   */
  @Test
  void aChildWhoseHeapIsFullAsItsChannelConnects_sendsOnceItLetsGo() throws Exception {
    for (int attempt = 1; ; attempt++) {
      Channel<String> said = Channel.create();
      Child middle = Children.fast("middle").keepSpare(false)
          .spawn(ChannelHeapTest::spawnFullHeapChild, said);
      assertEquals(Optional.of("spawned"), said.receive(Duration.ofSeconds(40)));
      Signals.stop(middle.pid()); // the child's first channels wait for their host's answer
      String first;
      try {
        assertEquals(Optional.of("sent with a full heap"), said.receive(Duration.ofSeconds(40)));
        first = said.receive(Duration.ofSeconds(40)).orElse("nothing");
      } finally {
        Signals.resume(middle.pid());
      }
      assertEquals(0, middle.join(), middle.failure().map(ChildFailure::stackTrace).orElse(""));
      if (first.equals(CONNECTED_AHEAD) && attempt < 3) {
        continue; // its host was stopped too late to hold the background connection back
      }
      assertTrue(first.matches("went through after [1-9][0-9]* times out of heap"), first);
      return;
    }
  }

  private static final String CONNECTED_AHEAD = "connected in the background first";

  /** Hosts eight channels, and spawns a child with them first and {@code said} last. */
  private static void spawnFullHeapChild(Channel<String> said) throws Exception {
    List<Channel<String>> hostedHere = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      hostedHere.add(Channel.create());
    }
    Child child = fullHeapChild().spawn(ChannelHeapTest::sendWithAFullHeap, hostedHere, said);
    said.send("spawned");
    assertEquals(0, child.join(), child.failure().map(ChildFailure::stackTrace).orElse(""));
  }

  private static void sendWithAFullHeap(List<Channel<String>> stoppedHost, Channel<String> said)
      throws Exception {
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    while (!Signals.isStopped(parent)) {
      Thread.sleep(1);
    }
    if (HostChannels.holderConnected(said)) {
      said.send("sent with a full heap");
      said.send(CONNECTED_AHEAD);
      return;
    }
    setUpTheJdkAhead();
    List<byte[]> held = new ArrayList<>(1 << 13);
    fill(held, 64 << 10);
    fill(held, 4 << 10);
    said.send(sendFreeing4KiBAtATime(held, said));
  }

  /**
   * Sends on {@code said}, letting go of 4 KiB of {@code held} before each try, until a send goes
   * through or the channel is closed; then lets go of the rest. What happened, in words.
   */
  private static String sendFreeing4KiBAtATime(List<byte[]> held, Channel<String> said)
      throws InterruptedException {
    String message = "sent with a full heap";
    int outOfHeap = 0;
    while (true) {
      held.remove(held.size() - 1);
      try {
        said.send(message);
        held.clear();
        return "went through after " + outOfHeap + " times out of heap";
      } catch (OutOfMemoryError e) {
        outOfHeap++; // its connection did not fit
      } catch (IllegalArgumentException e) {
        if (!e.getMessage().contains("could not hold its encoding")) {
          throw e;
        }
        outOfHeap++; // the message's encoding did not fit (docs/runtime.md says so)
      } catch (ChannelClosedException e) {
        held.clear();
        return "threw " + e.getMessage();
      }
    }
  }

  /**
   * What the JDK initializes once, on first use, that this test's full heap would make fail for
   * the JVM's life (a class whose initializer ran out of heap): the child's own preparation of its
   * sockets (a thread that may still run as the target starts), the socket classes that closing a
   * connected socket initializes on JDK 25 ({@code sun.nio.ch.Net}). Ferry's handling of the full
   * heap is what is tested, not the JDK's.
   */
  private static void setUpTheJdkAhead() throws Exception {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("ferry-prepare")) {
        thread.join();
      }
    }
    java.nio.channels.SocketChannel.open().close();
  }

  private static void fill(List<byte[]> held, int size) {
    try {
      while (true) {
        held.add(new byte[size]);
      }
    } catch (OutOfMemoryError full) {
      // full
    }
  }

  /** Whether the channel holds no message; a poll throws that it is empty once no holder is left. */
  private static boolean isEmpty(Channel<byte[]> messages) throws InterruptedException {
    try {
      return messages.poll().isEmpty();
    } catch (ChannelClosedException e) {
      return e.getMessage().contains(" is empty");
    }
  }

  /**
   * The same on a bounded channel with a second receiver beside it (a default heap): between them
   * they receive every message once, and the sends never wait for ever.
   */
  @Test
  void aBoundedChannelWithAReceiverThatFillsItsHeap_deliversEveryMessageOnce() throws Exception {
    Channel<byte[]> messages = Channel.create(4);
    Channel<String> report = Channel.create();
    Child keeper = keeper().spawn(ChannelHeapTest::keepUntilFull, messages, report);
    Child counter = Children.fast("counter").spawn(ChannelHeapTest::count, messages, report);
    send(messages, 2);
    int received = 0;
    List<String> said = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String line = report.receive(Duration.ofSeconds(40)).orElse("nothing");
      said.add(line);
      assertTrue(line.matches("(received|counted) [0-9]+.*"), said.toString());
      received += Integer.parseInt(line.split(" ")[1]);
    }
    assertEquals(MESSAGES, received, said.toString());
    assertEquals(0, keeper.join());
    assertEquals(0, counter.join());
  }

  /**
   * The child that fills its heap hosts the channel, and a grandchild sends to it: when the host's
   * connection cannot take a message for its heap full of what its program keeps, the sender is
   * dropped saying so. It was told the channel held "0 messages no receive has taken" and to
   * receive faster, the words for a channel that nobody receives from.
   */
  @Test
  void aHostWhoseProgramFillsItsHeap_dropsASenderNamingWhatFillsIt() throws Exception {
    Channel<String> report = Channel.create();
    Child host = keeper().spawn(ChannelHeapTest::hostAndKeepUntilFull, report);
    try {
      String sender = report.receive(Duration.ofSeconds(50)).orElse("nothing");
      assertTrue(sender.startsWith("sent " + MESSAGES) || sender.contains("is full of what its"
          + " program holds (its channels hold about "), sender);
      assertTrue(!sender.contains("no receive has taken, so"), sender);
    } finally {
      host.kill();
    }
  }

  private static void hostAndKeepUntilFull(Channel<String> report) throws Exception {
    Channel<byte[]> messages = Channel.create();
    Channel<String> sender = Channel.create();
    Children.fast("sender").spawn(ChannelHeapTest::sendAndSay, messages, sender);
    Thread keeper = new Thread(() -> {
      try {
        keepUntilFull(messages, Channel.create());
      } catch (Exception e) {
        // dropped sender: the channel ends empty
      }
    });
    keeper.setDaemon(true);
    keeper.start();
    report.send(sender.receive(Duration.ofSeconds(40)).orElse("the sender said nothing"));
  }

  private static void sendAndSay(Channel<byte[]> messages, Channel<String> said) throws Exception {
    try {
      send(messages, 1);
      said.send("sent " + MESSAGES);
    } catch (ChannelClosedException e) {
      said.send(e.getMessage());
    }
  }

  /**
   * A message of a few bytes whose value this child's heap can never hold: its receives throw
   * {@code OutOfMemoryError} three times (the program may make room between them), then the child
   * lets go of the channel, and the message goes back to it for another receiver. Every receive
   * used to throw that error for ever, the message held back for it.
   */
  @Test
  void aMessageWhoseValueNeverFits_goesBackToTheChannelAfterThreeReceives() throws Exception {
    Channel<Bloated> messages = Channel.create();
    Channel<String> report = Channel.create();
    Child child = keeper().jvmFlags("-Dferry.test.bloatedDecode=true")
        .spawn(ChannelHeapTest::receiveCatchingHeapErrors, messages, report);
    try {
      messages.send(new Bloated(7));
      String said = report.receive(Duration.ofSeconds(40)).orElse("nothing");
      assertTrue(said.startsWith("3 times out of heap, then: "), said);
      assertTrue(said.contains("the value of a message of 1 bytes from its host did not fit in"
          + " this process's heap (at most 24 MiB, -Xmx) at 3 receives in a row, so this process"
          + " let go of the channel"), said);
      assertEquals(Optional.of(new Bloated(7)), messages.receive(Duration.ofSeconds(10)),
          "the message came back");
      assertEquals(0, child.join());
    } finally {
      child.kill();
    }
  }

  private static void receiveCatchingHeapErrors(Channel<Bloated> messages, Channel<String> report)
      throws Exception {
    int full = 0;
    while (full < 10) {
      try {
        messages.receive();
        report.send("received it");
        return;
      } catch (OutOfMemoryError e) {
        full++;
      } catch (ChannelClosedException e) {
        report.send(full + " times out of heap, then: " + e.getMessage());
        return;
      }
    }
    report.send(full + " times out of heap, and on");
  }

  /**
   * {@link #keeper}'s, with the serial collector: it compacts what the child lets go of into room
   * the next allocation can take, so that the heap fills and frees 4 KiB at a time.
   */
  private static SpawnOptions fullHeapChild() {
    return keeper().jvmFlags("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx24m",
        "-XX:+UseSerialGC");
  }

  private static SpawnOptions keeper() {
    return Ferry.options().name("keeper").keepSpare(false)
        .jvmFlags("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx24m");
  }

  /** {@link #MESSAGES} messages of {@link #BYTES}, then an empty one for each receiver. */
  private static void send(Channel<byte[]> messages, int receivers) throws InterruptedException {
    for (int i = 0; i < MESSAGES; i++) {
      assertTrue(messages.send(new byte[BYTES], Duration.ofSeconds(20)), "send " + i + " timed out");
    }
    for (int i = 0; i < receivers; i++) {
      assertTrue(messages.send(new byte[0], Duration.ofSeconds(20)), "the end timed out");
    }
  }

  private static void keepUntilFull(Channel<byte[]> messages, Channel<String> report)
      throws Exception {
    List<byte[]> kept = new ArrayList<>();
    int received = 0;
    int full = 0;
    while (true) {
      try {
        byte[] message = messages.receive();
        if (message.length == 0) {
          kept = null;
          report.send("received " + received + " with " + full + " times out of heap");
          return;
        }
        received++;
        kept.add(message);
      } catch (OutOfMemoryError e) {
        kept.clear();
        full++;
      }
    }
  }

  private static void count(Channel<byte[]> messages, Channel<String> report) throws Exception {
    int received = 0;
    while (messages.receive().length > 0) {
      received++;
    }
    report.send("counted " + received);
  }
}
