package org.seq2seq.corpora.shards;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.seq2seq.corpora.CorpusException;
import org.seq2seq.corpora.OutputPaths;

/**
 * What a corpus file held when it was prepared: its size and the SHA-256 of its bytes, so that a
 * later run notices a file that changed since instead of mixing two corpora.
 *
 * @param bytes  the file's size
 * @param sha256 the SHA-256 of its bytes, lowercase hex
 */
public record SourceFingerprint(long bytes, String sha256) {

    /** Reads {@code file} once. */
    public static SourceFingerprint of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            long bytes = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
            return new SourceFingerprint(bytes, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new CorpusException(file, "cannot be read (" + OutputPaths.reason(e) + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
