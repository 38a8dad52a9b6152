package org.seq2seq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.seq2seq.serve.ApiKey;
import org.seq2seq.nn.runtime.Compute;
import org.seq2seq.serve.ServeLimits;
import org.seq2seq.serve.ServedModel;
import org.seq2seq.serve.TranslationServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code seq2seq serve}: the models behind HTTP until SIGTERM or Ctrl-C, which stop it gracefully
 * (no new connections, the requests in flight answered) with exit code 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Serve models over HTTP: a JSON API (POST /v1/translate), OpenNMT-py's REST shape "
                + "(POST /translator/translate), GET /v1/models, /health, Prometheus /metrics, and a web page "
                + "with an attention heat map at /. Concurrent requests are translated together in batches.",
            "SIGTERM or Ctrl-C stops taking connections, answers the requests in flight, and exits with 0."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "[NAME=]DIRECTORY: a saved model or a training "
            + "run (its best checkpoint), named by NAME or the directory's name; the first answers requests "
            + "that name no model.")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", description = "The address to listen on; 0.0.0.0 listens on every interface "
            + "(anyone who can reach the machine can translate: see --api-key-file).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "The port to listen on; 0 takes any free one (printed at start).")
    int port = 8080;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "Require the key on FILE's first line "
            + "(16 characters or more) as 'Authorization: Bearer KEY' or 'X-API-Key: KEY' to translate and list "
            + "models; /health, /metrics and the page's files stay open.")
    Path apiKeyFile;

    @Option(names = "--workers", paramLabel = "N", description = "Batches each model translates at once, each on "
            + "its own threads. Default: one per processor, or the processors divided by --threads.")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N", description = "Threads each batch's work is split between. "
            + "Default: 1 (a server's batches are too small to split well; more workers answer more), or the "
            + "processors divided by --workers. SEQ2SEQ_THREADS stands for --threads.")
    Integer threads;

    @Option(names = "--max-sentences", description = "Most sentences in one request (more: 413).")
    int maxSentences = ServeLimits.defaults().maxSentences();

    @Option(names = "--max-characters", description = "Longest sentence in characters (longer: 413).")
    int maxCharacters = ServeLimits.defaults().maxCharacters();

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body (larger: 413).")
    long maxBody = ServeLimits.defaults().maxBodyBytes();

    @Option(names = "--max-beam", description = "Largest beam and n_best a request may ask for (larger: 400).")
    int maxBeam = ServeLimits.defaults().maxBeam();

    @Option(names = "--max-length-limit", paramLabel = "TOKENS", description = "Largest max_length (output "
            + "tokens) a request may ask for (larger: 400).")
    int maxLength = ServeLimits.defaults().maxLength();

    @Option(names = "--queue", paramLabel = "SENTENCES", description = "Sentences that may wait per model; a "
            + "request that would pass it gets 503 with Retry-After.")
    int queue = ServeLimits.defaults().queueSentences();

    @Option(names = "--batch-size", paramLabel = "SENTENCES", description = "Most sentences translated together.")
    int batchSize = ServeLimits.defaults().batchSentences();

    @Option(names = "--batch-wait", paramLabel = "MS", description = "Longest a request waits for others to share "
            + "its batch, in milliseconds.")
    long batchWaitMillis = ServeLimits.defaults().batchWait().toMillis();

    @Option(names = "--batch-idle", paramLabel = "MS", description = "... and once its batch is as large as the "
            + "previous one, it stops waiting when this many milliseconds pass without a new request.")
    long batchIdleMillis = ServeLimits.defaults().batchIdle().toMillis();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "A request not answered in this time gets "
            + "504.")
    long timeoutSeconds = ServeLimits.defaults().requestTimeout().toSeconds();

    @Option(names = "--stop-grace", paramLabel = "SECONDS", description = "On SIGTERM, the longest the requests in "
            + "flight are waited for.")
    long stopGraceSeconds = ServeLimits.defaults().stopGrace().toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "A connection that sends nothing for "
            + "this long is closed; a request whose body stalls this long gets 408.")
    long idleTimeoutSeconds = ServeLimits.defaults().idleTimeout().toSeconds();

    @Option(names = "--no-shortlist", description = "Score the whole target vocabulary even for models that have a "
            + "shortlist.")
    boolean noShortlist;

    @Option(names = "--terminology", paramLabel = "FILE", description = "A term list of SOURCE<TAB>TARGET lines for "
            + "every model: a sentence holding a source term (its words in a row, in any case) is translated with its "
            + "target term; requests then need a beam of 2 or more.")
    Path terminology;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeLimits limits = limits();
        OptionalInt variable = Compute.threadsVariable();
        Compute compute = compute(threads != null ? threads : variable.isPresent() ? variable.getAsInt() : null, workers,
                Runtime.getRuntime().availableProcessors());
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        for (String model : models) {
            Path directory = Path.of(model.indexOf('=') > 0 ? model.substring(model.indexOf('=') + 1) : model);
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException(directory + ": no such model directory");
            }
        }
        ApiKey key = apiKeyFile == null ? null : ApiKey.read(apiKeyFile);
        org.seq2seq.core.translate.Terminology terms = terminology == null ? null
                : org.seq2seq.core.translate.Terminology.read(terminology);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        TranslationServer server = start(new TranslationServer.Settings(host, port, limits, key));
        try {
            for (String model : models) {
                long started = System.nanoTime();
                ServedModel served = ServedModel.load(model, limits.batchSentences(), compute, !noShortlist, terms);
                server.add(served);
                out.printf("loaded %s (%s%,d parameters) in %.1f s; translating on %s%n", served.name(),
                        served.sourceLanguage() == null ? "" : served.sourceLanguage() + "→" + served.targetLanguage()
                        + ", ", served.translator().parameterCount(), (System.nanoTime() - started) / 1e9, compute);
                out.flush();
            }
            server.ready();
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        out.printf("listening on http://%s:%d/ (models: %s); SIGTERM or Ctrl-C stops%n",
                host.contains(":") ? "[" + host + "]" : host, server.port(), String.join(", ", server.models()));
        out.flush();
        stop.await();
        out.println("stopping: no new connections; answering the requests in flight");
        out.flush();
        boolean clean = server.stop();
        out.println((clean ? "stopped: every request in flight was answered"
                : "stopped after " + stopGraceSeconds + " s with requests still in flight (--stop-grace)")
                + String.format("; %,d translation requests answered in all", server.translationRequestsAnswered()));
        out.flush();
        return 0;
    }

    private ServeLimits limits() {
        OptionChecks.atLeast("--max-sentences", maxSentences, 1);
        OptionChecks.atLeast("--max-characters", maxCharacters, 1);
        OptionChecks.atLeast("--max-body", maxBody, 1);
        OptionChecks.atLeast("--max-beam", maxBeam, 1);
        OptionChecks.atLeast("--max-length-limit", maxLength, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.atLeast("--batch-wait", batchWaitMillis, 0);
        OptionChecks.atLeast("--batch-idle", batchIdleMillis, 0);
        OptionChecks.atLeast("--timeout", timeoutSeconds, 1);
        OptionChecks.atLeast("--stop-grace", stopGraceSeconds, 0);
        OptionChecks.atLeast("--idle-timeout", idleTimeoutSeconds, 1);
        if (queue < maxSentences) {
            throw new IllegalArgumentException("--queue (" + queue + ") must hold at least one request of "
                    + "--max-sentences (" + maxSentences + ")");
        }
        return ServeLimits.builder().maxSentences(maxSentences).maxCharacters(maxCharacters).maxBodyBytes(maxBody)
                .maxBeam(maxBeam).maxLength(maxLength).queueSentences(queue).batchSentences(batchSize)
                .batchWait(Duration.ofMillis(batchWaitMillis))
                .batchIdle(Duration.ofMillis(batchIdleMillis)).requestTimeout(Duration.ofSeconds(timeoutSeconds))
                .stopGrace(Duration.ofSeconds(stopGraceSeconds)).idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .build();
    }

    /**
     * The workers and threads of each model: as given; a missing one from the processors the other
     * leaves (at least 1); neither given, {@link Compute#forServer}.
     */
    static Compute compute(Integer threads, Integer workers, int processors) {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
        if (workers != null) {
            OptionChecks.atLeast("--workers", workers, 1);
        }
        if (threads == null && workers == null) {
            return Compute.forServer(processors);
        }
        int t = threads != null ? threads : Math.max(1, processors / workers);
        int w = workers != null ? workers : Math.max(1, processors / t);
        return new Compute(t, w);
    }

    private TranslationServer start(TranslationServer.Settings settings) {
        try {
            return TranslationServer.start(settings);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BindException) {
                    throw new IllegalArgumentException("--host " + host + " --port " + port + ": cannot listen there ("
                            + c.getMessage() + ")");
                }
            }
            throw e;
        }
    }
}
