//! The customers' languages: what is said to a customer is kept as a message id with its
//! arguments (a [`Said`]), and put into words only when it is shown, in the language of whoever
//! reads it. The words live in Project Fluent files, one per language and part of the product
//! (the evaluator's reasons here, the portal's and the e-mails' in their own crates); amounts and
//! dates are formatted for the language.
//!
//! The staff console stays English: staff read the same ids in English.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::money::{Money, Percent};

/// A language the portal, the customers' e-mails and the policy's reasons are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
    ZhHans,
}

impl Lang {
    /// Every language, English (the one every other is checked against) first.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::Fr, Lang::De, Lang::ZhHans];

    /// The BCP 47 tag: `lang` attributes, the cookie, the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::ZhHans => "zh-Hans",
        }
    }

    /// The language's own name for itself, as a language switch lists it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::ZhHans => "简体中文",
        }
    }

    /// The language a tag asks for, by its primary subtag: `fr-CA` is French, `zh`, `zh-CN`
    /// and `zh-Hans-SG` are Simplified Chinese. Traditional Chinese (`zh-Hant`, `zh-TW`,
    /// `zh-HK`, `zh-MO`) is not written, so it is not taken for Simplified.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.contains(&"hans");
                (simplified || !traditional).then_some(Lang::ZhHans)
            }
            _ => None,
        }
    }

    /// The best language for an `Accept-Language` header (RFC 9110 §12.5.4): the first written
    /// language in the order of the header's weights; English when none is.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut asked: Vec<(u16, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                    .map_or(Some(1000), quality)?;
                (weight > 0 && !tag.is_empty()).then_some((weight, i, tag))
            })
            .collect();
        asked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        asked
            .into_iter()
            .find_map(|(_, _, tag)| Lang::parse(tag))
            .unwrap_or_default()
    }

    /// An amount with the language's separators and the currency's code after an ordinary
    /// space, which the text and HTML e-mails and PDF slips all keep: `1,234.50 USD`,
    /// `1.234,50 USD`, `1 234,50 USD`, `USD 1,234.50`.
    pub fn amount(self, money: Money) -> String {
        let text = money.amount_text();
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let number = format!("{sign}{}", self.number(whole, fraction));
        let code = money.currency().code();
        match self {
            Lang::ZhHans => format!("{code} {number}"),
            _ => format!("{number} {code}"),
        }
    }

    /// A percentage: `30%`, `30 %` (German, Spanish, French with its narrow space), `12,5 %`.
    pub fn percent(self, percent: Percent) -> String {
        let text = percent.to_string();
        let value = text.trim_end_matches('%');
        let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
        let number = self.number(whole, fraction);
        match self {
            Lang::En | Lang::ZhHans => format!("{number}%"),
            Lang::Fr => format!("{number}\u{202f}%"),
            Lang::Es | Lang::De => format!("{number}\u{a0}%"),
        }
    }

    /// A whole number grouped for the language, with its decimals after the language's mark.
    fn number(self, whole: &str, fraction: &str) -> String {
        let (group, decimal, min_grouping) = match self {
            Lang::En | Lang::ZhHans => (",", ".", 1),
            Lang::De => (".", ",", 1),
            // CLDR: Spanish groups only from five digits on ("1234", "12.345").
            Lang::Es => (".", ",", 2),
            Lang::Fr => ("\u{202f}", ",", 1),
        };
        let grouped = if whole.len() > 3 && whole.len() >= 3 + min_grouping {
            let mut out = String::with_capacity(whole.len() + whole.len() / 3 * 3);
            for (i, c) in whole.chars().enumerate() {
                if i > 0 && (whole.len() - i).is_multiple_of(3) {
                    out.push_str(group);
                }
                out.push(c);
            }
            out
        } else {
            whole.to_owned()
        };
        if fraction.is_empty() {
            grouped
        } else {
            format!("{grouped}{decimal}{fraction}")
        }
    }

    /// A day as the language writes it in full: `24 March 2027`, `24. März 2027`,
    /// `1er mars 2027`, `24 de marzo de 2027`, `2027年3月24日`.
    pub fn date(self, date: Date) -> String {
        let (y, m, d) = (date.year(), date.month(), date.day());
        let month = usize::try_from(m - 1).unwrap_or(0) % 12;
        match self {
            Lang::En => format!("{d} {} {y}", MONTHS_EN[month]),
            Lang::De => format!("{d}. {} {y}", MONTHS_DE[month]),
            Lang::Fr if d == 1 => format!("1er {} {y}", MONTHS_FR[month]),
            Lang::Fr => format!("{d} {} {y}", MONTHS_FR[month]),
            Lang::Es => format!("{d} de {} de {y}", MONTHS_ES[month]),
            Lang::ZhHans => format!("{y}年{m}月{d}日"),
        }
    }

    /// A day and a time of day on the 24-hour clock.
    pub fn date_time(self, at: DateTime) -> String {
        let day = self.date(at.date());
        let time = format!("{:02}:{:02}", at.hour(), at.minute());
        match self {
            Lang::En => format!("{day} at {time}"),
            Lang::De => format!("{day} um {time}"),
            Lang::Fr => format!("{day} à {time}"),
            Lang::Es => format!("{day} a las {time}"),
            Lang::ZhHans => format!("{day} {time}"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        Lang::parse(&tag).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{tag}` is not one of the languages: en, es, fr, de, zh-Hans"
            ))
        })
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// An `Accept-Language` weight in thousandths; `None` when it is not one.
fn quality(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// One thing said to a customer: the message's id and its arguments, kept as data so that it
/// can be put into words in any language, now or when it is read again later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Said {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl Said {
    pub fn new(id: &str) -> Said {
        Said {
            id: id.to_owned(),
            args: BTreeMap::new(),
        }
    }

    /// A message with its arguments, by name.
    pub fn with_args(id: &str, args: &[(&str, Arg)]) -> Said {
        Said {
            id: id.to_owned(),
            args: args
                .iter()
                .map(|(name, arg)| ((*name).to_owned(), arg.clone()))
                .collect(),
        }
    }

    /// The message with one more argument.
    #[must_use]
    pub fn with(mut self, name: &str, arg: impl Into<Arg>) -> Said {
        self.args.insert(name.to_owned(), arg.into());
        self
    }
}

/// A message without arguments, by its id.
impl From<&str> for Said {
    fn from(id: &str) -> Said {
        Said::new(id)
    }
}

/// An argument of a message, formatted for the reader's language when the message is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    /// Words shown as they are (an item's SKU, a time zone's name) or a choice a message
    /// selects its wording by.
    Text(String),
    /// A number; messages choose their plural forms by it.
    Count(i64),
    Amount(Money),
    Percent(Percent),
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    Date(Date),
    /// A local day and time of day, `2026-03-10T15:00:00`: no offset, so not an RFC 3339
    /// date-time; its zone is named beside it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    Time(DateTime),
    /// Another message, by its id, put into words in the same language.
    Message(String),
}

impl Arg {
    /// A yes-or-no choice a message selects its wording by (`[yes]` / `*[no]`).
    pub fn yes_no(yes: bool) -> Arg {
        Arg::Text(if yes { "yes" } else { "no" }.to_owned())
    }
}

/// A date a sentence may give ("… by 24 March 2026"): `has_date` for the message to choose its
/// wording by, since a step recorded without its date still deserves a whole sentence, and
/// `date`.
pub fn dated(date: Option<Date>) -> [(&'static str, Arg); 2] {
    [
        ("has_date", Arg::yes_no(date.is_some())),
        (
            "date",
            date.map_or_else(|| Arg::Text(String::new()), Arg::Date),
        ),
    ]
}

impl From<Money> for Arg {
    fn from(m: Money) -> Arg {
        Arg::Amount(m)
    }
}

impl From<Percent> for Arg {
    fn from(p: Percent) -> Arg {
        Arg::Percent(p)
    }
}

impl From<Date> for Arg {
    fn from(d: Date) -> Arg {
        Arg::Date(d)
    }
}

impl From<DateTime> for Arg {
    fn from(t: DateTime) -> Arg {
        Arg::Time(t)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Count(n)
    }
}

impl From<usize> for Arg {
    /// Counts in messages are small; one beyond `i64` would read as the largest.
    fn from(n: usize) -> Arg {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Count(i64::from(n))
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Arg {
        Arg::Text(t.to_owned())
    }
}

impl From<String> for Arg {
    fn from(t: String) -> Arg {
        Arg::Text(t)
    }
}

/// The messages of a part of the product in every language.
pub struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    /// The sources as given (embedded in the binary), read again only by the completeness
    /// checks.
    sources: Vec<(Lang, &'static str)>,
    problems: Vec<String>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .field("problems", &self.problems)
            .finish()
    }
}

impl Catalog {
    /// A catalog of Fluent sources, each given with its language; a language may have several.
    /// A source that does not parse, or an id given twice, is kept as a problem (see
    /// [`Catalog::problems`]), and the rest of the source still serves.
    pub fn new(sources: &[(Lang, &'static str)]) -> Catalog {
        let mut problems = Vec::new();
        let bundles = Lang::ALL
            .iter()
            .map(|&lang| {
                let id = lang
                    .tag()
                    .parse::<unic_langid::LanguageIdentifier>()
                    .unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks (U+2068, U+2069) would end up in e-mail subjects and in
                // the pages' text, where every argument is plain text anyway.
                bundle.set_use_isolating(false);
                for (_, source) in sources.iter().filter(|(l, _)| *l == lang) {
                    let resource = match FluentResource::try_new((*source).to_owned()) {
                        Ok(r) => r,
                        Err((r, errors)) => {
                            problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
                            r
                        }
                    };
                    if let Err(errors) = bundle.add_resource(resource) {
                        problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
                    }
                }
                (lang, bundle)
            })
            .collect();
        Catalog {
            bundles,
            sources: sources.to_vec(),
            problems,
        }
    }

    /// Each language's messages and the variables each one uses, read from the sources.
    fn variables(&self) -> BTreeMap<Lang, BTreeMap<String, BTreeSet<String>>> {
        let mut variables: BTreeMap<Lang, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        for (lang, source) in &self.sources {
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
            let seen = variables.entry(*lang).or_default();
            for entry in resource.entries() {
                if let ast::Entry::Message(m) = entry {
                    let mut used = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_variables(p, &mut used);
                    }
                    seen.insert(m.id.name.to_owned(), used);
                }
            }
        }
        variables
    }

    /// What did not parse or was given twice; empty for a sound catalog.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Where a language differs from English: an id English has and it lacks (or the other way
    /// round), or a message that uses other variables than English's. Empty when every language
    /// says everything English says.
    pub fn differences(&self) -> Vec<String> {
        let variables = self.variables();
        let empty = BTreeMap::new();
        let english = variables.get(&Lang::En).unwrap_or(&empty);
        let mut out = Vec::new();
        for lang in Lang::ALL.into_iter().skip(1) {
            let theirs = variables.get(&lang).unwrap_or(&empty);
            for (id, vars) in english {
                match theirs.get(id) {
                    None => out.push(format!("{lang}: `{id}` is missing")),
                    Some(v) if v != vars => out.push(format!(
                        "{lang}: `{id}` uses {v:?} where English uses {vars:?}"
                    )),
                    Some(_) => {}
                }
            }
            for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
                out.push(format!("{lang}: `{id}` is not an English message"));
            }
        }
        out
    }

    /// The ids of the English messages.
    pub fn ids(&self) -> Vec<String> {
        self.variables()
            .remove(&Lang::En)
            .map(|m| m.into_keys().collect())
            .unwrap_or_default()
    }

    /// Whether English has this message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle(Lang::En).is_some_and(|b| b.has_message(id))
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }

    /// A message without arguments.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.say(lang, &Said::new(id))
    }

    /// A message in a language; in English when that language lacks it (the completeness test
    /// keeps that from shipping), and its id when English lacks it too.
    pub fn say(&self, lang: Lang, said: &Said) -> String {
        match self.render(lang, said) {
            Ok(text) => text,
            Err(_) if lang != Lang::En => self.say(Lang::En, said),
            Err(_) => said.id.clone(),
        }
    }

    /// A message in a language, or what went wrong: the id is missing, or an argument the
    /// message uses was not given.
    pub fn render(&self, lang: Lang, said: &Said) -> Result<String, Vec<String>> {
        let bundle = self
            .bundle(lang)
            .ok_or_else(|| vec![format!("{lang} is not loaded")])?;
        let pattern = bundle
            .get_message(&said.id)
            .and_then(|m| m.value())
            .ok_or_else(|| vec![format!("{lang}: no message `{}`", said.id)])?;
        let mut args = FluentArgs::new();
        for (name, arg) in &said.args {
            let value = match arg {
                Arg::Text(t) => FluentValue::from(t.as_str()),
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Amount(m) => FluentValue::from(lang.amount(*m)),
                Arg::Percent(p) => FluentValue::from(lang.percent(*p)),
                Arg::Date(d) => FluentValue::from(lang.date(*d)),
                Arg::Time(t) => FluentValue::from(lang.date_time(*t)),
                Arg::Message(id) => FluentValue::from(self.render(lang, &Said::new(id))?),
            };
            args.set(name.as_str(), value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(errors
                .iter()
                .map(|e| format!("{lang}: `{}`: {e}", said.id))
                .collect())
        }
    }
}

/// The variables a pattern refers to, in its text and in every variant of its selections.
fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        _ => {}
    }
}

/// The Fluent sources `locales/<lang>/<name>.ftl` of the crate that names them, one for each
/// language of [`Lang::ALL`], embedded in the binary: what [`Catalog::new`] takes. Every crate
/// keeps its words in that layout, so adding a language is one line here.
#[macro_export]
macro_rules! locales {
    ($name:literal) => {
        [
            $crate::locales!(@one En, "en", $name),
            $crate::locales!(@one Es, "es", $name),
            $crate::locales!(@one Fr, "fr", $name),
            $crate::locales!(@one De, "de", $name),
            $crate::locales!(@one ZhHans, "zh-Hans", $name),
        ]
    };
    (@one $lang:ident, $tag:literal, $name:literal) => {
        (
            $crate::i18n::Lang::$lang,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/locales/",
                $tag,
                "/",
                $name,
                ".ftl"
            )),
        )
    };
}

/// The policy's reasons in every language: what the evaluator says, by id.
pub fn reasons() -> &'static Catalog {
    static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::new(&crate::locales!("reasons")));
    &CATALOG
}

/// Why a command was refused, in every language: what `Refusal` says, by id.
pub fn refusals() -> &'static Catalog {
    static CATALOG: LazyLock<Catalog> =
        LazyLock::new(|| Catalog::new(&crate::locales!("refusals")));
    &CATALOG
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use rstest::rstest;

    #[rstest]
    #[case("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", Lang::Fr)]
    #[case("en-US,en;q=0.9", Lang::En)]
    #[case("de;q=0.5, es;q=0.8", Lang::Es)]
    #[case("zh-CN,zh;q=0.9", Lang::ZhHans)]
    #[case("zh-Hans-SG", Lang::ZhHans)]
    #[case("zh-TW, de;q=0.5", Lang::De)]
    #[case("zh-Hant-HK", Lang::En)]
    #[case("ja, it;q=0.9", Lang::En)]
    #[case("fr;q=0, es;q=0.1", Lang::Es)]
    #[case("fr;q=2, es", Lang::Es)]
    #[case("", Lang::En)]
    #[case(";;,,,q=", Lang::En)]
    fn the_browser_s_languages_choose_the_first_written_one(
        #[case] header: &str,
        #[case] expected: Lang,
    ) {
        assert_eq!(Lang::negotiate(header), expected);
    }

    #[test]
    fn every_tag_reads_back_as_its_language() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.tag()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
        assert!(serde_json::from_str::<Lang>("\"ja\"").is_err());
    }

    #[rstest]
    #[case(Lang::En, "1,234,567.50 USD", "24 March 2027", "12.5%")]
    #[case(Lang::De, "1.234.567,50 USD", "24. März 2027", "12,5\u{a0}%")]
    #[case(
        Lang::Fr,
        "1\u{202f}234\u{202f}567,50 USD",
        "24 mars 2027",
        "12,5\u{202f}%"
    )]
    #[case(Lang::Es, "1.234.567,50 USD", "24 de marzo de 2027", "12,5\u{a0}%")]
    #[case(Lang::ZhHans, "USD 1,234,567.50", "2027年3月24日", "12.5%")]
    fn amounts_dates_and_percentages_are_written_as_the_language_writes_them(
        #[case] lang: Lang,
        #[case] amount: &str,
        #[case] date: &str,
        #[case] percent: &str,
    ) {
        let usd = Currency::parse("USD").unwrap();
        assert_eq!(lang.amount(Money::from_minor(123_456_750, usd)), amount);
        assert_eq!(lang.date(jiff::civil::date(2027, 3, 24)), date);
        assert_eq!(lang.percent(Percent::parse("12.5").unwrap()), percent);
    }

    #[test]
    fn small_negative_and_whole_currency_amounts_keep_their_digits() {
        let usd = Currency::parse("USD").unwrap();
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(Lang::En.amount(Money::from_minor(-5, usd)), "-0.05 USD");
        assert_eq!(
            Lang::Es.amount(Money::from_minor(123_450, usd)),
            "1234,50 USD"
        );
        assert_eq!(
            Lang::Es.amount(Money::from_minor(1_234_550, usd)),
            "12.345,50 USD"
        );
        assert_eq!(Lang::De.amount(Money::from_minor(1_000, jpy)), "1.000 JPY");
        assert_eq!(
            Lang::Fr.date(jiff::civil::date(2027, 3, 1)),
            "1er mars 2027"
        );
        assert_eq!(
            Lang::De.date_time(jiff::civil::datetime(2027, 3, 1, 9, 5, 0, 0)),
            "1. März 2027 um 09:05"
        );
    }

    #[test]
    fn the_reasons_are_complete_in_every_language() {
        let catalog = reasons();
        assert_eq!(catalog.problems(), &[] as &[String]);
        assert_eq!(catalog.differences(), Vec::<String>::new());
        assert!(catalog.ids().len() > 20);
    }

    #[test]
    fn a_missing_message_or_argument_is_reported_and_falls_back_to_english() {
        let catalog = Catalog::new(&[
            (
                Lang::En,
                "hello = Hello { $name }!\nonly-english = Only English\n",
            ),
            (Lang::Fr, "hello = Bonjour { $nom } !\n"),
        ]);
        assert!(catalog.problems().is_empty());
        let differences = catalog.differences();
        assert!(
            differences
                .iter()
                .any(|d| d.contains("fr: `only-english` is missing")),
            "{differences:?}"
        );
        assert!(
            differences
                .iter()
                .any(|d| d.contains("fr: `hello` uses {\"nom\"}")),
            "{differences:?}"
        );
        let hello = Said::new("hello").with("name", "Ana");
        assert!(catalog.render(Lang::Fr, &hello).is_err());
        assert_eq!(
            catalog.say(Lang::Fr, &Said::new("only-english")),
            "Only English"
        );
        assert_eq!(catalog.say(Lang::De, &Said::new("nothing")), "nothing");
        let broken = Catalog::new(&[(Lang::En, "= no id\n")]);
        assert!(!broken.problems().is_empty());
    }

    #[test]
    fn a_said_keeps_its_arguments_through_json() {
        let usd = Currency::parse("USD").unwrap();
        let said = Said::new("x")
            .with("amount", Money::from_minor(1250, usd))
            .with("on", jiff::civil::date(2027, 1, 2))
            .with("n", 3_i64)
            .with("reason", Arg::Message("reason-other".into()));
        let json = serde_json::to_value(&said).unwrap();
        assert_eq!(json["args"]["amount"]["amount"]["amount"], "12.50");
        assert_eq!(json["args"]["reason"]["message"], "reason-other");
        assert_eq!(serde_json::from_value::<Said>(json).unwrap(), said);
    }
}
