/**
 * Reading parallel corpora: CSV or TSV files of sentence pairs, streamed record by record.
 *
 * <p>{@link org.seq2seq.corpora.CorpusFormat} says how a file is laid out (delimiter, header,
 * quoting, which columns hold the source and the target, what to do with bad rows);
 * {@link org.seq2seq.corpora.CorpusReader} streams {@link org.seq2seq.corpora.SentencePair}s from
 * it with Apache Commons CSV, in memory independent of the file's size, and reports every bad
 * record with the file, the record number and the line it starts on.
 *
 * <p>Sub-packages: {@code text} (tokenizers), {@code vocab} (vocabularies with fixed special
 * token ids) and {@code batch} (padded, teacher-forced DL4J batches).
 */
package org.seq2seq.corpora;
