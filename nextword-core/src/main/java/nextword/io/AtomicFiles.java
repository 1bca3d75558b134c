package nextword.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a file so that readers see the old version or the complete new one, never half of one. */
public final class AtomicFiles {

    /** Writes the content to a path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes to a temporary sibling, flushes it to disk, then renames it over target. */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            writer.writeTo(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes a string as UTF-8, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, temp -> Files.writeString(temp, text));
    }
}
