package nextword.infer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SegmentAllocator;
import java.util.HashMap;
import java.util.Map;
import nextword.io.GptDirectory;
import nextword.io.NamedTensor;
import nextword.io.WeightFiles;
import nextword.kernels.HugePages;
import nextword.model.GptConfig;
import nextword.model.GptWeights;

/**
 * Every weight of a GPT-2 laid out for inference: the four matrices of each block and the token embedding
 * (which is also the output layer) as {@link Matrix}es off the Java heap, the small vectors (LayerNorm
 * gains and biases, position embeddings) as arrays. Immutable and shared by every session of a model.
 */
final class ModelWeights implements AutoCloseable {

    /** One block's weights; matrices map inputs → outputs (Conv1D's y = x·W). */
    record Block(float[] ln1Weight, float[] ln1Bias, Matrix qkv, float[] qkvBias, Matrix attnProj, float[] attnProjBias,
                 float[] ln2Weight, float[] ln2Bias, Matrix fc, float[] fcBias, Matrix fcProj, float[] fcProjBias) {}

    /** Where a build finds its tensors: small ones as floats, matrices already in their inference layout. */
    interface Source {
        float[] vector(String name) throws IOException;

        /** The matrix stored under name; transposed: the file holds it (outputs, inputs), else (inputs, outputs). */
        Matrix matrix(String name, int inputs, int outputs, boolean transposed) throws IOException;
    }

    final GptConfig config;
    final Precision precision;
    final Matrix wte;       // C → V: the logits; its output j's weights are token j's embedding
    final float[] wpe;      // (maxT, C)
    final Block[] blocks;
    final float[] lnfWeight; // (C)
    final float[] lnfBias;   // (C)
    private final Arena arena;
    private final AutoCloseable files;

    private ModelWeights(GptConfig config, Precision precision, Source src, Arena arena, AutoCloseable files) throws IOException {
        this.config = config;
        this.precision = precision;
        this.arena = arena;
        this.files = files;
        int c = config.width();
        wte = src.matrix("wte.weight", c, config.vocabSize(), true);
        wpe = src.vector("wpe.weight");
        blocks = new Block[config.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            blocks[l] = new Block(src.vector(p + "ln_1.weight"), src.vector(p + "ln_1.bias"),
                    src.matrix(p + "attn.c_attn.weight", c, 3 * c, false), src.vector(p + "attn.c_attn.bias"),
                    src.matrix(p + "attn.c_proj.weight", c, c, false), src.vector(p + "attn.c_proj.bias"),
                    src.vector(p + "ln_2.weight"), src.vector(p + "ln_2.bias"),
                    src.matrix(p + "mlp.c_fc.weight", c, 4 * c, false), src.vector(p + "mlp.c_fc.bias"),
                    src.matrix(p + "mlp.c_proj.weight", 4 * c, c, false), src.vector(p + "mlp.c_proj.bias"));
        }
        lnfWeight = src.vector("ln_f.weight");
        lnfBias = src.vector("ln_f.bias");
    }

    /** Builds from tensors that are floats (a training model's, or a float checkpoint's), in either precision. */
    static ModelWeights build(GptConfig config, Precision precision, FloatSource floats, AutoCloseable files) throws IOException {
        Arena arena = Arena.ofShared();
        SegmentAllocator memory = HugePages.pool(arena); // every matrix on huge pages, the small ones too
        try {
            return new ModelWeights(config, precision, new Source() {
                @Override
                public float[] vector(String name) throws IOException {
                    return floats.get(name);
                }

                @Override
                public Matrix matrix(String name, int inputs, int outputs, boolean transposed) throws IOException {
                    float[] w = floats.get(name);
                    return precision == Precision.Q8_0 ? Q8Matrix.quantize(w, inputs, outputs, transposed, memory)
                            : PanelMatrix.pack(w, inputs, outputs, transposed, memory);
                }
            }, arena, files);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Builds over an 8-bit checkpoint's mapping (see {@link QuantizedFormat}); files stay open until {@link #close()}. */
    static ModelWeights quantizedFile(GptConfig config, WeightFiles files) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new ModelWeights(config, Precision.Q8_0, QuantizedFormat.source(files, config), arena, files);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The tensors of a float checkpoint or model, by name. */
    @FunctionalInterface
    interface FloatSource {
        float[] get(String name) throws IOException;
    }

    /** In memory from a training model's weights (copied; the arrays may change afterwards). */
    static ModelWeights of(GptWeights w, Precision precision) throws IOException {
        Map<String, float[]> byName = new HashMap<>();
        for (NamedTensor t : w.tensors()) byName.put(t.name(), t.data().clone());
        return build(w.config, precision, byName::get, null);
    }

    /** From a float checkpoint's files (F32, F16 or BF16), checked; the files may be closed afterwards. */
    static ModelWeights load(GptConfig config, WeightFiles files, Precision precision) throws IOException {
        GptDirectory.checkTensors(files, config);
        if (files.contains("lm_head.weight") && !java.util.Arrays.equals(files.floats("lm_head.weight"), files.floats("wte.weight"))) {
            throw GptDirectory.untied(files);
        }
        return build(config, precision, name -> GptDirectory.finite(files, name), null);
    }

    /** Bytes of weights one token's forward pass reads: every matrix once, plus the vectors. */
    long bytesPerToken() {
        long b = wte.bytes() + 4L * config.width() * 5;
        for (Block k : blocks) {
            b += k.qkv.bytes() + k.attnProj.bytes() + k.fc.bytes() + k.fcProj.bytes();
            b += 4L * (k.ln1Weight.length * 4 + k.qkvBias.length + k.attnProjBias.length + k.fcBias.length + k.fcProjBias.length);
        }
        return b;
    }

    @Override
    public void close() {
        arena.close();
        if (files != null) {
            try {
                files.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
