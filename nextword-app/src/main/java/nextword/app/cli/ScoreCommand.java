package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.infer.LanguageModel;
import nextword.infer.Scorer;
import nextword.tokenize.Tokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How probable a model finds a text: per-token log-probabilities, loss, perplexity and bits per byte. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a text: the log-probability of each token, the loss, perplexity and bits per byte.")
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextInput input;

    @Option(names = "--summary", description = "Only the totals, not a line per token.")
    boolean summary;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String text = input.read(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        try (LanguageModel m = model.load()) {
            spec.commandLine().getErr().println("nextword: " + m.describe());
            long t0 = System.nanoTime();
            Scorer.Score s = Scorer.score(m.newSession(), text);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Tokenizer tok = m.tokenizer();
            int offset = s.firstScored() ? 0 : 1;
            if (json) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("tokens", s.ids().length).put("scored", s.logprobs().length).put("bytes", s.bytes());
                o.put("loss", s.loss()).put("perplexity", s.perplexity()).put("bits_per_byte", s.bitsPerByte());
                o.put("first_token_scored", s.firstScored()).put("tokens_per_second", s.ids().length / seconds);
                if (!summary) {
                    ArrayNode a = o.putArray("per_token");
                    for (int i = 0; i < s.logprobs().length; i++) {
                        int id = s.ids()[i + offset];
                        a.addObject().put("id", id).put("piece", tok.piece(id)).put("logprob", s.logprobs()[i]);
                    }
                }
                out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                if (!summary) {
                    out.println("   log p      p   token");
                    for (int i = 0; i < s.logprobs().length; i++) {
                        int id = s.ids()[i + offset];
                        float lp = s.logprobs()[i];
                        out.printf(Locale.ROOT, "%8.3f %6.2f%%  '%s'%n", lp, 100 * Math.exp(lp), tok.piece(id).replace("\n", "\\n"));
                    }
                }
                out.printf(Locale.ROOT, "%d tokens (%d scored, %d bytes): loss %.4f nats/token, perplexity %.3f, %.4f bits per byte (%.0f tok/s)%n",
                        s.ids().length, s.logprobs().length, s.bytes(), s.loss(), s.perplexity(), s.bitsPerByte(), s.ids().length / seconds);
            }
            out.flush();
        }
        return 0;
    }
}
