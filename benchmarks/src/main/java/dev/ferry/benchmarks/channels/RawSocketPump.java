package dev.ferry.benchmarks.channels;

import java.io.IOException;
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
 * </pre>
 *
 * A Tick is written as id (8 bytes), seq (4), price (8), symbol and venue (2-byte length, then
 * Latin-1 bytes) and side (1 byte): 105 bytes with the benchmark's strings.
 */
public final class RawSocketPump {
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
    ByteBuffer in = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    byte[] chars = new byte[1 << 16];
    double[] rates = new double[rounds];
    long check = 0;
    in.flip();
    for (int r = 0; r < warmup + rounds; r++) {
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        if (!hasRecord(in)) {
          in.compact();
          do {
            if (socket.read(in) < 0) {
              throw new IOException("the pump's child stopped early");
            }
          } while (!hasRecord(in.duplicate().flip().order(ByteOrder.LITTLE_ENDIAN)));
          in.flip();
        }
        if (decode) {
          long id = in.getLong();
          int seq = in.getInt();
          double price = in.getDouble();
          String symbol = string(in, chars);
          String venue = string(in, chars);
          Side side = in.get() == 0 ? Side.BUY : Side.SELL;
          check += new Tick(id, seq, price, symbol, venue, side).hashCode();
        } else {
          int at = in.position() + 20;
          at += 2 + (in.getShort(at) & 0xffff);
          at += 2 + (in.getShort(at) & 0xffff);
          check += in.get(in.position());
          in.position(at + 1);
        }
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

  /** Whether {@code in} (in read mode) holds a whole record. */
  private static boolean hasRecord(ByteBuffer in) {
    int p = in.position();
    int left = in.remaining();
    if (left < 22) {
      return false;
    }
    int symbol = in.getShort(p + 20) & 0xffff;
    if (left < 24 + symbol) {
      return false;
    }
    int venue = in.getShort(p + 22 + symbol) & 0xffff;
    return left >= 25 + symbol + venue;
  }

  private static String string(ByteBuffer in, byte[] chars) {
    int length = in.getShort() & 0xffff;
    in.get(chars, 0, length);
    return new String(chars, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static double[] readBig(SocketChannel socket, long count, int warmup, int rounds) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    double[] rates = new double[rounds];
    long check = 0;
    for (int r = 0; r < warmup + rounds; r++) {
      long start = System.nanoTime();
      for (long i = 0; i < count; i++) {
        header.clear();
        readFully(socket, header);
        byte[] message = new byte[header.getInt(0)];
        readFully(socket, ByteBuffer.wrap(message));
        check += message[0];
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
        case "flushed" -> writeTicks(socket, total, 1);
        default -> writeTicks(socket, total, 1 << 16);
      }
    }
  }

  /** Encodes Ticks into a buffer of {@code batchBytes} (1: one record per write) and writes it when full. */
  private static void writeTicks(SocketChannel socket, long total, int batchBytes) throws IOException {
    ByteBuffer out = ByteBuffer.allocateDirect(Math.max(batchBytes, 256)).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < total; i++) {
      encode(out, Tick.of(i));
      if (out.position() >= batchBytes - 128 || i == total - 1) {
        out.flip();
        while (out.hasRemaining()) {
          socket.write(out);
        }
        out.clear();
      }
    }
  }

  /** The hand-written encoder. */
  private static void encode(ByteBuffer out, Tick tick) {
    out.putLong(tick.id());
    out.putInt(tick.seq());
    out.putDouble(tick.price());
    putString(out, tick.symbol());
    putString(out, tick.venue());
    out.put((byte) tick.side().ordinal());
  }

  private static void putString(ByteBuffer out, String s) {
    int length = s.length();
    out.putShort((short) length);
    for (int i = 0; i < length; i++) {
      out.put((byte) s.charAt(i)); // the benchmark's strings are ASCII
    }
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
