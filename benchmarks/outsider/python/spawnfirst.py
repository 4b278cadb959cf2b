import multiprocessing as mp, sys, time
def hello(q):
    q.put("hello")
if __name__ == "__main__":
    t0 = time.perf_counter_ns()
    mp.set_start_method("spawn")
    q = mp.Queue()
    out = "py SpawnFirst:"
    for k in range(1, 4):
        s = time.perf_counter_ns()
        p = mp.Process(target=hello, args=(q,)); p.start()
        q.get()
        e = time.perf_counter_ns()
        out += " spawn%d=%.1fms" % (k, (e - s) / 1e6)
        if k == 1: out += " (main->first msg %.1fms)" % ((e - t0) / 1e6)
        p.join()
    print(out)
