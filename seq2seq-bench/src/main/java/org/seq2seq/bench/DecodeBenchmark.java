package org.seq2seq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.Seq2SeqGraph;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.nn.runtime.Compute;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.seq2seq.decoder.shortlist.Shortlist;

/**
 * Greedy and beam search throughput through the library API ({@link Translator}), each timed on
 * a pass over the sentences after untimed passes of at least {@value #WARMUP_SECONDS} seconds
 * (at least one): the JIT compiler is still compiling the search's code through its first
 * seconds (docs/benchmarks.md, "Method"), and a translation server or a test set runs for longer. With a random
 * model no hypothesis ends early, so every output runs to the maximum length
 * {@code 2 × source length + 10}, as in the peer's {@code decode-bench}.
 */
public final class DecodeBenchmark {
    /** The least time spent on untimed passes before a search is timed. */
    public static final int WARMUP_SECONDS = 3;

    private DecodeBenchmark() {
    }

    /**
     * @param search             {@code greedy} or {@code beamK}
     * @param sentencesPerSecond source sentences translated per second
     * @param tokensPerSecond    output tokens (END excluded) per second
     * @param meanOutputLength   output tokens per sentence
     * @param seconds            wall time
     * @param blasThreads        OpenBLAS's threads during the run
     */
    public record Result(String search, double sentencesPerSecond, double tokensPerSecond, double meanOutputLength,
                         double seconds, int blasThreads) {
    }

    /**
     * Greedy search, then beam search with {@code beam}, over {@code sentences} in batches, each
     * timed after its warm-up, on {@code compute}'s threads.
     */
    public static List<Result> run(Seq2SeqModel model, List<String> sentences, int batchSize, int beam, Compute compute) {
        return run(model, sentences, batchSize, beam, compute, true);
    }

    /** {@link #run(Seq2SeqModel, List, int, int, Compute)}, with or without the model's shortlist. */
    public static List<Result> run(Seq2SeqModel model, List<String> sentences, int batchSize, int beam, Compute compute,
                                   boolean shortlist) {
        List<Result> results = new ArrayList<>();
        TranslatorOptions options = TranslatorOptions.defaults().withBatchSize(batchSize).withCompute(compute)
                .withShortlist(shortlist);
        for (int k : new int[] {1, beam}) {
            try (Translator translator = new Translator(model, options.withBeamSize(k))) {
                long start = System.nanoTime();
                do {
                    translator.translate(sentences);                                            // warm-up
                } while (System.nanoTime() - start < WARMUP_SECONDS * 1_000_000_000L);
                start = System.nanoTime();
                List<Translation> out = translator.translateWithScores(sentences);
                double seconds = (System.nanoTime() - start) / 1e9;
                long tokens = out.stream().mapToLong(t -> t.tokens().size()).sum();
                results.add(new Result(k == 1 ? "greedy" : "beam" + k, sentences.size() / seconds, tokens / seconds,
                        (double) tokens / sentences.size(), seconds, ProcessStats.blasThreads()));
            }
        }
        return results;
    }

    /**
     * Single-sentence latency: each sentence translated alone by {@link Translator#translate(String)},
     * as a program that embeds the library translates one request at a time.
     *
     * @param beam    the beam size (1: greedy)
     * @param seconds per-sentence seconds of the timed pass, in the sentences' order
     */
    public record Latency(int beam, double[] seconds) {
        /** The {@code q}-quantile of the seconds, {@code q} in [0, 1] (nearest rank). */
        public double quantile(double q) {
            double[] sorted = seconds.clone();
            java.util.Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        public double mean() {
            return java.util.Arrays.stream(seconds).average().orElse(0);
        }
    }

    /**
     * Times each sentence alone after untimed passes of at least {@value #WARMUP_SECONDS}
     * seconds, on {@code compute}'s threads.
     */
    public static Latency latency(Seq2SeqModel model, List<String> sentences, int beam, Compute compute,
                                  boolean shortlist) {
        TranslatorOptions options = TranslatorOptions.defaults().withBeamSize(beam).withCompute(compute)
                .withShortlist(shortlist);
        try (Translator translator = new Translator(model, options)) {
            long start = System.nanoTime();
            do {
                for (String sentence : sentences) {
                    translator.translate(sentence);                                             // warm-up
                }
            } while (System.nanoTime() - start < WARMUP_SECONDS * 1_000_000_000L);
            double[] seconds = new double[sentences.size()];
            for (int i = 0; i < seconds.length; i++) {
                long t = System.nanoTime();
                translator.translate(sentences.get(i));
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
            return new Latency(beam, seconds);
        }
    }

    /** A randomly initialised model of setting (a), with vocabularies of words {@code w4 …}. */
    public static Seq2SeqModel randomModel(BenchSetting s, long seed) {
        ModelConfig config = s.modelConfig();
        ComputationGraph graph = Seq2SeqGraph.create(config, new NoOp(), seed, DataType.FLOAT);
        TokenizerSpec tokenizer = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        return new Seq2SeqModel(graph, config, words(s.sourceVocabulary()), words(s.targetVocabulary()), tokenizer,
                tokenizer);
    }

    /**
     * A shortlist of the sizes a real one has, drawn at random for the random model: every
     * sentence gets {@code frequent} fixed target ids, and each source id lists {@code perToken}
     * random ones. It says nothing of quality (the model is random); it makes the search do the
     * work of a shortlist of that size.
     */
    public static Shortlist randomShortlist(BenchSetting s, int frequent, int perToken, long seed) {
        Random random = new Random(seed);
        int specials = 4;
        int[] common = random.ints(specials, s.targetVocabulary()).distinct().limit(frequent).toArray();
        int[][] translations = new int[s.sourceVocabulary()][];
        for (int w = 0; w < translations.length; w++) {
            translations[w] = random.ints(specials, s.targetVocabulary()).distinct().limit(perToken).toArray();
        }
        return new Shortlist(s.targetVocabulary(), common, translations);
    }

    /** {@code n} sentences of {@code length} random words of {@code vocabulary} (specials excluded). */
    public static List<String> randomSentences(Vocabulary vocabulary, int n, int length, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                words.add(vocabulary.token(4 + random.nextInt(vocabulary.size() - 4)));
            }
            out.add(String.join(" ", words));
        }
        return out;
    }

    private static Vocabulary words(int size) {
        List<String> words = new ArrayList<>();
        for (int i = 4; i < size; i++) {
            words.add("w" + i);
        }
        return Vocabulary.ofTokens(words);
    }
}
