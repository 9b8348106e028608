//! A block of prose with its words classified: in lowercase, capitalised or not, a possible
//! part of a person's name or not, which sentence each is in, and the runs of capitalised
//! words that names and titles are read from.

use std::sync::LazyLock;

use super::super::lexicon::Lexicon;
use super::super::lexicon::marks_key;
use crate::analysis::{BlockAnalysis, Reading};
use crate::table::{Index, Table};
use crate::text::lang::Language;
use crate::text::prose::Block as ProseBlock;
use crate::text::tokens::{Join, Token};

/// The builder reads blocks without a table: no phrase of any table is looked for.
static NO_TABLE: LazyLock<Index> = LazyLock::new(|| Index::new(Table::default()));

/// Words after a hyphen that do not continue a name ("Seoul-based", "London-born").
const NOT_NAME_AFTER_HYPHEN: &[&str] = &[
    "based", "born", "era", "style", "wide", "like", "level", "term",
];

/// One block of prose with its words classified.
pub(super) struct Block {
    /// Where the block starts in the article (bytes).
    pub start: usize,
    /// Folded text, words, sentences and dates, as the checker sees them.
    pub analysis: BlockAnalysis,
    /// The folded text in lowercase, and each token's range in it.
    lowercase: String,
    lower_spans: Vec<(u32, u32)>,
    /// Per token: starts with an uppercase letter (or is a name word).
    pub capitalised: Vec<bool>,
    /// Per token: can be part of a person's name.
    pub name_word: Vec<bool>,
    /// Per token: the index of its sentence.
    pub sentence: Vec<usize>,
    /// Runs of capitalised words within one sentence, as token ranges `[a, z)`.
    pub runs: Vec<(usize, usize)>,
    /// Per token, in a block with a Vietnamese sentence: the word as written, lowercase, its
    /// marks kept (a tone mark makes another Vietnamese word: "bà" is no "ba").
    marked: Vec<String>,
}

/// The folded text in lowercase with each token's range in it: one lowercase copy of the
/// block when lowercasing keeps every token's place (it does for nearly all text), else a copy
/// per token.
fn lowercase(folded: &str, tokens: &[Token]) -> (String, Vec<(u32, u32)>) {
    let whole = folded.to_lowercase();
    let same_places = whole.len() == folded.len()
        && tokens
            .iter()
            .all(|t| whole.is_char_boundary(t.start) && whole.is_char_boundary(t.end));
    if same_places {
        let spans = tokens
            .iter()
            .map(|t| (t.start as u32, t.end as u32))
            .collect();
        return (whole, spans);
    }
    let mut lower = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    for t in tokens {
        let a = lower.len() as u32;
        lower.push_str(&t.text(folded).to_lowercase());
        spans.push((a, lower.len() as u32));
    }
    (lower, spans)
}

/// Does a word start with an uppercase letter?
fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Block {
    /// A block of prose classified; with `marks`, the words of a block with a Vietnamese
    /// sentence are kept with their marks too ([`Block::marked`]).
    pub fn new(text: &str, prose: &ProseBlock, lex: &Lexicon, marks: bool) -> Block {
        let (block_text, segments) = prose.relative(text);
        let analysis = BlockAnalysis::new(block_text, &segments, &NO_TABLE, Reading::default());
        let (lowercase, lower_spans) = lowercase(&analysis.folded.text, &analysis.tokens);
        let mut block = Block {
            start: prose.start,
            analysis,
            lowercase,
            lower_spans,
            capitalised: Vec::new(),
            name_word: Vec::new(),
            sentence: Vec::new(),
            runs: Vec::new(),
            marked: Vec::new(),
        };
        block.classify(lex);
        block.runs = block.capitalised_runs(lex);
        if marks && block.analysis.langs.contains(&Language::Vi) {
            block.marked = block
                .analysis
                .tokens
                .iter()
                .map(|t| {
                    let (a, z) = block.analysis.folded.original_range(t.start, t.end);
                    marks_key(&block_text[a..z])
                })
                .collect();
        }
        block
    }

    /// Is token `i` in a Vietnamese sentence?
    pub fn vietnamese(&self, i: usize) -> bool {
        !self.marked.is_empty() && self.analysis.langs.get(self.sentence[i]) == Some(&Language::Vi)
    }

    /// Token `i` as written, lowercase, with its marks (only in a block with a Vietnamese
    /// sentence; else its folded form).
    pub fn marked(&self, i: usize) -> &str {
        match self.marked.get(i) {
            Some(m) => m,
            None => self.lower(i),
        }
    }

    /// Each token: capitalised, a name word, and its sentence.
    fn classify(&mut self, lex: &Lexicon) {
        let n = self.len();
        let mut capitalised = Vec::with_capacity(n);
        let mut name_word: Vec<bool> = Vec::with_capacity(n);
        let mut sentence = Vec::with_capacity(n);
        let mut si = 0usize;
        let sentences = &self.analysis.sentences;
        for (i, t) in self.analysis.tokens.iter().enumerate() {
            let folded = t.text(&self.analysis.folded.text);
            let lower = self.lower(i);
            let upper = starts_upper(folded);
            // A lowercase part after a hyphen continues a name ("Ji-hoon").
            let name = if !upper
                && i > 0
                && t.join == Join::Hyphen
                && name_word.last() == Some(&true)
                && folded.chars().all(char::is_alphabetic)
                && !lower.ends_with("ed")
                && !NOT_NAME_AFTER_HYPHEN.contains(&lower)
            {
                true
            } else {
                upper && lex.name_word(folded, lower)
            };
            while si + 1 < sentences.len() && sentences[si].1 <= t.start {
                si += 1;
            }
            capitalised.push(upper || name);
            name_word.push(name);
            sentence.push(si);
        }
        self.capitalised = capitalised;
        self.name_word = name_word;
        self.sentence = sentence;
    }

    /// Runs of capitalised words in one sentence, joined by spaces, hyphens or apostrophes.
    fn capitalised_runs(&self, lex: &Lexicon) -> Vec<(usize, usize)> {
        let member = |k: usize| {
            self.capitalised[k]
                && self
                    .lower(k)
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
                && !lex.is_stopword(self.lower(k))
        };
        self.runs_of(member, |j| {
            matches!(j, Join::Space | Join::Hyphen | Join::Apostrophe)
        })
    }

    /// The longest runs of tokens that are each a `member`, within one sentence, each token
    /// joined to the one before it as `joined` allows: token ranges `[a, z)`.
    pub fn runs_of(
        &self,
        member: impl Fn(usize) -> bool,
        joined: impl Fn(Join) -> bool,
    ) -> Vec<(usize, usize)> {
        let n = self.len();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < n {
            if !member(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && member(j) && self.sentence[j] == self.sentence[i] && joined(self.join(j))
            {
                j += 1;
            }
            runs.push((i, j));
            i = j;
        }
        runs
    }

    pub fn len(&self) -> usize {
        self.lower_spans.len()
    }

    /// Token `i` of the folded text, in lowercase.
    pub fn lower(&self, i: usize) -> &str {
        let (a, z) = self.lower_spans[i];
        &self.lowercase[a as usize..z as usize]
    }

    /// Does token `i` start with an uppercase letter?
    pub fn upper(&self, i: usize) -> bool {
        starts_upper(self.folded(i))
    }

    /// Is token `i` a comma's next word: a comma alone between it and the token before?
    pub fn after_comma(&self, i: usize) -> bool {
        i < self.len() && self.join(i) == Join::Break && self.gap(i).trim() == ","
    }

    /// Token `i` of the folded text, with its case.
    pub fn folded(&self, i: usize) -> &str {
        self.analysis.tokens[i].text(&self.analysis.folded.text)
    }

    pub fn join(&self, i: usize) -> Join {
        self.analysis.tokens[i].join
    }

    /// The folded text between token `i - 1` and token `i`.
    pub fn gap(&self, i: usize) -> &str {
        self.analysis.gap_before(i)
    }

    /// The run that holds token `i`.
    pub fn run_of(&self, i: usize) -> Option<(usize, usize)> {
        let k = self.runs.partition_point(|r| r.1 <= i);
        self.runs.get(k).copied().filter(|r| r.0 <= i)
    }

    /// Article byte range of tokens `[a, b)`.
    pub fn range(&self, a: usize, b: usize) -> (usize, usize) {
        let tokens = &self.analysis.tokens;
        let (x, y) = self
            .analysis
            .folded
            .original_range(tokens[a].start, tokens[b - 1].end);
        (self.start + x, self.start + y)
    }

    /// Is token `i` the word `w` in lowercase?
    pub fn is(&self, i: usize, w: &str) -> bool {
        i < self.len() && self.lower(i) == w && !self.capitalised[i]
    }

    /// Is token `i` one of the words `ws` in lowercase?
    pub fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(i, w))
    }

    /// Is token `i` a year ("2015")?
    pub fn year(&self, i: usize) -> Option<i16> {
        if i >= self.len() {
            return None;
        }
        let t = self.lower(i);
        if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i16 = t.parse().ok()?;
        (1500..2200).contains(&y).then_some(y)
    }

    /// Is token `i` followed by "'s" (a possessive)?
    pub fn possessive(&self, i: usize) -> bool {
        i + 1 < self.len() && self.join(i + 1) == Join::Apostrophe && self.lower(i + 1) == "s"
    }

    /// The token range of a sentence.
    pub fn sentence_tokens(&self, s: usize) -> (usize, usize) {
        let a = self.sentence.partition_point(|&x| x < s);
        let b = self.sentence.partition_point(|&x| x <= s);
        (a, b)
    }

    /// Tokens `i` and `k` are in one sentence.
    pub fn same_sentence(&self, i: usize, k: usize) -> bool {
        self.sentence.get(i).is_some() && self.sentence.get(i) == self.sentence.get(k)
    }

    /// The word "of" right before token `a` (with an optional "the" between): its index.
    pub fn of_before(&self, a: usize) -> Option<usize> {
        let mut k = a;
        if self.is(k.checked_sub(1)?, "the") {
            k -= 1;
        }
        self.is(k.checked_sub(1)?, "of").then(|| k - 1)
    }

    /// The number of name words in `[a, z)` (a hyphenated part counts with its word).
    pub fn name_words(&self, a: usize, z: usize) -> usize {
        (a..z)
            .filter(|&i| self.join(i) != Join::Hyphen || i == a)
            .count()
    }
}
