#!/usr/bin/env python3
"""Write a folder of generated news articles, the same every time, for measuring
`copydesk check` on many files.

    scripts/gen-articles.py OUT_DIR [--count 10000] [--seed 1]

Each article is about 5 KB of Markdown: a title, a dateline, paragraphs of ordinary prose
mixed with sentences naming the default table's people, places and organisations (some
correctly, some without diacritics, misspelt or with a wrong weekday, so the check finds
something to report), spread over 100 folders. Sentences are our own.
"""

import argparse
import os
import random

OPENINGS = [
    "Officials from both sides met for a second round of talks",
    "The ministry said the agreement would be signed later in the year",
    "A spokesperson declined to comment on the figures",
    "Trade between the two countries grew by a fifth last year",
    "Delegates spent the afternoon on questions of visas and study places",
    "The city council voted to extend the pilot scheme for another season",
    "Farmers in the delta reported a smaller rice harvest after the floods",
    "Rail operators promised more night trains before the holidays",
    "The report listed twelve recommendations, most of them about training",
    "Shares in the shipping firm fell sharply in early trading",
]
MIDDLES = [
    "according to a statement released in the evening",
    "while observers expected little change before the summer",
    "after a week of preparatory meetings at the technical level",
    "though several questions were left for the next session",
    "as the two teams compared notes on enforcement",
    "with a follow-up visit pencilled in for the autumn",
]
NAMED = [
    "Hoàng Xuân Chiến spoke about defence cooperation",
    "Hoang Xuan Chien welcomed the delegation",  # without diacritics
    "Simon Ridley answered questions from the press",
    "Simon Ridlee thanked the hosts",  # a near miss
    "Second Permanent Secretary Simon Ridley arrived in Hà Nội",
    "Deputy Minister Hoàng Xuân Chiến chaired the morning session",
    "the Ministry of National Defence published a short summary",
    "the UK Home Office sent a team of five",
    "Việt Nam and the UK agreed to meet again",
    "Ha Noi hosted the meeting",  # without diacritics
]
DATES = [
    "on Tuesday, March 4, 2025",
    "on Wednesday, March 4, 2025",  # the wrong weekday
    "on 5 March 2025",
    "in the spring of 2024",
    "on Monday",
    "last year",
]


def sentence(rng):
    r = rng.random()
    if r < 0.25:
        s = f"{rng.choice(NAMED)} {rng.choice(DATES)}, {rng.choice(MIDDLES)}"
    elif r < 0.35:
        s = f"{rng.choice(OPENINGS)} {rng.choice(DATES)}"
    else:
        s = f"{rng.choice(OPENINGS)}, {rng.choice(MIDDLES)}"
    return s[0].upper() + s[1:] + "."


def article(rng, n):
    parts = [f"# Talks and trade, report {n}\n", "date 2025-03-05\n"]
    size = 0
    while size < 5000:
        para = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        parts.append(para + "\n")
        size += len(para.encode()) + 2
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    total = 0
    for i in range(args.count):
        folder = os.path.join(args.out, f"{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        text = article(rng, i)
        with open(os.path.join(folder, f"article-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
    print(f"{args.count} articles, {total} bytes ({total / 1e6:.1f} MB) in {args.out}")


if __name__ == "__main__":
    main()
