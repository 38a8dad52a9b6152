package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.toy.TrainedReversal;
import org.seq2seq.corpora.batch.EncodedPair;

/** The library API on the trained reversal model. */
@Tag("slow")
class TranslatorTest {
    @TempDir
    Path dir;

    private static List<String> sources(int n) {
        List<String> out = new ArrayList<>();
        for (EncodedPair p : TrainedReversal.task().heldOut.subList(0, n)) {
            out.add(TrainedReversal.words(p.source()));
        }
        return out;
    }

    private static List<String> references(int n) {
        List<String> out = new ArrayList<>();
        for (EncodedPair p : TrainedReversal.task().heldOut.subList(0, n)) {
            out.add(TrainedReversal.words(p.target()));
        }
        return out;
    }

    private static double exact(List<String> outputs, List<String> references) {
        int same = 0;
        for (int i = 0; i < outputs.size(); i++) {
            same += outputs.get(i).equals(references.get(i)) ? 1 : 0;
        }
        return (double) same / outputs.size();
    }

    @Test
    void translatesHeldOutSequencesToTheirReversal() {
        List<String> sources = sources(200);
        List<String> references = references(200);
        try (Translator beam = new Translator(TrainedReversal.model(), TranslatorOptions.defaults());
             Translator greedy = new Translator(TrainedReversal.model(), TranslatorOptions.defaults().withBeamSize(1))) {
            assertEquals("s2 s7 s0", greedy.translate("s0 s7 s2"));
            double beamExact = exact(beam.translate(sources), references);
            double greedyExact = exact(greedy.translate(sources), references);
            assertTrue(beamExact >= 0.95, "beam search exact match " + beamExact);
            assertTrue(greedyExact >= 0.95, "greedy search exact match " + greedyExact);
            // one at a time gives what the batch gives
            for (int i = 0; i < 20; i++) {
                assertEquals(beam.translate(sources).get(i), beam.translate(sources.get(i)));
            }
        }
    }

    @Test
    void nBestAreDistinctAndInDescendingScoreOrder() {
        try (Translator translator = new Translator(TrainedReversal.model(), TranslatorOptions.defaults())) {
            List<Translation> best = translator.translateNBest("s1 s2 s3 s4", 4);
            assertEquals(4, best.size());
            assertEquals("s4 s3 s2 s1", best.get(0).text());
            for (int i = 1; i < best.size(); i++) {
                assertTrue(best.get(i - 1).score() >= best.get(i).score(), best.toString());
                assertTrue(!best.get(i).tokens().equals(best.get(0).tokens()), best.toString());
            }
            assertTrue(best.get(0).logProbability() < 0 && best.get(0).finished());
        }
    }

    @Test
    void unknownWordsEmptyInputAndOverlongInput() {
        try (Translator translator = new Translator(TrainedReversal.model(),
                TranslatorOptions.defaults().withMaxSourceTokens(4))) {
            assertEquals("", translator.translate(""));
            assertEquals("", translator.translate("   "));
            assertEquals(List.of("", "s1 s0 s2"), translator.translate(List.of("", "s2 s0 s1")));
            // an unknown word is UNK, which training never showed: some output, no failure
            String unknown = translator.translate("s1 zebra s2");
            assertTrue(unknown.length() > 0, unknown);
            // cut to 4 tokens: the reversal of the first four
            assertEquals("s3 s2 s1 s0", translator.translate("s0 s1 s2 s3 s4 s5"));
        }
    }

    @Test
    void eightThreadsGetWhatSequentialCallsGet() throws Exception {
        List<String> sources = sources(64);
        try (Translator translator = new Translator(TrainedReversal.model(), TranslatorOptions.defaults())) {
            List<String> sequential = new ArrayList<>();
            for (String s : sources) {
                sequential.add(translator.translate(s));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t;
                    futures.add(pool.submit(() -> {
                        List<String> out = new ArrayList<>();
                        for (int i = 0; i < sources.size(); i++) {    // each thread in another order
                            int j = (i * 7 + offset * 8) % sources.size();
                            out.add(j + "\t" + translator.translate(sources.get(j)));
                        }
                        return out;
                    }));
                }
                for (Future<List<String>> f : futures) {
                    for (String line : f.get()) {
                        int j = Integer.parseInt(line.substring(0, line.indexOf('\t')));
                        assertEquals(sequential.get(j), line.substring(line.indexOf('\t') + 1), "sentence " + j);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void loadsASavedModelAndRefusesCallsWhenClosed() throws IOException {
        Path saved = dir.resolve("model");
        ModelDirectory.save(TrainedReversal.model(), saved);
        Translator translator = Translator.load(saved);
        assertEquals("s9 s8 s7", translator.translate("s7 s8 s9"));
        translator.close();
        assertThrows(IllegalStateException.class, () -> translator.translate("s7 s8 s9"));
    }
}
