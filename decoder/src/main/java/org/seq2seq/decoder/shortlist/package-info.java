/**
 * Vocabulary shortlists: for each source token the target tokens it is most often translated by,
 * learned from co-occurrence in a parallel corpus, so that a search scores only the candidates of
 * the sentence it translates instead of the whole target vocabulary (Marian's lexical shortlists,
 * CTranslate2's vocabulary maps).
 */
package org.seq2seq.decoder.shortlist;
