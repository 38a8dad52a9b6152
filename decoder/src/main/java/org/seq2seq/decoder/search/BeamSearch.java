package org.seq2seq.decoder.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * Beam search, batched over sentences and their beams: every step scores all live hypotheses of
 * all unfinished sentences in one call to the {@link StepScorer}.
 *
 * <p>As in the PyTorch reference: each sentence keeps k live hypotheses; the candidates are the
 * top 2k extensions by cumulative log-probability; END candidates ranked within the top k are
 * finished, with score {@code logProbability / lengthPenalty(length)} (the length counts END);
 * the first k non-END candidates stay live. A sentence stops once k hypotheses are finished, or
 * at its maximum length, where its live hypotheses are finished as they are. The n best of all
 * finished hypotheses by score are returned.
 *
 * <p>With a coverage penalty β ({@link SearchOptions#coveragePenalty}), each hypothesis also
 * carries the attention its steps paid to every source position, summed, and a finished one's
 * score gains {@code β × Σ_j log(min(coverage_j, 1))} (GNMT, Wu et al. 2016). Only finished
 * hypotheses are scored this way; which extensions stay live is still decided by log-probability.
 * A coverage below {@link #COVERAGE_FLOOR} counts as that floor, so scores stay finite.
 *
 * <p>With repeated n-gram blocking ({@link SearchOptions#noRepeatNgram}), an extension that would
 * repeat an n-gram of its hypothesis is not a candidate.
 */
public final class BeamSearch implements Search {
    private static final int START = SpecialToken.START.id();
    private static final int END = SpecialToken.END.id();
    /** The smallest coverage the penalty takes the logarithm of. */
    static final double COVERAGE_FLOOR = 1e-10;
    private final SearchOptions options;

    public BeamSearch(SearchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A live hypothesis: its tokens, cumulative log-probability, row in the current states, and the
     * attention its steps paid to each source position, summed (null without a coverage penalty).
     */
    private record Live(int[] tokens, double logProbability, int row, double[] coverage)
            implements TopExtensions.Parent {
    }

    /** One sentence's search. */
    private static final class Sentence {
        final int maxLength;
        final int sourceLength;
        List<Live> live = new ArrayList<>();
        final List<Hypothesis> finished = new ArrayList<>();
        int endings;
        boolean done;

        Sentence(int maxLength, int sourceLength) {
            this.maxLength = maxLength;
            this.sourceLength = sourceLength;
        }
    }

    @Override
    public <S> List<List<Hypothesis>> search(StepScorer<S> scorer, S initialStates, int[] sourceLengths) {
        int k = options.beamSize();
        boolean coverage = options.coveragePenalty() > 0;
        List<Sentence> sentences = new ArrayList<>();
        for (int s = 0; s < sourceLengths.length; s++) {
            Sentence sentence = new Sentence(options.maxLength(sourceLengths[s]), sourceLengths[s]);
            sentence.live.add(new Live(new int[0], 0, s, coverage ? new double[sourceLengths[s]] : null));
            sentences.add(sentence);
        }
        S states = initialStates;
        int[] previous = new int[sourceLengths.length];
        Arrays.fill(previous, START);
        int rows = sourceLengths.length;
        double[] topScores = new double[2 * k];
        int[] topRows = new int[2 * k];
        int[] topTokens = new int[2 * k];
        for (int t = 1; rows > 0; t++) {
            StepScorer.Step<S> step = scorer.step(previous, states);
            float[][] attention = coverage ? scorer.attention(step.states()) : null;      // [rows][S]
            if (coverage && attention == null) {
                throw new IllegalArgumentException("the coverage penalty needs a model with attention");
            }
            int[] select = new int[rows * k];
            int[] nextPrevious = new int[rows * k];
            int nextRows = 0;
            for (Sentence sentence : sentences) {
                if (sentence.done) {
                    continue;
                }
                int found = TopExtensions.find(options, sentence.live, step, t, topScores, topRows, topTokens);
                List<Live> live = new ArrayList<>(k);
                for (int rank = 0; rank < found; rank++) {
                    Live parent = sentence.live.get(topRows[rank]);
                    if (topTokens[rank] == END) {
                        if (rank < k) {
                            sentence.finished.add(hypothesis(parent.tokens(), topScores[rank], t, true,
                                    covered(parent, attention, sentence.sourceLength)));
                            sentence.endings++;
                        }
                    } else if (live.size() < k) {
                        int[] tokens = Arrays.copyOf(parent.tokens(), parent.tokens().length + 1);
                        tokens[tokens.length - 1] = topTokens[rank];
                        live.add(new Live(tokens, topScores[rank], parent.row(),
                                covered(parent, attention, sentence.sourceLength)));
                    }
                }
                if (t >= sentence.maxLength) {
                    for (Live l : live) {
                        sentence.finished.add(hypothesis(l.tokens(), l.logProbability(), t, false, l.coverage()));
                    }
                }
                if (t >= sentence.maxLength || sentence.endings >= k || live.isEmpty()) {
                    sentence.done = true;
                    sentence.live = List.of();
                    continue;
                }
                sentence.live = TopExtensions.toNextRows(live, select, nextPrevious, nextRows,
                        (l, row) -> new Live(l.tokens(), l.logProbability(), row, l.coverage()));
                nextRows += live.size();
            }
            rows = nextRows;
            if (rows > 0) {
                states = scorer.select(step.states(), Arrays.copyOf(select, rows));
                previous = Arrays.copyOf(nextPrevious, rows);
            }
        }
        List<List<Hypothesis>> out = new ArrayList<>();
        for (Sentence sentence : sentences) {
            List<Hypothesis> best = new ArrayList<>(sentence.finished);
            best.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
            out.add(List.copyOf(best.subList(0, Math.min(options.nBest(), best.size()))));
        }
        return out;
    }

    /**
     * A parent's coverage after this step: its own plus the attention of the step that extended it.
     *
     * @param attention {@code [rows][S]}, null without a coverage penalty
     * @return the first {@code sourceLength} positions, or null without a coverage penalty
     */
    private static double[] covered(Live parent, float[][] attention, int sourceLength) {
        if (attention == null) {
            return null;
        }
        double[] sum = parent.coverage().clone();
        float[] weights = attention[parent.row()];
        for (int j = 0; j < sourceLength; j++) {
            sum[j] += weights[j];
        }
        return sum;
    }

    /** {@code β × Σ_j log(min(coverage_j, 1))}, each coverage at least {@link #COVERAGE_FLOOR}; 0 for null. */
    static double coveragePenalty(double beta, double[] coverage) {
        if (coverage == null) {
            return 0;
        }
        double sum = 0;
        for (double c : coverage) {
            sum += Math.log(Math.min(Math.max(c, COVERAGE_FLOOR), 1));
        }
        return beta * sum;
    }

    private Hypothesis hypothesis(int[] tokens, double logProbability, int length, boolean finished,
                                  double[] coverage) {
        List<Integer> list = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            list.add(token);
        }
        double score = logProbability / options.lengthPenalty().divisor(length)
                + coveragePenalty(options.coveragePenalty(), coverage);
        return new Hypothesis(list, logProbability, score, finished);
    }
}
