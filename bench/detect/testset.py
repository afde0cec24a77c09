#!/usr/bin/env python3
"""Writes the language detection test set (bench/detect/run.sh).

    testset.py GENERATED.csv GOLD.csv OUT.tsv [ALL.tsv]

GENERATED.csv comes from `verbatim-gen-corpus --lang-column`; its `lang`
column is the truth.  Every foreign comment (fr es de it pt nl zh ja) is
kept, English ones up to EN_CAP (the first ones in the file), and the
comments of the gold corpus (corpora/gold/gold.csv): its English ones as a
second English set, its few French, Spanish and German ones with those.  Only comments of 5 to 30 words are kept: words are
whitespace-separated tokens holding a letter or digit, and in Chinese and
Japanese text (no spaces) every two CJK characters count as one word
(the mean word length of both is close to two characters).

OUT.tsv: one comment a line, `source<TAB>lang<TAB>words<TAB>text`, where
tabs, CR and LF inside the text became spaces.  ALL.tsv, when given: every
comment of GENERATED.csv in the same form, blank ones included (the cost
of detection on a whole benchmark corpus).
"""
import csv
import sys

EN_CAP = 3000
# Gold comments that are not in English (the gold's README: about 3% are
# French, Spanish or German), read by hand among those that a check for
# French/Spanish/German function words or accents, or CLD2, flagged.  They
# are kept with their language; the gold's other comments count as English.
GOLD_NOT_ENGLISH = {
    "ec0033": "es", "ec0059": "es", "ec0063": "de", "ec0085": "fr",
    "ec0120": "de", "ec0149": "es", "ec0189": "fr", "ec0204": "es",
    "ec0240": "es", "ec0257": "fr", "ec0270": "de", "ec0324": "fr",
    "ec0385": "de", "ec0400": "fr", "sa0067": "fr", "sa0089": "es",
    "sa0118": "fr", "sa0128": "de", "sa0160": "es", "sa0180": "de",
    "sa0188": "fr", "sa0212": "de", "sa0241": "es", "sa0269": "es",
    "sa0346": "es", "sa0356": "fr", "sa0359": "de", "sa0420": "fr",
    "tb0187": "fr", "tb0188": "es", "tb0189": "de", "tb0190": "fr",
    "tb0191": "es", "tb0192": "de", "tb0198": "fr", "tb0418": "es",
    "tb0419": "de", "tb0420": "fr", "tf0051": "fr", "tf0099": "de",
    "tf0113": "fr", "tf0147": "es", "tf0155": "de", "tf0184": "fr",
    "tf0224": "es", "tf0300": "fr", "tf0346": "es", "tf0365": "es",
    "tf0386": "fr", "tf0391": "de", "tf0396": "de",
}
MIN_WORDS, MAX_WORDS = 5, 30


def is_cjk(ch):
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF
            or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF)


def words(text):
    n = 0
    for tok in text.split():
        cjk = sum(1 for ch in tok if is_cjk(ch))
        if cjk:
            n += (cjk + 1) // 2
            rest = "".join(ch for ch in tok if not is_cjk(ch))
            n += 1 if any(ch.isalnum() for ch in rest) else 0
        elif any(ch.isalnum() for ch in tok):
            n += 1
    return n


def main():
    gen, gold, out = sys.argv[1:4]
    csv.field_size_limit(1 << 30)
    rows, every = [], []
    en = 0
    with open(gen, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            lang, text = r["lang"], r["comment"]
            every.append(("gen", lang, words(text), text))
            if lang == "und":
                continue
            if lang == "en":
                if en >= EN_CAP:
                    continue
            w = words(text)
            if MIN_WORDS <= w <= MAX_WORDS:
                en += lang == "en"
                rows.append(("gen", lang, w, text))
    with open(gold, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            w = words(r["comment"])
            lang = GOLD_NOT_ENGLISH.get(r["id"], "en")
            if MIN_WORDS <= w <= MAX_WORDS:
                rows.append(("gold", lang, w, r["comment"]))
    write(out, rows)
    if len(sys.argv) > 4:
        write(sys.argv[4], every)


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for src, lang, w, text in rows:
            clean = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
            f.write(f"{src}\t{lang}\t{w}\t{clean}\n")


if __name__ == "__main__":
    main()
