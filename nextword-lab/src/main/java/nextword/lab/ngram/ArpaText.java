package nextword.lab.ngram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import nextword.data.Corpus;
import nextword.ngram.Arpa;
import nextword.ngram.NgramFiles;
import nextword.ngram.NgramText;

/**
 * Writes part of a corpus the way ARPA tools read text: one segment a line, {@code <s> words… </s>}, each
 * token named as in the model's {@code model.arpa}. Lets IRSTLM, SRILM or KenLM score and train on exactly
 * the tokens a nextword model saw.
 *
 * <pre>java -cp nextword-app/target/nextword.jar nextword.lab.ngram.ArpaText MODEL_DIR CORPUS train|heldout|all OUT</pre>
 */
public final class ArpaText {

    private ArpaText() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ArpaText MODEL_DIR CORPUS train|heldout|all OUT");
            System.exit(2);
        }
        NgramFiles.Loaded m = NgramFiles.load(Path.of(args[0]));
        NgramText.Split split = NgramText.Split.valueOf(args[2].toUpperCase(Locale.ROOT));
        List<String> segments = NgramText.select(NgramText.read(Corpus.open(args[1], null), m.options(), System.err::println), split);
        String[] words = Arpa.words(m.tokenizer());
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            StringJoiner line = new StringJoiner(" ", "<s> ", " </s>\n");
            for (int id : m.tokenizer().encode(s)) line.add(words[id]);
            out.append(line);
        }
        Files.writeString(Path.of(args[3]), out, StandardCharsets.UTF_8);
    }
}
