package dev.ferry.sample;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The two programs of the story that Ferry rejects at compile time, compiled as a user's build
 * compiles them; each error must be where the README says, with the text the README quotes.
 */
class RejectedProgramsTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void channelSentThroughAChannel_isRejectedWhereItIsWrittenAndSent() throws IOException {
    Compilation compilation = compile("rejected/ChannelThroughChannel.java");
    assertThat(compilation).hadErrorCount(2);
    assertError(compilation, 8, 13, "[ferry:inherit-only-sent] `Channel<String>` is a type argument");
    assertError(compilation, 10, 18, "[ferry:inherit-only-sent] `replies` is sent to another process");
    assertQuotedInReadme(compilation);
  }

  @Test
  void classDefinedInMain_isRejectedWhereItIsHandedToAChild() throws IOException {
    Compilation compilation = compile("rejected/LocalClassToChild.java");
    assertThat(compilation).hadErrorCount(1);
    assertError(compilation, 9, 41, "[ferry:local-class] `new Task(\"report\")` is handed to a child");
    assertQuotedInReadme(compilation);
  }

  @Test
  void legalTwins_compileClean() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new CodecProcessor(), new CheckerProcessor())
            .compile(
                JavaFileObjects.forSourceString(
                    "legal.Story",
                    """
                    package legal;

                    import dev.ferry.Channel;
                    import dev.ferry.Ferry;
                    import dev.ferry.annotation.Transferable;

                    public final class Story {
                      @Transferable
                      record Task(String name) {}

                      public static void main(String[] args) throws Exception {
                        Channel<String> replies = Channel.create();
                        Ferry.spawn(Story::run, replies, new Task("report")).join();
                        System.out.println(replies.receive());
                      }

                      private static void run(Channel<String> replies, Task task) throws Exception {
                        replies.send("done: " + task.name());
                      }
                    }
                    """));
    assertThat(compilation).succeededWithoutWarnings();
  }

  private static Compilation compile(String resource) {
    JavaFileObject source = JavaFileObjects.forResource(resource);
    return Compiler.javac().withProcessors(new CodecProcessor(), new CheckerProcessor()).compile(source);
  }

  private static void assertError(Compilation compilation, int line, int column, String start) {
    List<Diagnostic<? extends JavaFileObject>> matching =
        compilation.errors().stream()
            .filter(d -> d.getLineNumber() == line && d.getColumnNumber() == column)
            .collect(Collectors.toList());
    assertThat(matching).hasSize(1);
    assertThat(matching.get(0).getMessage(null)).startsWith(start);
  }

  /** The README quotes each error whole, so a reworded message cannot leave it stale. */
  private static void assertQuotedInReadme(Compilation compilation) throws IOException {
    String readme = Files.readString(README);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertThat(readme).contains(error.getMessage(null));
    }
  }
}
