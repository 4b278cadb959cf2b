package dev.ferry;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * A type with a codec of its own that is also a {@code List}, as a {@code @Transferable} class
 * that extends {@code AbstractList} is: its label is state a list's elements do not hold.
 */
public final class Bag extends AbstractList<String> {
  final List<String> items;
  final String label;

  public Bag(List<String> items, String label) {
    this.items = List.copyOf(items);
    this.label = label;
  }

  public String label() {
    return label;
  }

  @Override
  public String get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bag b && super.equals(b) && Objects.equals(label, b.label);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Objects.hashCode(label);
  }
}
