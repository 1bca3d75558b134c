package nextword.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RecyclerTest {

    @Test
    void anArrayHandedBackIsHandedOutAgainForTheSameSize() {
        float[] a = Recycler.take(1234);
        assertEquals(1234, a.length);
        Recycler.give(a);
        assertNotSame(a, Recycler.take(1235));
        assertSame(a, Recycler.take(1234));
        assertNotSame(a, Recycler.take(1234)); // taken: not handed out twice
    }

    @Test
    void hugeArraysAreNotKept() {
        float[] huge = new float[20 << 20]; // 80 MB, more than a thread keeps
        Recycler.give(huge);
        assertNotSame(huge, Recycler.take(huge.length));
    }
}
