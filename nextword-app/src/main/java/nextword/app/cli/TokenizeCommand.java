package nextword.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import nextword.data.Corpus;
import nextword.tokenize.Tokenizer;
import nextword.tokenize.Tokenizers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows how a tokenizer cuts a text: the ids, the pieces, and the counts. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Turn text into tokens and show the ids, the pieces and the counts.")
public final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", paramLabel = "T", defaultValue = "gpt2",
            description = "gpt2, a folder with a saved tokenizer, char, or word[:N] (default: ${DEFAULT-VALUE}). char and word are built from --corpus, else from the input itself.")
    String tokenizer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextInput input;

    @Option(names = "--corpus", paramLabel = "C", description = "Corpus to build a char or word tokenizer from.")
    String corpus;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = input.read(err);
        Corpus source = corpus != null ? Corpus.open(corpus, null) : Corpus.of("the input", text);
        Tokenizer tok = Tokenizers.load(tokenizer, source, List.of());
        int[] ids = tok.encode(text);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        int chars = text.codePointCount(0, text.length());
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("tokenizer", tokenizer).put("vocab_size", tok.vocabSize()).put("characters", chars).put("bytes", bytes).put("tokens", ids.length);
            ArrayNode idArray = o.putArray("ids");
            ArrayNode pieces = o.putArray("pieces");
            for (int id : ids) {
                idArray.add(id);
                pieces.add(tok.piece(id));
            }
            out.println(m.writeValueAsString(o));
        } else {
            out.printf("tokenizer  %s (%d tokens in the vocabulary)%n", tokenizer, tok.vocabSize());
            out.printf("text       %d characters, %d bytes%n", chars, bytes);
            out.printf("tokens     %d%s%n", ids.length, ids.length == 0 ? "" : String.format(" (%.2f characters per token)", chars / (double) ids.length));
            StringBuilder idLine = new StringBuilder();
            StringBuilder pieceLine = new StringBuilder();
            for (int id : ids) {
                idLine.append(' ').append(id);
                pieceLine.append(' ').append(quote(tok.piece(id)));
            }
            out.println("ids       " + idLine);
            out.println("pieces    " + pieceLine);
        }
        out.flush();
        return 0;
    }

    /** A piece in quotes with invisible characters made visible, so spaces and newlines can be seen. */
    static String quote(String piece) {
        StringBuilder sb = new StringBuilder("\"");
        piece.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (Character.isISOControl(cp)) sb.append(String.format("\\u%04x", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        });
        return sb.append('"').toString();
    }
}
