package org.seq2seq.decoder.gru;

import java.util.Objects;

/**
 * The first decoder layer's input projection of every target vocabulary entry, computed once:
 * row {@code v} is {@code embedding(v)·Wx} (the embedding's share; the context's is
 * {@link GruDecoderStep#contextGates}'s). A decoding step then copies N rows instead of looking
 * up N embeddings and multiplying them by Wx, which for 50 rows of E 256, H 512 is a
 * {@code [50, 256]·[256, 1536]} product at every step.
 *
 * <p>Holds {@code V × 3H} floats on the Java heap (8,000 × 1,536: 49 MB); immutable once made.
 */
public final class InputProjections {
    private final float[] table;     // [V * 3H], row-major
    private final int vocabularySize;
    private final int width;         // 3H

    InputProjections(float[] table, int vocabularySize, int width) {
        this.table = Objects.requireNonNull(table, "table");
        if ((long) vocabularySize * width != table.length) {
            throw new IllegalArgumentException(vocabularySize + " rows of " + width + " do not make " + table.length + " values");
        }
        this.vocabularySize = vocabularySize;
        this.width = width;
    }

    /** Bytes a table for {@code vocabularySize} entries and hidden size {@code hidden} takes. */
    public static long bytes(long vocabularySize, long hidden) {
        return vocabularySize * 3 * hidden * Float.BYTES;
    }

    /** V. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** 3H: the width of a row. */
    public int width() {
        return width;
    }

    /**
     * The rows of the given tokens, one after another.
     *
     * @param tokens N target ids, each in {@code [0, V)}
     * @return {@code [N * 3H]}, row-major {@code [N, 3H]}: a new array the caller may change
     */
    public float[] rows(int[] tokens) {
        return rows(tokens, new float[tokens.length * width]);
    }

    /**
     * The rows of the given tokens into {@code into}'s first {@code N × 3H} places.
     *
     * @param into at least {@code N × 3H} long
     * @return {@code into}
     */
    public float[] rows(int[] tokens, float[] into) {
        if (into.length < tokens.length * width) {
            throw new IllegalArgumentException(tokens.length + " rows of " + width + " do not fit " + into.length);
        }
        float[] rows = into;
        for (int i = 0; i < tokens.length; i++) {
            int token = tokens[i];
            if (token < 0 || token >= vocabularySize) {
                throw new IndexOutOfBoundsException("token " + token + " is outside the vocabulary of " + vocabularySize);
            }
            System.arraycopy(table, token * width, rows, i * width, width);
        }
        return rows;
    }
}
