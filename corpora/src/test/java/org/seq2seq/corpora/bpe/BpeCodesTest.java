package org.seq2seq.corpora.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeCodesTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatItWritesAndWhatSubwordNmtWrites() throws IOException {
        BpeCodes codes = new BpeCodes(List.of(new Merge("e", "r</w>"), new Merge("d", "er</w>")));
        assertEquals("#version: 0.2\ne r</w>\nd er</w>\n", codes.text());
        assertEquals(codes, BpeCodes.parse(codes.text(), "codes"));
        // subword-nmt strips spaces and carriage returns and ignores trailing line breaks
        assertEquals(codes, BpeCodes.parse("#version: 0.2\r\ne r</w> \r\n d er</w>\n\n\n", "codes"));
        assertEquals(1, codes.first(1).size());
        assertEquals(codes, codes.first(5));
        assertEquals(0, codes.rank(new Merge("e", "r</w>")));
        assertEquals(-1, codes.rank(new Merge("e", "r")));
    }

    @Test
    void aMergeListedTwiceCountsWhereItFirstComes() throws IOException {
        BpeCodes codes = BpeCodes.parse("#version: 0.2\na b\nc d\na b\n", "codes");
        assertEquals(0, codes.rank(new Merge("a", "b")));
        assertEquals(3, codes.size());
    }

    @Test
    void readsVersion01WhereTheEndOfWordIsASymbolOfItsOwn() throws IOException {
        BpeCodes old = BpeCodes.parse("l o\nlo w\nlow </w>\n", "old");
        assertEquals(BpeCodes.Version.V0_1, old.version());
        BpeSegmenter segmenter = new BpeSegmenter(old);
        assertEquals(List.of("low"), segmenter.segmentWord("low"));
        assertEquals(List.of("low", "e", "r"), segmenter.segmentWord("lower"));
    }

    @Test
    void badFilesAreNamedWithTheLine() throws IOException {
        IOException e = assertThrows(IOException.class, () -> BpeCodes.parse("#version: 0.2\na b\nabc\n", "x.bpe"));
        assertEquals("x.bpe: line 3: a merge is two symbols separated by one space, got 'abc'", e.getMessage());
        e = assertThrows(IOException.class, () -> BpeCodes.parse("#version: 0.2 byte\na b\n", "x.bpe"));
        assertEquals("x.bpe: line 1: BPE codes of version '0.2 byte' cannot be read; this reads 0.2 (and 0.1, "
                + "without a header)", e.getMessage());
        e = assertThrows(IOException.class, () -> BpeCodes.parse("#version: 0.2\na b\n\nc d\n", "x.bpe"));
        assertEquals("x.bpe: line 3: a merge is two symbols separated by one space, got ''", e.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.bpe"), "#version: 0.2\n\u00e4 b\n".getBytes(
                StandardCharsets.ISO_8859_1));
        e = assertThrows(IOException.class, () -> BpeCodes.load(latin1));
        assertEquals(latin1 + ": not a BPE codes file: it is not UTF-8 text", e.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> BpeCodes.load(dir.resolve("none.bpe")));
        assertEquals("no such BPE codes file", missing.getReason());
    }
}
