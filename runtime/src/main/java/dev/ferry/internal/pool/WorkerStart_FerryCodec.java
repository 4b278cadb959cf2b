package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.Fingerprints;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.Wire;

/**
 * Hand-written, in the shape of a generated codec of an {@code @InheritOnly} record, since the
 * initializer's arguments may hold channels: written and read only while a worker is spawned.
 */
public final class WorkerStart_FerryCodec implements InheritOnlyCodec<WorkerStart> {
  public static final WorkerStart_FerryCodec INSTANCE = new WorkerStart_FerryCodec();
  private static final long FINGERPRINT =
      Fingerprints.of(
          "dev.ferry.internal.pool.WorkerStart(socketPath:String,workerId:long,token:byte[],"
              + "initializer:(class,method,descriptor),initArgs:tagged[])");

  private WorkerStart_FerryCodec() {}

  @Override
  public void write(ByteOutput out, WorkerStart value) {
    out.writeString(value.socketPath());
    out.writeVarLong(value.workerId());
    out.writeBytes(value.token(), 0, Wire.TOKEN_BYTES);
    MethodRef init = value.initializer();
    out.writeBoolean(init != null);
    if (init != null) {
      out.writeString(init.className);
      out.writeString(init.methodName);
      out.writeString(init.descriptor);
      out.writeVarInt(value.initArgs().length);
      for (Object arg : value.initArgs()) {
        MessageTypes.writeTagged(out, arg);
      }
    }
  }

  @Override
  public WorkerStart read(ByteInput in) {
    String socketPath = in.readString();
    long workerId = in.readVarLong();
    byte[] token = in.readBytes(Wire.TOKEN_BYTES);
    MethodRef init = null;
    Object[] args = new Object[0];
    if (in.readBoolean()) {
      init = new MethodRef(0, in.readString(), in.readString(), in.readString());
      int count = in.readVarInt();
      if (count > 4) {
        throw new TransferException("an initializer takes at most 4 arguments, not " + count);
      }
      args = new Object[count];
      for (int i = 0; i < count; i++) {
        args[i] = MessageTypes.readTagged(in);
      }
    }
    if (socketPath == null) {
      throw new TransferException("a pool worker's start has no socket path");
    }
    return new WorkerStart(socketPath, workerId, token, init, args);
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
