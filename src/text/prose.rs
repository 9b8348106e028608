//! Which parts of a document are prose, cut into blocks (paragraphs, headings, cells).
//!
//! Markdown skips fenced and indented code, inline code, URLs, link targets, HTML (comments
//! included) and YAML front matter; the front matter's `date:` is read. Plain text is all prose.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::dates::Date;
use crate::text::cache::Recent;
use crate::text::lang::Language;
use crate::text::links::not_prose;

/// The URLs, e-mail addresses and domain names of stretches of text, by the stretch's text
/// (the language server keeps one per document: an edit scans only the stretches it touched).
pub type LinkCache = Recent<std::sync::Arc<[(usize, usize)]>>;

/// Where links are found: scanned afresh, or through a cache.
type Links<'c> = Option<&'c mut LinkCache>;

fn links_in(links: &mut Links, text: &str) -> std::sync::Arc<[(usize, usize)]> {
    match links {
        Some(cache) => cache.get_or_insert_with(text, 0, || not_prose(text).into()),
        None => not_prose(text).into(),
    }
}

/// The kind of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Markdown,
    Plain,
}

impl Kind {
    /// The kind of a file by its name: `.md`/`.markdown` are Markdown, the rest plain text.
    pub fn of_path(path: &str) -> Kind {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Kind::Markdown
        } else {
            Kind::Plain
        }
    }
}

/// A block of prose: byte range and the prose segments inside it (absolute offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    /// Sorted, disjoint, inside `start..end`; offsets into the document.
    pub segments: Vec<(usize, usize)>,
}

impl Block {
    /// The block's text and its prose segments relative to the block's start.
    pub fn relative<'t>(&self, text: &'t str) -> (&'t str, Vec<(usize, usize)>) {
        let segs = self
            .segments
            .iter()
            .map(|&(s, e)| (s - self.start, e - self.start))
            .collect();
        (&text[self.start..self.end], segs)
    }
}

/// The prose of a document.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub blocks: Vec<Block>,
    /// The `date:` of YAML front matter.
    pub front_matter_date: Option<Date>,
    /// The `lang:` (or `language:`) of YAML front matter, when copydesk reads that language.
    pub front_matter_lang: Option<Language>,
}

static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^date:\s*["']?(\d{4}-\d{2}-\d{2})"#).expect("front matter date")
});
static FRONT_LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^(?:lang|language):\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)"#)
        .expect("front matter lang")
});

/// Find the prose of a document.
pub fn prose(text: &str, kind: Kind) -> Prose {
    prose_cached(text, kind, None)
}

/// The same, the links of each stretch of text looked up in a cache first.
pub fn prose_cached(text: &str, kind: Kind, mut links: Links) -> Prose {
    let p = match kind {
        Kind::Plain => Prose {
            blocks: plain_blocks(text, 0, text.len(), &mut links),
            front_matter_date: None,
            front_matter_lang: None,
        },
        Kind::Markdown => markdown(text, &mut links),
    };
    if let Some(cache) = links {
        cache.end_round();
    }
    p
}

/// Blocks separated by blank lines.
fn plain_blocks(text: &str, from: usize, to: usize, links: &mut Links) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = from;
    let mut pos = from;
    for line in text[from..to].split_inclusive('\n') {
        let line_end = pos + line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(make_block(text, s, last_end, &[(s, last_end)], links));
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            last_end = pos + line.trim_end_matches(['\n', '\r']).len();
        }
        pos = line_end;
    }
    if let Some(s) = start {
        blocks.push(make_block(text, s, last_end, &[(s, last_end)], links));
    }
    blocks
}

/// A block from raw segments: URLs, e-mail addresses and domain names cut out, emphasis-only gaps bridged.
fn make_block(
    text: &str,
    start: usize,
    end: usize,
    raw: &[(usize, usize)],
    links: &mut Links,
) -> Block {
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in raw {
        let mut at = s;
        for &(ms, me) in links_in(links, &text[s..e]).iter() {
            let (ms, me) = (s + ms, s + me);
            push_segment(text, &mut segments, at, ms);
            at = me;
        }
        push_segment(text, &mut segments, at, e);
    }
    Block {
        start,
        end,
        segments,
    }
}

fn push_segment(text: &str, segments: &mut Vec<(usize, usize)>, s: usize, e: usize) {
    if s >= e {
        return;
    }
    if let Some(last) = segments.last_mut() {
        let gap = &text[last.1..s];
        if gap.chars().all(|c| matches!(c, '*' | '_' | '~')) {
            last.1 = e;
            return;
        }
    }
    segments.push((s, e));
}

fn markdown(text: &str, links: &mut Links) -> Prose {
    let FrontMatter {
        body_start,
        date: front_matter_date,
        lang: front_matter_lang,
    } = front_matter(text);
    let body = &text[body_start..];
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut blocks = Vec::new();
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut code_depth = 0usize;
    let mut autolink_depth = 0usize;
    let flush = |raw: &mut Vec<(usize, usize)>, blocks: &mut Vec<Block>, links: &mut Links| {
        if let (Some(first), Some(last)) = (raw.first(), raw.last()) {
            let (s, e) = (first.0, last.1);
            blocks.push(make_block(text, s, e, raw, links));
        }
        raw.clear();
    };
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let (s, e) = (body_start + range.start, body_start + range.end);
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => autolink_depth += 1,
            Event::End(TagEnd::Link) if autolink_depth > 0 => autolink_depth -= 1,
            Event::Text(_) if code_depth == 0 && autolink_depth == 0 => raw.push((s, e)),
            Event::SoftBreak | Event::HardBreak if code_depth == 0 => raw.push((s, e)),
            Event::Start(t) if is_block(&t) => flush(&mut raw, &mut blocks, links),
            Event::End(t) if is_block_end(&t) => flush(&mut raw, &mut blocks, links),
            _ => {}
        }
    }
    flush(&mut raw, &mut blocks, links);
    Prose {
        blocks,
        front_matter_date,
        front_matter_lang,
    }
}

fn is_block(t: &Tag) -> bool {
    matches!(
        t,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
    )
}

fn is_block_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
    )
}

/// What YAML front matter gives.
#[derive(Default)]
struct FrontMatter {
    /// Where the body starts.
    body_start: usize,
    date: Option<Date>,
    lang: Option<Language>,
}

/// YAML front matter: `---` on the first line to the next `---` or `...` line.
fn front_matter(text: &str) -> FrontMatter {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return FrontMatter::default();
    }
    let mut pos = text.find('\n').map_or(text.len(), |i| i + 1);
    for line in text[pos..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let fm = &text[..pos];
            return FrontMatter {
                body_start: pos + line.len(),
                date: FRONT_DATE.captures(fm).and_then(|c| Date::parse(&c[1])),
                lang: FRONT_LANG
                    .captures(fm)
                    .and_then(|c| Language::from_code(&c[1])),
            };
        }
        pos += line.len();
    }
    FrontMatter::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_text(text: &str, kind: Kind) -> Vec<String> {
        prose(text, kind)
            .blocks
            .iter()
            .map(|b| {
                b.segments
                    .iter()
                    .map(|&(s, e)| &text[s..e])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    #[test]
    fn markdown_skips_code_links_comments_and_front_matter() {
        let text = "---\ntitle: x\ndate: 2025-03-04\n---\n# Talks in Hà Nội\n\nSimon `Ridley` met [Chiến](https://example.org/x) at <https://a.b>.\n<!-- note -->\n\n```\nHoang Xuan Chien\n```\n\n    indented code\n\nSee www.example.org now.";
        let p = prose(text, Kind::Markdown);
        assert_eq!(p.front_matter_date, Date::parse("2025-03-04"));
        assert_eq!(p.front_matter_lang, None);
        let vi = prose("---\nlang: vi-VN\n---\nx", Kind::Markdown);
        assert_eq!(vi.front_matter_lang, Some(Language::Vi));
        let fr = prose("---\nlanguage: \"fr\"\n---\nx", Kind::Markdown);
        assert_eq!(fr.front_matter_lang, None);
        assert_eq!(
            prose_text(text, Kind::Markdown),
            vec!["Talks in Hà Nội", "Simon | met |Chiến| at |.", "See | now.",]
        );
    }

    #[test]
    fn emphasis_does_not_cut_a_name() {
        assert_eq!(
            prose_text("**Simon** Ridley", Kind::Markdown),
            vec!["Simon** Ridley"]
        );
    }

    #[test]
    fn email_addresses_and_domains_are_not_prose() {
        assert_eq!(
            prose_text(
                "Write to Soerensen.Office@um.example.dk or see Hanoi.gov.vn, moit.gov.vn/en today.",
                Kind::Plain
            ),
            vec!["Write to | or see |, | today."]
        );
        // Abbreviations, initials, decimals and sentences are prose.
        assert_eq!(
            prose_text(
                "The U.S. and e.g. 3.5 per cent. J. Smith met Ms. Lee.",
                Kind::Plain
            ),
            vec!["The U.S. and e.g. 3.5 per cent. J. Smith met Ms. Lee."]
        );
    }

    #[test]
    fn plain_blocks_by_blank_lines() {
        assert_eq!(
            prose_text("one\ntwo\r\n\r\nthree\n", Kind::Plain),
            vec!["one\ntwo", "three"]
        );
    }
}
