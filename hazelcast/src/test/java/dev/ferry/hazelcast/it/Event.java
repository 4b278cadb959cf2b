package dev.ferry.hazelcast.it;

import dev.ferry.annotation.Transferable;
import java.util.Optional;

/** A queue element: a sealed hierarchy, so every element comes back as its own subtype. */
@Transferable
public sealed interface Event permits Event.Placed, Event.Shipped {
  long orderId();

  @Transferable
  record Placed(long orderId, String customer) implements Event {}

  @Transferable
  record Shipped(long orderId, Optional<String> tracking) implements Event {}
}
