package dev.ferry.kafka;

import dev.ferry.annotation.Transferable;

/**
 * A record whose own code recurses without end for one name each way: its compact constructor for
 * "in" (so bytes of it, forged from "im", fail to read) and its accessor for "out" (so such a value
 * fails to write). Its generated codec counts depth; the overflow is the record's.
 */
@Transferable
public record Spiral(String name) {
  public Spiral {
    if (name.equals("in")) {
      new Spiral(name);
    }
  }

  @Override
  public String name() {
    return name.equals("out") ? name() : name;
  }
}
