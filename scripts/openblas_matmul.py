#!/usr/bin/env python3
"""The peer for nextword's matmul: numpy.matmul (float32, OpenBLAS sgemm) on the same forms and GPT-2 shapes
as nextword.bench.MatMulGflops, with the same timing rule: the best of short windows after a warm-up, by the
wall clock and by the process's CPU time divided by the thread count.

Thread counts are fixed per process (OpenBLAS reads them when it loads), so the script re-runs itself once
per count with OPENBLAS_NUM_THREADS / OMP_NUM_THREADS set before numpy is imported.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 scripts/openblas_matmul.py [windows] [m,...] [KxN,...]
"""
import os
import subprocess
import sys
import time

WINDOW_SECONDS = 0.2


def measure(fn, flops, windows, threads):
    def window(seconds):
        calls, start, cpu_start = 0, time.perf_counter(), time.process_time()
        end = start + seconds
        while True:
            fn()
            calls += 1
            now = time.perf_counter()
            if now >= end:
                gflop = flops * calls / 1e9
                return gflop / (now - start), gflop / ((time.process_time() - cpu_start) / threads)

    window(0.3)  # warm-up
    rates = [window(WINDOW_SECONDS) for _ in range(windows)]
    return max(r[0] for r in rates), max(r[1] for r in rates)


def child(threads, windows, ms, shapes):
    import numpy as np

    try:
        from threadpoolctl import threadpool_info
        pools = [(p.get("internal_api"), p.get("num_threads"), p.get("architecture")) for p in threadpool_info()]
    except ImportError:
        pools = "threadpoolctl absent; OPENBLAS_NUM_THREADS=%s" % os.environ.get("OPENBLAS_NUM_THREADS")
    print("# threads=%d numpy %s, BLAS pools: %s" % (threads, np.__version__, pools), file=sys.stderr)
    rng = np.random.default_rng(42)
    for form in ("AB", "ABt", "AtB"):
        for m in ms:
            for kn in shapes:
                k, n = (int(v) for v in kn.split("x"))
                c = np.empty((m, n), dtype=np.float32)
                if form == "AB":
                    a, b = rng.random((m, k), dtype=np.float32) - 0.5, rng.random((k, n), dtype=np.float32) - 0.5
                    fn = lambda a=a, b=b, c=c: np.matmul(a, b, out=c)
                elif form == "ABt":  # b stored (n, k); .T is a view, so sgemm runs with transB
                    a, b = rng.random((m, k), dtype=np.float32) - 0.5, rng.random((n, k), dtype=np.float32) - 0.5
                    fn = lambda a=a, b=b, c=c: np.matmul(a, b.T, out=c)
                else:  # a stored (k, m)
                    a, b = rng.random((k, m), dtype=np.float32) - 0.5, rng.random((k, n), dtype=np.float32) - 0.5
                    fn = lambda a=a, b=b, c=c: np.matmul(a.T, b, out=c)
                wall, cpu = measure(fn, 2.0 * m * k * n, windows, threads)
                print("%s %d %s %.1f %.1f" % (form, m, kn, wall, cpu), flush=True)


def main():
    windows = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    ms = [int(v) for v in sys.argv[2].split(",")] if len(sys.argv) > 2 else [1, 64, 256]
    shapes = sys.argv[3].split(",") if len(sys.argv) > 3 else ["768x768", "768x3072", "3072x768"]
    if os.environ.get("NEXTWORD_OPENBLAS_CHILD"):
        child(int(os.environ["OPENBLAS_NUM_THREADS"]), windows, ms, shapes)
        return
    results = {}
    for threads in (1, 2):
        env = dict(os.environ, NEXTWORD_OPENBLAS_CHILD="1", OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
        out = subprocess.run([sys.executable] + sys.argv, env=env, check=True, capture_output=True, text=True)
        sys.stderr.write(out.stderr)
        for line in out.stdout.splitlines():
            form, m, kn, wall, cpu = line.split()
            results.setdefault((form, int(m), kn), {})[threads] = (float(wall), float(cpu))
    print("OpenBLAS via numpy; best GFLOP/s of %d windows of %.1f s, wall clock / CPU time" % (windows, WINDOW_SECONDS))
    print("%-5s %5s %-10s %15s %15s" % ("form", "m", "k x n", "1 thread", "2 threads"))
    for (form, m, kn), r in results.items():
        print("%-5s %5d %-10s %7.1f /%6.1f %7.1f /%6.1f" % ((form, m, kn) + r[1] + r[2]))


if __name__ == "__main__":
    main()
