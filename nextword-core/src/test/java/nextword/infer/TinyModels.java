package nextword.infer;

import java.io.IOException;
import java.util.SplittableRandom;
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

    /** GPT-2's initialization with matrices 15× rougher, plus noise on every bias and gain, so no path computes with zeros. */
    static GptWeights weights(GptConfig config, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GptWeights w = GptWeights.init(config, r);
        for (var t : w.tensors()) {
            float[] d = t.data();
            float rough = t.shape().length >= 2 ? 15 : 1; // matrices; LayerNorm gains stay near 1
            for (int i = 0; i < d.length; i++) d[i] = d[i] * rough + (float) (0.1 * r.nextGaussian());
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
