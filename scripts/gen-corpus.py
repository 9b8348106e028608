#!/usr/bin/env python3
"""Write the benchmark corpora and tables, the same bytes every time (fixed seed).

    scripts/gen-corpus.py OUT_DIR [--smoke] [--seed 7]

Writes into OUT_DIR:

- `article-5k.md`: a news article of 5,000 words;
- `news-1mb.md`, `news-10mb.md`: news prose; about one sentence in four names someone (the
  default table's people, places and organisations, and people of the generated tables, with
  a few errors a copy desk would catch);
- `dense-1mb.md`, `dense-10mb.md`: the same sizes of dense text full of findings (every
  sentence has a name without its diacritics, a misspelt name, a title the person does not
  hold or a weekday that is not the date's);
- `nonames-1mb.md`, `nonames-10mb.md`: prose that names nobody in any table;
- `vi-1mb.md`: Vietnamese news prose, `lang: vi`, with the news prose's shares of naming
  sentences, planted errors (a wrong weekday, a name without its tone marks) and dated
  sentences (`thứ Tư, ngày 4/3/2025`);
- `sentence.md`: one sentence (start-up cost);
- `people-1k.json`, `people-100k.json`, `people-1m.json`: tables of 1,000, 100,000 and
  1,000,000 people whose names come from many naming traditions (Vietnamese, Chinese and
  Korean family-first; English, Spanish, German, French, Polish, Turkish, Arabic, Yoruba and
  Igbo, Hindi, Russian given-first), with titles, organisations and sources; each table is the
  start of the next, so the people the prose names are in all three;
- `names-1k.txt`, `names-100k.txt`, `names-1m.txt`: the names of the same tables plus the
  default table's, one a line, for `grep -F -f`.

`--smoke` writes the same files at tiny sizes (a 300-word article, 20 KB and 60 KB of prose,
tables of 50, 500 and 2,000 people), for CI. Every sentence here is written for this script.
"""

import argparse
import datetime
import json
import os
import random

# ---------------------------------------------------------------------------------------------
# Names. Per tradition: (code, country, order, reference, given names, family names,
# syllables for more family names). Common names of each tradition; the syllables make the
# rarer family names that a million people need, so that most full names are unique.

TRADITIONS = [
    ("vi", "VN", "family-first", None,
     ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
      "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phong", "Phúc", "Phương", "Quân",
      "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Việt", "Yến"],
     ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
      "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lâm", "Mạc", "Tạ"],
     ["Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Thu", "Công",
      "Đình", "Kim", "Bảo", "Gia", "Mạnh", "Diệu", "Khắc", "Tiến", "Trọng"]),
    ("zh", "CN", "family-first", "family",
     ["Wei", "Fang", "Xiuying", "Jing", "Min", "Jun", "Lei", "Yong", "Yan", "Jie", "Tao",
      "Ming", "Chao", "Xia", "Ping", "Gang", "Hui", "Lina", "Qiang", "Xiaoming"],
     ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
      "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao"],
     ["Xiao", "Zheng", "Shen", "Qian", "Feng", "Cao", "Tang", "Deng", "Han", "Jiang", "Song",
      "Lu", "Pan", "Du", "Dai", "Xie", "Ye", "Cheng", "Yuan", "Fu"]),
    ("ko", "KR", "family-first", "family",
     ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Seo-jun", "Su-bin",
      "Ye-jin", "Hyun-woo", "Eun-ji", "Jae-won", "Sung-min", "Yu-na", "Dong-hyun"],
     ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
      "Seo", "Shin", "Kwon"],
     ["Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang", "Son", "Bae", "Baek",
      "Heo", "Nam", "Sim", "Noh", "Ha", "Kwak", "Sung", "Cha"]),
    ("en", "GB", "given-first", None,
     ["James", "Mary", "Olivia", "Harry", "Amelia", "George", "Isla", "Oliver", "Emily", "Jack",
      "Sophie", "Thomas", "Grace", "William", "Chloe", "Daniel", "Hannah", "Samuel"],
     ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas",
      "Roberts", "Walker", "Wright", "Robinson", "Thompson", "Hughes", "Edwards", "Green"],
     ["Ash", "Brad", "Carr", "Den", "Elling", "Fair", "Glad", "Hart", "Kings", "Lang", "Mar",
      "North", "Pem", "Ray", "Stan", "Thorn", "Wake", "ford", "ley", "ton", "wood", "field",
      "by", "well", "ham", "worth"]),
    ("es", "ES", "given-first", None,
     ["José", "María", "Lucía", "Alejandro", "Sofía", "Martín", "Inés", "Álvaro", "Andrés",
      "Begoña", "Ramón", "Íñigo", "Nuria", "Jesús", "Ángela"],
     ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
      "Gómez", "Díaz", "Muñoz", "Jiménez", "Ruiz", "Hernández", "Álvarez", "Núñez"],
     ["Al", "Bel", "Cas", "Dá", "Es", "Fer", "Gal", "Ibá", "Lu", "Mén", "Or", "Pas", "Qui",
      "Ro", "Sal", "Tor", "Val", "Zú", "ñez", "rez", "dón", "tín", "cía", "mo", "rro", "lla"]),
    ("de", "DE", "given-first", None,
     ["Jürgen", "Jörg", "Günter", "Käthe", "Lena", "Lukas", "Björn", "Sören", "Ursula", "Uwe",
      "Anneliese", "Matthias", "Dörte", "Klaus", "Heike"],
     ["Müller", "Schröder", "Weiß", "Groß", "Köhler", "Schäfer", "Schmidt", "Meyer", "Fischer",
      "Wagner", "Becker", "Hoffmann", "Krüger", "König", "Lößner"],
     ["Alt", "Bär", "Dorn", "Eich", "Früh", "Grün", "Hölz", "Kirch", "Lind", "Mös", "Nuß",
      "Rös", "Stein", "Wald", "bach", "berg", "mann", "ner", "ler", "hof", "feld", "bauer"]),
    ("fr", "FR", "given-first", None,
     ["François", "Hélène", "Élodie", "Jérôme", "Amélie", "Théo", "Zoé", "Gaëlle", "Noël",
      "Cécile", "Léon", "Maëlle", "Loïc", "Anaïs", "Stéphane"],
     ["Lefèvre", "Dupré", "Bérenger", "Thérond", "Fournier", "Lemaître", "Gérard", "Rivière",
      "Chevalier", "Mercier", "Lévêque", "Côté", "Ménard", "Dubois", "Moreau"],
     ["Bel", "Ché", "Des", "Fon", "Gau", "Hé", "La", "Mar", "Pré", "Ro", "Sé", "Va", "court",
      "mont", "val", "tier", "lière", "roux", "chet", "deau"]),
    ("pl", "PL", "given-first", None,
     ["Łukasz", "Małgorzata", "Zbigniew", "Wojciech", "Agnieszka", "Krzysztof", "Grażyna",
      "Paweł", "Żaneta", "Bartłomiej", "Jolanta", "Michał", "Dorota", "Stanisław"],
     ["Wójcik", "Kowalczyk", "Wiśniewski", "Dąbrowski", "Lewandowski", "Zieliński",
      "Szymański", "Woźniak", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk"],
     ["Błasz", "Chmiel", "Dud", "Gór", "Jabł", "Kacz", "Łęcz", "Nowa", "Pietrz", "Sob", "Wróbl",
      "Żuk", "ewski", "owski", "czyk", "ak", "iński", "ecki"]),
    ("tr", "TR", "given-first", None,
     ["Çağla", "Gökhan", "Şule", "Ömer", "İlker", "Gülşen", "Barış", "Özge", "Mehmet", "Ayşe",
      "Kerem", "Ebru", "Tolga", "Sevgül"],
     ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan",
      "Kılıç", "Aslan", "Çetin", "Kurt", "Koç"],
     ["Ak", "Bay", "Cen", "Dur", "Er", "Gür", "Kar", "Öz", "Sa", "Tek", "Ün", "Yük", "soy",
      "han", "taş", "göl", "kan", "oğlu", "er", "dağ"]),
    ("ar", "EG", "given-first", None,
     ["Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khaled",
      "Nour", "Tarek", "Salma", "Hassan", "Rania"],
     ["Al-Hassan", "El-Sayed", "Haddad", "Khalil", "Mansour", "Nasser", "Abdallah", "Farouk",
      "Saleh", "Ibrahim", "Hamdan", "Suleiman"],
     ["Al-Ba", "Al-Fa", "Al-Ha", "Al-Ja", "Al-Ma", "Al-Na", "Al-Qa", "Al-Ra", "Al-Sa", "Al-Za",
      "dri", "kim", "ssan", "mid", "rawi", "shimi", "tari", "buri", "lani"]),
    ("yo", "NG", "given-first", None,
     ["Oluwaseun", "Chiamaka", "Emeka", "Ngozi", "Adébáyọ̀", "Folake", "Chinedu", "Funmilayo",
      "Ikenna", "Yetunde", "Obinna", "Adaeze", "Tunde", "Nneka"],
     ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Ògúnlànà", "Eze", "Nwosu", "Adebayo",
      "Olawale", "Chukwu", "Obi", "Akinola"],
     ["A", "Ade", "Chi", "E", "Ife", "Nwa", "O", "Olu", "Uche", "kun", "nna", "bayo", "wale",
      "dike", "femi", "gbemi", "nyelu", "zue"]),
    ("hi", "IN", "given-first", None,
     ["Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Kavya", "Arjun", "Meera", "Rohan",
      "Divya", "Sanjay", "Lakshmi", "Aditya", "Pooja"],
     ["Sharma", "Patel", "Gupta", "Iyer", "Reddy", "Singh", "Nair", "Menon", "Chatterjee",
      "Banerjee", "Kulkarni", "Joshi", "Mehta", "Rao"],
     ["Agar", "Bhat", "Chau", "Desh", "Gan", "Jha", "Kapa", "Mukh", "Pan", "Raj", "Sen", "Tri",
      "wal", "dia", "pande", "dhury", "kar", "erjee", "vedi", "nath"]),
    ("ru", "RU", "given-first", None,
     ["Dmitry", "Olga", "Sergei", "Natalia", "Alexei", "Irina", "Mikhail", "Yelena", "Pavel",
      "Svetlana", "Andrei", "Tatiana", "Yuri", "Anastasia"],
     ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
      "Morozov", "Volkov", "Fedorov", "Orlov", "Zaitsev"],
     ["Bel", "Vor", "Gor", "Dub", "Zhur", "Kal", "Lap", "Mel", "Nik", "Pet", "Rom", "Tar",
      "ov", "ev", "in", "enko", "sky", "ikov", "anov"]),
]

TITLES = [
    "Foreign Minister", "Defence Minister", "Trade Minister", "Finance Minister",
    "Justice Minister", "Interior Minister", "Deputy Foreign Minister", "Ambassador",
    "Mayor", "Governor", "Director General", "Chief Executive", "Professor", "Colonel",
    "Major General", "Senator", "Consul General", "Attorney General",
]
ORGANISATIONS = [
    ("Port Authority of the Northern Coast", ["Port Authority"]),
    ("National Institute of Statistics", ["Statistics Institute"]),
    ("Ministry of Agriculture and Rural Development", ["Agriculture Ministry"]),
    ("Federation of River Shipping", []),
    ("Central Bank of the Republic", ["Central Bank"]),
    ("University of the Eastern Provinces", []),
    ("Council of Coastal Cities", []),
    ("Association of Independent Broadcasters", []),
    ("Authority for Civil Aviation", ["Civil Aviation Authority"]),
    ("Office of the Ombudsman", ["Ombudsman's Office"]),
]


def compose(syllables, n):
    """The n-th name built from `syllables` (two, then three parts): distinct n, distinct name."""
    s = len(syllables)
    parts = []
    k = n
    width = 2
    while k >= s**width:
        k -= s**width
        width += 1
    for _ in range(width):
        parts.append(syllables[k % s])
        k //= s
    word = "".join(parts)
    if "-" in word[1:]:
        return word
    return word[0].upper() + word[1:].lower()


def person(i):
    """The i-th generated person: the same for every table size."""
    code, country, order, reference, givens, families, syllables = TRADITIONS[i % len(TRADITIONS)]
    k = i // len(TRADITIONS)
    given = givens[k % len(givens)]
    j = k // len(givens)
    if code == "vi":
        # Family, middle, given: 20 families x 20 middles before made-up families.
        middle = syllables[j % len(syllables)]
        j //= len(syllables)
        family = families[j] if j < len(families) else compose(syllables, j - len(families))
        name = f"{family} {middle} {given}"
        parts = {"family": family, "middle": middle, "given": given}
    else:
        family = families[j] if j < len(families) else compose(syllables, j - len(families))
        if order == "family-first":
            name = f"{family} {given}"
        else:
            name = f"{given} {family}"
        parts = {"family": family, "given": given}
    p = {"id": f"{code}-{i}", "name": name, "parts": parts, "order": order}
    if reference:
        p["reference"] = reference
    if i % 3 == 0:
        h = {"title": TITLES[i % len(TITLES)], "from": f"{2015 + i % 10}-0{1 + i % 9}-01"}
        if i % 2 == 0:
            h["organisation"] = f"org-{i % len(ORGANISATIONS)}"
        h["sources"] = [{"source": "archive", "line": 1 + i % 400}]
        p["titles"] = [h]
    p["country"] = country
    p["sources"] = [{"source": "archive", "line": 1 + i % 400}]
    return p


def write_table(path, n):
    """A table of n generated people, written as it goes (1,000,000 people are ~250 MB)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{\n  "version": 1,\n  "sources": [{"id": "archive", "file": "archive/2024.txt", '
                '"publisher": "Desk", "date": "2025-01-01"}],\n')
        f.write('  "organisations": [\n')
        f.write(",\n".join(
            "    " + json.dumps({"id": f"org-{k}", "name": n_, **({"aliases": a} if a else {})},
                                ensure_ascii=False)
            for k, (n_, a) in enumerate(ORGANISATIONS)))
        f.write('\n  ],\n  "people": [\n')
        for i in range(n):
            f.write("    " + json.dumps(person(i), ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < n else "\n")
        f.write("  ]\n}\n")


DEFAULT_NAMES = ["Hoàng Xuân Chiến", "Simon Ridley", "UK Home Office", "Home Office",
                 "Ministry of National Defence", "Hà Nội", "Việt Nam", "Modern Slavery Act"]


def write_names(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for name in DEFAULT_NAMES:
            f.write(name + "\n")
        for i in range(n):
            f.write(person(i)["name"] + "\n")


# ---------------------------------------------------------------------------------------------
# Prose. English sentences of our own; {x} slots are filled below.

PLAIN = [
    "The council met for three hours and agreed to publish the budget before the end of the month",
    "Traffic on the ring road was slower than usual because of repairs near the river crossing",
    "A spokesperson for the port said container volumes had recovered after a weak winter",
    "Farmers in the lowlands planted later this season, waiting for the floodwater to drain",
    "The report counted {n} new apprenticeships in the building trades last year",
    "Teachers asked for smaller classes and more time to prepare lessons",
    "The hospital opened a second ward for children with breathing problems",
    "Exporters said the weaker currency had helped them win orders abroad",
    "Residents of the old quarter complained about noise from the night market",
    "The museum will lend {n} pieces of its ceramics collection to a touring exhibition",
    "Rail freight rose by {n} per cent, the first increase in four years",
    "Fishermen said fuel prices were the biggest worry ahead of the new season",
    "The weather service warned of heavy rain in the hills over the weekend",
    "Several schools will close early so that the buildings can be used as polling stations",
    "The survey found that most small firms still pay their suppliers by bank transfer",
    "Officials expect the new bridge to carry {n} vehicles a day when it opens",
    "The court adjourned the hearing until the defence had read the new evidence",
    "Volunteers planted trees along both banks of the canal on Saturday morning",
    "Prices of rice and cooking oil were steady, the statistics office said",
    "The airline added two daily flights between the capital and the southern coast",
]
MIDDLE = [
    "according to figures released on Thursday",
    "though the details are still being negotiated",
    "while the opposition called for an independent review",
    "after a long debate in the committee",
    "as the authorities prepared for the holiday season",
    "a decision welcomed by business groups",
]
NAMING = [
    "{p} said the plan would be reviewed next year",
    "{p}, who chaired the meeting, thanked the delegations",
    "Asked about the delay, {p} said the contracts were being rewritten",
    "{t} {p} visited the site with local officials",
    "{s} later told reporters that the figures were encouraging",
    "In a statement, {p} called the agreement a good start",
    "Hoàng Xuân Chiến met Simon Ridley in Hà Nội on Tuesday, March 4, 2025",
    "Second Permanent Secretary Simon Ridley said the UK Home Office would send experts",
    "Deputy Defence Minister Hoàng Xuân Chiến spoke about training for border guards",
    "Chiến said Việt Nam valued the cooperation, and Ridley agreed",
    "The Ministry of National Defence published a summary on {d}",
]
# Each has an error: no diacritics, a misspelt name, a wrong title, a wrong weekday.
ERRORS = [
    "Hoang Xuan Chien met the delegation in Ha Noi",
    "Simon Ridlee answered questions from the press",
    "Permanent Secretary Simon Ridley arrived on Wednesday, March 4, 2025",
    "Hoàng Xuân Chiến spoke on Friday, March 4, 2025",
    "Minister Simon Ridley thanked the hosts",
    "Hoàng Xuân Chiên chaired the afternoon session",
    "{a} signed the letter on Monday, 3 March 2025",
    "Foreign Minister Hoang Xuan Chien welcomed the guests on Thursday, March 6, 2025",
]
NO_NAMES = PLAIN + [
    "most of the stalls were shut by the time the rain stopped",
    "the committee will meet again once the survey is finished",
    "nobody expected the queue at the ferry to be this long",
    "the price of a bus ticket has not changed for six years",
    "there were {n} more applications than last spring",
    "it is not clear whether the scheme will be extended",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def some_date(rng):
    """A date in 2024 or 2025."""
    return datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(700))


def right_date(rng):
    """A correct date with its weekday, in 2024 or 2025."""
    d = some_date(rng)
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def no_diacritics(s):
    import unicodedata
    s = s.replace("Đ", "D").replace("đ", "d").replace("ł", "l").replace("Ł", "L")
    s = s.replace("ı", "i").replace("İ", "I").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.combining(c) == 0)


def second_reference(p):
    parts = p["parts"]
    if p["order"] == "family-first" and p.get("reference") != "family":
        return parts["given"]
    return parts["family"]


def fill(template, rng, people, last):
    """Fill a template's slots; `last` holds the person a paragraph named last, so that a
    second reference ({s}) follows a full mention ({p}) of the same person."""
    if "{p}" in template or "{a}" in template or not last:
        last[:] = [people[rng.randrange(len(people))]] if people else []
    p = last[0] if last else None
    name = p["name"] if p else "Simon Ridley"
    title = p["titles"][0]["title"] if p and "titles" in p else "Mayor"
    return template.format(
        n=rng.randrange(2, 9000),
        p=name,
        t=title,
        s=second_reference(p) if p else "Ridley",
        d=right_date(rng),
        a=no_diacritics(name) if p else "Hoang Xuan Chien",
    )


def sentence(rng, people, kind, last):
    r = rng.random()
    if kind == "nonames":
        s = fill(rng.choice(NO_NAMES), rng, people, last)
        if r < 0.5:
            s += ", " + rng.choice(MIDDLE)
    elif kind == "dense":
        s = fill(rng.choice(ERRORS), rng, people, last)
    else:
        if r < 0.22:
            s = fill(rng.choice(NAMING), rng, people, last)
        elif r < 0.25:
            s = fill(rng.choice(ERRORS), rng, people, last)
        elif r < 0.33:
            s = fill(rng.choice(PLAIN), rng, people, last) + " on " + right_date(rng)
        else:
            s = fill(rng.choice(PLAIN), rng, people, last)
            if r < 0.6:
                s += ", " + rng.choice(MIDDLE)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, people, kind):
    last = []
    if kind == "vi":
        return " ".join(vi_sentence(rng, people, last) for _ in range(rng.randint(3, 7)))
    return " ".join(sentence(rng, people, kind, last) for _ in range(rng.randint(3, 7)))


# Vietnamese prose, our own sentences.
VI_PLAIN = [
    "Sáng nay, đoàn công tác của tỉnh đã đến thăm các hộ dân bị ảnh hưởng bởi lũ",
    "Theo báo cáo, sản lượng lúa vụ này tăng khoảng {n} tấn so với cùng kỳ năm ngoái",
    "Nhiều người dân cho rằng giá điện tăng đã ảnh hưởng đến chi tiêu hằng ngày",
    "Các chuyên gia dự báo tăng trưởng kinh tế sẽ chậm lại trong nửa cuối năm",
    "Trường học ở vùng núi vẫn thiếu giáo viên và thiết bị dạy học",
    "Công an thành phố đã triệt phá một đường dây lừa đảo qua mạng",
    "Hội nghị có sự tham dự của hơn {n} đại biểu đến từ các địa phương",
    "Giá rau xanh ở chợ đầu mối giảm mạnh sau nhiều ngày nắng ráo",
    "Bệnh viện tỉnh đã tiếp nhận thêm {n} bệnh nhân trong tuần qua",
    "Người lao động mong muốn được tăng lương và giảm giờ làm thêm",
    "Cơ quan chức năng khuyến cáo người dân không đi lại khi có mưa lớn",
    "Dự án cầu mới dự kiến hoàn thành vào cuối năm sau",
]
VI_NAMING = [
    "Ông {p} cho biết kế hoạch sẽ được triển khai trong quý tới",
    "Bà {p} nhấn mạnh vai trò của hợp tác quốc tế trong phòng chống mua bán người",
    "Thượng tướng Hoàng Xuân Chiến phát biểu tại buổi làm việc ở Hà Nội",
    "Việt Nam và Vương quốc Anh cam kết tăng cường trao đổi thông tin",
    "Theo ông {s}, các địa phương cần chủ động hơn trong công tác phòng chống thiên tai",
    "Ngày {vd}, hai bên đã ký biên bản ghi nhớ về đào tạo nghề",
]


# Planted errors, at the English news prose's rate: a wrong weekday, a name without its tone
# marks or with a wrong one, a date that does not exist.
VI_ERRORS = [
    "Thượng tướng Hoàng Xuân Chiên phát biểu khai mạc hội thảo",
    "Hoang Xuan Chien đã gặp đoàn đại biểu Vương quốc Anh",
    "Hai bên đã gặp nhau vào {wd}",
    "Ông {a} cho biết kế hoạch sẽ được điều chỉnh",
    "Hội nghị dự kiến diễn ra ngày 30/2/2025",
]
VI_WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def vi_date(rng, right=True):
    """A date in 2024 or 2025 in the Vietnamese manner, with its weekday (or another)."""
    d = some_date(rng)
    w = d.weekday() if right else (d.weekday() + rng.randrange(1, 7)) % 7
    return f"{VI_WEEKDAYS[w]}, ngày {d.day}/{d.month}/{d.year}"


def vi_sentence(rng, people, last):
    """Like `sentence` for news prose: the same shares of naming sentences, planted errors
    and dated sentences."""
    vi_people = [p for p in people if p["id"].startswith("vi-")] or people
    r = rng.random()
    if r < 0.22:
        template = rng.choice(VI_NAMING)
    elif r < 0.25:
        template = rng.choice(VI_ERRORS)
    elif r < 0.33:
        template = rng.choice(VI_PLAIN) + " vào {rd}"
    else:
        template = rng.choice(VI_PLAIN)
    if "{p}" in template or "{a}" in template or not last:
        last[:] = [vi_people[rng.randrange(len(vi_people))]] if vi_people else []
    p = last[0] if last else None
    s = template.format(
        n=rng.randrange(2, 9000),
        p=p["name"] if p else "Hoàng Xuân Chiến",
        s=second_reference(p) if p else "Chiến",
        a=no_diacritics(p["name"]) if p else "Hoang Xuan Chien",
        vd=f"{rng.randrange(1, 29)} tháng {rng.randrange(1, 13)} năm {rng.choice([2024, 2025])}",
        rd=vi_date(rng),
        wd=vi_date(rng, right=False),
    )
    return s[0].upper() + s[1:] + "."


def prose(path, size, rng, people, kind, title):
    """Paragraphs of 3 to 7 sentences until `size` bytes; a title and a publication date."""
    with open(path, "w", encoding="utf-8") as f:
        lang = "lang: vi\n" if kind == "vi" else ""
        header = f"---\n{lang}date: 2025-03-05\n---\n\n# {title}\n\n" if lang else \
            f"# {title}\n\ndate 2025-03-05\n\n"
        f.write(header)
        written = len(header.encode())
        while written < size:
            para = paragraph(rng, people, kind) + "\n\n"
            f.write(para)
            written += len(para.encode())
    return written


def article_words(path, words, rng, people):
    with open(path, "w", encoding="utf-8") as f:
        header = "# Talks on trade and training end with a plan\n\ndate 2025-03-05\n\n"
        f.write(header)
        count = 0
        while count < words:
            para = paragraph(rng, people, "news")
            count += len(para.split())
            f.write(para + "\n\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, for CI")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-tables", action="store_true",
                    help="the prose only (the same bytes as with the tables), no tables or names")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    mb = 1_000_000
    if args.smoke:
        tables = {"1k": 50, "100k": 500, "1m": 2000}
        sizes = {"1mb": 20_000, "10mb": 60_000}
        words = 300
    else:
        tables = {"1k": 1000, "100k": 100_000, "1m": 1_000_000}
        sizes = {"1mb": mb, "10mb": 10 * mb}
        words = 5000
    # The people the prose names: the first 1k table, which every bigger table starts with.
    named = [person(i) for i in range(tables["1k"])]
    for label, n in tables.items():
        if args.no_tables:
            break
        write_table(os.path.join(args.out, f"people-{label}.json"), n)
        write_names(os.path.join(args.out, f"names-{label}.txt"), n)
    rng = random.Random(args.seed)
    article_words(os.path.join(args.out, "article-5k.md"), words, rng, named)
    for label, size in sizes.items():
        prose(os.path.join(args.out, f"news-{label}.md"), size, rng, named, "news",
              "News of the week")
        prose(os.path.join(args.out, f"dense-{label}.md"), size, rng, named, "dense",
              "Corrections wanted")
        prose(os.path.join(args.out, f"nonames-{label}.md"), size, rng, named, "nonames",
              "Around town")
    prose(os.path.join(args.out, "vi-1mb.md"), sizes["1mb"], rng, named, "vi", "Tin trong tuần")
    with open(os.path.join(args.out, "sentence.md"), "w", encoding="utf-8") as f:
        f.write("date 2025-03-05\n\nHoang Xuan Chien met Simon Ridley on Wednesday, March 4, 2025.\n")
    for name in sorted(os.listdir(args.out)):
        print(f"{os.path.getsize(os.path.join(args.out, name)):>12,}  {name}")


if __name__ == "__main__":
    main()
