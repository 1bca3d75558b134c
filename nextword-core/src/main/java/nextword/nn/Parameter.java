package nextword.nn;

import nextword.tensor.Tensor;

/** A trainable tensor and its dotted path in the module tree, e.g. "h.0.attn.c_attn.weight". */
public record Parameter(String name, Tensor tensor) {}
