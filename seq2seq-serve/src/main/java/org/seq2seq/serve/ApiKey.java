package org.seq2seq.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The key clients must present ({@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}),
 * compared in constant time: both sides are hashed with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the key's length nor its first wrong character shows
 * in the time an answer takes.
 */
public final class ApiKey {
    private final byte[] digest;

    private ApiKey(String key) {
        this.digest = sha256(key);
    }

    /** The key on the first line of {@code file} (surrounding white space dropped). */
    public static ApiKey read(Path file) throws IOException {
        return new ApiKey(text(file));
    }

    /**
     * The key's text from the first line of {@code file}, checked as {@link #read} checks it: for
     * a client that must send the key a server reads from the same file.
     */
    public static String text(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file (--api-key-file)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String key = lines.isEmpty() ? "" : lines.get(0).strip();
        if (key.length() < 16) {
            throw new IllegalArgumentException(file + ", line 1: an API key needs at least 16 characters, got "
                    + key.length() + " (--api-key-file)");
        }
        return key;
    }

    /** A key given directly (tests, embedding programs). */
    public static ApiKey of(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an API key must not be empty");
        }
        return new ApiKey(key.strip());
    }

    /** Whether {@code presented} (null when the request had none) is the key. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
