package dev.ferry.benchmarks.model;

import dev.ferry.annotation.Transferable;
import java.io.Serializable;
import java.util.List;

/** The large value: a list of 1,000 {@link Message} records. */
@Transferable
public record Batch(String name, List<Message> messages) implements Serializable {}
