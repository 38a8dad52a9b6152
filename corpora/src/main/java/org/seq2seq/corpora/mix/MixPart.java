package org.seq2seq.corpora.mix;

import java.nio.file.Path;
import java.util.Objects;
import org.seq2seq.corpora.CorpusFormat;

/**
 * One corpus of a mix.
 *
 * @param file   the corpus file (CSV or TSV, optionally .gz)
 * @param format how the file is laid out
 * @param repeat how many times each of its pairs appears in the mix, 1 or more
 */
public record MixPart(Path file, CorpusFormat format, int repeat) {
    public MixPart {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (repeat < 1) {
            throw new IllegalArgumentException(file + ": --repeat must be 1 or more, got " + repeat);
        }
    }
}
