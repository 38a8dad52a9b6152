package org.seq2seq.spark.allreduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction1;

/** Spark in-process ({@code local[3]}): the tasks of a barrier stage sum arrays among themselves, without the driver. */
class BarrierRingTest {
    private static final int TASKS = 3;
    private static final int LENGTH = 100_001;

    /** Task i contributes the values {@code i + j / LENGTH} and returns the sum it got. */
    static final class SumTask extends AbstractFunction1<scala.collection.Iterator<Integer>,
            scala.collection.Iterator<float[]>> implements Serializable {
        @Override
        public scala.collection.Iterator<float[]> apply(scala.collection.Iterator<Integer> input) {
            int partition = BarrierTaskContext.get().partitionId();
            float[] values = new float[LENGTH];
            for (int j = 0; j < LENGTH; j++) {
                values[j] = partition + (float) j / LENGTH;
            }
            try (RingAllReduce ring = BarrierRing.join(Duration.ofSeconds(30))) {
                ring.sum(values);
            }
            Iterator<float[]> out = List.of(values).iterator();
            return scala.collection.JavaConverters.asScalaIteratorConverter(out).asScala();
        }
    }

    @Test
    void theTasksOfABarrierStageSumAmongThemselves() {
        SparkConf conf = new SparkConf().setMaster("local[" + TASKS + "]").setAppName("seq2seq-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            JavaRDD<Integer> tasks = spark.parallelize(List.of(0, 1, 2), TASKS);
            ClassTag<float[]> type = ClassTag$.MODULE$.apply(float[].class);
            List<float[]> sums = tasks.rdd().barrier().mapPartitions(new SumTask(), false, type).toJavaRDD().collect();
            assertEquals(TASKS, sums.size());
            for (int t = 1; t < TASKS; t++) {
                assertArrayEquals(sums.get(0), sums.get(t), 0f, "task " + t + " against task 0: the same bits");
            }
            for (int j = 0; j < LENGTH; j += 997) {
                float one = (float) j / LENGTH;
                assertEquals(0 + 1 + 2 + 3 * one, sums.get(0)[j], 1e-5, "value " + j);
            }
        }
    }
}
