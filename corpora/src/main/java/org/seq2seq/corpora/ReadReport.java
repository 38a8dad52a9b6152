package org.seq2seq.corpora;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link CorpusReader} did with a file: pairs delivered, blank lines ignored, bad records
 * skipped (by kind, with the first few messages in full).
 *
 * @param file       the corpus file
 * @param pairs      sentence pairs delivered
 * @param blankLines blank lines ignored
 * @param skipped    bad records skipped under {@link BadRowPolicy#SKIP}, by kind
 * @param examples   the full messages of the first skipped records
 */
public record ReadReport(Path file, long pairs, long blankLines, Map<RowProblem, Long> skipped,
                         List<String> examples) {

    public ReadReport {
        EnumMap<RowProblem, Long> copy = new EnumMap<>(RowProblem.class);
        copy.putAll(skipped);
        skipped = Collections.unmodifiableMap(copy);
        examples = List.copyOf(examples);
    }

    /** All skipped records. */
    public long skippedTotal() {
        long total = 0;
        for (long n : skipped.values()) {
            total += n;
        }
        return total;
    }

    /** One line for people, e.g. {@code train.csv: 28997 pairs, skipped 3 bad records (2 empty target, 1 missing column)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(file).append(": ").append(pairs).append(" pairs");
        if (skippedTotal() > 0) {
            sb.append(", skipped ").append(skippedTotal()).append(" bad record").append(skippedTotal() == 1 ? "" : "s")
                    .append(" (");
            String sep = "";
            for (Map.Entry<RowProblem, Long> e : skipped.entrySet()) {
                sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().description());
                sep = ", ";
            }
            sb.append(')');
        }
        if (blankLines > 0) {
            sb.append(", ignored ").append(blankLines).append(" blank line").append(blankLines == 1 ? "" : "s");
        }
        return sb.toString();
    }
}
