package org.seq2seq.serve;

import org.seq2seq.decoder.search.SearchOptions;

/**
 * The search a request asks for. A value (requests that ask the same can share a batch, which
 * {@link SearchOptions} cannot tell, its length penalty being a function).
 *
 * @param beam      beam size (1: greedy search)
 * @param nBest     translations returned per sentence; the beam is widened to it
 * @param maxLength most output tokens (END included); null: the search's default,
 *                  {@code 2 × source tokens + 10}
 * @param noRepeatNgram n: no n-gram of output tokens twice in one translation; 0 for no limit
 */
record SearchChoice(int beam, int nBest, Integer maxLength, int noRepeatNgram) {
    /** The translator's search options for this choice. */
    SearchOptions options() {
        SearchOptions.Builder b = SearchOptions.builder().beamSize(Math.max(beam, nBest)).nBest(nBest)
                .noRepeatNgram(noRepeatNgram);
        if (maxLength != null) {
            b.maxLength(0, maxLength);
        }
        return b.build();
    }
}
