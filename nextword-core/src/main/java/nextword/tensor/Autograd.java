package nextword.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reverse-mode differentiation: recording what each operation needs to send its gradient back, and
 * replaying those records from a loss to its leaves.
 *
 * <p>Recording is on by default and per thread; inference turns it off for a block:
 * <pre>{@code try (var g = Autograd.noGrad()) { logits = model.forward(ids); }}</pre>
 */
public final class Autograd {

    private static final ThreadLocal<Boolean> RECORDING = ThreadLocal.withInitial(() -> Boolean.TRUE);

    /** Marks a graph already replayed, so that a second backward through it fails loudly, as in PyTorch. */
    private static final Runnable RELEASED = () -> {
        throw new IllegalStateException("backward through a graph that has already been backpropagated; recompute the forward pass");
    };

    private Autograd() {}

    /** Stops recording on this thread until closed (restoring what was there before, so scopes nest). */
    public static NoGrad noGrad() {
        NoGrad scope = new NoGrad(RECORDING.get());
        RECORDING.set(Boolean.FALSE);
        return scope;
    }

    /** Whether operations on this thread are being recorded. */
    public static boolean isRecording() {
        return RECORDING.get();
    }

    /** A scope without recording; closing it restores the previous state. */
    public static final class NoGrad implements AutoCloseable {
        private final boolean previous;

        private NoGrad(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            RECORDING.set(previous);
        }
    }

    /** Whether an operation on these inputs will be recorded (so it should save what its backward needs). */
    static boolean records(Tensor... inputs) {
        if (!isRecording()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad) return true;
        return false;
    }

    /**
     * Attaches backward to out when recording and some input requires a gradient. The closure must
     * accumulate into {@code in.gradArray()} only for inputs with {@code in.requiresGrad}.
     */
    static Tensor record(Tensor out, Runnable backward, Tensor... inputs) {
        if (records(inputs)) {
            out.requiresGrad = true;
            out.parents = inputs;
            out.backward = backward;
        }
        return out;
    }

    /** Seeds root's gradient and runs every recorded backward from root to the leaves, each once. */
    static void backward(Tensor root, float[] seed) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not depend on anything requiring a gradient");
        }
        if (seed.length != root.size) {
            throw new IllegalArgumentException("seed has " + seed.length + " values for a tensor of " + root.size);
        }
        List<Tensor> order = topologicalOrder(root);
        float[] g = root.gradArray();
        for (int i = 0; i < g.length; i++) g[i] += seed[i];
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            // a node no gradient reached (an unused branch) has nothing to pass on
            if (t.backward != null && t.grad != null) t.backward.run();
        }
        // Dropping the closures frees what they saved (activations) as soon as the step is done.
        for (Tensor t : order) {
            if (t.backward != null) {
                t.backward = RELEASED;
                t.parents = null;
            }
        }
    }

    /** Every tensor root depends on, each after all it depends on (iterative: graphs can be deep). */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(root);
        next.add(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int i = next.get(top);
            Tensor[] parents = t.parents == null ? new Tensor[0] : t.parents;
            if (i < parents.length) {
                next.set(top, i + 1);
                Tensor p = parents[i];
                if (p != null && p.requiresGrad && seen.add(p)) {
                    stack.add(p);
                    next.add(0);
                }
            } else {
                stack.remove(top);
                next.remove(top);
                order.add(t);
            }
        }
        return order;
    }
}
