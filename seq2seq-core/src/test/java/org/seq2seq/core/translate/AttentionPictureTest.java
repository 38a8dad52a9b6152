package org.seq2seq.core.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionPictureTest {
    private static final AttentionMap MAP = new AttentionMap("A dog runs.", List.of("Ein", "Hund", "läuft", "."),
            List.of("A", "dog", "runs", ".", "</s>"), new double[][] {
                {0.9, 0.1, 0, 0}, {0.1, 0.9, 0, 0}, {0, 0, 1, 0}, {0, 0, 0.2, 0.8}, {0, 0, 0, 1}});

    @Test
    void thePictureHasATitleCellsAndAColourScaleFromOneDownToZero() {
        BufferedImage image = AttentionPicture.draw(MAP);
        // the scale: the rightmost dark-blue column of pixels, shaded 1 at its top, 0 at its bottom
        int darkest = AttentionPicture.shade(1).getRGB();
        int scaleX = -1;
        int scaleTop = -1;
        for (int x = image.getWidth() - 1; x >= 0 && scaleX < 0; x--) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == darkest) {
                    scaleX = x;
                    scaleTop = y;
                    break;
                }
            }
        }
        assertTrue(scaleX > 4 * 26, "a scale right of the 4 columns of cells, found at x " + scaleX);
        int bottom = scaleTop;
        while (bottom + 1 < image.getHeight() && !new Color(image.getRGB(scaleX, bottom + 1)).equals(Color.WHITE)
                && image.getRGB(scaleX, bottom + 1) != new Color(0xDDDDDD).getRGB()) {
            bottom++;
        }
        assertTrue(bottom - scaleTop >= 59, "the bar is at least 60 pixels high: " + (bottom - scaleTop + 1));
        Color low = new Color(image.getRGB(scaleX, bottom));
        assertTrue(low.getRed() > 240 && low.getGreen() > 240, "near white at the bottom: " + low);
        // the title: dark pixels (text) in the band above the source words
        boolean text = false;
        for (int x = 0; x < image.getWidth() && !text; x++) {
            for (int y = 2; y < 18 && !text; y++) {
                Color c = new Color(image.getRGB(x, y));
                text = c.getRed() < 100 && c.getGreen() < 100 && c.getBlue() < 100;
            }
        }
        assertTrue(text, "a title line at the top");
        assertEquals(AttentionPicture.shade(0.9).getRGB(), pixelOfCell(image, 0, 0));
    }

    /** The colour at the middle of the cell of output row {@code t}, source column {@code s}. */
    private static int pixelOfCell(BufferedImage image, int t, int s) {
        // cells are 26 pixels; find the grid's top-left as the first pixel of cell (0,0)'s colour
        int colour = AttentionPicture.shade(0.9).getRGB();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == colour) {
                    return image.getRGB(x + s * 26 + 13, y + t * 26 + 13);
                }
            }
        }
        return -1;
    }
}
