/**
 * From sentence pairs to the padded, teacher-forced batches the network trains on.
 *
 * <p>{@link org.seq2seq.corpora.batch.PairEncoder} turns text into token ids
 * ({@link org.seq2seq.corpora.batch.EncodedPair}); a
 * {@link org.seq2seq.corpora.batch.PairSource} delivers them pass after pass, from memory or
 * streamed from a file; {@link org.seq2seq.corpora.batch.BucketBatchIterator} groups pairs of
 * similar length, shuffles with a seed and hands out DL4J {@code MultiDataSet}s laid out by
 * {@link org.seq2seq.corpora.batch.PaddedBatch}. The teacher-forcing shift is
 * {@link org.seq2seq.corpora.batch.TeacherForcing}'s and nobody else's.
 */
package org.seq2seq.corpora.batch;
