package org.seq2seq.spark.replica;

import java.io.Serializable;
import java.util.Collections;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The function of the barrier stage's tasks: each runs a {@link Replica} and returns nothing
 * (what the replicas compute goes to the driver over their sockets).
 */
final class ReplicaTask extends AbstractFunction1<Iterator<Integer>, Iterator<Integer>> implements Serializable {
    private final Replica.Settings settings;

    ReplicaTask(Replica.Settings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Integer> apply(Iterator<Integer> partition) {
        Replica.run(settings);
        return scala.collection.JavaConverters.asScalaIteratorConverter(Collections.<Integer>emptyIterator()).asScala();
    }
}
