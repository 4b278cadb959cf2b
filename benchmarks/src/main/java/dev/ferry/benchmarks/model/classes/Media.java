package dev.ferry.benchmarks.model.classes;

import dev.ferry.annotation.Transferable;
import dev.ferry.benchmarks.model.Player;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** jvm-serializers' {@code Media} as a plain class; {@code title} and {@code copyright} may be null. */
@Transferable
public final class Media implements Serializable {
  private static final long serialVersionUID = 1L;

  public String uri;
  public String title;
  public int width;
  public int height;
  public String format;
  public long duration;
  public long size;
  public int bitrate;
  public boolean hasBitrate;
  public List<String> persons;
  public Player player;
  public String copyright;

  public Media() {}

  @Override
  public boolean equals(Object o) {
    return o instanceof Media m
        && Objects.equals(uri, m.uri)
        && Objects.equals(title, m.title)
        && width == m.width
        && height == m.height
        && Objects.equals(format, m.format)
        && duration == m.duration
        && size == m.size
        && bitrate == m.bitrate
        && hasBitrate == m.hasBitrate
        && Objects.equals(persons, m.persons)
        && player == m.player
        && Objects.equals(copyright, m.copyright);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, title, width, height, format, duration, size, bitrate, persons, player);
  }
}
