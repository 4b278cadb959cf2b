package dev.ferry.processor.roundtrip;

import dev.ferry.annotation.Transferable;
import dev.ferry.annotation.TransferableImport;
import dev.ferry.processor.roundtrip.lib.Money;
import dev.ferry.processor.roundtrip.lib.Point;
import dev.ferry.processor.roundtrip.lib.Pressure;
import dev.ferry.processor.roundtrip.lib.Temperature;
import java.util.List;
import java.util.Map;

/** Types that hold imported classes and a type with a hand-written codec. */
@TransferableImport({Money.class, Point.class})
final class ImportedTypes {
  private ImportedTypes() {}

  @Transferable
  record Invoice(Money total, List<Point> route, Map<String, Money> lines, Temperature stored) {}

  @Transferable
  record Gauge(String name, Pressure reading) {}
}
