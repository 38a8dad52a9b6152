#!/usr/bin/env python3
"""Constraints drawn from reference translations, and how many a system's output meets.

    reference_constraints.py make CORPUS.csv N SEED OUT_PREFIX
        writes OUT_PREFIX.src (the first N sources), OUT_PREFIX.ref (their references) and
        OUT_PREFIX.constraints (per line one or two phrases of one or two words from the
        reference, tab-separated; sentence i gets one phrase when i is even, two when odd;
        phrases of punctuation or common function words only are not drawn, nor overlapping ones)
    reference_constraints.py check OUT_PREFIX.constraints TRANSLATIONS
        prints how many phrases and sentences the translations meet: a phrase is met when it
        appears with non-word characters (or the ends) on both sides
"""
import csv
import random
import re
import sys

COMMON = set("a an the is are of in on at to and with his her their its by for from while as into".split())


def words(text):
    return re.findall(r"\w+(?:'\w+)?|[^\w\s]", text)


def make(corpus, n, seed, prefix):
    rng = random.Random(seed)
    with open(corpus, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:n]
    with open(prefix + ".src", "w", encoding="utf-8") as src, open(prefix + ".ref", "w", encoding="utf-8") as ref, \
            open(prefix + ".constraints", "w", encoding="utf-8") as con:
        for i, row in enumerate(rows):
            tokens = words(row["target"])
            spans = [(s, length) for length in (1, 2) for s in range(len(tokens) - length + 1)
                     if all(re.fullmatch(r"\w+", t) for t in tokens[s:s + length])
                     and not all(t.lower() in COMMON for t in tokens[s:s + length])]
            rng.shuffle(spans)
            chosen = []
            for s, length in spans:
                if len(chosen) == (1 if i % 2 == 0 else 2):
                    break
                if all(s + length <= c or c + l <= s for c, l in chosen):
                    chosen.append((s, length))
            chosen.sort()
            src.write(row["source"] + "\n")
            ref.write(row["target"] + "\n")
            con.write("\t".join(" ".join(tokens[s:s + length]) for s, length in chosen) + "\n")


def met(phrase, text):
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


def check(constraints, translations):
    with open(constraints, encoding="utf-8") as c, open(translations, encoding="utf-8") as t:
        pairs = list(zip(c.read().split("\n")[:-1], t.read().split("\n")[:-1]))
    phrases = hits = sentences = whole = 0
    for line, text in pairs:
        wanted = [p for p in line.split("\t") if p]
        if not wanted:
            continue
        sentences += 1
        ok = [met(p, text) for p in wanted]
        phrases += len(ok)
        hits += sum(ok)
        whole += all(ok)
    print(f"phrases met {hits}/{phrases} ({100.0 * hits / max(1, phrases):.1f}%), "
          f"sentences with all met {whole}/{sentences} ({100.0 * whole / max(1, sentences):.1f}%)")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
