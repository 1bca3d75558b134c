package nextword.infer;

import java.io.IOException;
import java.util.SplittableRandom;
import nextword.io.NamedTensor;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.CharTokenizer;
import nextword.tokenize.Tokenizer;

/** Small random GPTs for tests, with weights large enough that the logits differ clearly. */
final class TinyModels {

    /** 40 characters, 48 positions, 2 blocks of 4 heads, 64 wide (two Q8 blocks per row). */
    static final GptConfig CONFIG = new GptConfig(40, 48, 2, 4, 64);
    static final String ALPHABET = " abcdefghijklmnopqrstuvwxyz.,;:!?'-\nAUBC";

    private TinyModels() {}

    static GptWeights weights(GptConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GptWeights w = GptWeights.zeros(config);
        for (NamedTensor t : w.tensors()) {
            boolean gain = t.name().endsWith("ln_1.weight") || t.name().endsWith("ln_2.weight") || t.name().equals("ln_f.weight");
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) ((gain ? 1 : 0) + 0.3 * r.nextGaussian());
        }
        return w;
    }

    static Tokenizer tokenizer() {
        return CharTokenizer.of(ALPHABET);
    }

    static LanguageModel model(long seed, Precision precision) throws IOException {
        return LanguageModel.of(weights(CONFIG, seed), tokenizer(), precision);
    }

    static int[] tokens(int n, long seed) {
        return new SplittableRandom(seed).ints(n, 0, CONFIG.vocabSize()).toArray();
    }
}
