package dev.ferry.hazelcast;

import dev.ferry.annotation.Transferable;

/** A generic record: a content Ferry cannot write is found only when a value is written. */
@Transferable
public record Parcel<T>(String label, T content) {}
