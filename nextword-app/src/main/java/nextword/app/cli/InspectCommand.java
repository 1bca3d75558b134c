package nextword.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nextword.lab.meaning.AttentionMaps;
import nextword.lab.meaning.EmbeddingArrays;
import nextword.lab.meaning.GptProbe;
import nextword.lab.meaning.JsonFile;
import nextword.lab.meaning.LogitLens;
import nextword.lab.meaning.Trajectory;
import nextword.lab.meaning.WeightPictures;
import nextword.lab.plot.Pictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Looks inside a GPT: embeddings, attention, weights, the logit lens and the path of a text through meaning space. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Look inside a GPT (a model folder: config.json, model.safetensors and its tokenizer) and draw what it computes.",
        subcommands = {InspectCommand.Embeddings.class, InspectCommand.Attention.class, InspectCommand.Weights.class,
                InspectCommand.Lens.class, InspectCommand.TrajectoryCommand.class})
public final class InspectCommand implements Runnable {

    /** The essay's example prompt. */
    static final String PROMPT = "The best thing about AI is its ability to";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every look needs: the model, where to write, and whether to add JSON. */
    static final class Common {
        @Option(names = "--model", required = true, paramLabel = "DIR",
                description = "A model folder, e.g. ../shared/reference/gpt2-tiny or one made by 'nextword train' or 'demo'.")
        Path model;

        @Option(names = "--out", defaultValue = "runs/inspect", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--json", description = "Also write the numbers behind each picture as JSON.")
        boolean json;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        GptProbe open() throws IOException {
            return GptProbe.open(model);
        }

        void png(java.awt.image.BufferedImage image, String file) {
            say("Wrote " + Pictures.save(image, out.resolve(file)));
        }

        void json(String file, Object value) throws IOException {
            if (json) say("Wrote " + JsonFile.write(out.resolve(file), value));
        }

        void say(String line) {
            PrintWriter o = spec.commandLine().getOut();
            o.println(line);
            o.flush();
        }
    }

    /** The text a look runs through the model. */
    static final class Prompt {
        @Option(names = "--text", description = "The text, or the prompt to continue (default: \"" + PROMPT + "\").")
        String text = PROMPT;
    }

    @Command(name = "embeddings", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The token and position embedding arrays of a text, and their sum, as images (rows: tokens; columns: dimensions).")
    static final class Embeddings implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--text", description = "The text (default: \"hello\" ten times, then \"bye\" ten times).")
        String text = EmbeddingArrays.DEFAULT_TEXT;

        @Override
        public Integer call() throws IOException {
            GptProbe probe = common.open();
            EmbeddingArrays arrays = EmbeddingArrays.of(probe, text);
            common.png(arrays.draw(probe.name()), "embeddings.png");
            common.json("embeddings.json", arrays);
            return 0;
        }
    }

    @Command(name = "attention", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Attention weights as heatmaps: every head of one block, and the first head of every block.")
    static final class Attention implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        Prompt prompt;

        @Option(names = "--block", defaultValue = "1", description = "Which block's heads to show, from 1 (default: ${DEFAULT-VALUE}).")
        int block;

        @Override
        public Integer call() throws IOException {
            GptProbe probe = common.open();
            GptProbe.Pass pass = probe.run(prompt.text);
            List<AttentionMaps.Head> heads = AttentionMaps.block(pass, probe.config().heads(), block - 1);
            List<AttentionMaps.Head> first = AttentionMaps.firstHeads(pass);
            common.png(AttentionMaps.draw(probe.name() + ": the " + heads.size() + " attention heads of block " + block, heads, pass.labels()),
                    "attention-block-" + block + ".png");
            common.png(AttentionMaps.draw(probe.name() + ": the first head of each of the " + first.size() + " blocks", first, pass.labels()),
                    "attention-first-heads.png");
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("tokens", pass.labels());
            all.put("block", heads);
            all.put("first_heads", first);
            common.json("attention.json", all);
            return 0;
        }
    }

    @Command(name = "weights", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"A weight matrix as an image with its 64×64 moving average, and the distribution of weight values per block."})
    static final class Weights implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--tensor", defaultValue = "h.0.attn.c_proj.weight",
                description = "Which matrix, by its Hugging Face name (default: ${DEFAULT-VALUE}, block 1's attention output).")
        String tensor;

        @Option(names = "--bins", defaultValue = "100", description = "Histogram bins (default: ${DEFAULT-VALUE}).")
        int bins;

        @Override
        public Integer call() throws IOException {
            if (bins < 2) throw new IllegalArgumentException("--bins must be at least 2");
            GptProbe probe = common.open();
            var w = probe.gpt().weights();
            common.png(WeightPictures.drawMatrix(probe.name(), tensor, WeightPictures.matrix(w, tensor)), "weights-" + tensor + ".png");
            WeightPictures.Histogram h = WeightPictures.histogram(w, bins);
            common.png(WeightPictures.drawHistogram(probe.name(), h), "weights-histogram.png");
            common.json("weights-histogram.json", h);
            return 0;
        }
    }

    @Command(name = "lens", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The logit lens: the likeliest next token at each position if the model stopped after each block.")
    static final class Lens implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        Prompt prompt;

        @Option(names = "--top", defaultValue = "5", description = "Guesses kept per cell in the JSON (default: ${DEFAULT-VALUE}).")
        int top;

        @Override
        public Integer call() throws IOException {
            if (top < 1) throw new IllegalArgumentException("--top must be at least 1");
            GptProbe probe = common.open();
            LogitLens lens = LogitLens.of(probe, probe.run(prompt.text), top);
            for (int l = 0; l < lens.layers().size(); l++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-11s", lens.layers().get(l)));
                for (var cell : lens.top().get(l)) row.append(String.format(Locale.ROOT, " %-10s", cell.getFirst().token()));
                common.say(row.toString());
            }
            common.png(lens.draw(probe.name()), "lens.png");
            common.json("lens.json", lens);
            return 0;
        }
    }

    @Command(name = "trajectory", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The path of a prompt and its continuation through the model's token-embedding space (PCA, 2-D and 3-D),",
                    "with the fan of likely next tokens at every step, lines as thick as they were probable."})
    static final class TrajectoryCommand implements Callable<Integer> {
        @Mixin
        Common common;

        @Mixin
        Prompt prompt;

        @Option(names = "--tokens", defaultValue = "12", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--top", defaultValue = "5", description = "Candidates in each fan (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--temperature", defaultValue = "0", description = "0: always the likeliest; above: sample (default: ${DEFAULT-VALUE}).")
        float temperature;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of sampling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (temperature < 0) throw new IllegalArgumentException("--temperature must not be negative");
            GptProbe probe = common.open();
            Trajectory t = Trajectory.of(probe, prompt.text, tokens, top, temperature, seed);
            for (Trajectory.Step s : t.steps()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%3d %s %-12s →", s.position() + 1, s.generated() ? "+" : " ", s.token()));
                for (Trajectory.Candidate c : s.next()) row.append(String.format(Locale.ROOT, "  %s %.1f%%", c.token(), 100 * c.probability()));
                common.say(row.toString());
            }
            common.png(t.draw2d(), "trajectory-2d.png");
            common.png(t.draw3d(), "trajectory-3d.png");
            common.json("trajectory.json", t);
            return 0;
        }
    }
}
