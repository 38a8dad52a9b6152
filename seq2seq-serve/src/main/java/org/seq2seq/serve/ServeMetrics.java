package org.seq2seq.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format: requests and their latencies by
 * endpoint and status, sentences waiting, sentences translated (and per second over the last
 * {@value SentenceRate#WINDOW_SECONDS} s), and the sizes of the batches the models ran; and the
 * JVM's and the process's standard figures ({@code jvm_memory_pool_collection_used_bytes}, the
 * heap each pool held after its last collection, {@code jvm_threads_current},
 * {@code process_open_fds}, {@code process_resident_memory_bytes} and the rest of Prometheus'
 * JVM instrumentation), by which a long run shows whether anything grows.
 */
final class ServeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Gauge queued;
    private final Counter sentences;
    private final Histogram batches;
    private final SentenceRate rate = new SentenceRate();

    ServeMetrics() {
        requests = Counter.builder().name("seq2seq_http_requests_total")
                .help("HTTP requests answered, by endpoint and status").labelNames("endpoint", "status")
                .register(registry);
        latency = Histogram.builder().name("seq2seq_http_request_duration_seconds")
                .help("Time from a request's arrival to its answer, by endpoint and status")
                .labelNames("endpoint", "status").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        queued = Gauge.builder().name("seq2seq_queue_sentences")
                .help("Sentences waiting for their batch, by model").labelNames("model").register(registry);
        sentences = Counter.builder().name("seq2seq_sentences_translated_total")
                .help("Sentences translated, by model").labelNames("model").register(registry);
        batches = Histogram.builder().name("seq2seq_batch_sentences")
                .help("Sentences per batch the model translated together, by model").labelNames("model")
                .classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128).register(registry);
        GaugeWithCallback.builder().name("seq2seq_sentences_per_second")
                .help("Sentences translated per second over the last " + SentenceRate.WINDOW_SECONDS + " s, all models")
                .callback(callback -> callback.call(rate.perSecond())).register(registry);
        JvmMetrics.builder().register(registry);
    }

    void request(String endpoint, int status, long nanos) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, code).inc();
        latency.labelValues(endpoint, code).observe(nanos / 1e9);
    }

    void queued(String model, int waiting) {
        queued.labelValues(model).set(waiting);
    }

    void batch(String model, int size) {
        batches.labelValues(model).observe(size);
        sentences.labelValues(model).inc(size);
        rate.add(size);
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    /** Sentences per second over a sliding window of whole seconds. */
    static final class SentenceRate {
        static final int WINDOW_SECONDS = 10;
        private final long[] counts = new long[WINDOW_SECONDS + 1];
        private final long[] seconds = new long[WINDOW_SECONDS + 1];

        synchronized void add(int n) {
            long now = System.nanoTime() / 1_000_000_000L;
            int slot = (int) (now % counts.length);
            if (seconds[slot] != now) {
                seconds[slot] = now;
                counts[slot] = 0;
            }
            counts[slot] += n;
        }

        /** Sentences in the last {@value #WINDOW_SECONDS} whole seconds, per second. */
        synchronized double perSecond() {
            long now = System.nanoTime() / 1_000_000_000L;
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                if (seconds[i] < now && seconds[i] >= now - WINDOW_SECONDS) {
                    total += counts[i];
                }
            }
            return total / (double) WINDOW_SECONDS;
        }
    }
}
