package outsider.media;

import dev.ferry.annotation.Transferable;
import java.util.List;

@Transferable
public record Media(String uri, String title, int width, int height, String format, long duration,
    long size, int bitrate, boolean hasBitrate, List<String> persons, Player player, String copyright) {
  @Transferable
  public enum Player { JAVA, FLASH }
}
