import multiprocessing as mp, sys, time
from common import rec
def produce(q, started, n):
    started.put(time.perf_counter_ns())   # CLOCK_MONOTONIC, shared by processes on Linux
    for i in range(n):
        q.put(rec(i))
if __name__ == "__main__":
    t0 = time.perf_counter_ns()
    mp.set_start_method("spawn")
    cap = int(sys.argv[1]); n = int(sys.argv[2])
    q = mp.Queue(cap) if cap else mp.Queue()
    started = mp.Queue()
    spawn = time.perf_counter_ns()
    p = mp.Process(target=produce, args=(q, started, n)); p.start()
    first = started.get()
    s = 0
    for i in range(n):
        s += q.get()[1]
    end = time.perf_counter_ns()
    p.join()
    secs = (end - first) / 1e9
    print("py OneWay cap=%d n=%d: %.3f M msg/s first send to last receive (%.3f s); spawn->first send %.0f ms; main->end %.0f ms" % (
        cap, n, n / secs / 1e6, secs, (first - spawn) / 1e6, (end - t0) / 1e6))
