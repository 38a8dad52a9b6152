package org.seq2seq.corpora.vocab;

/** The tokens every vocabulary starts with, at fixed ids. */
public enum SpecialToken {
    /** Padding after the end of a shorter sentence in a batch; always masked out. */
    PAD("<pad>"),
    /** A word that is not in the vocabulary. */
    UNK("<unk>"),
    /** The decoder's first input: "start writing the translation". */
    START("<s>"),
    /** The decoder's last output: "the translation is finished". */
    END("</s>");

    private final String text;

    SpecialToken(String text) {
        this.text = text;
    }

    /** Its id in every vocabulary: PAD 0, UNK 1, START 2, END 3. */
    public int id() {
        return ordinal();
    }

    /** How it is written in vocabulary files, e.g. {@code <unk>}. */
    public String text() {
        return text;
    }

    /**
     * Whether a decoder may write the token with this id: any word, UNK and END; never PAD (it
     * marks no token) or START (it is only read).
     */
    public static boolean mayBeWritten(int id) {
        return id != PAD.ordinal() && id != START.ordinal();
    }

    /** The special token written as {@code text}, or null. */
    public static SpecialToken ofText(String text) {
        for (SpecialToken t : values()) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }
}
