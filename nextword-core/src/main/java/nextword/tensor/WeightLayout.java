package nextword.tensor;

/** How a linear layer's weight matrix is stored. */
public enum WeightLayout {
    /** (out, in), y = x · Wᵀ: PyTorch's nn.Linear. */
    OUT_IN,
    /** (in, out), y = x · W: GPT-2 checkpoints' Conv1D. */
    IN_OUT
}
