package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading well-formed corpora in the layouts users bring. */
class CorpusReaderTest {
    @TempDir
    Path dir;

    private static List<SentencePair> read(Path file, CorpusFormat format) {
        return CorpusReader.readAll(file, format);
    }

    @Test
    void readsHeaderedCsvWithRfc4180Quoting() {
        Path file = CorpusFiles.write(dir, "q.csv", "source,target\r\n"
                + "\"Hallo, Welt\",\"Hello, world\"\r\n"
                + "\"Er sagte \"\"Ja\"\".\",\"He said \"\"yes\"\".\"\r\n"
                + "\"Zeile eins\r\nZeile zwei\",\"line one\nline two\"\r\n"
                + "plain,text\r\n");
        assertEquals(List.of(
                new SentencePair("Hallo, Welt", "Hello, world"),
                new SentencePair("Er sagte \"Ja\".", "He said \"yes\"."),
                new SentencePair("Zeile eins\r\nZeile zwei", "line one\nline two"),
                new SentencePair("plain", "text")), read(file, CorpusFormat.csv()));
    }

    @Test
    void lfAndCrlfLineEndsReadTheSame() {
        Path lf = CorpusFiles.write(dir, "lf.csv", "source,target\nein,one\nzwei,two\n");
        Path crlf = CorpusFiles.write(dir, "crlf.csv", "source,target\r\nein,one\r\nzwei,two\r\n");
        Path noFinalNewline = CorpusFiles.write(dir, "nofinal.csv", "source,target\nein,one\nzwei,two");
        List<SentencePair> expected = List.of(new SentencePair("ein", "one"), new SentencePair("zwei", "two"));
        assertEquals(expected, read(lf, CorpusFormat.csv()));
        assertEquals(expected, read(crlf, CorpusFormat.csv()));
        assertEquals(expected, read(noFinalNewline, CorpusFormat.csv()));
    }

    @Test
    void byteOrderMarkIsDroppedBeforeTheHeader() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "source,target\nMädchen,girl\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Path file = CorpusFiles.writeBytes(dir, "bom.csv", all);
        assertEquals(List.of(new SentencePair("Mädchen", "girl")), read(file, CorpusFormat.csv()));
    }

    @Test
    void fieldsAreKeptExactlyAsWritten() {
        Path file = CorpusFiles.write(dir, "spaces.csv", "source,target\n  Ein Hund. ,\tA dog.\u00A0\n");
        assertEquals(List.of(new SentencePair("  Ein Hund. ", "\tA dog.\u00A0")), read(file, CorpusFormat.csv()));
    }

    @Test
    void columnsChosenByNameInAnyOrder() {
        Path file = CorpusFiles.write(dir, "named.csv", "id,en,de\n1,dog,Hund\n2,cat,Katze\n");
        CorpusFormat format = CorpusFormat.builder().columns("de", "en").build();
        assertEquals(List.of(new SentencePair("Hund", "dog"), new SentencePair("Katze", "cat")), read(file, format));
    }

    @Test
    void columnsChosenByIndexWithAndWithoutHeader() {
        Path headed = CorpusFiles.write(dir, "idx.csv", "a,b,c\n1,Hund,dog\n");
        Path bare = CorpusFiles.write(dir, "bare.csv", "1,Hund,dog\n2,Katze,cat\n");
        assertEquals(List.of(new SentencePair("Hund", "dog")),
                read(headed, CorpusFormat.builder().columns(1, 2).build()));
        assertEquals(List.of(new SentencePair("dog", "Hund"), new SentencePair("cat", "Katze")),
                read(bare, CorpusFormat.builder().header(false).columns(2, 1).build()));
    }

    @Test
    void tsvWithoutQuotingTakesQuotesLiterally() {
        Path file = CorpusFiles.write(dir, "pairs.tsv",
                "\"Hello,\" he said.\t\"Hallo\", sagte er.\n"
                + "It's 5\" long.\tEs ist 5\" lang.\n");
        assertEquals(List.of(
                new SentencePair("\"Hello,\" he said.", "\"Hallo\", sagte er."),
                new SentencePair("It's 5\" long.", "Es ist 5\" lang.")), read(file, CorpusFormat.tsv()));
    }

    @Test
    void gzipCompressedFilesAreReadByName() {
        Path file = CorpusFiles.write(dir, "train.csv.gz", "source,target\nÄpfel,apples\n");
        assertEquals(List.of(new SentencePair("Äpfel", "apples")), read(file, CorpusFormat.csv()));
    }

    @Test
    void blankLinesAreIgnoredAndCounted() {
        Path file = CorpusFiles.write(dir, "blank.csv", "source,target\nein,one\n\nzwei,two\n\n");
        try (CorpusReader reader = CorpusReader.open(file, CorpusFormat.csv())) {
            assertEquals(2, reader.stream().count());
            assertEquals(2, reader.report().blankLines());
            assertEquals(2, reader.report().pairs());
            assertEquals(0, reader.report().skippedTotal());
        }
    }

    @Test
    void aReaderIsIteratedOnce() {
        Path file = CorpusFiles.write(dir, "once.csv", "source,target\nein,one\n");
        try (CorpusReader reader = CorpusReader.open(file, CorpusFormat.csv())) {
            reader.iterator();
            assertThrows(IllegalStateException.class, reader::iterator);
        }
    }

    @Test
    void recordNumbersAndLinesFollowMultiLineRecords() {
        // record 1 spans lines 2-4, so record 2 starts on line 5
        Path file = CorpusFiles.write(dir, "lines.csv", "source,target\n\"a\nb\nc\",x\nd,\n");
        CorpusException e = assertThrows(CorpusException.class, () -> read(file, CorpusFormat.csv()));
        assertEquals(2, e.recordNumber());
        assertEquals(5, e.lineNumber());
        assertEquals(file + ": record 2 (line 5): empty target (column 'target')", e.getMessage());
    }
}
