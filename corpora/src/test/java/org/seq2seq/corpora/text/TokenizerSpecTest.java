package org.seq2seq.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerSpecTest {

    @Test
    void recreatesEachTokenizerWithItsSettings() {
        for (Tokenizer tokenizer : List.of(new WordTokenizer(true), new WordTokenizer(false),
                new CharacterTokenizer(true), new CharacterTokenizer(false))) {
            assertEquals(tokenizer, TokenizerSpec.of(tokenizer).create());
        }
        assertEquals(List.of("ein", "hund", "."), new TokenizerSpec(TokenizerSpec.Kind.WORD, true).create()
                .tokenize("Ein Hund."));
    }

    @Test
    void refusesTokenizersItCannotSave() {
        Tokenizer custom = new Tokenizer() {
            @Override
            public List<String> tokenize(String text) {
                return List.of(text);
            }

            @Override
            public String detokenize(List<String> tokens) {
                return String.join("", tokens);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.of(custom));
    }
}
