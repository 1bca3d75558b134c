package nextword.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a conversation becomes text for a base model, which was never taught turns: a plain transcript, one
 * line per message with its speaker's name, ending with the assistant's name for the model to continue.
 *
 * <pre>
 * System: You are a helpful assistant.
 * User: What is a token?
 * Assistant: A piece of text.
 * User: And an embedding?
 * Assistant:</pre>
 *
 * Messages are separated by a newline; the reply stops where the model starts the next turn (a new line
 * beginning "User:", "Assistant:" or "System:"), and the space after "Assistant:" is not part of the reply.
 */
final class ChatTemplate {

    /** What ends a reply: the model starting the next speaker's line. */
    static final List<String> TURN_ENDS = List.of("\nUser:", "\nAssistant:", "\nSystem:");

    private ChatTemplate() {}

    /** The transcript of messages (an array of {role, content}) up to "Assistant:". */
    static String render(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.badValue("messages", "'messages' must be a non-empty array of {role, content}");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String param = "messages[" + i + "]";
            if (!m.isObject()) throw ApiError.badValue(param, param + " must be an object with role and content");
            String speaker = switch (m.path("role").asText("")) {
                case "system", "developer" -> "System";
                case "user" -> "User";
                case "assistant" -> "Assistant";
                case "tool", "function" -> throw ApiError.unsupported(param + ".role", "this server has no tools: role '" + m.get("role").asText() + "' is not supported");
                default -> throw ApiError.badValue(param + ".role", param + ".role must be system, developer, user or assistant");
            };
            out.append(speaker).append(": ").append(content(m.get("content"), param + ".content").strip()).append('\n');
        }
        return out.append("Assistant:").toString();
    }

    /** A message's text: a string, or an array of {type: "text", text} parts joined. */
    private static String content(JsonNode c, String param) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (c.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiError.unsupported(param, "only text content parts are supported");
                }
                s.append(part.get("text").asText());
            }
            return s.toString();
        }
        throw ApiError.badValue(param, param + " must be a string or an array of text parts");
    }
}
