package dev.ferry.benchmarks.channels;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling for the channel benchmarks: a child process writes the same messages to a Unix domain
 * socket with a hand-written encoder, this process reads them. No framing beyond what the records
 * need, no queue, no threads, no type ids: what a socket between two JVMs can carry.
 *
 * <pre>
 * RawSocketPump RESULTS.csv small   COUNT WARMUP ROUNDS   Ticks in 64 KiB writes, decoded into Ticks
 * RawSocketPump RESULTS.csv bytes   COUNT WARMUP ROUNDS   the same writes, records only walked (no objects)
 * RawSocketPump RESULTS.csv flushed COUNT WARMUP ROUNDS   one write() per Tick, decoded into Ticks
 * RawSocketPump RESULTS.csv big     COUNT WARMUP ROUNDS   1 MiB messages, each read into a new byte[]
 * RawSocketPump RESULTS.csv pingpong COUNT WARMUP ROUNDS  round trips of one Tick record, µs (the floor)
 * </pre>
 *
 * A Tick is written as id (8 bytes), seq (4), price (8), symbol and venue (2-byte length, then
 * Latin-1 bytes) and side (1 byte): 105 bytes with the benchmark's strings.
 */
public final class RawSocketPump {
  private static final VarHandle SHORT = view(short[].class);
  private static final VarHandle INT = view(int[].class);
  private static final VarHandle LONG = view(long[].class);
  private static final VarHandle DOUBLE = view(double[].class);

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  private RawSocketPump() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("child")) {
      child(Path.of(args[1]), args[2], Long.parseLong(args[3]));
      return;
    }
    Results results = new Results(Path.of(args[0]));
    String shape = args[1];
    long count = Long.parseLong(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    Path dir = Files.createTempDirectory("pump");
    Path path = dir.resolve("pump.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path")));
      command.addAll(List.of(RawSocketPump.class.getName(), "child", path.toString(), shape,
          Long.toString(count * (warmup + rounds))));
      Process child = new ProcessBuilder(command).inheritIO().start();
      double[] rates;
      try (SocketChannel socket = server.accept()) {
        rates = shape.equals("big") ? readBig(socket, count, warmup, rounds)
            : shape.equals("pingpong") ? pingPong(socket, count, warmup, rounds)
            : readTicks(socket, count, warmup, rounds, !shape.equals("bytes"));
      }
      if (child.waitFor() != 0) {
        throw new IllegalStateException("the pump's child exited with " + child.exitValue());
      }
      if (shape.equals("big")) {
        for (int i = 0; i < rates.length; i++) {
          rates[i] = rates[i] * ChannelBenchmark.MIB / 1e6;
        }
        results.add("raw.big", Results.median(rates), "MB/s", "rounds " + Results.list(rates));
      } else if (shape.equals("pingpong")) {
        results.add("raw.rtt", Results.median(rates), "us", "round medians " + Results.list(rates));
      } else {
        results.add("raw." + shape, Results.median(rates), "msg/s", "rounds " + Results.list(rates));
      }
    } finally {
      Files.deleteIfExists(path);
      Files.deleteIfExists(dir);
    }
    System.exit(0);
  }

  // ---- reading (this process)

  private static double[] readTicks(SocketChannel socket, long count, int warmup, int rounds, boolean decode)
      throws IOException {
    byte[] buf = new byte[1 << 20];
    ByteBuffer view = ByteBuffer.wrap(buf);
    int pos = 0;
    int end = 0;
    double[] rates = new double[rounds];
    long check = 0;
    for (int r = 0; r < warmup + rounds; r++) {
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        while (!hasRecord(buf, pos, end)) {
          System.arraycopy(buf, pos, buf, 0, end - pos);
          end -= pos;
          pos = 0;
          view.limit(buf.length).position(end);
          int read = socket.read(view);
          if (read < 0) {
            throw new IOException("the pump's child stopped early");
          }
          end += read;
        }
        int symbol = (short) SHORT.get(buf, pos + 20);
        int venue = (short) SHORT.get(buf, pos + 22 + symbol);
        if (decode) {
          ChannelBenchmark.sink = new Tick(
                  (long) LONG.get(buf, pos),
                  (int) INT.get(buf, pos + 8),
                  (double) DOUBLE.get(buf, pos + 12),
                  new String(buf, pos + 22, symbol, StandardCharsets.ISO_8859_1),
                  new String(buf, pos + 24 + symbol, venue, StandardCharsets.ISO_8859_1),
                  buf[pos + 24 + symbol + venue] == 0 ? Side.BUY : Side.SELL);
        } else {
          check += buf[pos + 24 + symbol + venue];
        }
        pos += 25 + symbol + venue;
      }
      long nanos = System.nanoTime() - start;
      if (r >= warmup) {
        rates[r - warmup] = count * 1e9 / nanos;
      }
    }
    if (check == 42) {
      System.out.println();
    }
    return rates;
  }

  /** Whether {@code buf[pos, end)} holds a whole record. */
  private static boolean hasRecord(byte[] buf, int pos, int end) {
    int left = end - pos;
    if (left < 22) {
      return false;
    }
    int symbol = (short) SHORT.get(buf, pos + 20);
    if (left < 24 + symbol) {
      return false;
    }
    int venue = (short) SHORT.get(buf, pos + 22 + symbol);
    return left >= 25 + symbol + venue;
  }

  /**
   * This process writes one Tick record, the child reads it whole and writes it back, this process
   * reads it whole: per round, the median round trip in µs. Blocking sockets, no threads: the
   * floor of a round trip between two JVMs.
   */
  private static double[] pingPong(SocketChannel socket, long count, int warmup, int rounds) throws IOException {
    byte[] buf = new byte[256];
    int length = encode(buf, 0, Tick.of(1));
    ByteBuffer out = ByteBuffer.wrap(buf, 0, length);
    ByteBuffer in = ByteBuffer.allocate(length);
    double[] medians = new double[rounds];
    double[] samples = new double[(int) count];
    for (int r = 0; r < warmup + rounds; r++) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        out.clear().limit(length);
        while (out.hasRemaining()) {
          socket.write(out);
        }
        in.clear();
        readFully(socket, in);
        samples[i] = (System.nanoTime() - start) / 1e3;
      }
      if (r >= warmup) {
        medians[r - warmup] = Results.median(samples);
      }
    }
    return medians;
  }

  /** The child of {@code pingpong}: echoes each record until this process hangs up. */
  private static void echo(SocketChannel socket) throws IOException {
    int length = encode(new byte[256], 0, Tick.of(1));
    ByteBuffer record = ByteBuffer.allocate(length);
    while (true) {
      record.clear();
      while (record.hasRemaining()) {
        if (socket.read(record) < 0) {
          return;
        }
      }
      record.flip();
      while (record.hasRemaining()) {
        socket.write(record);
      }
    }
  }

  private static double[] readBig(SocketChannel socket, long count, int warmup, int rounds) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    double[] rates = new double[rounds];
    for (int r = 0; r < warmup + rounds; r++) {
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        header.clear();
        readFully(socket, header);
        byte[] message = new byte[header.getInt(0)];
        readFully(socket, ByteBuffer.wrap(message));
        ChannelBenchmark.sink = message;
      }
      long nanos = System.nanoTime() - start;
      if (r >= warmup) {
        rates[r - warmup] = count * 1e9 / nanos;
      }
    }
    return rates;
  }

  private static void readFully(SocketChannel socket, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (socket.read(buffer) < 0) {
        throw new IOException("the pump's child stopped early");
      }
    }
  }

  // ---- writing (the child)

  private static void child(Path path, String shape, long total) throws IOException {
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(path));
      switch (shape) {
        case "big" -> writeBig(socket, total);
        case "pingpong" -> echo(socket);
        case "flushed" -> writeTicks(socket, total, 1);
        default -> writeTicks(socket, total, 1 << 16);
      }
    }
  }

  /** Encodes Ticks into a buffer of {@code batchBytes} (1: one record per write) and writes it when full. */
  private static void writeTicks(SocketChannel socket, long total, int batchBytes) throws IOException {
    byte[] buf = new byte[Math.max(batchBytes, 256)];
    ByteBuffer view = ByteBuffer.wrap(buf);
    int pos = 0;
    for (long i = 0; i < total; i++) {
      pos = encode(buf, pos, Tick.of(i));
      if (pos >= batchBytes - 128 || i == total - 1) {
        view.limit(pos).position(0);
        while (view.hasRemaining()) {
          socket.write(view);
        }
        pos = 0;
      }
    }
  }

  /** The hand-written encoder: fixed little-endian fields, Latin-1 strings (the benchmark's are ASCII). */
  private static int encode(byte[] buf, int pos, Tick tick) {
    LONG.set(buf, pos, tick.id());
    INT.set(buf, pos + 8, tick.seq());
    DOUBLE.set(buf, pos + 12, tick.price());
    pos = putString(buf, pos + 20, tick.symbol());
    pos = putString(buf, pos, tick.venue());
    buf[pos] = (byte) tick.side().ordinal();
    return pos + 1;
  }

  @SuppressWarnings("deprecation") // the Latin-1 copy without a temporary array
  private static int putString(byte[] buf, int pos, String s) {
    int length = s.length();
    SHORT.set(buf, pos, (short) length);
    s.getBytes(0, length, buf, pos + 2);
    return pos + 2 + length;
  }

  private static void writeBig(SocketChannel socket, long total) throws IOException {
    byte[] blob = new byte[ChannelBenchmark.MIB];
    java.util.Arrays.fill(blob, (byte) 7);
    ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer body = ByteBuffer.allocateDirect(blob.length);
    ByteBuffer[] both = {header, body};
    for (long i = 0; i < total; i++) {
      blob[0] = (byte) i;
      header.clear();
      header.putInt(0, blob.length);
      body.clear();
      body.put(blob).flip(); // the copy any sender of a user's byte[] makes
      while (body.hasRemaining()) {
        socket.write(both);
      }
    }
  }
}
