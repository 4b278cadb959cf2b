package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
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

  /** A tail frame: records {@code records}, then a body of {@code declaredBody} bytes, of which {@code sentBody} are sent. */
  private static byte[] tailFrame(byte[] records, int declaredBody, int sentBody) {
    byte[] stream = new byte[8 + records.length + sentBody];
    Wire.putIntLE(stream, 0, Wire.TAIL_FRAME | (4 + records.length + declaredBody));
    Wire.putIntLE(stream, 4, records.length);
    System.arraycopy(records, 0, stream, 8, records.length);
    for (int i = 0; i < sentBody; i++) {
      stream[8 + records.length + i] = (byte) (i * 31);
    }
    return stream;
  }

  private static FrameReader tailReader(byte[]... frames) {
    int size = 0;
    for (byte[] f : frames) {
      size += f.length;
    }
    byte[] stream = new byte[size];
    int at = 0;
    for (byte[] f : frames) {
      System.arraycopy(f, 0, stream, at, f.length);
      at += f.length;
    }
    return new FrameReader(Channels.newChannel(new ByteArrayInputStream(stream)), true);
  }

  @Test
  void tailFrame_bodyIsReadIntoItsOwnArray_andTheNextFrameFollows() throws Exception {
    int body = 300_000; // larger than the read buffer: part of it is buffered, the rest read
    FrameReader frames = tailReader(tailFrame(new byte[] {5, 6}, body, body), new byte[] {1, 0, 0, 0, 9});
    Wire.Cursor records = frames.next();
    assertEquals(5, records.u8());
    assertEquals(6, records.u8());
    assertEquals(false, records.hasMore());
    assertEquals(body, frames.tailBytes());
    byte[] item = frames.tail(4, body);
    assertEquals(4 + body, item.length);
    for (int i = 0; i < body; i++) {
      assertEquals((byte) (i * 31), item[4 + i], "byte " + i);
    }
    assertEquals(0, frames.tailBytes());
    assertEquals(9, frames.next().u8());
    assertNull(frames.next());
  }

  @Test
  void tailFrame_whoseBodyNobodyReads_isSkipped() throws Exception {
    FrameReader frames = tailReader(tailFrame(new byte[] {5}, 100_000, 100_000), new byte[] {1, 0, 0, 0, 9});
    assertEquals(5, frames.next().u8());
    assertEquals(9, frames.next().u8());
  }

  @Test
  void tailFrame_cutShort_dropsTheMessage() throws Exception {
    FrameReader frames = tailReader(tailFrame(new byte[] {5}, 60 << 20, 200_000)); // claims 60 MiB
    frames.next();
    assertNull(frames.tail(4, 60 << 20)); // the writer "died" mid-body: nothing is delivered
  }

  @Test
  void tailFrame_whoseMessageIsNotItsBody_isRefused() throws Exception {
    FrameReader frames = tailReader(tailFrame(new byte[] {5}, 1000, 1000));
    frames.next();
    TransferException e = assertThrows(TransferException.class, () -> frames.tail(4, 999));
    assertTrue(e.getMessage().contains("tail frame"), e.getMessage());
  }

  @Test
  void tailFrame_withMoreRecordsThanItsLength_isRefused() {
    byte[] forged = tailFrame(new byte[] {5, 6, 7}, 10, 10);
    Wire.putIntLE(forged, 4, 100); // records longer than the frame
    TransferException e = assertThrows(TransferException.class, tailReader(forged)::next);
    assertTrue(e.getMessage().contains("claims 100 bytes of records"), e.getMessage());
  }

  @Test
  void tailFrame_fromAPeerThatMayNotSendThem_isACorruptStream() {
    FrameReader frames = reader(tailFrame(new byte[] {5}, 10, 10)); // a holder reading its host
    TransferException e = assertThrows(TransferException.class, frames::next);
    assertTrue(e.getMessage().contains("frame length"), e.getMessage());
  }

  @Test
  void byteArrayTail_isReadAsItsValue_andASizeThatDoesNotFillItsBodyIsRefused() throws Exception {
    int size = 100_000;
    byte[] good = tailFrame(new byte[] {5}, 3 + size, 3 + size);
    good[9] = (byte) (((size + 1) & 0x7F) | 0x80); // the byte[] codec's size: varint of size + 1
    good[10] = (byte) ((((size + 1) >>> 7) & 0x7F) | 0x80);
    good[11] = (byte) ((size + 1) >>> 14);
    FrameReader frames = tailReader(good);
    frames.next();
    Items.Bytes bytes = Items.readBytes(frames, 3 + size);
    assertEquals(size, bytes.value.length);
    assertEquals(good[12 + 500], bytes.value[500]);

    byte[] forged = good.clone();
    forged[11]++; // claims 16,384 more elements than the body holds
    FrameReader forgedFrames = tailReader(forged);
    forgedFrames.next();
    TransferException e = assertThrows(TransferException.class, () -> Items.readBytes(forgedFrames, 3 + size));
    assertTrue(e.getMessage().contains("claims"), e.getMessage());
  }

  @Test
  void tailBodiesAllocatedAhead_areBoundedForTheWholeProcess() throws Exception {
    int body = 3 << 20; // trusted alone, but not twenty-two at once
    List<FrameReader> waiting = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      waiting.add(tailReader(tailFrame(new byte[] {5}, body, 0)));
    }
    for (FrameReader frames : waiting) {
      frames.next();
    }
    assertTrue(FrameReader.reserveAhead(1)); // nothing is held between reads
    FrameReader.releaseAhead(1);
    long held = 0;
    for (int i = 0; i < 21; i++) {
      assertTrue(FrameReader.reserveAhead(body)); // as 21 connections reading bodies would
      held += body;
    }
    assertFalse(FrameReader.reserveAhead(body), "more than " + FrameReader.MAX_AHEAD_BYTES + " ahead");
    FrameReader last = waiting.get(21);
    assertNull(last.tail(4, body)); // still read, into an array that grows as bytes arrive
    for (int i = 0; i < 21; i++) {
      FrameReader.releaseAhead(body);
    }
  }
}
