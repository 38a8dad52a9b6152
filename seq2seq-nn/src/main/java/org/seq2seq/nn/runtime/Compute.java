package org.seq2seq.nn.runtime;

import java.util.Map;
import java.util.OptionalInt;

/**
 * How many threads a piece of the library may use: {@code threads} for one batch (the calling
 * thread and the helpers of its {@link RangeExecutor}), and {@code workers}, batches run side by
 * side, each with its own {@code threads} (a server's or a translator's concurrent searches).
 * CTranslate2 calls the two {@code intra_threads} and {@code inter_threads}.
 *
 * <p>Immutable. Made once, from {@link #defaults()} (the processors the JVM sees, or
 * {@value #THREADS_VARIABLE}), or by a program or an option, and passed to what uses it
 * ({@code TranslatorOptions}, {@code TrainingConfig}, the server): nothing reads it from a global.
 *
 * @param threads threads per batch, at least 1
 * @param workers batches at once, at least 1
 */
public record Compute(int threads, int workers) {
    /** Environment variable: threads per batch, in place of the processors the JVM sees. */
    public static final String THREADS_VARIABLE = "SEQ2SEQ_THREADS";

    public Compute {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    /**
     * One worker of as many threads as the JVM sees processors
     * ({@code Runtime.availableProcessors()}, which {@code -XX:ActiveProcessorCount} and a
     * container's CPU limit set), or {@value #THREADS_VARIABLE} when it is set.
     *
     * @throws IllegalArgumentException naming the variable when its value is not a positive number
     */
    public static Compute defaults() {
        return new Compute(threadsVariable().orElse(Math.max(1, Runtime.getRuntime().availableProcessors())), 1);
    }

    /**
     * {@value #THREADS_VARIABLE}'s value, or empty when it is not set.
     *
     * @throws IllegalArgumentException naming the variable when its value is not a positive number
     */
    public static OptionalInt threadsVariable() {
        return threadsFrom(System.getenv());
    }

    /** One worker of {@code threads} threads. */
    public static Compute ofThreads(int threads) {
        return new Compute(threads, 1);
    }

    /**
     * A server's default for this many processors: one worker per processor, one thread each.
     * A server's batches are small (a few sentences of a few hypotheses), too small to split
     * well, and batches side by side keep every processor busy (docs/threads.md, "Measured here").
     */
    public static Compute forServer(int processors) {
        return new Compute(1, Math.max(1, processors));
    }

    public Compute withThreads(int n) {
        return new Compute(n, workers);
    }

    public Compute withWorkers(int n) {
        return new Compute(threads, n);
    }

    /** Threads in all: {@code threads · workers}. */
    public int totalThreads() {
        return threads * workers;
    }

    /** A new executor of {@link #threads} threads; the caller closes it. */
    public RangeExecutor newExecutor(String name) {
        return RangeExecutor.create(threads, name);
    }

    /** E.g. "2 threads" or "4 workers × 4 threads". */
    @Override
    public String toString() {
        String t = threads + (threads == 1 ? " thread" : " threads");
        return workers == 1 ? t : workers + " workers × " + t;
    }

    /** {@value #THREADS_VARIABLE} from {@code environment}, else {@code processors}. */
    static int threadsFrom(Map<String, String> environment, int processors) {
        return threadsFrom(environment).orElse(Math.max(1, processors));
    }

    private static OptionalInt threadsFrom(Map<String, String> environment) {
        String value = environment.get(THREADS_VARIABLE);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(THREADS_VARIABLE + "=" + value + ": not a positive number of threads");
    }
}
