package org.seq2seq.corpora.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits words into subwords with learned codes, exactly as subword-nmt's {@code apply_bpe}
 * (without dropout, glossaries or a vocabulary filter): a word starts as its characters (code
 * points), the last one marked as word-final; the merge of lowest rank among adjacent pairs is
 * applied everywhere in the word, left to right, until none applies. Results are cached per word,
 * as there. Thread-safe.
 */
public final class BpeSegmenter {
    /** Words whose segmentation is kept; past this the cache stops growing (a server sees unbounded text). */
    private static final int CACHE_LIMIT = 1 << 20;

    private final BpeCodes codes;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public BpeSegmenter(BpeCodes codes) {
        this.codes = Objects.requireNonNull(codes, "codes");
    }

    public BpeCodes codes() {
        return codes;
    }

    /**
     * The subwords of one word, without separators ({@code "orangefarbenen"} →
     * {@code [oran, ge, farben, en]} with few merges).
     */
    public List<String> segmentWord(String word) {
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> pieces = encode(word);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(word, pieces);
        }
        return pieces;
    }

    /**
     * The subwords of tokens, every piece but a word's last ending in {@link Subwords#SEPARATOR}
     * (subword-nmt's {@code segment_tokens}); empty tokens are left out.
     */
    public List<String> segment(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size() * 2);
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            List<String> pieces = segmentWord(token);
            for (int i = 0; i < pieces.size() - 1; i++) {
                out.add(pieces.get(i) + Subwords.SEPARATOR);
            }
            out.add(pieces.get(pieces.size() - 1));
        }
        return out;
    }

    /**
     * A line of space-separated tokens, segmented, as subword-nmt's {@code process_line}: words
     * are split at single spaces; leading and trailing spaces and line breaks are kept.
     */
    public String segmentLine(String line) {
        String core = BpeCodes.strip(line);
        if (core.isEmpty()) {
            return line;
        }
        int start = line.indexOf(core);
        return line.substring(0, start) + String.join(" ", segment(Arrays.asList(core.split(" "))))
                + line.substring(start + core.length());
    }

    private List<String> encode(String word) {
        int[] cps = word.codePoints().toArray();
        if (cps.length <= 1) {
            return List.of(word);
        }
        List<String> symbols = new ArrayList<>(cps.length + 1);
        for (int k = 0; k < cps.length - 1; k++) {
            symbols.add(new String(cps, k, 1));
        }
        String last = new String(cps, cps.length - 1, 1);
        if (codes.version() == BpeCodes.Version.V0_2) {
            symbols.add(last + BpeCodes.END_OF_WORD);
        } else {
            symbols.add(last);
            symbols.add(BpeCodes.END_OF_WORD);
        }
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            Merge best = null;
            for (int k = 0; k + 1 < symbols.size(); k++) {
                Merge m = new Merge(symbols.get(k), symbols.get(k + 1));
                int rank = codes.rank(m);
                if (rank >= 0 && rank < bestRank) {
                    bestRank = rank;
                    best = m;
                }
            }
            if (best == null) {
                break;
            }
            String joined = best.joined();
            List<String> merged = new ArrayList<>(symbols.size());
            for (int k = 0; k < symbols.size(); k++) {
                if (k + 1 < symbols.size() && symbols.get(k).equals(best.left()) && symbols.get(k + 1).equals(best.right())) {
                    merged.add(joined);
                    k++;
                } else {
                    merged.add(symbols.get(k));
                }
            }
            symbols = merged;
        }
        int lastIndex = symbols.size() - 1;
        String end = symbols.get(lastIndex);
        if (end.equals(BpeCodes.END_OF_WORD)) {
            symbols.remove(lastIndex);
        } else if (end.endsWith(BpeCodes.END_OF_WORD)) {
            symbols.set(lastIndex, end.substring(0, end.length() - BpeCodes.END_OF_WORD.length()));
        }
        return List.copyOf(symbols);
    }
}
