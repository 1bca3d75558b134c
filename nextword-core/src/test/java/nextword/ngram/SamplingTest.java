package nextword.ngram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingTest {

    static final double[] P = {0.1, 0.4, 0.0, 0.3, 0.2};

    static double[] frequencies(Sampling s, double[] p, int draws) {
        SplittableRandom rng = new SplittableRandom(99);
        double[] f = new double[p.length];
        for (int i = 0; i < draws; i++) f[s.pick(p, rng)] += 1.0 / draws;
        return f;
    }

    @Test
    void temperatureReshapesTheDistribution() {
        int draws = 60_000;
        for (double t : new double[] {1, 0.5, 2}) {
            double[] f = frequencies(new Sampling(t, 0), P, draws);
            double z = 0;
            for (double p : P) z += Math.pow(p, 1 / t);
            for (int i = 0; i < P.length; i++) {
                double expected = Math.pow(P[i], 1 / t) / z;
                // 5 standard deviations of a binomial frequency.
                assertEquals(expected, f[i], 5 * Math.sqrt(expected * (1 - expected) / draws) + 1e-12, "T=" + t + " token " + i);
            }
        }
        assertEquals(1, frequencies(new Sampling(0, 0), P, 100)[1], 1e-9, "temperature 0 always takes the likeliest");
    }

    @Test
    void topKKeepsOnlyTheLikeliest() {
        double[] f = frequencies(new Sampling(1, 2), P, 100_000);
        assertEquals(0, f[0]);
        assertEquals(0, f[4]);
        assertEquals(0.4 / 0.7, f[1], 0.01);
        assertEquals(0.3 / 0.7, f[3], 0.01);
        assertEquals(1, frequencies(new Sampling(1, 1), P, 100)[1], 1e-9);
        // Ties at the cut keep exactly K tokens.
        double[] tie = frequencies(new Sampling(1, 2), new double[] {0.25, 0.25, 0.25, 0.25}, 1000);
        assertEquals(2, java.util.Arrays.stream(tie).filter(x -> x > 0).count());
    }

    @Test
    void sameSeedSameChoices() {
        Sampling s = new Sampling(0.8, 3);
        int[] a = new int[50];
        int[] b = new int[50];
        int[] c = new int[50];
        SplittableRandom r1 = new SplittableRandom(5), r2 = new SplittableRandom(5), r3 = new SplittableRandom(6);
        for (int i = 0; i < 50; i++) {
            a[i] = s.pick(P, r1);
            b[i] = s.pick(P, r2);
            c[i] = s.pick(P, r3);
        }
        assertArrayEquals(a, b);
        assertNotEquals(List.of(a), List.of(c));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Sampling(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(1, -2));
        assertThrows(IllegalArgumentException.class, () -> Sampling.plain().pick(new double[] {0, 0}, new SplittableRandom(1)));
        assertTrue(Sampling.plain().pick(new double[] {0, 1}, new SplittableRandom(1)) == 1);
    }
}
