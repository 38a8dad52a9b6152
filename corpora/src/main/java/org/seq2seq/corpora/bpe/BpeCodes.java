package org.seq2seq.corpora.bpe;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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

/**
 * Learned merge operations, in the order they were learned (which is the order they are applied
 * in), and the codes-file format subword-nmt reads and writes: a {@code #version: 0.2} line, then
 * one merge per line, {@code left right}, a word's final symbol marked with {@code </w>}. Files of
 * the older version 0.1 (no header; the mark is a symbol of its own) are read too. Immutable.
 */
public final class BpeCodes {
    /** The mark of a word's last symbol. */
    public static final String END_OF_WORD = "</w>";
    /** The header subword-nmt writes. */
    static final String VERSION_0_2 = "#version: 0.2";

    /** Where the end-of-word mark goes: on the last character (0.2) or after it (0.1). */
    public enum Version {
        V0_1, V0_2
    }

    private final Version version;
    private final List<Merge> merges;
    private final Map<Merge, Integer> ranks;

    /** Version 0.2 codes of these merges, first applied first. */
    public BpeCodes(List<Merge> merges) {
        this(Version.V0_2, merges);
    }

    public BpeCodes(Version version, List<Merge> merges) {
        this.version = Objects.requireNonNull(version, "version");
        this.merges = List.copyOf(merges);
        Map<Merge, Integer> r = new HashMap<>();
        for (int i = 0; i < this.merges.size(); i++) {
            r.putIfAbsent(this.merges.get(i), i);           // a merge listed twice counts where it first comes
        }
        this.ranks = Collections.unmodifiableMap(r);
    }

    public Version version() {
        return version;
    }

    /** The merges, first learned first. */
    public List<Merge> merges() {
        return merges;
    }

    public int size() {
        return merges.size();
    }

    /** Where {@code merge} comes in the list (lower is applied first), or -1 if it is not a code. */
    public int rank(Merge merge) {
        return ranks.getOrDefault(merge, -1);
    }

    /** The first {@code n} merges (all if there are fewer), as subword-nmt's {@code --merges}. */
    public BpeCodes first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of merges must be at least 0, got " + n);
        }
        return n >= merges.size() ? this : new BpeCodes(version, merges.subList(0, n));
    }

    /** The codes file's text, as subword-nmt writes and reads it: header and one merge per line. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (version == Version.V0_2) {
            sb.append(VERSION_0_2).append('\n');
        }
        for (Merge m : merges) {
            sb.append(m.left()).append(' ').append(m.right()).append('\n');
        }
        return sb.toString();
    }


    /**
     * Reads a codes file, such as subword-nmt's {@code learn_bpe} writes.
     *
     * @throws IOException naming the file (and line) when it is missing, not UTF-8, of another
     *                     version, or has a line that is not two symbols
     */
    public static BpeCodes load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such BPE codes file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not a BPE codes file: it is not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the text of a codes file as subword-nmt does: trailing line breaks ignored, each
     * line stripped of spaces and carriage returns, then exactly two symbols.
     *
     * @param source the file's name, for messages
     * @throws IOException naming {@code source} and the line that is wrong
     */
    public static BpeCodes parse(String text, String source) throws IOException {
        String[] lines = stripTrailingNewlines(text).split("\n", -1);
        Version version = Version.V0_1;
        int first = 0;
        if (lines.length > 0 && lines[0].startsWith("#version:")) {
            String v = lines[0].trim();
            if (!v.equals(VERSION_0_2)) {
                throw new IOException(source + ": line 1: BPE codes of version '" + v.substring("#version:".length())
                        .trim() + "' cannot be read; this reads 0.2 (and 0.1, without a header)");
            }
            version = Version.V0_2;
            first = 1;
        }
        List<Merge> merges = new ArrayList<>(lines.length);
        if (!(lines.length == 1 && lines[0].isEmpty())) {
            for (int i = first; i < lines.length; i++) {
                String line = strip(lines[i]);
                String[] parts = line.split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new IOException(source + ": line " + (i + 1) + ": a merge is two symbols separated by one "
                            + "space, got '" + line + "'");
                }
                merges.add(new Merge(parts[0], parts[1]));
            }
        }
        return new BpeCodes(version, merges);
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code s.strip('\r\n ')}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isStripped(s.charAt(start))) {
            start++;
        }
        while (end > start && isStripped(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isStripped(char c) {
        return c == '\r' || c == '\n' || c == ' ';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpeCodes other && version == other.version && merges.equals(other.merges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, merges);
    }

    @Override
    public String toString() {
        return "BpeCodes[" + merges.size() + " merges, version " + (version == Version.V0_2 ? "0.2" : "0.1") + "]";
    }
}
