package org.seq2seq.corpora.vocab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seq2seq.corpora.TemporaryFiles;
import org.seq2seq.corpora.text.Whitespace;

/**
 * An immutable two-way mapping between tokens and ids. Ids 0 to 3 are the
 * {@link SpecialToken}s (PAD 0, UNK 1, START 2, END 3); the corpus tokens follow, most frequent
 * first. Tokens not in the vocabulary map to UNK. Thread-safe.
 *
 * <p>The file form ({@link #save}, {@link #load}) is UTF-8 text, one token per line, the line
 * number from 0 being the id, the special tokens on the first four lines.
 */
public final class Vocabulary {
    /** For {@code maxSize}: no limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final int SPECIALS = SpecialToken.values().length;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
    }

    /**
     * The special tokens, then the tokens counted at least {@code minFrequency} times, most
     * frequent first (ties in {@link String#compareTo} order), up to {@code maxSize} entries in all.
     *
     * @param minFrequency at least 1
     * @param maxSize      entries including the four special tokens, at least 5, or {@link #UNLIMITED}
     */
    public static Vocabulary of(TokenCounts counts, int minFrequency, int maxSize) {
        Objects.requireNonNull(counts, "counts");
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minimum frequency must be at least 1, got " + minFrequency);
        }
        if (maxSize <= SPECIALS) {
            throw new IllegalArgumentException("maximum vocabulary size counts the " + SPECIALS
                    + " special tokens and must be at least " + (SPECIALS + 1) + ", got " + maxSize);
        }
        List<String> tokens = specials();
        for (String token : counts.byFrequency(minFrequency)) {
            if (tokens.size() >= maxSize) {
                break;
            }
            if (SpecialToken.ofText(token) == null) {
                tokens.add(token);
            }
        }
        return new Vocabulary(tokens);
    }

    /**
     * This vocabulary with the tokens of {@code counts} it lacks, seen at least
     * {@code minFrequency} times, after its own (most frequent first): every id keeps its token.
     */
    public Vocabulary extendedWith(TokenCounts counts, int minFrequency) {
        Objects.requireNonNull(counts, "counts");
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minimum frequency must be at least 1, got " + minFrequency);
        }
        List<String> all = new java.util.ArrayList<>(tokens());
        for (String token : counts.byFrequency(minFrequency)) {
            if (!contains(token) && SpecialToken.ofText(token) == null) {
                all.add(token);
            }
        }
        return all.size() == size() ? this : new Vocabulary(all);
    }

    /**
     * The special tokens followed by {@code tokens} in the given order.
     *
     * @throws IllegalArgumentException for a duplicate, a special token, or a token that is
     *         empty or holds a space
     */
    public static Vocabulary ofTokens(List<String> tokens) {
        List<String> all = specials();
        all.addAll(tokens);
        String problem = check(all);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Vocabulary(all);
    }

    /** Number of entries, special tokens included. */
    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link SpecialToken#UNK}'s id when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? SpecialToken.UNK.id() : id;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token with this id. */
    public String token(int id) {
        Objects.checkIndex(id, tokens.size());
        return tokens.get(id);
    }

    /** All entries in id order, special tokens first. */
    public List<String> tokens() {
        return tokens;
    }

    /** The ids of tokens, unknown ones as UNK; no START or END is added. */
    public int[] encode(List<String> sentence) {
        int[] out = new int[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    /**
     * The tokens of ids up to the first END, leaving out PAD and START; UNK stays as
     * {@code <unk>}.
     */
    public List<String> decode(int[] sentence) {
        List<String> out = new ArrayList<>(sentence.length);
        for (int id : sentence) {
            if (id == SpecialToken.END.id()) {
                break;
            }
            if (id != SpecialToken.PAD.id() && id != SpecialToken.START.id()) {
                out.add(token(id));
            }
        }
        return out;
    }

    /** Writes the vocabulary file; a temporary file renamed into place, so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            text.append(token).append('\n');
        }
        TemporaryFiles.writeUtf8(file, text);
    }

    /**
     * Reads a vocabulary file written by {@link #save}.
     *
     * @throws IOException naming the file and line when it is missing, not UTF-8, lacks the
     *         special tokens on its first four lines, or has an empty, spaced or repeated token
     */
    public static Vocabulary load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such vocabulary file");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> tokens = new ArrayList<>();
        int start = startsWithByteOrderMark(bytes) ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] != '\n' && i + 1 < bytes.length) {
                continue;
            }
            int end = bytes[i] == '\n' ? i : i + 1;
            if (end > start && bytes[end - 1] == '\r') {
                end--;
            }
            try {
                tokens.add(utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
            } catch (CharacterCodingException e) {
                throw new IOException(file + ": line " + (tokens.size() + 1) + ": not valid UTF-8", e);
            }
            start = i + 1;
        }
        String problem = check(tokens);
        if (problem != null) {
            throw new IOException(file + ": " + problem);
        }
        return new Vocabulary(tokens);
    }

    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    /** What is wrong with a token list for a vocabulary (special tokens first), or null. */
    private static String check(List<String> tokens) {
        SpecialToken[] specials = SpecialToken.values();
        for (SpecialToken s : specials) {
            if (tokens.size() <= s.id() || !tokens.get(s.id()).equals(s.text())) {
                return "line " + (s.id() + 1) + ": expected the special token " + s.text()
                        + (tokens.size() <= s.id() ? ", found the end of the file" : ", found '" + tokens.get(s.id()) + "'")
                        + " (the first lines are " + String.join(" ", specials().toArray(String[]::new)) + ")";
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.isEmpty()) {
                return "line " + (i + 1) + ": empty token";
            }
            if (Whitespace.containsSeparator(token)) {
                return "line " + (i + 1) + ": token '" + token + "' holds a space or control character";
            }
            Integer before = seen.putIfAbsent(token, i);
            if (before != null) {
                return "line " + (i + 1) + ": token '" + token + "' already on line " + (before + 1);
            }
        }
        return null;
    }

    private static List<String> specials() {
        List<String> list = new ArrayList<>();
        for (SpecialToken s : SpecialToken.values()) {
            list.add(s.text());
        }
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + tokens.size() + "]";
    }
}
