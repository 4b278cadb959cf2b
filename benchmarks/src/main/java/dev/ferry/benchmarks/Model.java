package dev.ferry.benchmarks;

import dev.ferry.benchmarks.model.Batch;
import dev.ferry.benchmarks.model.ImageSize;
import dev.ferry.benchmarks.model.Message;
import dev.ferry.benchmarks.model.Player;
import dev.ferry.benchmarks.model.classes.Image;
import dev.ferry.benchmarks.model.classes.Media;
import dev.ferry.benchmarks.model.records.MediaContent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The values every peer writes and reads: jvm-serializers' {@code MediaContent} as records and as
 * classes, a small 5-field message, and a batch of 1,000 messages.
 *
 * <p>Lists are {@link ArrayList}s because Kryo cannot rebuild the JDK's immutable lists without
 * extra serializers, and every peer should read back a value equal to the one it wrote.
 */
public enum Model {
  MEDIA_RECORD("media-record", MediaContent.class, Model::mediaRecord),
  MEDIA_CLASS(
      "media-class", dev.ferry.benchmarks.model.classes.MediaContent.class, Model::mediaClass),
  SMALL("small", Message.class, Model::message),
  LARGE("large", Batch.class, Model::batch);

  /** The types each peer must register, in one fixed order so that registration ids agree. */
  static final List<Class<?>> TYPES =
      List.of(
          ArrayList.class,
          Player.class,
          ImageSize.class,
          MediaContent.class,
          dev.ferry.benchmarks.model.records.Media.class,
          dev.ferry.benchmarks.model.records.Image.class,
          dev.ferry.benchmarks.model.classes.MediaContent.class,
          Media.class,
          Image.class,
          Message.class,
          Batch.class);

  final String id;
  final Class<?> type;
  private final Supplier<Object> value;

  Model(String id, Class<?> type, Supplier<Object> value) {
    this.id = id;
    this.type = type;
    this.value = value;
  }

  /** A fresh value of this model. */
  Object value() {
    return value.get();
  }

  static Model byId(String id) {
    for (Model model : values()) {
      if (model.id.equals(id)) {
        return model;
      }
    }
    throw new IllegalArgumentException("unknown model " + id);
  }

  private static List<String> persons() {
    return new ArrayList<>(List.of("Bill Gates", "Steve Jobs"));
  }

  private static Object mediaRecord() {
    var media =
        new dev.ferry.benchmarks.model.records.Media(
            "http://javaone.com/keynote.mpg",
            "Javaone Keynote",
            640,
            480,
            "video/mpg4",
            18_000_000L,
            58_982_400L,
            262_144,
            true,
            persons(),
            Player.JAVA,
            null);
    var images =
        new ArrayList<>(
            List.of(
                new dev.ferry.benchmarks.model.records.Image(
                    "http://javaone.com/keynote_large.jpg",
                    "Javaone Keynote",
                    1024,
                    768,
                    ImageSize.LARGE),
                new dev.ferry.benchmarks.model.records.Image(
                    "http://javaone.com/keynote_small.jpg",
                    "Javaone Keynote",
                    320,
                    240,
                    ImageSize.SMALL)));
    return new MediaContent(media, images);
  }

  private static Object mediaClass() {
    Media media = new Media();
    media.uri = "http://javaone.com/keynote.mpg";
    media.title = "Javaone Keynote";
    media.width = 640;
    media.height = 480;
    media.format = "video/mpg4";
    media.duration = 18_000_000L;
    media.size = 58_982_400L;
    media.bitrate = 262_144;
    media.hasBitrate = true;
    media.persons = persons();
    media.player = Player.JAVA;
    media.copyright = null;
    var images =
        new ArrayList<>(
            List.of(
                new Image(
                    "http://javaone.com/keynote_large.jpg",
                    "Javaone Keynote",
                    1024,
                    768,
                    ImageSize.LARGE),
                new Image(
                    "http://javaone.com/keynote_small.jpg",
                    "Javaone Keynote",
                    320,
                    240,
                    ImageSize.SMALL)));
    return new dev.ferry.benchmarks.model.classes.MediaContent(media, images);
  }

  private static Message message(int i) {
    return new Message(1_000_000L + i, i % 4, "worker-" + (i % 16), i * 0.25, i % 3 == 0);
  }

  private static Object message() {
    return message(42);
  }

  private static Object batch() {
    List<Message> messages = new ArrayList<>(1_000);
    for (int i = 0; i < 1_000; i++) {
      messages.add(message(i));
    }
    return new Batch("batch-1", messages);
  }
}
