package org.seq2seq.corpora;

import java.util.Objects;

/**
 * One source sentence and its translation, as raw text exactly as read from the corpus
 * (no trimming, no normalisation: that is the tokenizer's job).
 *
 * @param source the sentence in the source language, never null
 * @param target its translation in the target language, never null
 */
public record SentencePair(String source, String target) {
    public SentencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
