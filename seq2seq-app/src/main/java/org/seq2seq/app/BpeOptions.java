package org.seq2seq.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.seq2seq.core.train.BpeSettings;
import org.seq2seq.corpora.bpe.BpeCodes;
import picocli.CommandLine.Option;

/** Command-line options of subwords for {@code train --tokenizer bpe}. */
final class BpeOptions {
    @Option(names = "--bpe-merges", paramLabel = "N", description = "With --tokenizer bpe: merge operations to "
            + "learn from the training corpus.")
    int merges = 10000;

    @Option(names = "--bpe-joint", description = "With --tokenizer bpe: learn one set of codes from both languages "
            + "together, so that names and numbers split alike on both sides.")
    boolean joint;

    @Option(names = "--bpe-codes", arity = "1..2", paramLabel = "FILE", description = "With --tokenizer bpe: use "
            + "these codes (subword-nmt's format, e.g. from 'bpe learn') instead of learning them: one file for "
            + "both sides, or the source's and the target's.")
    List<Path> codes;

    /**
     * These options as settings, codes files read; null for whole words.
     *
     * @param bpe  whether --tokenizer bpe was given
     * @param used which of these options were given, to refuse them without --tokenizer bpe
     * @throws IOException naming a codes file that is missing or not a codes file
     */
    BpeSettings settings(boolean bpe, List<String> used) throws IOException {
        if (!bpe) {
            if (!used.isEmpty()) {
                throw new IllegalArgumentException(used.get(0) + " needs --tokenizer bpe");
            }
            return null;
        }
        if (codes != null) {
            if (used.contains("--bpe-merges") || joint) {
                throw new IllegalArgumentException("--bpe-codes gives the codes: leave out --bpe-merges and --bpe-joint");
            }
            BpeCodes source = BpeCodes.load(codes.get(0));
            BpeCodes target = codes.size() > 1 ? BpeCodes.load(codes.get(1)) : source;
            return BpeSettings.given(source, target);
        }
        OptionChecks.atLeast("--bpe-merges", merges, 1);
        return BpeSettings.learn(merges, joint);
    }
}
