package dev.ferry.hazelcast.it;

import dev.ferry.annotation.Transferable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An IMap value. Not Serializable: only Ferry's serializer (or Hazelcast's fallbacks) can write it. */
@Transferable
public record Order(long id, String customer, List<Line> lines, Status status, Instant placed) {

  /** The order with every price cut by {@code percent}. */
  Order discounted(int percent) {
    return new Order(
        id,
        customer,
        lines.stream().map(line -> line.discounted(percent)).toList(),
        status,
        placed);
  }

  @Transferable
  public record Line(String sku, int quantity, BigDecimal price) {
    Line discounted(int percent) {
      return new Line(
          sku, quantity, price.multiply(BigDecimal.valueOf(100 - percent)).movePointLeft(2));
    }
  }

  public enum Status {
    NEW,
    PAID,
    SHIPPED
  }
}
