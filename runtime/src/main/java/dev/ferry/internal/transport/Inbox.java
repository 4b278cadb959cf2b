package dev.ferry.internal.transport;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The messages the host handed this process that no receive has returned yet, in order (each a
 * {@code byte[]}: the host's type id, then the body), and when each counts as received: the
 * outbox acknowledges it then ({@link Outbox#received()}), and the host forgets it. A small
 * message counts as it is taken; a large one (see {@link #DECODED_BEFORE_COUNTED}) only once it
 * is decoded, and the messages taken after it wait for it to count, since the host forgets them
 * in order. A large message whose value did not fit in the heap is held back here, first, for
 * the next receive. Apart from the channel so that these counts, which decide whether a message
 * is lost or received twice, sit in one place.
 *
 * <p>Guarded by the channel's lock ({@code RemoteChannel.lock}), held on every call.
 */
final class Inbox {
  /**
   * A message of at least this many bytes is counted as received (see {@link #next}) only once
   * it is decoded: the heap may not hold its value, and then it must go back to the host, which
   * forgets a message once it is counted. A 64 MiB String that a child at -Xmx256m could not
   * decode used to be counted when it was taken: its receive() threw a bare OutOfMemoryError and
   * the message was lost.
   */
  static final int DECODED_BEFORE_COUNTED = Wire.TAIL_MIN_BYTES;

  private final ArrayDeque<byte[]> items = new ArrayDeque<>(); // host type id, then the body
  /** Large messages taken and being decoded. */
  private int decodingLarge;
  /** Messages taken while a large one was being decoded, counted once none is. */
  private int uncounted;
  /**
   * A message put back first in the inbox ({@link #holdBack}), counted in {@link #decodingLarge}
   * still.
   */
  private byte[] heldBack;

  /**
   * The next message, counted as received through {@code out} unless it waits to be decoded (see
   * {@link #DECODED_BEFORE_COUNTED}); null if there is none.
   */
  byte[] next(Outbox out) {
    byte[] item = items.pollFirst();
    if (item == null) {
      return null;
    }
    if (item.length >= DECODED_BEFORE_COUNTED) {
      if (item == heldBack) {
        heldBack = null; // counted in decodingLarge since it was first taken
      } else {
        decodingLarge++; // counted once decoded: see RemoteChannel.receive
      }
    } else if (decodingLarge > 0) {
      uncounted++; // counted after the large one before it
    } else {
      out.received();
    }
    return item;
  }

  /**
   * Puts {@code item}, a large message whose value the heap could not hold, back first, still
   * uncounted; out of heap, throws before it is marked held back.
   */
  void holdBack(byte[] item) {
    items.addFirst(item);
    heldBack = item;
  }

  /**
   * A large message was decoded (or failed to decode but for the heap): counts it, and once none
   * is being decoded, every message taken meanwhile, through {@code out}.
   */
  void decodedLarge(Outbox out) {
    decodingLarge--;
    uncounted++;
    if (decodingLarge == 0) {
      for (; uncounted > 0; uncounted--) {
        out.received(); // in order: the host forgets the first messages it handed out
      }
    }
  }

  /** A large message's value did not fit and this process lets go of the channel: not counted. */
  void notDecodedLarge() {
    decodingLarge--;
  }

  void addAll(List<byte[]> arrived) {
    items.addAll(arrived);
  }

  int size() {
    return items.size();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Forgets every message not received: they were given back to the host. */
  void clear() {
    items.clear();
  }
}
