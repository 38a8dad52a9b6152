package org.seq2seq.corpora;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared material that sits beside the project ({@code ../shared} from the project
 * root), or where {@code -Dseq2seq.shared=...} says.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared directory, whether or not it exists. */
    public static Path root() {
        String override = System.getProperty("seq2seq.shared");
        if (override != null) {
            return Path.of(override);
        }
        // Surefire runs in the module directory: <project>/corpora -> <project>/../shared
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return module.getParent().resolveSibling("shared");
    }

    /** A file under the shared directory, whether or not it exists. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /**
     * When {@code file} is absent: on CI (environment {@code CI=true}, where {@code ../shared} is
     * always laid beside the clone) fails the calling test; elsewhere skips it, with a message on
     * standard output and in the report. Call it from each test (or a {@code @BeforeEach}), so
     * that the tests are counted as skipped.
     */
    public static void assumePresent(Path file) {
        if (!Files.isRegularFile(file)) {
            String where = file + " is not there (the shared material lives in ../shared beside the project, or "
                    + "where -Dseq2seq.shared says)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + where);
            }
            System.out.println("skipped: " + where);
            assumeTrue(false, "skipped: " + where);
        }
    }

    /**
     * Checks that a test resource is a faithful copy of a shared file (skipped, as above, when
     * the shared file is absent): the copy lets the tests run without {@code ../shared}, this
     * check notices when the two drift apart.
     */
    public static void assertCopyOf(String sharedFile, Class<?> owner, String resource) throws java.io.IOException {
        Path shared = file(sharedFile);
        assumePresent(shared);
        try (var in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                fail("no test resource " + resource);
            }
            if (!java.util.Arrays.equals(Files.readAllBytes(shared), in.readAllBytes())) {
                fail(resource + " differs from " + shared + ": copy the shared file again");
            }
        }
    }
}
