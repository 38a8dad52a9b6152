package org.seq2seq.evaluation.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few Python {@code str} operations sacreBLEU's results depend on, reproduced: Python's
 * whitespace (which includes no-break spaces such as U+00A0, U+202F, and U+0085), {@code split()},
 * {@code rstrip()} and {@code lower()}.
 */
final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one code point. */
    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    /** Python's {@code str.split()}: runs of whitespace separate, none at the ends. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (isSpace(c)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Python's {@code ' '.join(s.split())}. */
    static String normalizeSpaces(String s) {
        return String.join(" ", split(s));
    }

    /** Python's {@code str.strip()}. */
    static String strip(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        return rstrip(s.substring(start));
    }

    /** Python's {@code str.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int c = s.codePointBefore(end);
            if (!isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(0, end);
    }

    /**
     * Python's {@code str.lower()}: full Unicode lowercasing, with a capital sigma lowercased by
     * Python's Final_Sigma rule ({@link FinalSigma}; Java's own rule differs). Java 17 lowercases by
     * Unicode 13; Python (3.11 and later, on which sacreBLEU runs) by Unicode 14 or newer, which
     * added the 40 capital letters below. Every code point was compared: Python 3.11's
     * {@code chr(c).lower()} against Java 17's, and these are all the differences.
     */
    static String lower(String s) {
        if (s.indexOf(FinalSigma.CAPITAL) >= 0) {
            return lowerByCodePoint(s);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == 0x2C2F || c >= 0xA7C0 && c <= 0xA7D8 || Character.isHighSurrogate(c)) {
                return lowerByCodePoint(s);
            }
        }
        return lower;
    }

    /** {@link #lower} one code point at a time: each on its own but for Σ, whose context decides. */
    private static String lowerByCodePoint(String s) {
        int[] codePoints = s.codePoints().toArray();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == FinalSigma.CAPITAL) {
                out.appendCodePoint(FinalSigma.lowercaseAt(codePoints, i));
            } else if (lowerSinceUnicode14(c) != c) {
                out.appendCodePoint(lowerSinceUnicode14(c));
            } else {
                out.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /** The lowercase of the capitals Unicode 14 added (Glagolitic, Latin Extended-D, Vithkuqi), else {@code c}. */
    private static int lowerSinceUnicode14(int c) {
        return switch (c) {
            case 0x2C2F -> 0x2C5F;
            case 0xA7C0 -> 0xA7C1;
            case 0xA7D0 -> 0xA7D1;
            case 0xA7D6 -> 0xA7D7;
            case 0xA7D8 -> 0xA7D9;
            default -> c >= 0x10570 && c <= 0x10595 && c != 0x1057B && c != 0x1058B && c != 0x10593 ? c + 0x27 : c;
        };
    }
}
