package dev.ferry.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import java.io.IOException;

/** A user's class, not a Ferry type, with a serializer of its own. */
public record Label(String text) {

  /** Writes a {@link Label}, under Ferry's type id by mistake. */
  public static final class SerializerWithFerrysTypeId implements StreamSerializer<Label> {
    @Override
    public void write(ObjectDataOutput out, Label label) throws IOException {
      out.writeString(label.text());
    }

    @Override
    public Label read(ObjectDataInput in) throws IOException {
      return new Label(in.readString());
    }

    @Override
    public int getTypeId() {
      return FerrySerializer.TYPE_ID;
    }
  }
}
