package org.seq2seq.corpora.text;

import java.util.List;
import java.util.Objects;
import org.seq2seq.corpora.bpe.BpeSegmenter;
import org.seq2seq.corpora.bpe.Subwords;

/**
 * Subword tokens: a word tokenizer's tokens split by BPE ({@code "Ein orangefarbener Hut."} →
 * {@code [Ein, oran@@, ge@@, farb@@, ener, Hut, .]}); {@link #detokenize} joins the pieces into
 * words and leaves the rest to the word tokenizer, so people see plain text.
 */
public final class BpeTokenizer implements Tokenizer {
    private final Tokenizer words;
    private final BpeSegmenter segmenter;

    /**
     * @param words     splits text into the words the codes were learned on
     * @param segmenter splits those words into subwords
     */
    public BpeTokenizer(Tokenizer words, BpeSegmenter segmenter) {
        this.words = Objects.requireNonNull(words, "words");
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
    }

    /** The tokenizer of words under the subwords. */
    public Tokenizer words() {
        return words;
    }

    public BpeSegmenter segmenter() {
        return segmenter;
    }

    @Override
    public List<String> tokenize(String text) {
        return segmenter.segment(words.tokenize(text));
    }

    @Override
    public String detokenize(List<String> tokens) {
        return words.detokenize(Subwords.join(tokens));
    }
}
