package org.seq2seq.corpora.mix;

import java.util.List;

/**
 * What a mix wrote.
 *
 * @param pairsPerPart each part's pairs in its file, in the order of the parts
 * @param written      the pairs written: each part's pairs times its repeat, summed
 */
public record MixReport(List<Long> pairsPerPart, long written) {
    public MixReport {
        pairsPerPart = List.copyOf(pairsPerPart);
    }
}
