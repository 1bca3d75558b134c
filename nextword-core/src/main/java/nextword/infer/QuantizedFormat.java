package nextword.infer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nextword.io.GptDirectory;
import nextword.io.SafeTensors;
import nextword.io.WeightFiles;
import nextword.kernels.Q8;
import nextword.model.GptConfig;
import nextword.model.GptWeights;

/**
 * The 8-bit checkpoint: a safetensors file whose metadata says {@code "quantization": "q8_0"}. Each matrix
 * (the token embedding and the four per block) is an I8 tensor under its usual name holding the panels the
 * kernels read ({@link Q8}): shape (⌈outputs/32⌉, inputs/2, 64), each 64-byte line the weights of 32 outputs
 * for two consecutive inputs, interleaved by output; with an F32 tensor {@code <name>_scale} of shape
 * (⌈outputs/32⌉, inputs/32, 32), a scale per output and block of 32 inputs. Every other tensor stays F32.
 * Loading maps the file and reads the matrices in place, so the metadata's {@code "q8_0.version"} names the
 * layout: files of another version (the first, unversioned one stored a row per output) are refused.
 */
final class QuantizedFormat {

    static final String KEY = "quantization";
    static final String Q8_0 = "q8_0";
    static final String SCALE = "_scale";
    static final String VERSION_KEY = "q8_0.version";
    /** 2: panels of 32 outputs, two inputs interleaved per 64-byte line. (1, unversioned: a row per output.) */
    static final String VERSION = "2";

    private QuantizedFormat() {}

    static boolean isQuantized(WeightFiles files) {
        return files.metadata().containsKey(KEY);
    }

    private static boolean isMatrix(String name) {
        return name.equals("wte.weight") || name.endsWith(".c_attn.weight") || name.endsWith(".c_proj.weight") || name.endsWith(".c_fc.weight");
    }

    /** The (inputs, outputs) of a matrix tensor of GPT-2's shape table. */
    private static int[] inOut(String name, int[] shape) {
        return name.equals("wte.weight") ? new int[] {shape[1], shape[0]} : shape;
    }

    private static int[] weightShape(int inputs, int outputs) {
        return new int[] {Q8.panels(outputs), inputs / 2, 64};
    }

    private static int[] scaleShape(int inputs, int outputs) {
        return new int[] {Q8.panels(outputs), inputs / Q8.BLOCK, Q8.PANEL};
    }

    /** Checks every tensor of an 8-bit checkpoint against config before anything is read, and serves them. */
    static ModelWeights.Source source(WeightFiles files, GptConfig config) throws IOException {
        String kind = files.metadata().get(KEY);
        if (!Q8_0.equals(kind)) throw new IOException(files.source() + ": quantization '" + kind + "' is not supported (only " + Q8_0 + ")");
        String version = files.metadata().get(VERSION_KEY);
        if (!VERSION.equals(version)) {
            throw new IOException(files.source() + ": 8-bit layout " + (version == null ? "1 (unversioned, a row per output)" : "'" + version + "'")
                    + " is not this version's (" + VERSION + "); quantize the float model again with `nextword quantize`");
        }
        Map<String, int[]> shapes = GptWeights.shapes(config);
        Map<String, int[]> want = new LinkedHashMap<>();
        Map<String, SafeTensors.DType> dtypes = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            if (isMatrix(name)) {
                int[] io = inOut(name, shape);
                want.put(name, weightShape(io[0], io[1]));
                dtypes.put(name, SafeTensors.DType.I8);
                want.put(name + SCALE, scaleShape(io[0], io[1]));
                dtypes.put(name + SCALE, SafeTensors.DType.F32);
            } else {
                want.put(name, shape);
                dtypes.put(name, SafeTensors.DType.F32);
            }
        });
        for (String name : files.names()) {
            if (!want.containsKey(name)) throw new IOException(files.file(name) + " has an unexpected tensor '" + name + "' (not an 8-bit GPT-2 of this config?)");
            SafeTensors.Entry e = files.entry(name);
            if (e.dtype() != dtypes.get(name) || !Arrays.equals(e.shape(), want.get(name))) {
                throw new IOException(files.file(name) + ": '" + name + "' is " + e.dtype() + " " + Arrays.toString(e.shape())
                        + ", an 8-bit GPT-2 of this config needs " + dtypes.get(name) + " " + Arrays.toString(want.get(name)));
            }
        }
        for (String name : want.keySet()) if (!files.contains(name)) throw new IOException(files.source() + " lacks tensor '" + name + "'");
        for (String name : want.keySet()) {
            if (name.endsWith(SCALE)) {
                float[] s = GptDirectory.finite(files, name);
                for (int i = 0; i < s.length; i++) if (s[i] < 0) throw new IOException(files.file(name) + ": '" + name + "' has a negative scale at " + i);
            }
        }
        return new ModelWeights.Source() {
            @Override
            public float[] vector(String name) throws IOException {
                return GptDirectory.finite(files, name);
            }

            @Override
            public Matrix matrix(String name, int inputs, int outputs, boolean transposed) throws IOException {
                return new Q8Matrix(files.bytes(name), files.bytes(name + SCALE), inputs, outputs);
            }
        };
    }

    /** Writes an 8-bit model's weights (and metadata) as one safetensors file, atomically. */
    static void write(Path file, ModelWeights w, Map<String, String> metadata) throws IOException {
        if (w.precision != Precision.Q8_0) throw new IllegalArgumentException("the model is not 8-bit");
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("wte.weight", w.wte);
        byName.put("wpe.weight", w.wpe);
        for (int l = 0; l < w.blocks.length; l++) {
            ModelWeights.Block b = w.blocks[l];
            String p = "h." + l + ".";
            Object[] parts = {b.ln1Weight(), b.ln1Bias(), b.qkv(), b.qkvBias(), b.attnProj(), b.attnProjBias(),
                    b.ln2Weight(), b.ln2Bias(), b.fc(), b.fcBias(), b.fcProj(), b.fcProjBias()};
            String[] names = {"ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias",
                    "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias"};
            for (int i = 0; i < names.length; i++) byName.put(p + names[i], parts[i]);
        }
        byName.put("ln_f.weight", w.lnfWeight);
        byName.put("ln_f.bias", w.lnfBias);
        Map<String, int[]> shapes = GptWeights.shapes(w.config);
        List<SafeTensors.Raw> raw = new ArrayList<>();
        for (Map.Entry<String, Object> e : byName.entrySet()) {
            String name = e.getKey();
            switch (e.getValue()) {
                case Q8Matrix m -> {
                    raw.add(new SafeTensors.Raw(name, SafeTensors.DType.I8, weightShape(m.inputs(), m.outputs()), m.q()));
                    raw.add(new SafeTensors.Raw(name + SCALE, SafeTensors.DType.F32, scaleShape(m.inputs(), m.outputs()), m.scales()));
                }
                case float[] v -> raw.add(new SafeTensors.Raw(name, SafeTensors.DType.F32, shapes.get(name), MemorySegment.ofArray(v)));
                default -> throw new IllegalStateException("unexpected tensor kind for " + name);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "nextword");
        meta.put(KEY, Q8_0);
        meta.put(VERSION_KEY, VERSION);
        meta.put("q8_0.block_size", Integer.toString(Q8.BLOCK));
        meta.put("q8_0.layout", "I8 (ceil(outputs/32), inputs/2, 64): W(p, j) at [j/32][p/2][2*(j%32) + p%2]; "
                + "<name>_scale F32 (ceil(outputs/32), inputs/32, 32): scale of W(p, j) at [j/32][p/32][j%32]; w = q * scale");
        meta.putAll(metadata);
        SafeTensors.writeRaw(file, raw, meta);
    }
}
