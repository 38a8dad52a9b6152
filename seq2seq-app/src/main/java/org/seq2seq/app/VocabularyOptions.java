package org.seq2seq.app;

import org.seq2seq.corpora.vocab.TokenCounts;
import org.seq2seq.corpora.vocab.Vocabulary;
import picocli.CommandLine.Option;

/** Command-line options bounding the vocabularies built from a corpus. */
final class VocabularyOptions {
    @Option(names = "--min-freq", description = "Minimum count of a token to enter a vocabulary.")
    int minFrequency = 2;

    @Option(names = "--max-vocab", description = "Maximum vocabulary size, the 4 special tokens included "
            + "(0: no limit).")
    int maxVocabulary = 0;

    /** The vocabulary of one corpus side under these limits. */
    Vocabulary build(TokenCounts counts) {
        if (minFrequency < 1 || maxVocabulary < 0) {
            throw new IllegalArgumentException("--min-freq must be at least 1 and --max-vocab at least 0");
        }
        return Vocabulary.of(counts, minFrequency, maxVocabulary == 0 ? Vocabulary.UNLIMITED : maxVocabulary);
    }

    /** One line on a corpus side and its vocabulary: sizes and coverage. */
    String describe(String name, TokenCounts counts, Vocabulary vocabulary) {
        long covered = 0;
        for (String token : vocabulary.tokens()) {
            covered += counts.count(token);
        }
        return String.format("%s: %,d tokens, %,d distinct; vocabulary of %,d (min freq %d) covers %.2f%% of tokens",
                name, counts.total(), counts.distinct(), vocabulary.size(), minFrequency,
                100.0 * covered / Math.max(1, counts.total()));
    }
}
