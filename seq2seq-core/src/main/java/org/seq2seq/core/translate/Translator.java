package org.seq2seq.core.translate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.model.ModelDirectory;
import org.seq2seq.core.model.RunDirectory;
import org.seq2seq.core.model.Seq2SeqModel;
import org.seq2seq.core.runtime.NativeRuntime;
import org.seq2seq.corpora.text.Tokenizer;
import org.seq2seq.corpora.vocab.SpecialToken;
import org.seq2seq.decoder.DecoderStack;
import org.seq2seq.decoder.search.ConstrainedBeamSearch;
import org.seq2seq.decoder.search.Constraints;
import org.seq2seq.decoder.search.EnsembleScorer;
import org.seq2seq.decoder.search.Hypothesis;
import org.seq2seq.decoder.search.Search;
import org.seq2seq.decoder.search.SearchOptions;
import org.seq2seq.decoder.search.StepScorer;
import org.seq2seq.nn.runtime.RangeExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates sentences with a trained model:
 *
 * <pre>{@code
 * try (Translator translator = Translator.load(Path.of("runs/multi30k"))) {
 *     String english = translator.translate("Ein Hund läuft.");
 * }
 * }</pre>
 *
 * Source words the model does not know become UNK; empty (or blank) input gives empty output;
 * sources over {@link TranslatorOptions#maxSourceTokens()} tokens are cut to it with a warning.
 * Safe to use from several threads at once.
 */
public final class Translator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Translator.class);

    private final Seq2SeqModel model;
    private final TranslatorOptions options;
    private final Tokenizer sourceTokenizer;
    private final Tokenizer targetTokenizer;
    private final ContextEncoder encoder;
    private final DecoderStack decoder;
    /** Whether a target token is a subword continued by the next ({@code dog@@}): no constraint starts after one. */
    private final java.util.function.IntPredicate joinsNext;
    /** Finds the term list's source terms in sentences; null without a term list. */
    private final Terminology.Matcher terms;
    /** With an ensemble, every model's encoder and decoder, the first model's first; else empty. */
    private final List<ContextEncoder> ensembleEncoders = new ArrayList<>();
    private final List<DecoderStack> ensembleDecoders = new ArrayList<>();
    private volatile boolean closed;
    /** The workers' executors not searching now ({@link TranslatorOptions#compute()}). */
    private final ConcurrentLinkedDeque<RangeExecutor> idle = new ConcurrentLinkedDeque<>();

    public Translator(Seq2SeqModel model, TranslatorOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        if (model.targetTokenizer().subwords() != null && options.search().writeUnknown()) {
            // subwords spell every word: a translation need not say "unknown"
            options = new TranslatorOptions(options.search().toBuilder().writeUnknown(false).build(),
                    options.maxSourceTokens(), options.batchSize(), options.compute(), options.shortlist(),
                    options.terminology());
        }
        requireAttentionForCoverage(model, options, "the model");
        if (options.terminology() != null) {
            new ConstrainedBeamSearch(options.search());            // says what a term list cannot search with
        }
        this.options = options;
        this.sourceTokenizer = model.sourceTokenizer().create();
        this.targetTokenizer = model.targetTokenizer().create();
        this.encoder = new ContextEncoder(model);
        this.decoder = decoderOf(model);
        this.joinsNext = joiners(model);
        this.terms = options.terminology() == null ? null
                : options.terminology().matcher(model.sourceTokenizer().wholeWords().withReversed(false).create());
        if (options.terminology() != null) {
            for (Terminology.Term term : options.terminology().terms()) {
                try {
                    constraintTokens(term.target());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the term list's '" + term.source() + "' -> '" + term.target()
                            + "': " + e.getMessage(), e);
                }
            }
        }
        for (int w = 0; w < options.compute().workers(); w++) {
            idle.add(options.compute().newExecutor("seq2seq-translator-" + (w + 1)));
        }
    }

    /**
     * An ensemble: every step's next-token log-probabilities are the mean of the models'
     * ({@link EnsembleScorer}), in greedy and beam search alike. The models must share
     * vocabularies and tokenizers (their sizes may differ); the first one's tokenizers and
     * vocabularies are used, and {@link #attention} shows the first one's attention.
     *
     * @throws IllegalArgumentException naming the model (by its position) whose vocabularies or
     *                                  tokenizers differ from the first one's
     */
    public Translator(List<Seq2SeqModel> models, TranslatorOptions options) {
        this(models.get(0), options);
        for (int m = 1; m < models.size(); m++) {
            Seq2SeqModel other = models.get(m);
            if (!model.sameTokens(other)) {
                throw new IllegalArgumentException("model " + (m + 1) + " of the ensemble has other vocabularies or "
                        + "tokenizers than model 1: an ensemble's models must read and write the same tokens");
            }
            requireAttentionForCoverage(other, options, "model " + (m + 1) + " of the ensemble");
        }
        if (models.size() > 1) {
            for (Seq2SeqModel m : models) {
                ensembleEncoders.add(m == model ? encoder : new ContextEncoder(m));
                ensembleDecoders.add(m == model ? decoder : decoderOf(m));
            }
        }
    }

    /** Which target tokens join the next into one word: those of subwords that end with the separator. */
    private static java.util.function.IntPredicate joiners(Seq2SeqModel model) {
        if (model.targetTokenizer().subwords() == null) {
            return token -> false;
        }
        List<String> tokens = model.targetVocabulary().tokens();
        boolean[] joins = new boolean[tokens.size()];
        for (int id = 0; id < joins.length; id++) {
            joins[id] = tokens.get(id).endsWith(org.seq2seq.corpora.bpe.Subwords.SEPARATOR);
        }
        return token -> token >= 0 && token < joins.length && joins[token];
    }

    /** The model's decoder one step at a time, over its parameters. */
    private static DecoderStack decoderOf(Seq2SeqModel model) {
        return DecoderStack.of(model.graph(), model.config().decoder());
    }

    private static void requireAttentionForCoverage(Seq2SeqModel model, TranslatorOptions options, String which) {
        if (options.search().coveragePenalty() > 0 && !model.config().attention().isOn()) {
            throw new IllegalArgumentException("the coverage penalty needs a model with attention; " + which
                    + " has none");
        }
    }

    /** Loads an ensemble of saved models (or training runs' best checkpoints): {@link #Translator(List, TranslatorOptions)}. */
    public static Translator loadEnsemble(List<Path> paths, TranslatorOptions options) throws IOException {
        NativeRuntime.configure();
        List<Seq2SeqModel> models = new ArrayList<>();
        for (Path path : paths) {
            models.add(ModelDirectory.load(resolve(path), false).model());
        }
        try {
            return new Translator(models, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + String.join(", ",
                    paths.stream().map(Path::toString).toList()) + ")", e);
        }
    }

    /** How many models translate together (1 for a single model). */
    public int ensembleSize() {
        return Math.max(1, ensembleDecoders.size());
    }

    /**
     * Loads a saved model, or the best checkpoint of a training run's output directory, with the
     * default options ({@link TranslatorOptions#defaults()}).
     */
    public static Translator load(Path path) throws IOException {
        return load(path, TranslatorOptions.defaults());
    }

    /** Loads a saved model, or the best checkpoint of a training run's output directory. */
    public static Translator load(Path path, TranslatorOptions options) throws IOException {
        NativeRuntime.configure();                  // before the model's arrays are made
        return new Translator(ModelDirectory.load(resolve(path), false).model(), options);
    }

    /** The sizes and options of the model it translates with. */
    public ModelConfig modelConfig() {
        return model.config();
    }

    /** How many numbers the model has learned. */
    public long parameterCount() {
        return model.graph().numParams();
    }

    /** Whether the model reads and writes subwords (byte-pair encoding) rather than whole words. */
    public boolean subwords() {
        return model.sourceTokenizer().subwords() != null || model.targetTokenizer().subwords() != null;
    }

    /** A model directory as it is; a training run's directory as its best (else latest) checkpoint. */
    public static Path resolve(Path path) throws IOException {
        return RunDirectory.modelOf(path);
    }

    public TranslatorOptions options() {
        return options;
    }

    /** The best translation of one sentence. */
    public String translate(String sentence) {
        return translate(List.of(sentence)).get(0);
    }

    /** The best translations of several sentences, in their order, searched in batches. */
    public List<String> translate(List<String> sentences) {
        List<String> out = new ArrayList<>(sentences.size());
        for (List<Translation> best : search(sentences, options.search())) {
            out.add(best.isEmpty() ? "" : best.get(0).text());
        }
        return out;
    }

    /**
     * The best translations of several sentences, each containing the target phrases given for it
     * (lexically constrained beam search, {@link ConstrainedBeamSearch}), in their order. A phrase
     * is tokenized as the model tokenizes targets (split into subwords by its codes) and appears
     * as those tokens in a row; the term list's phrases ({@link TranslatorOptions#terminology()})
     * are added to each sentence's.
     *
     * @param constraints for each sentence its phrases (an empty list for none); as many lists as
     *                    sentences
     * @throws UnsatisfiableConstraintException naming the sentence and phrase that cannot be met: a
     *                                          token outside the model's target vocabulary, or
     *                                          phrases longer than the sentence's translation may be
     * @throws IllegalArgumentException         for a beam of 1
     */
    public List<String> translate(List<String> sentences, List<List<String>> constraints) {
        Objects.requireNonNull(constraints, "constraints");
        List<String> out = new ArrayList<>(sentences.size());
        for (List<Translation> best : search(sentences, constraints, options.search())) {
            out.add(best.isEmpty() ? "" : best.get(0).text());
        }
        return out;
    }

    /**
     * {@link #translateNBest(List, SearchOptions)} with each sentence's target phrases, as
     * {@link #translate(List, List)} takes them.
     */
    public List<List<Translation>> translateNBest(List<String> sentences, List<List<String>> constraints,
                                                  SearchOptions search) {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(constraints, "constraints");
        if (model.targetTokenizer().subwords() != null && search.writeUnknown()) {
            search = search.toBuilder().writeUnknown(false).build();
        }
        return search(sentences, constraints, search);
    }

    /**
     * The target token ids of a constraint phrase, as a constrained search looks for them.
     *
     * @throws IllegalArgumentException naming the phrase when it has no tokens or one the model's
     *                                  target vocabulary lacks (the model could never write it)
     */
    public int[] constraintTokens(String phrase) {
        List<String> tokens = targetTokenizer.tokenize(Objects.requireNonNull(phrase, "phrase"));
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the constraint '" + phrase + "' has no tokens");
        }
        int[] ids = model.targetVocabulary().encode(tokens);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == SpecialToken.UNK.id()) {
                throw new IllegalArgumentException("the constraint '" + phrase + "' holds '" + tokens.get(i)
                        + "', which is not in the model's target vocabulary, so no translation can contain it");
            }
        }
        return ids;
    }

    /** The best translations of several sentences with their scores, in their order. */
    public List<Translation> translateWithScores(List<String> sentences) {
        List<Translation> out = new ArrayList<>(sentences.size());
        for (List<Translation> best : search(sentences, options.search())) {
            out.add(best.isEmpty() ? new Translation("", List.of(), 0, 0, true) : best.get(0));
        }
        return out;
    }

    /**
     * The {@code k} best translations of a sentence, best first, from a beam of at least
     * {@code k}. Fewer when the search finished fewer.
     */
    public List<Translation> translateNBest(String sentence, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return search(List.of(sentence), options.search().withNBest(k)).get(0);
    }

    /**
     * The n best translations of each sentence, searched in batches with {@code search} instead of
     * this translator's own search options (a server answers requests that ask for another beam or
     * length), in the sentences' order; an empty list for empty input. Models of subwords never
     * write UNK, as with the translator's own options.
     */
    public List<List<Translation>> translateNBest(List<String> sentences, SearchOptions search) {
        Objects.requireNonNull(search, "search");
        if (model.targetTokenizer().subwords() != null && search.writeUnknown()) {
            search = search.toBuilder().writeUnknown(false).build();
        }
        return search(sentences, search);
    }

    /**
     * The best translation of a sentence and what the decoder attended to while writing it: the
     * translation is searched as by {@link #translate(String)}, then decoded again token by token
     * to read each step's attention weights.
     *
     * @throws IllegalStateException if the model was trained without attention
     */
    public AttentionMap attention(String sentence) {
        requireAttention();
        List<Translation> best = search(List.of(Objects.requireNonNull(sentence, "sentence")), options.search()).get(0);
        return attention(sentence, best.isEmpty() ? new Translation("", List.of(), 0, 0, true) : best.get(0));
    }

    /**
     * What the decoder attended to while writing {@code translation} of {@code sentence} (one this
     * translator found, for example by {@link #translateNBest}): its tokens are fed back one by one
     * and each step's attention weights read.
     *
     * @throws IllegalStateException if the model was trained without attention
     */
    public AttentionMap attention(String sentence, Translation translation) {
        requireAttention();
        int[] ids = encodeSource(Objects.requireNonNull(sentence, "sentence"));
        List<String> source = sourceTokenizer.tokenize(sentence);
        source = source.subList(0, Math.min(source.size(), ids.length));
        if (ids.length == 0) {
            return new AttentionMap("", List.of(), List.of(), new double[0][]);
        }
        List<Integer> written = new ArrayList<>();
        for (int id : model.targetVocabulary().encode(translation.tokens())) {
            written.add(id);
        }
        if (translation.finished()) {
            written.add(SpecialToken.END.id());
        }
        DecoderStack.States states = encode(new int[][] {ids});
        double[][] weights = new double[written.size()][];
        int previous = SpecialToken.START.id();
        for (int t = 0; t < written.size(); t++) {
            StepScorer.Step<DecoderStack.States> step = decoder.step(new int[] {previous}, states);
            states = step.states();
            weights[t] = states.weights().getRow(0).toDoubleVector();
            previous = written.get(t);
        }
        List<String> target = new ArrayList<>(translation.tokens());
        if (translation.finished()) {
            target.add(SpecialToken.END.text());
        }
        return new AttentionMap(translation.text(), source, target, weights);
    }

    private void requireAttention() {
        if (!model.config().attention().isOn()) {
            throw new IllegalStateException("this model has no attention to show (it was trained without "
                    + "--attention)");
        }
        if (closed) {
            throw new IllegalStateException("the translator is closed");
        }
    }

    /**
     * {@code work} on an idle worker's executor bound to this thread, or on this thread alone when
     * every worker is busy.
     */
    private <T> T onWorker(Supplier<T> work) {
        RangeExecutor executor = idle.pollFirst();
        try (RangeExecutor.Binding bound = (executor != null ? executor : RangeExecutor.serial()).bind()) {
            return work.get();
        } finally {
            if (executor != null) {
                idle.addFirst(executor);
                if (closed) {                               // closed while it searched
                    executor.close();
                }
            }
        }
    }

    /** Each sentence's n best; an empty list for empty input. */
    private List<List<Translation>> search(List<String> sentences, SearchOptions searchOptions) {
        return search(sentences, null, searchOptions);
    }

    /** @param phrases each sentence's constraint phrases, or null for none but the term list's */
    private List<List<Translation>> search(List<String> sentences, List<List<String>> phrases,
                                           SearchOptions searchOptions) {
        if (closed) {
            throw new IllegalStateException("the translator is closed");
        }
        if (phrases != null && phrases.size() != sentences.size()) {
            throw new IllegalArgumentException(phrases.size() + " lists of constraints for " + sentences.size()
                    + " sentences");
        }
        return onWorker(() -> searchOnThisThread(sentences, phrases, searchOptions));
    }

    private List<List<Translation>> searchOnThisThread(List<String> sentences, List<List<String>> phrases,
                                                       SearchOptions searchOptions) {
        int[][] ids = new int[sentences.size()][];
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encodeSource(Objects.requireNonNull(sentences.get(i), "sentence " + i));
            order[i] = i;
        }
        // every sentence's constraints checked before any is searched
        Constraints[] constraints = constraints(sentences, phrases, ids, searchOptions);
        // Sentences of similar length together: less padding in the encoder.
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        List<List<Translation>> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < ids.length; i++) {
            out.add(List.of());
        }
        Search search = constraints == null ? Search.of(searchOptions) : null;
        ConstrainedBeamSearch constrained = constraints == null ? null : new ConstrainedBeamSearch(searchOptions);
        List<Integer> batch = new ArrayList<>();
        for (int next = 0; next <= order.length; next++) {
            boolean flush = next == order.length || batch.size() == options.batchSize();
            if (flush && !batch.isEmpty()) {
                List<Constraints> batchConstraints = new ArrayList<>();
                for (int index : batch) {
                    batchConstraints.add(constraints == null ? Constraints.none() : constraints[index]);
                }
                List<List<Hypothesis>> found = searchBatch(constrained == null ? search
                        : constrained.forSentences(batchConstraints), batch, ids, batchConstraints);
                for (int j = 0; j < batch.size(); j++) {
                    out.set(batch.get(j), found.get(j).stream().map(this::translation).toList());
                }
                batch.clear();
            }
            if (next < order.length && ids[order[next]].length > 0) {
                batch.add(order[next]);
            }
        }
        return out;
    }

    /**
     * Each sentence's constraints: its phrases and its term list's, checked; null when no sentence
     * has any.
     *
     * @throws IllegalArgumentException naming the sentence (from 1) and the phrase that cannot be met
     */
    private Constraints[] constraints(List<String> sentences, List<List<String>> phrases, int[][] ids,
                                      SearchOptions searchOptions) {
        if (phrases == null && terms == null) {
            return null;
        }
        Constraints[] out = new Constraints[sentences.size()];
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            List<String> given = phrases == null ? List.of()
                    : Objects.requireNonNull(phrases.get(i), "constraints of sentence " + (i + 1));
            out[i] = constraints(i, sentences.get(i), ids[i].length, given, searchOptions);
            any |= !out[i].isEmpty();
        }
        return any ? out : null;
    }

    /**
     * One sentence's constraints: its phrases and its term list's.
     *
     * @param index        the sentence's index in the call, for the error
     * @param sourceTokens the sentence's tokens (0: empty input, which is translated as empty)
     * @throws UnsatisfiableConstraintException naming the sentence and the phrase that cannot be met
     */
    private Constraints constraints(int index, String sentence, int sourceTokens, List<String> phrases,
                                    SearchOptions searchOptions) {
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(phrases);
        if (terms != null) {
            wanted.addAll(terms.targets(sentence));
        }
        if (wanted.isEmpty() || sourceTokens == 0) {
            return Constraints.none();
        }
        List<int[]> tokens = new ArrayList<>();
        for (String phrase : wanted) {
            try {
                tokens.add(constraintTokens(phrase));
            } catch (IllegalArgumentException e) {
                throw new UnsatisfiableConstraintException(index, e.getMessage());
            }
        }
        Constraints out = Constraints.of(joinsNext, tokens.toArray(int[][]::new));
        int most = searchOptions.maxLength(sourceTokens) - 1;
        if (out.tokens() > most) {
            throw new UnsatisfiableConstraintException(index, String.format("the constraints ('%s') have %d tokens, "
                    + "and this sentence's translation may have at most %d", String.join("', '", wanted),
                    out.tokens(), most));
        }
        return out;
    }

    /**
     * Checks that {@code sentence}'s translation with {@code search} can contain {@code phrases}
     * and its term list's phrases, as {@link #translate(List, List)} would, without translating
     * (a server checks each request before it joins a batch).
     *
     * @throws UnsatisfiableConstraintException (of sentence index 0) naming the phrase that cannot be met
     */
    public void requireSatisfiable(String sentence, List<String> phrases, SearchOptions search) {
        constraints(0, sentence, encodeSource(Objects.requireNonNull(sentence, "sentence")).length,
                Objects.requireNonNull(phrases, "phrases"), search);
    }

    /** @param constraints the batch's sentences' constraints, in its order */
    private List<List<Hypothesis>> searchBatch(Search search, List<Integer> batch, int[][] ids,
                                               List<Constraints> constraints) {
        int[][] sentences = new int[batch.size()][];
        int[] lengths = new int[batch.size()];
        for (int b = 0; b < sentences.length; b++) {
            sentences[b] = ids[batch.get(b)];
            lengths[b] = sentences[b].length;
        }
        if (!ensembleDecoders.isEmpty()) {
            List<DecoderStack.States> initial = new ArrayList<>();
            for (int m = 0; m < ensembleDecoders.size(); m++) {
                initial.add(encode(sentences, constraints, ensembleEncoders.get(m), ensembleDecoders.get(m)));
            }
            return search.search(new EnsembleScorer<>(ensembleDecoders), initial, lengths);
        }
        return search.search(decoder, encode(sentences, constraints, encoder, decoder), lengths);
    }

    /** The decoder states before the first step for non-empty sentences of source ids. */
    private DecoderStack.States encode(int[][] sentences) {
        return encode(sentences, null, encoder, decoder);
    }

    /** Whether searches score each sentence's shortlist rather than the whole target vocabulary. */
    public boolean shortlisted() {
        return options.shortlist() && model.shortlist() != null;
    }

    /**
     * Each sentence's target ids to score {@code [B][K_b]}, ascending: its shortlist and its
     * constraints' tokens; null for the whole vocabulary.
     *
     * @param constraints each sentence's constraints, or null
     */
    private int[][] candidates(int[][] sentences, List<Constraints> constraints) {
        if (!shortlisted()) {
            return null;
        }
        int[][] out = new int[sentences.length][];
        for (int b = 0; b < sentences.length; b++) {
            out[b] = model.shortlist().candidates(sentences[b]);
            Constraints c = constraints == null ? Constraints.none() : constraints.get(b);
            if (!c.isEmpty()) {
                java.util.stream.IntStream.Builder all = java.util.stream.IntStream.builder();
                java.util.Arrays.stream(out[b]).forEach(all::add);
                for (int p = 0; p < c.size(); p++) {
                    java.util.Arrays.stream(c.phrase(p)).forEach(all::add);
                }
                out[b] = all.build().distinct().sorted().toArray();
            }
        }
        return out;
    }

    /** {@link #encode(int[][])} with one model of an ensemble, and each sentence's constraints (or null). */
    private DecoderStack.States encode(int[][] sentences, List<Constraints> constraints, ContextEncoder encoder,
                                       DecoderStack decoder) {
        int size = sentences.length;
        int longest = 0;
        for (int[] sentence : sentences) {
            longest = Math.max(longest, sentence.length);
        }
        float[] source = new float[size * longest];
        float[] mask = new float[size * longest];
        for (int b = 0; b < size; b++) {
            for (int s = 0; s < sentences[b].length; s++) {
                source[b * longest + s] = sentences[b][s];
                mask[b * longest + s] = 1;
            }
        }
        DataType type = model.graph().params().dataType();
        INDArray sourceMask = Nd4j.create(mask, new long[] {size, longest}, 'c').castTo(type);      // [B, S]
        ContextEncoder.Encoded encoded = encoder.encode(
                Nd4j.create(source, new long[] {size, 1, longest}, 'c').castTo(type), sourceMask);
        return decoder.initial(encoded.context(), encoded.memory(), sourceMask, candidates(sentences, constraints));
    }

    private int[] encodeSource(String sentence) {
        int[] ids = model.sourceVocabulary().encode(sourceTokenizer.tokenize(sentence));
        if (ids.length > options.maxSourceTokens()) {
            log.warn("a source sentence of {} tokens is cut to {}: {}", ids.length, options.maxSourceTokens(),
                    sentence.length() > 80 ? sentence.substring(0, 80) + "…" : sentence);
            return Arrays.copyOf(ids, options.maxSourceTokens());
        }
        return ids;
    }

    private Translation translation(Hypothesis h) {
        int[] ids = h.tokens().stream().mapToInt(Integer::intValue).toArray();
        List<String> tokens = model.targetVocabulary().decode(ids);
        return new Translation(targetTokenizer.detokenize(tokens), tokens, h.score(), h.logProbability(),
                h.finished());
    }

    /** Further calls fail; the model's arrays are left to the garbage collector. */
    @Override
    public void close() {
        closed = true;
        for (RangeExecutor executor : idle) {
            executor.close();
        }
    }
}
