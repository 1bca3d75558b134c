package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written scanner against GPT-2's regular expression: same classes, same cuts. */
class PreTokenizerTest {

    static final Pattern REGEX = Pattern.compile(PreTokenizer.PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    static List<String> byRegex(String text) {
        List<String> out = new ArrayList<>();
        for (Matcher m = REGEX.matcher(text); m.find(); ) out.add(m.group());
        return out;
    }

    static List<String> byScanner(String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0, n = text.length(); i < n; ) {
            int j = PreTokenizer.end(text, i, n);
            out.add(text.substring(i, j));
            i = j;
        }
        return out;
    }

    @Test
    void everyCodePointHasTheRegexClass() {
        Pattern letter = Pattern.compile("\\p{L}", Pattern.UNICODE_CHARACTER_CLASS);
        Pattern number = Pattern.compile("\\p{N}", Pattern.UNICODE_CHARACTER_CLASS);
        Pattern space = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = Character.toString(cp);
            byte expected = space.matcher(s).matches() ? PreTokenizer.SPACE
                    : letter.matcher(s).matches() ? PreTokenizer.LETTER
                    : number.matcher(s).matches() ? PreTokenizer.NUMBER : PreTokenizer.OTHER;
            if (PreTokenizer.classOf(cp) != expected) assertEquals(expected, PreTokenizer.classOf(cp), String.format("U+%04X", cp));
        }
    }

    @Test
    void tricky() {
        for (String s : List.of("", " ", "  ", "a  b", "a\n\nb", "  \n x", "it's 'S 'll'll", " 's", "!'s", "x\u00a0 y",
                "\uD83D\uDE00\uD83D\uDE00 a", "\uD800 a\uDC00b", "a\uD800", "12\u00bd\u2167 x", "e\u0301t\u00e9", "\t\t\tfoo  ", "$ $$ 99", "'")) {
            assertEquals(byRegex(s), byScanner(s), s);
        }
    }

    static Stream<String> corpora() {
        return Stream.of("data/tinyshakespeare.txt", "data/brown.txt.gz", "data/kjv.txt.gz", "jdk");
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void sameCutsAsTheRegexOverWholeCorpora(String name) {
        var corpus = name.equals("jdk") ? TestCorpora.jdkSubset() : TestCorpora.shared(name);
        long pieces = 0;
        for (String chunk : TestCorpora.chunks(corpus)) {
            List<String> expected = byRegex(chunk);
            assertEquals(expected, byScanner(chunk), name);
            pieces += expected.size();
        }
        assertEquals(true, pieces > 100_000, name + ": " + pieces + " pieces");
    }
}
