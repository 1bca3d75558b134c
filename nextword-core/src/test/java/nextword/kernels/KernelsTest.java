package nextword.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Kernels} picks an implementation, without starting a new JVM for each case. */
class KernelsTest {

    @Test
    void vectorApiPresentGivesPanamaSilently() {
        List<String> warnings = new ArrayList<>();
        assertInstanceOf(PanamaKernels.class, Kernels.choose(null, true, warnings::add));
        assertInstanceOf(PanamaKernels.class, Kernels.choose("panama", true, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void scalarOnRequest() {
        List<String> warnings = new ArrayList<>();
        assertInstanceOf(ScalarKernels.class, Kernels.choose("scalar", true, warnings::add));
        assertInstanceOf(ScalarKernels.class, Kernels.choose("scalar", false, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void vectorApiAbsentFallsBackWithOneWarning() {
        List<String> warnings = new ArrayList<>();
        assertInstanceOf(ScalarKernels.class, Kernels.choose(null, false, warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("--add-modules=jdk.incubator.vector"), warnings.get(0));
    }

    @Test
    void unknownRequestIsNamedAndIgnored() {
        List<String> warnings = new ArrayList<>();
        assertInstanceOf(PanamaKernels.class, Kernels.choose("cuda", true, warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("'cuda'"), warnings.get(0));
    }

    @Test
    void theProcessWideChoiceFollowsTheProperty() {
        // surefire runs with the Vector API module added, so only -Dnextword.kernels=scalar selects the spec
        String expected = "scalar".equals(System.getProperty("nextword.kernels")) ? "scalar" : "panama";
        assertTrue(Kernels.ops().name().startsWith(expected), Kernels.ops().name());
    }
}
