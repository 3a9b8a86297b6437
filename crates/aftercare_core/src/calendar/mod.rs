//! Working-day calendars: weekends plus per-year lists of holidays and adjusted working days.
//!
//! No calendar crate handles mainland China's make-up working days safely, so calendars are data
//! the shop edits (`calendars/*.toml`). A year the file does not list yet is counted with the
//! statutory days off the file names (fixed dates, lunar dates and solar terms, computed with the
//! `tyme4rs` crate), and every answer that crosses it says it is provisional. Outside the range
//! the lunar calendar is computed for, or without statutory days, such a year counts weekends only.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use toml::Spanned;

use crate::source::{SourceError, TomlDate};

/// Why a working-day computation could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the date falls outside the range of supported dates (years -9999 to 9999)")]
    OutOfRange,
}

/// Something a person should know about an answer that is still usable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Warning {
    /// The computation crossed a year the calendar has no holiday data for.
    CalendarYearMissing { calendar: String, year: i16 },
    /// The computation crossed a year counted with its statutory days off only: the yearly notice
    /// may still add bridge days and make-up working days, so the date is provisional.
    CalendarYearProvisional { calendar: String, year: i16 },
    /// The order was placed before the first policy version took effect; it is judged by the
    /// first version, which covers every order since the shop opened.
    BeforeFirstVersion {
        version: String,
        effective_from: Date,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::CalendarYearMissing { calendar, year } => write!(
                f,
                "provisional: calendar `{calendar}` has no holidays or adjusted working days for {year}: \
                 working days in {year} were counted as Monday to Friday only; add {year} to the calendar file"
            ),
            Warning::CalendarYearProvisional { calendar, year } => write!(
                f,
                "provisional: calendar `{calendar}` has no official notice for {year} yet: working days in {year} \
                 were counted with the statutory days off only, and the notice may add bridge days and \
                 make-up working days"
            ),
            Warning::BeforeFirstVersion {
                version,
                effective_from,
            } => write!(
                f,
                "the order was placed before policy version `{version}` took effect ({effective_from}); \
                 it is judged by that version, the first, which covers every order since the shop opened"
            ),
        }
    }
}

/// A value computed from the calendar, with the warnings the computation raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted<T> {
    pub value: T,
    pub warnings: Vec<Warning>,
}

/// Whether a listed day is a day off or an adjusted working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A holiday, including weekend days inside a holiday block.
    Off,
    /// A weekend day that is a working day (a make-up day).
    Work,
}

/// One listed day and its name ("National Day").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDay {
    pub kind: DayKind,
    pub name: String,
}

/// Where a year's days off come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearSource {
    /// Transcribed from an official notice, named here.
    Notice(String),
    /// Computed from the statutory days off (the regulation named here): provisional.
    Statutory(String),
    /// Neither: weekends only.
    Missing,
}

/// One year of a calendar, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearDays {
    pub year: i16,
    pub source: YearSource,
    /// Listed days off and adjusted working days, in date order.
    pub days: Vec<(Date, ListedDay)>,
}

impl YearDays {
    /// True when deadlines counted through this year may still move.
    pub fn is_provisional(&self) -> bool {
        !matches!(self.source, YearSource::Notice(_))
    }
}

/// The first and last years whose statutory days are computed: the range the lunar calendar and
/// solar terms are known to be exact for, which covers any order this product will judge.
const STATUTORY_YEARS: std::ops::RangeInclusive<i16> = 1901..=2099;

/// A working-day calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    name: String,
    weekend: BTreeSet<WeekdayName>,
    days: BTreeMap<Date, ListedDay>,
    years: BTreeMap<i16, String>,
    statutory: Option<Statutory>,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.weekend == other.weekend
            && self.days == other.days
            && self.years == other.years
            && self.statutory.as_ref().map(|s| (&s.source, &s.days))
                == other.statutory.as_ref().map(|s| (&s.source, &s.days))
    }
}

impl Eq for Calendar {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WeekdayName {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl From<Weekday> for WeekdayName {
    fn from(w: Weekday) -> Self {
        match w {
            Weekday::Monday => Self::Monday,
            Weekday::Tuesday => Self::Tuesday,
            Weekday::Wednesday => Self::Wednesday,
            Weekday::Thursday => Self::Thursday,
            Weekday::Friday => Self::Friday,
            Weekday::Saturday => Self::Saturday,
            Weekday::Sunday => Self::Sunday,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    name: Spanned<String>,
    #[serde(default)]
    #[expect(dead_code, reason = "documentation for people reading the file")]
    description: String,
    weekend: Vec<WeekdayName>,
    statutory: Option<StatutoryFile>,
    #[serde(rename = "year", default)]
    years: Vec<Spanned<YearFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatutoryFile {
    source: String,
    days: Vec<Spanned<StatutoryDayFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatutoryDayFile {
    on: String,
    #[serde(default = "one_day")]
    days: u8,
    name: String,
}

fn one_day() -> u8 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: i16,
    #[serde(default)]
    source: String,
    #[serde(default)]
    days: Vec<Spanned<DayFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    date: TomlDate,
    kind: DayKind,
    name: String,
}

impl Calendar {
    /// Parses a calendar file; `file` names it in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Calendar, SourceError> {
        let raw: CalendarFile =
            toml::from_str(text).map_err(|e| SourceError::from_toml(file, text, &e))?;
        let err = |span: std::ops::Range<usize>, msg: String| {
            SourceError::at(file, text, Some(span), msg)
        };
        if raw.name.get_ref().trim().is_empty() {
            return Err(err(raw.name.span(), "the calendar needs a name".into()));
        }
        let mut years = BTreeMap::new();
        let mut days = BTreeMap::new();
        for year in &raw.years {
            let y = year.get_ref();
            if years.insert(y.year, y.source.clone()).is_some() {
                return Err(err(year.span(), format!("year {} is listed twice", y.year)));
            }
            for day in &y.days {
                let d = day.get_ref();
                let date = d.date.0;
                if date.year() != y.year {
                    return Err(err(
                        day.span(),
                        format!("{date} is listed under year {}", y.year),
                    ));
                }
                let is_weekend = raw.weekend.contains(&date.weekday().into());
                if d.kind == DayKind::Work && !is_weekend {
                    return Err(err(
                        day.span(),
                        format!(
                            "{date} is a {:?}, already a working day; only weekend days can be adjusted working days",
                            date.weekday()
                        ),
                    ));
                }
                let listed = ListedDay {
                    kind: d.kind,
                    name: d.name.clone(),
                };
                if days.insert(date, listed).is_some() {
                    return Err(err(day.span(), format!("{date} is listed twice")));
                }
            }
        }
        let statutory = match raw.statutory {
            None => None,
            Some(file) => {
                let mut rules = Vec::new();
                for day in file.days {
                    let span = day.span();
                    let d = day.into_inner();
                    let on = StatutoryDate::parse(&d.on).map_err(|m| err(span.clone(), m))?;
                    if !(1..=10).contains(&d.days) || d.name.trim().is_empty() {
                        return Err(err(
                            span,
                            "a statutory day needs a `name` and `days` from 1 to 10".into(),
                        ));
                    }
                    rules.push(StatutoryDay {
                        on,
                        days: d.days,
                        name: d.name,
                    });
                }
                let slots = STATUTORY_YEARS.count();
                Some(Statutory {
                    source: file.source,
                    days: rules,
                    computed: (0..slots).map(|_| OnceLock::new()).collect(),
                })
            }
        };
        Ok(Calendar {
            name: raw.name.into_inner(),
            weekend: raw.weekend.into_iter().collect(),
            days,
            years,
            statutory,
        })
    }

    /// A calendar with weekends only and no year data, for tests and as a last resort.
    pub fn weekends_only(name: &str) -> Calendar {
        Calendar {
            name: name.to_owned(),
            weekend: [WeekdayName::Saturday, WeekdayName::Sunday].into(),
            days: BTreeMap::new(),
            years: BTreeMap::new(),
            statutory: None,
        }
    }

    /// The calendar's name, as policies refer to it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The years the file lists holidays for.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.keys().copied()
    }

    /// The warnings of a date counted from `first` to `last` (both days counted): one for each
    /// year in between without its official notice. Empty when the date is final.
    pub fn provisional_years(&self, first: Date, last: Date) -> Vec<Warning> {
        (first.year()..=last.year())
            .filter_map(|year| self.year_warning(year))
            .collect()
    }

    /// The warning an answer counted through `year` carries, if any.
    fn year_warning(&self, year: i16) -> Option<Warning> {
        if self.years.contains_key(&year) {
            None
        } else if self.statutory.as_ref().and_then(|s| s.year(year)).is_some() {
            Some(Warning::CalendarYearProvisional {
                calendar: self.name.clone(),
                year,
            })
        } else {
            Some(Warning::CalendarYearMissing {
                calendar: self.name.clone(),
                year,
            })
        }
    }

    /// A year's days off and adjusted working days, and where they come from.
    pub fn year(&self, year: i16) -> YearDays {
        if let Some(source) = self.years.get(&year) {
            return YearDays {
                year,
                source: YearSource::Notice(source.clone()),
                days: self
                    .days
                    .iter()
                    .filter(|(d, _)| d.year() == year)
                    .map(|(d, l)| (*d, l.clone()))
                    .collect(),
            };
        }
        match self
            .statutory
            .as_ref()
            .and_then(|s| Some((s, s.year(year)?)))
        {
            Some((s, days)) => YearDays {
                year,
                source: YearSource::Statutory(s.source.clone()),
                days: days.iter().map(|(d, l)| (*d, l.clone())).collect(),
            },
            None => YearDays {
                year,
                source: YearSource::Missing,
                days: Vec::new(),
            },
        }
    }

    /// The listed holiday or adjusted working day on a date, if any: from the year's notice, or
    /// from the statutory days off when the year has none.
    pub fn listed(&self, date: Date) -> Option<&ListedDay> {
        if self.years.contains_key(&date.year()) {
            self.days.get(&date)
        } else {
            self.statutory
                .as_ref()
                .and_then(|s| s.year(date.year()))
                .and_then(|days| days.get(&date))
        }
    }

    /// The number of working days after `start` up to and including `end` (0 when `end` is not
    /// after `start`): what `add_working_days` would need to reach `end`.
    pub fn working_days_between(&self, start: Date, end: Date) -> u32 {
        let mut date = start;
        let mut n = 0;
        while date < end {
            let Ok(next) = date.tomorrow() else { break };
            date = next;
            if self.is_working_day(date) {
                n += 1;
            }
        }
        n
    }

    /// True when the shop works on `date`.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.listed(date) {
            Some(ListedDay {
                kind: DayKind::Off, ..
            }) => false,
            Some(ListedDay {
                kind: DayKind::Work,
                ..
            }) => true,
            None => !self.weekend.contains(&date.weekday().into()),
        }
    }

    /// The `n`-th working day after `start` (`start` itself when `n` is 0).
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Counted<Date>, CalendarError> {
        let mut date = start;
        let mut counted = 0;
        // A weekend-only calendar still has at least one working day per week, so this loop
        // ends; the date range check stops absurd `n` at year 9999.
        while counted < n {
            date = date.tomorrow().map_err(|_| CalendarError::OutOfRange)?;
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        // The days counted are those after `start`, up to the answer.
        let warnings = match start.tomorrow() {
            Ok(first) if n > 0 => self.provisional_years(first, date),
            _ => Vec::new(),
        };
        Ok(Counted {
            value: date,
            warnings,
        })
    }
}

mod statutory;

use statutory::{Statutory, StatutoryDate, StatutoryDay};

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;
    use rstest::rstest;

    const SHIPPED: &str = crate::testing::CALENDAR;

    fn cn() -> Calendar {
        Calendar::from_toml("cn-mainland.toml", SHIPPED).unwrap()
    }

    #[rstest]
    #[case::national_day_block("2026-09-30", 7, "2026-10-15")]
    #[case::adjusted_saturday_counts("2026-10-09", 1, "2026-10-10")]
    #[case::plain_week("2026-03-20", 3, "2026-03-25")]
    #[case::zero_is_the_same_day("2026-10-03", 0, "2026-10-03")]
    #[case::from_a_holiday("2026-10-03", 1, "2026-10-08")]
    #[case::spring_festival_2026("2026-02-13", 1, "2026-02-14")]
    #[case::spring_festival_2026_block("2026-02-14", 1, "2026-02-24")]
    #[case::new_year_2026_make_up_sunday("2025-12-31", 1, "2026-01-04")]
    #[case::after_the_make_up_sunday("2026-01-04", 1, "2026-01-05")]
    #[case::spring_festival_2025("2025-01-24", 1, "2025-01-26")]
    #[case::national_day_2025("2025-09-30", 1, "2025-10-09")]
    #[case::labour_day_2026("2026-04-30", 1, "2026-05-06")]
    fn adding_working_days_skips_holidays_and_counts_make_up_days(
        #[case] start: Date,
        #[case] n: u32,
        #[case] expected: Date,
    ) {
        let answer = cn().add_working_days(start, n).unwrap();
        assert_eq!(answer.value, expected);
        assert!(answer.warnings.is_empty());
    }

    #[test]
    fn the_adjusted_sunday_of_january_2026_is_a_working_day() {
        let cal = cn();
        assert!(cal.is_working_day(date(2026, 1, 4)));
        assert!(!cal.is_working_day(date(2026, 1, 2)));
        assert_eq!(
            cal.listed(date(2026, 1, 4)).map(|d| d.name.as_str()),
            Some("New Year's Day (adjusted working day)")
        );
    }

    #[test]
    fn counting_into_a_year_without_a_notice_skips_its_statutory_days_and_says_provisional() {
        // 31 Dec (Thu) is day 1, 1 Jan 2027 is New Year's Day, 4 Jan (Mon) day 2, 5 Jan day 3.
        let answer = cn().add_working_days(date(2026, 12, 30), 3).unwrap();
        assert_eq!(answer.value, date(2027, 1, 5));
        assert_eq!(
            answer.warnings,
            vec![Warning::CalendarYearProvisional {
                calendar: "cn-mainland".into(),
                year: 2027
            }]
        );
        let words = answer.warnings[0].to_string();
        assert!(
            words.starts_with("provisional:") && words.contains("2027"),
            "{words}"
        );
        assert!(matches!(
            answer.warnings[0],
            Warning::CalendarYearProvisional { year: 2027, .. }
        ));
    }

    #[test]
    fn without_statutory_days_an_unlisted_year_counts_weekends_and_names_the_year() {
        let text = SHIPPED[..SHIPPED.find("\n[statutory]").unwrap()].to_owned()
            + &SHIPPED[SHIPPED.find("\n[[year]]").unwrap()..];
        let cal = Calendar::from_toml("cal.toml", &text).unwrap();
        let answer = cal.add_working_days(date(2026, 12, 30), 3).unwrap();
        assert_eq!(answer.value, date(2027, 1, 4));
        assert_eq!(
            answer.warnings,
            vec![Warning::CalendarYearMissing {
                calendar: "cn-mainland".into(),
                year: 2027
            }]
        );
        assert_eq!(cal.year(2027).source, YearSource::Missing);
    }

    #[rstest]
    // Requested on Tue 29 Dec 2026: 30 Dec, 31 Dec, then 1 Jan 2027 is off.
    #[case::new_year_2027("2026-12-29", 3, "2027-01-04")]
    // Thu 4 Feb 2027: the eve (Fri 5 Feb) and the first three days (6-8 Feb) are off.
    #[case::spring_festival_2027("2027-02-04", 3, "2027-02-11")]
    // Qingming 2027 is Mon 5 April.
    #[case::qingming_2027("2027-04-02", 1, "2027-04-06")]
    // Labour Day: Sat 1 and Sun 2 May 2027, no weekday off.
    #[case::labour_day_2027("2027-04-30", 1, "2027-05-03")]
    // Dragon Boat 2027: Wed 9 June.
    #[case::dragon_boat_2027("2027-06-08", 1, "2027-06-10")]
    // Mid-Autumn 2027: Wed 15 September.
    #[case::mid_autumn_2027("2027-09-14", 1, "2027-09-16")]
    // National Day: Fri 1 October 2027, then the weekend.
    #[case::national_day_2027("2027-09-30", 1, "2027-10-04")]
    // Mid-Autumn 2028 falls on 3 October, inside National Day: one day off, not two.
    #[case::mid_autumn_on_national_day_2028("2028-09-29", 1, "2028-10-04")]
    fn years_without_a_notice_count_the_statutory_days_off(
        #[case] start: Date,
        #[case] n: u32,
        #[case] expected: Date,
    ) {
        let answer = cn().add_working_days(start, n).unwrap();
        assert_eq!(answer.value, expected);
        assert!(!answer.warnings.is_empty());
        assert!(
            answer
                .warnings
                .iter()
                .all(|w| matches!(w, Warning::CalendarYearProvisional { .. }))
        );
    }

    #[test]
    fn the_statutory_days_computed_for_the_transcribed_years_are_days_off_in_their_notices() {
        // The computation and the State Council's notices must agree wherever both exist: every
        // statutory day the lunar calendar gives for 2025 and 2026 is a day off in the notice.
        let cal = cn();
        let statutory = cal.statutory.as_ref().unwrap();
        for year in [2025, 2026] {
            let computed = statutory.year(year).unwrap();
            // 13 days since the 2024 revision (two more than before: the eve and 2 May).
            assert_eq!(computed.len(), 13, "{year}: {computed:?}");
            for (day, listed) in computed {
                assert!(
                    !cal.is_working_day(*day),
                    "{day} ({}) is off in the notice",
                    listed.name
                );
            }
        }
    }

    #[test]
    fn a_year_shows_its_source_and_whether_it_is_provisional() {
        let cal = cn();
        let y2026 = cal.year(2026);
        assert!(matches!(&y2026.source, YearSource::Notice(s) if s.contains("2025-11-04")));
        assert!(!y2026.is_provisional());
        let y2027 = cal.year(2027);
        assert!(y2027.is_provisional());
        assert!(matches!(&y2027.source, YearSource::Statutory(s) if s.contains("2024 revision")));
        let names: Vec<(String, &str)> = y2027
            .days
            .iter()
            .map(|(d, l)| (d.to_string(), l.name.as_str()))
            .collect();
        assert_eq!(names[0], ("2027-01-01".into(), "New Year's Day"));
        assert_eq!(names[1], ("2027-02-05".into(), "Spring Festival"));
        assert_eq!(y2027.days.len(), 13);
        assert_eq!(
            cal.year(2028).days.len(),
            12,
            "Mid-Autumn on 3 October 2028"
        );
        assert_eq!(cal.year(2200).source, YearSource::Missing);
        assert_eq!(
            cal.listed(date(2027, 4, 5)).map(|d| d.name.as_str()),
            Some("Qingming Festival")
        );
    }

    #[test]
    fn working_days_between_is_the_inverse_of_adding_them() {
        let cal = cn();
        for (start, n) in [
            (date(2026, 9, 30), 7),
            (date(2026, 12, 29), 5),
            (date(2027, 2, 4), 3),
        ] {
            let end = cal.add_working_days(start, n).unwrap().value;
            assert_eq!(cal.working_days_between(start, end), n);
        }
    }

    #[test]
    fn the_shipped_calendar_matches_the_state_council_notices() {
        // The reference list the shop was given, transcribed into calendars/cn-mainland.toml.
        let reference = include_str!("../../../../calendars/sources/cn-mainland-holidays.tsv");
        let cal = cn();
        let mut rows = 0;
        for line in reference
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("date"))
        {
            let mut cols = line.split('\t');
            let day: Date = cols.next().unwrap().parse().unwrap();
            let kind = cols.next().unwrap();
            let name = cols.next().unwrap();
            let listed = cal.listed(day).unwrap_or_else(|| panic!("{day} missing"));
            assert_eq!(listed.name, name, "{day}");
            assert_eq!(listed.kind == DayKind::Work, kind == "work", "{day}");
            rows += 1;
        }
        assert_eq!(
            rows,
            cal.days.len(),
            "the calendar lists days the reference does not"
        );
        assert_eq!(cal.years().collect::<Vec<_>>(), vec![2025, 2026]);
    }

    #[rstest]
    #[case::bad_toml("name = \n", 1, "string values must be quoted")]
    #[case::unknown_field(
        "name = \"x\"\nweekend = []\nholidays = 1\n",
        3,
        "unknown field `holidays`"
    )]
    #[case::work_on_a_weekday(
        "name = \"x\"\nweekend = [\"saturday\", \"sunday\"]\n[[year]]\nyear = 2026\ndays = [\n  { date = 2026-10-08, kind = \"work\", name = \"x\" },\n]\n",
        6,
        "only weekend days"
    )]
    #[case::wrong_year(
        "name = \"x\"\nweekend = []\n[[year]]\nyear = 2025\ndays = [{ date = 2026-10-08, kind = \"off\", name = \"x\" }]\n",
        5,
        "listed under year 2025"
    )]
    #[case::not_a_date(
        "name = \"x\"\nweekend = []\n[[year]]\nyear = 2025\ndays = [{ date = 2025-02-30, kind = \"off\", name = \"x\" }]\n",
        5,
        ""
    )]
    #[case::bad_statutory_day(
        "name = \"x\"\nweekend = []\n[statutory]\nsource = \"s\"\ndays = [\n  { on = \"lunar 13-01\", name = \"x\" },\n]\n",
        6,
        "lunar date"
    )]
    #[case::unknown_solar_term(
        "name = \"x\"\nweekend = []\n[statutory]\nsource = \"s\"\ndays = [\n  { on = \"solar term tomb sweeping\", name = \"x\" },\n]\n",
        6,
        "not a solar term"
    )]
    #[case::bad_kind(
        "name = \"x\"\nweekend = []\n[[year]]\nyear = 2025\ndays = [{ date = 2025-02-03, kind = \"holiday\", name = \"x\" }]\n",
        5,
        "unknown variant `holiday`"
    )]
    fn bad_calendar_files_are_refused_with_the_line(
        #[case] text: &str,
        #[case] line: usize,
        #[case] fragment: &str,
    ) {
        let err = Calendar::from_toml("cal.toml", text).unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(line), "{err}");
        assert!(
            err.to_string().starts_with(&format!("cal.toml:{line}:")),
            "{err}"
        );
        assert!(err.message.contains(fragment), "{err}");
    }

    proptest! {
        #[test]
        fn the_answer_is_a_working_day_with_exactly_n_working_days_after_the_start(
            offset in 0i32..900, n in 0u32..40
        ) {
            let cal = cn();
            let start = date(2025, 1, 1).checked_add(jiff::Span::new().days(offset)).unwrap();
            let end = cal.add_working_days(start, n).unwrap().value;
            prop_assert!(n == 0 || cal.is_working_day(end));
            let mut count = 0;
            let mut d = start;
            while d < end {
                d = d.tomorrow().unwrap();
                if cal.is_working_day(d) { count += 1; }
            }
            prop_assert_eq!(count, n);
        }

        #[test]
        fn more_working_days_never_give_an_earlier_date(offset in 0i32..700, n in 0u32..30) {
            let cal = cn();
            let start = date(2025, 1, 1).checked_add(jiff::Span::new().days(offset)).unwrap();
            let a = cal.add_working_days(start, n).unwrap().value;
            let b = cal.add_working_days(start, n + 1).unwrap().value;
            prop_assert!(b > a);
        }
    }

    #[test]
    fn absurd_counts_end_with_an_error_not_a_hang() {
        let cal = Calendar::weekends_only("w");
        assert_eq!(
            cal.add_working_days(date(9999, 12, 1), 1000),
            Err(CalendarError::OutOfRange)
        );
    }
}
