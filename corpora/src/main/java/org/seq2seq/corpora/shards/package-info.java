/**
 * A training corpus prepared once as token ids in binary shards, so that training reads it pass
 * after pass with memory that does not grow with the corpus and without tokenizing it again.
 *
 * <p>{@link org.seq2seq.corpora.shards.PreparedCorpus} writes and opens the directory (shards
 * plus a manifest naming the source file's size and SHA-256) and hands its pairs to a
 * {@link org.seq2seq.corpora.batch.BucketBatchIterator}, shards in a new order every epoch;
 * {@link org.seq2seq.corpora.shards.ShardFile} is one shard's layout and checks.
 */
package org.seq2seq.corpora.shards;
