package dev.ferry.benchmarks.model.classes;

import dev.ferry.annotation.Transferable;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * jvm-serializers' {@code MediaContent} as a plain class: a no-argument constructor and non-final
 * public fields, the shape Kryo's and Fory's field serializers like best.
 */
@Transferable
public final class MediaContent implements Serializable {
  private static final long serialVersionUID = 1L;

  public Media media;
  public List<Image> images;

  public MediaContent() {}

  public MediaContent(Media media, List<Image> images) {
    this.media = media;
    this.images = images;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaContent m
        && Objects.equals(media, m.media)
        && Objects.equals(images, m.images);
  }

  @Override
  public int hashCode() {
    return Objects.hash(media, images);
  }
}
