package nextword.infer;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import nextword.kernels.InferenceKernels;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.kernels.Team;
import nextword.model.GptConfig;

/**
 * Batched decoding: the next tokens of several sessions, each generating on its own thread, computed in one
 * pass over the weights. Decoding one token is bound by reading every weight once (hundreds of megabytes for
 * GPT-2), so n sessions sharing that read cost little more than one: each matrix-vector product becomes one
 * matrix-matrix product with n rows. Attention stays per session, over its own KV cache.
 *
 * <p>A session that has {@link #join joined} hands its token to {@link Session#decode}, which waits here until
 * every member has handed in one (or {@value #MAX_WAIT_MICROS} µs have passed); the last to arrive computes
 * the batch for all. The kernels compute each row of a matrix product exactly as the single-row product
 * does, so a session's logits are bit for bit those it would get decoding alone, whoever it shares a batch with.
 */
public final class DecodeBatch {

    /** How long a token waits for the other members' (one of them may be between tokens, or reading a prompt). */
    static final long MAX_WAIT_MICROS = 2000;

    private final ModelWeights w;
    private final GptConfig config;
    private final int max;
    private final KernelOps ops = Kernels.ops();
    private final InferenceKernels kernels = Kernels.inference();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ran = lock.newCondition();
    // guarded by lock
    private final Session[] pending;
    private final int[] pendingTokens;
    private int count;
    private int members;
    private long round;
    private long failedRound = -1;
    private RuntimeException failure;
    private long batches;
    private long decoded;
    // one pass over up to max rows: (N, C), (N, 3C), (N, 4C), (N, V)
    private final Session.Rows r;
    private final float[] logits;
    private float[] scores = new float[0]; // (N·heads, paddedCapacity): attention weights, one row per session and head
    private final Matrix.Scratch scratch = new Matrix.Scratch();
    private final AttendTask attend = new AttendTask();

    /** Batches of up to maxSessions sessions of model. */
    public DecodeBatch(LanguageModel model, int maxSessions) {
        if (maxSessions < 1) throw new IllegalArgumentException("a batch holds at least one session, got " + maxSessions);
        this.w = model.weights();
        this.config = w.config;
        this.max = maxSessions;
        int c = config.width();
        pending = new Session[max];
        pendingTokens = new int[max];
        r = new Session.Rows(max, c);
        logits = new float[max * config.vocabSize()];
    }

    /** From now on session's decode steps run in this batch (until {@link #leave}). */
    public void join(Session session) {
        if (session.model().weights() != w) throw new IllegalArgumentException("the session belongs to another model");
        lock.lock();
        try {
            if (session.batch != null) throw new IllegalStateException("the session is already in a batch");
            if (members == max) throw new IllegalStateException("the batch is full: " + max + " sessions");
            session.batch = this;
            members++;
        } finally {
            lock.unlock();
        }
    }

    /** session decodes alone again; the others no longer wait for it. */
    public void leave(Session session) {
        lock.lock();
        try {
            if (session.batch != this) return;
            session.batch = null;
            members--;
            ran.signalAll(); // those waiting may now be everyone
        } finally {
            lock.unlock();
        }
    }

    /** Batches computed so far, and tokens decoded in them: their ratio is the mean batch size. */
    public long[] counts() {
        lock.lock();
        try {
            return new long[] {batches, decoded};
        } finally {
            lock.unlock();
        }
    }

    /** Session's decode step: waits for the batch it lands in, or computes it. */
    float[] decode(Session s, int token) {
        s.checkNext(token);
        boolean interrupted = false;
        lock.lock();
        try {
            pending[count] = s;
            pendingTokens[count++] = token;
            long mine = round;
            long deadline = System.nanoTime() + MAX_WAIT_MICROS * 1000;
            while (round == mine) {
                long left = deadline - System.nanoTime();
                if (count >= members || left <= 0) {
                    runLocked();
                    break;
                }
                try {
                    ran.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true; // finish the step first: the batch may already be writing this session
                }
            }
            if (failedRound == mine) throw new IllegalStateException("a batched decoding step failed: " + failure.getMessage(), failure);
            return s.logits();
        } finally {
            lock.unlock();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void runLocked() {
        int n = count;
        try {
            step(pending, pendingTokens, n);
        } catch (RuntimeException e) {
            failure = e;
            failedRound = round;
        }
        Arrays.fill(pending, 0, n, null);
        count = 0;
        round++;
        batches++;
        decoded += n;
        ran.signalAll();
    }

    /** Appends tokens[i] to sessions[i] for i < n and computes each one's next logits: one pass over the weights. */
    void step(Session[] sessions, int[] tokens, int n) {
        int c = config.width();
        int stride = 0;
        for (int i = 0; i < n; i++) stride = Math.max(stride, sessions[i].cache().paddedCapacity);
        if (scores.length < n * config.heads() * stride) scores = new float[max * config.heads() * stride];
        for (int i = 0; i < n; i++) {                                                       // (N, C)
            w.wte.weightsInto(tokens[i], r.x, i * c);
            ops.add(r.x, i * c, w.wpe, sessions[i].length() * c, r.x, i * c, c);
        }
        attend.set(sessions, stride);
        for (int l = 0; l < w.blocks.length; l++) {
            ModelWeights.Block b = w.blocks[l];
            ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln1Weight(), b.ln1Bias(), n, c, GptConfig.LAYER_NORM_EPS);
            linear(b.qkv(), r.ln, n, r.qkv, b.qkvBias());                                      // (N, 3C)
            for (int i = 0; i < n; i++) sessions[i].cache().put(l, sessions[i].length(), r.qkv, i * 3 * c);
            attend.layer = l;
            Team.run(n * config.heads(), 1, attend);                                        // (N, C)
            linear(b.attnProj(), r.att, n, r.proj, b.attnProjBias());
            for (int i = 0; i < n; i++) ops.add(r.x, i * c, r.proj, i * c, r.x, i * c, c);      // r.x + attention
            ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln2Weight(), b.ln2Bias(), n, c, GptConfig.LAYER_NORM_EPS);
            linear(b.fc(), r.ln, n, r.hidden, b.fcBias());                                     // (N, 4C)
            kernels.gelu(r.hidden, 0, n * 4 * c);
            linear(b.fcProj(), r.hidden, n, r.proj, b.fcProjBias());
            for (int i = 0; i < n; i++) ops.add(r.x, i * c, r.proj, i * c, r.x, i * c, c);      // + MLP
        }
        ops.layerNorm(r.x, r.ln, r.mean, r.rstd, w.lnfWeight, w.lnfBias, n, c, GptConfig.LAYER_NORM_EPS);
        w.wte.matMul(r.ln, n, scratch, logits);                                               // (N, V)
        int v = config.vocabSize();
        for (int i = 0; i < n; i++) {
            System.arraycopy(logits, i * v, sessions[i].logits(), 0, v);
            sessions[i].appended(tokens[i]);
        }
    }

    /** y(N, out) = in(N, in)·W (+ bias per row), each row as the single-row product computes it. */
    private void linear(Matrix m, float[] in, int n, float[] y, float[] bias) {
        m.matMul(in, n, scratch, y);
        int out = m.outputs();
        kernels.addBias(y, n, bias, out);
    }

    /** Attention of each session's new position over its own cache: one (session, head) pair per index. */
    private final class AttendTask implements Parallel.Range {
        private Session[] sessions;
        private int stride;
        int layer;

        void set(Session[] sessions, int stride) {
            this.sessions = sessions;
            this.stride = stride;
        }

        @Override
        public void run(int from, int to) {
            int heads = config.heads();
            int hs = config.headSize();
            int c = config.width();
            float scale = (float) (1.0 / Math.sqrt(hs));
            for (int idx = from; idx < to; idx++) {
                int i = idx / heads;
                int h = idx % heads;
                KvCache cache = sessions[i].cache();
                int pos = sessions[i].length();
                kernels.attend(r.qkv, i * 3 * c + h * hs, cache.keys[layer], cache.keyOffset(h),
                        cache.values[layer], cache.valueOffset(h), pos + 1, hs, scale, scores, idx * stride, r.att, i * c + h * hs);
            }
        }
    }
}
