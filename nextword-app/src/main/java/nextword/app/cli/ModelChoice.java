package nextword.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import nextword.infer.LanguageModel;
import nextword.infer.Precision;
import nextword.model.GptConfig;
import nextword.model.GptWeights;
import nextword.tokenize.Tokenizers;
import picocli.CommandLine.Option;

/** Which model a command runs: a directory (--model), or random weights of a preset size with GPT-2's tokenizer (--preset, for benchmarks). */
public final class ModelChoice {

    @Option(names = "--model", paramLabel = "DIR", description = "A Hugging Face GPT-2 directory (config.json, model.safetensors, tokenizer files).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME", description = "Instead of --model: random weights of this size (tiny, mini, small, gpt2, …) with GPT-2's tokenizer.")
    String preset;

    @Option(names = "--int8", description = "Quantize float weights to 8 bits when loading (q8_0).")
    boolean int8;

    /** Loads the model chosen. */
    public LanguageModel load() throws IOException {
        if ((model == null) == (preset == null)) throw new IllegalArgumentException("give exactly one of --model DIR or --preset NAME");
        Precision precision = int8 ? Precision.Q8_0 : Precision.FLOAT32;
        if (model != null) return LanguageModel.load(model, precision);
        GptConfig config = GptConfig.preset(preset);
        return LanguageModel.of(GptWeights.init(config, new SplittableRandom(1337)), Tokenizers.gpt2(List.of()), precision);
    }

    /** The name clients use for it: the directory's name, or the preset's. */
    public String name() {
        return model != null ? model.toAbsolutePath().normalize().getFileName().toString() : preset;
    }
}
