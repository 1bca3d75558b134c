package nextword.nn;

import java.util.random.RandomGenerator;
import nextword.tensor.Tensor;

/** A table with one learned vector per token (or position): looking up ids gives their vectors. */
public final class Embedding extends Module {

    private final Tensor weight;

    /** count vectors of width dim, normal with standard deviation std (GPT-2 uses 0.02). */
    public Embedding(int count, int dim, float std, RandomGenerator rng) {
        this(Tensor.randn(rng, std, count, dim));
    }

    /** An embedding over a given (count, dim) table. */
    public Embedding(Tensor table) {
        if (table.rank() != 2) throw new IllegalArgumentException("an embedding table must be (count, dim), got rank " + table.rank());
        this.weight = parameter("weight", table);
    }

    /** The vectors of ids, shaped (shape…, dim); shape defaults to [ids.length]. */
    public Tensor forward(int[] ids, int... shape) {
        return Tensor.embedding(weight, ids, shape);
    }

    public Tensor weight() {
        return weight;
    }
}
