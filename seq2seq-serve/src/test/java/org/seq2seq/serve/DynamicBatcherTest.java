package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.nn.runtime.Compute;

class DynamicBatcherTest {
    private static final SearchChoice BEAM = new SearchChoice(5, 1, null, 0);
    private static final SearchChoice GREEDY = new SearchChoice(1, 1, null, 0);

    @Test
    void requestsThatArriveTogetherShareABatchPerSearch(@TempDir Path directory) throws Exception {
        Path model = TinyModel.copyTo(directory.resolve("tiny"));
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        ServeLimits limits = ServeLimits.builder().batchWait(Duration.ofMillis(500)).batchIdle(Duration.ofMillis(500))
                .build();
        try (DynamicBatcher batcher = new DynamicBatcher(ServedModel.load(model.toString(), 32, Compute.ofThreads(1)),
                limits, new ServeMetrics()); Translator reference = Translator.load(model)) {   // one worker
            List<CompletableFuture<DynamicBatcher.Result>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(batcher.submit(List.of(sources.get(i)), i < 3 ? BEAM : GREEDY, false));
            }
            for (int i = 0; i < 5; i++) {
                DynamicBatcher.Result result = answers.get(i).get();
                assertEquals(i < 3 ? 3 : 2, result.batchSentences(), "request " + i);
                assertEquals(reference.translateNBest(List.of(sources.get(i)), (i < 3 ? BEAM : GREEDY).options())
                        .get(0).get(0).text(), result.nBest().get(0).get(0).text());
            }
        }
    }

    @Test
    void workersTakeBatchesSideBySideAndAnswerAsTheTranslatorDoes(@TempDir Path directory) throws Exception {
        Path model = TinyModel.copyTo(directory.resolve("tiny"));
        List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).toList();
        ServeLimits limits = ServeLimits.builder().batchSentences(2).build();
        try (DynamicBatcher batcher = new DynamicBatcher(ServedModel.load(model.toString(), 2, new Compute(1, 3)),
                limits, new ServeMetrics()); Translator reference = Translator.load(model)) {
            Set<String> workers = new HashSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("seq2seq-batcher-tiny")) {
                    workers.add(t.getName());
                }
            }
            assertEquals(Set.of("seq2seq-batcher-tiny-1", "seq2seq-batcher-tiny-2", "seq2seq-batcher-tiny-3"), workers);
            List<CompletableFuture<DynamicBatcher.Result>> answers = new ArrayList<>();
            for (String source : sources) {
                answers.add(batcher.submit(List.of(source), BEAM, false));
            }
            List<String> expected = reference.translateNBest(sources, BEAM.options()).stream()
                    .map(best -> best.get(0).text()).toList();
            for (int i = 0; i < sources.size(); i++) {
                DynamicBatcher.Result result = answers.get(i).get();
                assertTrue(result.batchSentences() <= 2);
                assertEquals(expected.get(i), result.nBest().get(0).get(0).text(), "sentence " + i);
            }
        }
    }

    @Test
    void refusesWhatWouldOverfillTheQueue(@TempDir Path directory) throws Exception {
        Path model = TinyModel.copyTo(directory.resolve("tiny"));
        // the first request waits a second for company, so its sentences are still queued; the queue holds 4
        ServeLimits limits = ServeLimits.builder().maxSentences(4).queueSentences(4).batchSentences(64)
                .batchWait(Duration.ofSeconds(1)).batchIdle(Duration.ofSeconds(1)).build();
        try (DynamicBatcher batcher = new DynamicBatcher(ServedModel.load(model.toString(), 32), limits,
                new ServeMetrics())) {
            batcher.submit(List.of("Ein Hund.", "Eine Katze.", "Ein Mann."), BEAM, false);
            DynamicBatcher.QueueFullException e = assertThrows(DynamicBatcher.QueueFullException.class,
                    () -> batcher.submit(List.of("Ein Hund.", "Eine Katze."), BEAM, false));
            assertEquals("3 sentences are waiting for the model 'tiny' (at most 4); try again shortly", e.getMessage());
            batcher.submit(List.of("Eine Frau."), BEAM, false).get();
        }
    }
}
