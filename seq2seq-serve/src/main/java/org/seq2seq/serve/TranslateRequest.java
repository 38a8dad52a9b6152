package org.seq2seq.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A checked {@code POST /v1/translate} body.
 *
 * @param model      the model's name; null: the first one served
 * @param sentences  1 to {@link ServeLimits#maxSentences()} sentences, each up to
 *                   {@link ServeLimits#maxCharacters()} characters
 * @param beam       beam size (1: greedy search)
 * @param nBest      translations returned per sentence, best first
 * @param maxLength  most output tokens per sentence (END included); null: the search's default,
 *                   {@code 2 × source tokens + 10}
 * @param noRepeatNgram n: no n-gram of output tokens twice in one translation; 0 (the default) for no limit
 * @param attention  whether to return the attention weights of each best translation
 * @param requestId  the client's label for the request, returned as it came; null for none
 * @param constraints per sentence, the target phrases its translation must contain (an empty list
 *                   for none); null when the request gives none
 */
record TranslateRequest(String model, List<String> sentences, int beam, int nBest, Integer maxLength,
                        int noRepeatNgram, boolean attention, String requestId, List<List<String>> constraints) {
    private static final List<String> FIELDS = List.of("model", "sentences", "beam", "n_best", "max_length",
            "no_repeat_ngram", "attention", "request_id", "constraints");
    /** Most phrases one sentence may be given. */
    static final int MAX_PHRASES = 32;

    TranslateRequest {
        sentences = List.copyOf(sentences);
        constraints = constraints == null ? null : constraints.stream().map(List::copyOf).toList();
    }

    /** The search this request asks for. */
    SearchChoice search() {
        return new SearchChoice(beam, nBest, maxLength, noRepeatNgram);
    }

    /**
     * Checks a parsed body field by field.
     *
     * @throws ApiException 400 naming the field that is missing, of the wrong type or out of range,
     *                      413 naming it when there are too many sentences or one is too long
     */
    static TranslateRequest parse(JsonNode body, ServeLimits limits) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body", "the body must be a JSON object such as "
                    + "{\"sentences\": [\"Ein Hund läuft.\"]}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + name + "'; the fields are "
                        + String.join(", ", FIELDS));
            }
        }
        String model = optionalText(body, "model");
        JsonNode array = body.get("sentences");
        if (array == null || array.isNull()) {
            throw ApiException.badRequest("sentences", "'sentences' is missing: give a list of the sentences to "
                    + "translate");
        }
        if (!array.isArray()) {
            throw ApiException.badRequest("sentences", "'sentences' must be a list of strings, got "
                    + array.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> sentences = sentences(array, "sentences", limits);
        int beam = integer(body, "beam", org.seq2seq.decoder.search.SearchOptions.DEFAULT_BEAM, 1, limits.maxBeam());
        int nBest = integer(body, "n_best", 1, 1, limits.maxBeam());
        Integer maxLength = body.hasNonNull("max_length")
                ? integer(body, "max_length", 0, 1, limits.maxLength()) : null;
        int noRepeatNgram = integer(body, "no_repeat_ngram", 0, 0, limits.maxLength());
        boolean attention = false;
        if (body.hasNonNull("attention")) {
            if (!body.get("attention").isBoolean()) {
                throw ApiException.badRequest("attention", "'attention' must be true or false");
            }
            attention = body.get("attention").booleanValue();
        }
        List<List<String>> constraints = constraints(body.get("constraints"), sentences.size(), limits);
        if (constraints != null && beam < 2) {
            throw ApiException.badRequest("beam", "'constraints' need beam search: 'beam' of 2 or more, got "
                    + beam);
        }
        if (constraints != null && attention) {
            throw ApiException.badRequest("attention", "'attention' shows unconstrained translations; leave it out "
                    + "with 'constraints'");
        }
        return new TranslateRequest(model, sentences, beam, nBest, maxLength, noRepeatNgram, attention,
                optionalText(body, "request_id"), constraints);
    }

    /**
     * The {@code constraints} field: a list with a list of phrases (strings) for each sentence;
     * null when absent.
     */
    private static List<List<String>> constraints(JsonNode node, int sentences, ServeLimits limits) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != sentences) {
            throw ApiException.badRequest("constraints", "'constraints' must be a list with a list of target phrases "
                    + "for each of the " + sentences + " sentences (an empty list for none), got "
                    + (node.isArray() ? node.size() + " lists" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<List<String>> out = new ArrayList<>(sentences);
        for (int i = 0; i < sentences; i++) {
            JsonNode phrases = node.get(i);
            String field = "constraints[" + i + "]";
            if (!phrases.isArray()) {
                throw ApiException.badRequest(field, "'" + field + "' must be a list of phrases (strings)");
            }
            if (phrases.size() > MAX_PHRASES) {
                throw ApiException.tooLarge(field, "'" + field + "' has " + phrases.size() + " phrases, more than the "
                        + MAX_PHRASES + " a sentence may have");
            }
            List<String> list = new ArrayList<>(phrases.size());
            for (int j = 0; j < phrases.size(); j++) {
                String phrase = sentence(phrases.get(j), field + "[" + j + "]", limits);
                if (phrase.isBlank()) {
                    throw ApiException.badRequest(field + "[" + j + "]", "'" + field + "[" + j + "]' is empty");
                }
                list.add(phrase);
            }
            out.add(list);
        }
        return out;
    }

    /** Each element of {@code array} as a sentence, checked against the limits. */
    static List<String> sentences(JsonNode array, String field, ServeLimits limits) {
        if (array.isEmpty()) {
            throw ApiException.badRequest(field, "'" + field + "' is empty: give at least one sentence");
        }
        if (array.size() > limits.maxSentences()) {
            throw ApiException.tooLarge(field, array.size() + " sentences, more than the " + limits.maxSentences()
                    + " a request may hold; send them in several requests");
        }
        List<String> sentences = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            sentences.add(sentence(array.get(i), field + "[" + i + "]", limits));
        }
        return sentences;
    }

    /** One sentence, checked: a string of at most {@link ServeLimits#maxCharacters()} characters. */
    static String sentence(JsonNode node, String field, ServeLimits limits) {
        if (node == null || !node.isTextual()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        String text = checkedText(node.textValue(), field);
        int characters = text.codePointCount(0, text.length());
        if (characters > limits.maxCharacters()) {
            throw ApiException.tooLarge(field, "'" + field + "' has " + characters + " characters, more than the "
                    + "limit of " + limits.maxCharacters());
        }
        return text;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        return checkedText(node.textValue(), field);
    }

    /**
     * {@code text} if it is Unicode text a person could have written: no half of a surrogate pair
     * without the other (what JSON's {@code \ud800} escapes can make, and no UTF-8 can carry) and
     * no control character but tab, line feed and carriage return.
     *
     * @throws ApiException 400 naming the field and the position of the first fault
     */
    static String checkedText(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest(field, "'" + field + "' has half of a surrogate pair (U+"
                        + String.format("%04X", (int) c) + ") at position " + i + ": it is not Unicode text");
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw ApiException.badRequest(field, "'" + field + "' has the control character U+"
                        + String.format("%04X", (int) c) + " at position " + i);
            }
        }
        return text;
    }

    private static int integer(JsonNode body, String field, int absent, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max
                    + ", got " + node);
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw ApiException.badRequest(field, "'" + field + "' must be from " + min + " to " + max + " on this "
                    + "server, got " + value);
        }
        return value;
    }
}
