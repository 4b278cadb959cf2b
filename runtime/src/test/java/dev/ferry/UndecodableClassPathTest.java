package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK 17 cannot open a socket in a process whose class path holds a directory named with a
 * character beyond U+FFFF: its SelectorProvider looks for providers there, and its class path
 * loader fails to decode the name. Ferry says so, rather than blaming the codec that wrote the
 * channel handle at the time.
 */
@Timeout(60)
public class UndecodableClassPathTest {

  /** Hands a child a channel and prints what it sent, or why the spawn failed. */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      Channel<String> replies = Channel.create();
      try {
        Child child = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").keepSpare(false)
            .spawn(Program::reply, replies);
        System.out.println("child said " + replies.receive() + ", exit " + child.join());
      } catch (IllegalStateException e) {
        System.out.println("spawn threw " + e.getMessage());
      }
    }

    static void reply(Channel<String> replies) throws Exception {
      replies.send("hello");
    }
  }

  /**
   * It said 'the codec dev.ferry.Channel$HandleCodec of dev.ferry.Channel, or one it calls, uses
   * java.nio.channels.spi.SelectorProvider$Holder, whose static initializer threw ...; make the
   * initializer work in every process that reads or writes dev.ferry.Channel'.
   */
  @Test
  void anEmojiInAClassPathDirectorysName_isToldOnJdk17_andWorksLater(@TempDir Path temp)
      throws Exception {
    Path emoji = Files.createDirectory(temp.resolve("classes-\uD83D\uDE00"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + emoji,
        Program.class.getName()));
    builder.environment().put("LANG", "C.UTF-8");
    String output = Children.outputOf(builder, 30);
    if (Runtime.version().feature() == 17) {
      assertTrue(output.contains("spawn threw this process cannot open a socket, which Ferry's"
          + " channels and pools need: the JDK's SelectorProvider, behind every socket, looks for"
          + " providers on the class path, and this JDK (" + Runtime.version() + ") cannot read the"
          + " class path entry " + emoji + ", whose name holds a character beyond U+FFFF"), output);
    } else {
      assertTrue(output.contains("child said hello, exit 0"), output);
    }
  }
}
