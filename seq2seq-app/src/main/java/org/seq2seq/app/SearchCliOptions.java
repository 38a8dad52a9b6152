package org.seq2seq.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seq2seq.core.translate.Terminology;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.decoder.search.LengthPenalty;
import org.seq2seq.decoder.search.SearchOptions;
import picocli.CommandLine.Option;

/** The search options {@code translate} and {@code evaluate} share, and the translator options they make. */
final class SearchCliOptions {
    /**
     * Batches' worth of sentences handed to the translator at once when they are already there (a
     * corpus, a file): it sorts them by length and batches neighbours, so a larger pool means
     * less padding in the encoder and fewer search steps spent on a batch's longest sentence.
     */
    static final int POOL_BATCHES = 8;

    /** Sentences in a pool of {@link #POOL_BATCHES} batches of {@code batchSize}. */
    static int poolSize(int batchSize) {
        return POOL_BATCHES * batchSize;
    }

    @Option(names = "--beam", description = "Beam size; 1 is greedy search.")
    int beam = SearchOptions.DEFAULT_BEAM;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "Longest source sentence in tokens; "
            + "longer ones are cut to it with a warning (as training's --max-length leaves longer pairs out).")
    int maxLength = TranslatorOptions.DEFAULT_MAX_SOURCE_TOKENS;

    @Option(names = "--length-penalty", paramLabel = "KIND[:ALPHA]", description = "How beam search ranks "
            + "hypotheses of different lengths: 'length:ALPHA' divides log-probabilities by length^ALPHA "
            + "(length:1, the default, is the mean per token), 'gnmt:ALPHA' by ((5 + length) / 6)^ALPHA "
            + "(Wu et al. 2016; ALPHA 0.6 to 1 is usual), 'none' ranks by log-probability.")
    String lengthPenalty = "length:1";

    @Option(names = "--coverage-penalty", paramLabel = "BETA", description = "GNMT's coverage penalty (Wu et al. "
            + "2016): beam search adds BETA x sum over source words of log(min(attention received, 1)) to a finished "
            + "translation's score, so translations that leave source words unread rank lower; 0 (the default) "
            + "is none. Models with attention only.")
    double coveragePenalty = 0;

    @Option(names = "--no-repeat-ngram", paramLabel = "N", description = "Never write the same N output tokens "
            + "(subwords for a subword model) twice in one translation, as fairseq's --no-repeat-ngram-size: stops "
            + "runaway repetitions on sentences unlike the training data; 0 (the default) allows repeats.")
    int noRepeatNgram = 0;

    @Option(names = "--no-shortlist", description = "Score the whole target vocabulary at every step even when the "
            + "model has a shortlist (see the shortlist command).")
    boolean noShortlist;

    @Option(names = "--ensemble", paramLabel = "MODEL", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "Translate together with this model too "
            + "(repeat for more): each step's log-probabilities are the mean of the models'. The models must share "
            + "vocabularies and tokenizers, as the checkpoints of one run or runs on the same prepared data do.")
    List<Path> ensemble = new ArrayList<>();

    @Option(names = "--terminology", paramLabel = "FILE", description = "A term list: lines of SOURCE<TAB>TARGET; "
            + "a sentence holding a source term (its words in a row, in any case) must be translated with its "
            + "target term (a constraint, as --constraints gives). Needs --beam 2 or more.")
    Path terminology;

    /** The translator for {@code model}, or for it and the {@code --ensemble} models together. */
    Translator load(Path model, TranslatorOptions options) throws IOException {
        if (ensemble.isEmpty()) {
            return Translator.load(model, options);
        }
        for (Path other : ensemble) {
            if (!Files.isDirectory(other)) {
                throw new IllegalArgumentException(other + ": no such model directory (--ensemble)");
            }
        }
        List<Path> models = new ArrayList<>(List.of(model));
        models.addAll(ensemble);
        return Translator.loadEnsemble(models, options);
    }

    /** The length penalty {@code --length-penalty} names. */
    LengthPenalty lengthPenalty() {
        String spec = lengthPenalty.strip().toLowerCase(Locale.ROOT);
        if (spec.equals("none")) {
            return LengthPenalty.none();
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        double alpha;
        try {
            alpha = colon < 0 ? 1 : Double.parseDouble(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--length-penalty " + lengthPenalty + ": ALPHA must be a number");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("--length-penalty " + lengthPenalty + ": ALPHA must be 0 or more");
        }
        return switch (kind) {
            case "length" -> LengthPenalty.power(alpha);
            case "gnmt" -> LengthPenalty.gnmt(alpha);
            default -> throw new IllegalArgumentException("--length-penalty " + lengthPenalty
                    + ": the kinds are length:ALPHA, gnmt:ALPHA and none");
        };
    }

    /**
     * The translator options these and the command's batch size give, each option's range checked
     * first (naming the option and the value).
     */
    TranslatorOptions translatorOptions(int batchSize) throws IOException {
        OptionChecks.atLeast("--beam", beam, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.atLeast("--max-length", maxLength, 1);
        if (!(coveragePenalty >= 0) || Double.isInfinite(coveragePenalty)) {
            throw new IllegalArgumentException("--coverage-penalty must be 0 or more, got " + coveragePenalty);
        }
        OptionChecks.atLeast("--no-repeat-ngram", noRepeatNgram, 0);
        if (terminology != null && beam < 2) {
            throw new IllegalArgumentException("--terminology needs beam search: --beam 2 or more");
        }
        return TranslatorOptions.defaults().withTerminology(terminology == null ? null : Terminology.read(terminology))
                .withBeamSize(beam).withBatchSize(batchSize).withMaxSourceTokens(maxLength)
                .withLengthPenalty(lengthPenalty()).withCoveragePenalty(coveragePenalty)
                .withNoRepeatNgram(noRepeatNgram).withShortlist(!noShortlist);
    }
}
