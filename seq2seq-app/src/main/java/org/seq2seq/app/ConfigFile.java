package org.seq2seq.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Option values from a JSON or YAML file ({@code --config FILE}): a mapping from an option's long
 * name without the dashes ({@code hidden: 512}, {@code learning-rate: 0.001}) or a positional
 * parameter's label in lower case ({@code corpus}, {@code output-dir}) to a value. They become
 * the command's defaults, so anything given on the command line overrides them. Unknown names,
 * lists and nested mappings are errors naming the file.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
    /** Options that make no sense in a file. */
    private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version", "verbose", "resume");

    private final Path file;
    private final Map<String, String> values;

    private ConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /**
     * Reads {@code file} and checks its names against {@code command}'s options.
     *
     * @throws IllegalArgumentException for a missing or malformed file or an unknown name
     */
    static ConfigFile read(Path file, CommandSpec command) {
        JsonNode root;
        Map<String, Integer> lines = new LinkedHashMap<>();
        try {
            ObjectMapper mapper = isYaml(file) ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            String text = Files.readString(file);
            root = mapper.readTree(text);
            lines = fieldLines(mapper, text);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such config file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : String.format(" at line %d, column %d",
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new IllegalArgumentException(file + ": not valid " + (isYaml(file) ? "YAML" : "JSON") + where
                    + ": " + e.getOriginalMessage().strip().replaceAll("\\s*\\n\\s*", "; "));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(file, Map.of());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": should be a mapping of option names to values, "
                    + "e.g. {\"hidden\": 512}");
        }
        Map<String, ArgSpec> known = names(command);
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException(file + ": unknown option '" + name + "' for '"
                        + command.qualifiedName() + "'; known: " + String.join(", ", new TreeSet<>(known.keySet())));
            }
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new IllegalArgumentException(file + ": '" + name + "' should have a single value, got " + value);
            }
            checkType(file, lines.get(name), name, value, known.get(name));
            values.put(name, value.asText());
        }
        return new ConfigFile(file, values);
    }

    /** The line of each top-level name, for messages. */
    private static Map<String, Integer> fieldLines(ObjectMapper mapper, String text) throws IOException {
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1) {
                    lines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    /** Whether {@code value} can be the option's value: numbers, booleans and choices are checked here, with the line. */
    private static void checkType(Path file, Integer line, String name, JsonNode value, ArgSpec arg) {
        Class<?> type = arg.type();
        String text = value.asText();
        String expected = null;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            expected = value.isIntegralNumber() || text.matches("[+-]?\\d+") ? null : "a whole number";
        } else if (type == double.class || type == Double.class) {
            expected = value.isNumber() || isDouble(text) ? null : "a number";
        } else if (type == boolean.class || type == Boolean.class) {
            expected = value.isBoolean() || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? null : "true or false";
        } else if (type.isEnum()) {
            List<String> choices = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                choices.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            expected = choices.contains(text.toLowerCase(Locale.ROOT)) ? null : "one of " + String.join(", ", choices);
        }
        if (expected != null) {
            throw new IllegalArgumentException(file + (line == null ? "" : ": line " + line) + ": '" + name
                    + "' should be " + expected + ", got " + value);
        }
    }

    private static boolean isDouble(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the file gives a value for the option or parameter of this config name. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    Path file() {
        return file;
    }

    /** These values without those of {@code names}. */
    ConfigFile without(java.util.Set<String> names) {
        Map<String, String> kept = new LinkedHashMap<>(values);
        kept.keySet().removeAll(names);
        return new ConfigFile(file, kept);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return values.get(name(arg));
    }

    /**
     * The values {@code command} runs with, by the names a config file uses: what a run saves so
     * that it can be repeated with {@code --config}.
     */
    static Map<String, Object> effective(CommandSpec command) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ArgSpec> e : names(command).entrySet()) {
            Object value = e.getValue().getValue();
            if (value == null) {
                continue;
            }
            out.put(e.getKey(), value instanceof Number || value instanceof Boolean ? value
                    : value instanceof Enum<?> en ? en.name().toLowerCase(Locale.ROOT)
                    : value instanceof Path path ? path.toAbsolutePath().normalize().toString() : value.toString());
        }
        return out;
    }

    private static Map<String, ArgSpec> names(CommandSpec command) {
        Map<String, ArgSpec> names = new LinkedHashMap<>();
        for (PositionalParamSpec p : command.positionalParameters()) {
            names.put(name(p), p);
        }
        for (OptionSpec o : command.options()) {
            String name = name(o);
            if (!NOT_CONFIGURABLE.contains(name)) {
                names.put(name, o);
            }
        }
        return names;
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return o.longestName().replaceFirst("^-+", "");
        }
        return arg.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
