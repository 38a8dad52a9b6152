package org.seq2seq.evaluation.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.seq2seq.corpora.Column;
import org.seq2seq.corpora.CorpusFormat;
import org.seq2seq.corpora.CorpusReader;
import org.seq2seq.corpora.SentencePair;
import org.seq2seq.evaluation.metrics.Bleu;
import org.seq2seq.evaluation.metrics.BleuScore;
import org.seq2seq.evaluation.metrics.ChrF;
import org.seq2seq.evaluation.metrics.PythonFloat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a test corpus with a translator function, in batches with progress logged, scores
 * it and writes three files into an output directory:
 *
 * <pre>
 * hypotheses.txt   one translation per line, in corpus order
 * report.json      {@link EvaluationReport}: BLEU (score, counts, totals, precisions, BP, lengths,
 *                  signature), chrF, sentences, time, sentences per second
 * sentences.tsv    source, reference, hypothesis, sentence BLEU; worst sentences first
 * </pre>
 *
 * The translator is any function from a batch of source sentences to their translations, so this
 * needs no model code.
 */
public final class EvaluationRun {
    private static final Logger log = LoggerFactory.getLogger(EvaluationRun.class);
    public static final String HYPOTHESES = "hypotheses.txt";
    public static final String REPORT = "report.json";
    public static final String SENTENCES = "sentences.tsv";

    private final Function<List<String>, List<String>> translator;
    private final Bleu bleu;
    private final int batchSize;
    private java.util.function.Supplier<TranslationProgress> progress = TranslationProgress::logged;
    private boolean groupBySource;

    /**
     * @param translator source sentences to translations, as many and in the same order
     * @param bleu       the BLEU settings (sacreBLEU's defaults: {@link Bleu#corpusDefaults()})
     * @param batchSize  sentences handed to the translator at once
     */
    public EvaluationRun(Function<List<String>, List<String>> translator, Bleu bleu, int batchSize) {
        this.translator = Objects.requireNonNull(translator, "translator");
        this.bleu = Objects.requireNonNull(bleu, "bleu");
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** What shows the translation's progress (a new one per run); log lines by default. */
    public EvaluationRun progress(java.util.function.Supplier<TranslationProgress> progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Whether pairs that share a source are one test sentence whose references are all their
     * targets (a multi-reference test set stored one pair per row, such as Tatoeba's); sentences
     * keep the order of their first row, and one with fewer references than others has missing
     * ones ({@code nrefs:var}). Off by default; needs the corpus's own target column.
     */
    public EvaluationRun groupBySource(boolean v) {
        groupBySource = v;
        return this;
    }

    /**
     * Runs the evaluation.
     *
     * @param corpus           the test corpus
     * @param format           its layout; its source column is translated
     * @param referenceColumns the reference columns (one or more); the format's target column if empty
     * @param output           directory for the three files, created if needed
     */
    public EvaluationReport run(Path corpus, CorpusFormat format, List<Column> referenceColumns, Path output)
            throws IOException {
        List<Column> columns = referenceColumns.isEmpty() ? List.of(format.targetColumn()) : referenceColumns;
        if (groupBySource && !referenceColumns.isEmpty()) {
            throw new IllegalArgumentException("references come either from reference columns or from pairs grouped "
                    + "by source, not both");
        }
        List<String> sources = new ArrayList<>();
        List<List<String>> references = new ArrayList<>();
        if (groupBySource) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (SentencePair pair : CorpusReader.readAll(corpus, format)) {
                groups.computeIfAbsent(pair.source(), s -> new ArrayList<>()).add(pair.target());
            }
            int most = groups.values().stream().mapToInt(List::size).max().orElse(0);
            for (int k = 0; k < most; k++) {
                references.add(new ArrayList<>());
            }
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                sources.add(g.getKey());
                for (int k = 0; k < most; k++) {
                    // null: no k-th reference (an empty string would be a reference of no words)
                    references.get(k).add(k < g.getValue().size() ? g.getValue().get(k) : null);
                }
            }
            columns = List.of();
        }
        for (Column column : columns) {
            List<String> stream = new ArrayList<>();
            for (SentencePair pair : CorpusReader.readAll(corpus, format.toBuilder().targetColumn(column).build())) {
                stream.add(pair.target());
                if (references.isEmpty()) {
                    sources.add(pair.source());
                }
            }
            references.add(stream);
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(corpus + ": the corpus is empty, nothing to evaluate");
        }

        long start = System.nanoTime();
        List<String> hypotheses = new ArrayList<>(sources.size());
        try (TranslationProgress shown = progress.get()) {
            for (int from = 0; from < sources.size(); from += batchSize) {
                List<String> batch = sources.subList(from, Math.min(from + batchSize, sources.size()));
                List<String> translated = translator.apply(batch);
                if (translated.size() != batch.size()) {
                    throw new IllegalStateException("the translator returned " + translated.size()
                            + " translations for " + batch.size() + " sentences");
                }
                hypotheses.addAll(translated);
                shown.translated(hypotheses.size(), sources.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        BleuScore corpusBleu = bleu.corpusScore(hypotheses, references);
        ChrF.Score chrf = ChrF.corpusScore(hypotheses, references);
        EvaluationReport report = new EvaluationReport(corpus.toString(), sources.size(), references.size(),
                corpusBleu, chrf, seconds, sources.size() / seconds);

        Files.createDirectories(output);
        Files.write(output.resolve(HYPOTHESES), hypotheses, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve(REPORT).toFile(),
                report);
        writeSentences(output.resolve(SENTENCES), sources, references, hypotheses);
        log.debug("{} (chrF2 = {}) on {} sentences; wrote {}, {} and {} in {}", corpusBleu.format(),
                PythonFloat.fixed(chrf.score(), 2), sources.size(), HYPOTHESES, REPORT, SENTENCES, output);
        return report;
    }

    private void writeSentences(Path file, List<String> sources, List<List<String>> references,
                                List<String> hypotheses) throws IOException {
        Bleu sentenceBleu = new Bleu(bleu.tokenizer(), bleu.lowercase(), bleu.smoothing(), true);
        record Row(String source, String reference, String hypothesis, double bleu) {
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            List<String> refs = new ArrayList<>();
            for (List<String> stream : references) {
                if (stream.get(i) != null) {
                    refs.add(stream.get(i));              // grouped sentences may have fewer references
                }
            }
            rows.add(new Row(sources.get(i), refs.get(0), hypotheses.get(i),
                    sentenceBleu.sentenceScore(hypotheses.get(i), refs).score()));
        }
        rows.sort(Comparator.comparingDouble(Row::bleu));
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter tsv = new CSVPrinter(writer, CSVFormat.TDF.builder()
                     .setHeader("source", "reference", "hypothesis", "sentence_bleu").build())) {
            for (Row row : rows) {
                tsv.printRecord(row.source(), row.reference(), row.hypothesis(), PythonFloat.fixed(row.bleu(), 2));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
