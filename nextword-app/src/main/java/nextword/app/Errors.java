package nextword.app;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user sees. */
final class Errors {

    private Errors() {}

    static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t.getMessage() == null) && t.getCause() != null) t = t.getCause();
        String msg = t.getMessage();
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) return "no such file: " + msg;
        if (t instanceof AccessDeniedException) return "permission denied: " + msg;
        if (t instanceof OutOfMemoryError) return "out of memory (raise -Xmx through NEXTWORD_JAVA_OPTS)";
        if (msg == null || msg.isBlank()) return t.getClass().getSimpleName();
        return msg.replace('\n', ' ');
    }
}
