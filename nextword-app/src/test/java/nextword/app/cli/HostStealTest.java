package nextword.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class HostStealTest {

    @Test
    void theStolenShareIsTheStealTicksOverAllTicks() {
        assertEquals(0.25, HostSteal.fraction(new HostSteal.Sample(10, 100), new HostSteal.Sample(35, 200)), 1e-12);
        assertEquals(-1, HostSteal.fraction(null, new HostSteal.Sample(1, 2)));
        assertEquals(-1, HostSteal.fraction(new HostSteal.Sample(1, 2), new HostSteal.Sample(1, 2)), "no time passed");
    }

    @Test
    void linuxCountsStealAmongItsTicks() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "/proc/stat is Linux's; elsewhere the steal is unknown (-1)");
        HostSteal.Sample s = HostSteal.sample();
        assertNotNull(s, "/proc/stat has a cpu line with a steal column");
        assertTrue(s.steal() >= 0 && s.steal() <= s.total(), s.toString());
    }
}
