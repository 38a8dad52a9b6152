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
            return regexp(" " + line + " ");
        }
    },
    /**
     * sacreBLEU's {@code zh}: every Chinese character (by its table of ranges) set apart, then the
     * 13a rules for the rest. The ranges are the ones sacreBLEU's comparisons really select: its
     * table writes the Extension B and Compatibility Supplement bounds as {@code u'\\u20000'} and
     * {@code u'\\u2f800'}, which Python reads as two-character strings (U+2000 then "0"), so
     * those entries cover U+2001–U+2A6D and U+2F81–U+2FA1 instead, and characters beyond the BMP
     * are never set apart.
     */
    ZH("zh") {
        @Override
        public String tokenize(String line) {
            StringBuilder out = new StringBuilder(line.length() * 2);
            PythonText.strip(line).codePoints().forEach(c -> {
                if (isChinese(c)) {
                    out.append(' ').appendCodePoint(c).append(' ');
                } else {
                    out.appendCodePoint(c);
                }
            });
            return regexp(out.toString());
        }
    },
    /**
     * mteval-v14 international: Unicode punctuation (unless between digits) and symbols split off,
     * by Unicode 15.0's classes ({@link UnicodeClasses}): sacreBLEU's three substitutions
     * {@code (\P{N})(\p{P})}, {@code (\p{P})(\P{N})} and {@code (\p{S})}, each over the whole line,
     * left to right, without overlaps.
     */
    INTL("intl") {
        @Override
        public String tokenize(String line) {
            int[] c = line.codePoints().toArray();
            StringBuilder out = new StringBuilder(line.length() * 2);
            for (int i = 0; i < c.length; i++) {                    // (\P{N})(\p{P}) -> '\1 \2 '
                if (i + 1 < c.length && !is(c[i], 'N') && is(c[i + 1], 'P')) {
                    out.appendCodePoint(c[i]).append(' ').appendCodePoint(c[++i]).append(' ');
                } else {
                    out.appendCodePoint(c[i]);
                }
            }
            c = out.toString().codePoints().toArray();
            out.setLength(0);
            for (int i = 0; i < c.length; i++) {                    // (\p{P})(\P{N}) -> ' \1 \2'
                if (i + 1 < c.length && is(c[i], 'P') && !is(c[i + 1], 'N')) {
                    out.append(' ').appendCodePoint(c[i]).append(' ').appendCodePoint(c[++i]);
                } else {
                    out.appendCodePoint(c[i]);
                }
            }
            c = out.toString().codePoints().toArray();
            out.setLength(0);
            for (int cp : c) {                                       // (\p{S}) -> ' \1 '
                if (is(cp, 'S')) {
                    out.append(' ').appendCodePoint(cp).append(' ');
                } else {
                    out.appendCodePoint(cp);
                }
            }
            return PythonText.normalizeSpaces(out.toString());
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

    /** The code points sacreBLEU's {@code zh} tokenizer sets apart, as [first, last] pairs (see {@link #ZH}). */
    private static final int[][] CHINESE = {{0x2001, 0x2A6D}, {0x2E80, 0x2FDF}, {0x2FF0, 0x303F}, {0x3100, 0x312F},
        {0x31A0, 0x31EF}, {0x3200, 0x4DB5}, {0x4E00, 0x9FBB}, {0xF900, 0xFA2D}, {0xFA30, 0xFA6A}, {0xFA70, 0xFAD9},
        {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF}};

    private final String signatureName;

    BleuTokenizer(String signatureName) {
        this.signatureName = signatureName;
    }

    private static boolean is(int c, char unicodeClass) {
        return UnicodeClasses.classOf(c) == unicodeClass;
    }

    private static boolean isChinese(int c) {
        for (int[] range : CHINESE) {
            if (c >= range[0] && c <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** sacreBLEU's {@code TokenizerRegexp}, the rules 13a and zh share, and single spaces. */
    private static String regexp(String line) {
        line = SYMBOLS_13A.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return PythonText.normalizeSpaces(line);
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
        throw new IllegalArgumentException("unknown BLEU tokenizer '" + name + "' (known: 13a, intl, zh, none)");
    }
}
