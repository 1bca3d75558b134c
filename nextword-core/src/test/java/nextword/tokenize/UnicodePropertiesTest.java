package nextword.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import nextword.testing.NeedsSharedData;

/**
 * Property-based tests over arbitrary Unicode: strings mix the classes the pre-tokenizer tells apart
 * (letters of many scripts, digits, every kind of white space, punctuation, apostrophes and contractions,
 * combining marks, emoji and other surrogate pairs). Seeds are fixed so a run is reproducible.
 */
class UnicodePropertiesTest {

    private static final String SEED = "20240601";

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u000b", " \u00a0 "),
                Arbitraries.of("'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'", "''", "\u2019s"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(".", ",", "!?", "...", "<|endoftext|>", "{}", "$", "->", "==", "#", "\u00bd", "\u2167"),
                Arbitraries.of("\u00e9", "e\u0301", "\u03b1\u03b2\u03b3", "\u043f\u0440\u0438", "\u4e2d\u6587", "\u0627\u0644", "\u0928\u092e", "\u0e44\u0e17\u0e22"),
                Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69", "\uD835\uDC00\uD835\uDC01", "\uD83C\uDDFA\uD83C\uDDF8", "\uD840\uDC00"),
                Arbitraries.chars().range('\u0000', '\uD7FF').map(String::valueOf),
                Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString));
        return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 1500, seed = SEED)
    @AddLifecycleHook(NeedsSharedData.class)
    void decodeOfEncodeIsTheText(@ForAll("text") String text) {
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        assertEquals(text, gpt2.decode(gpt2.encode(text)));
    }

    @Property(tries = 1500, seed = SEED)
    @AddLifecycleHook(NeedsSharedData.class)
    void sameIdsAsJtokkit(@ForAll("text") String text) {
        assertArrayEquals(Gpt2Files.jtokkit(text), Gpt2Files.gpt2().encode(text), text);
    }

    @Property(tries = 1500, seed = SEED)
    void sameCutsAsTheRegexEvenWithLoneSurrogates(@ForAll("text") String text, @ForAll("surrogate") String lone) {
        String s = text.isEmpty() ? lone : text.substring(0, text.length() / 2) + lone + text.substring(text.length() / 2);
        assertEquals(PreTokenizerTest.byRegex(s), PreTokenizerTest.byScanner(s));
    }

    @Provide
    Arbitrary<String> surrogate() {
        return Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf);
    }

    @Property(tries = 1000, seed = SEED)
    @AddLifecycleHook(NeedsSharedData.class)
    void anyJavaStringRoundTripsExceptLoneSurrogates(@ForAll String text) {
        // jqwik's default strings include unpaired surrogates, which UTF-8 cannot hold: they decode as U+FFFD.
        String expected = text.codePoints()
                .map(cp -> cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        ByteLevelBpe gpt2 = Gpt2Files.gpt2();
        assertEquals(expected, gpt2.decode(gpt2.encode(text)));
    }

    @Property(tries = 1000, seed = SEED)
    @AddLifecycleHook(NeedsSharedData.class)
    void trainedTokenizersRoundTripToo(@ForAll("text") String text) {
        ByteLevelBpe small = BpeTrainerTest.smallTrained();
        assertEquals(text, small.decode(small.encode(text)));
    }
}
