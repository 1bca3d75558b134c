package nextword.kernels;

import java.lang.invoke.MethodHandles;

/**
 * The one door to the kernels: picks the Vector API implementation when the JVM has
 * {@code jdk.incubator.vector}, and otherwise the scalar specification, with one warning line.
 * {@code -Dnextword.kernels=scalar} forces the scalar path (for tests and comparisons).
 */
public final class Kernels {

    private static final KernelOps OPS = choose();

    private Kernels() {}

    /** The implementation in use. */
    public static KernelOps ops() {
        return OPS;
    }

    private static KernelOps choose() {
        if ("scalar".equals(System.getProperty("nextword.kernels"))) return new ScalarKernels();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.err.println("nextword: warning: the Vector API is absent (run java with --add-modules=jdk.incubator.vector); using scalar kernels");
            return new ScalarKernels();
        }
        try {
            // Loaded by name so that this class never links against the incubator module when it is absent.
            Class<?> panama = Class.forName("nextword.kernels.PanamaKernels", true, Kernels.class.getClassLoader());
            return (KernelOps) MethodHandles.lookup().findConstructor(panama,
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (ClassNotFoundException e) {
            return new ScalarKernels();
        } catch (Throwable e) {
            System.err.println("nextword: warning: Vector API kernels unavailable (" + e + "); using scalar kernels");
            return new ScalarKernels();
        }
    }
}
