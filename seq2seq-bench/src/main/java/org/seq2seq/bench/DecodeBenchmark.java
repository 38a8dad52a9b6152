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
        List<Result> results = new ArrayList<>();
        TranslatorOptions options = TranslatorOptions.defaults().withBatchSize(batchSize).withCompute(compute);
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

    /** A randomly initialised model of setting (a)'s sizes, with vocabularies of words {@code w4 …}. */
    public static Seq2SeqModel randomModel(BenchSetting s, long seed) {
        ModelConfig config = s.modelConfig();
        ComputationGraph graph = Seq2SeqGraph.create(config, new NoOp(), seed, DataType.FLOAT);
        TokenizerSpec tokenizer = new TokenizerSpec(TokenizerSpec.Kind.WORD, false);
        return new Seq2SeqModel(graph, config, words(s.sourceVocabulary()), words(s.targetVocabulary()), tokenizer,
                tokenizer);
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
