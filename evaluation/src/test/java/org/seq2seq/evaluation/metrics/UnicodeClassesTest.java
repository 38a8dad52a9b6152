package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our P/S/N classes are Unicode 15.0's (ICU4J 72.1) for every code point. */
class UnicodeClassesTest {
    private static char unicode15(int c) {
        return switch (UCharacter.getType(c)) {
            case UCharacterCategory.CONNECTOR_PUNCTUATION, UCharacterCategory.DASH_PUNCTUATION,
                    UCharacterCategory.START_PUNCTUATION, UCharacterCategory.END_PUNCTUATION,
                    UCharacterCategory.INITIAL_PUNCTUATION, UCharacterCategory.FINAL_PUNCTUATION,
                    UCharacterCategory.OTHER_PUNCTUATION -> 'P';
            case UCharacterCategory.MATH_SYMBOL, UCharacterCategory.CURRENCY_SYMBOL,
                    UCharacterCategory.MODIFIER_SYMBOL, UCharacterCategory.OTHER_SYMBOL -> 'S';
            case UCharacterCategory.DECIMAL_DIGIT_NUMBER, UCharacterCategory.LETTER_NUMBER,
                    UCharacterCategory.OTHER_NUMBER -> 'N';
            default -> 0;
        };
    }

    @Test
    void everyCodePointHasItsUnicode15Class() {
        assertEquals("15.0.0.0", UCharacter.getUnicodeVersion().toString());
        List<String> wrong = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (UnicodeClasses.classOf(c) != unicode15(c)) {
                wrong.add(String.format("U+%04X: ours %s, Unicode 15 %s", c, (int) UnicodeClasses.classOf(c),
                        (int) unicode15(c)));
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " code points differ");
    }

    /** sacreBLEU's intl rules with Unicode 15 classes, worked out by hand for characters Java 17 does not know. */
    @Test
    void intlSplitsOffPunctuationAndSymbolsAddedAfterUnicode13() {
        BleuTokenizer intl = BleuTokenizer.of("intl");
        // U+1FAE0 MELTING FACE (So, Unicode 14) is a symbol: set apart
        assertEquals("so \ud83e\udee0 hot", intl.tokenize("so\ud83e\udee0hot"));
        // U+2E53 MEDIEVAL EXCLAMATION MARK (Po, Unicode 14) after a letter: split off
        assertEquals("ja \u2e53 nein", intl.tokenize("ja\u2e53nein"));
        // U+20C0 SOM SIGN (Sc, Unicode 14)
        assertEquals("100 \u20c0", intl.tokenize("100\u20c0"));
        // punctuation between digits stays: 3,5 (the classes of old characters are unchanged)
        assertEquals("3,5 km .", intl.tokenize("3,5 km."));
    }
}
