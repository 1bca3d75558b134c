package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import nextword.infer.GeneratedToken;
import nextword.infer.Generation;
import nextword.infer.Generator;
import nextword.infer.LanguageModel;
import nextword.infer.SamplingOptions;
import nextword.infer.TokenListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The essay's loop on a real model: the prompt, then one token at a time, each printed as it comes. With
 * --show-probs, every step shows the table of likeliest next tokens the essay draws.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt one token at a time (streamed), with temperature, top-k/p, min-p, penalties, stop strings.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GenerationFlags flags;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "", description = "The text to continue (empty: start a new document).")
    String prompt;

    @Option(names = "--show-probs", paramLabel = "K", defaultValue = "0",
            description = "At every step print the K likeliest next tokens and their probabilities (at most 20).")
    int showProbs;

    @Option(names = "--json", description = "Print one JSON object at the end (text, tokens with log-probabilities, speeds) instead of streaming.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (showProbs < 0 || showProbs > SamplingOptions.MAX_TOP_LOGPROBS) throw new IllegalArgumentException("--show-probs must be in [0, 20]");
        SamplingOptions options = flags.options(showProbs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LanguageModel m = flags.model.load()) {
            err.println("nextword: " + m.describe());
            err.flush();
            int[] ids = Generator.encode(m, prompt);
            TokenListener listener = json ? null : showProbs > 0 ? tables(out) : GenerationFlags.printing(out);
            if (!json && showProbs == 0) {
                out.print(prompt);
                out.flush();
            }
            Generation g = Generator.generate(m.newSession(), ids, options, listener);
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(toJson(m, g, options)));
            } else {
                if (showProbs > 0) out.print(prompt + g.text());
                out.println();
                err.printf(Locale.ROOT, "nextword: prompt %d tokens at %.1f tok/s; generated %d tokens at %.1f tok/s; finish: %s; seed %d%n",
                        g.promptTokens(), g.promptTokensPerSecond(), g.tokens().size(), g.tokensPerSecond(),
                        g.finish().name().toLowerCase(Locale.ROOT), options.seed());
            }
            out.flush();
            err.flush();
        }
        return 0;
    }

    /** Prints the table of likeliest tokens at each step, the chosen one marked. */
    private TokenListener tables(PrintWriter out) {
        StringBuilder context = new StringBuilder(prompt);
        int[] step = {0};
        return t -> {
            out.printf(Locale.ROOT, "[%d] …%s%n", ++step[0], visible(tail(context, 48)));
            boolean shown = false;
            for (GeneratedToken.Alternative a : t.top()) {
                boolean chosen = a.id() == t.id();
                shown |= chosen;
                out.printf(Locale.ROOT, "   %6.2f%%  %s%s%n", 100 * Math.exp(a.logprob()), quoted(a.piece()), chosen ? "  ←" : "");
            }
            if (!shown) out.printf(Locale.ROOT, "   %6.2f%%  %s  ← (sampled outside the top %d)%n", 100 * Math.exp(t.logprob()), quoted(t.piece()), t.top().size());
            context.append(t.text());
            out.flush();
            return true;
        };
    }

    private static String tail(CharSequence s, int n) {
        return s.length() <= n ? s.toString() : s.subSequence(s.length() - n, s.length()).toString();
    }

    /** Newlines and tabs shown as escapes, so a table row stays one line. */
    private static String visible(String s) {
        return s.replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String quoted(String piece) {
        return "'" + visible(piece) + "'";
    }

    private ObjectNode toJson(LanguageModel m, Generation g, SamplingOptions options) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("model", flags.model.model.toString()).put("precision", m.precision().name().toLowerCase(Locale.ROOT));
        o.put("prompt", prompt).put("prompt_tokens", g.promptTokens());
        o.put("text", g.text()).put("finish_reason", g.finish().name().toLowerCase(Locale.ROOT)).put("seed", options.seed());
        ArrayNode tokens = o.putArray("tokens");
        for (GeneratedToken t : g.tokens()) {
            ObjectNode n = tokens.addObject().put("id", t.id()).put("piece", t.piece()).put("text", t.text()).put("logprob", t.logprob());
            ArrayNode top = n.putArray("top");
            for (GeneratedToken.Alternative a : t.top()) top.addObject().put("id", a.id()).put("piece", a.piece()).put("logprob", a.logprob());
        }
        o.put("prompt_tokens_per_second", g.promptTokensPerSecond()).put("tokens_per_second", g.tokensPerSecond());
        return o;
    }
}
