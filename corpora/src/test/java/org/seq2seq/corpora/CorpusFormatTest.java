package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CorpusFormatTest {

    @Test
    void csvAndTsvDefaults() {
        CorpusFormat csv = CorpusFormat.csv();
        assertEquals(',', csv.delimiter());
        assertEquals(true, csv.hasHeader());
        assertEquals(true, csv.quoting());
        assertEquals(Column.named("source"), csv.sourceColumn());
        assertEquals(Column.named("target"), csv.targetColumn());
        assertEquals(BadRowPolicy.FAIL, csv.badRowPolicy());

        CorpusFormat tsv = CorpusFormat.tsv();
        assertEquals('\t', tsv.delimiter());
        assertEquals(false, tsv.hasHeader());
        assertEquals(false, tsv.quoting());
        assertEquals(Column.at(0), tsv.sourceColumn());
        assertEquals(Column.at(1), tsv.targetColumn());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        CorpusFormat format = CorpusFormat.builder().delimiter(';').header(true).quoting(false)
                .columns("de", "en").badRowPolicy(BadRowPolicy.SKIP).build();
        assertEquals(format, format.toBuilder().build());
    }

    @Test
    void contradictorySettingsAreRefused() {
        assertEquals("columns chosen by name need a header row; without one, choose them by index "
                        + "(source 'source', target 'target')",
                assertThrows(IllegalArgumentException.class,
                        () -> CorpusFormat.builder().header(false).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusFormat.builder().columns(1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> CorpusFormat.builder().delimiter('\n').build());
        assertThrows(IllegalArgumentException.class, () -> CorpusFormat.builder().delimiter('"').build());
        assertThrows(IllegalArgumentException.class, () -> Column.at(-1));
        assertThrows(IllegalArgumentException.class, () -> Column.named(""));
    }
}
