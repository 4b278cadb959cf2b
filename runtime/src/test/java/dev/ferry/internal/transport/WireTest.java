package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import org.junit.jupiter.api.Test;

class WireTest {

  private static FrameReader reader(byte[] stream) {
    return new FrameReader(Channels.newChannel(new ByteArrayInputStream(stream)));
  }

  private static byte[] frame(int declaredLength, int actualBytes) {
    byte[] stream = new byte[4 + actualBytes];
    Wire.putIntLE(stream, 0, declaredLength);
    return stream;
  }

  @Test
  void frameReader_growsOnlyAsBytesArrive() throws Exception {
    FrameReader frames = reader(frame(60 << 20, 100_000)); // claims 60 MiB, sends 100 kB
    assertNull(frames.next()); // the writer "died" mid-frame: nothing is delivered
    assertTrue(frames.capacity() <= 256 * 1024, "grew to " + frames.capacity());
  }

  @Test
  void frameReader_refusesALengthOverTheLimit() {
    FrameReader frames = reader(frame(Wire.MAX_FRAME_BYTES + 1, 0));
    TransferException e = assertThrows(TransferException.class, frames::next);
    assertTrue(e.getMessage().contains("frame length"), e.getMessage());
  }

  @Test
  void frameReader_readsFramesBackToBack() throws Exception {
    byte[] stream = {2, 0, 0, 0, 7, 8, 1, 0, 0, 0, 9};
    FrameReader frames = reader(stream);
    Wire.Cursor first = frames.next();
    assertEquals(7, first.u8());
    assertEquals(8, first.u8());
    assertEquals(false, first.hasMore());
    assertEquals(9, frames.next().u8());
    assertNull(frames.next());
  }

  @Test
  void cursor_refusesVarintsOver31Bits() {
    byte[] tooBig = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    assertThrows(TransferException.class, () -> new Wire.Cursor(tooBig, 0, tooBig.length).varInt());
    byte[] max = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
    assertEquals(Integer.MAX_VALUE, new Wire.Cursor(max, 0, max.length).varInt());
  }

  @Test
  void cursor_checksALengthAgainstTheBytesLeft() {
    byte[] record = {100, 1, 2, 3};
    TransferException e =
        assertThrows(TransferException.class, () -> new Wire.Cursor(record, 0, record.length).length(1000));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }
}
