package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.seq2seq.core.toy.LongReversal;
import org.seq2seq.decoder.attention.Attention;

/** What the long-reversal model with attention looks at, read through {@link Translator#attention}. */
@Tag("slow")
class AttentionMapTest {
    @Test
    void reversingAModelLooksAtTheMirroredPositionAndThePictureShowsIt() throws IOException {
        String sentence = "s3 s1 s4 s1 s5 s9 s2 s6 s5 s3 s5 s8 s9 s7 s9 s3 s2 s3";         // 18 symbols
        AttentionMap map;
        try (Translator translator = new Translator(LongReversal.model(Attention.DOT), TranslatorOptions.defaults())) {
            map = translator.attention(sentence);
            assertEquals(translator.translate(sentence), map.translation());
        }
        assertEquals(List.of(sentence.split(" ")), map.source());
        double[][] weights = map.weights();
        assertEquals(map.target().size(), weights.length);
        int n = 18;
        int mirrored = 0;
        int previousArgmax = n;
        int descending = 0;
        for (int t = 0; t < weights.length; t++) {
            double sum = 0;
            int argmax = 0;
            for (int s = 0; s < n; s++) {
                sum += weights[t][s];
                argmax = weights[t][s] > weights[t][argmax] ? s : argmax;
            }
            assertEquals(1.0, sum, 1e-5, "row " + t);
            // Writing token t (= source token n-1-t), the decoder looks at the mirrored position or its
            // right neighbour, whose state still holds it (seen: n-t for most rows of this model).
            mirrored += t < n && Math.abs(argmax - (n - 1 - t)) <= 1 && argmax >= n - 1 - t ? 1 : 0;
            descending += argmax < previousArgmax ? 1 : 0;
            previousArgmax = argmax;
        }
        assertTrue(mirrored >= 0.8 * n, "rows looking at the mirrored position or its neighbour: " + mirrored);
        assertTrue(descending >= 0.8 * weights.length, "rows looking further left than the row before: " + descending);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        AttentionPicture.writePng(map, png);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertTrue(picture.getWidth() > 18 * 20 && picture.getHeight() > map.target().size() * 20,
                picture.getWidth() + " x " + picture.getHeight());
    }
}
