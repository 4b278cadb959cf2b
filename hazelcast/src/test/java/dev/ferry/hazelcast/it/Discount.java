package dev.ferry.hazelcast.it;

import com.hazelcast.map.EntryProcessor;
import dev.ferry.annotation.Transferable;
import java.util.Map;

/**
 * An entry processor that is itself a Ferry value: Hazelcast sends it to the member that owns the
 * entry (and to the backup) with Ferry's serializer, runs it there on the deserialized value, and
 * stores the result serialized again.
 */
@Transferable
public record Discount(int percent) implements EntryProcessor<Long, Order, Order> {
  @Override
  public Order process(Map.Entry<Long, Order> entry) {
    Order discounted = entry.getValue().discounted(percent);
    entry.setValue(discounted);
    return discounted;
  }
}
