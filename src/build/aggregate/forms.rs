//! The forms a name is written in, counted: which to prefer, and which are its variants.

use super::super::lexicon::tight_key;
use crate::text::fold::Folded;

/// Does the form carry diacritics (is it more than its folded self)?
pub(super) fn marked(form: &str) -> bool {
    Folded::of(form).text != form
}

pub(super) fn all_caps(form: &str) -> bool {
    form.chars().filter(|c| c.is_alphabetic()).count() > 1 && !form.chars().any(char::is_lowercase)
}

/// Counted forms, in the order first seen.
#[derive(Debug, Default, Clone)]
pub(super) struct Forms {
    /// (form, count), in the order first seen.
    pub list: Vec<(String, u32)>,
}

impl Forms {
    pub fn add(&mut self, form: &str) {
        self.add_n(form, 1);
    }

    pub fn add_n(&mut self, form: &str, n: u32) {
        match self.list.iter_mut().find(|(f, _)| f == form) {
            Some((_, m)) => *m += n,
            None => self.list.push((form.to_string(), n)),
        }
    }

    /// Fold forms in capitals into the form they capitalise ("HÀ NỘI" into "Hà Nội").
    pub fn fold_caps(&mut self) {
        let mut out = Forms::default();
        for (f, n) in &self.list {
            let capitalised = all_caps(f)
                .then(|| {
                    self.list
                        .iter()
                        .find(|(g, _)| !all_caps(g) && g.to_lowercase() == f.to_lowercase())
                })
                .flatten();
            out.add_n(capitalised.map_or(f, |(g, _)| g), *n);
        }
        *self = out;
    }

    /// The preferred form: with diacritics if any form has them (the name as its own language
    /// writes it), then the most used, then the first seen; never all capitals if avoidable.
    pub fn best(&self) -> Option<&str> {
        self.list
            .iter()
            .enumerate()
            .max_by_key(|(i, (f, n))| (!all_caps(f), marked(f), *n, std::cmp::Reverse(*i)))
            .map(|(_, (f, _))| f.as_str())
    }

    /// The other forms, most used first.
    pub fn others(&self, best: &str) -> Vec<(String, u32)> {
        let mut v: Vec<(usize, &(String, u32))> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, (f, _))| f != best)
            .collect();
        v.sort_by_key(|(i, (_, n))| (std::cmp::Reverse(*n), *i));
        v.into_iter().map(|(_, x)| x.clone()).collect()
    }

    pub fn count(&self, form: &str) -> u32 {
        self.list
            .iter()
            .find(|(f, _)| f == form)
            .map_or(0, |(_, n)| *n)
    }

    /// The most used form (the first seen on a tie).
    pub fn most(&self) -> Option<&str> {
        self.list
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (f, _))| f.as_str())
    }

    pub fn merge(&mut self, o: &Forms) {
        for (f, n) in &o.list {
            self.add_n(f, *n);
        }
    }

    /// The forms of the spelling most written (forms that differ only in diacritics, case
    /// and spacing are one spelling; the first written wins a tie), and the other forms.
    pub fn by_spelling(&self) -> (Forms, Forms) {
        let mut totals: Vec<(String, u32)> = Vec::new();
        for (f, n) in &self.list {
            super::count(&mut totals, tight_key(f), *n);
        }
        let Some(main) = totals
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (t, _))| t.clone())
        else {
            return (Forms::default(), Forms::default());
        };
        let (mine, others): (Vec<_>, Vec<_>) = self
            .list
            .iter()
            .cloned()
            .partition(|(f, _)| tight_key(f) == main);
        (Forms { list: mine }, Forms { list: others })
    }
}
