package nextword.app.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import nextword.ngram.NgramText;
import nextword.ngram.NgramText.Alphabet;
import nextword.ngram.NgramText.Segment;
import nextword.ngram.NgramText.Split;
import nextword.ngram.NgramText.Unit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every n-gram command shares: which text, cut into which units, which part of it. */
public final class NgramTextOptions {

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Option(names = "--unit", defaultValue = "letter", paramLabel = "UNIT",
            description = "letter, word (lower-cased, most common --vocab words) or token (GPT-2 BPE) (default: ${DEFAULT-VALUE}).")
    String unit;

    @Option(names = "--alphabet", defaultValue = "all", paramLabel = "SET",
            description = "Letters only: all characters, a-z (the essay's letters), or a-z+space (default: ${DEFAULT-VALUE}).")
    String alphabet;

    @Option(names = "--segment", paramLabel = "KIND",
            description = "Where n-grams stop: line or document (default: line for words, document otherwise).")
    String segment;

    @Option(names = "--split", defaultValue = "all", paramLabel = "PART",
            description = "all, train (all but the last --heldout of the lines) or heldout (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--heldout", defaultValue = "0.1", paramLabel = "F",
            description = "Fraction of lines at the end held out (default: ${DEFAULT-VALUE}).")
    double heldout;

    @Option(names = "--vocab", defaultValue = "40000", paramLabel = "N",
            description = "Words: how many of the most common words have their own id; the rest are <unk> (default: ${DEFAULT-VALUE}).")
    int vocab;

    NgramText.Options options() {
        Unit u = switch (unit.toLowerCase(Locale.ROOT)) {
            case "letter", "letters", "char" -> Unit.LETTER;
            case "word", "words" -> Unit.WORD;
            case "token", "tokens", "bpe" -> Unit.TOKEN;
            default -> throw new IllegalArgumentException("unknown --unit '" + unit + "': use letter, word or token");
        };
        Alphabet a = switch (alphabet.toLowerCase(Locale.ROOT)) {
            case "all" -> Alphabet.ALL;
            case "a-z", "az" -> Alphabet.LETTERS;
            case "a-z+space", "az+space", "a-z+" -> Alphabet.LETTERS_AND_SPACE;
            default -> throw new IllegalArgumentException("unknown --alphabet '" + alphabet + "': use all, a-z or a-z+space");
        };
        if (u != Unit.LETTER && a != Alphabet.ALL) throw new IllegalArgumentException("--alphabet applies to --unit letter only");
        boolean lines = segment == null ? u == Unit.WORD : switch (segment.toLowerCase(Locale.ROOT)) {
            case "line" -> true;
            case "document" -> false;
            default -> throw new IllegalArgumentException("unknown --segment '" + segment + "': use line or document");
        };
        if (vocab < 1) throw new IllegalArgumentException("--vocab must be at least 1, got " + vocab);
        return new NgramText.Options(u, a, lines, heldout);
    }

    Split split() {
        return switch (split.toLowerCase(Locale.ROOT)) {
            case "all" -> Split.ALL;
            case "train" -> Split.TRAIN;
            case "heldout", "held-out", "test" -> Split.HELDOUT;
            default -> throw new IllegalArgumentException("unknown --split '" + split + "': use all, train or heldout");
        };
    }

    /** Every segment of the corpus under these options (both parts, marked); warnings go to stderr. */
    List<Segment> read(NgramText.Options options) throws IOException {
        return NgramText.read(corpus.open(), options, NgramTextOptions::warn);
    }

    /** The corpus as named on the command line. */
    String name() {
        return corpus.corpus;
    }

    static void warn(String message) {
        System.err.println("nextword: warning: " + message);
    }
}
