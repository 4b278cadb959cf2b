package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated codec of a record, as text. Compared as text rather than with {@code
 * hasSourceEquivalentTo}, which needs five {@code --add-exports} on JDK 17 (compile-testing issue
 * 222). If a change to the generator is intended, paste the new output here and review the diff.
 */
class GoldenCodecTest {

  @Test
  void record_codec() throws IOException {
    Compilation compilation =
        assertCompilesClean(
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                public record Job(long id, String url, List<String> tags) {}
                """));
    JavaFileObject codec = compilation.generatedSourceFile("test.Job_FerryCodec").orElseThrow();
    assertThat(codec.getCharContent(false).toString()).isEqualTo(JOB_CODEC);
  }

  private static final String JOB_CODEC =
      """
      package test;

      import dev.ferry.ByteInput;
      import dev.ferry.ByteOutput;
      import dev.ferry.Codec;
      import dev.ferry.TransferException;
      import dev.ferry.internal.codec.ConcurrentSnapshots;
      import dev.ferry.internal.codec.WrittenSizes;
      import java.lang.AssertionError;
      import java.lang.Override;
      import java.lang.RuntimeException;
      import java.lang.String;
      import java.util.ArrayList;
      import java.util.List;
      import javax.annotation.processing.Generated;

      /**
       * The Ferry codec of {@link Job}, generated at compile time.
       */
      @Generated("dev.ferry.processor.CodecProcessor")
      public final class Job_FerryCodec implements Codec<Job> {
        /**
         * The one instance, which Ferry's runtime and other codecs use.
         */
        public static final Job_FerryCodec INSTANCE = new Job_FerryCodec();

        /**
         * The hash of this shape: {@code test.Job{id:long,url:String,tags:List<String>}}
         */
        public static final long FINGERPRINT = 0x93f78a7b544bf791L;

        /**
         * No other instance: use {@link #INSTANCE}.
         */
        private Job_FerryCodec() {
        }

        @Override
        public long fingerprint() {
          return FINGERPRINT;
        }

        @Override
        public void write(ByteOutput out, Job value) {
          out.writeSignedVarLong(value.id());
          String url = value.url();
          out.writeString(url);
          List<String> tags = value.tags();
          if (tags == null) {
            out.writeNull();
          } else {
            List<String> snapshot = ConcurrentSnapshots.of(tags);
            int size = snapshot.size();
            out.writeSize(size);
            int written = 0;
            for (String element : snapshot) {
              written++;
              out.writeString(element);
            }
            WrittenSizes.requireWritten(size, written, "List");
          }
        }

        @Override
        public Job read(ByteInput in) {
          long id = in.readSignedVarLong();
          String url = in.readString();
          int tagsSize = in.readSize(1);
          List<String> tags = null;
          if (tagsSize >= 0) {
            tags = new ArrayList<>(tagsSize);
            for (int i = 0; i < tagsSize; i++) {
              String element = in.readString();
              tags.add(element);
            }
          }
          try {
            return new Job(id, url, tags);
          } catch (RuntimeException | AssertionError e) {
            throw new TransferException("the bytes before offset " + in.offset() + " do not make a valid test.Job: building it threw " + e, e);
          }
        }
      }
      """;
}
