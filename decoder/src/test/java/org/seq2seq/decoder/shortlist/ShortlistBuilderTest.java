package org.seq2seq.decoder.shortlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShortlistBuilderTest {
    private static final int DOT = 5;          // a target token every sentence has, as "." or "a"

    /**
     * Source 10 is always translated by 20, 11 by 21, 12 by 22; every target sentence has DOT.
     * p(t | s) would rank DOT first for every source token; Dice ranks each one's translation.
     */
    @Test
    void eachSourceTokenListsTheTargetTokensItIsTranslatedByAheadOfTheOnesEverySentenceHas() {
        ShortlistBuilder builder = new ShortlistBuilder(13, 30);
        for (int i = 0; i < 30; i++) {
            int a = 10 + i % 3;
            int b = 10 + (i + 1) % 3;
            builder.add(new int[] {a, b}, new int[] {a + 10, DOT, b + 10});
        }
        builder.add(new int[] {10}, new int[] {20, DOT, 29});               // 29 once, beside 20
        assertEquals(31, builder.sentences());
        Shortlist shortlist = builder.build(1, 2);
        assertArrayEquals(new int[] {DOT}, shortlist.frequent());
        assertEquals(20, shortlist.translations()[10][0]);
        assertEquals(21, shortlist.translations()[11][0]);
        assertEquals(22, shortlist.translations()[12][0]);
        assertEquals(2, shortlist.translations()[10].length);
        assertEquals(0, shortlist.translations()[4].length, "a source token the corpus never had");
        // the special tokens, the frequent one, 10's and 12's two best translations
        int[] candidates = shortlist.candidates(new int[] {12, 10, 12});
        assertEquals(candidates.length, java.util.Arrays.stream(candidates).distinct().count());
        for (int t : new int[] {0, 1, 2, 3, DOT, 20, 22}) {
            assertTrue(java.util.Arrays.binarySearch(candidates, t) >= 0, t + " in " + java.util.Arrays.toString(candidates));
        }
        assertTrue(isAscending(candidates));
        assertThrows(IllegalArgumentException.class, () -> shortlist.candidates(new int[] {13}));
    }

    /** A limit far below the distinct pairs drops the rarest pairs only: each token's partner survives. */
    @Test
    void aPairLimitDropsTheRarestPairsAndKeepsEachTokensTranslation() {
        ShortlistBuilder builder = new ShortlistBuilder(200, 1000, 1024);
        Random random = new Random(7);
        for (int i = 0; i < 4000; i++) {
            int s = 4 + random.nextInt(196);
            // the partner s + 500 always, plus two of 900 noise tokens
            builder.add(new int[] {s}, new int[] {s + 500, 4 + random.nextInt(400), 4 + random.nextInt(400)});
        }
        Shortlist shortlist = builder.build(0, 1);
        for (int s = 4; s < 200; s++) {
            assertArrayEquals(new int[] {s + 500}, shortlist.translations()[s], "source " + s);
        }
    }

    @Test
    void idsOutsideTheVocabulariesAreRefused() {
        ShortlistBuilder builder = new ShortlistBuilder(10, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.add(new int[] {4}, new int[] {10}));
        assertEquals("target id 10 outside a vocabulary of 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Shortlist(10, new int[] {10}, new int[0][]));
    }

    private static boolean isAscending(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
