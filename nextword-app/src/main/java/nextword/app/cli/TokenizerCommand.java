package nextword.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nextword.data.Corpus;
import nextword.tokenize.BpeTrainer;
import nextword.tokenize.ByteLevelBpe;
import nextword.tokenize.HuggingFaceFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nextword tokenizer …}: work on tokenizers themselves. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Make tokenizers.",
        subcommands = TokenizerCommand.Train.class)
public final class TokenizerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Learns a byte-level BPE (GPT-2's scheme) from a corpus and writes it as Hugging Face files. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Learn a byte-level BPE (GPT-2's scheme) from a corpus; writes vocab.json, merges.txt and tokenizer.json.")
    public static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CorpusOptions corpus;

        @Option(names = "--vocab-size", paramLabel = "N", required = true,
                description = "Tokens in the vocabulary: 256 bytes, N-257 merges and <|endoftext|>.")
        int vocabSize;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the tokenizer into.")
        Path out;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (vocabSize < 257) throw new IllegalArgumentException("--vocab-size must be at least 257 (256 bytes + <|endoftext|>), got " + vocabSize);
            Corpus c = corpus.open();
            long t0 = System.nanoTime();
            ProgressLine counting = new ProgressLine(err, "counting");
            ProgressLine[] merging = {null};  // started at the first merge, so its rate and ETA exclude counting
            ByteLevelBpe bpe = BpeTrainer.train(c, vocabSize, (phase, done, total) -> {
                if (phase.equals("counting")) {
                    counting.bytes(done, total, 0, null);
                    return;
                }
                if (merging[0] == null) {
                    counting.done();
                    merging[0] = new ProgressLine(err, "merging ");
                }
                merging[0].steps(done, total, "merges");
            });
            (merging[0] != null ? merging[0] : counting).done();
            HuggingFaceFiles.write(bpe, out);
            double s = (System.nanoTime() - t0) / 1e9;
            PrintWriter o = spec.commandLine().getOut();
            o.printf("trained %d tokens (%d merges) on %s (%.1f MB) in %.1f s → %s%n", bpe.vocabSize(), bpe.mergeCount(), c.name(), c.sizeBytes() / 1e6, s, out);
            if (bpe.vocabSize() < vocabSize) o.printf("the corpus had no pair left to merge: %d tokens instead of %d%n", bpe.vocabSize(), vocabSize);
            o.flush();
            return 0;
        }
    }
}
