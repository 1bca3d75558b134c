package nextword.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One number that remembers how it was computed, so that the derivative of a result with respect to it
 * can be found: backpropagation on a scale one can follow by hand. The tensor autograd in
 * {@code nextword.tensor} does the same thing with whole arrays at once.
 *
 * <pre>{@code
 * Value x = new Value(2), y = new Value(-3);
 * Value z = x.mul(y).add(x.pow(2));   // z = xy + x²
 * z.backward();                       // x.grad() = y + 2x = 1, y.grad() = x = 2
 * }</pre>
 */
public final class Value {

    private double data;
    private double grad;
    private final List<Value> inputs;
    private final String op;
    /** Adds this value's gradient, times the local derivative, to each input's gradient. */
    private Runnable backward = () -> {};

    /** A leaf: an input or a weight. */
    public Value(double data) {
        this(data, List.of(), "");
    }

    private Value(double data, List<Value> inputs, String op) {
        this.data = data;
        this.inputs = inputs;
        this.op = op;
    }

    public Value add(Value o) {
        Value out = new Value(data + o.data, List.of(this, o), "+");
        out.backward = () -> {
            grad += out.grad;
            o.grad += out.grad;
        };
        return out;
    }

    public Value mul(Value o) {
        Value out = new Value(data * o.data, List.of(this, o), "*");
        out.backward = () -> {
            grad += o.data * out.grad;
            o.grad += data * out.grad;
        };
        return out;
    }

    /** this^k for a constant exponent k. */
    public Value pow(double k) {
        Value out = new Value(Math.pow(data, k), List.of(this), "^" + k);
        out.backward = () -> grad += k * Math.pow(data, k - 1) * out.grad;
        return out;
    }

    public Value tanh() {
        Value out = new Value(Math.tanh(data), List.of(this), "tanh");
        out.backward = () -> grad += (1 - out.data * out.data) * out.grad;
        return out;
    }

    public Value relu() {
        Value out = new Value(Math.max(0, data), List.of(this), "relu");
        out.backward = () -> grad += (data > 0 ? 1 : 0) * out.grad;
        return out;
    }

    public Value exp() {
        Value out = new Value(Math.exp(data), List.of(this), "exp");
        out.backward = () -> grad += out.data * out.grad;
        return out;
    }

    public Value log() {
        Value out = new Value(Math.log(data), List.of(this), "log");
        out.backward = () -> grad += out.grad / data;
        return out;
    }

    // The rest are made of the operations above, so they need no derivatives of their own.

    public Value add(double c) {
        return add(new Value(c));
    }

    public Value mul(double c) {
        return mul(new Value(c));
    }

    public Value neg() {
        return mul(-1);
    }

    public Value sub(Value o) {
        return add(o.neg());
    }

    public Value div(Value o) {
        return mul(o.pow(-1));
    }

    /** Sets this value's gradient to 1 and sends gradients back through everything it was computed from. */
    public void backward() {
        List<Value> order = new ArrayList<>();
        Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // Depth-first, each value after its inputs; an explicit stack, because a long chain could overflow the call stack.
        List<Value> stack = new ArrayList<>(List.of(this));
        List<Boolean> expanded = new ArrayList<>(List.of(false));
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Value v = stack.get(top);
            if (expanded.get(top)) {
                stack.remove(top);
                expanded.remove(top);
                order.add(v);
            } else if (!seen.add(v)) {
                stack.remove(top);
                expanded.remove(top);
            } else {
                expanded.set(top, true);
                for (Value in : v.inputs) {
                    stack.add(in);
                    expanded.add(false);
                }
            }
        }
        grad = 1;
        for (int i = order.size() - 1; i >= 0; i--) order.get(i).backward.run();
    }

    public double data() {
        return data;
    }

    /** Changes a leaf's value (a training step: w ← w − lr·∂L/∂w). */
    public void setData(double data) {
        this.data = data;
    }

    /** ∂(the value backward() was called on) / ∂this, accumulated over backward calls until zeroGrad(). */
    public double grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = 0;
    }

    /** What this value was computed from, for drawing the graph. */
    public List<Value> inputs() {
        return inputs;
    }

    /** The operation that made it ("+", "*", "tanh", …), empty for a leaf. */
    public String op() {
        return op;
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }
}
