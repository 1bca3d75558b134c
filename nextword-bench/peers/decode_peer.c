// A C peer for float32 decoding's memory-bound part: GPT-2 124M's 49 matrices (per layer the q/k/v, attention
// output and two MLP products, then the logits over the 50,257-token vocabulary), read once per "token" in
// decode order as matrix-vector products, the way a plain C engine (llama2.c's style) does them: row-major
// (outputs, inputs), one dot product per output, rows split over OpenMP threads. No attention, no LayerNorm:
// only the weights' stream, so what it reaches is an upper bound for a C decoder's fraction of the bandwidth.
//
// The bandwidth is measured as nextword's bench generate measures it: the best of four timed passes of a
// summing loop over a buffer of the same size, right after the tokens. Both live on 2 MiB pages.
//
//   gcc -O3 -march=native -ffast-math -fopenmp nextword-bench/peers/decode_peer.c -o /tmp/decode_peer
//   OMP_NUM_THREADS=2 /tmp/decode_peer [tokens] [rounds]
#define _GNU_SOURCE
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { C = 768, LAYERS = 12, VOCAB = 50257 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

// n floats on 2 MiB pages where Linux grants them
static float *huge(size_t n) {
    size_t huge = 2u << 20, bytes = (n * sizeof(float) + huge - 1) / huge * huge;
    char *p = mmap(NULL, bytes + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    char *aligned = (char *) (((size_t) p + huge - 1) / huge * huge);
    madvise(aligned, bytes, MADV_HUGEPAGE);
    return (float *) aligned;
}

// y = W x, W (rows, cols) row-major
static void matvec(const float *w, const float *x, float *y, int rows, int cols) {
    #pragma omp parallel for schedule(static)
    for (int i = 0; i < rows; i++) {
        const float *r = w + (size_t) i * cols;
        float s = 0;
        for (int j = 0; j < cols; j++) s += r[j] * x[j];
        y[i] = s;
    }
}

static double best_read(const float *buf, size_t n, int passes) {
    double best = 0;
    for (int p = 0; p < passes + 1; p++) {
        double t0 = now(), total = 0;
        #pragma omp parallel reduction(+:total)
        {
            // a contiguous share per thread, 128 partial sums: gcc keeps them in eight 512-bit registers
            int t = omp_get_thread_num(), nt = omp_get_num_threads();
            size_t a = n * t / nt / 128 * 128, b = n * (t + 1) / nt / 128 * 128;
            float acc[128] = {0};
            for (size_t i = a; i < b; i += 128)
                for (int k = 0; k < 128; k++) acc[k] += buf[i + k];
            for (int k = 0; k < 128; k++) total += acc[k];
        }
        double s = now() - t0;
        if (total == 42) puts(""); // keep the sum
        if (p > 0 && n * sizeof(float) / s > best) best = n * sizeof(float) / s;
    }
    return best;
}

int main(int argc, char **argv) {
    int tokens = argc > 1 ? atoi(argv[1]) : 128, rounds = argc > 2 ? atoi(argv[2]) : 5;
    int rows[4] = {3 * C, C, 4 * C, C}, cols[4] = {C, C, C, 4 * C};
    float *w[LAYERS][4];
    size_t total = (size_t) VOCAB * C;
    for (int l = 0; l < LAYERS; l++)
        for (int m = 0; m < 4; m++) {
            size_t n = (size_t) rows[m] * cols[m];
            w[l][m] = huge(n);
            for (size_t i = 0; i < n; i++) w[l][m][i] = (float) ((i * 2654435761u) % 1000) / 1e5f;
            total += n;
        }
    float *wte = huge((size_t) VOCAB * C);
    for (size_t i = 0; i < (size_t) VOCAB * C; i++) wte[i] = (float) ((i * 40503u) % 1000) / 1e5f;
    float *probe = huge(total);
    memset(probe, 1, total * sizeof(float));
    static float x[4 * C], y[4 * C], logits[VOCAB];
    for (int i = 0; i < 4 * C; i++) x[i] = 1.0f / (1 + i);

    printf("decode peer: %d threads, %.1f MB of weights per token\n", omp_get_max_threads(), total * 4 / 1e6);
    for (int r = -1; r < rounds; r++) {
        double t0 = now();
        for (int t = 0; t < tokens; t++) {
            for (int l = 0; l < LAYERS; l++) {
                matvec(w[l][0], x, y, rows[0], cols[0]);
                matvec(w[l][1], y, x, rows[1], cols[1]);
                matvec(w[l][2], x, y, rows[2], cols[2]);
                matvec(w[l][3], y, x, rows[3], cols[3]);
                for (int i = 0; i < C; i++) x[i] = x[i] * 1e-3f + 1.0f / (1 + i); // stay finite
            }
            matvec(wte, x, logits, VOCAB, C);
        }
        double tps = tokens / (now() - t0);
        double bw = best_read(probe, total, 4);
        if (r >= 0)
            printf("run %d: %.2f tok/s, %.1f GB/s of weights, then %.1f GB/s best read: %.0f%% of the bound\n",
                   r, tps, tps * total * 4 / 1e9, bw / 1e9, 100 * tps * total * 4 / bw);
    }
    return 0;
}
