package org.seq2seq.decoder.shortlist;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link Shortlist} on disk, little more than its ids: the magic {@code S2SL}, a format
 * version, the vocabulary sizes, the frequent ids, then each source token's translations, each
 * list preceded by its length; big-endian ints throughout.
 */
public final class ShortlistFile {
    private static final int MAGIC = 0x5332534C;    // "S2SL"
    private static final int VERSION = 1;

    private ShortlistFile() {
    }

    /** Writes {@code shortlist} to {@code file}, replacing it. */
    public static void save(Shortlist shortlist, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(shortlist.sourceVocabularySize());
            out.writeInt(shortlist.targetVocabularySize());
            writeList(out, shortlist.frequent());
            for (int[] translations : shortlist.translations()) {
                writeList(out, translations);
            }
        }
    }

    private static void writeList(DataOutputStream out, int[] ids) throws IOException {
        out.writeInt(ids.length);
        for (int id : ids) {
            out.writeInt(id);
        }
    }

    /**
     * Reads a shortlist.
     *
     * @throws IOException naming the file and what is wrong with it, when it is not a whole
     *                     shortlist of this format
     */
    public static Shortlist load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a shortlist (no S2SL at its start)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": a shortlist of format version " + version + ", this version reads "
                        + VERSION);
            }
            int sources = in.readInt();
            int targets = in.readInt();
            if (sources < 1 || targets < 1) {
                throw new IOException(file + ": vocabulary sizes " + sources + " and " + targets);
            }
            int[] frequent = readList(in, targets, file);
            int[][] translations = new int[sources][];
            for (int s = 0; s < sources; s++) {
                translations[s] = readList(in, targets, file);
            }
            if (in.read() != -1) {
                throw new IOException(file + ": bytes after the last source token's translations");
            }
            return new Shortlist(targets, frequent, translations);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int[] readList(DataInputStream in, int limit, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException(file + ": a list of " + n + " ids in a vocabulary of " + limit);
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readInt();
        }
        return ids;
    }
}
