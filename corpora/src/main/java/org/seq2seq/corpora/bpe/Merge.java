package org.seq2seq.corpora.bpe;

import java.util.Objects;

/**
 * One merge operation: two adjacent symbols that become one. A symbol that ends a word carries
 * the {@link BpeCodes#END_OF_WORD} mark, as in subword-nmt's codes files.
 *
 * @param left  the first symbol, not empty and without spaces
 * @param right the second symbol, not empty and without spaces
 */
public record Merge(String left, String right) implements Comparable<Merge> {
    public Merge {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left.isEmpty() || right.isEmpty() || left.indexOf(' ') >= 0 || right.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a merge joins two non-empty symbols without spaces, got '" + left
                    + "' and '" + right + "'");
        }
    }

    /** The symbol the merge makes. */
    public String joined() {
        return left + right;
    }

    /** Python's order of the tuple {@code (left, right)}: by code point, left first. */
    @Override
    public int compareTo(Merge other) {
        int c = compareCodePoints(left, other.left);
        return c != 0 ? c : compareCodePoints(right, other.right);
    }

    /**
     * Python's string order: code point by code point ({@link String#compareTo} compares UTF-16
     * units, which puts U+FF5E after U+1F600).
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** As a codes file line: {@code left right}. */
    @Override
    public String toString() {
        return left + " " + right;
    }
}
