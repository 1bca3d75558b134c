// How fast can anything on this machine read memory? The ceiling under nextword's decode bound, measured with
// what C has and Java does not: software prefetches, and several streams per thread. Each thread sums its half
// of a buffer (GPT-2's 495 MB by default, on 2 MiB pages) in S interleaved streams, with or without a prefetch
// of each stream D bytes ahead; the best of four passes per setting is printed.
//
// If the best of these is about what MemoryBandwidth's plain Java loop reports, the bound that bench generate
// divides by is the machine's, not a weak loop's.
//
//   gcc -O3 -march=native -fopenmp nextword-bench/peers/read_peer.c -o /tmp/read_peer
//   OMP_NUM_THREADS=2 /tmp/read_peer [MiB]
#define _GNU_SOURCE
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

// Sums n floats from p as s streams of n/s floats each, four cache lines of every stream per step.
static float sum(const float *p, size_t n, int s, int ahead) {
    __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    size_t per = n / s;
    for (size_t o = 0; o + 64 <= per; o += 64) {
        for (int t = 0; t < s; t++) {
            const float *q = p + t * per + o;
            if (ahead) _mm_prefetch((const char *) q + ahead, _MM_HINT_T0);
            a0 = _mm512_add_ps(a0, _mm512_load_ps(q));
            a1 = _mm512_add_ps(a1, _mm512_load_ps(q + 16));
            a2 = _mm512_add_ps(a2, _mm512_load_ps(q + 32));
            a3 = _mm512_add_ps(a3, _mm512_load_ps(q + 48));
        }
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
}

int main(int argc, char **argv) {
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 472; // 472 MiB = GPT-2's 495 MB of weights
    size_t bytes = mib << 20, n = bytes / sizeof(float);
    float *b = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b == MAP_FAILED) { perror("mmap"); return 1; }
    madvise(b, bytes, MADV_HUGEPAGE);
    memset(b, 1, bytes); // every page present before the timed passes
    int streams[] = {1, 2, 4, 8}, aheads[] = {0, 512, 2048};
    volatile float sink = 0;
    double overall = 0;
    printf("%d threads, %zu MiB; best of 4 passes, GB/s\n", omp_get_max_threads(), mib);
    printf("streams  no prefetch  prefetch 512 B  prefetch 2 KiB\n");
    for (int si = 0; si < 4; si++) {
        printf("%7d", streams[si]);
        for (int ai = 0; ai < 3; ai++) {
            double best = 0;
            for (int r = 0; r < 4; r++) {
                double t0 = now();
#pragma omp parallel
                {
                    size_t share = n / omp_get_num_threads() / 64 * 64;
                    float s = sum(b + omp_get_thread_num() * share, share, streams[si], aheads[ai]);
#pragma omp atomic
                    sink += s;
                }
                double rate = bytes / (now() - t0) / 1e9;
                if (rate > best) best = rate;
            }
            if (best > overall) overall = best;
            printf("  %*.1f", ai == 0 ? 11 : 14, best);
        }
        printf("\n");
    }
    printf("best of all: %.1f GB/s\n", overall);
    return 0;
}
