"""The Python peers of Ferry's pool benchmark: multiprocessing.Pool and ProcessPoolExecutor.

Same shapes as dev.ferry.benchmarks.channels.PoolBenchmark, 'spawn' start method, WORKERS
workers, tiny tasks (x * x). Appends name,value,unit,detail lines to RESULTS.csv; each figure is
the median of ROUNDS rounds after a first one (which warms the pool up, as on the Java side).

    python3 pool.py RESULTS.csv WORKERS MAP_COUNT ONE_BY_ONE_COUNT LATENCY_COUNT ROUNDS START_RUNS

map: Pool.map (its own chunks), Pool.map(chunksize=1) and ProcessPoolExecutor.map, tasks/s.
submit: apply_async one by one then get() each, tasks/s. latency: apply_async(...).get() and
executor.submit(...).result() one at a time, us. start: `with Pool(WORKERS)` started, one
apply(), closed, ms.
"""
import concurrent.futures
import multiprocessing as mp
import sys
import time

from channels import add  # the same CSV lines as the channel benchmarks


def square(x):
    return x * x


def timed_rounds(rounds, once):
    once()  # the first round warms up, as the Java side's first round does
    return [once() for _ in range(rounds)]


def main():
    results = sys.argv[1]
    workers, map_count, one_by_one, latency_count, rounds, start_runs = (int(a) for a in sys.argv[2:8])
    ctx = mp.get_context("spawn")
    detail = "%d workers; spawn" % workers

    def start_once():
        t0 = time.perf_counter()
        with ctx.Pool(workers) as pool:
            assert pool.apply(square, (3,)) == 9
        return (time.perf_counter() - t0) * 1e3

    add(results, "python.pool.start", timed_rounds(start_runs, start_once), "ms", detail)

    def paused_once():
        time.sleep(0.5)  # PoolBenchmark.PAUSE_MILLIS
        return start_once()

    add(results, "python.pool.start.paused", [paused_once() for _ in range(start_runs)], "ms",
        detail + "; 500 ms between pools")

    inputs = [i & 0xFFFF for i in range(map_count)]
    small = inputs[: max(1, map_count // 50)]
    with ctx.Pool(workers) as pool:
        pool.apply(square, (1,))

        def map_once(chunked=True, data=inputs):
            t0 = time.perf_counter()
            out = pool.map(square, data) if chunked else pool.map(square, data, chunksize=1)
            assert len(out) == len(data)
            return len(data) / (time.perf_counter() - t0)

        add(results, "python.pool.map", timed_rounds(rounds, map_once), "tasks/s", detail + "; %d tasks" % map_count)
        add(results, "python.pool.map1", timed_rounds(rounds, lambda: map_once(False, small)), "tasks/s",
            detail + "; chunksize=1; %d tasks" % len(small))

        def submit_once():
            t0 = time.perf_counter()
            futures = [pool.apply_async(square, (i & 0xFFFF,)) for i in range(one_by_one)]
            for f in futures:
                f.get()
            return one_by_one / (time.perf_counter() - t0)

        add(results, "python.pool.apply_async", timed_rounds(rounds, submit_once), "tasks/s",
            detail + "; %d apply_async then get" % one_by_one)

        def latency_once():
            t0 = time.perf_counter()
            for _ in range(latency_count):
                assert pool.apply_async(square, (7,)).get() == 49
            return (time.perf_counter() - t0) * 1e6 / latency_count

        add(results, "python.pool.latency", timed_rounds(rounds, latency_once), "us", detail + "; apply_async().get()")

    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as executor:
        executor.submit(square, 1).result()

        def ppe_map_once():
            t0 = time.perf_counter()
            out = list(executor.map(square, small))
            assert len(out) == len(small)
            return len(small) / (time.perf_counter() - t0)

        add(results, "python.ppe.map", timed_rounds(rounds, ppe_map_once), "tasks/s", detail + "; %d tasks" % len(small))

        def ppe_latency_once():
            t0 = time.perf_counter()
            n = max(1, latency_count // 2)
            for _ in range(n):
                assert executor.submit(square, 7).result() == 49
            return (time.perf_counter() - t0) * 1e6 / n

        add(results, "python.ppe.latency", timed_rounds(rounds, ppe_latency_once), "us", detail + "; submit().result()")


if __name__ == "__main__":
    main()
