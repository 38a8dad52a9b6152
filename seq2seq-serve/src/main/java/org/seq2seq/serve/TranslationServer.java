package org.seq2seq.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.ServerConnector;
import org.seq2seq.core.model.ModelConfig;
import org.seq2seq.core.translate.AttentionMap;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.search.SearchOptions;
import org.seq2seq.nn.runtime.Compute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server that translates with one or more models:
 *
 * <pre>{@code
 * try (TranslationServer server = TranslationServer.start(new TranslationServer.Settings("127.0.0.1", 8080,
 *         ServeLimits.defaults(), null))) {
 *     server.add(ServedModel.load("runs/multi30k", 32));
 *     server.ready();
 *     ...
 * }
 * }</pre>
 *
 * It listens from {@link #start} on, answering {@code GET /health} with 503 until {@link #ready()};
 * the endpoints are in {@link #ENDPOINTS} and {@code openapi.yaml}. {@link #stop()} stops taking
 * connections and answers the requests already taken before it returns.
 */
public final class TranslationServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TranslationServer.class);
    /** Refuses duplicate keys: which of two values a client meant is not for the server to guess. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String WEB = "/org/seq2seq/serve/web";
    private static final String OPENAPI = "/org/seq2seq/serve/openapi.yaml";

    /** Every endpoint but the web page's files, as {@code METHOD PATH}; openapi.yaml describes each. */
    public static final List<String> ENDPOINTS = List.of("POST /v1/translate", "POST /translator/translate",
            "GET /v1/models", "GET /health", "GET /metrics", "GET /openapi.yaml");

    /**
     * Where a server listens and what it accepts.
     *
     * @param host   the address to bind ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every
     *               interface, with a warning)
     * @param port   the port; 0 for any free one ({@link #port()} tells which)
     * @param limits sizes, batching and timeouts
     * @param apiKey the key clients must present to translate and list models; null for none
     */
    public record Settings(String host, int port, ServeLimits limits, ApiKey apiKey) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(limits, "limits");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("a port is from 0 to 65535, got " + port);
            }
        }
    }

    private record Served(ServedModel model, DynamicBatcher batcher) {
    }

    private final Settings settings;
    private final ServeMetrics metrics = new ServeMetrics();
    private final Map<String, Served> byName = new ConcurrentHashMap<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong translationRequests = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean ready;
    private volatile boolean stopping;
    private boolean stopped;
    private Javalin app;
    private int port;

    private TranslationServer(Settings settings) {
        this.settings = settings;
    }

    /** Starts listening; models come with {@link #add}, and {@link #ready()} opens for requests. */
    public static TranslationServer start(Settings settings) {
        TranslationServer server = new TranslationServer(settings);
        server.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = WEB;
                files.location = Location.CLASSPATH;
            });
            config.routes.post("/v1/translate", server.endpoint("/v1/translate", true, server::translate));
            config.routes.post("/translator/translate",
                    server.endpoint("/translator/translate", true, server::translateOpenNmt));
            config.routes.get("/v1/models", server.endpoint("/v1/models", true, server::models));
            config.routes.get("/health", server.endpoint("/health", false, server::health));
            config.routes.get("/metrics", server.endpoint("/metrics", false, server::metrics));
            config.routes.get("/openapi.yaml", server.endpoint("/openapi.yaml", false, server::openApi));
            // every refusal in the JSON error shape: Javalin's 404 and 405, Jetty's for unparsable requests
            config.http.prefer405over404 = true;
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, new ApiException(
                    e.getStatus(), null, routingMessage(e.getStatus(), ctx.method().name()))));
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JsonErrorHandler()));
            config.jetty.addConnector((jetty, http) -> {
                ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.limits().idleTimeout().toMillis());
                return connector;
            });
        });
        server.app.start();
        server.port = server.app.port();
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty()) {
            log.warn("listening on every network interface ({}): anyone who can reach this machine can use the "
                    + "models{}", host, settings.apiKey() == null ? ", and no --api-key-file is set" : "");
        }
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Serves a model under its name; the first model added answers requests that name none. */
    public synchronized void add(ServedModel model) {
        if (byName.containsKey(model.name())) {
            throw new IllegalArgumentException("two models are named '" + model.name() + "'; name one of them "
                    + "with NAME=DIRECTORY");
        }
        Served s = new Served(model, new DynamicBatcher(model, settings.limits(), metrics));
        byName.put(model.name(), s);
        served.add(s);
    }

    /** Opens for translation requests: {@code GET /health} answers 200 from now on. */
    public void ready() {
        if (served.isEmpty()) {
            throw new IllegalStateException("no model to serve");
        }
        ready = true;
    }

    /** The names of the models served, in the order they were added. */
    public List<String> models() {
        return served.stream().map(s -> s.model().name()).toList();
    }

    /** Translation requests answered since the start, whatever their status. */
    public long translationRequestsAnswered() {
        return translationRequests.get();
    }

    /** Requests being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops gracefully: closes the listening socket (new connections are refused), answers
     * requests on open connections with 503, waits up to {@link ServeLimits#stopGrace()} for the
     * requests already being answered, then stops.
     *
     * @return whether every request in flight was answered within the grace time
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopping = true;
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
        long deadline = System.nanoTime() + settings.limits().stopGrace().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        boolean clean = inFlight.get() == 0;
        if (!clean) {
            log.warn("{} requests were still being answered after {} s; stopping without them", inFlight.get(),
                    settings.limits().stopGrace().toSeconds());
        }
        sleep(200);                                 // the last answers leave their sockets; late requests get 503
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        app.stop();
        for (Served s : served) {
            s.batcher().close();
        }
        stopped = true;
        return clean;
    }

    @Override
    public void close() {
        stop();
    }

    /** Counts, times and guards an endpoint; turns its refusals into JSON errors. */
    private Handler endpoint(String name, boolean keyed, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                if (stopping && !name.equals("/health")) {
                    throw new ApiException(503, null, "the server is stopping", 5);
                }
                if (keyed && settings.apiKey() != null && !settings.apiKey().matches(presentedKey(ctx))) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    throw new ApiException(401, "Authorization", "this server needs an API key: send "
                            + "'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
                }
                handler.handle(ctx);
            } catch (ApiException e) {
                error(ctx, e);
            } catch (Exception e) {
                log.error("{} failed", name, e);
                error(ctx, new ApiException(500, null, "the server failed; its log says why"));
            } finally {
                metrics.request(name, ctx.statusCode(), System.nanoTime() - start);
                if (name.endsWith("/translate")) {
                    translationRequests.incrementAndGet();
                }
                inFlight.decrementAndGet();
            }
        };
    }

    private static String presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return ctx.header("X-API-Key");
    }

    private static void error(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status()).contentType("application/json").result(e.body());
    }

    /** What Javalin's routing refusals say: nothing of the client's path is repeated. */
    private static String routingMessage(int status, String method) {
        return switch (status) {
            case 404 -> "no such endpoint; /openapi.yaml lists them";
            case 405 -> "this endpoint does not take " + method + "; /openapi.yaml lists what it takes";
            default -> "the request was refused (" + status + ")";
        };
    }

    private static void json(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- POST /v1/translate

    private void translate(Context ctx) throws IOException {
        long arrived = System.nanoTime();
        TranslateRequest request = TranslateRequest.parse(body(ctx), settings.limits());
        Served s = model(request.model(), "model");
        if (request.attention() && !s.model().translator().modelConfig().attention().isOn()) {
            throw ApiException.badRequest("attention", "the model '" + s.model().name() + "' was trained without "
                    + "attention, so it has none to show");
        }
        requireSatisfiable(s, request);
        DynamicBatcher.Result result = await(submit(s, request.sentences(), request.constraints(), request.search(),
                request.attention()), arrived);
        ObjectNode body = JSON.createObjectNode();
        if (request.requestId() != null) {
            body.put("request_id", request.requestId());
        }
        body.put("model", s.model().name());
        ArrayNode translations = body.putArray("translations");
        for (int i = 0; i < request.sentences().size(); i++) {
            List<Translation> best = result.nBest().get(i);
            ObjectNode t = translations.addObject();
            t.put("source", request.sentences().get(i));
            t.put("translation", best.isEmpty() ? "" : best.get(0).text());
            t.put("score", best.isEmpty() ? 0 : best.get(0).score());
            t.put("log_probability", best.isEmpty() ? 0 : best.get(0).logProbability());
            t.put("finished", best.isEmpty() || best.get(0).finished());
            if (request.nBest() > 1) {
                ArrayNode n = t.putArray("n_best");
                for (Translation candidate : best) {
                    ObjectNode c = n.addObject();
                    c.put("translation", candidate.text());
                    c.put("score", candidate.score());
                    c.put("log_probability", candidate.logProbability());
                    c.put("finished", candidate.finished());
                }
            }
            if (result.attention() != null) {
                AttentionMap map = result.attention().get(i);
                ObjectNode a = t.putObject("attention");
                a.set("source_tokens", JSON.valueToTree(map.source()));
                a.set("target_tokens", JSON.valueToTree(map.target()));
                a.set("weights", JSON.valueToTree(map.weights()));
            }
        }
        ObjectNode timing = body.putObject("timing");
        timing.put("queue_ms", result.queuedNanos() / 1e6);
        timing.put("translate_ms", result.translateNanos() / 1e6);
        timing.put("total_ms", (System.nanoTime() - arrived) / 1e6);
        timing.put("batch_sentences", result.batchSentences());
        json(ctx, body);
    }

    // ---- POST /translator/translate: OpenNMT-py's REST shape

    /**
     * OpenNMT-py's {@code [{"src": "...", "id": 0}, ...]}: {@code id} is the model's position on
     * the command line (from 0) or its name; all entries must name the same model. The answer is
     * OpenNMT-py's list of n-best lists (here one): {@code [[{"src", "tgt", "n_best", "pred_score"}]]}.
     */
    private void translateOpenNmt(Context ctx) throws IOException {
        long arrived = System.nanoTime();
        JsonNode body = body(ctx);
        if (!body.isArray()) {
            throw ApiException.badRequest("body", "the body must be a list such as [{\"src\": \"Ein Hund läuft.\", "
                    + "\"id\": 0}]");
        }
        if (body.isEmpty()) {
            throw ApiException.badRequest("body", "the list is empty: give at least one {\"src\": ...}");
        }
        if (body.size() > settings.limits().maxSentences()) {
            throw ApiException.tooLarge("body", body.size() + " sentences, more than the "
                    + settings.limits().maxSentences() + " a request may hold; send them in several requests");
        }
        List<String> sentences = new ArrayList<>();
        Served s = null;
        for (int i = 0; i < body.size(); i++) {
            JsonNode entry = body.get(i);
            if (!entry.isObject()) {
                throw ApiException.badRequest("[" + i + "]", "entry " + i + " must be an object {\"src\": ...}");
            }
            sentences.add(TranslateRequest.sentence(entry.get("src"), "[" + i + "].src", settings.limits()));
            Served named = openNmtModel(entry.get("id"), "[" + i + "].id");
            if (s != null && named != s) {
                throw ApiException.badRequest("[" + i + "].id", "all entries must name the same model");
            }
            s = named;
        }
        SearchChoice choice = new SearchChoice(SearchOptions.DEFAULT_BEAM, 1, null, 0);
        requireSatisfiable(s, sentences, null, choice, i -> "[" + i + "].src");
        DynamicBatcher.Result result = await(submit(s, sentences, choice, false), arrived);
        ArrayNode out = JSON.createArrayNode();
        ArrayNode first = out.addArray();
        for (int i = 0; i < sentences.size(); i++) {
            List<Translation> best = result.nBest().get(i);
            ObjectNode t = first.addObject();
            t.put("src", sentences.get(i));
            t.put("tgt", best.isEmpty() ? "" : best.get(0).text());
            t.put("n_best", 1);
            t.put("pred_score", best.isEmpty() ? 0 : best.get(0).logProbability());
        }
        json(ctx, out);
    }

    private Served openNmtModel(JsonNode id, String field) {
        if (id == null || id.isNull()) {
            return model(null, field);
        }
        if (id.isIntegralNumber()) {
            int index = id.intValue();
            if (!id.canConvertToInt() || index < 0 || index >= served.size()) {
                throw new ApiException(404, field, "no model number " + id + "; this server has "
                        + served.size() + " (from 0): " + String.join(", ", models()));
            }
            return served.get(index);
        }
        if (id.isTextual()) {
            return model(TranslateRequest.checkedText(id.textValue(), field), field);
        }
        throw ApiException.badRequest(field, "'id' must be a model's number or name");
    }

    // ---- GET /v1/models, /health, /metrics, /openapi.yaml

    private void models(Context ctx) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("models");
        ServeLimits limits = settings.limits();
        for (Served s : served) {
            ModelConfig config = s.model().translator().modelConfig();
            ObjectNode m = list.addObject();
            m.put("name", s.model().name());
            m.put("source_language", s.model().sourceLanguage());
            m.put("target_language", s.model().targetLanguage());
            m.put("parameters", s.model().translator().parameterCount());
            m.put("tokens", s.model().translator().subwords() ? "subwords" : "words");
            m.put("source_vocabulary", config.sourceVocabularySize());
            m.put("target_vocabulary", config.targetVocabularySize());
            m.put("embedding", config.embeddingSize());
            m.put("hidden", config.hiddenSize());
            m.put("encoder_layers", config.encoderLayers());
            m.put("decoder_layers", config.decoderLayers());
            m.put("decoder_layer_norm", config.decoderLayerNorm());
            m.put("encoder_layer_norm", config.encoderLayerNorm());
            m.put("bidirectional", config.bidirectional());
            m.put("attention", config.attention().isOn() ? config.attention().name().toLowerCase(Locale.ROOT) : null);
            ObjectNode options = m.putObject("options");
            options.put("beam", org.seq2seq.decoder.search.SearchOptions.DEFAULT_BEAM);
            options.put("max_beam", limits.maxBeam());
            options.put("max_length", limits.maxLength());
            options.put("max_sentences", limits.maxSentences());
            options.put("max_characters", limits.maxCharacters());
            options.put("attention", config.attention().isOn());
        }
        json(ctx, body);
    }

    private void health(Context ctx) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", stopping ? "stopping" : ready ? "ready" : "loading");
        body.set("models", JSON.valueToTree(models()));
        ObjectNode runtime = body.putObject("runtime");              // what each model's translator runs on
        runtime.put("processors", Runtime.getRuntime().availableProcessors());
        ObjectNode perModel = runtime.putObject("models");
        for (String name : models()) {
            Served served = byName.get(name);
            if (served != null) {
                Compute compute = served.model().translator().options().compute();
                perModel.putObject(name).put("workers", compute.workers()).put("threads", compute.threads());
            }
        }
        json(ctx.status(ready && !stopping ? 200 : 503), body);
    }

    private void metrics(Context ctx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        ctx.contentType(metrics.contentType()).result(out.toByteArray());
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = TranslationServer.class.getResourceAsStream(OPENAPI)) {
            ctx.contentType("application/yaml").result(in.readAllBytes());
        }
    }

    // ---- shared steps

    /** The request's body as JSON, read up to the size limit. */
    private JsonNode body(Context ctx) throws IOException {
        long limit = settings.limits().maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw ApiException.tooLarge("body", "the body has " + declared + " bytes, more than the limit of "
                    + limit);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            if (causedBy(e, java.util.concurrent.TimeoutException.class)) {
                throw new ApiException(408, "body", "the body stopped arriving: nothing came for "
                        + settings.limits().idleTimeout().toSeconds() + " s");
            }
            throw ApiException.badRequest("body", "the body could not be read: the connection broke off");
        }
        if (bytes.length > limit) {
            throw ApiException.tooLarge("body", "the body has more than the limit of " + limit + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("body", "the body is empty: send JSON");
        }
        try {
            return JSON.readTree(utf8(bytes));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "the body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    /**
     * The body as text, decoded strictly (Jackson alone would take overlong forms, C0 AF as '/',
     * and surrogates encoded in UTF-8), without a leading byte order mark.
     *
     * @throws ApiException 400 naming the first byte that is not UTF-8
     */
    private static String utf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            throw ApiException.badRequest("body", "the body is not UTF-8 text: bad byte sequence at byte "
                    + in.position() + " (0x" + String.format("%02X", bytes[in.position()] & 0xFF) + ")");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;       // a byte order mark, as RFC 8259 allows
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The model of that name, or the first when {@code name} is null. */
    private Served model(String name, String field) {
        if (!ready) {
            throw new ApiException(503, null, "the models are still loading", 5);
        }
        if (name == null) {
            return served.get(0);
        }
        Served s = byName.get(name);
        if (s == null) {
            throw new ApiException(404, field, "no model named '" + name + "'; this server has "
                    + String.join(", ", models()));
        }
        return s;
    }

    /**
     * Checks the request's constraints, and the model's term list's, against the model before the
     * request joins a batch, where one request's impossible phrase would fail the others'.
     *
     * @throws ApiException 400 naming {@code constraints[i]} (or {@code beam}, for a term list with greedy search)
     */
    private static void requireSatisfiable(Served s, TranslateRequest request) {
        requireSatisfiable(s, request.sentences(), request.constraints(), request.search(), i -> "constraints[" + i + "]");
    }

    /**
     * @param constraints per sentence its phrases, or null
     * @param field       the request's field that sentence i's error names
     */
    private static void requireSatisfiable(Served s, List<String> sentences, List<List<String>> constraints,
                                           SearchChoice choice, java.util.function.IntFunction<String> field) {
        Translator translator = s.model().translator();
        boolean terms = translator.options().terminology() != null;
        if (constraints == null && !terms) {
            return;
        }
        SearchOptions search = choice.options();
        if (search.beamSize() < 2) {
            throw ApiException.badRequest("beam", "the model '" + s.model().name() + "' applies a term list, which "
                    + "needs beam search: 'beam' of 2 or more");
        }
        for (int i = 0; i < sentences.size(); i++) {
            try {
                translator.requireSatisfiable(sentences.get(i), constraints == null ? List.of() : constraints.get(i),
                        search);
            } catch (org.seq2seq.core.translate.UnsatisfiableConstraintException e) {
                throw ApiException.badRequest(field.apply(i), "'" + field.apply(i) + "': " + e.reason());
            }
        }
    }

    private static CompletableFuture<DynamicBatcher.Result> submit(Served s, List<String> sentences,
                                                                  SearchChoice search, boolean attention) {
        return submit(s, sentences, null, search, attention);
    }

    private static CompletableFuture<DynamicBatcher.Result> submit(Served s, List<String> sentences,
                                                                  List<List<String>> constraints, SearchChoice search,
                                                                  boolean attention) {
        try {
            return s.batcher().submit(sentences, constraints, search, attention);
        } catch (DynamicBatcher.QueueFullException e) {
            throw new ApiException(503, null, e.getMessage(), 1);
        }
    }

    /** The answer, or 504 when the request has waited {@link ServeLimits#requestTimeout()} since it arrived. */
    private DynamicBatcher.Result await(CompletableFuture<DynamicBatcher.Result> answer, long arrivedNanos) {
        long left = settings.limits().requestTimeout().toNanos() - (System.nanoTime() - arrivedNanos);
        try {
            return answer.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new ApiException(504, null, "no answer within " + settings.limits().requestTimeout().toMillis()
                    + " ms; the server is busy or the request too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, null, "the server is stopping", 5);
        } catch (ExecutionException e) {
            throw new IllegalStateException("translation failed: " + e.getCause(), e.getCause());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
