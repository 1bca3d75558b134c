package nextword.lab.meaning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named sets of words to look at, each in groups that get their own colour. Brown's million words know
 * common words well; rare ones (it has "alligator" 4 times, "crocodile" once, "turnip" never) are
 * left out of a plot with a note, since a vector learnt from a handful of uses means little.
 */
public final class WordSets {

    /** Words of one kind. */
    public record Group(String name, List<String> words) {}

    private static final Map<String, List<Group>> SETS = new LinkedHashMap<>();

    static {
        SETS.put("animals-plants", List.of(
                new Group("animal", List.of("alligator", "crocodile", "snake", "turtle", "dog", "cat", "horse", "cow", "pig", "sheep",
                        "goat", "lion", "tiger", "bear", "wolf", "fox", "deer", "rabbit", "mouse", "rat", "hawk", "duck", "chicken",
                        "fish", "bird", "insect", "bee")),
                new Group("plant", List.of("turnip", "tree", "trees", "grass", "flower", "flowers", "oak", "pine", "maple", "rose",
                        "moss", "corn", "wheat", "rice", "cotton", "potato", "potatoes", "peas", "beans", "onion", "cabbage", "fruit",
                        "apple", "vegetable", "bush", "weeds"))));
        SETS.put("nouns", List.of(
                new Group("family", List.of("mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "child", "baby", "uncle", "aunt")),
                new Group("body", List.of("head", "hand", "hands", "eyes", "face", "arm", "arms", "feet", "heart", "mouth", "hair", "shoulder")),
                new Group("time", List.of("day", "night", "morning", "evening", "week", "month", "year", "hour", "minute", "summer", "winter", "spring")),
                new Group("place", List.of("city", "town", "country", "village", "house", "home", "room", "church", "school", "street", "office", "hospital")),
                new Group("country", List.of("france", "england", "germany", "russia", "china", "japan", "italy", "india", "cuba", "britain", "europe", "africa")),
                new Group("colour", List.of("red", "blue", "green", "white", "black", "yellow", "brown", "gray", "pink", "purple")),
                new Group("number", List.of("two", "three", "four", "five", "six", "seven", "eight", "ten", "twenty", "hundred", "thousand", "million"))));
    }

    private WordSets() {}

    /** The set of that name. */
    public static List<Group> named(String name) {
        List<Group> set = SETS.get(name);
        if (set == null) throw new IllegalArgumentException("no word set '" + name + "' (known: " + String.join(", ", SETS.keySet()) + ")");
        return set;
    }

    /** One group of the given words (a plot of words chosen on the command line). */
    public static List<Group> of(List<String> words) {
        return List.of(new Group("words", List.copyOf(words)));
    }

    /** The groups with the words the vectors lack taken out; those words are added to missing. */
    public static List<Group> known(List<Group> groups, WordVectors vectors, List<String> missing) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            List<String> have = new ArrayList<>();
            for (String w : g.words()) {
                String lower = w.toLowerCase(java.util.Locale.ROOT);
                if (vectors.contains(lower)) have.add(lower);
                else missing.add(lower);
            }
            if (!have.isEmpty()) out.add(new Group(g.name(), have));
        }
        return out;
    }
}
