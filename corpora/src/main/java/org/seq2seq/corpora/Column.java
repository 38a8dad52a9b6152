package org.seq2seq.corpora;

import java.util.List;
import java.util.Objects;

/** Which column of a corpus file holds one side of the sentence pairs: by header name or by position. */
public sealed interface Column {

    /** The column whose header cell is {@code name} (exact, case-sensitive match). */
    static Column named(String name) {
        return new Named(name);
    }

    /** The column at zero-based {@code index}. */
    static Column at(int index) {
        return new Indexed(index);
    }

    /**
     * Resolves this column against a header.
     *
     * @param header the header cells, or {@code null} when the file has none
     * @return the zero-based index of the column
     * @throws IllegalArgumentException with a message for people when the column is not there
     */
    int resolve(List<String> header);

    /** A column chosen by its header cell. */
    record Named(String name) implements Column {
        public Named {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a column name must not be empty");
            }
        }

        @Override
        public int resolve(List<String> header) {
            if (header == null) {
                throw new IllegalArgumentException(
                        "column '" + name + "' is chosen by name, but the format has no header row");
            }
            int index = header.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("the header has no column '" + name + "'; its columns are "
                        + quoted(header) + " (if the file has no header row, choose columns by index)");
            }
            if (header.lastIndexOf(name) != index) {
                throw new IllegalArgumentException("the header names column '" + name + "' more than once "
                        + "(columns " + index + " and " + header.lastIndexOf(name) + "); choose it by index");
            }
            return index;
        }

        @Override
        public String toString() {
            return "'" + name + "'";
        }

        private static String quoted(List<String> cells) {
            StringBuilder sb = new StringBuilder();
            for (String cell : cells) {
                sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(cell).append('\'');
            }
            return sb.toString();
        }
    }

    /** A column chosen by its zero-based position. */
    record Indexed(int index) implements Column {
        public Indexed {
            if (index < 0) {
                throw new IllegalArgumentException("a column index must be 0 or more, got " + index);
            }
        }

        @Override
        public int resolve(List<String> header) {
            if (header != null && index >= header.size()) {
                throw new IllegalArgumentException("column index " + index + " is past the header, which has "
                        + header.size() + " column" + (header.size() == 1 ? "" : "s"));
            }
            return index;
        }

        @Override
        public String toString() {
            return "#" + index;
        }
    }
}
