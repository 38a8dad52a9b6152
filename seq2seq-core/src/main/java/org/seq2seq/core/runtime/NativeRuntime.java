package org.seq2seq.core.runtime;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.nn.SecondThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the native runtime ND4J runs on, before its first use: the thread counts when the user
 * has not chosen them ({@code OMP_NUM_THREADS} unset), and JavaCPP's check of the process's
 * physical memory. {@link org.seq2seq.core.translate.Translator#load} and training call it, so a
 * Java program that embeds the library gets the same speed as the command line without any set-up
 * of its own.
 *
 * <p>Measured on a 2-vCPU machine (two hyperthreads of one core): one native thread trains
 * Multi30k about 20% faster than two, a toy model's step takes 56 ms instead of 95 ms, and
 * single-sentence translation from plain Java ran 1.1 calls/s with ND4J's own thread choice
 * against 16.8 with one thread. So on machines with at most two processors ND4J runs its ops on
 * one thread, and so does OpenBLAS. On two processors the second one is used by our own code
 * instead ({@link SecondThread}): large products, the training loss's softmax, the recurrences
 * of the encoder and decoder and the Adam step run in two halves at once, with the same results.
 * Setting (b) of {@code bench} took 0.0106–0.0120 s/step with it against 0.0145 without, where
 * OpenBLAS's own second thread had made it slower; setting (a) and decoding were as fast as with
 * two OpenBLAS threads. {@code SEQ2SEQ_SECOND_THREAD=off} turns it off; then large models get two
 * OpenBLAS threads ({@link #blasThreadsFor}). {@code SEQ2SEQ_BLAS_THREADS} sets OpenBLAS's
 * threads alone (and, above one, leaves the second thread off), except with an OpenMP build of OpenBLAS (Debian's
 * {@code libopenblas0-openmp}, which {@link SystemOpenBlas} loads when asked to): that library
 * sets OpenMP's thread count too and follows it at every product, so ND4J's ops run on as many
 * threads as the products (bench then reports two native threads for the large model).
 *
 * <p>JavaCPP, which allocates ND4J's native memory, reads the process's resident size from the
 * operating system at every allocation that has a deallocator, to call the garbage collector when
 * it exceeds twice the Java heap ({@code org.bytedeco.javacpp.maxPhysicalBytes}). ND4J allocates
 * one such pointer for the shape of every array and view, so a small model's training step spent
 * 16% of its time in that check (setting (b) of {@code bench}, one run after the other: 0.064
 * against 0.042 s/step without it). {@link #configure} turns the check off unless the user set the property; JavaCPP's own
 * limit on the native memory it tracks ({@code org.bytedeco.javacpp.maxBytes}, the heap's size by
 * default) still calls the garbage collector when that memory grows. The property is read once,
 * when JavaCPP is loaded: a program that used ND4J before keeps the check.
 *
 * <p>The backend is whatever the program put on its class path; the OpenMP setting is applied
 * through the native backend's API when it is there (looked up by name, so this module compiles
 * against {@code nd4j-api} only) and skipped otherwise.
 */
public final class NativeRuntime {
    /** Environment variable: threads for OpenBLAS's matrix products only, whatever the rest uses. */
    public static final String BLAS_THREADS = "SEQ2SEQ_BLAS_THREADS";

    /** Environment variable: {@code off} keeps {@link SecondThread} off on two processors. */
    public static final String SECOND_THREAD = "SEQ2SEQ_SECOND_THREAD";

    /** JavaCPP's limit on the process's resident memory (0: not checked), read when JavaCPP loads. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger log = LoggerFactory.getLogger(NativeRuntime.class);

    private static boolean configured;
    /** Whether this class chooses OpenBLAS's threads per model (nobody set them). */
    private static volatile boolean choosingBlasThreads;

    private NativeRuntime() {
    }

    /**
     * Sets ND4J's thread counts for this machine and turns JavaCPP's physical-memory check off
     * unless the user set it, once per JVM: later calls do nothing. Loads the ND4J backend. Leaves
     * the threads as they are when {@code OMP_NUM_THREADS} is set, except OpenBLAS's when
     * {@code SEQ2SEQ_BLAS_THREADS} is.
     */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        SystemOpenBlas.choose(false);                          // before JavaCPP loads OpenBLAS; may refuse the variable
        configured = true;
        skipPhysicalMemoryCheck(System.getProperties());
        String env = System.getenv("OMP_NUM_THREADS");
        int processors = Runtime.getRuntime().availableProcessors();
        int blasThreads = blasThreads(System.getenv(BLAS_THREADS));
        if ((env == null || env.isBlank()) && processors <= 2) {
            Nd4j.getEnvironment().setMaxMasterThreads(1);       // loads the backend first
            Nd4j.getEnvironment().setMaxThreads(1);
            setOmpThreads(1);
            Nd4j.factory().blas().setMaxThreads(blasThreads > 0 ? blasThreads : 1);
            boolean second = processors == 2 && blasThreads <= 1 && secondThreadWanted(System.getenv(SECOND_THREAD));
            SecondThread.use(second);
            choosingBlasThreads = blasThreads == 0 && !second;
            log.debug("{} processors and no OMP_NUM_THREADS: ND4J runs its ops on 1 native thread{}", processors,
                    second ? ", large products and the recurrences' halves also on a second Java thread" : "");
        } else if (blasThreads > 0) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    /**
     * Sets OpenBLAS's threads for a model, when neither {@code OMP_NUM_THREADS} nor
     * {@link #BLAS_THREADS} was given, the machine has at most two processors and
     * {@link SecondThread} is off: see {@link #blasThreadsFor}. Configures the threads first if
     * nobody has.
     */
    public static void forModel(ModelConfig model) {
        configure();
        if (choosingBlasThreads) {
            int threads = blasThreadsFor(model);
            Nd4j.factory().blas().setMaxThreads(threads);
            log.debug("{} BLAS threads for a model of hidden size {} and {} target words", threads,
                    model.hiddenSize(), model.targetVocabularySize());
        }
    }

    /**
     * Two BLAS threads when the output layer's product is large (hidden size × target vocabulary
     * of a million or more), else one. Measured on 2 vCPUs with one op thread: two BLAS threads
     * took setting (a) (512 × 8000) from 1.038 to 0.832 s/step and beam-5 decoding from 21.5 to
     * 25.0 sentences/s, but setting (b) (128 × 1000) from 0.058 to 0.069 s/step.
     */
    public static int blasThreadsFor(ModelConfig model) {
        return (long) model.hiddenSize() * model.targetVocabularySize() >= 1_000_000 ? 2 : 1;
    }

    /** Whether {@link #SECOND_THREAD} leaves the second thread on: unset, or anything but {@code off}. */
    static boolean secondThreadWanted(String value) {
        return value == null || !value.strip().equalsIgnoreCase("off");
    }

    /** The value of {@link #BLAS_THREADS}, or 0 when it is unset or not a positive number (with a warning). */
    static int blasThreads(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        log.warn("{}={} is not a positive number of threads; ignored", BLAS_THREADS, value);
        return 0;
    }

    /**
     * Sets {@link #MAX_PHYSICAL_BYTES} to 0 in these properties unless it (or JavaCPP's lower-case
     * spelling of it) is there.
     */
    static void skipPhysicalMemoryCheck(Properties properties) {
        if (properties.getProperty(MAX_PHYSICAL_BYTES) == null
                && properties.getProperty(MAX_PHYSICAL_BYTES.toLowerCase(Locale.ROOT)) == null) {
            properties.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /** OpenMP's threads through the CPU backend's {@code NativeOpsHolder}, when that backend is loaded. */
    private static void setOmpThreads(int threads) {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(holder.getMethod("getInstance").invoke(null));
            Method set = ops.getClass().getMethod("setOmpNumThreads", int.class);
            set.setAccessible(true);
            set.invoke(ops, threads);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("OpenMP threads not set ({}): not the native CPU backend", e.toString());
        }
    }
}
