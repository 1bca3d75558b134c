package nextword.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import nextword.io.NamedTensor;

/**
 * Every trainable number of a GPT-2, one array per tensor, under Hugging Face's names (without the
 * {@code transformer.} prefix). Linear layers are GPT-2's "Conv1D": weight (in, out), y = x·W + b.
 * The same structure holds gradients and the optimizer's moments, so all of them line up tensor by tensor.
 */
public final class GptWeights {

    /** One transformer block's tensors (h.N.* in Hugging Face's names). */
    public static final class Block {
        public final float[] ln1Weight;     // (C)        ln_1.weight
        public final float[] ln1Bias;       // (C)        ln_1.bias
        public final float[] qkvWeight;     // (C, 3C)    attn.c_attn.weight
        public final float[] qkvBias;       // (3C)       attn.c_attn.bias
        public final float[] attnProjWeight; // (C, C)    attn.c_proj.weight
        public final float[] attnProjBias;  // (C)        attn.c_proj.bias
        public final float[] ln2Weight;     // (C)        ln_2.weight
        public final float[] ln2Bias;       // (C)        ln_2.bias
        public final float[] fcWeight;      // (C, 4C)    mlp.c_fc.weight
        public final float[] fcBias;        // (4C)       mlp.c_fc.bias
        public final float[] fcProjWeight;  // (4C, C)    mlp.c_proj.weight
        public final float[] fcProjBias;    // (C)        mlp.c_proj.bias

        Block(int c) {
            ln1Weight = new float[c];
            ln1Bias = new float[c];
            qkvWeight = new float[c * 3 * c];
            qkvBias = new float[3 * c];
            attnProjWeight = new float[c * c];
            attnProjBias = new float[c];
            ln2Weight = new float[c];
            ln2Bias = new float[c];
            fcWeight = new float[c * 4 * c];
            fcBias = new float[4 * c];
            fcProjWeight = new float[4 * c * c];
            fcProjBias = new float[c];
        }
    }

    public final GptConfig config;
    public final float[] wte;       // (V, C) token embedding, also the output layer
    public final float[] wpe;       // (maxT, C) position embedding
    public final Block[] h;
    public final float[] lnfWeight; // (C)
    public final float[] lnfBias;   // (C)

    private final List<NamedTensor> tensors;

    private GptWeights(GptConfig config) {
        this.config = config;
        int c = config.width();
        wte = new float[config.vocabSize() * c];
        wpe = new float[config.contextLength() * c];
        h = new Block[config.layers()];
        for (int l = 0; l < h.length; l++) h[l] = new Block(c);
        lnfWeight = new float[c];
        lnfBias = new float[c];
        tensors = List.copyOf(describe());
    }

    /** All zeros: for gradients and optimizer moments. */
    public static GptWeights zeros(GptConfig config) {
        return new GptWeights(config);
    }

    /**
     * GPT-2's initialization: matrices and embeddings ~ N(0, 0.02²), the two projections that write into the
     * residual stream scaled down by √(2·layers) so the stream's variance does not grow with depth, biases 0,
     * LayerNorm gains 1.
     */
    public static GptWeights init(GptConfig config, RandomGenerator random) {
        GptWeights w = new GptWeights(config);
        float residualStd = (float) (0.02 / Math.sqrt(2.0 * config.layers()));
        for (NamedTensor t : w.tensors) {
            String n = t.name();
            if (n.endsWith("ln_1.weight") || n.endsWith("ln_2.weight") || n.equals("ln_f.weight")) {
                java.util.Arrays.fill(t.data(), 1f);
            } else if (t.shape().length >= 2) {
                float std = n.endsWith("c_proj.weight") ? residualStd : 0.02f;
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) d[i] = (float) (random.nextGaussian() * std);
            }
        }
        return w;
    }

    /** The tensors in Hugging Face's order, sharing this object's arrays (writes go through). */
    public List<NamedTensor> tensors() {
        return tensors;
    }

    /** Sets every number to zero (gradients before a step). */
    public void zero() {
        for (NamedTensor t : tensors) java.util.Arrays.fill(t.data(), 0f);
    }

    /** Copies every tensor of other (same config) into this one. */
    public void copyFrom(GptWeights other) {
        if (!other.config.equals(config)) throw new IllegalArgumentException("config mismatch: " + other.config + " vs " + config);
        for (int i = 0; i < tensors.size(); i++) {
            float[] src = other.tensors.get(i).data();
            System.arraycopy(src, 0, tensors.get(i).data(), 0, src.length);
        }
    }

    private List<NamedTensor> describe() {
        int c = config.width();
        List<NamedTensor> out = new ArrayList<>();
        out.add(new NamedTensor("wte.weight", new int[] {config.vocabSize(), c}, wte));
        out.add(new NamedTensor("wpe.weight", new int[] {config.contextLength(), c}, wpe));
        for (int l = 0; l < h.length; l++) {
            Block b = h[l];
            String p = "h." + l + ".";
            out.add(new NamedTensor(p + "ln_1.weight", new int[] {c}, b.ln1Weight));
            out.add(new NamedTensor(p + "ln_1.bias", new int[] {c}, b.ln1Bias));
            out.add(new NamedTensor(p + "attn.c_attn.weight", new int[] {c, 3 * c}, b.qkvWeight));
            out.add(new NamedTensor(p + "attn.c_attn.bias", new int[] {3 * c}, b.qkvBias));
            out.add(new NamedTensor(p + "attn.c_proj.weight", new int[] {c, c}, b.attnProjWeight));
            out.add(new NamedTensor(p + "attn.c_proj.bias", new int[] {c}, b.attnProjBias));
            out.add(new NamedTensor(p + "ln_2.weight", new int[] {c}, b.ln2Weight));
            out.add(new NamedTensor(p + "ln_2.bias", new int[] {c}, b.ln2Bias));
            out.add(new NamedTensor(p + "mlp.c_fc.weight", new int[] {c, 4 * c}, b.fcWeight));
            out.add(new NamedTensor(p + "mlp.c_fc.bias", new int[] {4 * c}, b.fcBias));
            out.add(new NamedTensor(p + "mlp.c_proj.weight", new int[] {4 * c, c}, b.fcProjWeight));
            out.add(new NamedTensor(p + "mlp.c_proj.bias", new int[] {c}, b.fcProjBias));
        }
        out.add(new NamedTensor("ln_f.weight", new int[] {c}, lnfWeight));
        out.add(new NamedTensor("ln_f.bias", new int[] {c}, lnfBias));
        return out;
    }
}
