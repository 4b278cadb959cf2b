package dev.ferry.hazelcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jars that each list a codec of one type (two libraries, each with a hand-written codec of a
 * third one's class) on the class path of a member: its serialization service, built as it
 * starts, cannot use either, and the member must say why and what to do.
 */
class TwoCodecsOfOneTypeTest {
  @Test
  void aSecondCodecListedForAType_stopsTheMember_namingBothAndTheWayOut(@TempDir Path otherJar)
      throws Exception {
    Path registry = Files.createDirectories(otherJar.resolve("META-INF/ferry")).resolve("codecs");
    Files.writeString(registry, Order.class.getName() + " com.acme.OrderCodec\n");
    URL ours = Order.class.getResource("/META-INF/ferry/codecs");
    try (URLClassLoader application =
        new URLClassLoader(
            new URL[] {otherJar.toUri().toURL()}, TwoCodecsOfOneTypeTest.class.getClassLoader())) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> Members.startAlone(config -> config.setClassLoader(application)));

      assertEquals(
          "Ferry's serializer hook cannot register the codecs on this class path, so this"
              + " Hazelcast member or client cannot start: two codecs for dev.ferry.hazelcast.it.Order:"
              + " dev.ferry.hazelcast.it.Order_FerryCodec (listed in " + ours + ") and"
              + " com.acme.OrderCodec (listed in " + registry.toUri().toURL() + "); every process"
              + " must encode dev.ferry.hazelcast.it.Order the same way, so keep one of them on the"
              + " class path. Or turn the hook off by configuring a serializer for"
              + " dev.ferry.hazelcast.FerrySerializerHook.Marker, and register FerrySerializer for"
              + " your types by hand (docs/hazelcast.md)",
          e.getMessage());
    }
  }
}
