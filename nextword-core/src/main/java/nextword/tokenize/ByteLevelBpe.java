package nextword.tokenize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte-level BPE exactly as GPT-2 does it: the text is cut by {@link PreTokenizer}, each piece becomes
 * its UTF-8 bytes (one symbol each), and then, over and over, the adjacent pair with the lowest merge
 * rank is merged everywhere in the piece until no ranked pair is left.
 *
 * <p>Vocabularies come from Hugging Face files ({@link HuggingFaceFiles}) or from {@link BpeTrainer}.
 * Ids 0..255 need not be the bytes; special tokens (GPT-2's {@code <|endoftext|>}) are ids that no byte
 * and no merge makes, so plain text can never produce them. Each thread keeps a cache of pieces it has
 * already encoded: natural text repeats its words, and a hit skips BPE entirely.
 */
public final class ByteLevelBpe implements Tokenizer {

    static final int NO_RANK = Integer.MAX_VALUE;
    /** Pieces up to this many bytes merge by repeated scans; longer ones through a heap (n log n). */
    private static final int SCAN_LIMIT = 256;

    private final String[] symbols;
    private final byte[][] bytes;
    private final int[][] merges;
    private final int[] mergeResult;
    private final int[] byteId = new int[256];
    private final Map<String, Integer> specials;
    private final PairTable pairs;
    /** True when no merge uses a token before the last merge that makes it; then the heap is exact. */
    private final boolean ordered;
    private final ThreadLocal<PieceEncoder> encoders;

    /**
     * @param symbols  the vocabulary by id: byte-level strings ({@code "Ġthe"}), or the text of a special token
     * @param merges   by rank: {left id, right id}
     * @param special  the ids that are special tokens
     */
    public ByteLevelBpe(String[] symbols, int[][] merges, java.util.Set<Integer> special) {
        this.symbols = symbols.clone();
        int n = symbols.length;
        this.bytes = new byte[n][];
        Map<String, Integer> ids = new HashMap<>(n * 2);
        Map<String, Integer> sp = new LinkedHashMap<>();
        for (int id = 0; id < n; id++) {
            String s = symbols[id];
            if (s == null) throw new IllegalArgumentException("vocabulary has no token with id " + id);
            if (special.contains(id)) {
                bytes[id] = s.getBytes(StandardCharsets.UTF_8);
                sp.put(s, id);
                continue;
            }
            bytes[id] = ByteLevel.fromSymbols(s);
            if (bytes[id] == null) throw new IllegalArgumentException("token " + id + " '" + s + "' is not byte-level text");
            if (ids.putIfAbsent(s, id) != null) throw new IllegalArgumentException("token '" + s + "' appears twice in the vocabulary");
        }
        this.specials = Map.copyOf(sp);
        Arrays.fill(byteId, -1);
        for (int id = 0; id < n; id++) if (!special.contains(id) && bytes[id].length == 1) byteId[bytes[id][0] & 0xFF] = id;
        for (int b = 0; b < 256; b++) {
            if (byteId[b] < 0) throw new IllegalArgumentException(String.format("vocabulary lacks the byte 0x%02X ('%s')", b, ByteLevel.toSymbols(new byte[] {(byte) b})));
        }
        this.merges = new int[merges.length][];
        this.mergeResult = new int[merges.length];
        this.pairs = new PairTable(merges.length);
        int[] lastMade = new int[n];
        Arrays.fill(lastMade, -1);
        for (int r = 0; r < merges.length; r++) {
            int a = merges[r][0], b = merges[r][1];
            if (a < 0 || a >= n || b < 0 || b >= n || special.contains(a) || special.contains(b)) {
                throw new IllegalArgumentException("merge " + r + " names a token outside the vocabulary");
            }
            Integer result = ids.get(symbols[a] + symbols[b]);
            if (result == null) throw new IllegalArgumentException("merge " + r + " '" + symbols[a] + " " + symbols[b] + "' makes a token missing from the vocabulary");
            this.merges[r] = new int[] {a, b};
            mergeResult[r] = result;
            if (pairs.putIfAbsent(a, b, r)) lastMade[result] = r;
        }
        boolean inOrder = true;
        for (int r = 0; r < merges.length; r++) inOrder &= r > lastMade[merges[r][0]] && r > lastMade[merges[r][1]];
        this.ordered = inOrder;
        this.encoders = ThreadLocal.withInitial(PieceEncoder::new);
    }

    @Override
    public int[] encode(String text) {
        PieceEncoder e = encoders.get();
        e.reset();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int j = PreTokenizer.end(text, i, n);
            e.piece(this, text, i, j);
            i = j;
        }
        return e.result();
    }

    @Override
    public String decode(int[] ids) {
        int total = 0;
        for (int id : ids) total += token(id).length;
        byte[] out = new byte[total];
        int at = 0;
        for (int id : ids) {
            byte[] b = bytes[id];
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return symbols.length;
    }

    @Override
    public String piece(int id) {
        return specials.containsKey(symbols[id]) ? symbols[id] : ByteLevel.readable(token(id));
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    /** The byte-level string of a token as Hugging Face files store it ({@code "Ġworld"}). */
    public String symbol(int id) {
        token(id);
        return symbols[id];
    }

    /** How many merges there are (ranks 0..mergeCount()-1). */
    public int mergeCount() {
        return merges.length;
    }

    /** The merge of rank r: {left id, right id}. */
    public int[] merge(int r) {
        return merges[r].clone();
    }

    private byte[] token(int id) {
        return bytes[Tokenizers.checkId(id, bytes.length)];
    }

    /**
     * One thread's scratch space and cache of encoded pieces. Static, and given its tokenizer on each call
     * rather than holding it: a thread-local value that reached its ThreadLocal would never be freed.
     */
    private static final class PieceEncoder {
        private static final int CACHE_SLOTS = 1 << 16;
        private static final int CACHE_ENTRIES = CACHE_SLOTS / 2;
        private static final int CACHED_MAX_CHARS = 48;

        private int[] out = new int[1024];
        private int outLen;
        private byte[] utf8 = new byte[256];
        private int[] sym = new int[256];
        private final BpeMerger merger = new BpeMerger();

        private final int[] slots = new int[CACHE_SLOTS];
        private final int[] entryHash = new int[CACHE_ENTRIES];
        private final int[] entryKey = new int[CACHE_ENTRIES];
        private final int[] entryIds = new int[CACHE_ENTRIES + 1];
        private final char[] keyChars = new char[CACHE_ENTRIES * 12];
        private final int[] idArena = new int[CACHE_ENTRIES * 6];
        private int entries;
        private int keyUsed;

        void reset() {
            outLen = 0;
        }

        int[] result() {
            return Arrays.copyOf(out, outLen);
        }

        void piece(ByteLevelBpe bpe, String text, int from, int to) {
            int len = to - from;
            if (len > CACHED_MAX_CHARS) {
                bpe(bpe, text, from, to);
                return;
            }
            int h = 0x9E3779B9;
            for (int i = from; i < to; i++) h = (h ^ text.charAt(i)) * 0x01000193;
            h ^= h >>> 15;
            int mask = CACHE_SLOTS - 1;
            int slot = h & mask;
            for (int k; (k = slots[slot]) != 0; slot = (slot + 1) & mask) {
                k--;
                if (entryHash[k] == h && keyLength(k) == len && sameKey(entryKey[k], text, from, len)) {
                    append(idArena, entryIds[k], entryIds[k + 1] - entryIds[k]);
                    return;
                }
            }
            int start = outLen;
            bpe(bpe, text, from, to);
            int count = outLen - start;
            if (entries == CACHE_ENTRIES || keyUsed + len > keyChars.length || entryIds[entries] + count > idArena.length) {
                clear();
                slot = h & mask;
            }
            int k = entries++;
            entryHash[k] = h;
            entryKey[k] = keyUsed;
            text.getChars(from, to, keyChars, keyUsed);
            keyUsed += len;
            System.arraycopy(out, start, idArena, entryIds[k], count);
            entryIds[k + 1] = entryIds[k] + count;
            slots[slot] = k + 1;
        }

        private int keyLength(int k) {
            return (k + 1 < entries ? entryKey[k + 1] : keyUsed) - entryKey[k];
        }

        private boolean sameKey(int at, String text, int from, int len) {
            for (int i = 0; i < len; i++) if (keyChars[at + i] != text.charAt(from + i)) return false;
            return true;
        }

        private void clear() {
            Arrays.fill(slots, 0);
            entries = 0;
            keyUsed = 0;
        }

        private void bpe(ByteLevelBpe bpe, String text, int from, int to) {
            int maxBytes = 3 * (to - from);
            if (utf8.length < maxBytes) {
                utf8 = new byte[maxBytes];
                sym = new int[maxBytes];
            }
            int m = ByteLevel.utf8(text, from, to, utf8);
            for (int i = 0; i < m; i++) sym[i] = bpe.byteId[utf8[i] & 0xFF];
            if (m > 1) {
                m = m <= SCAN_LIMIT || !bpe.ordered ? merger.scan(sym, m, bpe.pairs, bpe.mergeResult) : merger.heap(sym, m, bpe.pairs, bpe.mergeResult);
            }
            append(sym, 0, m);
        }

        private void append(int[] src, int from, int count) {
            if (outLen + count > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + count));
            System.arraycopy(src, from, out, outLen, count);
            outLen += count;
        }
    }
}
