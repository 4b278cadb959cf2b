import multiprocessing as mp, sys, time
def square(x):
    return x * x
if __name__ == "__main__":
    mp.set_start_method("spawn")
    n = int(sys.argv[1])
    xs = list(range(n))
    t0 = time.perf_counter_ns()
    with mp.Pool(2) as pool:
        t1 = time.perf_counter_ns()
        out = pool.map(square, xs)
        t2 = time.perf_counter_ns()
        pool.close(); pool.join()
    t3 = time.perf_counter_ns()
    print("py PoolMap n=%d: start %.1f ms, map %.1f ms (%.2f M tasks/s), close %.1f ms, total %.1f ms" % (
        n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, n / ((t2 - t1) / 1e9) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6))
