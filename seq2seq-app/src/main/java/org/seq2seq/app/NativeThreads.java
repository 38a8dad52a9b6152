package org.seq2seq.app;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks ND4J's native thread count when the user has not (no {@code OMP_NUM_THREADS}).
 *
 * <p>Measured on a 2-vCPU machine (two hyperthreads of one core): one native thread trains
 * Multi30k about 20% faster than two, and a toy model's step takes 56 ms instead of 95 ms;
 * ND4J's per-op threading costs more than it gains there. So on machines with at most two
 * processors the application runs ND4J (its ops and OpenBLAS) on one thread.
 */
final class NativeThreads {
    private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {
    }

    static void configure() {
        String env = System.getenv("OMP_NUM_THREADS");
        int processors = Runtime.getRuntime().availableProcessors();
        if ((env != null && !env.isBlank()) || processors > 2) {
            return;
        }
        Nd4j.getEnvironment().setMaxMasterThreads(1);       // loads the backend first
        Nd4j.getEnvironment().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        log.debug("{} processors and no OMP_NUM_THREADS: ND4J runs on 1 native thread", processors);
    }
}
