package org.seq2seq.corpora;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pass over a corpus whose work per pair (tokenizing, segmenting, looking up ids) is spread
 * over threads: the calling thread reads the pairs in chunks, workers apply the work to whole
 * chunks, and the results come back to the calling thread in reading order, so what the pass
 * produces is the same for any number of threads. At most two chunks per thread are in flight,
 * so memory stays bounded whatever the corpus's size.
 */
public final class ParallelPass {
    /** Pairs handed to a worker at a time: enough to make the hand-over cheap. */
    static final int CHUNK = 2048;

    private ParallelPass() {
    }

    /**
     * Applies {@code work} to every pair of {@code pairs} on {@code threads} threads (1: on the
     * calling thread) and gives each result to {@code sink}, in the pairs' order, on the calling
     * thread. An exception from the work or the sink ends the pass and is thrown here as it was.
     *
     * @param work thread-safe
     */
    public static <R> void run(Iterator<SentencePair> pairs, int threads, Function<SentencePair, R> work,
                               Consumer<R> sink) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (threads == 1) {
            while (pairs.hasNext()) {
                sink.accept(work.apply(pairs.next()));
            }
            return;
        }
        AtomicInteger made = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "seq2seq-pass-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<List<R>>> inFlight = new ArrayDeque<>();
            while (pairs.hasNext()) {
                List<SentencePair> chunk = new ArrayList<>(CHUNK);
                while (chunk.size() < CHUNK && pairs.hasNext()) {
                    chunk.add(pairs.next());
                }
                inFlight.add(workers.submit(() -> {
                    List<R> results = new ArrayList<>(chunk.size());
                    for (SentencePair pair : chunk) {
                        results.add(work.apply(pair));
                    }
                    return results;
                }));
                if (inFlight.size() >= 2 * threads) {
                    deliver(inFlight.poll(), sink);
                }
            }
            while (!inFlight.isEmpty()) {
                deliver(inFlight.poll(), sink);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static <R> void deliver(Future<List<R>> chunk, Consumer<R> sink) {
        List<R> results;
        try {
            results = chunk.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a pass over a corpus", e);
        }
        for (R r : results) {
            sink.accept(r);
        }
    }
}
