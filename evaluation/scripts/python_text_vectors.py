#!/usr/bin/env python3
"""Writes the Python text behaviour that sacreBLEU inherits, as test vectors for the Java metrics.

sacreBLEU is Python: its lowercasing is str.lower(), its tokenizers end with ' '.join(line.split())
(Python's idea of whitespace), and its scores are printed with f"{x:.{N}f}" (the exact binary value
rounded half to even). This script asks this Python for each, so the Java port is checked against
the interpreter itself, not against expectations written by hand:

    python3 evaluation/scripts/python_text_vectors.py > evaluation/src/test/resources/vectors/python-text-vectors.json

Python 3.11 (Unicode 14.0) wrote the committed file; sacreBLEU 2.6.0 is tested on 3.9 to 3.12, and
Unicode 15.0 (Python 3.12) added no case pairs and no white space.
"""
import json
import random
import struct
import sys
import unicodedata


def lower_cases():
    """Every code point whose str.lower() is not itself, with what it becomes."""
    return [[c, [ord(x) for x in chr(c).lower()]] for c in range(0x110000)
            if not 0xD800 <= c <= 0xDFFF and chr(c).lower() != chr(c)]


def final_sigma_cases():
    """Capital sigma lowercases by context: final form at the end of a word, where Python's rule
    (skip case-ignorable characters; a cased one before, none after) and Java's (word boundaries)
    part ways: hyphens, dashes, colons, digits, underscores, combining and format characters."""
    lines = ["ΟΔΟΣ", "ΣΑΣ ΟΔΟΣ.", "Σ", "AΣ1", "ΑΣ'Β", "Σ.Σ", "İSTANBUL", "ǅ ǈ ǋ ǲ",
             "ΑΣ-Β", "ΑΣ—Β", "ΑΣ:Β", "Α:Σ", "Α1Σ", "ΑΣ1Β", "ΑΣ_Β", "Α_Σ", "ΑΣ\u0301", "ΑΣ\u0301Β", "Α\u00adΣ",
             "ΑΣ\u00adΒ", "ʰΣ", "ΑʰΣ", "(ΟΔΟΣ)", "ΟΔΟΣ-ΟΔΟΣ—ΟΔΟΣ: ΟΔΟΣ", "ΑΣ\U0001F600", "ΑΣ\u2027Β",
             "ΑΣ\u1734Β", "ΑΣ\u0888Β", "ΑΣ\u2C2F", "ΑΣ\U00010570"]
    return [[line, line.lower()] for line in lines]


def final_sigma_classes():
    """[first, last, kind] runs of the code points Python's Final_Sigma rule looks at: kind 1 is
    case-ignorable (skipped), 2 cased (and not case-ignorable); the others are neither. Read off
    str.lower() itself: with c between 'Α' and a final 'Σ', the sigma is final when c is ignorable
    or cased; after 'ΑΣ', when c is ignorable or not cased."""
    def kind(c):
        t1 = ("Α" + chr(c) + "Σ").lower().endswith("ς")
        t2 = ("ΑΣ" + chr(c)).lower()[1] == "ς"
        return 1 if t1 and t2 else 2 if t1 else 0
    runs = []
    for c in range(0x110000):
        k = 0 if 0xD800 <= c <= 0xDFFF else kind(c)
        if runs and runs[-1][2] == k and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c, k])
    return [run for run in runs if run[2] != 0]


def whitespace():
    """The code points str.split() separates at."""
    return [c for c in range(0x110000) if chr(c).isspace()]


def rounding_cases():
    """Values and their f"{x:.Nf}" for N = 1, 2, 3, 4: ties in binary, near-ties in decimal, random."""
    rng = random.Random(17)
    values = []
    for n in range(600):                              # exact binary halves: k / 2^j
        values.append(rng.randrange(0, 20000) / 2 ** rng.randrange(1, 12))
    for n in range(600):                                 # decimal near-ties: 12.345 and friends
        values.append(round(rng.uniform(0, 100), rng.randrange(1, 5)) + rng.choice([0, 0.5e-2, 0.5e-3, 0.5e-4]))
    for n in range(300):
        values.append(rng.uniform(0, 100))
    values += [0.125, 2.675, 13.445, 1.005, 0.0005, 99.995, 100.0, 0.0, 1e-7]
    cases = []
    for v in values:
        bits = struct.unpack("<q", struct.pack("<d", v))[0]
        cases.append([bits, [f"{v:.1f}", f"{v:.2f}", f"{v:.3f}", f"{v:.4f}"]])
    return cases


def main():
    json.dump({
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "lower": lower_cases(),
        "lowerInContext": final_sigma_cases(),
        "finalSigmaClasses": final_sigma_classes(),
        "whitespace": whitespace(),
        "fixed": rounding_cases(),
    }, sys.stdout, ensure_ascii=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
