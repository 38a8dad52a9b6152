package org.seq2seq.app;

import java.nio.file.Path;
import org.seq2seq.corpora.BadRowPolicy;
import org.seq2seq.corpora.Column;
import org.seq2seq.corpora.CorpusFormat;
import picocli.CommandLine.Option;

/** Command-line options saying how a corpus file is laid out; see {@link CorpusFormat}. */
final class CorpusOptions {
    @Option(names = "--tsv", description = "Tab-separated without header or quoting, source in column 0 and "
            + "target in column 1 (the default for names containing .tsv); otherwise CSV with a header.")
    Boolean tsv;

    @Option(names = "--no-header", description = "The file has no header row: choose columns by index.")
    boolean noHeader;

    @Option(names = "--source-column", paramLabel = "NAME|INDEX",
            description = "Source column: a header name or a zero-based index. Default: source (CSV), 0 (TSV).")
    String sourceColumn;

    @Option(names = "--target-column", paramLabel = "NAME|INDEX",
            description = "Target column: a header name or a zero-based index. Default: target (CSV), 1 (TSV).")
    String targetColumn;

    @Option(names = "--skip-bad-rows", description = "Skip and count bad records instead of stopping at the first.")
    boolean skipBadRows;

    /** The format for {@code file}, from these options and the file's name. */
    CorpusFormat format(Path file) {
        boolean tabs = tsv != null ? tsv : file.getFileName().toString().contains(".tsv");
        CorpusFormat.Builder b = (tabs ? CorpusFormat.tsv() : CorpusFormat.csv()).toBuilder();
        if (noHeader) {
            b.header(false).columns(0, 1);
        }
        if (sourceColumn != null) {
            b.sourceColumn(column(sourceColumn));
        }
        if (targetColumn != null) {
            b.targetColumn(column(targetColumn));
        }
        return b.badRowPolicy(skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL).build();
    }

    private static Column column(String spec) {
        return spec.chars().allMatch(Character::isDigit) ? Column.at(Integer.parseInt(spec)) : Column.named(spec);
    }
}
