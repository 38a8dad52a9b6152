import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one test class round after round in one JVM, the loop of docs/reliability.md ("Loops and
 * stress"): a native crash ends the JVM with exit 134 and an hs_err file; a failed test ends the
 * loop with exit 1. With --allocate a thread makes 32 KB arrays without pause, so that with a small
 * young generation (-Xmn16m) collections come every few milliseconds. Run from the project root
 * after `mvn -B -q -DskipTests install`:
 *
 *     mvn -B -q -o -pl encoder dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 *     java -Xmn16m -cp encoder/target/test-classes:encoder/target/classes:$(cat /tmp/cp.txt):$HOME/.m2/repository/org/junit/platform/junit-platform-launcher/1.11.4/junit-platform-launcher-1.11.4.jar \
 *         scripts/LoopTests.java org.seq2seq.encoder.lstm.LstmEncoderLayerTest 10 --allocate
 */
public class LoopTests {
    public static void main(String[] args) throws ClassNotFoundException {
        Class<?> testClass = Class.forName(args[0]);
        int rounds = Integer.parseInt(args[1]);
        if (args.length > 2 && args[2].equals("--allocate")) {
            AtomicLong made = new AtomicLong();
            Thread garbage = new Thread(() -> {
                byte[][] kept = new byte[8][];
                for (long i = 0; ; i++) {
                    kept[(int) (i & 7)] = new byte[32 * 1024];
                    made.addAndGet(32 * 1024);
                }
            }, "garbage");
            garbage.setDaemon(true);
            garbage.start();
        }
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        for (int round = 1; round <= rounds; round++) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            System.out.printf("round %d of %d: %d tests, %d failed%n", round, rounds, summary.getTestsSucceededCount()
                    + summary.getTestsFailedCount(), summary.getTestsFailedCount());
            if (summary.getTestsFailedCount() > 0) {
                summary.getFailures().forEach(f -> System.out.println(f.getTestIdentifier().getDisplayName() + ": "
                        + f.getException()));
                System.exit(1);
            }
        }
        System.out.println("passed: " + rounds + " rounds");
    }
}
