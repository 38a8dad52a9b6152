#!/usr/bin/env python3
"""Tatoeba pairs that describe scenes, held out of training as a test set of text the model never saw.

    heldout_scenes.py TATOEBA_TRAIN.csv HELDOUT.csv TRAIN_REST.csv

Picks, with seed 49, up to 800 German sources whose English is a caption-like description
("A|The|Two|... <subject> is|are <verb>ing ..." ending in a full stop, no question, no names or
first and second persons, at least 5 words), then every pair that shares a German or an English
sentence with a picked one, so that no sentence of the held-out set is left in training. Writes
the held-out pairs (evaluate them with --group-by-source: some sources have several references)
and the rest of the corpus, both as CSV with header source,target. On the shared Tatoeba train
split it holds out 366 pairs with 344 distinct sources and keeps 165,831.
"""
import csv
import random
import re
import sys

CAPTION = re.compile(r"^(A|An|The|Two|Three|Four|Some|Several|Many|Children|People) [^?]*\b(is|are)( \w+ly)? "
                     r"\w+ing\b[^?]*\.$")
PERSONAL = re.compile(r"\b(Tom|Mary|John|Alice|Bob|Ken|Jane|Mike|I|you|You|we|We|my|your|our)\b")


def main(train, heldout, rest):
    rows = list(csv.DictReader(open(train, encoding='utf-8')))
    picked = sorted({r['source'] for r in rows if CAPTION.match(r['target']) and not PERSONAL.search(r['target'])
                     and len(r['target'].split()) >= 5})
    random.seed(49)
    random.shuffle(picked)
    sources, targets = set(picked[:800]), set()
    changed = True
    while changed:   # close over pairs sharing a sentence with a held-out one
        changed = False
        for r in rows:
            if r['source'] in sources and r['target'] not in targets:
                targets.add(r['target'])
                changed = True
            elif r['target'] in targets and r['source'] not in sources:
                sources.add(r['source'])
                changed = True
    write(heldout, [r for r in rows if r['source'] in sources])
    write(rest, [r for r in rows if r['source'] not in sources and r['target'] not in targets])


def write(path, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        out = csv.writer(f)
        out.writerow(['source', 'target'])
        for r in rows:
            out.writerow([r['source'], r['target']])
    print(f'{path}: {len(rows)} pairs', file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
