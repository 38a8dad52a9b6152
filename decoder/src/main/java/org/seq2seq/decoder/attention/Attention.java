package org.seq2seq.decoder.attention;

import java.util.Locale;

/** Whether and how the decoder attends to the encoder's per-step outputs. */
public enum Attention {
    /** No attention: the decoder sees the source only through the context vector. */
    NONE,
    /** Scores {@code h_t · h̄_s}; the encoder outputs must have the decoder's size. */
    DOT,
    /** Scores {@code h_t · Wa · h̄_s} with a learned {@code Wa [H, K]}. */
    GENERAL;

    /** Whether the decoder attends at all. */
    public boolean isOn() {
        return this != NONE;
    }

    /**
     * The attention named {@code none}, {@code dot} or {@code general} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Attention parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attention must be none, dot or general, got '" + name + "'", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
