package dev.ferry.internal.codec;

import java.util.ConcurrentModificationException;

/**
 * Refuses, in the writing process, a collection or map member whose elements did not match the
 * size its generated codec wrote before them. A codec writes {@code size()}, then iterates; a
 * collection another thread changes in between (a {@code CopyOnWriteArrayList} appended to, a
 * {@code ConcurrentHashMap} put to) yields more or fewer elements than that size, and the bytes
 * then told the reader to take the next member's bytes for an element, or an element's for the
 * next member: its {@code receive} failed, losing the message, or read a wrong value. A
 * concurrent collection, made to be changed so, is copied first ({@link ConcurrentSnapshots}), and
 * the dynamic encoding copies any collection into an array; for the others a generated codec
 * counts (an increment per element and one compare per member, no copy) and refuses the value
 * before anything is sent.
 */
public final class WrittenSizes {
  private WrittenSizes() {}

  /**
   * Throws if {@code written} elements or entries, of a member declared {@code declared} ({@code
   * List}, {@code Map}, ...), are not the {@code size} written before them.
   */
  public static void requireWritten(int size, int written, String declared) {
    if (written != size) {
      String items = declared.endsWith("Map") ? " entries" : " elements";
      throw new ConcurrentModificationException(
          RuntimeRules.withArticle(declared) + " member held " + written + items + " as it was written, though its"
              + " size() said " + size + ": another thread changed it while it was written, and"
              + " the receiving process, which reads as many as the size, would have read the"
              + " bytes after it wrongly. Send a copy made at one moment (List.copyOf(list),"
              + " Map.copyOf(map)), or keep other threads from changing it while it is sent");
    }
  }
}
