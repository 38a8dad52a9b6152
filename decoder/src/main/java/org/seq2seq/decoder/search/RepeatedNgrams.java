package org.seq2seq.decoder.search;

/**
 * Repeated n-gram blocking (fairseq's {@code --no-repeat-ngram-size}): a search may not write a
 * token that would complete an n-gram of output tokens the hypothesis has already written, which
 * stops the loops a model trained on short sentences falls into on long ones ("a man in a blue
 * shirt, which is covered in a blue shirt, …"). The n-grams are of the model's output tokens:
 * subwords for a subword model.
 */
final class RepeatedNgrams {
    private RepeatedNgrams() {
    }

    /**
     * Sets to {@code -∞} the log-probability of every token that would repeat an n-gram: each token
     * that followed an earlier occurrence of the hypothesis's last {@code n - 1} tokens ({@code n = 1}:
     * every token written so far).
     *
     * @param n                the n-gram order, at least 1; 0 blocks nothing
     * @param tokens           the hypothesis's output tokens so far, START not included
     * @param length           how many of {@code tokens} to read (the rest is ignored)
     * @param logProbabilities {@code [K]}: the next token's log-probabilities, changed in place
     * @param columns          the token of each column, ascending, or null when column v is token v
     */
    static void block(int n, int[] tokens, int length, float[] logProbabilities, int[] columns) {
        if (n < 1 || length < n) {
            return;
        }
        int prefix = length - (n - 1);                     // where the last n - 1 tokens start
        for (int i = 0; i + n - 1 < length; i++) {
            if (matches(tokens, i, prefix, n - 1)) {
                int token = tokens[i + n - 1];
                int column = columns == null ? token : java.util.Arrays.binarySearch(columns, token);
                if (column >= 0) {
                    logProbabilities[column] = Float.NEGATIVE_INFINITY;
                }
            }
        }
    }

    private static boolean matches(int[] tokens, int a, int b, int count) {
        for (int j = 0; j < count; j++) {
            if (tokens[a + j] != tokens[b + j]) {
                return false;
            }
        }
        return true;
    }
}
