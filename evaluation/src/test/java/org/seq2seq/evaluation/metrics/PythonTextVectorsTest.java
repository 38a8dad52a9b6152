package org.seq2seq.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python behaviour sacreBLEU inherits, as Python itself printed it
 * ({@code evaluation/scripts/python_text_vectors.py}): lowercasing of every code point, white
 * space, and fixed-point rounding.
 */
class PythonTextVectorsTest {
    private static JsonNode vectors;

    @BeforeAll
    static void read() throws IOException {
        try (var in = PythonTextVectorsTest.class.getResourceAsStream("/vectors/python-text-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyCodePointLowercasesAsInPython() {
        List<String> wrong = new ArrayList<>();
        Set<Integer> changed = new HashSet<>();
        for (JsonNode c : vectors.get("lower")) {
            int cp = c.get(0).asInt();
            changed.add(cp);
            StringBuilder python = new StringBuilder();
            c.get(1).forEach(x -> python.appendCodePoint(x.asInt()));
            String java = PythonText.lower(new String(Character.toChars(cp)));
            if (!java.contentEquals(python)) {
                wrong.add(Integer.toHexString(cp));
            }
        }
        for (int cp = 0; cp < 0x110000; cp++) {          // and those Python leaves alone stay alone
            if (!changed.contains(cp) && (cp < 0xD800 || cp > 0xDFFF)) {
                String s = new String(Character.toChars(cp));
                if (!PythonText.lower(s).equals(s)) {
                    wrong.add(Integer.toHexString(cp) + " (Python keeps it)");
                }
            }
        }
        assertEquals(List.of(), wrong, vectors.get("lower").size() + " code points Python lowercases");
        for (JsonNode line : vectors.get("lowerInContext")) {
            assertEquals(line.get(1).asText(), PythonText.lower(line.get(0).asText()), line.get(0).asText());
        }
    }

    /**
     * Python's Final_Sigma rule skips case-ignorable code points and asks whether the next one is
     * cased: both classes, for every code point, as Python 3.11's {@code str.lower()} decides them.
     */
    @Test
    void everyCodePointIsCaseIgnorableOrCasedAsForPythonsFinalSigma() {
        int[] python = new int[0x110000];
        for (JsonNode run : vectors.get("finalSigmaClasses")) {
            for (int c = run.get(0).asInt(); c <= run.get(1).asInt(); c++) {
                python[c] = run.get(2).asInt();
            }
        }
        List<String> wrong = new ArrayList<>();
        int ignorable = 0;
        for (int c = 0; c < python.length; c++) {
            int java = FinalSigma.isCaseIgnorable(c) ? 1 : FinalSigma.isCased(c) ? 2 : 0;
            ignorable += java == 1 ? 1 : 0;
            if (java != python[c] && (c < 0xD800 || c > 0xDFFF)) {
                wrong.add(Integer.toHexString(c) + ": Python " + python[c] + ", Java " + java);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(2_602, ignorable, "case-ignorable code points in Unicode 14.0");
    }

    @Test
    void whiteSpaceIsPythons() {
        Set<Integer> python = new HashSet<>();
        vectors.get("whitespace").forEach(c -> python.add(c.asInt()));
        List<String> wrong = new ArrayList<>();
        for (int cp = 0; cp < 0x110000; cp++) {
            if (PythonText.isSpace(cp) != python.contains(cp)) {
                wrong.add(Integer.toHexString(cp));
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of("a", "b", "c"), PythonText.split("\u2003a\u00a0b\u0085\u001fc\u3000"));
    }

    @Test
    void fixedPointOutputIsPythons() {
        int n = 0;
        for (JsonNode c : vectors.get("fixed")) {
            double value = Double.longBitsToDouble(c.get(0).asLong());
            for (int decimals = 1; decimals <= 4; decimals++) {
                assertEquals(c.get(1).get(decimals - 1).asText(), PythonFloat.fixed(value, decimals),
                        value + " to " + decimals + " decimals");
                n++;
            }
        }
        assertEquals(6036, n);
    }
}
