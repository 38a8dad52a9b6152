package org.seq2seq.decoder.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.seq2seq.corpora.vocab.SpecialToken;

/**
 * Beam search whose translations contain given target phrases ({@link Constraints}), by dynamic
 * beam allocation (Post and Vilar 2018, as Sockeye and fairseq implement it); batched over
 * sentences and their beams like {@link BeamSearch}, each sentence with its own phrases.
 *
 * <p>Each step gathers, for every sentence, the candidates of a plain beam step (the top 2k
 * extensions by cumulative log-probability), each live hypothesis's best extension, and every
 * extension that takes one of its unmet phrases a token further (or starts one). A candidate's
 * bank is its progress: the tokens of the phrases it has met plus its longest partial match. The
 * k places of the beam are shared out between the banks, C + 1 for phrases of C tokens in all:
 * evenly, the remainder to the top bank, and a bank's places it has no candidates for handed down
 * to the bank below (from the lowest, to the top); the candidates take them best first, and
 * places still free go to the best candidates left. So hypotheses that have met more of their
 * phrases keep a place against better-scoring ones that have met fewer.
 *
 * <p>A hypothesis may end only once all its phrases have appeared; ENDs among the places taken
 * finish their hypotheses (scored as {@link BeamSearch} scores them), and non-END candidates fill
 * k live places. A sentence stops once k hypotheses have finished, or at its maximum length,
 * where its live hypotheses finish as they are. Hypotheses that met their phrases rank before
 * those that did not, then by score. With no phrases the search is {@link BeamSearch}'s.
 */
public final class ConstrainedBeamSearch {
    private static final int START = SpecialToken.START.id();
    private static final int END = SpecialToken.END.id();
    private final SearchOptions options;

    /**
     * @throws IllegalArgumentException for a beam of 1 (greedy search has no places to share) or a
     *                                  coverage penalty, which this search does not apply
     */
    public ConstrainedBeamSearch(SearchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.beamSize() < 2) {
            throw new IllegalArgumentException("constraints need beam search: a beam of 2 or more, not "
                    + options.beamSize());
        }
        if (options.coveragePenalty() > 0) {
            throw new IllegalArgumentException("the coverage penalty is not applied with constraints: leave it out");
        }
    }

    /** A live hypothesis with its progress through its sentence's phrases. */
    private record Live(int[] tokens, double logProbability, int row, ConstraintTracker constraints)
            implements TopExtensions.Parent {
        @Override
        public boolean mayEnd() {
            return constraints.allMet();
        }
    }

    /** An extension of live hypothesis {@code parent} by {@code token}, and the bank it falls in. */
    private record Candidate(int parent, int token, double score, ConstraintTracker constraints, int bank) {
    }

    /** A finished hypothesis, and whether all its phrases appeared. */
    private record Finished(Hypothesis hypothesis, boolean met) {
    }

    /** One sentence's search. */
    private static final class Sentence {
        final int maxLength;
        final Constraints constraints;
        List<Live> live = new ArrayList<>();
        final List<Finished> finished = new ArrayList<>();
        int endings;
        boolean done;

        Sentence(int maxLength, Constraints constraints) {
            this.maxLength = maxLength;
            this.constraints = constraints;
        }
    }

    /** A {@link Search} of B sentences with these phrases, B = {@code constraints.size()}. */
    public Search forSentences(List<Constraints> constraints) {
        List<Constraints> copy = List.copyOf(constraints);
        return new Search() {
            @Override
            public <S> List<List<Hypothesis>> search(StepScorer<S> scorer, S initialStates, int[] sourceLengths) {
                return ConstrainedBeamSearch.this.search(scorer, initialStates, sourceLengths, copy);
            }
        };
    }

    /**
     * Decodes B sentences, each with its phrases.
     *
     * @param scorer        the model
     * @param initialStates the states before the first step, one row per sentence (B rows)
     * @param sourceLengths each sentence's source length in tokens, for the maximum output length
     * @param constraints   each sentence's phrases ({@link Constraints#none()} for none); B of them
     * @return for each sentence its best hypotheses, those that contain all their phrases first
     * @throws IllegalArgumentException when a sentence's phrases have more tokens than its
     *                                  translation may (its maximum length, END included)
     */
    public <S> List<List<Hypothesis>> search(StepScorer<S> scorer, S initialStates, int[] sourceLengths,
                                             List<Constraints> constraints) {
        if (constraints.size() != sourceLengths.length) {
            throw new IllegalArgumentException(constraints.size() + " sets of constraints for " + sourceLengths.length
                    + " sentences");
        }
        int k = options.beamSize();
        List<Sentence> sentences = new ArrayList<>();
        for (int s = 0; s < sourceLengths.length; s++) {
            Constraints c = constraints.get(s);
            int maxLength = options.maxLength(sourceLengths[s]);
            if (c.tokens() >= maxLength) {
                throw new IllegalArgumentException(String.format("sentence %d: its constraints have %d tokens, and "
                        + "its translation may have at most %d before END", s + 1, c.tokens(), maxLength - 1));
            }
            Sentence sentence = new Sentence(maxLength, c);
            sentence.live.add(new Live(new int[0], 0, s, c.start()));
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
            int[] select = new int[rows * k];
            int[] nextPrevious = new int[rows * k];
            int nextRows = 0;
            for (Sentence sentence : sentences) {
                if (sentence.done) {
                    continue;
                }
                int found = TopExtensions.find(options, sentence.live, step, t, topScores, topRows, topTokens);
                List<Candidate> candidates = candidates(sentence, step, t, found, topScores, topRows, topTokens);
                List<Live> live = choose(sentence, candidates, k, t);
                if (t >= sentence.maxLength) {
                    for (Live l : live) {
                        sentence.finished.add(new Finished(hypothesis(l.tokens(), l.logProbability(), t, false),
                                l.constraints().allMet()));
                    }
                }
                if (t >= sentence.maxLength || sentence.endings >= k || live.isEmpty()) {
                    sentence.done = true;
                    sentence.live = List.of();
                    continue;
                }
                sentence.live = TopExtensions.toNextRows(live, select, nextPrevious, nextRows,
                        (l, row) -> new Live(l.tokens(), l.logProbability(), row, l.constraints()));
                nextRows += live.size();
            }
            rows = nextRows;
            if (rows > 0) {
                states = scorer.select(step.states(), Arrays.copyOf(select, rows));
                previous = Arrays.copyOf(nextPrevious, rows);
            }
        }
        List<List<Hypothesis>> out = new ArrayList<>();
        Comparator<Finished> order = Comparator.comparing(Finished::met).reversed()
                .thenComparing(Comparator.comparingDouble((Finished f) -> f.hypothesis().score()).reversed());
        for (Sentence sentence : sentences) {
            List<Finished> best = new ArrayList<>(sentence.finished);
            best.sort(order);
            out.add(best.subList(0, Math.min(options.nBest(), best.size())).stream().map(Finished::hypothesis)
                    .toList());
        }
        return out;
    }

    /**
     * A sentence's candidates this step: the plain beam's top extensions ({@code found} of them in
     * the arrays), each live hypothesis's best extension, and the extensions its unmet phrases
     * want; each (parent, token) once.
     */
    private <S> List<Candidate> candidates(Sentence sentence, StepScorer.Step<S> step, int t, int found,
                                           double[] scores, int[] parents, int[] tokens) {
        List<Candidate> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int rank = 0; rank < found; rank++) {
            add(sentence, parents[rank], tokens[rank], scores[rank], out, seen);
        }
        if (sentence.constraints.isEmpty()) {
            return out;                                  // the plain beam's candidates
        }
        for (int h = 0; h < sentence.live.size(); h++) {
            Live parent = sentence.live.get(h);
            float[] row = step.logProbabilities()[parent.row()];                      // [K]
            boolean endAllowed = t > options.minLength() && parent.mayEnd();
            int best = -1;
            for (int c = 0; c < row.length; c++) {
                int v = step.token(parent.row(), c);
                if ((best < 0 || row[c] > row[best]) && (v != END || endAllowed) && options.mayWrite(v)) {
                    best = c;
                }
            }
            if (best >= 0) {
                add(sentence, h, step.token(parent.row(), best), parent.logProbability() + row[best], out, seen);
            }
            for (int v : parent.constraints().wanted(parent.tokens())) {
                int c = step.column(parent.row(), v);
                if (c >= 0) {
                    add(sentence, h, v, parent.logProbability() + row[c], out, seen);
                }
            }
        }
        return out;
    }

    private static void add(Sentence sentence, int parent, int token, double score, List<Candidate> out,
                            Set<Long> seen) {
        if (score == Double.NEGATIVE_INFINITY || !seen.add(((long) parent << 32) | token)) {
            return;
        }
        Live from = sentence.live.get(parent);
        ConstraintTracker after = token == END ? from.constraints() : from.constraints().advance(from.tokens(), token);
        out.add(new Candidate(parent, token, score, after, after.progress()));
    }

    /**
     * Shares the beam's k places between the banks and takes the candidates for them, best first:
     * ENDs taken finish their hypotheses; the live ones are the non-END candidates taken, then
     * the best others up to k.
     *
     * @return the live hypotheses after this step, with their parents' rows
     */
    private List<Live> choose(Sentence sentence, List<Candidate> candidates, int k, int t) {
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        int banks = sentence.constraints.tokens() + 1;
        int[] counts = new int[banks];
        for (Candidate c : candidates) {
            counts[c.bank()]++;
        }
        int[] places = allocate(k, counts);
        boolean[] taken = new boolean[candidates.size()];
        int takenCount = 0;
        for (int i = 0; i < candidates.size() && takenCount < k; i++) {
            if (places[candidates.get(i).bank()] > 0) {
                places[candidates.get(i).bank()]--;
                taken[i] = true;
                takenCount++;
            }
        }
        for (int i = 0; i < candidates.size() && takenCount < k; i++) {      // places no bank could use
            if (!taken[i]) {
                taken[i] = true;
                takenCount++;
            }
        }
        List<Live> live = new ArrayList<>(k);
        for (int pass = 0; pass < 2; pass++) {                   // those taken first, then the best others
            for (int i = 0; i < candidates.size() && live.size() < k; i++) {
                Candidate c = candidates.get(i);
                if (taken[i] != (pass == 0)) {
                    continue;
                }
                Live parent = sentence.live.get(c.parent());
                if (c.token() == END) {
                    if (pass == 0) {
                        sentence.finished.add(new Finished(hypothesis(parent.tokens(), c.score(), t, true), true));
                        sentence.endings++;
                    }
                    continue;
                }
                int[] tokens = Arrays.copyOf(parent.tokens(), parent.tokens().length + 1);
                tokens[tokens.length - 1] = c.token();
                live.add(new Live(tokens, c.score(), parent.row(), c.constraints()));
            }
        }
        return live;
    }

    /**
     * The places of each bank: {@code k / banks} each, the remainder to the top bank; then, from
     * the top bank down, the places a bank has no candidates for pass to the bank below it (the
     * lowest bank's to the top one), as Sockeye does.
     *
     * @param counts each bank's candidates
     */
    static int[] allocate(int k, int[] counts) {
        int banks = counts.length;
        int[] places = new int[banks];
        Arrays.fill(places, k / banks);
        places[banks - 1] += k - (k / banks) * banks;
        for (int b = banks - 1; b >= 0; b--) {
            int over = places[b] - counts[b];
            if (over > 0) {
                places[b] -= over;
                places[(b - 1 + banks) % banks] += over;
            }
        }
        return places;
    }

    private Hypothesis hypothesis(int[] tokens, double logProbability, int length, boolean finished) {
        List<Integer> list = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            list.add(token);
        }
        return new Hypothesis(list, logProbability, logProbability / options.lengthPenalty().divisor(length), finished);
    }
}
