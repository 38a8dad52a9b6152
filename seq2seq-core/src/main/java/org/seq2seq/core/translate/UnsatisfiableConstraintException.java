package org.seq2seq.core.translate;

/**
 * A sentence's constraints can never be met: a phrase holds a token the model's target vocabulary
 * lacks, or the phrases are longer than the sentence's translation may be.
 */
public final class UnsatisfiableConstraintException extends IllegalArgumentException {
    private final int sentence;
    private final String reason;

    /**
     * @param sentence the sentence's index in the call, from 0
     * @param reason   what cannot be met, naming the phrase
     */
    public UnsatisfiableConstraintException(int sentence, String reason) {
        super("sentence " + (sentence + 1) + ": " + reason);
        this.sentence = sentence;
        this.reason = reason;
    }

    /** The sentence's index in the call, from 0. */
    public int sentence() {
        return sentence;
    }

    /** What cannot be met, without the sentence. */
    public String reason() {
        return reason;
    }
}
