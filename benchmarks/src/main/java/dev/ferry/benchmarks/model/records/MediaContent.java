package dev.ferry.benchmarks.model.records;

import dev.ferry.annotation.Transferable;
import java.io.Serializable;
import java.util.List;

/** jvm-serializers' {@code MediaContent} as records. */
@Transferable
public record MediaContent(Media media, List<Image> images) implements Serializable {}
