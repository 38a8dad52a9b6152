package org.seq2seq.corpora.text;

import java.text.Normalizer;
import java.util.Locale;

/** What both tokenizers do to text first: Unicode NFC, so that "ä" is one code point, then optional lowercasing. */
final class TextNormalizer {
    private TextNormalizer() {
    }

    static String normalize(String text, boolean lowercase) {
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        return lowercase ? nfc.toLowerCase(Locale.ROOT) : nfc;
    }
}
