package org.seq2seq.corpora.vocab;

import java.nio.file.Path;
import java.util.List;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.ParallelPass;
import org.seq2seq.corpora.PassProgress;
import org.seq2seq.corpora.ReadReport;
import org.seq2seq.corpora.text.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token counts of both sides of a corpus, from one streaming pass over the file, over the pairs
 * that training sees: a pair with a side over its length limit is left out, so a line nobody
 * trains on adds nothing to the vocabulary.
 *
 * @param source     counts of the source side's tokens
 * @param target     counts of the target side's tokens
 * @param report     what the reader did (pairs read, skipped records)
 * @param overLength pairs read but left out because a side is over its length limit
 */
public record CorpusCounts(TokenCounts source, TokenCounts target, ReadReport report, long overLength) {
    private static final Logger log = LoggerFactory.getLogger(CorpusCounts.class);

    /** Reads {@code file} once and counts the tokens of each side of every pair. */
    public static CorpusCounts count(Path file, CorpusFormat format, Tokenizer sourceTokenizer,
                                     Tokenizer targetTokenizer) {
        return count(file, format, sourceTokenizer, targetTokenizer, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Reads {@code file} once and counts the tokens of each side of the pairs whose source has at
     * most {@code maxSourceTokens} tokens and whose target at most {@code maxTargetTokens}.
     */
    public static CorpusCounts count(Path file, CorpusFormat format, Tokenizer sourceTokenizer,
                                     Tokenizer targetTokenizer, int maxSourceTokens, int maxTargetTokens) {
        return count(file, format, sourceTokenizer, targetTokenizer, maxSourceTokens, maxTargetTokens, 1);
    }

    /**
     * As {@link #count(Path, CorpusFormat, Tokenizer, Tokenizer, int, int)}, tokenizing on
     * {@code threads} threads ({@link ParallelPass}): the same counts for any number.
     */
    public static CorpusCounts count(Path file, CorpusFormat format, Tokenizer sourceTokenizer,
                                     Tokenizer targetTokenizer, int maxSourceTokens, int maxTargetTokens,
                                     int threads) {
        TokenCounts source = new TokenCounts();
        TokenCounts target = new TokenCounts();
        long[] overLength = new long[1];
        PassProgress progress = new PassProgress(log, "counting tokens in " + file, 0);
        try (CorpusReader reader = CorpusReader.open(file, format)) {
            ParallelPass.run(reader.iterator(), threads,
                    pair -> List.of(sourceTokenizer.tokenize(pair.source()), targetTokenizer.tokenize(pair.target())),
                    sides -> {
                        progress.add();
                        if (sides.get(0).size() > maxSourceTokens || sides.get(1).size() > maxTargetTokens) {
                            overLength[0]++;
                        } else {
                            source.add(sides.get(0));
                            target.add(sides.get(1));
                        }
                    });
            progress.finish();
            return new CorpusCounts(source, target, reader.report(), overLength[0]);
        }
    }

    /** The pairs counted: those read, less those over the length limits. */
    public long pairs() {
        return report.pairs() - overLength;
    }

    /**
     * These counts, if the corpus had at least one sentence pair.
     *
     * @param file the corpus, for the message
     * @throws IllegalArgumentException naming the file when it had none (empty, a header only, or
     *                                  every record skipped as bad)
     */
    public CorpusCounts requirePairs(Path file) {
        if (report.pairs() == 0) {
            throw new IllegalArgumentException(file + ": no sentence pairs to read (an empty file, a header only, or "
                    + "only bad records)");
        }
        return this;
    }
}
