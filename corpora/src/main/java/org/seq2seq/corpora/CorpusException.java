package org.seq2seq.corpora;

import java.nio.file.Path;

/**
 * A corpus file could not be read as asked: the message names the file, and where the problem is
 * in a record, the record number (data records from 1, the header not counted) and the line the
 * record starts on.
 */
public final class CorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long recordNumber;
    private final long lineNumber;
    private final String problem;

    /**
     * @param file         the corpus file
     * @param recordNumber the data record (from 1), or 0 when the problem is not in a data record
     * @param lineNumber   the line the record starts on (from 1), or 0 when unknown
     * @param problem      what is wrong, for people
     * @param cause        the underlying exception, or null
     */
    public CorpusException(Path file, long recordNumber, long lineNumber, String problem, Throwable cause) {
        super(format(file, recordNumber, lineNumber, problem), cause);
        this.file = file;
        this.recordNumber = recordNumber;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** A problem with the file as a whole (it is missing, its header is wrong). */
    public CorpusException(Path file, String problem, Throwable cause) {
        this(file, 0, 0, problem, cause);
    }

    public Path file() {
        return file;
    }

    /** The data record (from 1, the header not counted), or 0 when the problem is not in one. */
    public long recordNumber() {
        return recordNumber;
    }

    /** The line the record starts on (from 1, the header counted), or 0. */
    public long lineNumber() {
        return lineNumber;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    static String format(Path file, long recordNumber, long lineNumber, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (recordNumber > 0) {
            sb.append(": record ").append(recordNumber);
            if (lineNumber > 0) {
                sb.append(" (line ").append(lineNumber).append(')');
            }
        } else if (lineNumber > 0) {
            sb.append(": line ").append(lineNumber);
        }
        return sb.append(": ").append(problem).toString();
    }
}
