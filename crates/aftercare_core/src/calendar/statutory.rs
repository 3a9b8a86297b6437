//! The statutory days off of a calendar's `[statutory]` table (Gregorian dates, lunar dates, the
//! lunar new year's eve, solar terms), computed for any year on demand.

use super::*;

/// The statutory days off, and each year's computed days, filled in when first asked for: a year
/// takes about half a millisecond to compute, and a server asks for very few.
#[derive(Debug, Clone)]
pub(super) struct Statutory {
    pub(super) source: String,
    pub(super) days: Vec<StatutoryDay>,
    pub(super) computed: Arc<[OnceLock<BTreeMap<Date, ListedDay>>]>,
}

/// Where a statutory day off falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StatutoryDate {
    Gregorian { month: i8, day: i8 },
    Lunar { month: u8, day: u8 },
    LunarNewYearsEve,
    SolarTerm(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StatutoryDay {
    pub(super) on: StatutoryDate,
    pub(super) days: u8,
    pub(super) name: String,
}

/// The solar terms in `tyme4rs`'s order (from the winter solstice), by their pinyin names.
pub(super) const SOLAR_TERMS: [&str; 24] = [
    "dongzhi",
    "xiaohan",
    "dahan",
    "lichun",
    "yushui",
    "jingzhe",
    "chunfen",
    "qingming",
    "guyu",
    "lixia",
    "xiaoman",
    "mangzhong",
    "xiazhi",
    "xiaoshu",
    "dashu",
    "liqiu",
    "chushu",
    "bailu",
    "qiufen",
    "hanlu",
    "shuangjiang",
    "lidong",
    "xiaoxue",
    "daxue",
];

impl StatutoryDate {
    pub(super) fn parse(text: &str) -> Result<StatutoryDate, String> {
        let text = text.trim();
        let month_day = |md: &str| -> Option<(u8, u8)> {
            let (m, d) = md.trim().split_once('-')?;
            Some((m.parse().ok()?, d.parse().ok()?))
        };
        if text == "lunar new year's eve" {
            return Ok(StatutoryDate::LunarNewYearsEve);
        }
        if let Some(term) = text.strip_prefix("solar term ") {
            return SOLAR_TERMS
                .iter()
                .position(|t| *t == term.trim())
                .map(StatutoryDate::SolarTerm)
                .ok_or_else(|| {
                    format!(
                        "`{}` is not a solar term; use one of {}",
                        term.trim(),
                        SOLAR_TERMS.join(", ")
                    )
                });
        }
        if let Some(md) = text.strip_prefix("lunar ") {
            return match month_day(md) {
                Some((month, day)) if (1..=12).contains(&month) && (1..=29).contains(&day) => {
                    Ok(StatutoryDate::Lunar { month, day })
                }
                _ => Err(format!(
                    "`{text}`: a lunar date is \"lunar MM-DD\" with a month 1 to 12 and a day 1 to 29 (every lunar month has 29 days)"
                )),
            };
        }
        match month_day(text) {
            Some((month, day)) if jiff::civil::Date::new(2024, month as i8, day as i8).is_ok() => {
                Ok(StatutoryDate::Gregorian {
                    month: month as i8,
                    day: day as i8,
                })
            }
            _ => Err(format!(
                "`{text}` is not \"MM-DD\", \"lunar MM-DD\", \"lunar new year's eve\" or \"solar term NAME\""
            )),
        }
    }

    /// The Gregorian date this day falls on in `year`, for years in `STATUTORY_YEARS`.
    pub(super) fn in_year(self, year: i16) -> Option<Date> {
        use tyme4rs::tyme::lunar::LunarDay;
        use tyme4rs::tyme::solar::{SolarDay, SolarTerm};
        let to_date = |d: SolarDay| {
            Date::new(
                i16::try_from(d.get_year()).ok()?,
                i8::try_from(d.get_month()).ok()?,
                i8::try_from(d.get_day()).ok()?,
            )
            .ok()
        };
        let lunar = |month: u8, day: u8| {
            LunarDay::new(isize::from(year), isize::from(month), usize::from(day))
                .ok()
                .and_then(|d| to_date(d.get_solar_day()))
        };
        match self {
            StatutoryDate::Gregorian { month, day } => Date::new(year, month, day).ok(),
            StatutoryDate::Lunar { month, day } => lunar(month, day),
            StatutoryDate::LunarNewYearsEve => lunar(1, 1)?.yesterday().ok(),
            StatutoryDate::SolarTerm(index) => to_date(
                SolarTerm::from_index(isize::from(year), isize::try_from(index).ok()?)
                    .get_solar_day(),
            ),
        }
    }
}

impl Statutory {
    pub(super) fn year(&self, year: i16) -> Option<&BTreeMap<Date, ListedDay>> {
        if !STATUTORY_YEARS.contains(&year) {
            return None;
        }
        let slot = self
            .computed
            .get(usize::try_from(year - STATUTORY_YEARS.start()).ok()?)?;
        Some(slot.get_or_init(|| {
            let mut days: BTreeMap<Date, ListedDay> = BTreeMap::new();
            for rule in &self.days {
                let Some(first) = rule.on.in_year(year) else {
                    continue;
                };
                let mut date = first;
                for _ in 0..rule.days {
                    // Two festivals on one day (Mid-Autumn on 3 October) are one day off: the
                    // regulation gives no rule for it, and only the notice would add another.
                    days.entry(date)
                        .and_modify(|d| {
                            if !d.name.contains(&rule.name) {
                                d.name = format!("{} and {}", d.name, rule.name);
                            }
                        })
                        .or_insert_with(|| ListedDay {
                            kind: DayKind::Off,
                            name: rule.name.clone(),
                        });
                    match date.tomorrow() {
                        Ok(next) => date = next,
                        Err(_) => break,
                    }
                }
            }
            days
        }))
    }
}
