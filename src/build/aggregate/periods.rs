//! Titles over time: when the values of one title slot succeed each other in the articles'
//! publication dates (Deputy Minister in the articles up to May, Minister from June), each is
//! held for its own period. A true conflict in one period (two values side by side) is no
//! succession: the caller keeps the majority and the minority as disputed.
//!
//! The periods are found by cutting the publication dates into consecutive stretches, one per
//! value in the order of their median dates, so that as many articles as possible give the
//! value of their stretch (a dynamic programme over the distinct dates, linear in their
//! number). The cut is a succession only when every value holds its own stretch clearly.

use std::collections::BTreeMap;

use crate::table::Date;

/// How many dated articles a value needs to hold a period of its own.
const MIN_ARTICLES: u32 = 2;

/// In its period, a value's articles must outnumber the other values' by this factor.
const CLEAR_MAJORITY: u32 = 3;

/// The articles that give one value, by publication date.
pub(super) type Dated = BTreeMap<Date, u32>;

/// The period in which one value is the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Period {
    /// Index of the value (in the slice given to [`succession`]).
    pub value: usize,
    /// The first and the last publication date of an article that gives the value in its
    /// period.
    pub first: Date,
    pub last: Date,
    /// The stretch of publication dates the period covers (an article in it that gives another
    /// value disputes this one).
    pub from: Date,
    pub to: Date,
}

/// The periods, in time order, when the values succeed each other; `None` when they do not
/// (fewer than two values with enough dated articles, or no cut where each value holds its
/// stretch clearly). Values with too few dated articles get no period.
pub(super) fn succession(values: &[&Dated]) -> Option<Vec<Period>> {
    let mut order: Vec<usize> = (0..values.len())
        .filter(|&v| values[v].values().sum::<u32>() >= MIN_ARTICLES)
        .collect();
    if order.len() < 2 {
        return None;
    }
    order.sort_by_key(|&v| (median(values[v]), v));
    let dates: Vec<Date> = {
        let mut d: Vec<Date> = order
            .iter()
            .flat_map(|&v| values[v].keys().copied())
            .collect();
        d.sort_unstable();
        d.dedup();
        d
    };
    if dates.len() < order.len() {
        return None;
    }
    // counts[s][j]: articles giving the s-th value (in time order) on dates[j].
    let counts: Vec<Vec<u32>> = order
        .iter()
        .map(|&v| {
            dates
                .iter()
                .map(|d| values[v].get(d).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let cuts = best_cuts(&counts);
    let periods: Vec<Period> = order
        .iter()
        .enumerate()
        .map(|(s, &v)| {
            let (a, z) = cuts[s];
            let own: Vec<Date> = (a..=z)
                .filter(|&j| counts[s][j] > 0)
                .map(|j| dates[j])
                .collect();
            Period {
                value: v,
                first: *own.first().unwrap_or(&dates[a]),
                last: *own.last().unwrap_or(&dates[z]),
                from: dates[a],
                to: dates[z],
            }
        })
        .collect();
    let clear = (0..order.len()).all(|s| {
        let (a, z) = cuts[s];
        let own: u32 = counts[s][a..=z].iter().sum();
        let others: u32 = (0..order.len())
            .filter(|&t| t != s)
            .map(|t| counts[t][a..=z].iter().sum::<u32>())
            .sum();
        own >= MIN_ARTICLES && own >= CLEAR_MAJORITY * others
    });
    clear.then_some(periods)
}

/// The median publication date of a value's articles.
fn median(d: &Dated) -> Date {
    let n: u32 = d.values().sum();
    let mut seen = 0;
    for (date, k) in d {
        seen += k;
        if 2 * seen >= n {
            return *date;
        }
    }
    *d.keys().next_back().expect("dated")
}

/// Cut the dates `0..m` into `k` consecutive non-empty stretches, the s-th for the s-th value,
/// so that the most articles give their stretch's value: the stretches as `(first, last)`
/// date indices. `counts` has `k` rows of `m`, with `m >= k`.
fn best_cuts(counts: &[Vec<u32>]) -> Vec<(usize, usize)> {
    let k = counts.len();
    let m = counts[0].len();
    let prefix: Vec<Vec<u64>> = counts
        .iter()
        .map(|row| {
            let mut p = vec![0u64; m + 1];
            for j in 0..m {
                p[j + 1] = p[j] + u64::from(row[j]);
            }
            p
        })
        .collect();
    // best[s][j]: the most articles matched with stretches 0..=s covering dates 0..=j, the
    // s-th ending at j; from[s][j]: where the s-th stretch starts.
    let mut best = vec![vec![None::<u64>; m]; k];
    let mut from = vec![vec![0usize; m]; k];
    for j in 0..m {
        best[0][j] = Some(prefix[0][j + 1]);
    }
    for s in 1..k {
        // The best earlier cut i (stretch s starts at i + 1), as j moves right.
        let mut run: Option<(u64, usize)> = None;
        for j in s..m {
            let i = j - 1;
            if let Some(b) = best[s - 1][i] {
                // best[s-1][i] - prefix[s][i + 1], kept as a pair to stay unsigned.
                let score = b + prefix[s][m] - prefix[s][i + 1];
                if run.is_none_or(|(r, _)| score > r) {
                    run = Some((score, i));
                }
            }
            if let Some((score, i)) = run {
                best[s][j] = Some(score - (prefix[s][m] - prefix[s][j + 1]));
                from[s][j] = i + 1;
            }
        }
    }
    let mut cuts = vec![(0, 0); k];
    let mut end = m - 1;
    for s in (0..k).rev() {
        let start = if s == 0 { 0 } else { from[s][end] };
        cuts[s] = (start, end);
        end = start.saturating_sub(1);
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(list: &[(&str, u32)]) -> Dated {
        list.iter()
            .map(|(d, n)| (Date::parse(d).unwrap(), *n))
            .collect()
    }

    fn spans(p: &[Period]) -> Vec<(usize, String, String)> {
        p.iter()
            .map(|p| (p.value, p.first.to_string(), p.last.to_string()))
            .collect()
    }

    #[test]
    fn a_title_that_changes_gives_two_periods() {
        let deputy = dated(&[("2024-03-02", 1), ("2024-04-10", 2), ("2024-05-20", 1)]);
        let minister = dated(&[("2024-06-03", 2), ("2024-07-01", 1)]);
        // The order given does not matter: the dates decide.
        let p = succession(&[&minister, &deputy]).unwrap();
        assert_eq!(
            spans(&p),
            [
                (1, "2024-03-02".into(), "2024-05-20".into()),
                (0, "2024-06-03".into(), "2024-07-01".into())
            ]
        );
    }

    #[test]
    fn a_stray_article_is_outvoted_in_its_period() {
        // One June article still says "Deputy": Minister holds June clearly.
        let deputy = dated(&[("2024-04-10", 3), ("2024-05-20", 2), ("2024-06-12", 1)]);
        let minister = dated(&[("2024-06-03", 2), ("2024-06-20", 2), ("2024-07-01", 1)]);
        let p = succession(&[&deputy, &minister]).unwrap();
        assert_eq!(p[0].last.to_string(), "2024-05-20");
        let stray = Date::parse("2024-06-12").unwrap();
        assert!(p[1].from <= stray && stray <= p[1].to);
    }

    #[test]
    fn values_side_by_side_are_a_conflict_not_a_succession() {
        let foreign = dated(&[("2024-06-07", 3), ("2024-06-08", 2), ("2024-06-10", 3)]);
        let home = dated(&[("2024-06-07", 1), ("2024-06-08", 1), ("2024-06-10", 1)]);
        assert_eq!(succession(&[&foreign, &home]), None);
        // One article is not a period.
        let once = dated(&[("2024-07-01", 1)]);
        assert_eq!(succession(&[&foreign, &once]), None);
        // All on one day: nothing to order.
        let a = dated(&[("2025-03-04", 2)]);
        let b = dated(&[("2025-03-04", 2)]);
        assert_eq!(succession(&[&a, &b]), None);
    }

    #[test]
    fn three_values_in_turn() {
        let a = dated(&[("2023-01-05", 2), ("2023-02-01", 1)]);
        let b = dated(&[("2023-05-05", 2), ("2023-06-01", 2)]);
        let c = dated(&[("2024-01-05", 3)]);
        let p = succession(&[&c, &a, &b]).unwrap();
        let order: Vec<usize> = p.iter().map(|p| p.value).collect();
        assert_eq!(order, [1, 2, 0]);
        assert_eq!(p[1].first.to_string(), "2023-05-05");
        assert_eq!(p[1].last.to_string(), "2023-06-01");
    }

    #[test]
    fn the_best_cut_matches_the_most_articles() {
        // Dates 0..5; value 0 on 0,1,3; value 1 on 2,4,5 with weight.
        let counts = vec![vec![2, 2, 0, 1, 0, 0], vec![0, 0, 3, 0, 2, 2]];
        assert_eq!(best_cuts(&counts), vec![(0, 1), (2, 5)]);
        let counts = vec![vec![1, 0, 0], vec![0, 1, 0], vec![0, 0, 1]];
        assert_eq!(best_cuts(&counts), vec![(0, 0), (1, 1), (2, 2)]);
    }
}
