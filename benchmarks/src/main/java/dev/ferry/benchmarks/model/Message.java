package dev.ferry.benchmarks.model;

import dev.ferry.annotation.Transferable;
import java.io.Serializable;

/** The small value: five fields, the kind of message a worker sends back many times a second. */
@Transferable
public record Message(long id, int attempt, String sender, double score, boolean done)
    implements Serializable {}
