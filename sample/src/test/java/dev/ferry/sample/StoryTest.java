package dev.ferry.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sample's story runs for real: child JVMs, channels, generated codecs. */
class StoryTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void pool_mapsEveryJobOnceInOrder() throws Exception {
    List<Result> results = Main.mapWithAPool(2, 20);
    assertEquals(20, results.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(i + 1, results.get(i).jobId());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void workers_shareTheJobsAndEachIsDoneOnce() throws Exception {
    Map<Integer, Integer> doneBy = Main.shareChannelsWithWorkers(3, 40);
    assertEquals(40, doneBy.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(doneBy.keySet().stream().allMatch(id -> id >= 1 && id <= 3), doneBy.toString());
  }
}
