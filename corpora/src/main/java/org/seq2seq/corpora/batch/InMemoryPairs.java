package org.seq2seq.corpora.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;

/** Pairs held in memory: fast passes, for corpora that fit (Multi30k's 29,000 pairs take about 4 MB). */
public final class InMemoryPairs implements PairSource {
    private final List<EncodedPair> pairs;

    public InMemoryPairs(List<EncodedPair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /** Reads and encodes a whole corpus file. */
    public static InMemoryPairs read(Path file, CorpusFormat format, PairEncoder encoder) {
        List<EncodedPair> pairs = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(file, format)) {
            for (SentencePair pair : reader) {
                pairs.add(encoder.encode(pair));
            }
        }
        return new InMemoryPairs(pairs);
    }

    public List<EncodedPair> pairs() {
        return pairs;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(pairs.size());
    }

    @Override
    public PairCursor open() {
        return PairCursor.over(pairs.iterator(), () -> { });
    }
}
