package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiLanguageModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nextword.infer.Generation;
import nextword.infer.Generator;
import nextword.infer.SamplingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real OpenAI client library, LangChain4j's OpenAI module, against the server: chat, streaming chat and
 * completions, each answer checked against the engine's own greedy output.
 */
class LangChain4jClientTest {

    private static final String KEY = "test-key";
    private static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(TestServer.model(256, 32, 2), ServeOptions.local("tiny").withApiKey(KEY));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** What the engine itself says after the chat transcript, greedily. */
    private static String engineReply(String transcript, int tokens) {
        Generation g = Generator.generate(s.model.newSession(), transcript,
                SamplingOptions.greedy().withMaxTokens(tokens).withStop(ChatTemplate.TURN_ENDS), null);
        return g.text().stripLeading();
    }

    @Test
    void chat() {
        OpenAiChatModel chat = OpenAiChatModel.builder().baseUrl(s.url() + "/v1").apiKey(KEY).modelName("tiny")
                .temperature(0.0).maxTokens(12).timeout(Duration.ofSeconds(30)).build();
        ChatResponse r = chat.chat(ChatRequest.builder()
                .messages(SystemMessage.from("You are terse."), UserMessage.from("What is a token?")).build());
        assertEquals(engineReply("System: You are terse.\nUser: What is a token?\nAssistant:", 12), r.aiMessage().text());
        assertEquals("tiny", r.modelName());
        assertTrue(r.tokenUsage().outputTokenCount() >= 1 && r.tokenUsage().outputTokenCount() <= 12);
        assertTrue(r.finishReason() == FinishReason.LENGTH || r.finishReason() == FinishReason.STOP);
    }

    @Test
    void streamingChat() throws Exception {
        OpenAiStreamingChatModel chat = OpenAiStreamingChatModel.builder().baseUrl(s.url() + "/v1").apiKey(KEY).modelName("tiny")
                .temperature(0.0).maxTokens(16).timeout(Duration.ofSeconds(30)).build();
        StringBuilder partials = new StringBuilder();
        int[] pieces = {0};
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chat.chat("Tell me about attention.", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.append(partial);
                pieces[0]++;
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse r = done.get(60, TimeUnit.SECONDS);
        String want = engineReply("User: Tell me about attention.\nAssistant:", 16);
        assertEquals(want, partials.toString(), "the streamed pieces");
        assertEquals(want, r.aiMessage().text(), "the assembled reply");
        assertTrue(pieces[0] > 1 || want.length() <= 1, "the reply came in pieces");
    }

    @Test
    void completions() {
        OpenAiLanguageModel lm = OpenAiLanguageModel.builder().baseUrl(s.url() + "/v1").apiKey(KEY).modelName("tiny")
                .temperature(0.0).timeout(Duration.ofSeconds(30)).build();
        Response<String> r = lm.generate("The meaning of life is");
        Generation want = Generator.generate(s.model.newSession(), "The meaning of life is",
                SamplingOptions.greedy().withMaxTokens(RequestReader.DEFAULT_COMPLETION_TOKENS), null);
        assertEquals(want.text(), r.content());
        assertEquals(RequestReader.DEFAULT_COMPLETION_TOKENS, r.tokenUsage().outputTokenCount());
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertFalse(r.content().isEmpty());
    }
}
