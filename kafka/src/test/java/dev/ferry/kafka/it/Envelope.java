package dev.ferry.kafka.it;

import dev.ferry.annotation.Transferable;

/**
 * A generic record: its payload's codec is chosen by the payload's class when a record is written,
 * so a payload Ferry cannot write is found only then.
 */
@Transferable
public record Envelope<T>(String sender, T payload) {}
