package org.seq2seq.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordTokenizerTest {
    private final WordTokenizer tokenizer = new WordTokenizer();

    @Test
    void splitsPunctuationFromEnglishWords() {
        assertEquals(List.of("\"", "Don't", "worry", ",", "\"", "she", "said", ",", "\"", "it's", "5.30", "p.m",
                        ".", "(", "roughly", ")", ".", "\""),
                tokenizer.tokenize("\"Don't worry,\" she said, \"it's 5.30 p.m. (roughly).\""));
    }

    @Test
    void keepsGermanWordsWholeAndSplitsGermanQuotes() {
        assertEquals(List.of("„", "Ich", "weiß", "es", "nicht", "“", ",", "sagte", "der", "Mädchen-Trainer", "–",
                        "und", "ging", "."),
                tokenizer.tokenize("„Ich weiß es nicht“, sagte der Mädchen-Trainer – und ging."));
    }

    @Test
    void noBreakSpacesSeparateLikeSpaces() {
        // French typography: U+00A0 before the colon, U+202F inside the guillemets and before '!'
        assertEquals(List.of("Il", "a", "dit", ":", "«", "Bonjour", "!", "»", "C'est", "l'été", "."),
                tokenizer.tokenize("Il a dit\u00A0: «\u202FBonjour\u202F!\u202F» C'est l'été."));
    }

    @Test
    void lettersOfEveryScriptStayTogether() {
        assertEquals(List.of("Ελλάδα", ",", "Москва", "и", "東京都", "。", "naïve", "ﬁre", "x²", "ⅫX"),
                tokenizer.tokenize("Ελλάδα, Москва и 東京都。 naïve ﬁre x² ⅫX"));
        assertEquals(List.of("अनुच्छेद", "١٢٣"), tokenizer.tokenize("अनुच्छेद ١٢٣"));   // marks and Arabic-Indic digits
    }

    @Test
    void decomposedTextIsComposedFirst() {
        String decomposed = "Ma\u0308dchen";   // 'a' + combining diaeresis
        assertEquals(List.of("Mädchen"), tokenizer.tokenize(decomposed));
        assertEquals(tokenizer.tokenize("Mädchen"), tokenizer.tokenize(decomposed));
    }

    @Test
    void joinsWhatBelongsInsideAWord() {
        assertEquals(List.of("1,000", "T-Shirts", "und/oder", "10:30", "z.B", ".", "dogs'", "bones", ",", "3,5"),
                tokenizer.tokenize("1,000 T-Shirts und/oder 10:30 z.B. dogs' bones, 3,5"));
        assertEquals(List.of("Wait", "...", "what", "?", "!", "-", "--"), tokenizer.tokenize("Wait... what?! - --"));
        assertEquals(List.of("Q&A", "#", "19", "&", "R&B"), tokenizer.tokenize("Q&A #19 & R&B"));
    }

    @Test
    void germanSuspendedHyphensStayWithTheirWord() {
        assertEquals(List.of("Zwei-", "und", "vierbeinige", "Teller", "und", "-tassen"),
                tokenizer.tokenize("Zwei- und vierbeinige Teller und -tassen"));
        assertEquals(List.of("ein", "„", "Open", "“", "-Schild", "(", "groß", ")", "-artig", "-5", "-", "x"),
                tokenizer.tokenize("ein „Open“-Schild (groß)-artig -5 - x"));
    }

    @Test
    void lowercasingIsOptional() {
        assertEquals(List.of("übergröße", "straße", "çà", "ὀδυσσεύς"),
                new WordTokenizer(true).tokenize("ÜBERGRÖẞE Straße ÇÀ ὈΔΥΣΣΕΎΣ"));
        assertEquals(List.of("ÜBERGRÖẞE"), tokenizer.tokenize("ÜBERGRÖẞE"));
    }

    @Test
    void blankTextHasNoTokens() {
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize(" \t\u00A0\u202F\u200B\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "A man in an orange hat starring at something.",
        "Two young, White males are outside near many bushes.",
        "`\"Don't worry,\" she said, \"it's 5.30 p.m. (roughly).\"`",
        "The dogs' owner paid $5 for 1,000 T-shirts; that's 50% off!",
        "Is it 10:30 already? Yes... sadly.",
        "He said: 'come here' and left.",
        "They played rock 'n' roll all night.",
        "“Quoted” text and ‘single’ quotes [with brackets] {and braces}.",
        "Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.",
        "„Ich weiß es nicht“, sagte der Mann – und ging.",
        "Er sagte: „Das ist ‚gut‘.“",
        "Das Mädchen (6 Jahre) isst z.B. Äpfel, Birnen usw.",
        "»Komm her!«, rief sie.",
        "¿Qué? ¡Nada!",
        "Zwei- und vierbeinige Nachbarn essen mit Papiertellern und -tassen.",
        "Zwei Männer stehen vor einem Cafe mit „Open“-Anzeige und einem \"Sale\"-Schild.",
        "A player in a white #19 jersey at a Q&A with R&B fans.",
        "Il a dit: «Bonjour!» C'est l'été, n'est-ce pas?",
        "Un garçon naïf mange une crème brûlée à l'hôtel.",
    })
    void detokenizeWritesNaturalSentencesBack(String sentence) {
        assertEquals(sentence, tokenizer.detokenize(tokenizer.tokenize(sentence)));
    }

    @Test
    void detokenizeNormalisesSpacingToTheNaturalForm() {
        assertEquals("Il a dit: «Bonjour!»",
                tokenizer.detokenize(tokenizer.tokenize("Il a dit\u00A0: «\u202FBonjour\u202F!\u202F»")));
        assertEquals("A dog, running.",
                tokenizer.detokenize(tokenizer.tokenize("A dog , running .")));
        assertEquals("a b", tokenizer.detokenize(tokenizer.tokenize("  a \t\n b  ")));
    }
}
