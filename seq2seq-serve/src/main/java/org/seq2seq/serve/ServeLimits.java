package org.seq2seq.serve;

import java.time.Duration;
import java.util.Objects;

/**
 * What a server accepts and how it batches. Built with {@link #builder()}, which checks every
 * value; {@link #defaults()} suits one CPU-bound model on a small machine.
 *
 * @param maxBodyBytes     largest request body; larger ones get 413
 * @param maxSentences     most sentences in one request; more get 413
 * @param maxCharacters    longest sentence in characters; longer get 413
 * @param maxBeam          largest {@code beam} (and {@code n_best}) a request may ask for; larger get 400
 * @param maxLength        largest {@code max_length} (output tokens) a request may ask for; larger get 400
 * @param queueSentences   sentences waiting per model at most; a request that would pass it gets 503
 *                         with {@code Retry-After}
 * @param batchWait        the longest a request waits for others to share its batch
 * @param batchIdle        ... and it stops waiting when this long passes without a new request
 * @param batchSentences   a batch stops growing at this many sentences
 * @param requestTimeout   a request not answered in this time gets 504 (its sentences are dropped)
 * @param stopGrace        on stop, the longest in-flight requests are waited for
 * @param idleTimeout      a connection that sends nothing for this long is closed; a request whose
 *                         body stalls this long gets 408 (slow clients cannot hold connections)
 */
public record ServeLimits(long maxBodyBytes, int maxSentences, int maxCharacters, int maxBeam, int maxLength,
                          int queueSentences, Duration batchWait, Duration batchIdle, int batchSentences,
                          Duration requestTimeout, Duration stopGrace, Duration idleTimeout) {
    public ServeLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxSentences", maxSentences);
        positive("maxCharacters", maxCharacters);
        positive("maxBeam", maxBeam);
        positive("maxLength", maxLength);
        positive("batchSentences", batchSentences);
        if (queueSentences < maxSentences) {
            throw new IllegalArgumentException("the queue (" + queueSentences + " sentences) must hold at least one "
                    + "request of the most sentences (" + maxSentences + ")");
        }
        Objects.requireNonNull(batchWait, "batchWait");
        Objects.requireNonNull(batchIdle, "batchIdle");
        if (batchIdle.isNegative()) {
            throw new IllegalArgumentException("batchIdle must be 0 or more, got " + batchIdle);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be more than 0, got " + idleTimeout);
        }
        if (batchWait.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero() || stopGrace.isNegative()) {
            throw new IllegalArgumentException("the batch wait and the stop grace must be 0 or more and the request "
                    + "timeout more than 0, got " + batchWait + ", " + stopGrace + " and " + requestTimeout);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /**
     * 1 MiB bodies, 64 sentences of up to 2,000 characters, beam ≤ 16, max_length ≤ 400, a queue of
     * 256 sentences, batches of up to 32 after ≤ 10 ms (≤ 2 ms without a new request), 60 s per
     * request, 30 s to stop, connections idle for 30 s closed.
     */
    public static ServeLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxBodyBytes(maxBodyBytes).maxSentences(maxSentences).maxCharacters(maxCharacters)
                .maxBeam(maxBeam).maxLength(maxLength).queueSentences(queueSentences).batchWait(batchWait)
                .batchIdle(batchIdle).batchSentences(batchSentences).requestTimeout(requestTimeout).stopGrace(stopGrace)
                .idleTimeout(idleTimeout);
    }

    /** Builds checked {@link ServeLimits}. */
    public static final class Builder {
        private long maxBodyBytes = 1 << 20;
        private int maxSentences = 64;
        private int maxCharacters = 2000;
        private int maxBeam = 16;
        private int maxLength = 400;
        private int queueSentences = 256;
        private Duration batchWait = Duration.ofMillis(10);
        private Duration batchIdle = Duration.ofMillis(2);
        private int batchSentences = 32;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration stopGrace = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder maxSentences(int v) {
            maxSentences = v;
            return this;
        }

        public Builder maxCharacters(int v) {
            maxCharacters = v;
            return this;
        }

        public Builder maxBeam(int v) {
            maxBeam = v;
            return this;
        }

        public Builder maxLength(int v) {
            maxLength = v;
            return this;
        }

        public Builder queueSentences(int v) {
            queueSentences = v;
            return this;
        }

        public Builder batchWait(Duration v) {
            batchWait = v;
            return this;
        }

        public Builder batchIdle(Duration v) {
            batchIdle = v;
            return this;
        }

        public Builder batchSentences(int v) {
            batchSentences = v;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder stopGrace(Duration v) {
            stopGrace = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public ServeLimits build() {
            return new ServeLimits(maxBodyBytes, maxSentences, maxCharacters, maxBeam, maxLength, queueSentences,
                    batchWait, batchIdle, batchSentences, requestTimeout, stopGrace, idleTimeout);
        }
    }
}
