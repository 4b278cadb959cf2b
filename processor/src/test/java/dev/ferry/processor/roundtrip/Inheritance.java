package dev.ferry.processor.roundtrip;

import dev.ferry.annotation.Transferable;
import dev.ferry.processor.roundtrip.lib.Entity;
import dev.ferry.processor.roundtrip.lib.Labelled;
import java.util.List;
import java.util.Objects;

/** Classes whose state is partly inherited, compiled by Ferry's own processor. */
final class Inheritance {
  private Inheritance() {}

  /** The pre-record hierarchy: common state in the sealed parent, passed up by constructors. */
  @Transferable
  abstract static sealed class Event permits Started, Stopped {
    protected final long at;

    Event(long at) {
      this.at = at;
    }
  }

  @Transferable
  static final class Started extends Event {
    final String who;

    Started(long at, String who) {
      super(at);
      this.who = who;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Started s && s.at == at && Objects.equals(s.who, who);
    }

    @Override
    public int hashCode() {
      return Objects.hash(at, who);
    }
  }

  @Transferable
  static final class Stopped extends Event {
    Stopped(long at) {
      super(at);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stopped s && s.at == at;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(at);
    }
  }

  /** Two levels up, in another package: read through the base's public accessors. */
  static class Account extends Entity {
    final int level;

    Account(long id, String owner, int level) {
      super(id);
      setOwner(owner);
      this.level = level;
    }
  }

  @Transferable
  static final class Premium extends Account {
    final double credit;

    Premium(long id, String owner, int level, double credit) {
      super(id, owner, level);
      this.credit = credit;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Premium p
          && p.getId() == getId()
          && Objects.equals(p.getOwner(), getOwner())
          && p.level == level
          && p.credit == credit;
    }

    @Override
    public int hashCode() {
      return Objects.hash(getId(), level);
    }
  }

  /** A generic base with its type argument fixed by the subclass. */
  @Transferable
  static final class Tagged extends Labelled<List<String>> {
    final int weight;

    Tagged(List<String> label, int weight) {
      super(label);
      this.weight = weight;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tagged t && t.label().equals(label()) && t.weight == weight;
    }

    @Override
    public int hashCode() {
      return Objects.hash(label(), weight);
    }
  }
}
