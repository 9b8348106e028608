//! People in Vietnamese sentences. Vietnamese capitalises a title's first word only
//! ("Thượng tướng", "Thứ trưởng Bộ Quốc phòng") and every syllable of a name ("Hoàng Xuân
//! Chiến"), and writes the chain of titles before the name: rank and post, each post with its
//! organisation, in either order ("Thứ trưởng Bộ Quốc phòng, Thượng tướng NAME", "Bộ trưởng
//! Bộ Ngoại giao NAME", "Phó Thủ tướng NAME"), or the post in apposition after it ("NAME, Thứ
//! trưởng Bộ Quốc phòng, cho biết"). The titles are the vocabulary's Vietnamese forms (so each
//! has its English title); "ông" and "bà" introduce a name and are no title.
//!
//! Precision first: a name is two to five capitalised syllables, of three or more only when it
//! opens with a common family name or has "Văn" or "Thị" second; an organisation is read only
//! right after a title, from a capitalised head word ("Bộ", "Ủy ban", "Công an") to the name;
//! a chain must touch the name (a title in a quote before a name is about someone else).

use super::super::lexicon::VI_FORMER;
use super::Article;
use super::titles::{Segment, TitleChain};
use crate::table::TitleKind;
use crate::text::names::vietnamese_family_name;
use crate::text::tokens::Join;

/// Countries Vietnamese writes in one word before a name ("Ngoại trưởng Nga Sergei Lavrov"),
/// lowercase.
const VI_COUNTRIES: &[&str] = &[
    "anh",
    "nga",
    "mỹ",
    "pháp",
    "đức",
    "ý",
    "úc",
    "nhật",
    "lào",
    "cuba",
    "canada",
    "israel",
    "iran",
    "iraq",
    "chile",
    "brazil",
    "singapore",
    "campuchia",
    "indonesia",
    "malaysia",
    "myanmar",
    "philippines",
    "ukraine",
    "mexico",
    "argentina",
    "peru",
    "kenya",
    "nigeria",
];

/// The longest organisation name read after a title, in words.
const MAX_ORG_WORDS: usize = 10;

impl Article<'_> {
    /// The runs of capitalised words in the Vietnamese sentences of block `bi` (every
    /// capitalised word counts: "An" and "Mây" are names here, not English words).
    pub(super) fn vi_runs(&self, bi: usize) -> Vec<(usize, usize)> {
        let b = &self.blocks[bi];
        let upper = |k: usize| {
            b.vietnamese(k) && b.upper(k) && b.folded(k).chars().all(char::is_alphabetic)
        };
        b.runs_of(upper, |j| j == Join::Space)
    }

    /// A person the run `[a, z)` of a Vietnamese sentence introduces: the titles, and where
    /// the name starts.
    pub(super) fn vi_person(&self, bi: usize, a: usize, z: usize) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        // "Ông Nguyễn Văn An" at a sentence's start.
        let honorific_first = self.lex.is_vi_honorific(b.marked(a));
        let a = if honorific_first { a + 1 } else { a };
        let ns = self.vi_name_start(bi, a, z)?;
        let (lo, _) = b.sentence_tokens(b.sentence[a]);
        if let Some(chain) = self.vi_chain_before(bi, lo, ns, a) {
            return Some((chain, ns));
        }
        if ns > a {
            return None;
        }
        let honorific =
            honorific_first || (a > lo && b.join(a) == Join::Space && self.vi_honorific(bi, a - 1));
        self.vi_apposition(bi, z)
            .or_else(|| {
                honorific.then(|| TitleChain {
                    honorific: true,
                    ..TitleChain::default()
                })
            })
            .map(|c| (c, ns))
    }

    fn vi_honorific(&self, bi: usize, i: usize) -> bool {
        self.lex.is_vi_honorific(self.blocks[bi].marked(i))
    }

    /// Where the name in the run `[a, z)` starts: the whole run when it reads as one name,
    /// else at a family name inside it with two to four words after ("Bộ Công Thương Nguyễn
    /// Hồng Diên": the organisation runs into the name). A run reads as one name when it
    /// opens with a common family name (two to five words), has "Văn" or "Thị" second (three
    /// to five), or is two words written in Latin letters alone that do not open with a
    /// country ("Simon Ridley", not "Nga Lavrov").
    fn vi_name_start(&self, bi: usize, a: usize, z: usize) -> Option<usize> {
        let b = &self.blocks[bi];
        let family = |k: usize| vietnamese_family_name(b.folded(k));
        let n = z.saturating_sub(a);
        let one_name = (family(a) && (2..=5).contains(&n))
            || ((3..=5).contains(&n) && matches!(b.marked(a + 1), "văn" | "thị"))
            || (n == 2
                && (a..z).all(|k| b.marked(k).is_ascii())
                && !VI_COUNTRIES.contains(&b.marked(a)));
        if one_name {
            return Some(a);
        }
        (a + 1..z.saturating_sub(1)).find(|&k| family(k) && (2..=4).contains(&(z - k)))
    }

    /// The chain of titles that ends right before the name at `ns` (within the sentence
    /// from `lo`), covering the words of the name's run before it (`[a, ns)`): titles and
    /// titles with their organisations, right to left, one comma allowed before a rank.
    fn vi_chain_before(&self, bi: usize, lo: usize, ns: usize, a: usize) -> Option<TitleChain> {
        let b = &self.blocks[bi];
        let mut found: Vec<(Segment, Option<(usize, usize)>)> = Vec::new();
        let mut pos = ns;
        let mut comma = false;
        while pos > lo {
            match b.join(pos) {
                Join::Space => {}
                Join::Break
                    if !comma
                        && b.gap(pos).trim() == ","
                        && found.last().is_some_and(|(s, _)| s.kind == TitleKind::Rank) =>
                {
                    comma = true;
                }
                _ => break,
            }
            let next = self
                .vi_title_ending_at(bi, lo, pos)
                .map(|s| (s, None))
                .or_else(|| self.vi_title_with_org(bi, lo, pos));
            let Some((seg, org)) = next else {
                break;
            };
            pos = seg.start;
            found.push((seg, org));
        }
        let first = found.first()?;
        // The words of the run before the name are the chain's.
        if first.0.start > a && ns > a {
            return None;
        }
        found.reverse();
        let start = found[0].0.start;
        let former = start > lo && VI_FORMER.contains(&b.marked(start - 1));
        let (titles, vi_orgs) = found.into_iter().unzip();
        Some(TitleChain {
            titles,
            vi_orgs,
            former,
            ..TitleChain::default()
        })
    }

    /// The longest vocabulary title in Vietnamese that ends at token `end` and starts,
    /// capitalised, after `lo`, with the modifiers before it ("Phó").
    fn vi_title_ending_at(&self, bi: usize, lo: usize, end: usize) -> Option<Segment> {
        let b = &self.blocks[bi];
        let first = end.saturating_sub(self.lex.max_vi_title_words).max(lo);
        let (s, v) = (first..end).find_map(|s| {
            let joined = (s + 1..end).all(|k| b.join(k) == Join::Space);
            if !b.upper(s) || !joined {
                return None;
            }
            let key: Vec<&str> = (s..end).map(|k| b.marked(k)).collect();
            self.lex.vi_title(&key.join(" ")).map(|v| (s, v))
        })?;
        if v.kind == TitleKind::Honorific {
            return None;
        }
        let mut start = s;
        let mut modifiers: Vec<&str> = Vec::new();
        while start > lo
            && b.join(start) == Join::Space
            && let Some(m) = self.lex.vi_modifier(b.marked(start - 1))
        {
            modifiers.insert(0, m);
            start -= 1;
        }
        let modifiers = modifiers.join(" ");
        let title = if modifiers.is_empty() {
            v.title.clone()
        } else {
            format!("{modifiers} {}", v.title)
        };
        Some(Segment {
            start,
            end,
            title,
            modifiers,
            vocab: Some(v.title.clone()),
            kind: v.kind,
        })
    }

    /// A title and the organisation written after it that ends at token `end` ("Thứ trưởng
    /// Bộ Quốc phòng"): the organisation from a capitalised head word, the nearest to `end`
    /// that a title precedes.
    fn vi_title_with_org(
        &self,
        bi: usize,
        lo: usize,
        end: usize,
    ) -> Option<(Segment, Option<(usize, usize)>)> {
        let b = &self.blocks[bi];
        let first = end.saturating_sub(MAX_ORG_WORDS).max(lo + 1);
        for h in (first..end).rev() {
            if h + 1 < end && b.join(h + 1) != Join::Space {
                break;
            }
            if b.upper(h)
                && self.lex.is_vi_org_head(b.marked(h))
                && b.join(h) == Join::Space
                && let Some(seg) = self.vi_title_ending_at(bi, lo, h)
            {
                return Some((seg, Some((h, end))));
            }
        }
        None
    }

    /// "NAME, Thứ trưởng Bộ Quốc phòng, …" after a name that ends at token `z`: a title, and
    /// the organisation or posting after it, closing at a comma, a full stop or the
    /// sentence's end.
    fn vi_apposition(&self, bi: usize, z: usize) -> Option<TitleChain> {
        let b = &self.blocks[bi];
        if !b.after_comma(z) {
            return None;
        }
        let (_, sz) = b.sentence_tokens(b.sentence[z - 1]);
        let ends = (z + 1..=sz.min(z + self.lex.max_vi_title_words + 1))
            .filter(|&e| (z + 1..e).all(|k| b.join(k) == Join::Space));
        let ends: Vec<usize> = ends.collect();
        let mut seg = None;
        for &e in ends.iter().rev() {
            if let Some(s) = self.vi_title_ending_at(bi, z, e)
                && s.start == z
            {
                seg = Some(s);
                break;
            }
        }
        let seg = seg?;
        let closes = |k: usize| self.closes(bi, z - 1, k);
        // What follows the title up to the close is its organisation or posting ("Bộ Y tế",
        // "Việt Nam tại Chile"), from a capitalised word.
        let e = seg.end;
        let org = if closes(e) {
            None
        } else {
            if b.join(e) != Join::Space || !b.upper(e) {
                return None;
            }
            let mut k = e + 1;
            while k < sz && k - e < MAX_ORG_WORDS && b.join(k) == Join::Space {
                k += 1;
            }
            if !closes(k) {
                return None;
            }
            Some((e, k))
        };
        Some(TitleChain {
            titles: vec![seg],
            vi_orgs: vec![org],
            ..TitleChain::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::facts;
    use crate::text::lang::Language;

    /// (name as written, [(English title, Vietnamese form)]) for each person introduced.
    fn people(text: &str) -> Vec<(String, Vec<(String, String)>)> {
        facts(text)
            .people
            .into_iter()
            .map(|p| {
                let titles = p
                    .titles
                    .into_iter()
                    .inspect(|t| assert_eq!(t.lang, Language::Vi))
                    .map(|t| (t.title, t.written))
                    .collect();
                (p.marks, titles)
            })
            .collect()
    }

    fn t(en: &str, vi: &str) -> (String, String) {
        (en.to_string(), vi.to_string())
    }

    #[test]
    fn rank_and_post_before_the_name() {
        for (text, name, titles) in [
            (
                "Chiều nay, Thứ trưởng Bộ Tài chính, Thiếu tướng Đào Minh Khuê đã tiếp đoàn.",
                "đào minh khuê",
                vec![
                    t("Vice Minister", "Thứ trưởng Bộ Tài chính"),
                    t("Major General", "Thiếu tướng"),
                ],
            ),
            (
                "Bộ trưởng Bộ Ngoại giao Trịnh Quang Vũ phát biểu khai mạc.",
                "trịnh quang vũ",
                vec![t("Foreign Minister", "Bộ trưởng Bộ Ngoại giao")],
            ),
            (
                "Phó Thủ tướng Lưu Thu Trang dự lễ.",
                "lưu thu trang",
                vec![t("Deputy Prime Minister", "Phó Thủ tướng")],
            ),
            // The organisation's capitalised words run into the name.
            (
                "Thứ trưởng Bộ Công Thương Phan Thị Ngọc Bích cho biết như vậy.",
                "phan thị ngọc bích",
                vec![t("Vice Minister", "Thứ trưởng Bộ Công Thương")],
            ),
            // "Phó" before a title is its deputy.
            (
                "Phó Chủ tịch Lương Văn Tâm chủ trì.",
                "lương văn tâm",
                vec![t("Deputy Chairman", "Phó Chủ tịch")],
            ),
        ] {
            assert_eq!(people(text), vec![(name.to_string(), titles)], "{text}");
        }
    }

    #[test]
    fn post_in_apposition_and_honorifics() {
        assert_eq!(
            people("Ông Cao Đức Phát, Thứ trưởng Bộ Y tế, cho biết số ca đã giảm."),
            vec![(
                "cao đức phát".into(),
                vec![t("Vice Minister", "Thứ trưởng Bộ Y tế")]
            )]
        );
        // An honorific introduces a name and is no title.
        assert_eq!(
            people("Theo bà Vương Thị Mây, đợt này có nhiều hộ tham gia."),
            vec![("vương thị mây".into(), vec![])]
        );
        assert_eq!(
            people("Ông Nguyễn Văn An đến sớm."),
            vec![("nguyễn văn an".into(), vec![])]
        );
    }

    #[test]
    fn no_person_without_a_chain_that_touches_the_name() {
        for text in [
            // A title in a quote, then someone else's name.
            "\"Chúng tôi đã gửi thư cho Bộ trưởng\", Đinh Văn Tú, một nông dân, nói.",
            // A title after a comma that is no rank: two phrases.
            "Cuộc họp do Bộ trưởng chủ trì, Nguyễn Thị Hằng ghi biên bản.",
            // The former holder.
            "Trước đó, nguyên Bộ trưởng Bộ Tư pháp Đinh Trọng Cường đã phát biểu.",
            // A place before a foreign name: where the name starts is not clear.
            "Đại sứ Anh Iain Frew tới dự.",
            // Capitalised words that are no name after a title.
            "Bộ trưởng Bộ Ngoại giao Việt Nam và Lào đã gặp nhau.",
        ] {
            let got = people(text);
            assert!(got.iter().all(|(_, t)| t.is_empty()), "{text}: {got:?}");
        }
    }
}
