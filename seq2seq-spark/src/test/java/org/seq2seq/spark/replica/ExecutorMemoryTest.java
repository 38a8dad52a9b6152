package org.seq2seq.spark.replica;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ExecutorMemoryTest {
    private static final long PARAMETERS = 12_000_000;                 // the Multi30k recipe's flattened arrays

    @Test
    void executorsWithTooLittleMemoryAreToldHowMuchAReplicaNeeds() {
        SparkConf conf = new SparkConf().setMaster("spark://127.0.0.1:7077").set("spark.executor.memory", "512m");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutorMemory.check(conf, PARAMETERS));
        assertEquals("spark.executor.memory is 512 MiB, but a replica of this model (1.20e+07 parameters) needs "
                + "about 666 MiB on its executor: start the run with --conf spark.executor.memory=667m (or more), "
                + "or choose a smaller model", e.getMessage());
        assertDoesNotThrow(() -> ExecutorMemory.check(conf.set("spark.executor.memory", "1g"), PARAMETERS));
    }

    @Test
    void sparksDefaultOfOneGigabyteCountsWhenNothingIsSetAndLocalModeIsNotChecked() {
        SparkConf cluster = new SparkConf().setMaster("spark://127.0.0.1:7077");
        assertDoesNotThrow(() -> ExecutorMemory.check(cluster, PARAMETERS));
        assertThrows(IllegalArgumentException.class, () -> ExecutorMemory.check(cluster, 4 * PARAMETERS));
        SparkConf local = new SparkConf().setMaster("local[2]").set("spark.executor.memory", "1m");
        assertDoesNotThrow(() -> ExecutorMemory.check(local, PARAMETERS), "the driver's JVM, checked by the run");
    }
}
