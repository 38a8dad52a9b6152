package org.seq2seq.corpora.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq.corpora.text.BpeTokenizer;
import org.seq2seq.corpora.text.TokenizerSpec;
import org.seq2seq.corpora.text.WordTokenizer;

class SubwordsTest {
    @Test
    void joinsPiecesIntoWords() {
        assertEquals(List.of("orangefarbenen", "Hut", "."), Subwords.join(List.of("oran@@", "ge@@", "farben@@", "en",
                "Hut", ".")));
        assertEquals(List.of("ein", "Hu"), Subwords.join(List.of("ein", "Hu@@")), "a word left open at the end");
        assertEquals(List.of("@@", "a"), Subwords.join(List.of("@@", "a")), "a separator alone is a token");
        assertEquals("Hut , der anst@@", Subwords.joinLine("H@@ ut , der an@@ st@@@@ "), "only the separator goes");
        assertEquals("Hut anstarrt .", Subwords.joinLine("H@@ ut an@@ st@@ arr@@ t ."));
    }

    @Test
    void aTokenizerOfSubwordsGivesPlainTextBack() {
        BpeCodes codes = new BpeLearner(20, 1).learn(BpeLearner.countWords(List.of("Hund Hunde Hündin Katze Katzen")));
        BpeTokenizer tokenizer = new BpeTokenizer(new WordTokenizer(), new BpeSegmenter(codes));
        List<String> tokens = tokenizer.tokenize("„Hunde und Katzen“, sagte er.");
        assertEquals(String.join("", tokens).replace("@@", ""), "„HundeundKatzen“,sagteer.");
        assertEquals("„Hunde und Katzen“, sagte er.", tokenizer.detokenize(tokens));
        TokenizerSpec spec = TokenizerSpec.of(tokenizer);
        assertEquals(codes, spec.subwords());
        assertEquals(tokens, spec.create().tokenize("„Hunde und Katzen“, sagte er."));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenizerSpec(TokenizerSpec.Kind.CHARACTER, false, false, codes));
    }
}
