package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.Children;
import dev.ferry.Ferry;
import dev.ferry.TransferException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message that a process's heap can hold, but not once more: the host's copy of it into the
 * frame that carries it to a holder, or the holder's decoded value. Each arrives whole or not at
 * all, and nothing is lost: a local send that cannot be copied fails and the channel goes on; a
 * queued message that cannot be copied for a holder stays in the channel and the holder is told
 * why it was dropped; a holder that cannot decode one gives it back and lets go of the channel.
 */
@Timeout(90)
class MessageTooLargeForHeapTest {
  /** Held four times, the host's heap (-Xmx256m) cannot take it; three times it can. */
  private static final int BYTES = (64 << 20) - 64;
  private static final String HOST_HEAP = "-Xmx256m";

  // ---- child targets

  /**
   * Sends a message too large to copy to a holder that waits for it: the send fails, saying so,
   * and the holder then receives the next message.
   */
  private static void sendToWaitingHolder(Channel<String> report) throws Exception {
    Channel<byte[]> messages = Channel.create();
    Channel<String> answers = Channel.create();
    Child holder =
        Children.fast("holder").jvmFlags("-Xmx64m").spawn(MessageTooLargeForHeapTest::receive, messages, answers);
    while (!HostChannels.remoteWaiting(messages)) {
      Thread.sleep(10);
    }
    String sent;
    try {
      messages.send(new byte[BYTES]);
      sent = "sent";
    } catch (Throwable e) {
      sent = e.toString();
    }
    messages.send(new byte[] {1, 2, 3});
    report.send(sent + " | " + answers.receive() + " | exit " + holder.join());
  }

  /**
   * Queues a message, then holds so much that it cannot copy it for the holder that asks: the
   * holder is dropped, saying why, and the message is received here, whole.
   */
  private static void queueForHolder(Channel<String> report) throws Exception {
    Channel<byte[]> messages = Channel.create();
    Channel<String> answers = Channel.create();
    byte[] message = new byte[BYTES];
    message[BYTES - 1] = 7;
    messages.send(message);
    byte[][] held = new byte[4][BYTES / 4];
    Child holder =
        Children.fast("holder").jvmFlags("-Xmx64m").spawn(MessageTooLargeForHeapTest::receive, messages, answers);
    String answer = answers.receive();
    message = null;
    held = null;
    byte[] back = messages.receive(Duration.ofSeconds(10)).orElse(new byte[0]);
    report.send(answer + " | here " + back.length + " bytes ending " + back[back.length - 1]
        + " | exit " + holder.join());
  }

  private static void receive(Channel<byte[]> messages, Channel<String> answers) throws Exception {
    try {
      answers.send("received " + messages.receive().length + " bytes");
    } catch (ChannelClosedException e) {
      answers.send(e.getMessage());
    }
  }

  private static void decode(Channel<String> messages, Channel<String> answers) throws Exception {
    try {
      answers.send("received " + messages.receive().length() + " chars");
    } catch (ChannelClosedException e) {
      String why = e.getMessage();
      try {
        messages.send("after");
        why += " | sent after";
      } catch (ChannelClosedException again) {
        why += " | not sent after: " + again.getMessage().equals(e.getMessage());
      }
      answers.send(why);
    }
  }

  /**
   * Receives a message its heap cannot hold once decoded: the receive fails, saying so, and the
   * message stays first in the channel.
   */
  private static void receiveTooLargeHere(Channel<String> report) throws Exception {
    Channel<String> messages = Channel.create();
    Child sender = Children.fast("sender").spawn(MessageTooLargeForHeapTest::sendLarge, messages);
    String here;
    try {
      here = "received " + messages.receive().length() + " chars";
    } catch (TransferException e) {
      here = e.getMessage();
    }
    report.send(here + " | queued " + HostChannels.queued(messages) + " | exit " + sender.join());
  }

  private static void sendLarge(Channel<String> messages) throws Exception {
    messages.send("a".repeat(BYTES));
  }

  // ---- tests

  @Test
  void aSendTheHostCannotCopyForTheWaitingHolder_fails_andTheChannelGoesOn() throws Exception {
    Channel<String> report = Channel.create();
    Child host =
        Ferry.options().name("small-heap-host").jvmFlags(HOST_HEAP).spawn(MessageTooLargeForHeapTest::sendToWaitingHolder, report);
    String got = report.receive(Duration.ofSeconds(60)).orElse("no report");
    assertEquals(
        "java.lang.IllegalArgumentException: a message of " + (BYTES + 4) + " bytes was not sent:"
            + " this process's heap (at most 256 MiB, -Xmx) cannot hold the copy that carries it to"
            + " the process waiting for it, beside what it holds. Send the data in parts, or start"
            + " this process with a larger -Xmx | received 3 bytes | exit 0",
        got);
    assertEquals(0, host.join());
  }

  @Test
  void aQueuedMessageTheHostCannotCopyForAHolder_staysInTheChannel_andTheHolderIsToldWhy()
      throws Exception {
    Channel<String> report = Channel.create();
    Child host =
        Ferry.options().name("small-heap-host").jvmFlags(HOST_HEAP).spawn(MessageTooLargeForHeapTest::queueForHolder, report);
    String got = report.receive(Duration.ofSeconds(60)).orElse("no report");
    assertTrue(
        got.matches(
            "channel \\d+ at .* broke: its host, which goes on, dropped this process's connection,"
                + " saying 'a message of " + (BYTES + 4) + " bytes does not fit in this process's"
                + " heap \\(at most 256 MiB, -Xmx\\) beside what it holds, so it cannot be copied"
                + " to this holder: the holder's connection is dropped, and the message stays in"
                + " the channel for other receivers \\(a process with a larger -Xmx, or this one's"
                + " own receive\\)' \\| here " + BYTES + " bytes ending 7 \\| exit 0"),
        got);
    assertEquals(0, host.join());
  }

  @Test
  void aMessageAHolderCannotDecode_goesBackToTheChannel_andTheHolderLetsGoOfIt() throws Exception {
    Channel<String> messages = Channel.create();
    Channel<String> answers = Channel.create();
    Child holder =
        Ferry.options().name("small-heap-holder").jvmFlags(HOST_HEAP).spawn(MessageTooLargeForHeapTest::decode, messages, answers);
    messages.send("a".repeat(BYTES));
    String got = answers.receive(Duration.ofSeconds(60)).orElse("no report");
    assertTrue(
        got.matches(
            "channel \\d+ at .* broke: a message of " + BYTES + " bytes from its host does"
                + " not fit in this process's heap \\(at most 256 MiB, -Xmx\\), so this process let"
                + " go of the channel; what it had been handed and not received goes back to it"
                + " \\| not sent after: true"),
        got);
    assertEquals(BYTES, messages.receive(Duration.ofSeconds(10)).map(String::length).orElse(-1));
    assertEquals(0, holder.join());
  }

  @Test
  void aMessageTheHostCannotDecode_staysFirstInTheChannel() throws Exception {
    Channel<String> report = Channel.create();
    Child host =
        Ferry.options().name("small-heap-host").jvmFlags("-Xmx192m").spawn(MessageTooLargeForHeapTest::receiveTooLargeHere, report);
    String got = report.receive(Duration.ofSeconds(60)).orElse("no report");
    assertTrue(
        got.matches(
            "a message of " + BYTES + " bytes in channel \\d+ of process \\d+ does not fit in this"
                + " process's heap \\(at most 192 MiB, -Xmx\\) once decoded, beside what it holds,"
                + " so it was not received; it stays first in the channel\\. Send smaller messages,"
                + " or start this process with a larger -Xmx \\| queued 1 \\| exit 0"),
        got);
    assertEquals(0, host.join());
  }
}
