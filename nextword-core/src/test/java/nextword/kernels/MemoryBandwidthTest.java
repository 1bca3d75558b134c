package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBandwidthTest {

    @Test
    void readsAtAPlausibleRateWithEitherSchedule() {
        // 8 MiB (8 pieces) in two shares and in pieces: a rate between 100 MB/s (any machine) and 10 TB/s (none)
        double rate = MemoryBandwidth.read(8L << 20, 2);
        assertTrue(rate > 1e8 && rate < 1e13, "rate " + rate);
        // sizes below a piece are one piece, not a division by zero
        assertTrue(MemoryBandwidth.read(1000, 2) > 1e8);
    }
}
