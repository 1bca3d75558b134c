package nextword.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import nextword.kernels.Parallel;

/**
 * Works on a corpus's chunks in parallel on the kernel pool and hands the results back in corpus order.
 * Reading is sequential, so it overlaps with the work: while one batch (several chunks, about a million
 * characters per thread and more) is being worked on, the next is read. Results never depend on the
 * thread count.
 */
public final class ParallelChunks {

    /** Receives each chunk's result, in corpus order. */
    @FunctionalInterface
    public interface Sink<R> {
        void accept(CorpusReader.Chunk chunk, R result) throws IOException;
    }

    private ParallelChunks() {}

    /** Applies work to every chunk of the pass, in parallel, and gives the results to sink in order. */
    public static <R> void map(CorpusReader reader, Function<String, R> work, Sink<R> sink) throws IOException {
        long batchChars = (long) Parallel.threads() * 4 * CorpusReader.CHUNK_CHARS;
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nextword-chunks");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CorpusReader.Chunk> batch = read(reader, batchChars);
            while (!batch.isEmpty()) {
                List<CorpusReader.Chunk> current = batch;
                Object[] results = new Object[current.size()];
                Future<?> running = driver.submit(() -> Parallel.range(current.size(), 1, (from, to) -> {
                    for (int k = from; k < to; k++) results[k] = work.apply(current.get(k).text());
                }));
                batch = read(reader, batchChars);
                await(running);
                for (int k = 0; k < current.size(); k++) {
                    @SuppressWarnings("unchecked")
                    R r = (R) results[k];
                    sink.accept(current.get(k), r);
                }
            }
        } finally {
            driver.shutdownNow();
        }
    }

    private static List<CorpusReader.Chunk> read(CorpusReader reader, long chars) throws IOException {
        List<CorpusReader.Chunk> batch = new ArrayList<>();
        long total = 0;
        for (CorpusReader.Chunk c; total < chars && (c = reader.next()) != null; ) {
            batch.add(c);
            total += c.text().length();
        }
        return batch;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
