package org.seq2seq.nn.runtime;

import java.lang.reflect.Field;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes ND4J run every op through {@link ReachableOpsExecutioner}, which keeps the op and its
 * arrays reachable until native code is done with them, so that no garbage collection lets ND4J
 * free memory an op is reading (see the package documentation). Every layer of this library
 * calls {@link #install()} when it is made ({@link org.seq2seq.nn.LayerWiring}), so any network with one of
 * them runs safely, DL4J's own layers in it included.
 *
 * <p>ND4J keeps its executioner in a private field and chooses it at start-up from its backend's
 * properties; this replaces it there, once, and only the CPU backend's (whose flaw it is and whose
 * subclass this library has). Another backend's executioner is left as it is, with a warning once:
 * this library's own broadcast ops stay safe ({@link org.seq2seq.nn.Broadcast}), DL4J's are then ND4J's affair.
 */
public final class SafeExecution {
    private static final Logger LOG = LoggerFactory.getLogger(SafeExecution.class);
    private static final String CPU_EXECUTIONER = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";
    private static final String REACHABLE = "org.seq2seq.nn.runtime.ReachableOpsExecutioner";
    private static volatile boolean installed;

    private SafeExecution() {
    }

    /** Installs the executioner that keeps ops reachable, if it is not yet; cheap once done. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (SafeExecution.class) {
            if (installed) {
                return;
            }
            installed = true;
            OpExecutioner current = Nd4j.getExecutioner();
            String name = current.getClass().getName();
            if (name.equals(REACHABLE)) {
                return;
            }
            if (!name.equals(CPU_EXECUTIONER)) {
                LOG.warn("ND4J's executioner is {}, not the CPU backend's: broadcast ops that DL4J's own layers "
                        + "run may read memory freed under them when the garbage collector runs", name);
                return;
            }
            try {
                OpExecutioner reachable = (OpExecutioner) Class.forName(REACHABLE).getDeclaredConstructor()
                        .newInstance();
                reachable.setProfilingMode(current.getProfilingMode());
                Field field = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
                field.setAccessible(true);
                field.set(null, reachable);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.warn("could not make ND4J keep its ops reachable while they run ({}): broadcast ops that "
                        + "DL4J's own layers run may read memory freed under them", e.toString());
            }
        }
    }

    /** Whether ND4J runs ops through {@link ReachableOpsExecutioner} now. */
    public static boolean isInstalled() {
        return Nd4j.getExecutioner().getClass().getName().equals(REACHABLE);
    }
}
