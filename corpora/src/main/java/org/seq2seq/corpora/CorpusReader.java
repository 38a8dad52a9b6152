package org.seq2seq.corpora;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.seq2seq.corpora.text.Whitespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the sentence pairs of one corpus file, record by record: memory does not grow with the
 * file. Parsing is Apache Commons CSV's; this class adds strict UTF-8, header and column checks,
 * the bad-row policy and messages that name the file, the record and the line.
 *
 * <pre>{@code
 * try (CorpusReader reader = CorpusReader.open(Path.of("train.de-en.csv"), CorpusFormat.csv())) {
 *     for (SentencePair pair : reader) { ... }
 *     System.out.println(reader.report().summary());
 * }
 * }</pre>
 *
 * <p>Record numbers count data records from 1 (the header is not one), blank lines included;
 * line numbers count physical lines from 1 and give the line a record starts on. A reader is
 * iterated once; open the file again for another pass. Not thread-safe.
 */
public final class CorpusReader implements Iterable<SentencePair>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CorpusReader.class);
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_EXAMPLES = 5;

    /** A parsed record and the line it starts on. */
    private record Raw(CSVRecord record, long line) {
    }

    private final Path file;
    private final CorpusFormat format;
    private final Utf8Reader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int sourceIndex;
    private final int targetIndex;
    /** Fields every record must have: the header's, or else the first record's; -1 until known. */
    private int expectedFields;

    private Raw lookahead;
    private CorpusException pendingFailure;
    private boolean iterated;
    private boolean finished;

    private long pairs;
    private long blankLines;
    private final Map<RowProblem, Long> skipped = new EnumMap<>(RowProblem.class);
    private final List<String> examples = new ArrayList<>();

    private CorpusReader(Path file, CorpusFormat format, InputStream in) throws IOException {
        this.file = file;
        this.format = format;
        this.text = new Utf8Reader(in);
        this.parser = new CSVParser(text, format.commonsFormat());
        this.records = parser.iterator();

        List<String> header = null;
        if (format.hasHeader()) {
            Raw first = readRaw();
            if (first == null) {
                throw new CorpusException(file, "the file is empty; expected a header row naming the columns "
                        + format.sourceColumn() + " and " + format.targetColumn(), null);
            }
            header = first.record().toList();
        }
        advanceLookahead();
        if (header != null) {
            Utf8Reader.Malformed bad = text.takeMalformedBefore(lookaheadStart());
            if (bad != null) {
                throw new CorpusException(file, 0, 1, "header row: invalid UTF-8 (bytes at offset "
                        + bad.byteOffset() + ")", null);
            }
        }
        try {
            this.sourceIndex = format.sourceColumn().resolve(header);
            this.targetIndex = format.targetColumn().resolve(header);
        } catch (IllegalArgumentException e) {
            throw new CorpusException(file, 0, header == null ? 0 : 1,
                    (header == null ? "" : "header row: ") + e.getMessage(), e);
        }
        if (sourceIndex == targetIndex) {
            throw new CorpusException(file, "source " + format.sourceColumn() + " and target "
                    + format.targetColumn() + " are the same column (" + sourceIndex + ")", null);
        }
        this.expectedFields = header == null ? -1 : header.size();
    }

    /**
     * Opens a corpus file for streaming. Names ending in {@code .gz} are decompressed.
     *
     * @throws CorpusException when the file is missing or unreadable, or its header does not
     *         have the format's columns
     */
    public static CorpusReader open(Path file, CorpusFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        InputStream in = null;
        try {
            if (Files.isDirectory(file)) {
                throw new CorpusException(file, "is a directory, not a corpus file", null);
            }
            in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, BUFFER_SIZE);
            }
            return new CorpusReader(file, format, in);
        } catch (NoSuchFileException e) {
            throw new CorpusException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new CorpusException(file, "cannot be read: permission denied", e);
        } catch (ZipException e) {
            closeQuietly(in);
            throw new CorpusException(file, "the name ends in .gz but the file is not gzip-compressed", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new CorpusException(file, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Reads a whole (small) corpus into memory; for large ones iterate instead. */
    public static List<SentencePair> readAll(Path file, CorpusFormat format) {
        try (CorpusReader reader = open(file, format)) {
            List<SentencePair> all = new ArrayList<>();
            reader.forEach(all::add);
            return all;
        }
    }

    public Path file() {
        return file;
    }

    public CorpusFormat format() {
        return format;
    }

    /** What has been read so far; complete once iteration has ended. */
    public ReadReport report() {
        return new ReadReport(file, pairs, blankLines, skipped, examples);
    }

    /**
     * The pairs, in file order. Bad records throw a {@link CorpusException} from
     * {@code hasNext()} or are skipped, as the format's {@link BadRowPolicy} says.
     *
     * @throws IllegalStateException when called a second time
     */
    @Override
    public Iterator<SentencePair> iterator() {
        if (iterated) {
            throw new IllegalStateException(file + " is being read already; open it again for another pass");
        }
        iterated = true;
        return new Iterator<>() {
            private SentencePair next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = advance();
                }
                return next != null;
            }

            @Override
            public SentencePair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SentencePair pair = next;
                next = null;
                return pair;
            }
        };
    }

    /** The pairs as a sequential stream; closing the stream closes this reader. */
    public Stream<SentencePair> stream() {
        return StreamSupport.stream(spliterator(), false).onClose(this::close);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be closed", e);
        }
    }

    /** The next good pair, or null at the end of the file. */
    private SentencePair advance() {
        while (true) {
            if (pendingFailure != null) {
                throw pendingFailure;
            }
            Raw current = lookahead;
            if (current == null) {
                finish();
                return null;
            }
            advanceLookahead();
            SentencePair pair = check(current, lookaheadStart());
            if (pair != null) {
                return pair;
            }
        }
    }

    /**
     * Reads the record after the current one. Knowing where it starts tells where the current one
     * ends, which places invalid UTF-8; an error in it is kept until the current one is delivered.
     */
    private void advanceLookahead() {
        try {
            lookahead = readRaw();
        } catch (CorpusException e) {
            lookahead = null;
            pendingFailure = e;
        }
    }

    private long lookaheadStart() {
        return lookahead == null ? Long.MAX_VALUE : lookahead.record().getCharacterPosition();
    }

    private Raw readRaw() {
        long line = parser.getCurrentLineNumber() + 1;
        try {
            return records.hasNext() ? new Raw(records.next(), line) : null;
        } catch (UncheckedIOException e) {
            long record = parser.getRecordNumber() + 1 - (format.hasHeader() ? 1 : 0);
            throw new CorpusException(file, record, line, describeParseError(e.getCause()), e);
        }
    }

    /** Checks one record; returns its pair, or null when it was blank or skipped. */
    private SentencePair check(Raw raw, long end) {
        CSVRecord r = raw.record();
        long number = r.getRecordNumber() - (format.hasHeader() ? 1 : 0);
        Utf8Reader.Malformed bad = text.takeMalformedBefore(end);
        if (bad != null) {
            return reject(RowProblem.INVALID_UTF8, number, raw.line(),
                    "invalid UTF-8 (the bytes at offset " + bad.byteOffset() + " of the file)");
        }
        if (r.size() == 1 && r.get(0).isEmpty()) {
            blankLines++;
            return null;
        }
        if (expectedFields < 0) {
            expectedFields = r.size();
        }
        if (r.size() <= Math.max(sourceIndex, targetIndex)) {
            boolean sourceMissing = r.size() <= sourceIndex;
            return reject(RowProblem.MISSING_COLUMN, number, raw.line(), "missing "
                    + (sourceMissing ? "source column " + format.sourceColumn() : "target column " + format.targetColumn())
                    + ": the record has " + fields(r.size()));
        }
        if (r.size() != expectedFields) {
            return reject(RowProblem.FIELD_COUNT, number, raw.line(), "the record has " + fields(r.size())
                    + ", expected " + expectedFields + (format.hasHeader() ? " as in the header" : " as in the first record")
                    + (format.quoting() ? " (a field with the delimiter in it must be quoted)" : ""));
        }
        String source = r.get(sourceIndex);
        String target = r.get(targetIndex);
        if (Whitespace.isBlank(source)) {
            return reject(RowProblem.EMPTY_SOURCE, number, raw.line(), "empty source (column " + format.sourceColumn() + ")");
        }
        if (Whitespace.isBlank(target)) {
            return reject(RowProblem.EMPTY_TARGET, number, raw.line(), "empty target (column " + format.targetColumn() + ")");
        }
        pairs++;
        return new SentencePair(source, target);
    }

    private SentencePair reject(RowProblem problem, long record, long line, String message) {
        if (format.badRowPolicy() == BadRowPolicy.FAIL) {
            throw new CorpusException(file, record, line, message, null);
        }
        skipped.merge(problem, 1L, Long::sum);
        String full = CorpusException.format(file, record, line, message);
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(full);
        }
        log.debug("skipped: {}", full);
        return null;
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        ReadReport report = report();
        if (report.skippedTotal() > 0) {
            log.warn("{}; first: {}", report.summary(), examples.get(0));
        } else if (report.blankLines() > 0) {
            log.info(report.summary());
        } else {
            log.debug(report.summary());
        }
    }

    /** Commons CSV's parse errors, said for people. */
    private static String describeParseError(Throwable cause) {
        String message = String.valueOf(cause == null ? null : cause.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "unterminated quote: a quoted field starts in this record and is never closed";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote: a quote inside a quoted field must be doubled (\"\")";
        }
        if (cause instanceof CSVException) {
            return "cannot be parsed: " + message;
        }
        return "cannot be read: " + message;   // the file or its compression, not its CSV
    }

    private static String fields(int n) {
        return n + (n == 1 ? " field" : " fields");
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the open failed already; that error is the one to report
            }
        }
    }
}
