package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.ChildFailure;
import dev.ferry.Children;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import org.junit.jupiter.api.Test;

/**
 * A child that floods its connection with requests for leases of a channel (each kept by the host
 * until ended, as for a grandchild the channel is handed to): before, a child writing them as fast
 * as it could filled a parent's 256 MB heap in seconds (1.7 million leases) and the parent died of
 * OutOfMemoryError. Now the host ends that connection once it holds 4,096 of them.
 */
class LeaseFloodTest {
  private static final int REQUESTS = 200_000;

  /**
   * Sends one message, asks for {@link #REQUESTS} leases (or as many as go through before the
   * connection ends), then sends again, which throws what the host said as it dropped it.
   */
  static void flood(Channel<Integer> channel) throws Exception {
    channel.send(1);
    Thread.sleep(200); // the outbox's flusher is idle: the requests go between two frames
    GatheringByteChannel link = HostChannels.holderLink(channel);
    int perFrame = 10_000;
    ByteBuffer frame = ByteBuffer.allocate(4 + 2 * perFrame).order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(2 * perFrame);
    for (int i = 0; i < perFrame; i++) {
      frame.put((byte) Wire.C_LEASE_NEW).put((byte) (i & 0x7F)); // a one-byte request id
    }
    try {
      for (int sent = 0; sent < REQUESTS; sent += perFrame) {
        frame.flip();
        while (frame.hasRemaining()) {
          if (link.write(frame) == 0) {
            Thread.sleep(1);
          }
        }
        frame.limit(frame.capacity());
        if (link instanceof RingLink rings) {
          rings.wakeReader();
        }
      }
    } catch (java.io.IOException dropped) {
      // the host hung up
    }
    Thread.sleep(1_000);
    channel.send(2);
  }

  @Test
  void aChildAskingForLeasesWithoutEnd_losesItsConnectionAndTheParentGoesOn() throws Exception {
    Channel<Integer> channel = Channel.create();
    Child child = Children.fast("lease-flood").spawn(LeaseFloodTest::flood, channel);
    assertEquals(1, channel.receive());
    assertEquals(1, child.join(), "the child's second send went through");
    String told = child.failure().map(ChildFailure::message).orElse("no failure");
    assertTrue(told.contains("the holder asked for a lease of the channel (to hand it to a child)"
        + " while 4096 it asked for are still held"), told);
    assertEquals(0, HostChannels.leases(channel), "the leases it asked for were not ended");
    channel.send(3);
    assertEquals(3, channel.receive());
  }
}
