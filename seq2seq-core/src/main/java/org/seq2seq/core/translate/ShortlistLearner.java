package org.seq2seq.core.translate;

import java.util.Objects;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.corpora.PassProgress;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.decoder.shortlist.Shortlist;
import org.seq2seq.decoder.shortlist.ShortlistBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a model's {@link Shortlist} from a parallel corpus: each pair is tokenized and encoded
 * as the model reads and writes it (subwords included), and the co-occurrences of its source and
 * target ids are counted ({@link ShortlistBuilder}). Reads the pairs once, one at a time.
 *
 * @param frequent       the most frequent target tokens every sentence gets
 * @param perSourceToken the translations each source token lists
 * @param maxPairs       the most pairs read (the first ones); 0 for all
 */
public record ShortlistLearner(int frequent, int perSourceToken, long maxPairs) {
    private static final Logger log = LoggerFactory.getLogger(ShortlistLearner.class);
    /** Chosen with {@link #DEFAULT_PER_SOURCE_TOKEN} on Multi30k's validation BLEU (docs/performance.md, "Shortlists"). */
    public static final int DEFAULT_FREQUENT = 300;
    /** Chosen with {@link #DEFAULT_FREQUENT} on Multi30k's validation BLEU. */
    public static final int DEFAULT_PER_SOURCE_TOKEN = 50;
    /** Co-occurrence statistics settle long before: counting more pairs costs time, not quality. */
    public static final long DEFAULT_MAX_PAIRS = 2_000_000;

    public ShortlistLearner {
        if (frequent < 0 || perSourceToken < 1 || maxPairs < 0) {
            throw new IllegalArgumentException("frequent must be at least 0 (got " + frequent + "), translations per "
                    + "source token at least 1 (got " + perSourceToken + "), pairs at least 0 (got " + maxPairs + ")");
        }
    }

    /** The defaults: 300 frequent, 50 per source token, the first 2,000,000 pairs. */
    public static ShortlistLearner defaults() {
        return new ShortlistLearner(DEFAULT_FREQUENT, DEFAULT_PER_SOURCE_TOKEN, DEFAULT_MAX_PAIRS);
    }

    /**
     * @param model the model whose tokenizers and vocabularies encode the pairs
     * @param pairs the corpus
     * @param name  the corpus's name for the progress lines
     */
    public Shortlist learn(Seq2SeqModel model, Iterable<SentencePair> pairs, String name) {
        Objects.requireNonNull(model, "model");
        Tokenizer source = model.sourceTokenizer().create();
        Tokenizer target = model.targetTokenizer().create();
        ShortlistBuilder builder = new ShortlistBuilder(model.sourceVocabulary().size(), model.targetVocabulary().size());
        PassProgress progress = new PassProgress(log, "counting co-occurrences in " + name, 0);   // its size unknown
        for (SentencePair pair : pairs) {
            if (maxPairs > 0 && builder.sentences() == maxPairs) {
                break;
            }
            builder.add(model.sourceVocabulary().encode(source.tokenize(pair.source())),
                    model.targetVocabulary().encode(target.tokenize(pair.target())));
            progress.add();
        }
        progress.finish();
        if (builder.sentences() == 0) {
            throw new IllegalArgumentException(name + " has no sentence pairs to learn a shortlist from");
        }
        return builder.build(frequent, perSourceToken);
    }
}
