package dev.ferry.kafka.it;

import dev.ferry.annotation.Transferable;

/**
 * The first version of a type whose second version (one more member) {@code ChangedTypes}
 * compiles during the test, as another team's build of the same class would be.
 */
@Transferable
public record Order(long id, String customer) {}
