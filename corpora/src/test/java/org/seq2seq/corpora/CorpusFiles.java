package org.seq2seq.corpora;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small corpus files for tests, byte for byte. */
final class CorpusFiles {
    private CorpusFiles() {
    }

    static Path write(Path dir, String name, String content) {
        return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes content, gzip-compressed when the name ends in {@code .gz}. */
    static Path writeBytes(Path dir, String name, byte[] content) {
        if (!name.endsWith(".gz")) {
            return writeUncompressed(dir, name, content);
        }
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes content as it is, whatever the name. */
    static Path writeUncompressed(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** UTF-8 bytes of text with {@code bad} spliced in at the first '#'. */
    static byte[] withBytes(String text, byte... bad) {
        int at = text.indexOf('#');
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(bad, 0, out, before.length, bad.length);
        System.arraycopy(after, 0, out, before.length + bad.length, after.length);
        return out;
    }
}
