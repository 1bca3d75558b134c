package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 8 streaming clients × 25 requests each on loopback: no errors, every stream well-formed and complete. */
class ServeLoadTest {

    @Test
    void eightClientsTimesTwentyFiveStreams() throws Exception {
        try (TestServer s = TestServer.tiny()) {
            LoadTest.Result r = LoadTest.run(s.url(), "tiny", null, 8, 25, 8);
            System.out.println("load test: " + r.summary());
            assertEquals(200, r.requests());
            assertEquals(java.util.List.of(), r.problems());
            assertEquals(200, r.latencies().length);
            assertTrue(r.tokens() >= 200 && r.tokens() <= 200 * 8, r.tokens() + " tokens");
            assertTrue(r.latency(50) <= r.latency(99));
            assertEquals(0, s.get("/health").json().get("active").asInt());
            assertTrue(s.get("/metrics").body().contains("nextword_requests_total{route=\"/v1/chat/completions\",status=\"200\"} 200"));
        }
    }

    @Test
    void refusesToLoadAnotherMachine() {
        assertThrows(IllegalArgumentException.class, () -> LoadTest.run("http://192.168.1.1:8080", "m", null, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.run("http://example.com", "m", null, 1, 1, 1));
    }
}
