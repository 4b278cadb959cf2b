package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.internal.process.Throwables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An exception as it crosses from a worker to the pool: each throwable of the cause chain (at most
 * {@link #MAX_CHAIN}) with its class name, message and stack frames, innermost cause last.
 */
final class Failures {
  static final int MAX_CHAIN = 32;
  static final int MAX_FRAMES = 1024;

  private Failures() {}

  /**
   * Writes {@code error}'s chain. Everything is read from the throwables before the first byte is
   * written, through {@link Throwables}, so a user's exception whose {@code getMessage}, {@code
   * getCause} or {@code getStackTrace} throws cannot leave a half-written chain behind.
   */
  static void write(ByteOutput out, Throwable error) {
    Set<Throwable> seen = Throwables.seen();
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = Throwables.cause(t)) {
      chain.add(t);
    }
    String[] messages = new String[chain.size()];
    StackTraceElement[][] traces = new StackTraceElement[chain.size()][];
    for (int i = 0; i < chain.size(); i++) {
      // Cut as a child's failure report cuts it: two causes of 40 million characters each made
      // the answer too large, and the task failed with 'the task's result takes 80002228 bytes'.
      messages[i] = Throwables.cut(Throwables.message(chain.get(i)), Throwables.MAX_MESSAGE_CHARS);
      traces[i] = Throwables.frames(chain.get(i));
    }
    out.writeVarInt(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      out.writeString(chain.get(i).getClass().getName());
      out.writeString(messages[i]);
      StackTraceElement[] trace = traces[i];
      int frames = Math.min(trace.length, MAX_FRAMES);
      out.writeVarInt(frames);
      for (int f = 0; f < frames; f++) {
        StackTraceElement e = trace[f];
        // As the JVM prints its own frames: no built-in loader's name, no JDK module's version.
        String loader = e.getClassLoaderName();
        boolean builtIn = "app".equals(loader) || "platform".equals(loader);
        String module = e.getModuleName();
        boolean jdk = module != null && (module.startsWith("java.") || module.startsWith("jdk."));
        out.writeString(builtIn ? null : loader);
        out.writeString(module);
        out.writeString(jdk ? null : e.getModuleVersion());
        out.writeString(e.getClassName());
        out.writeString(e.getMethodName());
        out.writeString(e.getFileName());
        out.writeSignedVarInt(e.getLineNumber());
      }
    }
  }

  static RemoteTaskException read(ByteInput in) {
    int count = in.readVarInt();
    if (count < 1 || count > MAX_CHAIN) {
      throw new dev.ferry.TransferException("bad exception chain length " + count);
    }
    String[] types = new String[count];
    String[] messages = new String[count];
    StackTraceElement[][] traces = new StackTraceElement[count][];
    for (int i = 0; i < count; i++) {
      types[i] = orEmpty(in.readString());
      messages[i] = in.readString();
      int frames = in.readVarInt();
      if (frames < 0 || frames > MAX_FRAMES || frames * 7 > in.remaining()) {
        throw new dev.ferry.TransferException("bad stack trace length " + frames);
      }
      StackTraceElement[] trace = new StackTraceElement[frames];
      for (int f = 0; f < frames; f++) {
        String loader = in.readString();
        String module = in.readString();
        String version = in.readString();
        String type = orEmpty(in.readString());
        String method = orEmpty(in.readString());
        String file = in.readString();
        int line = in.readSignedVarInt();
        trace[f] = new StackTraceElement(loader, module, version, type, method, file, line);
      }
      traces[i] = trace;
    }
    RemoteTaskException cause = null;
    for (int i = count - 1; i >= 0; i--) {
      cause = new RemoteTaskException(types[i], messages[i], traces[i], cause);
    }
    return cause;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
