package nextword.ngram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import nextword.tokenize.Tokenizer;

/** A test tokenizer over a fixed list of pieces: words split at spaces, or single characters. */
record TinyTokenizer(List<String> pieces, boolean characters) implements Tokenizer {

    static TinyTokenizer words(String... words) {
        return new TinyTokenizer(List.of(words), false);
    }

    static TinyTokenizer characters(String alphabet) {
        return new TinyTokenizer(alphabet.codePoints().mapToObj(Character::toString).toList(), true);
    }

    @Override
    public int[] encode(String text) {
        List<String> parts = characters ? text.codePoints().mapToObj(Character::toString).toList() : Arrays.asList(text.strip().split(" +"));
        List<Integer> ids = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) continue;
            int id = pieces.indexOf(p);
            if (id < 0) throw new IllegalArgumentException("not in the test vocabulary: '" + p + "'");
            ids.add(id);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] ids) {
        return Arrays.stream(ids).mapToObj(pieces::get).collect(Collectors.joining(characters ? "" : " "));
    }

    @Override
    public int vocabSize() {
        return pieces.size();
    }

    @Override
    public String piece(int id) {
        return pieces.get(id);
    }
}
