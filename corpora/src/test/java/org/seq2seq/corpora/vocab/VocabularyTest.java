package org.seq2seq.corpora.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    @TempDir
    Path dir;

    /** a ×4, the ×3, dog ×2, cat ×2, Ähre ×1, 猫 ×1. */
    private static TokenCounts counts() {
        return new TokenCounts()
                .add(List.of("the", "dog", "a", "a"))
                .add(List.of("the", "cat", "a", "猫"))
                .add(List.of("the", "dog", "cat", "a", "Ähre"));
    }

    @Test
    void specialTokensHaveFixedIds() {
        assertEquals(0, SpecialToken.PAD.id());
        assertEquals(1, SpecialToken.UNK.id());
        assertEquals(2, SpecialToken.START.id());
        assertEquals(3, SpecialToken.END.id());
        Vocabulary v = Vocabulary.of(counts(), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>"), v.tokens().subList(0, 4));
    }

    @Test
    void mostFrequentFirstTiesInStringOrder() {
        Vocabulary v = Vocabulary.of(counts(), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "the", "cat", "dog", "Ähre", "猫"), v.tokens());
        assertEquals(10, v.size());
    }

    @Test
    void minimumFrequencyAndMaximumSize() {
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "the", "cat", "dog"),
                Vocabulary.of(counts(), 2, Vocabulary.UNLIMITED).tokens());
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a", "the"),
                Vocabulary.of(counts(), 2, 6).tokens());
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "a"), Vocabulary.of(counts(), 4, 100).tokens());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(counts(), 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(counts(), 1, 4));
    }

    @Test
    void unknownWordsMapToUnk() {
        Vocabulary v = Vocabulary.of(counts(), 2, Vocabulary.UNLIMITED);
        assertArrayEquals(new int[] {5, 7, 1, 1}, v.encode(List.of("the", "dog", "Ähre", "zebra")));
        assertEquals(SpecialToken.UNK.id(), v.id("zebra"));
        assertFalse(v.contains("zebra"));
        assertTrue(v.contains("dog"));
    }

    @Test
    void decodeStopsAtEndAndDropsPaddingAndStart() {
        Vocabulary v = Vocabulary.of(counts(), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("the", "<unk>", "dog"), v.decode(new int[] {2, 5, 1, 7, 3, 4, 0, 0}));
    }

    @Test
    void specialTokenTextsInTheCorpusAreNotCountedTwice() {
        Vocabulary v = Vocabulary.of(new TokenCounts().add(List.of("<unk>", "</s>", "x")), 1, Vocabulary.UNLIMITED);
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", "x"), v.tokens());
    }

    @Test
    void isImmutable() {
        Vocabulary v = Vocabulary.of(counts(), 1, Vocabulary.UNLIMITED);
        assertThrows(UnsupportedOperationException.class, () -> v.tokens().add("new"));
        assertThrows(UnsupportedOperationException.class, () -> v.tokens().set(4, "changed"));
    }

    @Test
    void tokensWithSpacesCannotBeCounted() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCounts().add(List.of("two words")));
        assertThrows(IllegalArgumentException.class, () -> new TokenCounts().add(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new TokenCounts().add(List.of("no\u00A0break")));
    }

    @Test
    void savesOneTokenPerLineAndLoadsBackEqual() throws IOException {
        Vocabulary v = Vocabulary.of(counts(), 1, Vocabulary.UNLIMITED);
        Path file = dir.resolve("sub").resolve("vocab.txt");
        v.save(file);
        assertEquals("<pad>\n<unk>\n<s>\n</s>\na\nthe\ncat\ndog\nÄhre\n猫\n",
                Files.readString(file, StandardCharsets.UTF_8));
        Vocabulary loaded = Vocabulary.load(file);
        assertEquals(v, loaded);
        assertEquals(v.tokens(), loaded.tokens());
        assertEquals(8, loaded.id("Ähre"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());   // no temporary file left behind
        }
    }

    @Test
    void loadAcceptsCrlfAndAByteOrderMark() throws IOException {
        Path file = dir.resolve("crlf.txt");
        Files.writeString(file, "\uFEFF<pad>\r\n<unk>\r\n<s>\r\n</s>\r\nHund\r\n", StandardCharsets.UTF_8);
        assertEquals(Vocabulary.ofTokens(List.of("Hund")), Vocabulary.load(file));
    }

    @Test
    void loadNamesTheFileAndLineOfEveryProblem() throws IOException {
        assertLoadFails("<pad>\n<unk>\n</s>\n<s>\nx\n", "line 3: expected the special token <s>, found '</s>' "
                + "(the first lines are <pad> <unk> <s> </s>)");
        assertLoadFails("<pad>\n<unk>\n", "line 3: expected the special token <s>, found the end of the file "
                + "(the first lines are <pad> <unk> <s> </s>)");
        assertLoadFails("<pad>\n<unk>\n<s>\n</s>\ndog\ncat\ndog\n", "line 7: token 'dog' already on line 5");
        assertLoadFails("<pad>\n<unk>\n<s>\n</s>\ndog\n\ncat\n", "line 6: empty token");
        assertLoadFails("<pad>\n<unk>\n<s>\n</s>\nhot dog\n", "line 5: token 'hot dog' holds a space or control character");

        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "<pad>\n<unk>\n<s>\n</s>\nM\u00E4dchen\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(IOException.class, () -> Vocabulary.load(latin1)).getMessage()
                .startsWith(latin1 + ": line 5: not valid UTF-8"));

        Path missing = dir.resolve("missing.txt");
        assertEquals(missing + ": no such vocabulary file",
                assertThrows(IOException.class, () -> Vocabulary.load(missing)).getMessage());
    }

    private void assertLoadFails(String content, String problem) throws IOException {
        Path file = Files.createTempFile(dir, "bad", ".txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        assertEquals(file + ": " + problem, assertThrows(IOException.class, () -> Vocabulary.load(file)).getMessage());
    }
}
