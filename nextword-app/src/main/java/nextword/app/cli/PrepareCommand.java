package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nextword.data.AtomicFile;
import nextword.data.Corpus;
import nextword.data.CorpusEncoder;
import nextword.data.TokenFile;
import nextword.kernels.Parallel;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Encodes a corpus once into a token file, with its tokenizer beside it, ready for training. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Encode a corpus into DIR/" + TokenFile.NAME + " (training and validation splits) and save the tokenizer in DIR.")
public final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Option(names = "--tokenizer", paramLabel = "T", defaultValue = "gpt2",
            description = "gpt2, a folder with a saved tokenizer, char, or word[:N] (built from the corpus). Default: ${DEFAULT-VALUE}.")
    String tokenizer;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the token file and the tokenizer.")
    Path out;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.1",
            description = "Fraction of the tokens, at the end, kept for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!(validation >= 0 && validation < 1)) throw new IllegalArgumentException("--validation must be in [0, 1), got " + validation);
        Corpus c = corpus.open();
        Tokenizer tok = Tokenizers.load(tokenizer, c, List.of());
        Files.createDirectories(out);
        Tokenizers.save(tok, out);
        long t0 = System.nanoTime();
        ProgressLine progress = new ProgressLine(err, "prepare");
        CorpusEncoder.Result r = CorpusEncoder.encode(c, tok, out.resolve(TokenFile.NAME), validation,
                (done, total, tokens) -> progress.bytes(done, total, tokens, "tokens"));
        progress.done();
        double s = (System.nanoTime() - t0) / 1e9;
        CorpusOptions.reportMalformed(err, r.malformedReport());
        ObjectMapper m = new ObjectMapper();
        ObjectNode info = m.createObjectNode()
                .put("corpus", c.name()).put("include", corpus.include).put("documents", r.documents()).put("bytes", r.bytes())
                .put("tokenizer", tokenizer).put("vocab_size", tok.vocabSize())
                .put("fingerprint", Long.toHexString(Tokenizers.fingerprint(tok)))
                .put("tokens", r.tokens()).put("train_tokens", r.trainTokens()).put("validation_tokens", r.validationTokens())
                .put("malformed_utf8", r.malformed()).put("seconds", Math.round(s * 100) / 100.0).put("threads", Parallel.threads());
        AtomicFile.write(out.resolve("prepare.json"), o -> m.writerWithDefaultPrettyPrinter().writeValue(o, info));
        PrintWriter o = spec.commandLine().getOut();
        o.printf("prepared %,d tokens (%,d training, %,d validation) from %s (%.1f MB, %d document%s) in %.1f s (%s tokens/s) → %s%n",
                r.tokens(), r.trainTokens(), r.validationTokens(), c.name(), r.bytes() / 1e6, r.documents(), r.documents() == 1 ? "" : "s",
                s, ProgressLine.human(r.tokens() / Math.max(s, 1e-3)), out.resolve(TokenFile.NAME));
        o.flush();
        return 0;
    }
}
