import multiprocessing as mp, sys, time
from common import rec, stats
def echo(rx, tx):
    try:
        while True:
            tx.send(rx.recv())
    except EOFError:
        pass
if __name__ == "__main__":
    t0 = time.perf_counter_ns()
    mp.set_start_method("spawn")
    n = int(sys.argv[1])
    p_rx, c_tx = mp.Pipe(duplex=False)   # child -> parent
    c_rx, p_tx = mp.Pipe(duplex=False)   # parent -> child
    child = mp.Process(target=echo, args=(c_rx, c_tx)); child.start()
    c_rx.close(); c_tx.close()
    rt = []
    start = time.perf_counter_ns()
    for i in range(n):
        s = time.perf_counter_ns()
        p_tx.send(rec(i))
        r = p_rx.recv()
        rt.append(time.perf_counter_ns() - s)
    end = time.perf_counter_ns()
    p_tx.close(); child.join()
    print("py RoundTrip n=%d total %.0f ms from main (%.0f ms loop)" % (n, (end - t0) / 1e6, (end - start) / 1e6))
    print("  all        " + stats(rt))
    print("  first 1000 " + stats(rt[:1000]))
    print("  first rt   %.1f ms" % (rt[0] / 1e6))
    print("  after 1000 " + stats(rt[1000:]))
