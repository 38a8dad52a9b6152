package org.seq2seq.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Decodes UTF-8 strictly, without stopping at bad bytes: a malformed sequence becomes U+FFFD in
 * the text and its position is remembered, so that the {@link CorpusReader} can name the record
 * that holds it (or skip that record). A leading byte-order mark is dropped.
 *
 * <p>Positions are counted in chars of the text this reader hands out, the same count that
 * Commons CSV reports as a record's character position.
 */
final class Utf8Reader extends Reader {
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Where a malformed byte sequence was: its char position in the output and its byte offset in the input. */
    record Malformed(long charPosition, long byteOffset) {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);
    private final ArrayDeque<Malformed> malformed = new ArrayDeque<>();

    /** Input byte offset of {@code bytes.array()[0]}. */
    private long bytesBase;
    /** Output char position of {@code chars.array()[0]}. */
    private long charsBase;
    private boolean endOfInput;
    private boolean flushed;
    private boolean started;

    Utf8Reader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        bytes.flip();   // empty, in read mode
        chars.flip();   // empty, in read mode
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /**
     * Removes and returns the first remembered malformed sequence before char position
     * {@code end}, dropping any others before {@code end} too; null when there is none.
     */
    Malformed takeMalformedBefore(long end) {
        Malformed first = null;
        while (!malformed.isEmpty() && malformed.peekFirst().charPosition() < end) {
            Malformed m = malformed.pollFirst();
            if (first == null) {
                first = m;
            }
        }
        return first;
    }

    /** Decodes the next chunk into {@code chars}; false at the end of the input. */
    private boolean fill() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        charsBase += chars.position();
        chars.clear();
        while (chars.position() == 0 && !flushed) {
            if (!endOfInput && bytes.remaining() < 4) {
                readBytes();
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                if (!chars.hasRemaining()) {
                    break;   // report it on the next fill, when there is room for U+FFFD
                }
                malformed.addLast(new Malformed(charsBase + chars.position(), bytesBase + bytes.position()));
                chars.put('\uFFFD');
                bytes.position(bytes.position() + result.length());
            } else if (result.isOverflow()) {
                break;
            } else if (endOfInput) {       // underflow with all input read
                decoder.flush(chars);
                flushed = true;
            } else if (bytes.hasRemaining() || chars.position() == 0) {
                readBytes();               // underflow: a partial sequence, or nothing decoded yet
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    /** Drops a UTF-8 byte-order mark (EF BB BF) at the very start of the input. */
    private void skipByteOrderMark() throws IOException {
        while (!endOfInput && bytes.remaining() < 3) {
            readBytes();
        }
        if (bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB
                && (bytes.get(2) & 0xFF) == 0xBF) {
            bytes.position(3);
        }
    }

    /** Appends input bytes after the undecoded rest; sets {@code endOfInput} at the end. */
    private void readBytes() throws IOException {
        bytesBase += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
