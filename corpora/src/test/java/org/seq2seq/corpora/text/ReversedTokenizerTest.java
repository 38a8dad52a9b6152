package org.seq2seq.corpora.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReversedTokenizerTest {
    private final Tokenizer reversed = new TokenizerSpec(TokenizerSpec.Kind.WORD, false, true).create();

    @Test
    void tokensComeBackwardsAndDetokenizeInReadingOrder() {
        List<String> tokens = reversed.tokenize("Ein Mann, der läuft.");
        assertEquals(List.of(".", "läuft", "der", ",", "Mann", "Ein"), tokens);
        assertEquals("Ein Mann, der läuft.", reversed.detokenize(tokens));
        assertEquals(List.of(), reversed.tokenize("  "));
    }

    @Test
    void theSpecOfAReversedTokenizerRecreatesIt() {
        TokenizerSpec spec = new TokenizerSpec(TokenizerSpec.Kind.CHARACTER, true, true);
        assertEquals(spec, TokenizerSpec.of(spec.create()));
        assertEquals(new TokenizerSpec(TokenizerSpec.Kind.WORD, false, false),
                TokenizerSpec.of(new WordTokenizer(false)));
        assertEquals(List.of("c", "b", "a"), spec.create().tokenize("ABC"));
    }
}
