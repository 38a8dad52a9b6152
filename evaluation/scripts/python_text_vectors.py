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
    """Capital sigma lowercases by context: final form at the end of a word."""
    lines = ["ΟΔΟΣ", "ΣΑΣ ΟΔΟΣ.", "Σ", "AΣ1", "ΑΣ'Β", "Σ.Σ", "İSTANBUL", "ǅ ǈ ǋ ǲ"]
    return [[line, line.lower()] for line in lines]


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
        "whitespace": whitespace(),
        "fixed": rounding_cases(),
    }, sys.stdout, ensure_ascii=True, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
