package org.seq2seq.corpora;

import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * How a parallel corpus file is laid out. Immutable; made with {@link #csv()}, {@link #tsv()} or
 * {@link #builder()}, changed with {@link #toBuilder()}.
 *
 * <ul>
 *   <li>{@link #csv()}: comma-separated, RFC 4180 quoting (fields may hold commas, doubled quotes
 *       and line breaks), a header row, columns {@code source} and {@code target}.</li>
 *   <li>{@link #tsv()}: tab-separated sentence-pair files as they are usually published: no
 *       header, no quoting (a {@code "} is an ordinary character), source in column 0 and target
 *       in column 1.</li>
 * </ul>
 *
 * <p>Either way the file is UTF-8, with or without a byte-order mark, with CRLF or LF line ends,
 * optionally gzip-compressed (a name ending in {@code .gz}). Blank lines are ignored and counted.
 */
public final class CorpusFormat {
    private final char delimiter;
    private final boolean header;
    private final boolean quoting;
    private final Column sourceColumn;
    private final Column targetColumn;
    private final BadRowPolicy badRowPolicy;

    private CorpusFormat(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.quoting = b.quoting;
        this.sourceColumn = b.sourceColumn;
        this.targetColumn = b.targetColumn;
        this.badRowPolicy = b.badRowPolicy;
    }

    /** Comma-separated with RFC 4180 quoting and a {@code source,target} header. */
    public static CorpusFormat csv() {
        return builder().build();
    }

    /** Tab-separated, no header, no quoting, source in column 0 and target in column 1. */
    public static CorpusFormat tsv() {
        return builder().delimiter('\t').header(false).quoting(false)
                .sourceColumn(Column.at(0)).targetColumn(Column.at(1)).build();
    }

    /** A builder starting from the {@link #csv()} settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this format's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.delimiter = delimiter;
        b.header = header;
        b.quoting = quoting;
        b.sourceColumn = sourceColumn;
        b.targetColumn = targetColumn;
        b.badRowPolicy = badRowPolicy;
        return b;
    }

    public char delimiter() {
        return delimiter;
    }

    /** Whether the first record is a header row naming the columns. */
    public boolean hasHeader() {
        return header;
    }

    /** Whether {@code "} quotes fields (RFC 4180); when false it is an ordinary character. */
    public boolean quoting() {
        return quoting;
    }

    public Column sourceColumn() {
        return sourceColumn;
    }

    public Column targetColumn() {
        return targetColumn;
    }

    public BadRowPolicy badRowPolicy() {
        return badRowPolicy;
    }

    /**
     * The Commons CSV format that parses every record as a plain list of fields: the header, if
     * any, is read as an ordinary first record so that this package checks it; nothing is
     * trimmed; empty lines come back as records (so that they can be counted).
     */
    CSVFormat commonsFormat() {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote(quoting ? Character.valueOf('"') : null)
                .setEscape((Character) null)
                .setCommentMarker((Character) null)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setRecordSeparator("\n")
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorpusFormat f && delimiter == f.delimiter && header == f.header
                && quoting == f.quoting && sourceColumn.equals(f.sourceColumn)
                && targetColumn.equals(f.targetColumn) && badRowPolicy == f.badRowPolicy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(delimiter, header, quoting, sourceColumn, targetColumn, badRowPolicy);
    }

    @Override
    public String toString() {
        return "CorpusFormat[delimiter=" + (delimiter == '\t' ? "TAB" : "'" + delimiter + "'")
                + ", header=" + header + ", quoting=" + quoting + ", source=" + sourceColumn
                + ", target=" + targetColumn + ", badRows=" + badRowPolicy + "]";
    }

    /** Builds a validated {@link CorpusFormat}; starts from the {@link #csv()} settings. */
    public static final class Builder {
        private char delimiter = ',';
        private boolean header = true;
        private boolean quoting = true;
        private Column sourceColumn = Column.named("source");
        private Column targetColumn = Column.named("target");
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL;

        private Builder() {
        }

        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        public Builder quoting(boolean quoting) {
            this.quoting = quoting;
            return this;
        }

        public Builder sourceColumn(Column column) {
            this.sourceColumn = Objects.requireNonNull(column, "sourceColumn");
            return this;
        }

        public Builder targetColumn(Column column) {
            this.targetColumn = Objects.requireNonNull(column, "targetColumn");
            return this;
        }

        /** Shorthand for choosing both columns by header name. */
        public Builder columns(String source, String target) {
            return sourceColumn(Column.named(source)).targetColumn(Column.named(target));
        }

        /** Shorthand for choosing both columns by zero-based index. */
        public Builder columns(int source, int target) {
            return sourceColumn(Column.at(source)).targetColumn(Column.at(target));
        }

        public Builder badRowPolicy(BadRowPolicy policy) {
            this.badRowPolicy = Objects.requireNonNull(policy, "badRowPolicy");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the settings contradict each other: a delimiter
         *         that is a quote or a line break, columns chosen by name without a header, or
         *         the source and target being the same column
         */
        public CorpusFormat build() {
            if (delimiter == '\r' || delimiter == '\n') {
                throw new IllegalArgumentException("the delimiter cannot be a line break");
            }
            if (quoting && delimiter == '"') {
                throw new IllegalArgumentException("the delimiter cannot be the quote character '\"'");
            }
            if (!header && (sourceColumn instanceof Column.Named || targetColumn instanceof Column.Named)) {
                throw new IllegalArgumentException("columns chosen by name need a header row; without one, "
                        + "choose them by index (source " + sourceColumn + ", target " + targetColumn + ")");
            }
            if (sourceColumn.equals(targetColumn)) {
                throw new IllegalArgumentException("source and target are the same column " + sourceColumn);
            }
            return new CorpusFormat(this);
        }
    }
}
