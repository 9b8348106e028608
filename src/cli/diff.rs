//! Unified diffs (`copydesk check --diff`), as `diff -u` prints them, so `patch -p0` applies
//! them. Lines are compared whole, with their line breaks (a CRLF line stays CRLF).
//!
//! The line script is Myers' O((N+M)·D) greedy diff over what is left once the common first
//! and last lines are set aside; fixes change a few lines, so D is small. Past a work bound
//! (a diff between texts that share little), the middle is shown as removed and added whole,
//! which is still a correct patch.

use std::fmt::Write;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Past this many cells of Myers' trace, the middle is replaced whole.
const MAX_TRACE: usize = 50_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The lines of a text, each with its line break ("\n", or "\r\n" whose last byte is "\n").
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The unified diff from `old` to `new`, both named `name`; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a = lines(old);
    let b = lines(new);
    let script = script(&a, &b);
    let mut out = format!("--- {name}\n+++ {name}\n");
    // Each change with CONTEXT lines around it; changes closer than twice that share a hunk.
    let changed: Vec<usize> = (0..script.len())
        .filter(|&i| script[i].0 != Op::Same)
        .collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k + 1 < changed.len() && changed[k + 1] - end <= 2 * CONTEXT + 1 {
            k += 1;
            end = changed[k];
        }
        k += 1;
        let end = (end + CONTEXT + 1).min(script.len());
        hunk(&mut out, &script[start..end], &a, &b);
    }
    out
}

/// One hunk: its header, then each line.
fn hunk(out: &mut String, ops: &[(Op, usize, usize)], a: &[&str], b: &[&str]) {
    let (first_a, first_b) = (ops[0].1, ops[0].2);
    let n_a = ops.iter().filter(|o| o.0 != Op::Added).count();
    let n_b = ops.iter().filter(|o| o.0 != Op::Removed).count();
    let range = |first: usize, n: usize| match n {
        // An empty range names the line before it.
        0 => format!("{first},0"),
        1 => format!("{}", first + 1),
        n => format!("{},{n}", first + 1),
    };
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        range(first_a, n_a),
        range(first_b, n_b)
    );
    for &(op, i, j) in ops {
        let (mark, line) = match op {
            Op::Same => (' ', a[i]),
            Op::Removed => ('-', a[i]),
            Op::Added => ('+', b[j]),
        };
        out.push(mark);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// The edit script: each op with the line index it is at in `a` and in `b`.
fn script(a: &[&str], b: &[&str]) -> Vec<(Op, usize, usize)> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<(Op, usize, usize)> = (0..head).map(|i| (Op::Same, i, i)).collect();
    let middle = myers(ma, mb).unwrap_or_else(|| {
        let mut m: Vec<(Op, usize, usize)> = (0..ma.len()).map(|i| (Op::Removed, i, 0)).collect();
        m.extend((0..mb.len()).map(|j| (Op::Added, ma.len(), j)));
        m
    });
    out.extend(
        middle
            .into_iter()
            .map(|(op, i, j)| (op, i + head, j + head)),
    );
    let (ea, eb) = (a.len() - tail, b.len() - tail);
    out.extend((0..tail).map(|k| (Op::Same, ea + k, eb + k)));
    out
}

/// Myers' greedy shortest edit script, or `None` past the work bound.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<(Op, usize, usize)>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let off = max as isize;
    let mut v = vec![0isize; 2 * max + 2];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut cells = 0usize;
    'search: for d in 0..=max as isize {
        cells += v.len();
        if cells > MAX_TRACE {
            return None;
        }
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                break 'search;
            }
            k += 2;
        }
    }
    // Walk back through the trace.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = if d == 0 {
            0
        } else {
            v[(off + prev_k) as usize]
        };
        let prev_y = prev_x - prev_k;
        while x > prev_x.max(0) && y > prev_y.max(0) {
            x -= 1;
            y -= 1;
            ops.push((Op::Same, x as usize, y as usize));
        }
        if d > 0 {
            if down {
                y -= 1;
                ops.push((Op::Added, x as usize, y as usize));
            } else {
                x -= 1;
                ops.push((Op::Removed, x as usize, y as usize));
            }
        }
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n";
        assert_eq!(
            unified("x.md", old, new),
            "--- x.md\n+++ x.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified("x.md", old, old), "");
    }

    #[test]
    fn far_changes_make_two_hunks_and_near_ones_one() {
        let old: String = (1..=30).map(|i| format!("{i}\n")).collect();
        let new = old.replace("\n2\n", "\ntwo\n").replace("\n27\n", "\n27b\n");
        let d = unified("n", &old, &new);
        assert_eq!(d.matches("@@ ").count(), 2, "{d}");
        let new = old.replace("\n2\n", "\ntwo\n").replace("\n9\n", "\nnine\n");
        let d = unified("n", &old, &new);
        assert_eq!(d.matches("@@ ").count(), 1, "{d}");
    }

    #[test]
    fn line_counts_that_change_and_a_last_line_without_a_break() {
        let d = unified("x", "a\r\nb c\r\nd", "a\r\nb\r\nc\r\nd");
        assert_eq!(
            d,
            "--- x\n+++ x\n@@ -1,3 +1,4 @@\n a\r\n-b c\r\n+b\r\n+c\r\n d\n\\ No newline at end of file\n"
        );
        let d = unified("x", "", "a\n");
        assert_eq!(d, "--- x\n+++ x\n@@ -0,0 +1 @@\n+a\n");
    }

    #[test]
    fn the_script_is_minimal() {
        let a = ["a\n", "b\n", "c\n", "a\n", "b\n", "b\n", "a\n"];
        let b = ["c\n", "b\n", "a\n", "b\n", "a\n", "c\n"];
        let s = myers(&a, &b).unwrap();
        // The classic example: 5 edits.
        assert_eq!(s.iter().filter(|o| o.0 != Op::Same).count(), 5);
        let rebuilt: Vec<&str> = s
            .iter()
            .filter(|o| o.0 != Op::Removed)
            .map(|o| if o.0 == Op::Same { a[o.1] } else { b[o.2] })
            .collect();
        assert_eq!(rebuilt, b);
    }
}
