package nextword.infer;

import java.util.Arrays;
import nextword.infer.DecodeProfile.Stage;
import nextword.kernels.InferenceKernels;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.kernels.Parallel;
import nextword.kernels.Team;
import nextword.model.GptConfig;

/**
 * One conversation with a model: the tokens seen so far and their keys and values in a {@link KvCache}, so
 * that each new token costs one pass over the weights instead of a pass over the whole context.
 *
 * <p>A prompt goes through as a batch ({@link #prefill}: matrix-matrix products, {@value #CHUNK} positions at
 * a time); each token after it alone ({@link #decode}: matrix-vector products split over the cores by
 * {@link Team}). Everything decode touches is allocated when the session is created, so a token allocates
 * nothing. Not thread-safe: one session per request; any number of sessions may share a model.
 */
public final class Session {

    /** Positions per batch when processing a prompt: the blocked product packs 512 rows at once (its band). */
    static final int CHUNK = 512;
    /** Positions per batch when every position's logits are wanted (each row is vocabulary-wide). */
    static final int LOGITS_CHUNK = 32;

    /** Receives the logits (vocabulary-wide, at offset) that predict the token after a position. */
    @FunctionalInterface
    public interface LogitsSink {
        void accept(int position, float[] logits, int offset);
    }

    private final LanguageModel model;
    private final ModelWeights w;
    private final GptConfig config;
    private final KernelOps ops = Kernels.ops();
    private final InferenceKernels kernels = Kernels.inference();
    private final KvCache cache;
    private final int[] tokens;
    private int length;
    private final float scale;

    // one position: (C), (3C), (4C), (V)
    private final float[] x;
    private final float[] ln;
    private final float[] qkv;
    private final float[] att;
    private final float[] proj;
    private final float[] hidden;
    private final float[] logits;
    private final float[] stat = new float[2]; // LayerNorm's mean and rstd, which inference does not keep
    private final float[] scores; // (heads, paddedCapacity): one row of attention weights per head
    private final Matrix.Scratch scratch = new Matrix.Scratch();
    private final MatVecTask matVec = new MatVecTask();
    private final AttendTask attend = new AttendTask();
    private Rows rows; // prompt batches, allocated on first use
    private DecodeProfile profile; // null unless someone asked where decode's time goes
    DecodeBatch batch;  // when set, decode runs in one pass over the weights with other sessions' tokens

    Session(LanguageModel model, ModelWeights w, int capacity) {
        this.model = model;
        this.w = w;
        this.config = w.config;
        if (capacity < 1 || capacity > config.contextLength()) {
            throw new IllegalArgumentException("session capacity " + capacity + " must be in [1, " + config.contextLength() + "]");
        }
        int c = config.width();
        cache = new KvCache(config.layers(), config.heads(), config.headSize(), capacity);
        tokens = new int[capacity];
        scale = (float) (1.0 / Math.sqrt(config.headSize()));
        x = new float[c];
        ln = new float[c];
        qkv = new float[3 * c];
        att = new float[c];
        proj = new float[c];
        hidden = new float[4 * c];
        logits = new float[config.vocabSize()];
        scores = new float[config.heads() * cache.paddedCapacity];
        scratch.ensure(1, 4 * c);
    }

    /** The model this session runs. */
    public LanguageModel model() {
        return model;
    }

    /** Tokens in the cache. */
    public int length() {
        return length;
    }

    /** The most tokens the cache holds. */
    public int capacity() {
        return cache.capacity;
    }

    /** The tokens in the cache, oldest first. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** The logits after the last token processed (vocabulary-wide; overwritten by the next call). */
    public float[] logits() {
        return logits;
    }

    /**
     * From now on, {@link #decode} charges its time and weight bytes to p, stage by stage (null: stop). A
     * decode that runs in a {@link DecodeBatch} with other sessions is not profiled.
     */
    public void profile(DecodeProfile p) {
        profile = p;
    }

    /** Forgets everything: the next token is position 0. */
    public void reset() {
        length = 0;
    }

    /** Keeps only the first n tokens (their cached keys and values stay valid: positions are absolute). */
    public void rewind(int n) {
        if (n < 0 || n > length) throw new IllegalArgumentException("cannot rewind to " + n + " of " + length + " tokens");
        length = n;
    }

    /**
     * Makes the cache hold exactly context: keeps the longest prefix it shares with what is cached, processes
     * the rest, and returns the logits after the last token. Prompt caching for chat and servers.
     */
    public float[] sync(int[] context) {
        if (context.length == 0) throw new IllegalArgumentException("the context needs at least one token");
        if (context.length > capacity()) throw new IllegalArgumentException(context.length + " tokens do not fit a " + capacity() + "-token session");
        int common = 0;
        while (common < Math.min(length, context.length) && tokens[common] == context[common]) common++;
        // the last token is always recomputed: its logits were not kept
        length = Math.min(common, context.length - 1);
        prefill(context, length, context.length, null);
        return logits;
    }

    /** Appends ids and returns the logits after the last one. */
    public float[] prefill(int[] ids) {
        prefill(ids, 0, ids.length, null);
        return logits;
    }

    /**
     * Appends ids[from, to), as batches. With a sink, every position's logits go to it (for scoring);
     * without, only the last position's are computed, into {@link #logits()}.
     */
    public void prefill(int[] ids, int from, int to, LogitsSink sink) {
        if (from < 0 || to > ids.length || from > to) throw new IllegalArgumentException("bad range [" + from + ", " + to + ") of " + ids.length);
        room(to - from);
        for (int i = from; i < to; i++) checkToken(ids[i]);
        int chunk = sink == null ? CHUNK : LOGITS_CHUNK;
        for (int i = from; i < to; ) {
            int t = Math.min(chunk, to - i);
            if (t == 1 && sink == null) {
                decode(ids[i]);
            } else {
                forwardRows(ids, i, t, sink, i + t == to);
            }
            i += t;
        }
    }

    /** Appends one token and returns the logits that predict the next (vocabulary-wide; overwritten by the next call). */
    public float[] decode(int token) {
        if (batch != null) return batch.decode(this, token);
        checkToken(token);
        room(1);
        int c = config.width();
        int pos = length;
        if (profile != null) profile.start();
        // x = wte[token] + wpe[pos]                                                       // (C)
        w.wte.weightsInto(token, x, 0);
        ops.add(x, 0, w.wpe, pos * c, x, 0, c);
        for (int l = 0; l < w.blocks.length; l++) {
            ModelWeights.Block b = w.blocks[l];
            layerNorm(x, ln, b.ln1Weight(), b.ln1Bias());
            product(b.qkv(), ln, qkv, b.qkvBias(), Stage.QKV);                              // (3C)
            attention(l, pos);                                                              // (C)
            product(b.attnProj(), att, proj, b.attnProjBias(), Stage.ATTENTION_PROJECTION);
            ops.add(x, 0, proj, 0, x, 0, c);                                                // x + attention
            layerNorm(x, ln, b.ln2Weight(), b.ln2Bias());
            product(b.fc(), ln, hidden, b.fcBias(), Stage.MLP_UP);                          // (4C)
            kernels.gelu(hidden, 0, 4 * c);
            product(b.fcProj(), hidden, proj, b.fcProjBias(), Stage.MLP_DOWN);
            ops.add(x, 0, proj, 0, x, 0, c);                                                // + MLP
        }
        layerNorm(x, ln, w.lnfWeight, w.lnfBias);
        product(w.wte, ln, logits, null, Stage.LOGITS);                                     // (V)
        tokens[length++] = token;
        if (profile != null) profile.tokenDone();
        return logits;
    }

    /**
     * Heads per task: enough cached keys and values (≥ 4K numbers, a few microseconds) to be worth a hand-off
     * to another thread, which costs about one microsecond on the team. Below that one thread does them all.
     */
    private int attentionGrain(int positions) {
        return Math.max(1, 4 * 1024 / (2 * positions * config.headSize()));
    }

    /** {@link #product(Matrix, float[], float[], float[])}, a stage of decode's profile. */
    private void product(Matrix m, float[] in, float[] y, float[] bias, Stage stage) {
        if (profile != null) profile.mark(Stage.OTHER, 0); // what ran since the last stage
        product(m, in, y, bias);
        if (profile != null) profile.mark(stage, m.bytes());
    }

    /** y = in·W (+ bias), split over the team. */
    private void product(Matrix m, float[] in, float[] y, float[] bias) {
        m.prepare(in, 0, scratch);
        matVec.set(m, in, y);
        Team.run(m.units(), m.grain(), matVec);
        if (bias != null) kernels.addBias(y, 1, bias, bias.length);
    }

    /** The newest position's attention in layer l, one head per task. */
    private void attention(int l, int pos) {
        attend.set(l, pos);
        Team.run(config.heads(), attentionGrain(pos + 1), attend);
        if (profile != null) profile.mark(Stage.ATTENTION, 0);
    }

    private void layerNorm(float[] in, float[] out, float[] gamma, float[] beta) {
        ops.layerNorm(in, out, stat, stat, gamma, beta, 1, config.width(), GptConfig.LAYER_NORM_EPS);
    }

    /** One matrix-vector product's task, reused for every product (no allocation per token). */
    private final class MatVecTask implements Parallel.Range {
        private Matrix m;
        private float[] in;
        private float[] y;

        void set(Matrix m, float[] in, float[] y) {
            this.m = m;
            this.in = in;
            this.y = y;
        }

        @Override
        public void run(int from, int to) {
            m.matVec(in, 0, scratch, y, 0, from, to);
        }
    }

    /** The newest position's keys and values into the cache, then its attention over it, one head per index. */
    private final class AttendTask implements Parallel.Range {
        private int layer;
        private int pos;

        void set(int layer, int pos) {
            this.layer = layer;
            this.pos = pos;
        }

        @Override
        public void run(int from, int to) {
            for (int h = from; h < to; h++) {
                cache.put(layer, h, pos, qkv, 0);
                attendHead(layer, h, qkv, 0, pos, att, 0);
            }
        }
    }

    /** Head h of the query at qkv[qo…] (position pos) over positions [0, pos], into out[oo + h·hs…]. */
    private void attendHead(int layer, int h, float[] q, int qo, int pos, float[] out, int oo) {
        int hs = config.headSize();
        kernels.attend(q, qo + h * hs, cache.keys[layer], cache.keyOffset(h),
                cache.values[layer], cache.valueOffset(h), pos + 1, hs, scale, scores, h * cache.paddedCapacity, out, oo + h * hs);
    }

    // ---- prompts: t positions at once ----

    /** Buffers for t positions: (T, C), (T, 3C), (T, 4C), and vocabulary-wide logits when scoring (also for Inspector and DecodeBatch). */
    static final class Rows {
        final float[] x, ln, qkv, att, proj, hidden, mean, rstd;
        float[] logits;
        private float[] weights = new float[0];

        /** Room for the attention weights of t positions, (heads, t, t), which prompts compute and drop. */
        float[] weights(int heads, int t) {
            if (weights.length < heads * t * t) weights = new float[heads * t * t];
            return weights;
        }

        Rows(int t, int c) {
            x = new float[t * c];
            ln = new float[t * c];
            qkv = new float[t * 3 * c];
            att = new float[t * c];
            proj = new float[t * c];
            hidden = new float[t * 4 * c];
            mean = new float[t];
            rstd = new float[t];
        }
    }

    private void forwardRows(int[] ids, int from, int t, LogitsSink sink, boolean last) {
        if (rows == null) rows = new Rows(CHUNK, config.width());
        Rows r = rows;
        int c = config.width();
        int p0 = length;
        float eps = GptConfig.LAYER_NORM_EPS;
        for (int i = 0; i < t; i++) {                                                     // (T, C)
            w.wte.weightsInto(ids[from + i], r.x, i * c);
            ops.add(r.x, i * c, w.wpe, (p0 + i) * c, r.x, i * c, c);
        }
        for (int l = 0; l < w.blocks.length; l++) {
            ModelWeights.Block b = w.blocks[l];
            ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln1Weight(), b.ln1Bias(), t, c, eps);
            products(b.qkv(), r.ln, t, r.qkv, b.qkvBias());                               // (T, 3C)
            int layer = l;
            // a chunk that starts the context attends only to itself: training's causal attention, whose
            // register-tiled products run several times faster than one query at a time over the cache
            boolean alone = p0 == 0 && t > 1;
            Parallel.range(config.heads(), 1, (lo, hi) -> {
                for (int h = lo; h < hi; h++) {
                    for (int i = 0; i < t; i++) cache.put(layer, h, p0 + i, r.qkv, i * 3 * c);
                    if (!alone) for (int i = 0; i < t; i++) attendHead(layer, h, r.qkv, i * 3 * c, p0 + i, r.att, i * c);
                }
            });
            if (alone) ops.attention(r.qkv, r.att, r.weights(config.heads(), t), 1, t, c, config.heads());  // (T, C)
            products(b.attnProj(), r.att, t, r.proj, b.attnProjBias());
            ops.add(r.x, 0, r.proj, 0, r.x, 0, t * c);
            ops.layerNorm(r.x, r.ln, r.mean, r.rstd, b.ln2Weight(), b.ln2Bias(), t, c, eps);
            products(b.fc(), r.ln, t, r.hidden, b.fcBias());                              // (T, 4C)
            kernels.gelu(r.hidden, 0, t * 4 * c);
            products(b.fcProj(), r.hidden, t, r.proj, b.fcProjBias());
            ops.add(r.x, 0, r.proj, 0, r.x, 0, t * c);
        }
        System.arraycopy(ids, from, tokens, p0, t);
        length += t;
        if (sink != null) {
            int v = config.vocabSize();
            if (r.logits == null) r.logits = new float[LOGITS_CHUNK * v];
            ops.layerNorm(r.x, r.ln, r.mean, r.rstd, w.lnfWeight, w.lnfBias, t, c, eps);
            w.wte.matMul(r.ln, t, scratch, r.logits);                                       // (T, V)
            for (int i = 0; i < t; i++) sink.accept(p0 + i, r.logits, i * v);
            if (last) System.arraycopy(r.logits, (t - 1) * v, logits, 0, v);
        } else if (last) {
            System.arraycopy(r.x, (t - 1) * c, x, 0, c);
            layerNorm(x, ln, w.lnfWeight, w.lnfBias);
            product(w.wte, ln, logits, null);
        }
    }

    /** y(t, out) = in(t, in)·W + bias. */
    private void products(Matrix m, float[] in, int t, float[] y, float[] bias) {
        m.matMul(in, t, scratch, y);
        kernels.addBias(y, t, bias, m.outputs());
    }

    // ---- for DecodeBatch, which decodes several sessions' tokens in one pass ----

    KvCache cache() {
        return cache;
    }

    /** Checks that token can be decoded next, as {@link #decode} does. */
    void checkNext(int token) {
        checkToken(token);
        room(1);
    }

    /** Records a token whose keys, values and logits a batch has just computed. */
    void appended(int token) {
        tokens[length++] = token;
    }

    private void room(int n) {
        if (length + n > cache.capacity) {
            throw new IllegalStateException("the session is full: " + length + " + " + n + " tokens exceed its " + cache.capacity);
        }
    }

    private void checkToken(int id) {
        if (id < 0 || id >= config.vocabSize()) throw new IllegalArgumentException("token id " + id + " outside the vocabulary [0, " + config.vocabSize() + ")");
    }
}
