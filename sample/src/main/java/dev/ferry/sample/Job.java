package dev.ferry.sample;

import dev.ferry.annotation.Transferable;
import java.time.Instant;
import java.util.List;

/** A unit of work: the processor generates {@code Job_FerryCodec} for it at compile time. */
@Transferable
public record Job(long id, String url, Priority priority, List<String> tags, Instant submitted) {}
