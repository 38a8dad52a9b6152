package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in a message naming the file, the record and the problem, or is skipped and counted. */
class CorpusReaderBadInputTest {
    @TempDir
    Path dir;

    private static CorpusException failure(Path file, CorpusFormat format) {
        return assertThrows(CorpusException.class, () -> CorpusReader.readAll(file, format));
    }

    private static void assertMessage(CorpusException e, Path file, long record, long line, String problem) {
        assertEquals(file + ": record " + record + " (line " + line + "): " + problem, e.getMessage());
        assertEquals(record, e.recordNumber());
        assertEquals(line, e.lineNumber());
    }

    @Test
    void missingColumn() {
        Path file = CorpusFiles.write(dir, "missing.csv", "source,target\nein,one\nzwei\ndrei,three\n");
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3,
                "missing target column 'target': the record has 1 field");
    }

    @Test
    void missingColumnWithoutHeader() {
        Path file = CorpusFiles.write(dir, "missing.tsv", "ein\tone\nzwei\tzwo\tdeux\nvier\n");
        CorpusFormat format = CorpusFormat.tsv().toBuilder().columns(0, 2).build();
        CorpusException e = failure(file, format);
        assertMessage(e, file, 1, 1, "missing target column #2: the record has 2 fields");
    }

    @Test
    void extraFieldFromAnUnquotedComma() {
        Path file = CorpusFiles.write(dir, "extra.csv", "source,target\nein,one\nHallo, Welt,\"Hello, world\"\n");
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3,
                "the record has 3 fields, expected 2 as in the header (a field with the delimiter in it must be quoted)");
    }

    @Test
    void unterminatedQuote() {
        Path file = CorpusFiles.write(dir, "open.csv", "source,target\nein,one\n\"zwei,two\ndrei,three\n");
        CorpusException e = failure(file, CorpusFormat.csv());
        assertMessage(e, file, 2, 3, "unterminated quote: a quoted field starts in this record and is never closed");
    }

    @Test
    void textAfterAClosingQuote() {
        Path file = CorpusFiles.write(dir, "stray.csv", "source,target\nein,one\n\"zwei\" und,two\n");
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3,
                "text after a closing quote: a quote inside a quoted field must be doubled (\"\")");
    }

    @Test
    void invalidUtf8() {
        // 0xC3 starts a two-byte sequence; 0x28 '(' cannot continue it; 14 + 8 + 2 bytes come before
        byte[] bytes = CorpusFiles.withBytes("source,target\nein,one\nzw#i,two\ndrei,three\n", (byte) 0xC3, (byte) 0x28);
        Path file = CorpusFiles.writeBytes(dir, "latin.csv", bytes);
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3,
                "invalid UTF-8 (the bytes at offset 24 of the file)");
    }

    @Test
    void invalidUtf8InAMultiLineRecordIsPlacedInThatRecord() {
        byte[] bytes = CorpusFiles.withBytes("source,target\n\"a\nb\",x\n\"c\nd#\",y\ne,z\n", (byte) 0xFF);
        Path file = CorpusFiles.writeBytes(dir, "multi.csv", bytes);
        // 14 header bytes, 8 of record 1, then "c\nd: the bad byte is byte 26
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 4,
                "invalid UTF-8 (the bytes at offset 26 of the file)");
    }

    @Test
    void invalidUtf8InTheHeader() {
        Path file = CorpusFiles.writeBytes(dir, "head.csv", CorpusFiles.withBytes("sou#rce,target\na,b\n", (byte) 0x80));
        CorpusException e = failure(file, CorpusFormat.csv());
        assertEquals(file + ": line 1: header row: invalid UTF-8 (bytes at offset 3)", e.getMessage());
    }

    @Test
    void replacementCharacterWrittenAsValidUtf8IsNotAnError() {
        Path file = CorpusFiles.write(dir, "fffd.csv", "source,target\nkaputt \uFFFD,broken \uFFFD\n");
        assertEquals(List.of(new SentencePair("kaputt \uFFFD", "broken \uFFFD")),
                CorpusReader.readAll(file, CorpusFormat.csv()));
    }

    @Test
    void emptySource() {
        Path file = CorpusFiles.write(dir, "nosource.csv", "source,target\nein,one\n,two\n");
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3, "empty source (column 'source')");
    }

    @Test
    void whitespaceOnlyTargetIsEmpty() {
        Path file = CorpusFiles.write(dir, "notarget.csv", "source,target\nein,one\nzwei,\" \u00A0\u202F\t\"\n");
        assertMessage(failure(file, CorpusFormat.csv()), file, 2, 3, "empty target (column 'target')");
    }

    @Test
    void headerWithoutTheNamedColumn() {
        Path file = CorpusFiles.write(dir, "nohead.csv", "Ein Hund,A dog\nzwei,two\n");
        CorpusException e = failure(file, CorpusFormat.csv());
        assertEquals(file + ": line 1: header row: the header has no column 'source'; its columns are 'Ein Hund', "
                + "'A dog' (if the file has no header row, choose columns by index)", e.getMessage());
    }

    @Test
    void columnIndexPastTheHeader() {
        Path file = CorpusFiles.write(dir, "narrow.csv", "source,target\na,b\n");
        CorpusException e = failure(file, CorpusFormat.builder().columns(0, 2).build());
        assertEquals(file + ": line 1: header row: column index 2 is past the header, which has 2 columns",
                e.getMessage());
    }

    @Test
    void emptyFile() {
        Path file = CorpusFiles.write(dir, "empty.csv", "");
        assertEquals(file + ": the file is empty; expected a header row naming the columns 'source' and 'target'",
                failure(file, CorpusFormat.csv()).getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.csv");
        assertEquals(file + ": no such file", failure(file, CorpusFormat.csv()).getMessage());
    }

    @Test
    void notGzipAlthoughNamedSo() {
        Path fake = CorpusFiles.writeUncompressed(dir, "fake.csv.gz", "source,target\na,b\n".getBytes(UTF_8));
        assertEquals(fake + ": the name ends in .gz but the file is not gzip-compressed",
                failure(fake, CorpusFormat.csv()).getMessage());
    }

    @Test
    void aTruncatedGzipFileIsAReadError() throws Exception {
        StringBuilder csv = new StringBuilder("source,target\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("Satz ").append(i).append(",sentence ").append(i).append('\n');
        }
        Path whole = CorpusFiles.write(dir, "whole.csv.gz", csv.toString());
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        Path cut = CorpusFiles.writeUncompressed(dir, "cut.csv.gz", java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CorpusException e = failure(cut, CorpusFormat.csv());
        assertTrue(e.getMessage().startsWith(cut + ": record "), e.getMessage());
        assertTrue(e.problem().startsWith("cannot be read: Unexpected end of ZLIB input stream"), e.getMessage());
    }

    @Test
    void skipPolicySkipsCountsAndReportsEveryKind() {
        byte[] bytes = CorpusFiles.withBytes("source,target\n"
                + "ein,one\n"            // 1 good
                + "zwei\n"               // 2 missing column
                + "a,b,c\n"              // 3 field count
                + ",three\n"             // 4 empty source
                + "vier, \n"             // 5 empty target
                + "f#nf,five\n"          // 6 invalid UTF-8
                + "\n"                   // 7 blank line
                + "sechs,six\n",         // 8 good
                (byte) 0xC3);
        Path file = CorpusFiles.writeBytes(dir, "messy.csv", bytes);
        CorpusFormat format = CorpusFormat.csv().toBuilder().badRowPolicy(BadRowPolicy.SKIP).build();
        try (CorpusReader reader = CorpusReader.open(file, format)) {
            List<SentencePair> pairs = reader.stream().toList();
            assertEquals(List.of(new SentencePair("ein", "one"), new SentencePair("sechs", "six")), pairs);
            ReadReport report = reader.report();
            assertEquals(Map.of(RowProblem.MISSING_COLUMN, 1L, RowProblem.FIELD_COUNT, 1L,
                    RowProblem.EMPTY_SOURCE, 1L, RowProblem.EMPTY_TARGET, 1L, RowProblem.INVALID_UTF8, 1L),
                    report.skipped());
            assertEquals(5, report.skippedTotal());
            assertEquals(1, report.blankLines());
            assertEquals(file + ": 2 pairs, skipped 5 bad records (1 missing column, 1 wrong number of fields, "
                    + "1 empty source, 1 empty target, 1 invalid UTF-8), ignored 1 blank line", report.summary());
            assertEquals(file + ": record 2 (line 3): missing target column 'target': the record has 1 field",
                    report.examples().get(0));
            assertTrue(report.examples().get(4).startsWith(file + ": record 6 (line 7): invalid UTF-8"));
        }
    }

    @Test
    void skipPolicyStillFailsOnAnUnterminatedQuote() {
        Path file = CorpusFiles.write(dir, "open-skip.csv", "source,target\nein,one\n\"zwei,two\ndrei,three\n");
        CorpusFormat format = CorpusFormat.csv().toBuilder().badRowPolicy(BadRowPolicy.SKIP).build();
        try (CorpusReader reader = CorpusReader.open(file, format)) {
            var it = reader.iterator();
            assertEquals(new SentencePair("ein", "one"), it.next());
            CorpusException e = assertThrows(CorpusException.class, it::hasNext);
            assertEquals(2, e.recordNumber());
        }
    }
}
