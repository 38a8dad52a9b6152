package org.seq2seq.core.train;

/**
 * Training cannot go on (the loss became NaN or infinite); the message says where it happened
 * and which checkpoint is the last good one.
 */
public final class TrainingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
