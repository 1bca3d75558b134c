package nextword.infer;

/** How a model's matrices are stored for inference. */
public enum Precision {
    /** 32-bit floats, as trained (F16 and BF16 checkpoints are widened to this exactly). */
    FLOAT32,
    /** 8-bit integers with a float32 scale per block of 32, like llama.cpp's Q8_0: a quarter of the bytes. */
    Q8_0
}
