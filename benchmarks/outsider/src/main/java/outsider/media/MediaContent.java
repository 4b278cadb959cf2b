package outsider.media;

import dev.ferry.annotation.Transferable;
import java.util.ArrayList;
import java.util.List;

@Transferable
public record MediaContent(Media media, List<Image> images) {
  public static MediaContent sample() {
    Media media = new Media("http://javaone.com/keynote.mpg", "Javaone Keynote", 640, 480, "video/mpg4",
        18_000_000L, 58_982_400L, 262_144, true, new ArrayList<>(List.of("Bill Gates", "Steve Jobs")),
        Media.Player.JAVA, null);
    List<Image> images = new ArrayList<>(List.of(
        new Image("http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768, Image.Size.LARGE),
        new Image("http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240, Image.Size.SMALL)));
    return new MediaContent(media, images);
  }
}
