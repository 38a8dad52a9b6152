package org.seq2seq.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends a server malformed and hostile HTTP requests over raw sockets and checks every answer:
 * broken, deeply nested and oversized JSON, wrong types, huge and non-finite numbers, duplicate
 * keys, invalid UTF-8, lone surrogates, control characters, oversized and broken headers and
 * request lines, bodies that stall, every method on every path, and requests whose clients hang
 * up (concurrently) before the answer. A hostile request must get a 4xx, or a deliberate 503,
 * with the JSON error shape {@code {"status":"error","code":N,["field":...,]"error":...}}; a
 * request that is odd but valid (a GET of the page, a slow but complete body) anything but a 5xx
 * other than 503. No answer may carry a stack trace. Then one valid translation request.
 *
 * <p>{@link ServerFuzzTest} runs it against a server with the tiny model; the full-length run
 * against {@code serve} is in {@code docs/reliability.md}.
 */
final class ServerFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_TRACE = Pattern.compile("\\bat [a-z]+\\.[a-zA-Z0-9_.$]+\\(|\\.java:\\d+|"
            + "Exception\\b|\\bError:|\\bCaused by\\b");
    private static final String VALID = "{\"sentences\": [\"Ein Hund läuft.\"]}";
    private static final List<String> PATHS = List.of("/", "/index.html", "/app.js", "/v1/translate",
            "/translator/translate", "/v1/models", "/health", "/metrics", "/openapi.yaml", "/nope", "/v1/",
            "/v1/translate/", "/v1/translate/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//v1//translate",
            "/v1/translate?beam=5&x=%ZZ", "/%00", "/%ZZ", "/v1/translate;jsessionid=1", "/health#frag",
            "/" + "a".repeat(2000));
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "PROPFIND", "FOO", "get", "G\u00c9T", "POST\tX");
    /** What every method on these paths may validly get (2xx): the rest are errors. */
    private static final Map<String, List<String>> VALID_METHODS = Map.of("/", List.of("GET", "HEAD"),
            "/index.html", List.of("GET", "HEAD"), "/app.js", List.of("GET", "HEAD"), "/v1/models",
            List.of("GET", "HEAD"), "/health", List.of("GET", "HEAD"), "/metrics", List.of("GET", "HEAD"),
            "/openapi.yaml", List.of("GET", "HEAD"), "/health#frag", List.of("GET", "HEAD"));

    /** How an answer is judged. */
    enum Expect {
        /** a 4xx or 503 with the JSON error shape */
        ERROR,
        /** anything but a 5xx other than 503; errors in the JSON error shape */
        NOT_FAILED,
        /** the client hangs up before the answer: nothing to judge but the server's survival */
        HANG_UP
    }

    /** One request: raw bytes, sent all at once or in pieces with pauses. */
    record Case(String kind, byte[] bytes, Expect expect, int pieces, long pauseMillis) {
        Case(String kind, String text, Expect expect) {
            this(kind, text.getBytes(StandardCharsets.UTF_8), expect, 1, 0);
        }
    }

    /** What came back for one case: the status (0 when the connection closed without an answer) and any fault. */
    record Outcome(String kind, int status, String problem) {
    }

    /** The tally of a run. */
    record Report(int requests, Map<Integer, Integer> byStatus, Map<String, Integer> byKind, List<Outcome> problems,
                  int validStatus, String validBody) {
        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(requests).append(" requests; by status (0: closed without an answer):");
            byStatus.forEach((status, n) -> s.append(' ').append(status).append('=').append(n));
            s.append("\nby kind:");
            byKind.forEach((kind, n) -> s.append(' ').append(kind).append('=').append(n));
            s.append("\nproblems: ").append(problems.size());
            Map<String, Integer> problemKinds = new TreeMap<>();
            problems.forEach(p -> problemKinds.merge(p.kind() + " " + p.status(), 1, Integer::sum));
            if (!problemKinds.isEmpty()) {
                s.append(" (by kind and status: ").append(problemKinds).append(')');
            }
            problems.stream().limit(20).forEach(p -> s.append("\n  ").append(p));
            s.append("\nthe valid request after them: ").append(validStatus).append(' ').append(validBody);
            return s.toString();
        }
    }

    private final String host;
    private final int port;
    private final Random random;
    private final int readTimeoutMillis;

    ServerFuzzer(String host, int port, long seed, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.random = new Random(seed);
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Sends {@code requests} cases (every method on every path once, the rest drawn from the
     * generators), {@code stalls} of them bodies that stall, {@code hangUps} of them valid requests
     * whose clients hang up, sent from 16 threads at once, then one valid request.
     */
    Report run(int requests, int stalls, int hangUps) throws Exception {
        List<Case> cases = new ArrayList<>(methodsAndPaths());
        List<Supplier<Case>> generators = List.of(this::brokenJson, this::nested, this::wrongType, this::hugeNumber,
                this::nonFiniteNumber, this::duplicateKeys, this::invalidUtf8, this::loneSurrogate,
                this::controlCharacter, this::oversizedHeaders, this::brokenProtocol, this::oversizedBody,
                this::slowButComplete);
        while (cases.size() < requests - stalls - hangUps) {
            cases.add(generators.get(random.nextInt(generators.size())).get());
        }
        for (int i = 0; i < stalls; i++) {
            cases.add(stall(i));
        }
        for (int i = 0; i < hangUps; i++) {
            cases.add(new Case("hang-up", post("/v1/translate", VALID.getBytes(StandardCharsets.UTF_8), ""),
                    Expect.HANG_UP, 1, 0));
        }
        Collections.shuffle(cases, random);

        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (Case c : cases) {
            futures.add(pool.submit(() -> {
                outcomes.add(judge(c, exchange(c)));
                int n = done.incrementAndGet();
                if (n % 2000 == 0) {
                    System.out.println(n + " requests sent");
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<Outcome> problems = new ArrayList<>();
        for (Outcome o : outcomes) {
            byStatus.merge(o.status(), 1, Integer::sum);
            byKind.merge(o.kind(), 1, Integer::sum);
            if (o.problem() != null) {
                problems.add(o);
            }
        }
        Answer valid = exchange(new Case("valid", post("/v1/translate", VALID.getBytes(StandardCharsets.UTF_8), ""),
                Expect.NOT_FAILED, 1, 0));
        return new Report(outcomes.size(), byStatus, byKind, problems, valid.status(), valid.body());
    }

    // ---- the cases

    private List<Case> methodsAndPaths() {
        List<Case> cases = new ArrayList<>();
        for (String method : METHODS) {
            for (String path : PATHS) {
                boolean valid = VALID_METHODS.getOrDefault(path, List.of()).contains(method);
                String body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? VALID : "";
                cases.add(new Case("method-path", request(method, path, body.getBytes(StandardCharsets.UTF_8), ""),
                        valid || method.equals("POST") && (path.startsWith("/v1/translate?") || path.equals("/v1/translate")
                                || path.equals("/v1/translate/")) ? Expect.NOT_FAILED : Expect.ERROR, 1, 0));
            }
        }
        return cases;
    }

    private Case brokenJson() {
        byte[] body = pick(VALID, "{\"sentences\": [\"Ein Hund läuft.\", \"Eine Frau liest.\"], \"beam\": 3, "
                + "\"n_best\": 2, \"attention\": true}", "[{\"src\": \"Ein Hund läuft.\", \"id\": 0}]")
                .getBytes(StandardCharsets.UTF_8);
        String path = body[0] == '[' ? "/translator/translate" : "/v1/translate";
        byte[] broken = switch (random.nextInt(6)) {
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length));                 // cut short
            case 1 -> {                                                                               // a byte changed
                byte[] b = body.clone();
                b[random.nextInt(b.length)] = pick("{}[]\":,\\ tfn0-".getBytes(StandardCharsets.UTF_8));
                yield b;
            }
            case 2 -> concat(body, pick("}", "]", ",", "garbage", "{}", "\u0000").getBytes(StandardCharsets.UTF_8));
            case 3 -> pick("", " ", "null", "true", "42", "\"text\"", "{", "[", "{\"sentences\":}", "{,}", "{'a':1}",
                    "{\"sentences\": [\"a\",]}", "{sentences: [\"a\"]}", "\u00ef\u00bb\u00bf{}").getBytes(StandardCharsets.UTF_8);
            case 4 -> randomBytes(1 + random.nextInt(200));
            default -> {
                byte[] b = body.clone();                                                              // bytes deleted
                int from = random.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + random.nextInt(8));
                yield concat(java.util.Arrays.copyOf(b, from), java.util.Arrays.copyOfRange(b, to, b.length));
            }
        };
        return new Case("broken-json", post(path, broken, ""), Expect.NOT_FAILED, 1, 0);
    }

    private Case nested() {
        int depth = pickInt(600, 1_001, 5_000, 100_000, 400_000);
        String open = pick("[", "{\"a\":");
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        String body = pick(inner, "{\"sentences\": " + inner + "}", "{\"sentences\": [\"a\"], \"model\": " + inner + "}",
                "[{\"src\": " + inner + "}]");
        return new Case("nested-json", post(body.startsWith("[{") ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.ERROR, 1, 0);
    }

    private Case wrongType() {
        String field = pick("sentences", "beam", "n_best", "max_length", "no_repeat_ngram", "attention", "model",
                "request_id", "unknown", "");
        String value = pick("1", "-1", "0", "1.5", "true", "null", "\"5\"", "[]", "{}", "[1, 2]", "[[\"a\"]]",
                "[null]", "[\"a\", 3]", "{\"a\": \"b\"}", "\"\"", "1e2", "[\"" + "x".repeat(3000) + "\"]",
                "[" + "\"a\",".repeat(80) + "\"a\"]");
        String body = field.equals("sentences") ? "{\"sentences\": " + value + "}"
                : "{\"sentences\": [\"Ein Hund läuft.\"], \"" + field + "\": " + value + "}";
        boolean openNmt = random.nextInt(4) == 0;
        if (openNmt) {
            body = pick("[{\"src\": " + value + "}]", "[{\"src\": \"a\", \"id\": " + value + "}]", "[" + value + "]",
                    "{\"src\": \"a\"}", "[]");
        }
        // some values are valid for some fields (beam 1, attention null): not every case is an error
        return new Case("wrong-type", post(openNmt ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.NOT_FAILED, 1, 0);
    }

    private Case hugeNumber() {
        String number = pick("1e309", "-1e309", "1e-400", "99999999999999999999999999", "-99999999999999999999",
                "2147483648", "-2147483649", "9223372036854775808", "1E+2147483648", "1" + "0".repeat(5000),
                "0." + "0".repeat(2000) + "1", "123456789.123456789e123456789");
        String field = pick("beam", "n_best", "max_length", "no_repeat_ngram", "id");
        String body = field.equals("id") ? "[{\"src\": \"a\", \"id\": " + number + "}]"
                : "{\"sentences\": [\"a\"], \"" + field + "\": " + number + "}";
        return new Case("huge-number", post(field.equals("id") ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.ERROR, 1, 0);
    }

    private Case nonFiniteNumber() {
        String number = pick("NaN", "Infinity", "-Infinity", "+1", ".5", "1.", "01", "0x10", "1e", "--1", "nan", "inf");
        String body = "{\"sentences\": [\"a\"], \"" + pick("beam", "n_best", "max_length") + "\": " + number + "}";
        return new Case("non-finite-number", post("/v1/translate", body.getBytes(StandardCharsets.UTF_8), ""),
                Expect.ERROR, 1, 0);
    }

    private Case duplicateKeys() {
        String body = pick("{\"sentences\": [\"a\"], \"sentences\": [\"b\"]}",
                "{\"sentences\": [\"a\"], \"beam\": 1, \"beam\": 2}",
                "{\"model\": \"x\", \"sentences\": [\"a\"], \"model\": \"tiny\"}",
                "[{\"src\": \"a\", \"src\": \"b\"}]");
        return new Case("duplicate-keys", post(body.startsWith("[") ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.ERROR, 1, 0);
    }

    private Case invalidUtf8() {
        byte[] bad = pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        String where = pick("sentence", "model", "key", "end");
        byte[] body = switch (where) {
            case "sentence" -> concat(ascii("{\"sentences\": [\"Ein "), bad, ascii(" Hund\"]}"));
            case "model" -> concat(ascii("{\"sentences\": [\"a\"], \"model\": \""), bad, ascii("\"}"));
            case "key" -> concat(ascii("{\""), bad, ascii("\": 1, \"sentences\": [\"a\"]}"));
            default -> concat(ascii("{\"sentences\": [\"Ein Hund "), bad);
        };
        return new Case("invalid-utf8", post("/v1/translate", body, ""), Expect.ERROR, 1, 0);
    }

    private Case loneSurrogate() {
        String s = pick("\\ud800", "\\udc00", "x\\ud800y", "\\ud800\\ud800", "\\udbff", "\\udfff\\ud800");
        String body = pick("{\"sentences\": [\"Ein Hund " + s + "\"]}", "{\"sentences\": [\"a\"], \"model\": \"" + s + "\"}",
                "{\"sentences\": [\"a\"], \"request_id\": \"" + s + "\"}", "[{\"src\": \"" + s + "\"}]",
                "[{\"src\": \"a\", \"id\": \"" + s + "\"}]");
        return new Case("lone-surrogate", post(body.startsWith("[") ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.ERROR, 1, 0);
    }

    private Case controlCharacter() {
        int c = pickInt(0, 1, 7, 8, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x85, 0x9F);
        boolean escaped = random.nextBoolean();
        String ch = escaped ? String.format("\\u%04x", c) : new String(Character.toChars(c));
        String body = pick("{\"sentences\": [\"Ein" + ch + "Hund\"]}", "{\"sentences\": [\"a\"], \"request_id\": \"" + ch + "\"}",
                "[{\"src\": \"" + ch + "\"}]", "{\"sentences\": [\"a\"], \"model\": \"ti" + ch + "ny\"}");
        return new Case("control-character", post(body.startsWith("[") ? "/translator/translate" : "/v1/translate",
                body.getBytes(StandardCharsets.UTF_8), ""), Expect.ERROR, 1, 0);
    }

    private Case oversizedHeaders() {
        String headers = switch (random.nextInt(5)) {
            case 0 -> "X-Big: " + "a".repeat(pickInt(9_000, 20_000, 70_000)) + "\r\n";
            case 1 -> "X-Many: 1\r\n".repeat(pickInt(1_000, 5_000));                 // more than Jetty's 8 KB
            case 2 -> "Cookie: " + "c=1; ".repeat(4_000) + "\r\n";
            case 3 -> "Authorization: Bearer " + "k".repeat(30_000) + "\r\n";
            default -> "X-Control: a\u0000b\u0001c\r\n";
        };
        byte[] bytes = random.nextBoolean()
                ? request("POST", "/v1/translate", VALID.getBytes(StandardCharsets.UTF_8), headers)
                : request("GET", "/v1/models?" + "q=1&".repeat(pickInt(3_000, 20_000)), new byte[0], "");
        return new Case("oversized-headers", bytes, Expect.ERROR, 1, 0);
    }

    private Case brokenProtocol() {
        byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
        String text = switch (random.nextInt(14)) {
            case 0 -> "POST /v1/translate HTTP/9.9\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n" + VALID;
            case 1 -> "POST /v1/translate HTTP/1.1\r\nContent-Length: " + body.length + "\r\n\r\n" + VALID;  // no Host
            case 2 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n12345";
            case 3 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n";
            case 4 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n";
            case 5 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
            case 6 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
            case 7 -> "GARBAGE\r\n\r\n";
            case 8 -> "POST /v1/translate\r\n\r\n";
            case 9 -> "POST  /v1/translate  HTTP/1.1\r\nHost: x\r\n\r\n";
            case 10 -> "POST /v1/translate HTTP/1.1\nHost: x\nContent-Length: 2\n\n{}";
            case 11 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\n{}";
            case 12 -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n";
            default -> "POST /v1/translate HTTP/1.1\r\nHost: x\r\n Folded: header\r\nContent-Length: 2\r\n\r\n{}";
        };
        return new Case("broken-protocol", text, Expect.ERROR);
    }

    private Case oversizedBody() {
        int size = pickInt(1_048_577, 2_000_000, 5_000_000);
        byte[] body = ("{\"sentences\": [\"" + "a".repeat(size) + "\"]}").getBytes(StandardCharsets.UTF_8);
        boolean chunked = random.nextBoolean();
        byte[] bytes = chunked ? chunked("/v1/translate", body) : post("/v1/translate", body, "");
        return new Case("oversized-body", bytes, Expect.ERROR, 1, 0);
    }

    private Case slowButComplete() {
        byte[] bytes = post("/v1/translate", VALID.getBytes(StandardCharsets.UTF_8), "");
        return new Case("slow-body", bytes, Expect.NOT_FAILED, 6, 20);
    }

    /** Headers and part of the body, then nothing until the server gives up on it. */
    private Case stall(int i) {
        byte[] full = post("/v1/translate", VALID.getBytes(StandardCharsets.UTF_8), "");
        byte[] part = java.util.Arrays.copyOf(full, full.length - 10 - i % 10);
        return new Case("stalled-body", part, Expect.ERROR, 1, -1);
    }

    // ---- one exchange

    /** What came back: the status line's code, headers and body, or status 0 when nothing did. */
    record Answer(int status, Map<String, String> headers, String body, String failure) {
    }

    private Answer exchange(Case c) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                if (c.pieces() <= 1) {
                    out.write(c.bytes());
                } else {
                    int step = (c.bytes().length + c.pieces() - 1) / c.pieces();
                    for (int at = 0; at < c.bytes().length; at += step) {
                        out.write(c.bytes(), at, Math.min(step, c.bytes().length - at));
                        out.flush();
                        Thread.sleep(c.pauseMillis());
                    }
                }
                out.flush();
            } catch (IOException e) {
                // the server may have answered and closed before taking the whole request (413): read that
                return read(socket.getInputStream(), c.bytes());
            }
            if (c.expect() == Expect.HANG_UP) {
                return new Answer(0, Map.of(), "", null);                 // closed right away: the client hangs up
            }
            return read(socket.getInputStream(), c.bytes());
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), "", "no answer within " + readTimeoutMillis + " ms");
        } catch (IOException e) {
            return new Answer(0, Map.of(), "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Map.of(), "", "interrupted");
        }
    }

    private static Answer read(InputStream in, byte[] sent) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return new Answer(0, Map.of(), "", null);                     // closed without an answer
        }
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        boolean head_ = new String(sent, 0, Math.min(5, sent.length), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
        byte[] body;
        if (head_ || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.containsKey("Content-Length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("Content-Length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            body = readChunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), null);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    // ---- judging

    private static Outcome judge(Case c, Answer a) {
        String problem = null;
        if (c.expect() == Expect.HANG_UP) {
            return new Outcome(c.kind(), 0, null);
        }
        if (a.failure() != null) {
            problem = a.failure();
        } else if (a.status() == 0) {
            problem = "closed without an answer";
        } else if (a.status() >= 500 && a.status() != 503) {
            problem = "status " + a.status();
        } else if (c.expect() == Expect.ERROR && !(a.status() >= 400 && a.status() < 500 || a.status() == 503)) {
            problem = "status " + a.status() + " for a hostile request";
        } else if (a.status() >= 400) {
            problem = errorShapeProblem(a, new String(c.bytes(), 0, Math.min(5, c.bytes().length),
                    StandardCharsets.ISO_8859_1).startsWith("HEAD "));
        }
        if (problem == null && a.status() >= 400 && STACK_TRACE.matcher(a.body()).find()) {
            problem = "a stack trace in the body";
        }
        if (problem != null) {
            String sent = new String(c.bytes(), 0, Math.min(120, c.bytes().length), StandardCharsets.UTF_8)
                    .replace("\r", "\\r").replace("\n", "\\n");
            problem = problem + " | sent: " + sent + " | got: " + a.status() + " "
                    + a.body().substring(0, Math.min(200, a.body().length())).replace("\n", "\\n");
        }
        return new Outcome(c.kind(), a.status(), problem);
    }

    /** Null when the answer is the JSON error shape whose code is the status (for HEAD, JSON without a body). */
    private static String errorShapeProblem(Answer a, boolean head) {
        String type = a.headers().getOrDefault("Content-Type", "");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "an error of type '" + type + "', not JSON";
        }
        if (head) {
            return a.body().isEmpty() ? null : "a body in the answer to HEAD";
        }
        try {
            JsonNode body = JSON.readTree(a.body());
            if (body == null || !body.isObject() || !"error".equals(body.path("status").asText())
                    || body.path("code").asInt() != a.status() || !body.path("error").isTextual()
                    || body.path("error").asText().isEmpty()) {
                return "not the JSON error shape";
            }
            return null;
        } catch (IOException e) {
            return "an error body that is not JSON";
        }
    }

    // ---- bytes

    private static byte[] request(String method, String path, byte[] body, String headers) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (body.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" : "")
                + headers + "\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] post(String path, byte[] body, String headers) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" + headers + "\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] chunked(String path, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 65_536) {
            int n = Math.min(65_536, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int pickInt(int... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private byte pick(byte[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
