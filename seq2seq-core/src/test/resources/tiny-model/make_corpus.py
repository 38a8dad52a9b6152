"""Writes the tiny model's corpus: every "subject verb [place]." sentence of a small German-English
phrase table, each one pair (train.de-en.csv), every seventh one held out (valid.de-en.csv)."""
import csv

SUBJECTS = [("Ein Hund", "A dog"), ("Eine Katze", "A cat"), ("Ein Mann", "A man"), ("Eine Frau", "A woman"),
            ("Ein Kind", "A child"), ("Ein Junge", "A boy"), ("Ein Mädchen", "A girl")]
VERBS = [("läuft", "runs"), ("schläft", "sleeps"), ("spielt", "plays"), ("springt", "jumps"),
         ("sitzt", "sits"), ("wartet", "waits")]
PLACES = [("im Park", "in the park"), ("am Strand", "on the beach"), ("im Schnee", "in the snow"),
          ("auf der Straße", "on the street"), ("im Garten", "in the garden"), ("", "")]

pairs = []
for de_s, en_s in SUBJECTS:
    for de_v, en_v in VERBS:
        for de_p, en_p in PLACES:
            de = " ".join(w for w in (de_s, de_v, de_p) if w) + "."
            en = " ".join(w for w in (en_s, en_v, en_p) if w) + "."
            pairs.append((de, en))

for name, part in (("train", [p for i, p in enumerate(pairs) if i % 7 != 3]),
                   ("valid", [p for i, p in enumerate(pairs) if i % 7 == 3])):
    with open(f"{name}.de-en.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target"])
        w.writerows(part)
