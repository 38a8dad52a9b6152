package org.seq2seq.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.seq2seq.corpora.bpe.BpeCodes;

/**
 * How a new model's words become subwords: BPE codes learned from the training corpus (one set
 * for both languages, or one per side), or codes given as they are.
 *
 * @param merges           merges to learn (0 when codes are given)
 * @param minPairFrequency stop learning when no pair occurs this often
 * @param joint            one set of codes learned on both sides together
 * @param sourceCodes      given codes for the source side, or null to learn them
 * @param targetCodes      given codes for the target side, or null to learn them
 */
public record BpeSettings(int merges, int minPairFrequency, boolean joint, BpeCodes sourceCodes,
                          BpeCodes targetCodes) {
    public BpeSettings {
        if ((sourceCodes == null) != (targetCodes == null)) {
            throw new IllegalArgumentException("give BPE codes for both sides or for none");
        }
        if (sourceCodes == null && merges < 1) {
            throw new IllegalArgumentException("the number of BPE merges must be at least 1, got " + merges);
        }
        if (minPairFrequency < 1) {
            throw new IllegalArgumentException("the minimum BPE pair frequency must be at least 1, got "
                    + minPairFrequency);
        }
    }

    /** Learn {@code merges} merges (subword-nmt's default minimum pair frequency, 2), jointly or per side. */
    public static BpeSettings learn(int merges, boolean joint) {
        return new BpeSettings(merges, 2, joint, null, null);
    }

    /** Use these codes. */
    public static BpeSettings given(BpeCodes source, BpeCodes target) {
        return new BpeSettings(0, 2, source.equals(target), Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(target, "target"));
    }

    /** Whether the codes are to be learned. */
    public boolean learns() {
        return sourceCodes == null;
    }

    /** Word counts of both sides added together: what joint codes are learned from. */
    static Map<String, Long> together(Map<String, Long> source, Map<String, Long> target) {
        Map<String, Long> sum = new LinkedHashMap<>(source);
        target.forEach((word, count) -> sum.merge(word, count, Long::sum));
        return sum;
    }
}
