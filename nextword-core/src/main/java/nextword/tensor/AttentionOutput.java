package nextword.tensor;

/**
 * What causal self-attention produces: out (B, T, C), and weights (B, heads, T, T), where
 * weights[b, h, i, s] is how much position i attends to position s ≤ i (zero above the diagonal).
 * The weights carry no gradient; they are there to be looked at.
 */
public record AttentionOutput(Tensor out, Tensor weights) {}
