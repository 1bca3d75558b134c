package nextword.tokenize;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.UncheckedIOException;
import nextword.testing.SharedData;

/** GPT-2's tokenizer from shared/data/gpt2, read once per test JVM, and jtokkit's r50k_base as the peer. */
final class Gpt2Files {

    private static ByteLevelBpe gpt2;
    private static Encoding r50k;

    private Gpt2Files() {}

    static synchronized ByteLevelBpe gpt2() {
        if (gpt2 == null) {
            try {
                gpt2 = HuggingFaceFiles.read(SharedData.require("data/gpt2"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return gpt2;
    }

    static synchronized Encoding r50k() {
        if (r50k == null) r50k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
        return r50k;
    }

    static int[] jtokkit(String text) {
        return r50k().encodeOrdinary(text).toArray();
    }
}
