package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each sampling option on small hand-built distributions, where the right answer is known. */
class SamplingTest {

    /** Logits whose softmax is exactly p. */
    private static float[] logits(double... p) {
        float[] l = new float[p.length];
        for (int i = 0; i < p.length; i++) l[i] = (float) Math.log(p[i]);
        return l;
    }

    private static final float[] FOUR = logits(0.5, 0.3, 0.15, 0.05);

    /** How often each token comes out of n draws, each with its own seed. */
    private static double[] frequencies(float[] logits, SamplingOptions o, int n) {
        double[] f = new double[logits.length];
        for (int s = 0; s < n; s++) f[new TokenSampler(logits.length, o.withSeed(s)).pick(logits, new Penalties(logits.length, 0))] += 1.0 / n;
        return f;
    }

    @Test
    void temperatureZeroIsTheLikeliestToken() {
        float[] l = {0.1f, 2f, -1f, 1.9f};
        assertEquals(1, new TokenSampler(4, SamplingOptions.greedy()).pick(l, new Penalties(4, 0)));
        assertArrayEquals(new float[] {0.1f, 2f, -1f, 1.9f}, l, "logits left unchanged");
    }

    @Test
    void temperatureOneSamplesTheModelsProbabilities() {
        double[] f = frequencies(FOUR, SamplingOptions.defaults(), 20000);
        double[] p = {0.5, 0.3, 0.15, 0.05};
        for (int i = 0; i < 4; i++) assertEquals(p[i], f[i], 0.015, "token " + i); // ~4 standard deviations
    }

    @Test
    void highTemperatureFlattensLowSharpens() {
        double[] hot = frequencies(FOUR, SamplingOptions.defaults().withTemperature(5f), 4000);
        double[] cold = frequencies(FOUR, SamplingOptions.defaults().withTemperature(0.2f), 4000);
        assertTrue(hot[3] > 0.15 && hot[0] < 0.35, Arrays.toString(hot));
        assertTrue(cold[0] > 0.9, Arrays.toString(cold));
    }

    @Test
    void topKKeepsTheKLikeliest() {
        double[] f = frequencies(FOUR, SamplingOptions.defaults().withTopK(2), 4000);
        assertEquals(0, f[2] + f[3]);
        assertEquals(0.5 / 0.8, f[0], 0.03);
        double[] one = frequencies(FOUR, SamplingOptions.defaults().withTopK(1), 200);
        assertEquals(1.0, one[0], 1e-9);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // 0.5 < 0.7 ≤ 0.5 + 0.3: tokens 0 and 1
        double[] f = frequencies(FOUR, SamplingOptions.defaults().withTopP(0.7f), 4000);
        assertEquals(0, f[2] + f[3]);
        assertTrue(f[1] > 0.3, Arrays.toString(f));
        // 0.96 needs the last token too
        double[] all = frequencies(FOUR, SamplingOptions.defaults().withTopP(0.96f), 4000);
        assertTrue(all[3] > 0, Arrays.toString(all));
        // after top-k = 3 the three renormalize to 0.53, 0.32, 0.16: p = 0.8 keeps two of them
        double[] both = frequencies(FOUR, SamplingOptions.defaults().withTopK(3).withTopP(0.8f), 4000);
        assertEquals(0, both[2] + both[3]);
    }

    @Test
    void topPOverALargeFlatVocabularyFindsTheWholeNucleus() {
        float[] l = new float[2000]; // uniform: the nucleus of p = 0.5 is 1000 tokens, more than the first guess
        double[] f = frequencies(l, SamplingOptions.defaults().withTopP(0.5f), 600);
        int used = 0;
        for (int i = 0; i < l.length; i++) if (f[i] > 0) used++;
        assertTrue(used > 300, used + " distinct tokens");
        for (int i = 1000; i < l.length; i++) assertEquals(0, f[i], "token " + i + " is outside the nucleus (ties go to the lower index)");
    }

    @Test
    void minPDropsTokensFarBelowTheLikeliest() {
        // 0.4 × 0.5 = 0.2: tokens 0 and 1 stay
        double[] f = frequencies(FOUR, SamplingOptions.defaults().withMinP(0.4f), 4000);
        assertEquals(0, f[2] + f[3]);
        assertEquals(0.5 / 0.8, f[0], 0.03);
        double[] loose = frequencies(FOUR, SamplingOptions.defaults().withMinP(0.05f), 4000);
        assertTrue(loose[3] > 0);
    }

    @Test
    void penaltiesPushRepeatedTokensDown() {
        Penalties p = new Penalties(4, 3);
        for (int t : new int[] {0, 0, 2}) p.push(t);
        float[] l = {2f, 1f, -1f, 0.5f};
        p.apply(l, 2f, 0f, 0f); // CTRL: positive ÷ 2, negative × 2
        assertArrayEquals(new float[] {1f, 1f, -2f, 0.5f}, l);
        float[] m = {2f, 1f, -1f, 0.5f};
        p.apply(m, 1f, 0.5f, 0.25f); // OpenAI: − presence − frequency × count
        assertArrayEquals(new float[] {2f - 0.5f - 0.5f, 1f, -1f - 0.5f - 0.25f, 0.5f}, m);
        p.push(3); // the window of 3 forgets the first 0
        assertEquals(1, p.count(0));
        p.push(3);
        p.push(3);
        assertEquals(0, p.count(0));
        assertEquals(0, p.count(2));
        assertEquals(3, p.count(3));
        // a strong repetition penalty turns greedy away from the repeated favourite
        Penalties seen = new Penalties(4, 8);
        seen.push(0);
        assertEquals(1, new TokenSampler(4, SamplingOptions.greedy().withPenalties(1f, 1f, 0f)).pick(FOUR, seen));
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndOthersDiffer() {
        SamplingOptions o = SamplingOptions.defaults().withSeed(42);
        float[] l = new float[200];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < l.length; i++) l[i] = (float) r.nextGaussian();
        int[] a = draws(l, o), b = draws(l, o), c = draws(l, o.withSeed(43));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    }

    private static int[] draws(float[] l, SamplingOptions o) {
        TokenSampler s = new TokenSampler(l.length, o);
        int[] out = new int[50];
        for (int i = 0; i < out.length; i++) out[i] = s.pick(l, new Penalties(l.length, 0));
        return out;
    }

    @Test
    void topTokensAreTheLargestInOrder() {
        SplittableRandom r = new SplittableRandom(9);
        for (int n : new int[] {1, 5, 100, 1000}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = r.nextInt(20); // many ties
            for (int k : new int[] {1, 3, 10, n}) {
                int[] out = new int[k];
                int got = TopTokens.select(x, n, k, out);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) order[i] = i;
                Arrays.sort(order, (a, b) -> x[a] != x[b] ? Float.compare(x[b], x[a]) : Integer.compare(a, b));
                assertEquals(Math.min(k, n), got);
                for (int i = 0; i < got; i++) assertEquals((int) order[i], out[i], "n=" + n + " k=" + k + " rank " + i);
            }
        }
    }

    @Test
    void stopStringsHoldBackWhatMightBeginOne() {
        StopStrings s = new StopStrings(List.of("\nUser:", "END"));
        assertEquals("Hello", s.push("Hello"));
        assertEquals(" there", s.push(" there\nUs")); // "\nUs" might begin "\nUser:"
        assertEquals("\nUs and ", s.push(" and E")); // "E" might begin "END"
        assertEquals("", s.push("N"));   // "EN" held
        assertEquals("", s.push("D!"));  // "END" appeared
        assertTrue(s.stopped());
        assertEquals("", s.push("more"));
        StopStrings t = new StopStrings(List.of("cd", "bcx"));
        assertEquals("ab", t.push("abcd")); // "cd" is complete; "bc" only began "bcx"
        assertTrue(t.stopped());
        StopStrings u = new StopStrings(List.of("xyz"));
        assertEquals("ab", u.push("abxy"));
        assertEquals("xy", u.flush());
    }

    @Test
    void textStreamWaitsForWholeCharacters() {
        nextword.tokenize.Tokenizer bytes = new nextword.tokenize.Tokenizer() {
            // one token per byte: a character of several bytes takes several tokens
            @Override
            public int[] encode(String text) {
                byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int[] ids = new int[b.length];
                for (int i = 0; i < b.length; i++) ids[i] = b[i] & 0xFF;
                return ids;
            }

            @Override
            public String decode(int[] ids) {
                byte[] b = new byte[ids.length];
                for (int i = 0; i < ids.length; i++) b[i] = (byte) ids[i];
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public int vocabSize() {
                return 256;
            }

            @Override
            public String piece(int id) {
                return decode(new int[] {id});
            }
        };
        TextStream ts = new TextStream(bytes);
        StringBuilder out = new StringBuilder();
        int[] ids = bytes.encode("a😀é");
        List<String> pieces = new java.util.ArrayList<>();
        for (int id : ids) {
            String p = ts.push(id);
            pieces.add(p);
            out.append(p);
        }
        assertEquals("a😀é", out.toString());
        assertEquals(List.of("a", "", "", "", "😀", "", "é"), pieces);
        ts.push(0xF0); // an unfinished character at the end comes out as it is
        assertEquals("\uFFFD", ts.flush());
    }

    @Test
    void optionsRefuseNonsense() {
        SamplingOptions d = SamplingOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withTemperature(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withTemperature(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withTopP(0));
        assertThrows(IllegalArgumentException.class, () -> d.withTopP(1.5f));
        assertThrows(IllegalArgumentException.class, () -> d.withMinP(2));
        assertThrows(IllegalArgumentException.class, () -> d.withTopK(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withPenalties(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxTokens(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withTopLogprobs(21));
        assertThrows(IllegalArgumentException.class, () -> d.withStop(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> d.withPenaltyWindow(-2));
    }
}
