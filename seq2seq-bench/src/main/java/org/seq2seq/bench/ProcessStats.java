package org.seq2seq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;

/** Peak resident memory and thread settings of this process (Linux). */
public final class ProcessStats {
    private ProcessStats() {
    }

    /** Peak resident set size in MB ({@code VmHWM} of {@code /proc/self/status}); NaN elsewhere. */
    public static double peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** ND4J's native op threads (OpenMP) as set now. */
    public static int nativeThreads() {
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** OpenBLAS's threads as set now. */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }
}
