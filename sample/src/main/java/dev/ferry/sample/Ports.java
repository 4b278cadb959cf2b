package dev.ferry.sample;

import dev.ferry.Channel;
import dev.ferry.annotation.InheritOnly;

/**
 * A worker's connections: two channels and its number. It holds handles, so it is
 * {@code @InheritOnly}: it reaches a worker as a spawn argument, never through a channel.
 */
@InheritOnly
public record Ports(Channel<Job> jobs, Channel<Result> results, int workerId) {}
