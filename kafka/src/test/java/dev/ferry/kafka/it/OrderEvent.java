package dev.ferry.kafka.it;

import dev.ferry.annotation.Transferable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the tests send through Kafka: a sealed hierarchy, so records carry their subtype's tag. */
@Transferable
public sealed interface OrderEvent permits OrderEvent.Placed, OrderEvent.Shipped, OrderEvent.Cancelled {
  long orderId();

  @Transferable
  record Placed(long orderId, String customer, List<Line> lines, Instant at) implements OrderEvent {}

  @Transferable
  record Shipped(long orderId, String carrier, Optional<String> tracking) implements OrderEvent {}

  @Transferable
  record Cancelled(long orderId, String reason) implements OrderEvent {}

  @Transferable
  record Line(String sku, int quantity, BigDecimal price) {}
}
