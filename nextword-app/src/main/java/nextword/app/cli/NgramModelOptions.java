package nextword.app.cli;

import nextword.ngram.Smoothing;
import picocli.CommandLine.Option;

/** How a model is made from counts: its order and its smoothing (train, and generate without --model). */
public final class NgramModelOptions {

    @Option(names = "--order", defaultValue = "3", paramLabel = "N", description = "The n of the n-grams (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--smoothing", defaultValue = "kn", paramLabel = "S",
            description = "kn (interpolated modified Kneser-Ney) or add-K, e.g. add-1, add-0.01 (default: ${DEFAULT-VALUE}).")
    String smoothing;

    Smoothing smoothing() {
        return Smoothing.parse(smoothing);
    }
}
