package org.seq2seq.evaluation.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/** The tokenizers sacreBLEU applies before counting n-grams, by their sacreBLEU names. */
public enum BleuTokenizer {
    /** mteval-v13a, sacreBLEU's default: ASCII punctuation and symbols split off, HTML entities unescaped. */
    THIRTEEN_A("13a") {
        @Override
        public String tokenize(String line) {
            line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
            if (line.indexOf('&') >= 0) {
                line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            }
            line = " " + line + " ";
            line = SYMBOLS_13A.matcher(line).replaceAll(" $1 ");
            line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
            line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
            line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
            return PythonText.normalizeSpaces(line);
        }
    },
    /** mteval-v14 international: Unicode punctuation (unless between digits) and symbols split off. */
    INTL("intl") {
        @Override
        public String tokenize(String line) {
            line = PUNCTUATION_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
            line = PUNCTUATION_BEFORE_NON_NUMBER.matcher(line).replaceAll(" $1 $2");
            line = SYMBOL.matcher(line).replaceAll(" $1 ");
            return PythonText.normalizeSpaces(line);
        }
    },
    /** No tokenization: the text is split at whitespace only. */
    NONE("none") {
        @Override
        public String tokenize(String line) {
            return line;
        }
    };

    // 13a: the ranges {-~ [-` space-& (-+ :-@ and the slash
    private static final Pattern SYMBOLS_13A = Pattern.compile("([{-~\\[-` -&(-+:-@/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");
    private static final Pattern PUNCTUATION_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
    private static final Pattern PUNCTUATION_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
    private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

    private final String signatureName;

    BleuTokenizer(String signatureName) {
        this.signatureName = signatureName;
    }

    /** The line with its tokens separated by single spaces. */
    public abstract String tokenize(String line);

    /** The name in sacreBLEU's signature and on the command line: {@code 13a}, {@code intl}, {@code none}. */
    public String signatureName() {
        return signatureName;
    }

    /** The tokenizer of a sacreBLEU name. */
    public static BleuTokenizer of(String name) {
        for (BleuTokenizer t : values()) {
            if (t.signatureName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown BLEU tokenizer '" + name + "' (known: 13a, intl, none)");
    }
}
