package dev.ferry.sample;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Ferry;
import dev.ferry.annotation.InheritOnly;
import dev.ferry.annotation.Transferable;
import dev.ferry.annotation.TransferableImport;
import dev.ferry.sample.billing.Money;
import dev.ferry.sample.billing.Temperature;
import java.util.List;

/**
 * Values of classes the sample does not own cross to a child and back: {@code Money}, imported
 * with {@code @TransferableImport}, and {@code Temperature}, which has a hand-written codec, both
 * on their own and as members of a {@code @Transferable} record.
 */
@TransferableImport(Money.class)
final class Foreign {
  private Foreign() {}

  /** A reading with members of both foreign types. */
  @Transferable
  record Reading(String sensor, Temperature temperature, List<Money> costs) {}

  /** The child's channels, handed over at spawn. */
  @InheritOnly
  record Lines(Channel<Money> money, Channel<Reading> readings, Channel<Reading> replies) {}

  /**
   * Sends a {@code Money} and a {@code Reading} to a child, which adds up the costs and warms the
   * reading by one kelvin, and returns the child's reply.
   */
  static Reading throughAChild(Money fee, Reading reading) throws InterruptedException {
    try (Channel<Money> money = Channel.create();
        Channel<Reading> readings = Channel.create();
        Channel<Reading> replies = Channel.create()) {
      Child child = Ferry.options().name("foreign").spawn(Foreign::answer, new Lines(money, readings, replies));
      money.send(fee);
      readings.send(reading);
      Reading reply = replies.receive();
      if (child.join() != 0) {
        throw new IllegalStateException("the child failed");
      }
      return reply;
    }
  }

  private static void answer(Lines lines) throws InterruptedException {
    Money fee = lines.money().receive();
    Reading reading = lines.readings().receive();
    Money total = fee;
    for (Money cost : reading.costs()) {
      total = total.plus(cost);
    }
    Temperature warmer = Temperature.ofKelvin(reading.temperature().kelvin() + 1);
    lines.replies().send(new Reading(reading.sensor() + "@child", warmer, List.of(total)));
  }
}
