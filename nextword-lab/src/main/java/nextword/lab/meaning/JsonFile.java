package nextword.lab.meaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import nextword.data.AtomicFile;

/** The numbers behind a picture, as pretty-printed JSON written atomically (records become objects). */
public final class JsonFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFile() {}

    public static Path write(Path file, Object value) throws IOException {
        AtomicFile.write(file, out -> JSON.writeValue(new java.io.FilterOutputStream(out) {
            @Override
            public void close() {
                // AtomicFile closes the stream itself, after the rename is prepared.
            }
        }, value));
        return file;
    }

    /** The value as one JSON text. */
    public static String text(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
