package nextword.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nextword.infer.GeneratedToken;
import nextword.infer.SamplingOptions;
import nextword.infer.TokenListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What generate and chat share: the model, and the sampling options as flags. */
final class GenerationFlags {

    @Mixin
    ModelOptions model;


    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64", description = "The most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8",
            description = "0 picks the likeliest token; 1 samples the model's probabilities; the essay found 0.8 best (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Sample among the K likeliest tokens only (0: all).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Sample among the likeliest tokens holding probability P (1: all).")
    float topP;

    @Option(names = "--min-p", paramLabel = "P", defaultValue = "0", description = "Drop tokens less likely than P × the likeliest one (0: none).")
    float minP;

    @Option(names = "--repeat-penalty", paramLabel = "R", defaultValue = "1", description = "Divide the logits of recent tokens by R (1: off; 1.1 is common).")
    float repeatPenalty;

    @Option(names = "--presence-penalty", paramLabel = "X", defaultValue = "0", description = "Subtract X from the logits of recent tokens.")
    float presencePenalty;

    @Option(names = "--frequency-penalty", paramLabel = "X", defaultValue = "0", description = "Subtract X × count from the logits of recent tokens.")
    float frequencyPenalty;

    @Option(names = "--penalty-window", paramLabel = "N", defaultValue = "64", description = "How many recent tokens the penalties look at (-1: all; default: ${DEFAULT-VALUE}).")
    int penaltyWindow;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed: the same seed gives the same text (default: a random one, printed).")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text appears (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "Keep generating past <|endoftext|>.")
    boolean ignoreEos;

    /** Prints each token's text as it comes (and the held-back tail at the end). */
    static TokenListener printing(PrintWriter out) {
        return new TokenListener() {
            @Override
            public boolean onToken(GeneratedToken t) {
                out.print(t.text());
                out.flush();
                return true;
            }

            @Override
            public void onTail(String text) {
                out.print(text);
            }
        };
    }

    /** The options, with topLogprobs alternatives reported per token. */
    SamplingOptions options(int topLogprobs) {
        long s = seed != null ? seed : new SplittableRandom().nextLong() >>> 1;
        seed = s;
        return new SamplingOptions(temperature, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyWindow,
                s, maxTokens, stop, topLogprobs, ignoreEos);
    }
}
