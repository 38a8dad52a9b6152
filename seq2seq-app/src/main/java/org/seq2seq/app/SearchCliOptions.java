package org.seq2seq.app;

import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.decoder.search.SearchOptions;
import picocli.CommandLine.Option;

/** The search options {@code translate} and {@code evaluate} share, and the translator options they make. */
final class SearchCliOptions {
    @Option(names = "--beam", description = "Beam size; 1 is greedy search.")
    int beam = SearchOptions.DEFAULT_BEAM;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "Longest source sentence in tokens; "
            + "longer ones are cut to it with a warning (as training's --max-length leaves longer pairs out).")
    int maxLength = TranslatorOptions.DEFAULT_MAX_SOURCE_TOKENS;

    /**
     * The translator options these and the command's batch size give, each option's range checked
     * first (naming the option and the value).
     */
    TranslatorOptions translatorOptions(int batchSize) {
        OptionChecks.atLeast("--beam", beam, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.atLeast("--max-length", maxLength, 1);
        return TranslatorOptions.defaults().withBeamSize(beam).withBatchSize(batchSize).withMaxSourceTokens(maxLength);
    }
}
