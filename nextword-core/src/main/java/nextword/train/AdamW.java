package nextword.train;

import java.util.List;
import nextword.io.NamedTensor;
import nextword.kernels.KernelOps;
import nextword.kernels.Kernels;
import nextword.model.GptConfig;
import nextword.model.GptWeights;

/**
 * AdamW as PyTorch defines it, with GPT-2's two decay groups: matrices and embeddings (tensors of 2 or more
 * dimensions) decay toward zero, biases and LayerNorm gains do not.
 */
public final class AdamW {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final GptWeights m;
    private final GptWeights v;
    private final KernelOps ops;
    private int step;

    public AdamW(GptConfig config, float beta1, float beta2, float eps, float weightDecay) {
        this(config, beta1, beta2, eps, weightDecay, Kernels.ops());
    }

    /** An optimizer computing with the given kernels. */
    public AdamW(GptConfig config, float beta1, float beta2, float eps, float weightDecay, KernelOps ops) {
        this.ops = ops;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = GptWeights.zeros(config);
        this.v = GptWeights.zeros(config);
    }

    /** One update of params from grads at learning rate lr. */
    public void update(GptWeights params, GptWeights grads, float lr) {
        step++;
        List<NamedTensor> p = params.tensors();
        List<NamedTensor> g = grads.tensors();
        List<NamedTensor> mt = m.tensors();
        List<NamedTensor> vt = v.tensors();
        for (int i = 0; i < p.size(); i++) {
            float wd = p.get(i).shape().length >= 2 ? weightDecay : 0f;
            float[] data = p.get(i).data();
            ops.adamw(data, g.get(i).data(), mt.get(i).data(), vt.get(i).data(), 0, data.length, lr, beta1, beta2, eps, wd, step);
        }
    }

    /** Updates done so far (the bias corrections depend on it). */
    public int steps() {
        return step;
    }

    /** First moments, for checkpoints. */
    public GptWeights firstMoments() {
        return m;
    }

    /** Second moments, for checkpoints. */
    public GptWeights secondMoments() {
        return v;
    }

    /** Restores the step count from a checkpoint (the moments are restored through their accessors). */
    public void restoreSteps(int steps) {
        if (steps < 0) throw new IllegalArgumentException("negative step count " + steps);
        this.step = steps;
    }
}
