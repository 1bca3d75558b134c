package nextword.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation with a model that was never taught to chat: the history is written as a transcript
 * ("User: …" / "Assistant: …") and the model continues it until it starts the user's next line. The session
 * keeps the transcript's keys and values, so each turn only processes what is new; when the transcript no
 * longer fits the context, the oldest turns are dropped (the window slides) and the rest is recomputed.
 */
public final class Chat {

    /** One exchange. */
    public record Turn(String user, String assistant) {}

    static final String USER = "User:";
    static final String ASSISTANT = "Assistant:";

    private final Session session;
    private final SamplingOptions options;
    private final String preamble;
    private final List<Turn> turns = new ArrayList<>();
    private int dropped;
    private long seed;

    /** A chat over session, with preamble (may be empty) at the top of every transcript. */
    public Chat(Session session, SamplingOptions options, String preamble) {
        this.session = session;
        this.preamble = preamble;
        this.seed = options.seed();
        List<String> stops = new ArrayList<>(options.stop());
        stops.add("\n" + USER);
        this.options = options.withStop(stops);
    }

    /** Answers a message, streaming the reply to listener (may be null), and adds the exchange to the history. */
    public Generation reply(String message, TokenListener listener) {
        String line = message.strip();
        if (line.isEmpty()) throw new IllegalArgumentException("say something");
        int room = session.capacity() - options.maxTokens();
        if (room < 1) throw new IllegalArgumentException("max tokens " + options.maxTokens() + " leave no room in a " + session.capacity() + "-token context");
        int[] prompt = Generator.encode(session.model(), transcript(line));
        // slide: drop the oldest exchanges until the transcript and the reply fit
        while (prompt.length > room && dropped < turns.size()) {
            dropped++;
            prompt = Generator.encode(session.model(), transcript(line));
        }
        // each turn its own seed, so a conversation replays the same from the same seed
        Generation g = Generator.generate(session, prompt, options.withSeed(seed++), listener);
        turns.add(new Turn(line, g.text().strip()));
        return g;
    }

    /** Forgets the conversation. */
    public void reset() {
        turns.clear();
        dropped = 0;
        session.reset();
    }

    /** The exchanges so far, oldest first (including those that slid out of the window). */
    public List<Turn> history() {
        return List.copyOf(turns);
    }

    /** How many of the oldest exchanges no longer fit the context. */
    public int forgotten() {
        return dropped;
    }

    /** The transcript the model sees for the next message. */
    String transcript(String message) {
        StringBuilder sb = new StringBuilder(preamble);
        for (int i = dropped; i < turns.size(); i++) {
            Turn t = turns.get(i);
            sb.append(USER).append(' ').append(t.user()).append('\n').append(ASSISTANT).append(' ').append(t.assistant()).append('\n');
        }
        return sb.append(USER).append(' ').append(message).append('\n').append(ASSISTANT).toString();
    }
}
