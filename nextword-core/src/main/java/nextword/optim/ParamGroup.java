package nextword.optim;

import java.util.ArrayList;
import java.util.List;
import nextword.tensor.Tensor;

/** Parameters that share optimizer settings; here, their weight decay. */
public record ParamGroup(List<Tensor> params, float weightDecay) {

    public ParamGroup {
        params = List.copyOf(params);
    }

    /**
     * The usual split for transformers: decay on matrices and embeddings (rank ≥ 2), none on biases and
     * LayerNorm gains (rank 1), which set offsets and scales rather than store patterns. Empty groups are left out.
     */
    public static List<ParamGroup> decayMatricesOnly(List<Tensor> params, float weightDecay) {
        List<Tensor> decayed = new ArrayList<>();
        List<Tensor> plain = new ArrayList<>();
        for (Tensor p : params) (p.rank() >= 2 ? decayed : plain).add(p);
        List<ParamGroup> groups = new ArrayList<>();
        if (!decayed.isEmpty()) groups.add(new ParamGroup(decayed, weightDecay));
        if (!plain.isEmpty()) groups.add(new ParamGroup(plain, 0f));
        return groups;
    }
}
