package org.seq2seq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch peer ({@code ../shared/peers/torch_seq2seq.py}) run as a child process in its
 * {@code train-bench} and {@code decode-bench} modes, with the same settings as ours, its
 * {@code key=value} output read back.
 *
 * @param python  the interpreter that has PyTorch (Debian's {@code /usr/bin/python3})
 * @param script  the peer script
 * @param threads the peer's {@code --threads}
 */
public record PeerBenchmark(Path python, Path script, int threads) {
    private static final Pattern FIELD = Pattern.compile("([a-z_]+)=([-0-9.]+)");

    /**
     * The peer's training figures.
     *
     * @param setting        the setting's name
     * @param secondsPerStep seconds per timed step
     * @param targetTokensPerSecond label tokens per second
     * @param peakMegabytes  the peer process's peak resident memory
     * @param threads        PyTorch's thread count as the peer reports it
     */
    public record Training(String setting, double secondsPerStep, double targetTokensPerSecond, double peakMegabytes,
                           int threads) {
    }

    /**
     * The peer's decoding figures.
     *
     * @param search             {@code greedy} or {@code beamK}
     * @param sentencesPerSecond sentences per second
     * @param peakMegabytes      the peer process's peak resident memory
     * @param threads            PyTorch's thread count
     */
    public record Decoding(String search, double sentencesPerSecond, double peakMegabytes, int threads) {
    }

    /** The same peer at another thread count. */
    public PeerBenchmark withThreads(int count) {
        return new PeerBenchmark(python, script, count);
    }

    /** Whether the script exists and the interpreter can import PyTorch: an empty string, or why not. */
    public String unavailableBecause() {
        if (!Files.isRegularFile(script)) {
            return script + " not found";
        }
        if (!Files.isExecutable(python)) {
            return python + " not found";
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? "" : python + " cannot import torch (apt-get install -y python3-torch)";
        } catch (IOException e) {
            return python + " does not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** {@code train-bench} at one setting, {@code steps} timed steps. */
    public Training train(BenchSetting s, int steps) throws IOException {
        Map<String, Double> f = fields(run(List.of("--mode", "train-bench",
                "--vocab-src", Integer.toString(s.sourceVocabulary()), "--vocab-tgt", Integer.toString(s.targetVocabulary()),
                "--emb", Integer.toString(s.embedding()), "--hidden", Integer.toString(s.hidden()),
                "--batch", Integer.toString(s.batch()), "--src-len", Integer.toString(s.sourceLength()),
                "--tgt-len", Integer.toString(s.targetLength()), "--steps", Integer.toString(steps))), "");
        return new Training(s.name(), need(f, "sec_per_step"), need(f, "target_tokens_per_sec"),
                need(f, "peak_rss_mb"), (int) need(f, "threads"));
    }

    /** {@code decode-bench} with a random setting-(a) model: greedy and beam. */
    public List<Decoding> decode(int sentences, int sourceLength, int decodeBatch, int beam) throws IOException {
        List<String> out = run(List.of("--mode", "decode-bench", "--sentences", Integer.toString(sentences),
                "--src-len", Integer.toString(sourceLength), "--decode-batch", Integer.toString(decodeBatch),
                "--beam", Integer.toString(beam)));
        Map<String, Double> all = fields(out, "");
        double peak = need(all, "peak_rss_mb");
        int t = (int) need(all, "threads");
        List<Decoding> results = new ArrayList<>();
        for (String search : List.of("greedy", "beam" + beam)) {
            results.add(new Decoding(search, need(fields(out, search + ":"), "sentences_per_sec"), peak, t));
        }
        return results;
    }

    private List<String> run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                "--threads", Integer.toString(threads)));
        command.addAll(arguments);
        // Through a shell that forks it: Linux carries a process's peak resident memory across
        // exec, and a process the JVM starts directly would report the JVM's peak as its own.
        List<String> viaShell = new ArrayList<>(List.of("/bin/sh", "-c", "\"$0\" \"$@\"; exit $?"));
        viaShell.addAll(command);
        Process p = new ProcessBuilder(viaShell).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            int exit = p.waitFor();
            if (exit != 0) {
                List<String> lines = output.lines().toList();
                throw new IOException("the peer (" + String.join(" ", command) + ") failed with exit code " + exit
                        + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the peer ran", e);
        }
        return output.lines().toList();
    }

    /** The {@code key=value} fields of the lines that start with {@code prefix}, later lines winning. */
    private static Map<String, Double> fields(List<String> lines, String prefix) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    f.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
        }
        return f;
    }

    private double need(Map<String, Double> fields, String key) throws IOException {
        Double v = fields.get(key);
        if (v == null) {
            throw new IOException("the peer " + script + " printed no " + key + "= (fields: " + fields.keySet() + ")");
        }
        return v;
    }
}
