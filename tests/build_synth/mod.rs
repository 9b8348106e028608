//! A synthetic news archive about people who are not in the seeds: a Korean and a Hungarian
//! name written family name first, a Vietnamese name, and several Western names, with their
//! titles and organisations, places with and without diacritics, a law, an agreement and dated
//! talks. Some articles disagree on purpose (a title, a law's year, a day), and the generator
//! counts what it wrote so tests can check the build against it.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use crate::support::Rng;

/// What the generator wrote, to check the build against.
#[derive(Debug, Default, Clone)]
pub struct Expect {
    /// Articles that call Ellison "Foreign Secretary" / "Home Secretary".
    pub ellison_foreign: u32,
    pub ellison_home: u32,
    /// "Border Security Act 2019" / "… of 2018".
    pub act_2019: u32,
    pub act_2018: u32,
    /// Occurrences of "Đà Nẵng" and "Da Nang".
    pub da_nang_marked: u32,
    pub da_nang_plain: u32,
    /// Seoul talks reported on the right day / on a wrong day.
    pub seoul_right: u32,
    pub seoul_wrong: u32,
}

pub struct Synth {
    pub articles: Vec<(String, String)>,
    pub expect: Expect,
}

const SEOUL_DATES: &[&str] = &["2024-05-13", "2024-05-14", "2024-05-15", "2024-05-16"];
const LONDON_DATES: &[&str] = &["2024-06-07", "2024-06-08", "2024-06-10"];
const DA_NANG_DATES: &[&str] = &["2024-09-02", "2024-09-03", "2024-09-04"];

fn weekday(date: &str) -> &'static str {
    let d: jiff::civil::Date = date.parse().unwrap();
    copydesk::dates::weekday_name(d.weekday())
}

/// The weekday name of an event day, as an article published on `pub_date` would say it.
fn day_of(event: &str) -> &'static str {
    weekday(event)
}

/// Generate `n` articles.
pub fn generate(n: usize, seed: u64) -> Synth {
    let mut rng = Rng::new(seed);
    let mut e = Expect::default();
    let mut articles = Vec::with_capacity(n);
    for i in 0..n {
        let story = i % 3;
        let md = rng.chance(30);
        let (date, body) = match story {
            0 => seoul(&mut rng, &mut e),
            1 => london(&mut rng, &mut e),
            _ => da_nang(&mut rng, &mut e),
        };
        let mut text = String::new();
        if md {
            let _ = write!(text, "---\ntitle: Report {i}\ndate: {date}\n---\n\n");
        } else {
            let _ = write!(text, "date {date} World\n\n");
        }
        text.push_str(&body);
        let name = format!(
            "{:02}/article-{i:05}.{}",
            i % 17,
            if md { "md" } else { "txt" }
        );
        articles.push((name, text));
    }
    Synth {
        articles,
        expect: e,
    }
}

/// Talks in Seoul on 2024-05-13, a Monday: Park Ji-hoon hosts Kovács Eszter.
fn seoul(rng: &mut Rng, e: &mut Expect) -> (String, String) {
    let date = rng.pick(SEOUL_DATES).to_string();
    let wrong = rng.chance(10);
    let day = if wrong {
        e.seoul_wrong += 1;
        "2024-05-12"
    } else {
        e.seoul_right += 1;
        "2024-05-13"
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "South Korea's Vice Foreign Minister Park Ji-hoon hosted State Secretary at the \
         Ministry of Interior Kovács Eszter for talks in Seoul on {}.\n",
        day_of(day)
    );
    let _ = writeln!(
        s,
        "Park said both governments wanted faster work on border data. {}\n",
        rng.pick(&[
            "Kovács answered that Hungary would send experts within a month.",
            "Kovács said her office had drafted a plan for the autumn.",
            "According to Kovács, the first exchange of officers is set for June.",
        ])
    );
    if rng.chance(50) {
        let _ = writeln!(
            s,
            "The meeting in Seoul followed a visit by Hungarian officials in Budapest earlier \
             this year, when Kovács and Park first discussed the plan.\n"
        );
    }
    let _ = writeln!(
        s,
        "South Korea and Hungary signed a comprehensive partnership agreement in 2019, and \
         trade in Budapest and in South Korea has grown since then.\n"
    );
    let _ = writeln!(
        s,
        "Analysts in Seoul expect Park to travel to Hungary before the end of the year."
    );
    (date, s)
}

/// A meeting in London on 2024-06-07, a Friday: Margaret Ellison meets Daniel Okafor and
/// Hannah Weiss.
fn london(rng: &mut Rng, e: &mut Expect) -> (String, String) {
    let date = rng.pick(LONDON_DATES).to_string();
    let home = rng.chance(20);
    let title = if home {
        e.ellison_home += 1;
        "Home Secretary"
    } else {
        e.ellison_foreign += 1;
        "Foreign Secretary"
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{title} Margaret Ellison met Director General at the National Crime Agency Daniel \
         Okafor in London on Friday.\n"
    );
    let _ = writeln!(
        s,
        "Hannah Weiss, Chief of the Defence Staff, joined the meeting for an hour. Major \
         General Hannah Weiss has led the joint planning cell since the spring.\n"
    );
    let _ = writeln!(
        s,
        "{} said the agency would share its case files. Ms Ellison thanked Mr Okafor, and \
         Weiss described the work as urgent.\n",
        rng.pick(&["Okafor", "Mr Okafor"])
    );
    let year = if rng.chance(25) {
        e.act_2018 += 1;
        "of 2018"
    } else {
        e.act_2019 += 1;
        "2019"
    };
    let _ = writeln!(
        s,
        "The UK passed the Border Security Act {year} after a long debate in London, and \
         Ellison said it gives officers new powers.\n"
    );
    let _ = writeln!(
        s,
        "Officials in the UK expect a second round of talks in the autumn."
    );
    (date, s)
}

/// A visit to Đà Nẵng on 2024-09-02, a Monday: Nguyễn Thị Lan receives Park Ji-hoon.
fn da_nang(rng: &mut Rng, e: &mut Expect) -> (String, String) {
    let date = rng.pick(DA_NANG_DATES).to_string();
    let marked = rng.chance(60);
    let city = if marked {
        e.da_nang_marked += 2;
        "Đà Nẵng"
    } else {
        e.da_nang_plain += 2;
        "Da Nang"
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Nguyễn Thị Lan, Ambassador of Việt Nam to South Korea, hosted Vice Foreign Minister \
         Park Ji-hoon for talks in {city} on Monday.\n"
    );
    let _ = writeln!(
        s,
        "Lan said the two countries would open a new consulate. Park welcomed the plan and \
         praised the port of {city}.\n"
    );
    let _ = writeln!(
        s,
        "Trade between Việt Nam and South Korea has doubled, Lan added, and more flights to \
         Seoul start in {}.",
        rng.pick(&["October", "November", "December"])
    );
    (date, s)
}

/// The law of that name in a built table.
pub fn law<'a>(t: &'a copydesk::table::Table, name: &str) -> &'a copydesk::table::Law {
    t.laws
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no law {name}"))
}

/// The event at that place (by id) in a built table.
pub fn event_at<'a>(t: &'a copydesk::table::Table, place: &str) -> &'a copydesk::table::Event {
    t.events
        .iter()
        .find(|ev| ev.place.as_deref() == Some(place))
        .unwrap_or_else(|| panic!("no event at {place}"))
}

/// Write an archive to a folder.
pub fn write(dir: &Path, s: &Synth) {
    for (name, text) in &s.articles {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}
