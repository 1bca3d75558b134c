package nextword.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nextword.infer.DecodeProfile.Stage;
import org.junit.jupiter.api.Test;

/** Profiling decode changes nothing it computes, and charges each product the bytes of its matrix. */
class DecodeProfileTest {

    @Test
    void aProfiledDecodeGivesTheSameLogitsAndCountsEveryMatrixOnce() throws Exception {
        for (Precision p : Precision.values()) {
            try (LanguageModel m = TinyModels.model(5, p)) {
                int[] ids = TinyModels.tokens(20, 6);
                Session plain = m.newSession(), profiled = m.newSession();
                DecodeProfile profile = new DecodeProfile();
                profiled.profile(profile);
                profiled.prefill(new int[] {ids[0], ids[1], ids[2]}); // a prompt is not a decoded token
                plain.prefill(new int[] {ids[0], ids[1], ids[2]});
                for (int t = 3; t < ids.length; t++) {
                    assertArrayEquals(plain.decode(ids[t]), profiled.decode(ids[t]), p + " token " + t);
                }
                assertEquals(ids.length - 3, profile.tokens());

                ModelWeights w = m.weights();
                long blocks = 0;
                for (ModelWeights.Block b : w.blocks) blocks += b.qkv().bytes();
                assertEquals(blocks, profile.bytesPerToken(Stage.QKV), 1e-6, p + " qkv");
                assertEquals(w.wte.bytes(), profile.bytesPerToken(Stage.LOGITS), 1e-6, p + " logits");
                double products = 0, all = 0;
                for (Stage s : Stage.values()) {
                    products += profile.bytesPerToken(s);
                    assertTrue(profile.millisPerToken(s) >= 0, s.toString());
                    all += profile.millisPerToken(s);
                }
                // every matrix once: what a token reads but the vectors (LayerNorm, biases, a position's embedding)
                long vectors = m.bytesPerToken() - (long) products;
                assertTrue(vectors > 0 && vectors < 4L * 32 * TinyModels.CONFIG.width() * TinyModels.CONFIG.layers(), p + ": " + vectors + " bytes left");
                assertEquals(0, profile.bytesPerToken(Stage.ATTENTION));
                assertTrue(all > 0);

                profiled.profile(null);
                profiled.decode(ids[0]);
                assertEquals(ids.length - 3, profile.tokens(), "stopped");
            }
        }
    }
}
