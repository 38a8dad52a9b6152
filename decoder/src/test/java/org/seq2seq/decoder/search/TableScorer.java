package org.seq2seq.decoder.search;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * A hand-set model for search tests: the next-token probabilities are a function of the
 * sentence and the tokens so far. Its states are the rows' sentences and prefixes.
 */
final class TableScorer implements StepScorer<List<TableScorer.Row>> {
    static final int START = SpecialToken.START.id();
    static final int END = SpecialToken.END.id();

    /** One hypothesis's state: its sentence and its tokens so far (START not included). */
    record Row(int sentence, List<Integer> prefix) {
    }

    interface Table {
        /** Probabilities of every next token, V of them; zero for impossible ones. */
        double[] next(int sentence, List<Integer> prefix);
    }

    /** Hand-set attention: the weights over the source read while predicting the token after {@code prefix}. */
    interface AttentionTable {
        double[] weights(int sentence, List<Integer> prefix);
    }

    private final Table table;
    private final AttentionTable attention;
    int steps;
    int rowsScored;

    TableScorer(Table table) {
        this(table, null);
    }

    /** A model with attention; {@code attention} null: a model without. */
    TableScorer(Table table, AttentionTable attention) {
        this.table = table;
        this.attention = attention;
    }

    static List<Row> initial(int sentences) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            rows.add(new Row(s, List.of()));
        }
        return rows;
    }

    @Override
    public Step<List<Row>> step(int[] previous, List<Row> states) {
        if (previous.length != states.size()) {
            throw new IllegalArgumentException(previous.length + " tokens for " + states.size() + " states");
        }
        steps++;
        rowsScored += previous.length;
        float[][] logP = new float[previous.length][];
        List<Row> next = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            Row row = states.get(i);
            List<Integer> prefix = new ArrayList<>(row.prefix());
            if (previous[i] != START) {
                prefix.add(previous[i]);
            } else if (!prefix.isEmpty()) {
                throw new IllegalStateException("START fed after the first step");
            }
            double[] p = table.next(row.sentence(), prefix);
            logP[i] = new float[p.length];
            for (int v = 0; v < p.length; v++) {
                logP[i][v] = (float) Math.log(p[v]);
            }
            next.add(new Row(row.sentence(), List.copyOf(prefix)));
        }
        return new Step<>(logP, next);
    }

    @Override
    public List<Row> select(List<Row> states, int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows selected");   // as ND4J's pullRows refuses
        }
        List<Row> out = new ArrayList<>();
        for (int r : rows) {
            out.add(states.get(r));
        }
        return out;
    }

    /** The rows' weights: the states a step returned hold the prefix each row's prediction followed. */
    @Override
    public float[][] attention(List<Row> states) {
        if (attention == null) {
            return null;
        }
        float[][] out = new float[states.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] w = attention.weights(states.get(i).sentence(), states.get(i).prefix());
            out[i] = new float[w.length];
            for (int j = 0; j < w.length; j++) {
                out[i][j] = (float) w[j];
            }
        }
        return out;
    }

    /** Probabilities over a vocabulary of {@code size}: pairs of (token, probability), the rest 0. */
    static double[] probabilities(int size, Object... tokenThenProbability) {
        double[] p = new double[size];
        for (int i = 0; i < tokenThenProbability.length; i += 2) {
            p[(Integer) tokenThenProbability[i]] = ((Number) tokenThenProbability[i + 1]).doubleValue();
        }
        return p;
    }
}
