package nextword.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.random.RandomGenerator;

/**
 * A corpus turned into token ids once, so training reads numbers instead of text: a 64-byte header then
 * the ids, little-endian, 2 bytes each when the vocabulary fits in 16 bits, else 4; the first
 * {@link #train()} ids are for training, the last {@link #validation()} ids for validation.
 *
 * <pre>
 * offset size
 *  0      8   magic "NXTWTOKS"
 *  8      4   version (1)
 * 12      4   bytes per token (2 or 4)
 * 16      4   vocabulary size
 * 20      4   reserved (0)
 * 24      8   vocabulary fingerprint ({@code Tokenizers.fingerprint}): which tokenizer made the ids
 * 32      8   training tokens
 * 40      8   validation tokens
 * 48     16   reserved (0)
 * 64          the ids
 * </pre>
 *
 * Opening maps the file into memory and checks the header against the file's length before anything is
 * trusted; every id read is checked against the vocabulary size.
 */
public final class TokenFile implements AutoCloseable {

    /** The file name {@code nextword prepare} gives the token file in its output folder. */
    public static final String NAME = "tokens.bin";

    static final byte[] MAGIC = "NXTWTOKS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final int width;
    private final int vocabSize;
    private final long fingerprint;
    private final Split train;
    private final Split validation;

    private TokenFile(Path path, Arena arena, MemorySegment data, int width, int vocabSize, long fingerprint, long trainCount, long validationCount) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.width = width;
        this.vocabSize = vocabSize;
        this.fingerprint = fingerprint;
        this.train = new Split("training", 0, trainCount);
        this.validation = new Split("validation", trainCount, validationCount);
    }

    /** Opens and checks a token file; a wrong magic, version, width or length is refused with the reason. */
    public static TokenFile open(Path path) throws IOException {
        long size = Files.size(path);
        if (size < HEADER_BYTES) throw new IOException(path + ": not a nextword token file (" + size + " bytes, shorter than the header)");
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (h.hasRemaining() && ch.read(h) >= 0) { }
            h.flip();
            byte[] magic = new byte[8];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(path + ": not a nextword token file (wrong magic)");
            int version = h.getInt();
            if (version != VERSION) throw new IOException(path + ": token file version " + version + ", this nextword reads version " + VERSION);
            int width = h.getInt();
            int vocab = h.getInt();
            h.getInt();
            long fingerprint = h.getLong();
            long trainCount = h.getLong();
            long valCount = h.getLong();
            if (width != 2 && width != 4) throw new IOException(path + ": corrupt header: " + width + " bytes per token");
            if (vocab <= 0 || (width == 2 && vocab > 65536)) throw new IOException(path + ": corrupt header: vocabulary of " + vocab + " with " + width + "-byte ids");
            if (trainCount < 0 || valCount < 0 || trainCount > (Long.MAX_VALUE - HEADER_BYTES) / width - valCount) {
                throw new IOException(path + ": corrupt header: token counts " + trainCount + " + " + valCount);
            }
            long expected = HEADER_BYTES + (trainCount + valCount) * width;
            if (expected != size) throw new IOException(path + ": header promises " + (trainCount + valCount) + " tokens (" + expected + " bytes) but the file has " + size + " bytes");
            Arena arena = Arena.ofShared();
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new TokenFile(path, arena, seg, width, vocab, fingerprint, trainCount, valCount);
        }
    }

    /** Starts writing a token file for a vocabulary; nothing appears at target until {@link Writer#commit}. */
    public static Writer create(Path target, int vocabSize, long fingerprint) throws IOException {
        return new Writer(target, vocabSize, fingerprint);
    }

    public Path path() {
        return path;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The fingerprint of the vocabulary that made these ids. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Refuses a tokenizer other than the one that made these ids (its fingerprint differs). */
    public void requireTokenizer(nextword.tokenize.Tokenizer tokenizer) {
        long f = nextword.tokenize.Tokenizers.fingerprint(tokenizer);
        if (f != fingerprint || tokenizer.vocabSize() != vocabSize) {
            throw new IllegalArgumentException(path + " was made by another tokenizer (vocabulary " + vocabSize + ", fingerprint "
                    + Long.toHexString(fingerprint) + "; given " + tokenizer.vocabSize() + ", " + Long.toHexString(f) + ")");
        }
    }

    /** Bytes per stored id: 2 or 4. */
    public int bytesPerToken() {
        return width;
    }

    public Split train() {
        return train;
    }

    public Split validation() {
        return validation;
    }

    @Override
    public void close() {
        arena.close();
    }

    /**
     * A contiguous run of the ids: training or validation. Windows of T+1 ids give T inputs and T targets,
     * the targets being the inputs shifted by one (each position predicts the next token).
     */
    public final class Split {
        private final String name;
        private final long start;
        private final long size;

        private Split(String name, long start, long size) {
            this.name = name;
            this.start = start;
            this.size = size;
        }

        /** How many ids. */
        public long size() {
            return size;
        }

        /** The id at index i (0-based within this split). */
        public int token(long i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(name + " index " + i + " outside [0, " + size + ")");
            long at = HEADER_BYTES + (start + i) * width;
            int id = width == 2 ? data.get(U16, at) & 0xFFFF : data.get(U32, at);
            if (id < 0 || id >= vocabSize) throw new IllegalStateException(path + ": corrupt: id " + Integer.toUnsignedString(id) + " at " + (start + i) + " is outside the vocabulary of " + vocabSize);
            return id;
        }

        /** Copies n ids from index from into dst[off, off+n). */
        public void read(long from, int[] dst, int off, int n) {
            for (int t = 0; t < n; t++) dst[off + t] = token(from + t);
        }

        /**
         * Fills inputs and targets (each B·T, row-major (B, T)) from B windows at random places: row b holds
         * ids [s_b, s_b+T) and their successors [s_b+1, s_b+T+1).
         */
        public void randomBatch(int B, int T, RandomGenerator rng, int[] inputs, int[] targets) {
            check(B, T, inputs, targets);
            for (int b = 0; b < B; b++) window(rng.nextLong(size - T), T, inputs, targets, b * T);
        }

        /** How many whole batches of B non-overlapping windows of T (+1) ids a sequential pass has. */
        public long batches(int B, int T) {
            if (B <= 0 || T <= 0) throw new IllegalArgumentException("batch " + B + " × " + T + " must be positive");
            return size == 0 ? 0 : (size - 1) / T / B;
        }

        /** Fills batch k of the sequential pass: window j of row b starts at (k·B + b)·T. */
        public void batch(long k, int B, int T, int[] inputs, int[] targets) {
            check(B, T, inputs, targets);
            if (k < 0 || k >= batches(B, T)) throw new IndexOutOfBoundsException("batch " + k + " outside [0, " + batches(B, T) + ")");
            for (int b = 0; b < B; b++) window((k * B + b) * T, T, inputs, targets, b * T);
        }

        private void window(long s, int T, int[] inputs, int[] targets, int off) {
            int prev = token(s);
            for (int t = 0; t < T; t++) {
                int nextId = token(s + t + 1);
                inputs[off + t] = prev;
                targets[off + t] = nextId;
                prev = nextId;
            }
        }

        private void check(int B, int T, int[] inputs, int[] targets) {
            if (B <= 0 || T <= 0) throw new IllegalArgumentException("batch " + B + " × " + T + " must be positive");
            if (size < T + 1L) throw new IllegalArgumentException("the " + name + " split has " + size + " tokens, fewer than a window of " + (T + 1));
            if (inputs.length < B * T || targets.length < B * T) throw new IllegalArgumentException("inputs and targets need " + B * T + " ids each");
        }
    }

    /** Writes ids to a temporary file; {@link #commit} splits, writes the header and renames it into place. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final FileChannel ch;
        private final int width;
        private final int vocabSize;
        private final long fingerprint;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long count;
        private boolean committed;

        private Writer(Path target, int vocabSize, long fingerprint) throws IOException {
            if (vocabSize <= 0) throw new IllegalArgumentException("vocabulary size must be positive");
            this.target = target;
            this.vocabSize = vocabSize;
            this.fingerprint = fingerprint;
            this.width = vocabSize <= 65536 ? 2 : 4;
            this.tmp = AtomicFile.temporary(target);
            this.ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
            ch.position(HEADER_BYTES);
        }

        /** Appends ids[from, from+n). */
        public void write(int[] ids, int from, int n) throws IOException {
            for (int i = from; i < from + n; i++) {
                int id = ids[i];
                if (id < 0 || id >= vocabSize) throw new IllegalArgumentException("id " + id + " is outside the vocabulary of " + vocabSize);
                if (buf.remaining() < 4) flush();
                if (width == 2) buf.putShort((short) id);
                else buf.putInt(id);
            }
            count += n;
        }

        /** How many ids were written. */
        public long count() {
            return count;
        }

        /**
         * Puts the last validationFraction of the ids in the validation split, moves the file into place and
         * returns how many ids went to validation.
         */
        public long commit(double validationFraction) throws IOException {
            if (!(validationFraction >= 0 && validationFraction < 1)) throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
            flush();
            long val = (long) Math.floor(count * validationFraction);
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(VERSION).putInt(width).putInt(vocabSize).putInt(0)
                    .putLong(fingerprint).putLong(count - val).putLong(val);
            h.clear();
            ch.position(0);
            while (h.hasRemaining()) ch.write(h);
            ch.force(true);
            ch.close();
            AtomicFile.commit(tmp, target);
            committed = true;
            return val;
        }

        private void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) ch.write(buf);
            buf.clear();
        }

        /** Abandons an uncommitted file. */
        @Override
        public void close() throws IOException {
            if (ch.isOpen()) ch.close();
            if (!committed) Files.deleteIfExists(tmp);
        }
    }
}
