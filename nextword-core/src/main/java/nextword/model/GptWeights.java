package nextword.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        for (NamedTensor t : w.tensors) initialize(config, t, random);
        return w;
    }

    /** Fills one tensor as {@link #init} does (for builders that make a model one tensor at a time). */
    public static void initialize(GptConfig config, NamedTensor t, RandomGenerator random) {
        String n = t.name();
        if (n.endsWith("ln_1.weight") || n.endsWith("ln_2.weight") || n.equals("ln_f.weight")) {
            java.util.Arrays.fill(t.data(), 1f);
        } else if (t.shape().length >= 2) {
            float std = n.endsWith("c_proj.weight") ? (float) (0.02 / Math.sqrt(2.0 * config.layers())) : 0.02f;
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) (random.nextGaussian() * std);
        }
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

    /**
     * The name and shape of every tensor of a GPT-2 of this config, in Hugging Face's order, without
     * allocating the tensors (loaders check files against it before reading anything).
     */
    public static Map<String, int[]> shapes(GptConfig config) {
        int c = config.width();
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put("wte.weight", new int[] {config.vocabSize(), c});
        out.put("wpe.weight", new int[] {config.contextLength(), c});
        for (int l = 0; l < config.layers(); l++) {
            String p = "h." + l + ".";
            out.put(p + "ln_1.weight", new int[] {c});
            out.put(p + "ln_1.bias", new int[] {c});
            out.put(p + "attn.c_attn.weight", new int[] {c, 3 * c});
            out.put(p + "attn.c_attn.bias", new int[] {3 * c});
            out.put(p + "attn.c_proj.weight", new int[] {c, c});
            out.put(p + "attn.c_proj.bias", new int[] {c});
            out.put(p + "ln_2.weight", new int[] {c});
            out.put(p + "ln_2.bias", new int[] {c});
            out.put(p + "mlp.c_fc.weight", new int[] {c, 4 * c});
            out.put(p + "mlp.c_fc.bias", new int[] {4 * c});
            out.put(p + "mlp.c_proj.weight", new int[] {4 * c, c});
            out.put(p + "mlp.c_proj.bias", new int[] {c});
        }
        out.put("ln_f.weight", new int[] {c});
        out.put("ln_f.bias", new int[] {c});
        return out;
    }

    private List<NamedTensor> describe() {
        List<float[]> arrays = new ArrayList<>(List.of(wte, wpe));
        for (Block b : h) {
            arrays.addAll(List.of(b.ln1Weight, b.ln1Bias, b.qkvWeight, b.qkvBias, b.attnProjWeight, b.attnProjBias,
                    b.ln2Weight, b.ln2Bias, b.fcWeight, b.fcBias, b.fcProjWeight, b.fcProjBias));
        }
        arrays.add(lnfWeight);
        arrays.add(lnfBias);
        List<NamedTensor> out = new ArrayList<>();
        Iterator<float[]> data = arrays.iterator();
        shapes(config).forEach((name, shape) -> out.add(new NamedTensor(name, shape, data.next())));
        return out;
    }
}
