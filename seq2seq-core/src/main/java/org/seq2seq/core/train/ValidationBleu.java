package org.seq2seq.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.core.translate.TranslatorOptions;
import org.seq2seq.nn.runtime.Compute;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.evaluation.metrics.Bleu;

/**
 * Validation BLEU: the first {@code n} pairs of a validation corpus translated with greedy search
 * and scored with sacreBLEU's corpus BLEU (13a, exp smoothing) against their targets. Greedy
 * search keeps it cheap enough to run after every epoch; beam search scores a little higher.
 */
public final class ValidationBleu implements EpochScorer {
    private final List<String> sources;
    private final List<String> references;

    /**
     * @param sources    source sentences, as read from the corpus
     * @param references their reference translations
     */
    public ValidationBleu(List<String> sources, List<String> references) {
        if (sources.size() != references.size() || sources.isEmpty()) {
            throw new IllegalArgumentException("validation BLEU needs as many references as sources, and at least "
                    + "one: got " + sources.size() + " and " + references.size());
        }
        this.sources = List.copyOf(sources);
        this.references = List.copyOf(references);
    }

    /** The first {@code n} pairs of {@code corpus} (all of them if it has fewer). */
    public static ValidationBleu firstPairs(Path corpus, CorpusFormat format, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the validation BLEU sample must be at least 1 sentence, got " + n);
        }
        List<String> sources = new ArrayList<>();
        List<String> references = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(Objects.requireNonNull(corpus, "corpus"), format)) {
            for (SentencePair pair : reader) {
                if (sources.size() == n) {
                    break;
                }
                sources.add(pair.source());
                references.add(pair.target());
            }
        }
        return new ValidationBleu(sources, references);
    }

    /** Sentences scored. */
    public int size() {
        return sources.size();
    }

    @Override
    public double score(Seq2SeqModel model) {
        Compute training = Compute.ofThreads(RangeExecutor.current().threads());     // the training's threads
        try (Translator translator = new Translator(model, TranslatorOptions.defaults().withBeamSize(1)
                .withCompute(training))) {
            List<String> hypotheses = translator.translate(sources);
            return Bleu.corpusDefaults().corpusScore(hypotheses, List.of(references)).score();
        }
    }
}
