package dev.ferry;

import dev.ferry.annotation.InheritOnly;

/** An {@code @InheritOnly} test record: handles plus a plain value, as a user would write. */
@InheritOnly
public record Ports(Channel<String> replies, int workerId) {}
