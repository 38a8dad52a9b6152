package org.seq2seq.core.translate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.seq2seq.corpora.text.Tokenizer;

/**
 * A term list: source terms and the target terms they must be translated as. A {@link Translator}
 * with one ({@link TranslatorOptions#withTerminology}) gives a sentence the target term of every
 * source term it contains as a constraint ({@link Translator#translate(List, List)}).
 *
 * <p>A term file is UTF-8 text, one {@code SOURCE<TAB>TARGET} pair per line; empty lines and lines
 * starting with {@code #} are skipped, and quotes are ordinary characters. A source term appears
 * in a sentence when its words (as the model's tokenizer splits them, before subwords) are words
 * of the sentence in a row, compared without case.
 */
public final class Terminology {
    /** Tab-separated, no quoting, {@code #} comments: terms may hold any other character. */
    private static final CSVFormat FORMAT = CSVFormat.TDF.builder().setQuote(null).setCommentMarker('#')
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).build();

    /** One entry: a source term and its translation. */
    public record Term(String source, String target) {
        public Term {
            if (Objects.requireNonNull(source, "source").isBlank() || Objects.requireNonNull(target, "target").isBlank()) {
                throw new IllegalArgumentException("a term needs a source and a target, got '" + source + "' and '"
                        + target + "'");
            }
        }
    }

    private final List<Term> terms;

    private Terminology(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static Terminology of(List<Term> terms) {
        return new Terminology(terms);
    }

    /**
     * Reads a term file.
     *
     * @throws IllegalArgumentException naming the file and line of a line without two fields,
     *                                  with an empty one, or not UTF-8; or a file that is missing or
     *                                  holds no term
     */
    public static Terminology read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": " + (Files.isDirectory(file) ? "is a directory, not a term file"
                    : "no such term file"));
        }
        List<Term> terms = new ArrayList<>();
        try (Reader in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            for (CSVRecord record : FORMAT.parse(in)) {
                String where = file + " line " + record.getParser().getCurrentLineNumber();
                if (record.size() != 2) {
                    throw new IllegalArgumentException(where + ": a term line is SOURCE<TAB>TARGET, this one has "
                            + record.size() + " field" + (record.size() == 1 ? "" : "s"));
                }
                if (record.get(0).isEmpty() || record.get(1).isEmpty()) {
                    throw new IllegalArgumentException(where + ": the " + (record.get(0).isEmpty() ? "source" : "target")
                            + " term is empty");
                }
                terms.add(new Term(record.get(0), record.get(1)));
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (" + e.getMessage() + ")");
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IllegalArgumentException(file + ": not UTF-8 text");
            }
            throw e;
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no term (lines of SOURCE<TAB>TARGET)");
        }
        return new Terminology(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    /** Finds terms in sentences split by {@code words}: the model's source tokenizer of whole words. */
    public Matcher matcher(Tokenizer words) {
        return new Matcher(this, words);
    }

    /**
     * The target terms of the source terms a sentence contains. Terms are indexed by their first
     * word, so a sentence costs its words' lookups and the few terms starting with them, not a
     * scan of the whole list (term lists run to tens of thousands of entries).
     */
    public static final class Matcher {
        private final Tokenizer words;
        private final List<Term> terms;
        /** Each term's source words, lowercased. */
        private final List<List<String>> sources = new ArrayList<>();
        /** The indexes of the terms whose source starts with a word, lowercased. */
        private final java.util.Map<String, List<Integer>> byFirstWord = new java.util.HashMap<>();

        private Matcher(Terminology terminology, Tokenizer words) {
            this.words = Objects.requireNonNull(words, "words");
            this.terms = terminology.terms;
            for (int i = 0; i < terms.size(); i++) {
                List<String> source = lower(words.tokenize(terms.get(i).source()));
                sources.add(source);
                if (!source.isEmpty()) {
                    byFirstWord.computeIfAbsent(source.get(0), w -> new ArrayList<>()).add(i);
                }
            }
        }

        /** The target terms of every source term in {@code sentence}, each once, in the term list's order. */
        public List<String> targets(String sentence) {
            List<String> sentenceWords = lower(words.tokenize(sentence));
            java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
            for (int at = 0; at < sentenceWords.size(); at++) {
                for (int i : byFirstWord.getOrDefault(sentenceWords.get(at), List.of())) {
                    List<String> source = sources.get(i);
                    if (at + source.size() <= sentenceWords.size()
                            && sentenceWords.subList(at, at + source.size()).equals(source)) {
                        found.add(i);
                    }
                }
            }
            Set<String> out = new LinkedHashSet<>();
            for (int i : found) {
                out.add(terms.get(i).target());
            }
            return List.copyOf(out);
        }

        private static List<String> lower(List<String> tokens) {
            return tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        }
    }
}
