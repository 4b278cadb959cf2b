package dev.ferry.processor.roundtrip.lib;

/**
 * A superclass in another package than its {@code @Transferable} subclasses: its private state is
 * read through public accessors, and stored by its constructor or its setter.
 */
public abstract class Entity {
  private final long id;
  private String owner;

  protected Entity(long id) {
    this.id = id;
  }

  public long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }

  public void setOwner(String owner) {
    this.owner = owner;
  }
}
