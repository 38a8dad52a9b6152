package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.OutputPaths;
import org.seq2seq.corpora.batch.BucketBatchIterator;
import org.seq2seq.corpora.batch.CorpusPairs;
import org.seq2seq.corpora.batch.EpochStats;
import org.seq2seq.corpora.batch.LengthLimits;
import org.seq2seq.corpora.batch.PaddedBatch;
import org.seq2seq.corpora.batch.PairEncoder;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.vocab.CorpusCounts;
import org.seq2seq.corpora.vocab.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seq2seq prepare}: reads a parallel corpus, builds and saves both vocabularies, and
 * reports what training on it would see (pairs, vocabulary coverage, lengths, padding).
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Read a parallel corpus, build the source and target vocabularies, and report its batches.")
final class PrepareCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(PrepareCommand.class);
    /** Batches sorted together by length: enough for little padding, bounded for huge corpora. */
    private static final int POOL_BATCHES = 1000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CORPUS", description = "The corpus: CSV or TSV, optionally .gz.")
    Path corpus;

    @Parameters(index = "1", paramLabel = "OUTPUT_DIR",
            description = "Where source.vocab and target.vocab are written.")
    Path output;

    @Mixin
    CorpusOptions corpusOptions = new CorpusOptions();

    @Mixin
    TokenizerOptions tokenizerOptions = new TokenizerOptions();

    @Mixin
    VocabularyOptions vocabularyOptions = new VocabularyOptions();

    @Option(names = "--batch-size", description = "Pairs per batch, for the padding report.")
    int batchSize = 64;

    @Option(names = "--max-length", description = "Longest sentence in tokens; longer pairs are dropped.")
    int maxLength = 100;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1 || maxLength < 1) {
            throw new IllegalArgumentException("--batch-size and --max-length must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (tokenizerOptions.bpe()) {
            throw new IllegalArgumentException("prepare builds vocabularies of whole words; for subwords, learn codes "
                    + "with 'bpe learn', or give --tokenizer bpe to train");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException(output + ": the output directory is a file");
        }
        OutputPaths.requireWritableDirectory(output, "the output directory");
        CorpusFormat format = corpusOptions.format(corpus);
        Tokenizer tokenizer = tokenizerOptions.create();

        log.info("counting tokens in {}", corpus);
        // what training would see: pairs over --max-length count neither in the vocabularies nor the lengths
        CorpusCounts counts = CorpusCounts.count(corpus, format, tokenizer, tokenizer, maxLength, maxLength)
                .requirePairs(corpus);
        if (counts.pairs() == 0) {
            throw new IllegalArgumentException(String.format("%s: none of its %d pairs has at most %d tokens on both "
                    + "sides (--max-length)", corpus, counts.report().pairs(), maxLength));
        }
        Vocabulary source = vocabularyOptions.build(counts.source());
        Vocabulary target = vocabularyOptions.build(counts.target());
        Files.createDirectories(output);
        source.save(output.resolve("source.vocab"));
        target.save(output.resolve("target.vocab"));

        out.println(counts.report().summary());
        out.println(vocabularyOptions.describe("source", counts.source(), source));
        out.println(vocabularyOptions.describe("target", counts.target(), target));

        log.info("batching {}", corpus);
        PairEncoder encoder = new PairEncoder(tokenizer, source, tokenizer, target);
        int longestSource = 0;
        int longestTarget = 0;
        EpochStats stats;
        try (BucketBatchIterator batches = BucketBatchIterator.builder(new CorpusPairs(corpus, format, encoder))
                .batchSize(batchSize).poolSize(POOL_BATCHES * batchSize)
                .lengthLimits(LengthLimits.drop(maxLength, maxLength)).build()) {
            while (batches.hasNext()) {
                PaddedBatch batch = batches.nextBatch();
                longestSource = Math.max(longestSource, batch.sourceLength());
                longestTarget = Math.max(longestTarget, batch.targetLength() - 1);
            }
            stats = batches.stats();
        }
        out.printf("lengths of the %d pairs within --max-length %d: source up to %d tokens, target up to %d "
                        + "(mean %.1f and %.1f)%n", counts.pairs(), maxLength, longestSource, longestTarget,
                (double) counts.source().total() / counts.pairs(), (double) counts.target().total() / counts.pairs());
        out.printf("batches of %d, bucketed by length in pools of %d: %d batches, %.1f%% padding, "
                        + "%d pairs dropped over %d tokens (not in the vocabularies either)%n", batchSize,
                POOL_BATCHES * batchSize, stats.batches(), 100 * stats.paddingFraction(), stats.dropped(), maxLength);
        out.printf("wrote %s and %s%n", output.resolve("source.vocab"), output.resolve("target.vocab"));
        return 0;
    }
}
