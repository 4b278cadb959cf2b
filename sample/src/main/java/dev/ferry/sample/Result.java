package dev.ferry.sample;

import dev.ferry.annotation.Transferable;
import java.time.Duration;
import java.util.Map;

/**
 * What a worker reports back. A sealed interface crosses as the index of its subtype and the
 * subtype's own members, so the reader rebuilds exactly the class that was sent.
 */
@Transferable
public sealed interface Result permits Result.Done, Result.Failed {

  long jobId();

  @Transferable
  record Done(long jobId, int bytes, Duration took, Map<String, Integer> wordCounts)
      implements Result {}

  @Transferable
  record Failed(long jobId, String reason) implements Result {}
}
