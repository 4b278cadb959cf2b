package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.Children;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two children hold one channel: one echoes a stream of messages through it, the other (a buggy
 * or hostile holder) writes a forged or cut frame into its own connection mid-stream. The host
 * drops that connection only: the healthy child's every message arrives once and in order, its
 * receives go on, and the channel serves this process and a new child afterwards.
 */
class MidStreamFaultTest {
  private static final int MESSAGES = 6_000;

  /** Echoes what arrives on {@code in} to {@code out} until -1. */
  static void echo(Channel<Integer> in, Channel<Integer> out) throws Exception {
    while (true) {
      int x = in.receive();
      if (x == -1) {
        return;
      }
      out.send(x);
    }
  }

  /**
   * Sends one message to {@code out}, waits for {@code go}, writes forged bytes of {@code kind}
   * straight into its connection (the rings, or the socket), then reports whether its next send
   * went through; with a frame cut short (kind 0) it dies instead, as a writer killed mid-frame.
   */
  static void vandal(int kind, Channel<Integer> go, Channel<Integer> out, Channel<String> report)
      throws Exception {
    out.send(-100);
    go.receive();
    Thread.sleep(200); // the outbox's flusher is idle: these bytes go between two frames
    GatheringByteChannel link = HostChannels.holderLink(out);
    ByteBuffer forged = forged(kind);
    while (forged.hasRemaining()) {
      if (link.write(forged) == 0) {
        Thread.sleep(1);
      }
    }
    if (link instanceof RingLink rings) {
      rings.wakeReader();
    }
    if (kind == 0) {
      report.send("vandal dies mid-frame");
      Thread.sleep(300); // the host reads the part of the frame, then waits for the rest
      Runtime.getRuntime().halt(3);
    }
    Thread.sleep(1_000);
    try {
      for (int i = 0; i < 50; i++) {
        out.send(-101);
        Thread.sleep(20);
      }
      report.send("vandal still connected");
    } catch (ChannelClosedException e) {
      report.send("vandal dropped");
    }
  }

  /** The bytes a vandal writes: a frame cut short, a forged record, a forged tail frame. */
  private static ByteBuffer forged(int kind) {
    ByteBuffer b = ByteBuffer.allocate(1_000).order(ByteOrder.LITTLE_ENDIAN);
    switch (kind) {
      case 0 -> { // a frame of 900 bytes, of which a message record and 100 bytes only
        b.putInt(900).put((byte) Wire.C_MESSAGE).put((byte) 2).put((byte) 0x80).put((byte) 0x04);
        b.put(new byte[100]);
      }
      case 1 -> { // a whole frame whose records are garbage
        b.putInt(64);
        for (int i = 0; i < 64; i++) {
          b.put((byte) (0x7F - i));
        }
      }
      default -> { // a tail frame whose records claim more than the frame
        b.putInt(Wire.TAIL_FRAME | 200).putInt(10_000);
        b.put(new byte[196]);
      }
    }
    return b.flip();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aHolderForgingAFrameMidStream_losesItsConnectionAlone(int kind) throws Exception {
    Channel<Integer> toEcho = Channel.create();
    Channel<Integer> back = Channel.create();
    Channel<Integer> go = Channel.create();
    Channel<String> report = Channel.create();
    Child healthy = Children.fast("healthy").spawn(MidStreamFaultTest::echo, toEcho, back);
    Child vandal =
        Children.fast("vandal").spawn(MidStreamFaultTest::vandal, kind, go, back, report);
    Thread sender =
        new Thread(() -> {
          try {
            for (int i = 0; i < MESSAGES; i++) {
              toEcho.send(i);
              if (i == MESSAGES / 3) {
                go.send(1); // the vandal forges while the stream flows both ways
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    sender.start();
    int next = 0;
    while (next < MESSAGES) {
      Optional<Integer> got = back.receive(Duration.ofSeconds(30));
      assertTrue(got.isPresent(), "the echo stopped at " + next);
      int x = got.get();
      if (x < 0) {
        continue; // the vandal's own messages
      }
      assertEquals(next, x, "an echo was lost, repeated or reordered");
      next++;
    }
    sender.join();
    assertEquals(kind == 0 ? "vandal dies mid-frame" : "vandal dropped", report.receive());
    assertEquals(kind == 0 ? 3 : 0, vandal.join());
    // The healthy child's connections still work both ways, and so does the channel.
    toEcho.send(MESSAGES);
    assertEquals(MESSAGES, nextEcho(back));
    toEcho.send(-1);
    assertEquals(0, healthy.join());
    back.send(42);
    assertEquals(42, nextEcho(back));
  }

  private static int nextEcho(Channel<Integer> back) throws InterruptedException {
    while (true) {
      int x = back.receive();
      if (x != -101 && x != -100) {
        return x;
      }
    }
  }
}
