package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {
    private static Utf8Lines lines(byte[] bytes) {
        return new Utf8Lines(new ByteArrayInputStream(bytes), "in.txt");
    }

    @Test
    void readsLinesEndedByLfCrLfOrTheEndAndDropsAByteOrderMark() throws IOException {
        byte[] text = "\uFEFFEin Hund.\r\nZwei Männer.\n\nDrei".getBytes(StandardCharsets.UTF_8);
        Utf8Lines in = lines(text);
        assertTrue(in.ready());
        assertEquals("Ein Hund.", in.readLine());
        assertEquals("Zwei Männer.", in.readLine());
        assertEquals("", in.readLine());
        assertEquals("Drei", in.readLine());
        assertNull(in.readLine());
        assertFalse(in.ready());
    }

    @Test
    void namesTheInputTheLineAndTheByteThatIsNotUtf8() throws IOException {
        byte[] latin1 = "Ein Hund.\nDas M\u00e4dchen l\u00e4uft.\n".getBytes(StandardCharsets.ISO_8859_1);
        Utf8Lines in = lines(latin1);
        assertEquals("Ein Hund.", in.readLine());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, in::readLine);
        assertEquals("in.txt: line 2 is not UTF-8 (byte 0xE4, byte 6 of the line); save it as UTF-8", e.getMessage());
    }

    @Test
    void aTruncatedMultiByteCharacterAtTheEndOfALineIsReported() {
        byte[] cut = {'a', (byte) 0xC3};                 // first byte of 'ä', then the end
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lines(cut).readLine());
        assertEquals("in.txt: line 1 is not UTF-8 (byte 0xC3, byte 2 of the line); save it as UTF-8", e.getMessage());
    }
}
