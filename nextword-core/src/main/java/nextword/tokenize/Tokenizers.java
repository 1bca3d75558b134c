package nextword.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nextword.data.AtomicFile;
import nextword.data.Corpus;

/**
 * Finds, builds and saves tokenizers by name. A spec is one of:
 * <ul>
 *   <li>{@code gpt2}: GPT-2's tokenizer, read from the first folder holding its files among those the
 *       caller names (a model folder), {@code -Dnextword.gpt2} or {@code $NEXTWORD_GPT2},
 *       {@code ~/.nextword/gpt2}, and {@code shared/data/gpt2} in the working folder or any folder
 *       above it (or above the nextword jar). Nothing is downloaded.</li>
 *   <li>a folder or file: a saved tokenizer ({@value #NEXTWORD_FILE} for characters and words; Hugging Face
 *       {@code vocab.json} + {@code merges.txt}, {@code encoder.json} + {@code vocab.bpe} or
 *       {@code tokenizer.json} for BPE). {@code nextword prepare} saves its tokenizer beside the token file,
 *       so that folder is a spec too.</li>
 *   <li>{@code char} or {@code word[:N]} (N most common words, default {@value #DEFAULT_WORDS}): built
 *       from a corpus the caller gives.</li>
 * </ul>
 */
public final class Tokenizers {

    /** The file that holds a saved character or word tokenizer. */
    public static final String NEXTWORD_FILE = "nextword-tokenizer.json";
    public static final int DEFAULT_WORDS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokenizers() {}

    /** Loads gpt2 or a saved tokenizer (char and word need a corpus: see the other overload). */
    public static Tokenizer load(String spec) throws IOException {
        return load(spec, null, List.of());
    }

    /**
     * Loads a tokenizer by spec. corpus: what char and word are built from (may be null for the other
     * specs); gpt2Dirs: folders to look in first for GPT-2's files (such as the model's folder).
     */
    public static Tokenizer load(String spec, Corpus corpus, List<Path> gpt2Dirs) throws IOException {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("no tokenizer given (gpt2, char, word[:N] or a folder)");
        if (spec.equals("gpt2")) return gpt2(gpt2Dirs);
        if (spec.equals("char") || spec.equals("word") || spec.startsWith("word:")) {
            if (corpus == null) throw new IllegalArgumentException("the " + spec + " tokenizer is built from a corpus; give one (--corpus)");
            if (spec.equals("char")) return CharTokenizer.build(corpus);
            return WordTokenizer.build(corpus, spec.equals("word") ? DEFAULT_WORDS : wordCount(spec));
        }
        Path p = Path.of(spec);
        if (Files.isRegularFile(p)) return loadFile(p);
        if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve(NEXTWORD_FILE))) return loadFile(p.resolve(NEXTWORD_FILE));
            if (HuggingFaceFiles.present(p)) return HuggingFaceFiles.read(p);
            throw new IOException("no tokenizer in " + p + " (expected " + NEXTWORD_FILE + ", vocab.json + merges.txt, or tokenizer.json)");
        }
        throw new IllegalArgumentException("unknown tokenizer '" + spec + "': use gpt2, char, word[:N] or the path of a saved tokenizer");
    }

    private static int wordCount(String spec) {
        try {
            int n = Integer.parseInt(spec.substring("word:".length()));
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': the word count after word: must be a positive integer");
        }
    }

    /** GPT-2's tokenizer from the first folder that has its files (see the class comment for the order). */
    public static ByteLevelBpe gpt2(List<Path> firstDirs) throws IOException {
        List<Path> tried = gpt2Folders(firstDirs);
        for (Path dir : tried) if (HuggingFaceFiles.present(dir)) return HuggingFaceFiles.read(dir);
        throw new NoSuchFileException("GPT-2's tokenizer files (vocab.json + merges.txt or encoder.json + vocab.bpe); looked in " + tried
                + "; put them in one of these or set NEXTWORD_GPT2");
    }

    private static List<Path> gpt2Folders(List<Path> first) {
        Set<Path> dirs = new LinkedHashSet<>(first);
        String configured = System.getProperty("nextword.gpt2", System.getenv("NEXTWORD_GPT2"));
        if (configured != null && !configured.isBlank()) dirs.add(Path.of(configured));
        dirs.add(Path.of(System.getProperty("user.home"), ".nextword", "gpt2"));
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            roots.add(Path.of(Tokenizers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (Exception e) {
            // No code source (an unusual class loader): the working folder is still searched.
        }
        for (Path root : roots) {
            for (Path d = root; d != null; d = d.getParent()) dirs.add(d.resolve("shared/data/gpt2"));
        }
        return new ArrayList<>(dirs);
    }

    private static Tokenizer loadFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.equals(HuggingFaceFiles.TOKENIZER_JSON)) return HuggingFaceFiles.readTokenizerJson(file);
        Path folder = file.toAbsolutePath().getParent();
        if ((name.equals(HuggingFaceFiles.VOCAB) || name.equals(HuggingFaceFiles.MERGES)) && HuggingFaceFiles.present(folder)) {
            return HuggingFaceFiles.read(folder);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        String type = root.path("type").asText("");
        if (root.has("model")) return HuggingFaceFiles.readTokenizerJson(file);
        switch (type) {
            case "char" -> {
                String alphabet = root.path("alphabet").asText("");
                if (alphabet.isEmpty()) throw new IOException(file + ": a char tokenizer needs a non-empty \"alphabet\"");
                return CharTokenizer.of(alphabet);
            }
            case "word" -> {
                List<String> words = new ArrayList<>();
                for (JsonNode w : root.path("words")) words.add(w.asText());
                if (words.isEmpty() || !words.get(0).equals(WordTokenizer.UNKNOWN)) throw new IOException(file + ": a word tokenizer's \"words\" must start with " + WordTokenizer.UNKNOWN);
                return WordTokenizer.of(words);
            }
            default -> throw new IOException(file + ": unknown tokenizer type '" + type + "' (expected char or word)");
        }
    }

    /** Saves a tokenizer into dir so that {@code load(dir)} gives it back. */
    public static void save(Tokenizer t, Path dir) throws IOException {
        Files.createDirectories(dir);
        switch (t) {
            case ByteLevelBpe bpe -> HuggingFaceFiles.write(bpe, dir);
            case CharTokenizer c -> writeJson(dir, JSON.createObjectNode().put("type", "char").put("alphabet", c.alphabet()));
            case WordTokenizer w -> {
                ObjectNode n = JSON.createObjectNode().put("type", "word");
                w.words().forEach(n.putArray("words")::add);
                writeJson(dir, n);
            }
            default -> throw new IllegalArgumentException("cannot save a " + t.getClass().getSimpleName());
        }
    }

    private static void writeJson(Path dir, ObjectNode n) throws IOException {
        AtomicFile.write(dir.resolve(NEXTWORD_FILE), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, n));
    }

    /**
     * A 64-bit name for a vocabulary (FNV-1a over its kind and contents): token files record it so that
     * training notices ids read with the wrong tokenizer.
     */
    public static long fingerprint(Tokenizer t) {
        Fnv h = new Fnv();
        switch (t) {
            case ByteLevelBpe bpe -> {
                h.add("bpe");
                for (int id = 0; id < bpe.vocabSize(); id++) h.add(bpe.symbol(id));
                for (int r = 0; r < bpe.mergeCount(); r++) h.add(bpe.merge(r)[0]).add(bpe.merge(r)[1]);
                for (Map.Entry<String, Integer> e : bpe.specialTokens().entrySet()) h.add(e.getKey()).add(e.getValue());
            }
            case CharTokenizer c -> h.add("char").add(c.alphabet());
            case WordTokenizer w -> {
                h.add("word");
                w.words().forEach(h::add);
            }
            default -> {
                h.add(t.getClass().getName());
                for (int id = 0; id < t.vocabSize(); id++) h.add(t.piece(id));
            }
        }
        return h.value;
    }

    /** id, or a clear refusal when it is outside [0, vocabSize). */
    static int checkId(int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
        return id;
    }

    private static final class Fnv {
        long value = 0xcbf29ce484222325L;

        Fnv add(String s) {
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) value = (value ^ (b & 0xFF)) * 0x100000001b3L;
            return add(s.length());
        }

        Fnv add(int v) {
            for (int i = 0; i < 4; i++) value = (value ^ ((v >>> (8 * i)) & 0xFF)) * 0x100000001b3L;
            return this;
        }
    }
}
