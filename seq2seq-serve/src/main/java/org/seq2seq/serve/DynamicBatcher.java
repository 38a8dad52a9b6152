package org.seq2seq.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.seq2seq.core.translate.AttentionMap;
import org.seq2seq.core.translate.Translation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the sentences of concurrent requests to one model into batches for its
 * {@link org.seq2seq.core.translate.Translator}, on one thread per model (the translator's
 * matrix products use the machine's cores; two batches at once would only take turns).
 *
 * <p>The thread takes the oldest request, then waits for more: until the batch is as large as
 * the one before plus the requests that were already waiting when its answers went out (under
 * steady load the clients just answered come back together, and two halves merge), then while
 * they keep coming, no longer than {@link ServeLimits#batchIdle()} without a new one, and never
 * longer than {@link ServeLimits#batchWait()} in all; so a lone client is not kept waiting for
 * company that is not coming, and a crowd is not split into half batches by a slow sender. A batch stops
 * growing at {@link ServeLimits#batchSentences()} sentences. Requests with the same search options
 * are translated together; others in the same round in batches of their own. At most
 * {@link ServeLimits#queueSentences()} sentences wait: {@link #submit} refuses more.
 */
final class DynamicBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);

    /** What a request asks of the model. */
    record Job(List<String> sentences, List<List<String>> constraints, SearchChoice search, boolean attention,
               long arrivedNanos, CompletableFuture<Result> answer) {
    }

    /**
     * A request's answer.
     *
     * @param nBest          per sentence, its best translations, best first (empty for empty input)
     * @param attention      per sentence, the best translation's attention; null when not asked
     * @param queuedNanos    from arrival until its batch started
     * @param translateNanos how long its batch took
     * @param batchSentences sentences in its batch, its own among them
     */
    record Result(List<List<Translation>> nBest, List<AttentionMap> attention, long queuedNanos,
                  long translateNanos, int batchSentences) {
    }

    /** The queue is full: the request should come back later. */
    static final class QueueFullException extends Exception {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    private final ServedModel model;
    private final ServeLimits limits;
    private final ServeMetrics metrics;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger waitingSentences = new AtomicInteger();
    /** One per worker of the model's translator ({@code Compute.workers()}): batches translated side by side. */
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    /** Sentences in the last batch gathered, and those waiting when its answers went out (any worker's last). */
    private volatile int previousBatch = 1;
    private volatile int waitingAtAnswers;

    DynamicBatcher(ServedModel model, ServeLimits limits, ServeMetrics metrics) {
        this.model = model;
        this.limits = limits;
        this.metrics = metrics;
        int count = model.translator().options().compute().workers();
        for (int w = 1; w <= count; w++) {
            Thread worker = new Thread(this::run, "seq2seq-batcher-" + model.name() + (count > 1 ? "-" + w : ""));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        metrics.queued(model.name(), 0);
    }

    /** Queues a request without constraints; its answer completes when its batch is done. */
    CompletableFuture<Result> submit(List<String> sentences, SearchChoice search, boolean attention)
            throws QueueFullException {
        return submit(sentences, null, search, attention);
    }

    /**
     * Queues a request; its answer completes when its batch is done.
     *
     * @param constraints per sentence, the phrases its translation must contain, checked already
     *                    ({@link org.seq2seq.core.translate.Translator#requireSatisfiable}); null for none
     */
    CompletableFuture<Result> submit(List<String> sentences, List<List<String>> constraints, SearchChoice search,
                                     boolean attention) throws QueueFullException {
        if (!running) {
            throw new QueueFullException("the model '" + model.name() + "' is stopping");
        }
        int n = sentences.size();
        int now;
        do {
            now = waitingSentences.get();
            if (now + n > limits.queueSentences()) {
                throw new QueueFullException(now + " sentences are waiting for the model '" + model.name()
                        + "' (at most " + limits.queueSentences() + "); try again shortly");
            }
        } while (!waitingSentences.compareAndSet(now, now + n));
        metrics.queued(model.name(), now + n);
        CompletableFuture<Result> answer = new CompletableFuture<>();
        queue.add(new Job(List.copyOf(sentences), constraints, search, attention, System.nanoTime(), answer));
        return answer;
    }

    /** Sentences waiting now. */
    int waiting() {
        return waitingSentences.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Job> round = gather(first);
                int sentences = round.stream().mapToInt(j -> j.sentences().size()).sum();
                metrics.queued(model.name(), waitingSentences.addAndGet(-sentences));
                translate(round);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                log.error("the batch thread of model '{}' failed; it goes on with the next requests", model.name(), e);
            }
        }
    }

    /**
     * The first job and those that arrive soon after it, while the batch has room: until the
     * batch is as large as the previous one and the requests that were waiting when its answers
     * went out (the clients answered send their next requests, the others are queued already),
     * then while requests keep coming, never longer than the batch wait in all.
     */
    private List<Job> gather(Job first) throws InterruptedException {
        List<Job> round = new ArrayList<>();
        round.add(first);
        int sentences = first.sentences().size();
        // the clients just answered come back; those that were waiting already are here
        int expected = Math.min(previousBatch + waitingAtAnswers, limits.batchSentences());
        long deadline = System.nanoTime() + limits.batchWait().toNanos();
        while (sentences < limits.batchSentences()) {
            long left = deadline - System.nanoTime();
            long wait = sentences < expected ? left : Math.min(left, limits.batchIdle().toNanos());
            Job next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            round.add(next);
            sentences += next.sentences().size();
        }
        previousBatch = sentences;
        return round;
    }

    /** Translates a round's jobs, those with the same search options in one batch. */
    private void translate(List<Job> round) {
        Map<SearchChoice, List<Job>> bySearch = new LinkedHashMap<>();
        for (Job job : round) {
            if (!job.answer().isDone()) {               // a timed-out request's sentences are dropped
                bySearch.computeIfAbsent(job.search(), k -> new ArrayList<>()).add(job);
            }
        }
        for (Map.Entry<SearchChoice, List<Job>> group : bySearch.entrySet()) {
            List<Job> jobs = group.getValue();
            List<String> sentences = new ArrayList<>();
            jobs.forEach(j -> sentences.addAll(j.sentences()));
            List<List<String>> constraints = new ArrayList<>();
            for (Job j : jobs) {
                constraints.addAll(j.constraints() != null ? j.constraints()
                        : java.util.Collections.nCopies(j.sentences().size(), List.of()));
            }
            boolean constrained = jobs.stream().anyMatch(j -> j.constraints() != null);
            long start = System.nanoTime();
            try {
                List<List<Translation>> found = constrained
                        ? model.translator().translateNBest(sentences, constraints, group.getKey().options())
                        : model.translator().translateNBest(sentences, group.getKey().options());
                int offset = 0;
                List<List<AttentionMap>> maps = new ArrayList<>();
                for (Job job : jobs) {
                    List<List<Translation>> own = found.subList(offset, offset + job.sentences().size());
                    maps.add(job.attention() ? attention(job.sentences(), own) : null);
                    offset += job.sentences().size();
                }
                long took = System.nanoTime() - start;
                metrics.batch(model.name(), sentences.size());
                waitingAtAnswers = waitingSentences.get();
                offset = 0;
                for (int j = 0; j < jobs.size(); j++) {
                    Job job = jobs.get(j);
                    List<List<Translation>> own = List.copyOf(found.subList(offset, offset + job.sentences().size()));
                    offset += job.sentences().size();
                    job.answer().complete(new Result(own, maps.get(j), start - job.arrivedNanos(), took,
                            sentences.size()));
                }
            } catch (RuntimeException e) {
                log.error("translating a batch of {} sentences with model '{}' failed", sentences.size(), model.name(), e);
                jobs.forEach(j -> j.answer().completeExceptionally(e));
            }
        }
    }

    private List<AttentionMap> attention(List<String> sentences, List<List<Translation>> found) {
        List<AttentionMap> maps = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            List<Translation> best = found.get(i);
            maps.add(best.isEmpty() ? model.translator().attention(sentences.get(i))
                    : model.translator().attention(sentences.get(i), best.get(0)));
        }
        return maps;
    }

    /**
     * Stops taking requests, answers those already queued, and waits up to {@code graceMillis}
     * for the workers to finish them.
     */
    void stop(long graceMillis) {
        running = false;
        long deadline = System.nanoTime() + Math.max(1, graceMillis) * 1_000_000L;
        try {
            for (Thread worker : workers) {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
        workers.forEach(Thread::interrupt);
        model.translator().close();
    }
}
