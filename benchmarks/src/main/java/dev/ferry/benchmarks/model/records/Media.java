package dev.ferry.benchmarks.model.records;

import dev.ferry.annotation.Transferable;
import dev.ferry.benchmarks.model.Player;
import java.io.Serializable;
import java.util.List;

/** jvm-serializers' {@code Media}; {@code title} and {@code copyright} may be null. */
@Transferable
public record Media(
    String uri,
    String title,
    int width,
    int height,
    String format,
    long duration,
    long size,
    int bitrate,
    boolean hasBitrate,
    List<String> persons,
    Player player,
    String copyright)
    implements Serializable {}
