package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.Children;
import dev.ferry.internal.codec.CodecRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Preparation#startForHost}, in a fresh JVM of its own where nothing of Ferry has run. */
@Timeout(60)
class PreparationTest {
  /** A program that creates a channel and never spawns: what the preparation did, and left. */
  public static final class CreatesAChannel {
    public static void main(String[] args) throws Exception {
      boolean readBefore = CodecRegistry.isRead(ClassLoader.getSystemClassLoader());
      Channel<String> channel = Channel.create();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("ferry-prepare")) {
          thread.join();
        }
      }
      System.out.println("read before: " + readBefore);
      System.out.println("read after: " + CodecRegistry.isRead(ClassLoader.getSystemClassLoader()));
      String[] left = new File(System.getProperty("java.io.tmpdir")).list();
      System.out.println("left in tmpdir: " + Arrays.toString(left));
      channel.close();
    }
  }

  /**
   * A channel's creation starts paying what the first spawn will cost (the codec registries read,
   * among others), on a thread of its own; for a program that never spawns, it leaves nothing on
   * the file system: no runtime directory, no socket.
   */
  @Test
  void creatingAChannel_preparesTheFirstSpawn_andLeavesNothingBehind(@TempDir Path tmp)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        CreatesAChannel.class.getName()), 30);
    assertTrue(output.contains("read before: false"), output);
    assertTrue(output.contains("read after: true"), output);
    assertTrue(output.contains("left in tmpdir: []"), output);
  }
}
