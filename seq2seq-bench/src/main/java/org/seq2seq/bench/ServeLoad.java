package org.seq2seq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Closed-loop load on a running {@code serve}: N clients, each sending one-sentence
 * {@code POST /v1/translate} requests back to back for a while. Every request carries a
 * {@code request_id} that its answer must return with its own sentence, so a lost, mixed-up or
 * doubled answer is counted; the server's own counts ({@code /metrics}) are read before and after.
 */
public final class ServeLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run's figures.
     *
     * @param clients          concurrent clients
     * @param seconds          how long it ran
     * @param sent             requests sent (each one sentence)
     * @param answered         200 answers, each with its own request_id and sentence
     * @param busy             503 answers, each with Retry-After
     * @param otherErrors      answers of any other status, or 503 without Retry-After
     * @param mismatched       200 answers with another request's id or sentence, or a second answer to an id
     * @param refused          connections refused: requests the server never accepted (it had stopped)
     * @param lost             requests sent on an accepted connection and never answered
     * @param latenciesMillis  sorted latencies of the 200 answers
     * @param serverRequests   the server's count of /v1/translate answers during the run; -1 if unknown
     * @param meanBatch        mean sentences per batch on the server during the run; NaN if unknown
     */
    public record Result(int clients, double seconds, long sent, long answered, long busy, long otherErrors,
                         long mismatched, long refused, long lost, double[] latenciesMillis, long serverRequests,
                         double meanBatch) {
        public double sentencesPerSecond() {
            return answered / seconds;
        }

        public double percentile(double p) {
            return ServeLoad.percentile(latenciesMillis, p);
        }
    }

    /**
     * What the clients did in one interval of a run.
     *
     * @param elapsedSeconds since the run started, at the interval's end
     * @param seconds        the interval's length
     * @param answered       200 answers in the interval
     * @param busy           503 answers in the interval
     * @param otherErrors    other answers and lost requests in the interval
     * @param p50Millis      median latency of the interval's 200 answers; NaN without any
     * @param p99Millis      99th percentile of the same
     */
    public record Interval(double elapsedSeconds, double seconds, long answered, long busy, long otherErrors,
                           double p50Millis, double p99Millis) {
    }

    private final URI base;
    private final List<String> sentences;
    private final int beam;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ServeLoad(URI base, List<String> sentences, int beam, String apiKey) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentences to send");
        }
        this.base = base;
        this.sentences = List.copyOf(sentences);
        this.beam = beam;
        this.apiKey = apiKey;
    }

    /** Runs {@code clients} clients for {@code duration}, or until the server refuses connections. */
    public Result run(int clients, Duration duration) throws InterruptedException {
        return run(clients, duration, null, null);
    }

    /**
     * {@link #run(int, Duration)}, handing {@code sink} the figures of every {@code interval} as it ends
     * (on a thread of its own; not at all when {@code sink} is null).
     */
    public Result run(int clients, Duration duration, Duration interval, Consumer<Interval> sink)
            throws InterruptedException {
        Map<String, Double> before = serverCounts();
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Thread sampler = null;
        if (sink != null) {
            sampler = new Thread(() -> sample(tally, start, end, interval, sink), "bench-serve-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
        List<Client> running = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(c, end, tally);
            Thread t = new Thread(client, "bench-serve-client-" + c);
            running.add(client);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (sampler != null) {
            sampler.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = running.stream().flatMapToDouble(c -> Arrays.stream(c.latencies, 0, c.count)).sorted()
                .toArray();
        Map<String, Double> after = serverCounts();
        long serverRequests = -1;
        double meanBatch = Double.NaN;
        if (before != null && after != null) {
            serverRequests = Math.round(after.get("requests") - before.get("requests"));
            double batches = after.get("batches") - before.get("batches");
            meanBatch = batches > 0 ? (after.get("batchSentences") - before.get("batchSentences")) / batches : Double.NaN;
        }
        return new Result(clients, seconds, tally.sent.sum(), tally.answered.sum(), tally.busy.sum(),
                tally.other.sum(), tally.mismatched.sum(), tally.refused.sum(), tally.lost.sum(), sorted,
                serverRequests, meanBatch);
    }

    /** The counts all clients of a run add to. */
    private static final class Tally {
        final AtomicLong next = new AtomicLong();
        final LongAdder sent = new LongAdder();
        final LongAdder answered = new LongAdder();
        final LongAdder busy = new LongAdder();
        final LongAdder other = new LongAdder();
        final LongAdder mismatched = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder lost = new LongAdder();
        final Set<String> answeredIds = ConcurrentHashMap.newKeySet();
        /** The current interval's latencies and counts, taken and replaced by the sampler. */
        final Object lock = new Object();
        double[] window = new double[256];
        int windowCount;
        long windowBusy;
        long windowOther;

        void answered(double millis) {
            synchronized (lock) {
                if (windowCount == window.length) {
                    window = Arrays.copyOf(window, 2 * windowCount);
                }
                window[windowCount++] = millis;
            }
        }

        void refusedOrFailed(boolean busy) {
            synchronized (lock) {
                if (busy) {
                    windowBusy++;
                } else {
                    windowOther++;
                }
            }
        }
    }

    /** Every {@code interval} until {@code endNanos}: the interval's figures to {@code sink}. */
    private static void sample(Tally tally, long startNanos, long endNanos, Duration interval, Consumer<Interval> sink) {
        long next = startNanos + interval.toNanos();
        while (next <= endNanos + interval.toNanos() / 2) {
            long wait = (next - System.nanoTime()) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, wait));
            } catch (InterruptedException e) {
                return;
            }
            double[] latencies;
            long busy;
            long other;
            synchronized (tally.lock) {
                latencies = Arrays.copyOf(tally.window, tally.windowCount);
                busy = tally.windowBusy;
                other = tally.windowOther;
                tally.windowCount = 0;
                tally.windowBusy = 0;
                tally.windowOther = 0;
            }
            Arrays.sort(latencies);
            sink.accept(new Interval((System.nanoTime() - startNanos) / 1e9, interval.toNanos() / 1e9,
                    latencies.length, busy, other, percentile(latencies, 50), percentile(latencies, 99)));
            next += interval.toNanos();
        }
    }

    /** The p-th percentile of sorted values (nearest rank); NaN for none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** One client: a request, its answer, the next request, until the end. */
    private final class Client implements Runnable {
        private final int number;
        private final long endNanos;
        private final Tally tally;
        double[] latencies = new double[1024];
        int count;

        Client(int number, long endNanos, Tally tally) {
            this.number = number;
            this.endNanos = endNanos;
            this.tally = tally;
        }

        @Override
        public void run() {
            while (System.nanoTime() < endNanos) {
                long n = tally.next.getAndIncrement();
                String sentence = sentences.get((int) (n % sentences.size()));
                String id = number + "-" + n;
                long t0 = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = http.send(request(id, sentence), HttpResponse.BodyHandlers.ofString());
                } catch (ConnectException e) {
                    tally.refused.increment();          // never accepted: the server has stopped listening
                    return;
                } catch (IOException e) {
                    tally.sent.increment();
                    tally.lost.increment();             // accepted, never answered
                    tally.refusedOrFailed(false);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                tally.sent.increment();
                double millis = (System.nanoTime() - t0) / 1e6;
                int status = response.statusCode();
                if (status == 200) {
                    if (!matches(response.body(), id, sentence) || !tally.answeredIds.add(id)) {
                        tally.mismatched.increment();
                    } else {
                        tally.answered.increment();
                        tally.answered(millis);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, 2 * count);
                        }
                        latencies[count++] = millis;
                    }
                } else if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                    tally.busy.increment();
                    tally.refusedOrFailed(true);
                    if (response.body().contains("the server is stopping")) {
                        return;
                    }
                    // as a polite client does: back off as told (capped at a second)
                    pause(Math.min(1000, 1000L * Long.parseLong(response.headers().firstValue("Retry-After")
                            .orElseThrow().strip())), endNanos);
                } else {
                    tally.other.increment();
                    tally.refusedOrFailed(false);
                }
            }
        }
    }

    private HttpRequest request(String id, String sentence) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("sentences", List.of(sentence), "beam", beam, "request_id", id));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/translate"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    private static boolean matches(String body, String id, String sentence) {
        try {
            JsonNode json = JSON.readTree(body);
            return id.equals(json.path("request_id").asText(null))
                    && sentence.equals(json.path("translations").path(0).path("source").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause(long millis, long endNanos) {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        try {
            Thread.sleep(Math.max(0, Math.min(millis, left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The server's /v1/translate answers so far and its batch counts, from /metrics; null when
     * they cannot be read.
     */
    public Map<String, Double> serverCounts() {
        String metrics = metrics();
        if (metrics == null) {
            return null;
        }
        double requests = 0;
        double batches = 0;
        double batchSentences = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("seq2seq_http_requests_total{endpoint=\"/v1/translate\"")) {
                requests += value(line);
            } else if (line.startsWith("seq2seq_batch_sentences_count{")) {
                batches += value(line);
            } else if (line.startsWith("seq2seq_batch_sentences_sum{")) {
                batchSentences += value(line);
            }
        }
        return Map.of("requests", requests, "batches", batches, "batchSentences", batchSentences);
    }

    /**
     * The server process's own figures from /metrics: resident memory, the heap its pools held
     * after their last collections, the heap in use, live threads and open file descriptors; null
     * when they cannot be read.
     */
    public ServerFigures serverFigures() {
        String metrics = metrics();
        if (metrics == null) {
            return null;
        }
        double rss = Double.NaN;
        double afterGc = 0;
        double heapUsed = Double.NaN;
        double heapCommitted = Double.NaN;
        double threads = Double.NaN;
        double files = Double.NaN;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("process_resident_memory_bytes ")) {
                rss = value(line);
            } else if (line.startsWith("jvm_memory_pool_collection_used_bytes{")) {
                afterGc += value(line);                       // heap pools only: the others are not collected
            } else if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                heapUsed = value(line);
            } else if (line.startsWith("jvm_memory_committed_bytes{area=\"heap\"")) {
                heapCommitted = value(line);
            } else if (line.startsWith("jvm_threads_current ")) {
                threads = value(line);
            } else if (line.startsWith("process_open_fds ")) {
                files = value(line);
            }
        }
        return new ServerFigures(rss / (1 << 20), afterGc / (1 << 20), heapUsed / (1 << 20), heapCommitted / (1 << 20),
                threads, files);
    }

    /**
     * A server process's figures.
     *
     * @param residentMb   resident memory (RSS)
     * @param heapAfterGcMb the heap the collector's pools kept after their last collections
     * @param heapUsedMb   the heap in use now
     * @param heapCommittedMb the heap the JVM has taken from the system (part of the resident memory)
     * @param threads      live threads
     * @param openFiles    open file descriptors (sockets included)
     */
    public record ServerFigures(double residentMb, double heapAfterGcMb, double heapUsedMb, double heapCommittedMb,
                                double threads, double openFiles) {
    }

    private String metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
