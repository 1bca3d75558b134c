package nextword.ngram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import nextword.data.AtomicFile;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;

/**
 * A trained n-gram model on disk, a folder of three things: {@value #ARPA} (the model itself, readable by
 * KenLM, SRILM and IRSTLM), the tokenizer that turns text into its ids, and {@value #INFO}: how text was
 * prepared (unit, alphabet, segments) and facts about training (counts, discounts, corpus).
 */
public final class NgramFiles {

    public static final String ARPA = "model.arpa";
    public static final String INFO = "ngram.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model read back, with the tokenizer and text options it was trained with. */
    public record Loaded(NgramModel model, Tokenizer tokenizer, NgramText.Options options, JsonNode info) {}

    private NgramFiles() {}

    /** Writes the model, its tokenizer and info (to which the text options are added) into dir. */
    public static void save(Path dir, NgramModel model, Tokenizer tokenizer, NgramText.Options options, ObjectNode info) throws IOException {
        Files.createDirectories(dir);
        Tokenizers.save(tokenizer, dir);
        Arpa.write(model, Arpa.words(tokenizer), dir.resolve(ARPA));
        ObjectNode all = JSON.createObjectNode()
                .put("format", "nextword-ngram")
                .put("version", 1)
                .put("order", model.order())
                .put("unit", options.unit().name().toLowerCase(Locale.ROOT))
                .put("alphabet", options.alphabet().name().toLowerCase(Locale.ROOT))
                .put("segments", options.lines() ? "line" : "document")
                .put("heldoutFraction", options.heldout());
        all.setAll(info);
        AtomicFile.write(dir.resolve(INFO), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, all));
    }

    /** Reads a folder written by {@link #save}. */
    public static Loaded load(Path dir) throws IOException {
        Path infoFile = dir.resolve(INFO);
        if (!Files.isRegularFile(infoFile)) throw new NoSuchFileException(infoFile + " (not an n-gram model folder: train one with 'nextword ngram train --out DIR')");
        JsonNode info;
        try {
            info = JSON.readTree(infoFile.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(infoFile + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!"nextword-ngram".equals(info.path("format").asText()) || info.path("version").asInt() != 1) {
            throw new IOException(infoFile + ": not a version-1 nextword n-gram model");
        }
        NgramText.Options options;
        try {
            options = new NgramText.Options(
                    NgramText.Unit.valueOf(info.path("unit").asText().toUpperCase(Locale.ROOT)),
                    NgramText.Alphabet.valueOf(info.path("alphabet").asText().toUpperCase(Locale.ROOT)),
                    info.path("segments").asText().equals("line"),
                    info.path("heldoutFraction").asDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException(infoFile + ": bad text options (" + e.getMessage() + ")");
        }
        Tokenizer tokenizer = Tokenizers.load(dir.toString());
        NgramModel model = Arpa.read(dir.resolve(ARPA), Arpa.words(tokenizer));
        return new Loaded(model, tokenizer, options, info);
    }
}
