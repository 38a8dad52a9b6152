package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    @Test
    void describesEveryEndpointAndNoOther() throws Exception {
        JsonNode api;
        try (InputStream in = TranslationServer.class.getResourceAsStream("/org/seq2seq/serve/openapi.yaml")) {
            api = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> described.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        assertEquals(new TreeSet<>(TranslationServer.ENDPOINTS), described);
        // the request fields the server reads are the ones described
        Set<String> fields = new TreeSet<>();
        api.at("/components/schemas/TranslateRequest/properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(Set.of("model", "sentences", "beam", "n_best", "max_length", "no_repeat_ngram", "attention",
                "request_id", "constraints")), fields);
    }
}
