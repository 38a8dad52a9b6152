package org.seq2seq.core.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NativeMemoryStress} in a child JVM whose young generation is 8 MB, so that the garbage
 * thread makes the collector run every few milliseconds while ND4J's native code runs: before
 * broadcast ops and native copies kept their arrays reachable, this crashed with SIGSEGV in
 * {@code sd::DataBuffer::primary()} within seconds. A crash, a disagreement between passes over
 * the same input or a timeout fails the test with the child's last lines and its {@code hs_err}
 * frame. {@code -Dstress.seconds=N} sets the length (30 by default; the documented full run is 1800).
 */
@Tag("slow")
class NativeMemoryStressTest {
    @TempDir
    Path dir;

    @Test
    void trainsScoresAndDecodesUnderGarbageCollectorPressureWithoutCrashOrDrift() throws Exception {
        long seconds = Long.getLong("stress.seconds", 30);
        Path log = dir.resolve("stress.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmn8m", "-Xmx1g", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                "-cp", System.getProperty("java.class.path"),
                NativeMemoryStress.class.getName(), Long.toString(seconds), dir.resolve("work").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process child = builder.start();
        boolean ended = child.waitFor(seconds + 300, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        String report = "exit " + (ended ? child.exitValue() : "none (timed out)") + problematicFrames()
                + "\nlast lines of the child:\n" + String.join("\n", output.subList(Math.max(0, output.size() - 15),
                output.size()));
        assertTrue(ended, report);
        assertEquals(0, child.exitValue(), report);
        assertTrue(output.stream().anyMatch(line -> line.startsWith("passed: ")), report);
        System.out.println(output.get(output.size() - 1));
    }

    /** The "Problematic frame" lines of any hs_err file the child wrote. */
    private String problematicFrames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_")).map(f -> {
                try {
                    List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                    int at = lines.indexOf("# Problematic frame:");
                    return "\n" + f.getFileName() + ": " + (at < 0 ? "" : lines.get(at + 1));
                } catch (IOException e) {
                    return "\n" + f.getFileName() + ": unreadable";
                }
            }).collect(Collectors.joining());
        }
    }
}
