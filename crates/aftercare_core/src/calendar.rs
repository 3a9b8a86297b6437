//! Working-day calendars: weekends plus per-year lists of holidays and adjusted working days.
//!
//! No calendar crate handles mainland China's make-up working days safely, so calendars are data
//! the shop edits (`calendars/*.toml`). A computation that reaches a year the file does not list
//! still answers, counting weekends only, and says which year is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::CalendarYearMissing { calendar, year } => write!(
                f,
                "calendar `{calendar}` has no holidays or adjusted working days for {year}: \
                 working days in {year} were counted as Monday to Friday only; add {year} to the calendar file"
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

/// A working-day calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    name: String,
    weekend: BTreeSet<WeekdayName>,
    days: BTreeMap<Date, ListedDay>,
    years: BTreeSet<i16>,
}

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
    #[serde(rename = "year", default)]
    years: Vec<Spanned<YearFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: i16,
    #[serde(default)]
    #[expect(dead_code, reason = "documentation for people reading the file")]
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
        let mut years = BTreeSet::new();
        let mut days = BTreeMap::new();
        for year in &raw.years {
            let y = year.get_ref();
            if !years.insert(y.year) {
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
        Ok(Calendar {
            name: raw.name.into_inner(),
            weekend: raw.weekend.into_iter().collect(),
            days,
            years,
        })
    }

    /// A calendar with weekends only and no year data, for tests and as a last resort.
    pub fn weekends_only(name: &str) -> Calendar {
        Calendar {
            name: name.to_owned(),
            weekend: [WeekdayName::Saturday, WeekdayName::Sunday].into(),
            days: BTreeMap::new(),
            years: BTreeSet::new(),
        }
    }

    /// The calendar's name, as policies refer to it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The years the file lists holidays for.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.years.iter().copied()
    }

    /// The listed holiday or adjusted working day on a date, if any.
    pub fn listed(&self, date: Date) -> Option<&ListedDay> {
        self.days.get(&date)
    }

    /// True when the shop works on `date`.
    pub fn is_working_day(&self, date: Date) -> bool {
        match self.days.get(&date) {
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
        let mut missing = BTreeSet::new();
        // A weekend-only calendar still has at least one working day per week, so this loop
        // ends; the date range check stops absurd `n` at year 9999.
        while counted < n {
            date = date.tomorrow().map_err(|_| CalendarError::OutOfRange)?;
            if !self.years.contains(&date.year()) {
                missing.insert(date.year());
            }
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        let warnings = missing
            .into_iter()
            .map(|year| Warning::CalendarYearMissing {
                calendar: self.name.clone(),
                year,
            })
            .collect();
        Ok(Counted {
            value: date,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;
    use rstest::rstest;

    const SHIPPED: &str = include_str!("../../../calendars/cn-mainland.toml");

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
    fn counting_into_an_unlisted_year_answers_with_weekends_and_names_the_year() {
        let answer = cn().add_working_days(date(2026, 12, 30), 3).unwrap();
        // 31 Dec (Thu) is day 1, 1 Jan 2027 (Fri, not listed) day 2, 4 Jan (Mon) day 3.
        assert_eq!(answer.value, date(2027, 1, 4));
        assert_eq!(
            answer.warnings,
            vec![Warning::CalendarYearMissing {
                calendar: "cn-mainland".into(),
                year: 2027
            }]
        );
        assert!(answer.warnings[0].to_string().contains("2027"));
    }

    #[test]
    fn the_shipped_calendar_matches_the_state_council_notices() {
        // The reference list the shop was given, transcribed into calendars/cn-mainland.toml.
        let reference = include_str!("../../../calendars/sources/cn-mainland-holidays.tsv");
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
