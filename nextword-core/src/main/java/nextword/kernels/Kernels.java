package nextword.kernels;

import java.lang.invoke.MethodHandles;

/**
 * The one door to the kernels: picks the Vector API implementation when the JVM has
 * {@code jdk.incubator.vector}, and otherwise the scalar specification, with one warning line.
 * {@code -Dnextword.kernels=scalar} forces the scalar path (for tests and comparisons).
 */
public final class Kernels {

    private static final KernelOps OPS = choose();
    private static final InferenceKernels INFERENCE = inferenceFor(OPS);

    private Kernels() {}

    /** The implementation in use. */
    public static KernelOps ops() {
        return OPS;
    }

    /** The inference kernels matching {@link #ops()}: Vector API ones beside Vector API kernels, else the scalar spec. */
    public static InferenceKernels inference() {
        return INFERENCE;
    }

    static InferenceKernels inferenceFor(KernelOps ops) {
        if (ops instanceof ScalarKernels) return new ScalarInferenceKernels(SCALAR_PANEL_WIDTH);
        try {
            Class<?> panama = Class.forName("nextword.kernels.PanamaInferenceKernels", true, Kernels.class.getClassLoader());
            return (InferenceKernels) MethodHandles.lookup().findConstructor(panama,
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            return new ScalarInferenceKernels(SCALAR_PANEL_WIDTH);
        }
    }

    /** Any width works for the plain loops; 48 is what 512-bit vectors use. */
    private static final int SCALAR_PANEL_WIDTH = 48;

    private static KernelOps choose() {
        return choose(System.getProperty("nextword.kernels"), ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                System.err::println);
    }

    /**
     * The selection itself, apart from the JVM it runs in (for tests): {@code requested} is the value of
     * {@code -Dnextword.kernels} (null, "scalar" or "panama"), {@code vectorModule} whether the Vector API
     * is present; warnings go to {@code warn}.
     */
    static KernelOps choose(String requested, boolean vectorModule, java.util.function.Consumer<String> warn) {
        if (requested != null && !requested.isBlank() && !requested.equals("scalar") && !requested.equals("panama")) {
            warn.accept("nextword: warning: nextword.kernels must be 'scalar' or 'panama'; ignoring '" + requested + "'");
        }
        if ("scalar".equals(requested)) return new ScalarKernels();
        if (!vectorModule) {
            warn.accept("nextword: warning: the Vector API is absent (run java with --add-modules=jdk.incubator.vector); using scalar kernels");
            return new ScalarKernels();
        }
        try {
            // Loaded by name so that this class never links against the incubator module when it is absent.
            Class<?> panama = Class.forName("nextword.kernels.PanamaKernels", true, Kernels.class.getClassLoader());
            return (KernelOps) MethodHandles.lookup().findConstructor(panama,
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            warn.accept("nextword: warning: Vector API kernels unavailable (" + e + "); using scalar kernels");
            return new ScalarKernels();
        }
    }
}
