package org.seq2seq.corpora;

/** What a {@link CorpusReader} does with a record it cannot turn into a sentence pair. */
public enum BadRowPolicy {
    /** Stop with a {@link CorpusException} naming the file, record and problem. The default. */
    FAIL,
    /**
     * Skip the record, count it by {@link RowProblem}, and report the counts when reading ends.
     * Errors that leave the parser unable to find the next record (an unterminated quote) still
     * fail, because everything after them would be lost.
     */
    SKIP
}
