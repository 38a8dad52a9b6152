package org.seq2seq.core.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which OpenBLAS ND4J and our matrix products load: the one JavaCPP bundles with ND4J (0.3.19 in
 * ND4J 1.0.0-M2.1) or the machine's own {@code libopenblas.so.0}, the library that PyTorch on
 * Debian uses too; on one thread it is a little faster than the bundled one (docs/performance.md,
 * "SystemOpenBlas").
 *
 * <p>The choice is JavaCPP's: the system properties {@code org.bytedeco.openblas.load},
 * {@code org.bytedeco.javacpp.pathsFirst} and {@code java.library.path}, read when JavaCPP first
 * loads OpenBLAS, so {@link #choose} must run before the first use of ND4J; later it changes
 * nothing; {@link NativeRuntime#configure} calls it first. {@value #VARIABLE} chooses:
 * {@code system} or {@code bundled}, the default. A caller may make the machine's library the
 * default ({@code choose(true)}): it is then taken when its file name says version 0.3.19 or later
 * (Debian's {@code libopenblasp-r0.3.21.so}).
 *
 * <p>Why not the default: Debian's build is OpenMP's, which starts a team of threads for every
 * Java thread that multiplies, several times slower when Java threads multiply at once (Spark's
 * {@code local[2]}, several models served, a program translating on a thread pool;
 * docs/performance.md, "SystemOpenBlas (why not the default)"). It serves single-threaded work and the
 * comparison with the PyTorch peer, which uses it.
 */
public final class SystemOpenBlas {
    /** Environment variable: {@code system} or {@code bundled}. */
    public static final String VARIABLE = "SEQ2SEQ_OPENBLAS";

    /** Where Linux distributions put {@code libopenblas.so.0}. */
    static final List<Path> DIRECTORIES = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
            Path.of("/usr/lib"), Path.of("/usr/local/lib"));
    static final String LIBRARY = "libopenblas.so.0";
    static final String LOAD = "org.bytedeco.openblas.load";
    /** The oldest OpenBLAS taken without being asked for: the bundled one's version. */
    static final int[] OLDEST_DEFAULT = {0, 3, 19};
    /** OpenBLAS's own file name, such as {@code libopenblasp-r0.3.21.so}: its version. */
    private static final Pattern VERSIONED = Pattern.compile("libopenblas\\w*-r(\\d+)\\.(\\d+)\\.(\\d+)\\.so.*");

    private static final Logger log = LoggerFactory.getLogger(SystemOpenBlas.class);
    private static boolean chosen;
    private static Optional<Path> loaded = Optional.empty();

    private SystemOpenBlas() {
    }

    /**
     * Makes JavaCPP load the machine's OpenBLAS when {@value #VARIABLE} says {@code system}, or is
     * unset and {@code systemByDefault} holds and the machine has one (64-bit x86 Linux only); once
     * per JVM, the first call decides. Does nothing when the user set {@code org.bytedeco.openblas.load}.
     *
     * @return the library chosen, or empty for the bundled one
     * @throws IllegalArgumentException when {@value #VARIABLE} is neither value, or says
     *                                  {@code system} where there is no such library
     */
    public static synchronized Optional<Path> choose(boolean systemByDefault) {
        if (chosen) {
            return loaded;
        }
        boolean linuxX86 = System.getProperty("os.name", "").startsWith("Linux")
                && System.getProperty("os.arch", "").equals("amd64");
        Optional<Path> library = library(System.getenv(VARIABLE), systemByDefault && linuxX86, DIRECTORIES);
        chosen = true;                                             // decided: a wrong value throws every time
        if (library.isPresent() && System.getProperty(LOAD) == null) {
            useLibrary(library.get(), System.getProperties());
            loaded = Optional.of(realPath(library.get()));
            log.debug("OpenBLAS: the machine's {}", loaded.get());
        }
        return loaded;
    }

    /** The machine's OpenBLAS that {@link #choose} chose (its real path), or empty for the bundled one. */
    public static synchronized Optional<Path> chosen() {
        return loaded;
    }

    /**
     * The library to load, or empty for the bundled one.
     *
     * @param value       the variable's value, or null
     * @param directories where to look, in order
     */
    static Optional<Path> library(String value, boolean systemByDefault, List<Path> directories) {
        String choice = value == null || value.isBlank() ? (systemByDefault ? "default" : "bundled")
                : value.trim().toLowerCase(Locale.ROOT);
        Optional<Path> found = directories.stream().map(d -> d.resolve(LIBRARY)).filter(Files::isReadable).findFirst();
        return switch (choice) {
            case "bundled" -> Optional.empty();
            case "default" -> found.filter(SystemOpenBlas::recentEnough);
            case "system" -> {
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(VARIABLE + "=system, but there is no " + LIBRARY + " in "
                            + directories);
                }
                yield found;
            }
            default -> throw new IllegalArgumentException(VARIABLE + " must be system or bundled, got '" + value + "'");
        };
    }

    /**
     * Whether the file the link points to names OpenBLAS {@link #OLDEST_DEFAULT} or later; an
     * unversioned name (a build of one's own) does not say, so it is not taken by default.
     */
    static boolean recentEnough(Path library) {
        Matcher m = VERSIONED.matcher(realPath(library).getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        for (int i = 0; i < OLDEST_DEFAULT.length; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part != OLDEST_DEFAULT[i]) {
                return part > OLDEST_DEFAULT[i];
            }
        }
        return true;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    /** Sets JavaCPP's properties so that it loads {@code library} in place of its own OpenBLAS. */
    static void useLibrary(Path library, Properties properties) {
        String path = properties.getProperty("java.library.path", "");
        properties.setProperty("java.library.path",
                library.getParent() + (path.isEmpty() ? "" : java.io.File.pathSeparator + path));
        properties.setProperty("org.bytedeco.javacpp.pathsFirst", "true");
        properties.setProperty(LOAD, "openblas@.0");
    }
}
