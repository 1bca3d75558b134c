package nextword.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void topListsTheLikeliestFirst() {
        float[] p = {0.1f, 0.4f, 0.05f, 0.3f, 0.15f};
        assertArrayEquals(new int[] {1, 3, 4}, Sampler.top(p, 3));
        assertArrayEquals(new int[] {1, 3, 4, 0, 2}, Sampler.top(p, 9));
        assertEquals(1, Sampler.argmax(p));
    }

    @Test
    void temperatureSharpensOrFlattensAndZeroIsGreedy() {
        Gpt gpt = GptGradientTest.roughModel(new GptConfig(20, 16, 1, 2, 8), 3);
        Sampler s = new Sampler(gpt);
        int[] context = {1, 2, 3};
        float[] p1 = s.nextTokenProbabilities(context, 1f);
        float[] cold = s.nextTokenProbabilities(context, 0.5f);
        float[] hot = s.nextTokenProbabilities(context, 2f);
        double sum = 0;
        for (float x : p1) sum += x;
        assertEquals(1.0, sum, 1e-5);
        int best = Sampler.argmax(p1);
        assertTrue(cold[best] > p1[best] && p1[best] > hot[best]);
        assertArrayEquals(p1, s.nextTokenProbabilities(context, 0f));
        int[] greedy = s.continuation(context, 5, 0f, null);
        assertEquals(best, greedy[0]);
        // sampling follows the distribution: over many draws the likeliest token comes up about p of the time
        SplittableRandom r = new SplittableRandom(1);
        int hits = 0;
        for (int i = 0; i < 4000; i++) if (Sampler.pick(p1, 1f, r) == best) hits++;
        assertEquals(p1[best], hits / 4000.0, 0.03);
    }
}
