package org.seq2seq.corpora.batch;

import java.util.Objects;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.vocab.Vocabulary;

/** Tokenizes and looks up both sides of sentence pairs. Immutable and thread-safe. */
public final class PairEncoder {
    private final Tokenizer sourceTokenizer;
    private final Vocabulary sourceVocabulary;
    private final Tokenizer targetTokenizer;
    private final Vocabulary targetVocabulary;

    public PairEncoder(Tokenizer sourceTokenizer, Vocabulary sourceVocabulary,
                       Tokenizer targetTokenizer, Vocabulary targetVocabulary) {
        this.sourceTokenizer = Objects.requireNonNull(sourceTokenizer, "sourceTokenizer");
        this.sourceVocabulary = Objects.requireNonNull(sourceVocabulary, "sourceVocabulary");
        this.targetTokenizer = Objects.requireNonNull(targetTokenizer, "targetTokenizer");
        this.targetVocabulary = Objects.requireNonNull(targetVocabulary, "targetVocabulary");
    }

    /**
     * @throws IllegalArgumentException when a side has no tokens (blank text: the
     *         {@link org.seq2seq.corpora.CorpusReader} never delivers such pairs)
     */
    public EncodedPair encode(SentencePair pair) {
        return new EncodedPair(encodeSource(pair.source()), encodeTarget(pair.target()));
    }

    /** Source token ids, unknown words as UNK. */
    public int[] encodeSource(String text) {
        return sourceVocabulary.encode(sourceTokenizer.tokenize(text));
    }

    /** Target token ids, unknown words as UNK. */
    public int[] encodeTarget(String text) {
        return targetVocabulary.encode(targetTokenizer.tokenize(text));
    }

    public Tokenizer sourceTokenizer() {
        return sourceTokenizer;
    }

    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    public Tokenizer targetTokenizer() {
        return targetTokenizer;
    }

    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }
}
