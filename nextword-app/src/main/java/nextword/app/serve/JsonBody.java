package nextword.app.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request's JSON body, refusing one over the size limit before reading it (by its length) or while reading it (chunked). */
final class JsonBody {

    private JsonBody() {}

    static JsonNode read(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw ApiError.tooLarge(limit);
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limit) throw ApiError.tooLarge(limit);
        if (bytes.length == 0) throw ApiError.badValue(null, "the request needs a JSON body");
        try {
            return OpenAiSchema.JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiError.badValue(null, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
