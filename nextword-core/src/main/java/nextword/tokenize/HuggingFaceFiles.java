package nextword.tokenize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nextword.data.AtomicFile;

/**
 * Hugging Face's tokenizer files for byte-level BPE, so that GPT-2's tokenizer and ours are
 * interchangeable: {@code vocab.json} (byte-level string → id) with {@code merges.txt} (one merge
 * {@code "A B"} a line, by rank, after a {@code #version} line), OpenAI's originals of the same two
 * ({@code encoder.json}, {@code vocab.bpe}), and {@code tokenizer.json} with a model of type BPE.
 */
public final class HuggingFaceFiles {

    public static final String VOCAB = "vocab.json";
    public static final String MERGES = "merges.txt";
    public static final String TOKENIZER_JSON = "tokenizer.json";
    private static final String OPENAI_VOCAB = "encoder.json";
    private static final String OPENAI_MERGES = "vocab.bpe";

    /** Vocabularies have tens of thousands of distinct keys: interning them (Jackson's default) costs ten times the parse. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());

    private HuggingFaceFiles() {}

    /** Whether dir holds a byte-level BPE in any of the three layouts. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(TOKENIZER_JSON))
                || (Files.isRegularFile(dir.resolve(VOCAB)) && Files.isRegularFile(dir.resolve(MERGES)))
                || (Files.isRegularFile(dir.resolve(OPENAI_VOCAB)) && Files.isRegularFile(dir.resolve(OPENAI_MERGES)));
    }

    /** Reads the tokenizer in dir: vocab.json + merges.txt, else encoder.json + vocab.bpe, else tokenizer.json. */
    public static ByteLevelBpe read(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(VOCAB)) && Files.isRegularFile(dir.resolve(MERGES))) {
            return read(dir.resolve(VOCAB), dir.resolve(MERGES));
        }
        if (Files.isRegularFile(dir.resolve(OPENAI_VOCAB)) && Files.isRegularFile(dir.resolve(OPENAI_MERGES))) {
            return read(dir.resolve(OPENAI_VOCAB), dir.resolve(OPENAI_MERGES));
        }
        if (Files.isRegularFile(dir.resolve(TOKENIZER_JSON))) return readTokenizerJson(dir.resolve(TOKENIZER_JSON));
        throw new IOException("no tokenizer in " + dir + " (expected " + VOCAB + " + " + MERGES + ", or " + TOKENIZER_JSON + ")");
    }

    /** Reads a vocabulary file and a merges file. Tokens no byte or merge makes, such as {@code <|endoftext|>}, are special. */
    public static ByteLevelBpe read(Path vocabFile, Path mergesFile) throws IOException {
        String[] symbols = readVocab(vocabFile);
        List<String[]> mergeText = new ArrayList<>();
        List<String> lines = Files.readAllLines(mergesFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) continue;
            String[] parts = line.split(" ");
            if (parts.length != 2) throw new IOException(mergesFile + " line " + (i + 1) + ": expected two tokens separated by one space: '" + line + "'");
            mergeText.add(parts);
        }
        return build(symbols, mergeText, inferSpecials(symbols, mergeText), mergesFile);
    }

    /** Reads a Hugging Face {@code tokenizer.json} whose model is GPT-2-style byte-level BPE. */
    public static ByteLevelBpe readTokenizerJson(Path file) throws IOException {
        JsonNode root = parse(file);
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText(null))) {
            throw new IOException(file + ": model type is " + model.path("type").asText("missing") + ", only BPE is supported");
        }
        requirePlain(file, model, "dropout", null);
        requirePlain(file, model, "continuing_subword_prefix", "");
        requirePlain(file, model, "end_of_word_suffix", "");
        if (model.path("ignore_merges").asBoolean(false)) throw new IOException(file + ": ignore_merges=true is not GPT-2's BPE");
        if (model.path("byte_fallback").asBoolean(false)) throw new IOException(file + ": byte_fallback is not byte-level BPE");
        JsonNode pre = root.path("pre_tokenizer");
        if (!"ByteLevel".equals(pre.path("type").asText(null)) || pre.path("add_prefix_space").asBoolean(false)
                || !pre.path("use_regex").asBoolean(true)) {
            throw new IOException(file + ": the pre-tokenizer must be GPT-2's (ByteLevel, add_prefix_space false), found " + pre);
        }
        ObjectNode vocab = (ObjectNode) model.path("vocab").deepCopy();
        Set<Integer> special = new HashSet<>();
        for (JsonNode added : root.path("added_tokens")) {
            String content = added.path("content").asText();
            int id = added.path("id").asInt(-1);
            if (vocab.has(content) && vocab.get(content).asInt() != id) throw new IOException(file + ": added token '" + content + "' has two ids");
            if (added.path("special").asBoolean(false)) {
                special.add(id);
            } else if (!vocab.has(content)) {
                throw new IOException(file + ": added token '" + content + "' is not special; only special added tokens are supported");
            }
            vocab.put(content, id);
        }
        String[] symbols = symbolsById(vocab, file);
        List<String[]> mergeText = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            String[] parts = m.isArray() ? new String[] {m.path(0).asText(), m.path(1).asText()} : m.asText().split(" ");
            if (parts.length != 2 || (m.isArray() && m.size() != 2)) throw new IOException(file + ": malformed merge " + m);
            mergeText.add(parts);
        }
        return build(symbols, mergeText, special, file);
    }

    /** Writes vocab.json, merges.txt and tokenizer.json into dir, each atomically. */
    public static void write(ByteLevelBpe bpe, Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(VOCAB), out -> {
            JsonGenerator g = JSON.getFactory().createGenerator(out);
            g.writeStartObject();
            for (int id = 0; id < bpe.vocabSize(); id++) g.writeNumberField(bpe.symbol(id), id);
            g.writeEndObject();
            g.flush();
        });
        AtomicFile.write(dir.resolve(MERGES), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("#version: 0.2\n");
            for (int r = 0; r < bpe.mergeCount(); r++) {
                int[] m = bpe.merge(r);
                w.write(bpe.symbol(m[0]) + " " + bpe.symbol(m[1]) + "\n");
            }
            w.flush();
        });
        AtomicFile.write(dir.resolve(TOKENIZER_JSON), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, tokenizerJson(bpe)));
    }

    private static ObjectNode tokenizerJson(ByteLevelBpe bpe) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (Map.Entry<String, Integer> e : bpe.specialTokens().entrySet()) {
            added.addObject().put("id", e.getValue()).put("content", e.getKey()).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", true).put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(true));
        root.set("post_processor", byteLevel(false));
        root.set("decoder", byteLevel(true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < bpe.vocabSize(); id++) vocab.put(bpe.symbol(id), id);
        ArrayNode merges = model.putArray("merges");
        for (int r = 0; r < bpe.mergeCount(); r++) {
            int[] m = bpe.merge(r);
            merges.add(bpe.symbol(m[0]) + " " + bpe.symbol(m[1]));
        }
        return root;
    }

    private static ObjectNode byteLevel(boolean regex) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true);
        if (regex) n.put("use_regex", true);
        return n;
    }

    private static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void requirePlain(Path file, JsonNode model, String field, String expected) throws IOException {
        JsonNode v = model.path(field);
        boolean ok = expected == null ? v.isMissingNode() || v.isNull() : v.isMissingNode() || v.isNull() || expected.equals(v.asText());
        if (!ok) throw new IOException(file + ": model." + field + " = " + v + " is not supported (GPT-2 has " + (expected == null ? "null" : "\"" + expected + "\"") + ")");
    }

    /** vocab.json read as a stream, without building a tree of 50k nodes: the token strings by id. */
    private static String[] readVocab(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) throw new IOException(file + ": expected a JSON object of token → id");
            for (com.fasterxml.jackson.core.JsonToken t; (t = p.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_OBJECT; ) {
                if (t != com.fasterxml.jackson.core.JsonToken.FIELD_NAME) throw new IOException(file + ": expected a JSON object of token → id");
                String name = p.currentName();
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) throw new IOException(file + ": id of '" + name + "' is not an integer");
                names.add(name);
                ids.add(p.getIntValue());
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return byId(names, ids, file);
    }

    /** The token strings by id, refusing duplicates and gaps: ids must be exactly 0..n-1. */
    private static String[] byId(List<String> names, List<Integer> ids, Path file) throws IOException {
        int n = names.size();
        String[] symbols = new String[n];
        for (int i = 0; i < n; i++) {
            int id = ids.get(i);
            String name = names.get(i);
            if (id < 0 || id >= n) throw new IOException(file + ": id " + id + " of '" + name + "' is outside 0.." + (n - 1) + " (ids must be dense)");
            if (symbols[id] != null) throw new IOException(file + ": id " + id + " is given to both '" + symbols[id] + "' and '" + name + "'");
            symbols[id] = name;
        }
        return symbols;
    }

    /** The token strings by id of a JSON object of token → id. */
    private static String[] symbolsById(JsonNode vocab, Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) throw new IOException(file + ": id of '" + e.getKey() + "' is not an integer");
            names.add(e.getKey());
            ids.add(e.getValue().asInt());
        }
        return byId(names, ids, file);
    }

    /**
     * Special tokens when the files do not say: tokens that are not byte-level text, or that no single byte
     * and no merge makes and look like markup ({@code <|endoftext|>}, {@code <s>}).
     */
    private static Set<Integer> inferSpecials(String[] symbols, List<String[]> merges) {
        Set<String> made = new HashSet<>();
        for (String[] m : merges) made.add(m[0] + m[1]);
        Set<Integer> special = new HashSet<>();
        for (int id = 0; id < symbols.length; id++) {
            String s = symbols[id];
            byte[] b = ByteLevel.fromSymbols(s);
            boolean markup = s.length() > 2 && s.startsWith("<") && s.endsWith(">");
            if (b == null || (b.length > 1 && !made.contains(s) && markup)) special.add(id);
        }
        return special;
    }

    private static ByteLevelBpe build(String[] symbols, List<String[]> mergeText, Set<Integer> special, Path file) throws IOException {
        Map<String, Integer> ids = new HashMap<>(symbols.length * 2);
        for (int id = 0; id < symbols.length; id++) ids.put(symbols[id], id);
        int[][] merges = new int[mergeText.size()][];
        for (int r = 0; r < merges.length; r++) {
            String[] m = mergeText.get(r);
            Integer a = ids.get(m[0]), b = ids.get(m[1]);
            if (a == null || b == null) throw new IOException(file + ": merge " + r + " '" + m[0] + " " + m[1] + "' names a token missing from the vocabulary");
            merges[r] = new int[] {a, b};
        }
        try {
            return new ByteLevelBpe(symbols, merges, special);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}
