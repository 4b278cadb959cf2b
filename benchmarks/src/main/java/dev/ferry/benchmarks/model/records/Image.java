package dev.ferry.benchmarks.model.records;

import dev.ferry.annotation.Transferable;
import dev.ferry.benchmarks.model.ImageSize;
import java.io.Serializable;

/** jvm-serializers' {@code Image}; {@code title} may be null. */
@Transferable
public record Image(String uri, String title, int width, int height, ImageSize size)
    implements Serializable {}
