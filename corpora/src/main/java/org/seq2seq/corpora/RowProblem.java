package org.seq2seq.corpora;

/** The kinds of bad record a {@link CorpusReader} can skip under {@link BadRowPolicy#SKIP}. */
public enum RowProblem {
    /** The record has too few fields to hold the source or the target column. */
    MISSING_COLUMN("missing column"),
    /** The record has a different number of fields than the header (or than the first record). */
    FIELD_COUNT("wrong number of fields"),
    /** The source field is empty or only whitespace. */
    EMPTY_SOURCE("empty source"),
    /** The target field is empty or only whitespace. */
    EMPTY_TARGET("empty target"),
    /** The record's bytes are not valid UTF-8. */
    INVALID_UTF8("invalid UTF-8");

    private final String description;

    RowProblem(String description) {
        this.description = description;
    }

    /** A few words for people, e.g. {@code "empty target"}. */
    public String description() {
        return description;
    }
}
