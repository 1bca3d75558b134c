package nextword.app.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import nextword.model.Sampler;
import nextword.tokenize.Tokenizer;

/**
 * A prompt continued one token at a time, remembering at each step the likeliest candidates and their
 * probabilities: the essay's first picture, a table of what might come next.
 *
 * @param temperature 0 (always the likeliest) or the sampling temperature
 * @param prompt      the text continued
 * @param steps       one row per generated token
 */
public record Continuation(float temperature, String prompt, List<Step> steps) {

    /** One generated token: the candidates shown (likeliest first) with their probabilities, and the pick. */
    public record Step(String[] candidates, float[] probabilities, String chosen, float chosenProbability) {}

    /** Runs the sampler for n tokens, keeping the top k candidates of each step and telling each to onStep. */
    public static Continuation generate(Sampler sampler, Tokenizer tokenizer, String prompt, int n, int k,
                                        float temperature, RandomGenerator random, Consumer<Step> onStep) {
        int[] ids = tokenizer.encode(prompt);
        if (ids.length == 0) throw new IllegalArgumentException("the prompt gives no tokens");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = sampler.nextTokenProbabilities(ids, temperature);
            int[] top = Sampler.top(p, k);
            int chosen = Sampler.pick(p, temperature, random);
            String[] names = new String[top.length];
            float[] probs = new float[top.length];
            for (int j = 0; j < top.length; j++) {
                names[j] = tokenizer.decode(new int[] {top[j]});
                probs[j] = p[top[j]];
            }
            Step step = new Step(names, probs, tokenizer.decode(new int[] {chosen}), p[chosen]);
            steps.add(step);
            onStep.accept(step);
            ids = Arrays.copyOf(ids, ids.length + 1);
            ids[ids.length - 1] = chosen;
        }
        return new Continuation(temperature, prompt, steps);
    }

    /** The generated text (without the prompt). */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (Step st : steps) s.append(st.chosen());
        return s.toString();
    }

    /** A token as a person can see it: spaces, newlines and tabs made visible. */
    public static String visible(String token) {
        return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥").replace("\r", "␍");
    }
}
