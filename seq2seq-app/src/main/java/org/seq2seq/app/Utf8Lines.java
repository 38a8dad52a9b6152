package org.seq2seq.app;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lines of UTF-8 text, decoded strictly one line at a time, so that a byte that is not UTF-8 is
 * reported with the input's name, the line and the byte instead of failing somewhere in a buffer
 * ({@code Input length = 1}) or becoming a replacement character without a word. Lines end at
 * {@code \n}, {@code \r\n} or the end of input; a leading byte-order mark is dropped.
 */
final class Utf8Lines implements Closeable {
    private final InputStream in;
    private final String name;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineNumber;

    /** @param name how errors name the input: a file, or "standard input" */
    Utf8Lines(InputStream in, String name) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.name = name;
    }

    /** The next line without its end, or null at the end of input. */
    String readLine() throws IOException {
        line.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        int start = lineNumber == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
        CharBuffer out = CharBuffer.allocate(length - start + 1);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();           // where the bad sequence starts
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: line %d is not UTF-8 (byte 0x%02X, "
                    + "byte %d of the line); save it as UTF-8", name, lineNumber, bytes[at] & 0xFF, at - start + 1));
        }
        return out.flip().toString();
    }

    /** Whether a line can be read without waiting (some of it is already here). */
    boolean ready() throws IOException {
        return in.available() > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The number of line ends in {@code file} (for a progress bar's total). */
    static long count(java.nio.file.Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        return lines;
    }

    /** The lines of {@code file}, gunzipped if its name ends in {@code .gz}. */
    static Utf8Lines open(java.nio.file.Path file) throws IOException {
        InputStream in = java.nio.file.Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new java.util.zip.GZIPInputStream(in, 64 * 1024);
        }
        return new Utf8Lines(in, file.toString());
    }
}
