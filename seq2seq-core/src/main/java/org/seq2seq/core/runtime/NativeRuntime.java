package org.seq2seq.core.runtime;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide part of the runtime, set in this one place, once per JVM, before ND4J's first
 * use, and logged: the thread pools of ND4J's native ops and of OpenBLAS, and JavaCPP's check of
 * the process's physical memory. Everything else about threads is per use: a translator's or a
 * training run's {@link org.seq2seq.nn.runtime.Compute} sizes the
 * {@link org.seq2seq.nn.runtime.RangeExecutor} its work runs on.
 *
 * <p><b>Native pools: one thread each</b>, unless {@code OMP_NUM_THREADS} (ND4J and OpenBLAS) or
 * {@value #BLAS_THREADS} (OpenBLAS alone) says otherwise. The work that pays to run in parallel
 * (the recurrences, the large products, the loss's softmax, the Adam step, the log-softmax of
 * decoding) is split by the library's own executor into parts that each call OpenBLAS on one
 * thread; a second layer of native threads under it would oversubscribe the processors and make
 * results depend on the thread count; one native thread was faster in every measurement
 * (docs/performance.md, "NativeRuntime"). What stays on one native thread (ND4J's element-wise ops in DL4J's own layers: the
 * embedding lookup, the last-step vertex) is the serial part of a step, see {@code docs/threads.md}.
 *
 * <p>An OpenMP build of OpenBLAS (Debian's {@code libopenblas0-openmp}, which
 * {@link SystemOpenBlas} loads when asked to) sets OpenMP's thread count too and follows it at
 * every product, so ND4J's ops run on as many threads as the products.
 *
 * <p><b>JavaCPP's memory check.</b> JavaCPP, which allocates ND4J's native memory, reads the
 * process's resident size from the operating system at every allocation that has a deallocator,
 * to call the garbage collector when it exceeds twice the Java heap
 * ({@code org.bytedeco.javacpp.maxPhysicalBytes}). ND4J allocates one such pointer for the shape
 * of every array and view, so a small model's training step spent a sixth of its time in that
 * check (docs/performance.md, "NativeRuntime (JavaCPP's memory check)"). {@link #configure} turns
 * the check off unless the user set the property; JavaCPP's own limit on the native memory it
 * tracks ({@code org.bytedeco.javacpp.maxBytes}, the heap's size by default) still calls the
 * garbage collector when that memory grows. The property is read once, when JavaCPP is loaded: a
 * program that used ND4J before keeps the check.
 *
 * <p>The backend is whatever the program put on its class path; the OpenMP setting is applied
 * through the native backend's API when it is there (looked up by name, so this module compiles
 * against {@code nd4j-api} only) and skipped otherwise.
 */
public final class NativeRuntime {
    /** Environment variable: threads for OpenBLAS's matrix products only, whatever the rest uses. */
    public static final String BLAS_THREADS = "SEQ2SEQ_BLAS_THREADS";

    /** JavaCPP's limit on the process's resident memory (0: not checked), read when JavaCPP loads. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private static final Logger log = LoggerFactory.getLogger(NativeRuntime.class);

    private static Settings settings;

    private NativeRuntime() {
    }

    /**
     * What {@link #configure} chose.
     *
     * @param processors     processors the JVM sees
     * @param nativeThreads  ND4J's op threads, or 0 when {@code OMP_NUM_THREADS} decides
     * @param blasThreads    OpenBLAS's threads, or 0 when {@code OMP_NUM_THREADS} decides
     */
    public record Settings(int processors, int nativeThreads, int blasThreads) {
        @Override
        public String toString() {
            return processors + " processors; native pools: ND4J " + (nativeThreads == 0 ? "OMP_NUM_THREADS"
                    : nativeThreads + (nativeThreads == 1 ? " thread" : " threads")) + ", OpenBLAS "
                    + (blasThreads == 0 ? "OMP_NUM_THREADS" : blasThreads + (blasThreads == 1 ? " thread" : " threads"));
        }
    }

    /**
     * Sets the native pools and turns JavaCPP's physical-memory check off unless the user set it,
     * once per JVM (later calls return what the first chose), and logs the choice. Loads the ND4J
     * backend.
     */
    public static synchronized Settings configure() {
        if (settings != null) {
            return settings;
        }
        SystemOpenBlas.choose(false);                          // before JavaCPP loads OpenBLAS; may refuse the variable
        skipPhysicalMemoryCheck(System.getProperties());
        String omp = System.getenv("OMP_NUM_THREADS");
        int processors = Runtime.getRuntime().availableProcessors();
        int blasThreads = blasThreads(System.getenv(BLAS_THREADS));
        if (omp == null || omp.isBlank()) {
            Nd4j.getEnvironment().setMaxMasterThreads(1);       // loads the backend first
            Nd4j.getEnvironment().setMaxThreads(1);
            setOmpThreads(1);
            blasThreads = blasThreads > 0 ? blasThreads : 1;
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            settings = new Settings(processors, 1, blasThreads);
        } else {
            if (blasThreads > 0) {
                Nd4j.factory().blas().setMaxThreads(blasThreads);
            }
            settings = new Settings(processors, 0, blasThreads);
        }
        log.info("runtime: {}", settings);
        return settings;
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
