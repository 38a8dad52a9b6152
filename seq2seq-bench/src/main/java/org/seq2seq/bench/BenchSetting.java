package org.seq2seq.bench;

import org.seq2seq.core.model.ModelConfig;

/**
 * A synthetic training setting: model sizes and a batch of full-length random sentences.
 *
 * @param name            short name, e.g. {@code a}
 * @param sourceVocabulary source vocabulary size, the 4 special tokens included
 * @param targetVocabulary target vocabulary size
 * @param embedding       embedding size
 * @param hidden          state size of encoder and decoder
 * @param batch           sentence pairs per batch
 * @param sourceLength    source tokens per sentence
 * @param targetLength    target tokens per sentence (labels are one longer: END)
 * @param timedSteps      the timed training steps unless told otherwise: enough for several
 *                        seconds, both sides (docs/benchmarks.md, "Method")
 * @param warmupSteps     our untimed steps first unless told otherwise: the JIT compiler works
 *                        through the first seconds of a run, and a training run lasts hours, so
 *                        its steps are the later ones. The peer (no JIT) takes its own 3.
 */
public record BenchSetting(String name, int sourceVocabulary, int targetVocabulary, int embedding, int hidden,
                           int batch, int sourceLength, int targetLength, int timedSteps, int warmupSteps) {
    public BenchSetting {
        if (sourceVocabulary < 5 || targetVocabulary < 5 || embedding < 1 || hidden < 1 || batch < 1
                || sourceLength < 1 || targetLength < 1 || timedSteps < 1 || warmupSteps < 0) {
            throw new IllegalArgumentException("every size must be at least 1 and vocabularies at least 5: " + name);
        }
    }

    /** Setting (a) of the benchmark issue: vocabularies 8000/8000, 256/512, batch 64, lengths 20/22; 20 + 20 steps. */
    public static final BenchSetting A = new BenchSetting("a", 8000, 8000, 256, 512, 64, 20, 22, 20, 20);
    /** Setting (b): vocabularies 1000/1000, 64/128, batch 32, lengths 10/12; 1500 warm-up + 200 timed steps. */
    public static final BenchSetting B = new BenchSetting("b", 1000, 1000, 64, 128, 32, 10, 12, 200, 1500);

    /** The model of this setting: one encoder layer, no dropout, the context in the initial state only. */
    public ModelConfig modelConfig() {
        return ModelConfig.builder(sourceVocabulary, targetVocabulary).embeddingSize(embedding).hiddenSize(hidden)
                .build();
    }

    /** By name, {@code a} or {@code b}. */
    public static BenchSetting named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "a" -> A;
            case "b" -> B;
            default -> throw new IllegalArgumentException("unknown setting '" + name + "': a or b");
        };
    }
}
