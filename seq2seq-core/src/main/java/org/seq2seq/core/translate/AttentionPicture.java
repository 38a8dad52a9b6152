package org.seq2seq.core.translate;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Draws an {@link AttentionMap} as a heat map: the translation as its title, one column per source
 * token (labels on top, read downwards), one row per output token (labels on the left), each cell
 * shaded from white (weight 0) to dark blue (weight 1), and that scale beside the cells.
 */
public final class AttentionPicture {
    private static final int CELL = 26;
    private static final int MARGIN = 8;
    /** Width of the colour scale's bar, and its least height. */
    static final int SCALE_WIDTH = 12;
    private static final int SCALE_MIN_HEIGHT = 60;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static {
        System.setProperty("java.awt.headless", "true");   // pictures for files, never a window
    }

    private AttentionPicture() {
    }

    /** Writes the heat map as PNG. */
    public static void writePng(AttentionMap map, OutputStream out) throws IOException {
        if (!ImageIO.write(draw(map), "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** The heat map as an image. */
    public static BufferedImage draw(AttentionMap map) {
        int rows = map.target().size();
        int columns = map.source().size();
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(FONT);
        String title = map.translation().isEmpty() ? "(empty translation)" : map.translation();
        int lineHeight = metrics.getAscent() + metrics.getDescent();
        int left = MARGIN + widest(metrics, map.target().toArray(String[]::new)) + MARGIN;
        int top = MARGIN + lineHeight + MARGIN + widest(metrics, map.source().toArray(String[]::new)) + MARGIN;
        int gridHeight = Math.max(rows * CELL, SCALE_MIN_HEIGHT);
        int scaleLeft = left + columns * CELL + 2 * MARGIN;
        int width = Math.max(scaleLeft + SCALE_WIDTH + MARGIN / 2 + metrics.stringWidth("0.5") + MARGIN,
                MARGIN + metrics.stringWidth(title) + MARGIN);
        int height = top + gridHeight + MARGIN;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        for (int t = 0; t < rows; t++) {
            for (int s = 0; s < columns; s++) {
                g.setColor(shade(map.weights()[t][s]));
                g.fillRect(left + s * CELL, top + t * CELL, CELL, CELL);
            }
        }
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(left, top, columns * CELL, rows * CELL);
        drawScale(g, metrics, scaleLeft, top, gridHeight);
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, MARGIN + metrics.getAscent());
        int baseline = (CELL + metrics.getAscent() - metrics.getDescent()) / 2;
        for (int t = 0; t < rows; t++) {
            String word = map.target().get(t);
            g.drawString(word, left - MARGIN - metrics.stringWidth(word), top + t * CELL + baseline);
        }
        AffineTransform upright = g.getTransform();
        for (int s = 0; s < columns; s++) {                       // source words written top to bottom
            g.setTransform(upright);
            g.translate(left + s * CELL + CELL - baseline, top - MARGIN - metrics.stringWidth(map.source().get(s)));
            g.rotate(Math.PI / 2);
            g.drawString(map.source().get(s), 0, 0);
        }
        g.setTransform(upright);
        g.dispose();
        return image;
    }

    /** The colour scale: a bar from weight 1 (top) to 0 (bottom), labelled 1, 0.5 and 0. */
    private static void drawScale(Graphics2D g, FontMetrics metrics, int x, int y, int height) {
        for (int i = 0; i < height; i++) {
            g.setColor(shade(1 - (double) i / (height - 1)));
            g.fillRect(x, y + i, SCALE_WIDTH, 1);
        }
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(x - 1, y - 1, SCALE_WIDTH + 1, height + 1);          // around the bar, not over it
        g.setColor(Color.BLACK);
        int labelX = x + SCALE_WIDTH + MARGIN / 2;
        int half = (metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString("1", labelX, y + metrics.getAscent());
        g.drawString("0.5", labelX, y + height / 2 + half);
        g.drawString("0", labelX, y + height - 1);
    }

    /** White at 0 to dark blue (8, 48, 107) at 1. */
    static Color shade(double weight) {
        double w = Math.max(0, Math.min(1, weight));
        return new Color((int) Math.round(255 - w * (255 - 8)), (int) Math.round(255 - w * (255 - 48)),
                (int) Math.round(255 - w * (255 - 107)));
    }

    private static int widest(FontMetrics metrics, String[] words) {
        int widest = 0;
        for (String w : words) {
            widest = Math.max(widest, metrics.stringWidth(w));
        }
        return widest;
    }
}
