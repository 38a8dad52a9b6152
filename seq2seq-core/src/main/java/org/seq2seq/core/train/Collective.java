package org.seq2seq.core.train;

/**
 * Arrays summed among the replicas of a data-parallel run (an allreduce in two halves). Every
 * replica calls each method with an array of the same length, in the same order. After
 * {@link #reduceScatter} a replica holds the sum over all replicas of its own part of the array,
 * {@code [ownedFrom(n), ownedTo(n))}; {@link #allGather} then copies every replica's part to all.
 */
public interface Collective {
    /** This replica, from 0. */
    int rank();

    /** The replicas. */
    int size();

    /** Replaces {@code values} by their sum over the replicas, on every replica: both halves. */
    default void sum(float[] values) {
        reduceScatter(values);
        allGather(values);
    }

    /** Sums this replica's part of {@code values} over the replicas; the rest is left undefined. */
    void reduceScatter(float[] values);

    /** Copies each replica's part of {@code values} into every replica's array. */
    void allGather(float[] values);

    /** The first index of this replica's part of an array of {@code n} values. */
    int ownedFrom(int n);

    /** The index after this replica's part of an array of {@code n} values. */
    int ownedTo(int n);
}
