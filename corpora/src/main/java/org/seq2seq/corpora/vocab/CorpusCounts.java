package org.seq2seq.corpora.vocab;

import java.nio.file.Path;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.ReadReport;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.corpora.text.Tokenizer;

/**
 * Token counts of both sides of a corpus, from one streaming pass over the file.
 *
 * @param source counts of the source side's tokens
 * @param target counts of the target side's tokens
 * @param report what the reader did (pairs, skipped records)
 */
public record CorpusCounts(TokenCounts source, TokenCounts target, ReadReport report) {

    /** Reads {@code file} once and counts the tokens of each side. */
    public static CorpusCounts count(Path file, CorpusFormat format, Tokenizer sourceTokenizer,
                                     Tokenizer targetTokenizer) {
        TokenCounts source = new TokenCounts();
        TokenCounts target = new TokenCounts();
        try (CorpusReader reader = CorpusReader.open(file, format)) {
            for (SentencePair pair : reader) {
                source.add(sourceTokenizer.tokenize(pair.source()));
                target.add(targetTokenizer.tokenize(pair.target()));
            }
            return new CorpusCounts(source, target, reader.report());
        }
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
