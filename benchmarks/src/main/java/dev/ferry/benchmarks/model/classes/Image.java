package dev.ferry.benchmarks.model.classes;

import dev.ferry.annotation.Transferable;
import dev.ferry.benchmarks.model.ImageSize;
import java.io.Serializable;
import java.util.Objects;

/** jvm-serializers' {@code Image} as a plain class; {@code title} may be null. */
@Transferable
public final class Image implements Serializable {
  private static final long serialVersionUID = 1L;

  public String uri;
  public String title;
  public int width;
  public int height;
  public ImageSize size;

  public Image() {}

  public Image(String uri, String title, int width, int height, ImageSize size) {
    this.uri = uri;
    this.title = title;
    this.width = width;
    this.height = height;
    this.size = size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image i
        && Objects.equals(uri, i.uri)
        && Objects.equals(title, i.title)
        && width == i.width
        && height == i.height
        && size == i.size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, title, width, height, size);
  }
}
