#!/usr/bin/env python3
"""Write a reference table of generated people, the same every time, for measuring how
copydesk loads and checks against a large table.

    scripts/gen-table.py OUT.json [--people 1000000] [--seed 1]

Names come from several traditions, each written the way it is written: Vietnamese
(family-first, with diacritics), Korean (family-first, a hyphenated given name), Chinese
(family-first, pinyin), Arabic (given, a nasab "bin ...", family), Spanish (two family names),
Russian (given, patronymic, family), Yoruba, Hindi and English. One person in five has an
alias ("Mr Family", "General Family"); one in ten holds a title. Every name is made from
syllables, so no real person is named on purpose.
"""

import argparse
import json
import random

SYL = {
    "vi": (
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
         "Đỗ", "Hồ", "Ngô", "Dương", "Lý"],
        ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Thu", "Hải",
         "Anh", "Tuấn", "Lan", "Hương", "Dũng", "Khánh", "Phương", "Sơn", "Trung"],
    ),
    "ko": (
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"],
        ["min", "jun", "seo", "ji", "hyun", "woo", "young", "soo", "hee", "jae", "sung", "eun",
         "ho", "yeon", "kyung", "dong"],
    ),
    "zh": (
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"],
        ["Wei", "Fang", "Na", "Min", "Jing", "Qiang", "Lei", "Yan", "Jun", "Tao", "Ming", "Hui",
         "Xiu", "Ying", "Bo", "Lan"],
    ),
    "ar": (
        ["Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Hamdan", "Qasim", "Aziz", "Farouk",
         "Rahman", "Suleiman", "Yousef"],
        ["Ahmed", "Fatima", "Omar", "Layla", "Khalid", "Mariam", "Tariq", "Noor", "Samir", "Huda",
         "Karim", "Zainab", "Yasin", "Rania"],
    ),
    "es": (
        ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Díaz",
         "Ruiz", "Jiménez", "Muñoz", "Álvarez"],
        ["José", "María", "Lucía", "Andrés", "Sofía", "Tomás", "Inés", "Raúl", "Elena", "Iván",
         "Carmen", "Joaquín"],
    ),
    "ru": (
        ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
         "Morozov", "Volkov", "Orlov", "Zaitsev"],
        ["Alexei", "Dmitri", "Irina", "Olga", "Sergei", "Natalia", "Pavel", "Yulia", "Mikhail",
         "Tatiana", "Andrei", "Svetlana"],
    ),
    "yo": (
        ["Adeyemi", "Okonkwo", "Balogun", "Adebayo", "Olawale", "Ogunleye", "Akinola",
         "Oyelaran", "Fashola", "Adeniyi"],
        ["Adéwálé", "Ọláolúwa", "Bọ́lá", "Tèmítọ́pẹ́", "Kẹ́hìndé", "Ayọ̀délé", "Fúnmiláyọ̀",
         "Olúwaseun", "Ìbùkún", "Abímbọ́lá"],
    ),
    "hi": (
        ["Sharma", "Verma", "Gupta", "Iyer", "Nair", "Reddy", "Patel", "Chatterjee", "Menon",
         "Rao", "Joshi", "Bhat"],
        ["Aarav", "Priya", "Vikram", "Ananya", "Rohan", "Kavya", "Arjun", "Meera", "Siddharth",
         "Lakshmi", "Rahul", "Divya"],
    ),
    "en": (
        ["Smith", "Whitfield", "Harrington", "Blackwood", "Ashworth", "Pemberton", "Fairbanks",
         "Hollis", "Kendrick", "Marlowe", "Thornton", "Ellery"],
        ["Oliver", "Amelia", "Henry", "Charlotte", "George", "Isla", "Arthur", "Freya", "Edward",
         "Imogen", "Hugh", "Rosalind"],
    ),
}
TITLES = ["Minister of Finance", "Deputy Mayor", "Ambassador", "Chief Executive", "Governor",
          "Professor", "Senator", "Director General"]
# Syllables that make a family name distinct per person: without them a million people would
# share a few hundred names.
TAIL = ["", "ov", "son", "ez", "ani", "ski", "ler", "oni", "ard", "ema", "ing", "uro"]


def person(i, rng):
    lang = list(SYL)[i % len(SYL)]
    families, givens = SYL[lang]
    # A counter in the name keeps every person distinct and the table deterministic.
    family = rng.choice(families) + TAIL[(i // len(SYL)) % len(TAIL)]
    n = i // (len(SYL) * len(TAIL))
    suffix = ""
    while n:
        suffix += "aeiouyrlnm"[n % 10]
        n //= 10
    family = family + suffix
    if lang == "vi":
        given = rng.choice(givens)
        middle = rng.choice(givens)
        name, order, parts = f"{family} {middle} {given}", "family-first", {
            "family": family, "middle": middle, "given": given}
    elif lang == "ko":
        given = (rng.choice(givens) + "-" + rng.choice(givens)).capitalize()
        name, order, parts = f"{family} {given}", "family-first", {
            "family": family, "given": given}
    elif lang == "zh":
        given = rng.choice(givens) + rng.choice(givens).lower()
        name, order, parts = f"{family} {given}", "family-first", {
            "family": family, "given": given}
    elif lang == "ar":
        given = rng.choice(givens)
        middle = "bin " + rng.choice(givens)
        name, order, parts = f"{given} {middle} {family}", "given-first", {
            "family": family, "middle": middle, "given": given}
    elif lang == "es":
        given = rng.choice(givens)
        second = rng.choice(families)
        family = f"{family} {second}"
        name, order, parts = f"{given} {family}", "given-first", {
            "family": family, "given": given}
    elif lang == "ru":
        given = rng.choice(givens)
        middle = rng.choice(givens).rstrip("aei") + "ovich"
        name, order, parts = f"{given} {middle} {family}", "given-first", {
            "family": family, "middle": middle, "given": given}
    else:
        given = rng.choice(givens)
        name, order, parts = f"{given} {family}", "given-first", {
            "family": family, "given": given}
    p = {"id": f"gen-{i}", "name": name, "parts": parts, "order": order}
    if i % 5 == 0:
        p["aliases"] = [("General " if i % 2 else "Mr ") + family.split()[0]]
    if i % 10 == 3:
        p["titles"] = [{"title": rng.choice(TITLES), "sources": [{"source": "gen"}]}]
    p["sources"] = [{"source": "gen"}]
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{"version": 1, "sources": [{"id": "gen", "file": "gen-table.py", '
                '"title": "generated people"}],\n"people": [\n')
        for i in range(args.people):
            if i:
                f.write(",\n")
            f.write(json.dumps(person(i, rng), ensure_ascii=False))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
