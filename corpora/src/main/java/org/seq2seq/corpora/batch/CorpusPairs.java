package org.seq2seq.corpora.batch;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;

/**
 * Pairs streamed from a corpus file, read and encoded again on every pass: memory stays flat
 * whatever the file's size. Pair with a {@link BucketBatchIterator} pool size to bound memory.
 */
public final class CorpusPairs implements PairSource {
    private final Path file;
    private final CorpusFormat format;
    private final PairEncoder encoder;

    public CorpusPairs(Path file, CorpusFormat format, PairEncoder encoder) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    @Override
    public PairCursor open() {
        CorpusReader reader = CorpusReader.open(file, format);
        Iterator<SentencePair> it = reader.iterator();
        return PairCursor.over(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public EncodedPair next() {
                return encoder.encode(it.next());
            }
        }, reader::close);
    }
}
