package dev.ferry.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;

/**
 * One serializer set up for one model the way its documentation recommends for speed: buffers
 * reused between operations, classes registered, reference tracking off.
 *
 * <p>{@link #serialize} writes into the peer's own reused buffer and returns the length, so no
 * peer pays for copying its output into a fresh array; {@link #deserialize} reads a value back from
 * any array. Every peer is told the type it reads (no class name on the wire): Ferry's generated
 * codec, Kryo's {@code writeObject}/{@code readObject}, Fory's {@code deserialize(buffer, type)}.
 * Only JDK serialization writes class descriptors, as it must.
 */
abstract class Peer {
  static final List<String> NAMES = List.of("ferry", "kryo", "fory", "jdk");

  /** Writes {@code value} into this peer's buffer and returns the number of bytes written. */
  abstract int serialize(Object value);

  /** The buffer the last {@link #serialize} wrote into. */
  abstract byte[] buffer();

  /** Reads a value from the first {@code length} bytes of {@code bytes}. */
  abstract Object deserialize(byte[] bytes, int length);

  /**
   * Writes {@code value} into a new array of exactly its length, the way a program that keeps or
   * sends the bytes calls the peer (the "fresh" harness).
   */
  abstract byte[] toBytes(Object value);

  /** Reads a value from a whole array written by {@link #toBytes}. */
  abstract Object fromBytes(byte[] bytes);

  static Peer create(String name, Model model) {
    return switch (name) {
      case "ferry" -> new FerryPeer(model);
      case "kryo" -> new KryoPeer(model);
      case "fory" -> new ForyPeer(model);
      case "jdk" -> new JdkPeer();
      default -> throw new IllegalArgumentException("unknown peer " + name);
    };
  }

  /** Ferry: the generated codec, writing into a reused {@link ByteOutput}. */
  static final class FerryPeer extends Peer {
    private final Codec<Object> codec;
    private final Class<?> type;
    private final ByteOutput out = new ByteOutput(64 * 1024);

    @SuppressWarnings("unchecked")
    FerryPeer(Model model) {
      codec = (Codec<Object>) Codecs.of(model.type);
      type = model.type;
    }

    @Override
    int serialize(Object value) {
      out.reset();
      codec.write(out, value);
      return out.size();
    }

    @Override
    byte[] buffer() {
      return out.array();
    }

    @Override
    Object deserialize(byte[] bytes, int length) {
      // ByteInput cannot be reset: one small object per read, which escape analysis may remove.
      return codec.read(new ByteInput(bytes, 0, length));
    }

    /**
     * The public one-call API: the 8-byte fingerprint, then the body, in a new array. Each model
     * is a @Transferable type, checked where it is declared; a value typed Object is checked by
     * the runtime alone, which the checker would otherwise refuse at {@code encode(@Sent Object)}.
     */
    @Override
    @SuppressWarnings("ferry:not-transferable")
    byte[] toBytes(Object value) {
      return Codecs.encode(value);
    }

    @Override
    Object fromBytes(byte[] bytes) {
      return Codecs.decode(bytes, type);
    }
  }

  /** Kryo 5: registration required, references off, reused {@link Output} and {@link Input}. */
  static final class KryoPeer extends Peer {
    private final Kryo kryo = new Kryo();
    private final Class<?> type;
    private final Output output = new Output(64 * 1024, -1);
    private final Input input = new Input();

    KryoPeer(Model model) {
      kryo.setRegistrationRequired(true);
      kryo.setReferences(false);
      for (Class<?> t : Model.TYPES) {
        kryo.register(t);
      }
      type = model.type;
    }

    @Override
    int serialize(Object value) {
      output.reset();
      kryo.writeObject(output, value);
      return output.position();
    }

    @Override
    byte[] buffer() {
      return output.getBuffer();
    }

    @Override
    Object deserialize(byte[] bytes, int length) {
      input.setBuffer(bytes, 0, length);
      return kryo.readObject(input, type);
    }

    @Override
    byte[] toBytes(Object value) {
      output.reset();
      kryo.writeObject(output, value);
      return output.toBytes();
    }

    @Override
    Object fromBytes(byte[] bytes) {
      input.setBuffer(bytes);
      return kryo.readObject(input, type);
    }
  }

  /**
   * Apache Fory in Java mode: registration required, reference tracking off, one reused instance
   * and reused heap buffers.
   */
  static final class ForyPeer extends Peer {
    private final Fory fory =
        Fory.builder()
            .withLanguage(Language.JAVA)
            .requireClassRegistration(true)
            .withRefTracking(false)
            .build();
    private final Class<?> type;
    private final MemoryBuffer out = MemoryBuffer.newHeapBuffer(64 * 1024);
    private MemoryBuffer in;
    private byte[] inBytes;
    private int inLength;

    ForyPeer(Model model) {
      for (Class<?> t : Model.TYPES) {
        fory.register(t);
      }
      type = model.type;
    }

    @Override
    int serialize(Object value) {
      out.writerIndex(0);
      fory.serialize(out, value);
      return out.writerIndex();
    }

    @Override
    byte[] buffer() {
      return out.getHeapMemory();
    }

    @Override
    Object deserialize(byte[] bytes, int length) {
      if (bytes != inBytes || length != inLength) {
        in = MemoryBuffer.fromByteArray(bytes, 0, length);
        inBytes = bytes;
        inLength = length;
      }
      in.readerIndex(0);
      return fory.deserialize(in, type);
    }

    /** {@code serialize(Object)}: Fory's own reused buffer, copied into a new array. */
    @Override
    byte[] toBytes(Object value) {
      return fory.serialize(value);
    }

    @Override
    Object fromBytes(byte[] bytes) {
      return fory.deserialize(bytes);
    }
  }

  /** JDK serialization: a reused byte stream, and the object streams it requires per value. */
  static final class JdkPeer extends Peer {
    private final Bytes out = new Bytes();

    @Override
    int serialize(Object value) {
      out.reset();
      try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.size();
    }

    @Override
    byte[] buffer() {
      return out.array();
    }

    @Override
    Object deserialize(byte[] bytes, int length) {
      try (ObjectInputStream objects =
          new ObjectInputStream(new ByteArrayInputStream(bytes, 0, length))) {
        return objects.readObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    byte[] toBytes(Object value) {
      serialize(value);
      return out.toByteArray();
    }

    @Override
    Object fromBytes(byte[] bytes) {
      return deserialize(bytes, bytes.length);
    }

    /** A byte stream whose array can be read without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {
      Bytes() {
        super(64 * 1024);
      }

      byte[] array() {
        return buf;
      }
    }
  }
}
