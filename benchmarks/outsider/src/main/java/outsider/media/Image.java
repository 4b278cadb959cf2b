package outsider.media;

import dev.ferry.annotation.Transferable;

@Transferable
public record Image(String uri, String title, int width, int height, Size size) {
  @Transferable
  public enum Size { SMALL, LARGE }
}
