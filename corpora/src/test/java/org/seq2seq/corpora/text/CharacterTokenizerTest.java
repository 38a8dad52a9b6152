package org.seq2seq.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharacterTokenizerTest {
    private final CharacterTokenizer tokenizer = new CharacterTokenizer();

    @Test
    void splitsIntoCharactersWithSpaceTokens() {
        assertEquals(List.of("E", "i", "n", "▁", "H", "u", "n", "d", "."), tokenizer.tokenize("Ein Hund."));
    }

    @Test
    void runsOfAnySpaceBecomeOneSpaceTokenAndEndsAreTrimmed() {
        assertEquals(List.of("a", "▁", "b", "▁", "c"), tokenizer.tokenize(" \ta \u00A0\u202F b\nc  "));
    }

    @Test
    void graphemeClustersStayWhole() {
        // decomposed e + combining acute composes to é; an emoji with skin tone, a flag and a
        // family joined by zero-width joiners stay one token each
        assertEquals(List.of("é", "t", "é"), tokenizer.tokenize("e\u0301te\u0301"));
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals(List.of("\uD83D\uDC4D\uD83C\uDFFD", "\uD83C\uDDE9\uD83C\uDDEA", family),
                tokenizer.tokenize("\uD83D\uDC4D\uD83C\uDFFD\uD83C\uDDE9\uD83C\uDDEA" + family));
    }

    @Test
    void roundTripsTextWithSingleSpaces() {
        String sentence = "Zwei Männer, „Äpfel“ und 東京. L'été!";
        assertEquals(sentence, tokenizer.detokenize(tokenizer.tokenize(sentence)));
    }

    @Test
    void lowercasingIsOptional() {
        assertEquals(List.of("ä", "▁", "ß"), new CharacterTokenizer(true).tokenize("Ä ẞ"));
    }
}
