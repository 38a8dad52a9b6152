#!/usr/bin/env python3
"""Writes a large synthetic German-English corpus for time and memory tests (not for quality).

Deterministic from --seed: every output pair joins one to three training pairs drawn at random
from the shared corpora (Multi30k and Tatoeba), sources with sources and targets with targets,
and one pair in twenty gets a proper name (the same on both sides, as names are copied in
translation) drawn from a Zipf-like law over an unbounded set, so that the vocabulary keeps
growing with the corpus as real text's does. Output: CSV with header source,target.

    python3 scripts/generate_corpus.py 1000000 /tmp/big-1m.csv --seed 1
"""
import argparse
import csv
import random
import sys
import time

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "ber", "dan", "fel", "gor", "hen", "lis",
             "mar", "nor", "pet", "ros", "sten", "wal"]


def name(k):
    """The k-th proper name: syllables spelling k in base 20, capitalised."""
    parts = []
    k += 20
    while k:
        parts.append(SYLLABLES[k % 20])
        k //= 20
    return "".join(parts).capitalize()


def read_pairs(paths):
    pairs = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            for row in reader:
                pairs.append((row["source"], row["target"]))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", type=int, help="pairs to write")
    parser.add_argument("output", help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shared", default="../shared", help="the shared material (default ../shared)")
    args = parser.parse_args()
    if args.pairs < 1:
        sys.exit("generate_corpus.py: the number of pairs must be at least 1, got %d" % args.pairs)
    sources = [args.shared + "/corpora/multi30k/train.de-en.csv",
               args.shared + "/corpora/tatoeba-de-en/train.de-en.csv"]
    try:
        pool = read_pairs(sources)
    except OSError as e:
        sys.exit("generate_corpus.py: %s" % e)
    rng = random.Random(args.seed)
    start = time.time()
    with open(args.output, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "target"])
        n = len(pool)
        for i in range(args.pairs):
            r = rng.random()
            k = 1 if r < 0.6 else 2 if r < 0.9 else 3
            picked = [pool[rng.randrange(n)] for _ in range(k)]
            source = " ".join(p[0] for p in picked)
            target = " ".join(p[1] for p in picked)
            if rng.random() < 0.05:
                who = name(int(rng.paretovariate(0.8)))
                source = who + ": " + source
                target = who + ": " + target
            writer.writerow([source, target])
            if (i + 1) % 1000000 == 0:
                print("%d pairs, %.0f s" % (i + 1, time.time() - start), file=sys.stderr)
    print("wrote %d pairs to %s in %.0f s" % (args.pairs, args.output, time.time() - start), file=sys.stderr)


if __name__ == "__main__":
    main()
