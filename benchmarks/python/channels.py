"""The Python peers of Ferry's channel benchmarks: multiprocessing.Queue and multiprocessing.Pipe.

Same shapes as dev.ferry.benchmarks.channels.ChannelBenchmark, with the 'spawn' start method:
a child produces, this process consumes and times every block of COUNT messages; the figure is
the median of the timed rounds. Appends name,value,unit,detail lines to RESULTS.csv.

    python3 channels.py RESULTS.csv small|big|pingpong COUNT WARMUP ROUNDS
    python3 channels.py RESULTS.csv spawn RUNS

small: the six fields of Ferry's Tick as a tuple (id, seq, price, symbol, venue, side), msg/s,
  through Queue(), Queue(65536) ("bqueue") and Pipe; also the first block's rate ("*.small.first").
big: 1 MiB bytes objects, MB/s. pingpong: round trips through two queues / two pipes, us.
spawn: Process(...).start() until the child's first message arrives on a Queue, ms.
"""
import multiprocessing as mp
import pickle
import statistics
import sys
import time

MIB = 1 << 20
BOUNDED_CAPACITY = 65_536  # as ChannelBenchmark.BOUNDED_CAPACITY


def _strings(prefix, length):
    out = []
    for k in range(16):
        s = prefix + str(k)
        while len(s) < length:
            s += chr(ord('a') + len(s) % 26)
        out.append(s)
    return out


SYMBOLS = _strings("instrument/equity/XNAS/ACME-CORP-", 40)
VENUES = _strings("venue/eu-west/matching-engine-", 40)


def tick(i):
    k = i & 15
    return (i, i & 0x7fffffff, 100.25 + k, SYMBOLS[k], VENUES[k], "BUY" if i & 1 == 0 else "SELL")


# ---- children (module level, as the spawn start method needs)

def produce_ticks_queue(q, total):
    for i in range(total):
        q.put(tick(i))


def produce_ticks_pipe(conn, total):
    for i in range(total):
        conn.send(tick(i))


def produce_bytes_queue(q, total):
    blob = bytearray(b"\x07" * MIB)
    for i in range(total):
        blob[0] = i & 0x7f
        q.put(bytes(blob))


def produce_bytes_pipe(conn, total):
    blob = bytearray(b"\x07" * MIB)
    for i in range(total):
        blob[0] = i & 0x7f
        conn.send(bytes(blob))


def echo_queue(ping, pong):
    while True:
        m = ping.get()
        if m is None:
            return
        pong.put(m)


def echo_pipe(ping, pong):
    while True:
        m = ping.recv()
        if m is None:
            return
        pong.send(m)


def hello(q):
    q.put("hello")


# ---- this process

def blocks(receive, count, warmup, rounds, per_message=1.0):
    """The rates of the timed blocks, and of the first block (from the first message's arrival)."""
    rates = []
    receive()  # the clock starts when the first message is here, as on the Java side
    first = None
    for r in range(warmup + rounds):
        start = time.perf_counter()
        for _ in range(count if r > 0 else count - 1):
            receive()
        seconds = time.perf_counter() - start
        rate = (count if r > 0 else count - 1) * per_message / seconds
        if r == 0:
            first = rate
        if r >= warmup:
            rates.append(rate)
    return rates, first



def run_stream(ctx, kind, shape, count, warmup, rounds):
    if kind in ("queue", "bqueue"):
        q = ctx.Queue() if kind == "queue" else ctx.Queue(BOUNDED_CAPACITY)
        child_end, receive = q, q.get
    else:
        reader, writer = ctx.Pipe(duplex=False)
        child_end, receive = writer, reader.recv
    target = {("small", "queue"): produce_ticks_queue, ("small", "bqueue"): produce_ticks_queue, ("small", "pipe"): produce_ticks_pipe,
              ("big", "queue"): produce_bytes_queue, ("big", "pipe"): produce_bytes_pipe}[(shape, kind)]
    p = ctx.Process(target=target, args=(child_end, count * (warmup + rounds)))
    p.start()
    rates, first = blocks(receive, count, warmup, rounds, MIB / 1e6 if shape == "big" else 1.0)
    p.join()
    return rates, first


def run_pingpong(ctx, kind, count, warmup, rounds):
    if kind == "queue":
        ping, pong = ctx.Queue(), ctx.Queue()
        send, receive, args, target = ping.put, pong.get, (ping, pong), echo_queue
    else:
        ping_r, ping_w = ctx.Pipe(duplex=False)
        pong_r, pong_w = ctx.Pipe(duplex=False)
        send, receive, args, target = ping_w.send, pong_r.recv, (ping_r, pong_w), echo_pipe
    p = ctx.Process(target=target, args=args)
    p.start()
    m = tick(1)
    medians = []
    means = []
    for r in range(warmup + rounds):
        samples = []
        for _ in range(count):
            start = time.perf_counter_ns()
            send(m)
            m = receive()
            samples.append((time.perf_counter_ns() - start) / 1e3)
        if r == 0:
            first_mean = statistics.fmean(samples)
        if r >= warmup:
            medians.append(statistics.median(samples))
            means.append(statistics.fmean(samples))
    send(None)
    p.join()
    return medians, means, first_mean


def run_spawn(ctx, runs):
    def once():
        q = ctx.Queue()
        start = time.perf_counter()
        p = ctx.Process(target=hello, args=(q,))
        p.start()
        m = q.get()
        seconds = time.perf_counter() - start
        p.join()
        assert m == "hello"
        return seconds * 1e3

    once()  # warms this process up, like the Java side
    return [once() for _ in range(runs)]


def add(results, name, values, unit, detail=""):
    value = statistics.median(values)
    rounds = " ".join("%.4g" % v for v in values)
    line = "%s,%.4f,%s,%s\n" % (name, value, unit, (detail + " rounds " + rounds).strip().replace(",", ";"))
    print("result " + line, end="")
    with open(results, "a") as f:
        f.write(line)


def main():
    results, shape = sys.argv[1], sys.argv[2]
    ctx = mp.get_context("spawn")
    if shape == "spawn":
        add(results, "python.spawn", run_spawn(ctx, int(sys.argv[3])), "ms", "Process+Queue")
        return
    count, warmup, rounds = (int(a) for a in sys.argv[3:6])
    kinds = sys.argv[6:] or (["queue", "bqueue", "pipe"] if shape == "small" else ["queue", "pipe"])
    size = "pickled %d bytes" % len(pickle.dumps(tick(3_000_000), protocol=pickle.HIGHEST_PROTOCOL))
    for kind in kinds:
        if shape == "pingpong":
            medians, means, first_mean = run_pingpong(ctx, kind, count, warmup, rounds)
            add(results, "%s.rtt" % kind, medians, "us", size)
            add(results, "%s.rtt.mean" % kind, means, "us", "round means, " + size)
            add(results, "%s.rtt.first.mean" % kind, [first_mean], "us", "mean of the first %d round trips" % count)
        elif shape == "big":
            add(results, "%s.big" % kind, run_stream(ctx, kind, shape, count, warmup, rounds)[0], "MB/s")
        else:
            rates, first = run_stream(ctx, kind, shape, count, warmup, rounds)
            add(results, "%s.small" % kind, rates, "msg/s", size)
            add(results, "%s.small.first" % kind, [first], "msg/s", "the first %d messages" % count)


if __name__ == "__main__":
    main()
