package org.seq2seq.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq.core.toy.TinyModel;

class ServeCommandTest {
    @Test
    void badOptionsAreOneLineAndExitCode2BeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        CliRun missing = CliRun.of("serve", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("error: " + dir.resolve("nope") + ": no such model directory\n", missing.err());
        CliRun port = CliRun.of("serve", model.toString(), "--port", "70000");
        assertEquals(2, port.exitCode());
        assertEquals("error: --port must be from 0 to 65535, got 70000\n", port.err());
        CliRun queue = CliRun.of("serve", model.toString(), "--queue", "8", "--max-sentences", "16");
        assertEquals(2, queue.exitCode());
        assertEquals("error: --queue (8) must hold at least one request of --max-sentences (16)\n", queue.err());
        Path shortKey = Files.writeString(dir.resolve("key"), "short\n");
        CliRun key = CliRun.of("serve", model.toString(), "--api-key-file", shortKey.toString());
        assertEquals(2, key.exitCode());
        assertEquals("error: " + shortKey + ", line 1: an API key needs at least 16 characters, got 5 "
                + "(--api-key-file)\n", key.err());
        CliRun names = CliRun.of("serve", "a=" + model, "a=" + model, "--port", "0");
        assertEquals(2, names.exitCode());
        assertTrue(names.err().startsWith("error: two models are named 'a'"), names.err());
        CliRun terms = CliRun.of("serve", model.toString(), "--terminology", dir.resolve("terms.tsv").toString());
        assertEquals(2, terms.exitCode());
        assertEquals("error: " + dir.resolve("terms.tsv") + ": no such term file\n", terms.err());
        Path zebra = Files.writeString(dir.resolve("zebra.tsv"), "Zebra\tzebra\n");
        CliRun unwritable = CliRun.of("serve", model.toString(), "--terminology", zebra.toString(), "--port", "0");
        assertEquals(2, unwritable.exitCode());
        assertTrue(unwritable.err().startsWith("error: the term list's 'Zebra' -> 'zebra': the constraint 'zebra' "
                + "holds 'zebra', which is not in the model's target vocabulary"), unwritable.err());
    }

    /** The real process: SIGTERM while requests wait for their batch; each is answered and the exit code is 0. */
    @Test
    void sigtermAnswersTheRequestsInFlightAndExitsWith0(@TempDir Path dir) throws Exception {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Seq2SeqCli.class.getName(), "serve",
                "de-en=" + model, "--port", "0", "--batch-wait", "1500",
                "--batch-idle", "1500")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            Matcher listening = null;
            List<String> lines = new ArrayList<>();
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                if (m.find()) {
                    listening = m;
                    break;
                }
            }
            assertTrue(listening != null, "no 'listening on' line: " + lines);
            assertTrue(lines.get(0).startsWith("loaded de-en (de→en, 16,987 parameters) in "), lines.get(0));
            URI base = URI.create(listening.group(1));
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            List<String> sources = TinyModel.validationPairs().stream().map(p -> p[0]).limit(4).toList();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String sentence : sources) {
                String body = new ObjectMapper().writeValueAsString(Map.of("sentences", List.of(sentence)));
                answers.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/translate"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500);                      // the requests wait 1.5 s for company
            // SIGTERM as a service manager sends it (Process.destroy would also close the output)
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor());
            for (int i = 0; i < sources.size(); i++) {
                HttpResponse<String> response = answers.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"source\":\"" + sources.get(i) + "\""), response.body());
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stopped");
            assertEquals(0, server.exitValue());
            List<String> rest = out.lines().toList();
            assertEquals(List.of("stopping: no new connections; answering the requests in flight",
                    "stopped: every request in flight was answered; 4 translation requests answered in all"), rest);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void warnsWhenListeningOnEveryInterface(@TempDir Path dir) throws Exception {
        Path model = TinyModel.copyTo(dir.resolve("tiny"));
        Path err = dir.resolve("stderr.txt");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Seq2SeqCli.class.getName(), "serve", model.toString(),
                "--host", "0.0.0.0", "--port", "0").redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("listening on")) {
                // the model loads
            }
            assertTrue(line != null && line.startsWith("listening on http://0.0.0.0:"), String.valueOf(line));
            String warnings = Files.readString(err);
            assertTrue(warnings.contains("WARN TranslationServer - listening on every network interface (0.0.0.0): "
                    + "anyone who can reach this machine can use the models, and no --api-key-file is set"), warnings);
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }
}
