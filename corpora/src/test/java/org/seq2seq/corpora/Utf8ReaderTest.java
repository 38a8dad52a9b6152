package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ReaderTest {

    private static String readAll(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[777];   // odd size: reads straddle the decoder's chunks
        for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    /** Hands out at most 5 bytes per read, to split multi-byte sequences between reads. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 5));
            }
        };
    }

    @Test
    void decodesMultiByteTextAcrossChunkAndReadBoundaries() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            sb.append("äß€\uD83D\uDE00x");   // 2-, 2-, 3- and 4-byte sequences
        }
        String text = sb.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Utf8Reader r = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            assertEquals(text, readAll(r));
            assertNull(r.takeMalformedBefore(Long.MAX_VALUE));
        }
        try (Utf8Reader r = new Utf8Reader(trickle(bytes))) {
            assertEquals(text, readAll(r));
        }
    }

    @Test
    void malformedBytesBecomeReplacementCharactersWithTheirPositions() throws IOException {
        byte[] bytes = {'a', 'b', (byte) 0xFF, 'c', (byte) 0xE2, (byte) 0x82, 'd', (byte) 0xC3, (byte) 0xA4};
        try (Utf8Reader r = new Utf8Reader(trickle(bytes))) {
            assertEquals("ab\uFFFDc\uFFFDdä", readAll(r));
            assertEquals(new Utf8Reader.Malformed(2, 2), r.takeMalformedBefore(3));
            assertNull(r.takeMalformedBefore(4));
            assertEquals(new Utf8Reader.Malformed(4, 4), r.takeMalformedBefore(Long.MAX_VALUE));
        }
    }

    @Test
    void byteOrderMarkIsDroppedAndPositionsCountWithoutIt() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0x80, 'b'};
        try (Utf8Reader r = new Utf8Reader(trickle(bytes))) {
            assertEquals("a\uFFFDb", readAll(r));
            assertEquals(new Utf8Reader.Malformed(1, 4), r.takeMalformedBefore(Long.MAX_VALUE));
        }
    }

    @Test
    void aTruncatedSequenceAtTheEndIsMalformed() throws IOException {
        byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82};
        try (Utf8Reader r = new Utf8Reader(new ByteArrayInputStream(bytes))) {
            assertEquals("a\uFFFD", readAll(r));
            assertEquals(new Utf8Reader.Malformed(1, 1), r.takeMalformedBefore(Long.MAX_VALUE));
        }
    }
}
