//! The shop's policy as versioned data.
//!
//! A policy file holds one or more versions, each with an `id`, an `effective_from` date and
//! every number and rule of the shop's documents, each rule tied to the clause it comes from.
//! Section VI of the documents says a change applies to orders placed after its effective date,
//! so an order is judged by the version in force when it was placed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::calendar::{Calendar, Warning};
use crate::money::{Currency, Money, Percent};
use crate::source::{Location, SourceError, TomlDate};

pub use rules::*;

mod rules;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionFile {
    id: Spanned<String>,
    effective_from: Spanned<TomlDate>,
    time_zone: Spanned<String>,
    calendar: Spanned<String>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(rename = "clause", default)]
    clauses: Vec<Spanned<Clause>>,
    deadlines: Deadlines,
    order: OrderRules,
    address: AddressRules,
    signing: SigningRules,
    returns: ReturnRules,
    inspection: InspectionRules,
    exchange: ExchangeRules,
    undeliverable: UndeliverableRules,
    customs: CustomsRules,
    buyback: BuybackRules,
    appeals: AppealRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFileToml {
    #[serde(rename = "version", default)]
    versions: Vec<Spanned<VersionFile>>,
}

/// One version of the policy, checked: every clause it cites exists, every number is in range.
#[derive(Debug, Clone)]
pub struct PolicyVersion {
    pub id: String,
    pub effective_from: Date,
    pub time_zone: TimeZone,
    pub time_zone_name: String,
    pub calendar: String,
    pub documents: Vec<String>,
    pub clauses: BTreeMap<String, Clause>,
    pub deadlines: Deadlines,
    pub order: OrderRules,
    pub address: AddressRules,
    pub signing: SigningRules,
    pub returns: ReturnRules,
    pub inspection: InspectionRules,
    pub exchange: ExchangeRules,
    pub undeliverable: UndeliverableRules,
    pub customs: CustomsRules,
    pub buyback: BuybackRules,
    pub appeals: AppealRules,
    calendar_at: Location,
}

impl PolicyVersion {
    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.get(id)
    }

    /// The moment this version starts: midnight of `effective_from` in its time zone.
    pub fn starts_at(&self) -> Option<Timestamp> {
        self.effective_from
            .to_zoned(self.time_zone.clone())
            .ok()
            .map(|z| z.timestamp())
    }

    /// The service times, by name.
    pub fn service_times(&self) -> impl Iterator<Item = (&'static str, &ServiceTime)> {
        self.deadlines.all().into_iter()
    }

    fn clause_refs(&self) -> Vec<&ClauseRef> {
        let mut refs: Vec<&ClauseRef> = self
            .deadlines
            .all()
            .iter()
            .map(|(_, s)| &s.clause)
            .collect();
        let o = &self.order;
        refs.extend([
            &o.shortage_clause,
            &o.assembly_clause,
            &o.packing_clause,
            &o.shipping_clause,
            &o.tracking_clause,
            &self.address.clause,
            &self.signing.clause,
        ]);
        let r = &self.returns;
        refs.extend([
            &r.evidence_clause,
            &r.rma_clause,
            &r.review_clause,
            &r.condition_clause,
            &r.past_window_clause,
            &r.refund_clause,
            &r.return_costs_clause,
        ]);
        refs.extend(
            ReturnReason::ALL
                .iter()
                .map(|reason| &r.reason.get(*reason).clause),
        );
        refs.extend([
            &self.inspection.passed_clause,
            &self.inspection.failed_clause,
            &self.inspection.damaged_clause,
            &self.exchange.clause,
            &self.exchange.negotiable_clause,
            &self.undeliverable.clause,
            &self.undeliverable.address_clause,
            &self.customs.duties_clause,
            &self.customs.invoice_clause,
            &self.customs.refusal_clause,
            &self.customs.destroyed_clause,
        ]);
        let b = &self.buyback;
        refs.extend([
            &b.eligibility_clause,
            &b.quote_clause,
            &b.confirmation_clause,
            &b.return_first_clause,
            &b.serious_damage_clause,
            &self.appeals.filing_clause,
            &self.appeals.recheck_clause,
            &self.appeals.mediation_clause,
        ]);
        refs
    }
}

/// A checked policy file whose calendars are not attached yet.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    file: String,
    versions: Vec<PolicyVersion>,
}

impl PolicyFile {
    /// Parses and checks a policy file; `file` names it in error messages.
    pub fn parse(file: &str, text: &str) -> Result<PolicyFile, SourceError> {
        let raw: PolicyFileToml =
            toml::from_str(text).map_err(|e| SourceError::from_toml(file, text, &e))?;
        let at = |span: Range<usize>, msg: String| SourceError::at(file, text, Some(span), msg);
        if raw.versions.is_empty() {
            return Err(SourceError::at(
                file,
                text,
                None,
                "the policy has no [[version]]; it needs at least one",
            ));
        }
        let mut versions = Vec::new();
        let mut ids = BTreeSet::new();
        let mut starts = BTreeSet::new();
        for spanned in raw.versions {
            let version_span = spanned.span();
            let v = spanned.into_inner();
            let id = v.id.get_ref().trim().to_owned();
            if id.is_empty() {
                return Err(at(v.id.span(), "a version needs a non-empty `id`".into()));
            }
            if !ids.insert(id.clone()) {
                return Err(at(v.id.span(), format!("version id `{id}` is used twice")));
            }
            let effective_from = v.effective_from.get_ref().0;
            if !starts.insert(effective_from) {
                return Err(at(
                    v.effective_from.span(),
                    format!("two versions take effect on {effective_from}"),
                ));
            }
            let time_zone = TimeZone::get(v.time_zone.get_ref()).map_err(|_| {
                at(
                    v.time_zone.span(),
                    format!("`{}` is not a known IANA time zone", v.time_zone.get_ref()),
                )
            })?;
            if v.calendar.get_ref().trim().is_empty() {
                return Err(at(v.calendar.span(), "a version needs a `calendar`".into()));
            }
            let mut clauses = BTreeMap::new();
            for clause in v.clauses {
                let span = clause.span();
                let c = clause.into_inner();
                if c.id.trim().is_empty() || c.text.trim().is_empty() {
                    return Err(at(span, "a clause needs an `id` and a `text`".into()));
                }
                if clauses.contains_key(&c.id) {
                    return Err(at(span, format!("clause `{}` is defined twice", c.id)));
                }
                clauses.insert(c.id.clone(), c);
            }
            let version = PolicyVersion {
                id,
                effective_from,
                time_zone,
                time_zone_name: v.time_zone.get_ref().clone(),
                calendar_at: Location::of_span(text, &v.calendar.span()),
                calendar: v.calendar.into_inner(),
                documents: v.documents,
                clauses,
                deadlines: v.deadlines,
                order: v.order,
                address: v.address,
                signing: v.signing,
                returns: v.returns,
                inspection: v.inspection,
                exchange: v.exchange,
                undeliverable: v.undeliverable,
                customs: v.customs,
                buyback: v.buyback,
                appeals: v.appeals,
            };
            check_version(&version).map_err(|(span, msg)| at(span.unwrap_or(version_span), msg))?;
            versions.push(version);
        }
        versions.sort_by_key(|v| v.effective_from);
        Ok(PolicyFile {
            file: file.to_owned(),
            versions,
        })
    }

    /// The names of the calendars the versions count working days with.
    pub fn calendar_names(&self) -> BTreeSet<String> {
        self.versions.iter().map(|v| v.calendar.clone()).collect()
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[PolicyVersion] {
        &self.versions
    }
}

type Refusal = (Option<Range<usize>>, String);

fn check_version(v: &PolicyVersion) -> Result<(), Refusal> {
    for clause in v.clause_refs() {
        if !v.clauses.contains_key(clause.as_str()) {
            return Err((
                Some(clause.span()),
                format!(
                    "clause `{clause}` is cited but not defined in this version's [[version.clause]] list"
                ),
            ));
        }
    }
    for (name, time) in v.deadlines.all() {
        if !(1..=365).contains(&time.working_days) {
            return Err((
                Some(time.clause.span()),
                format!("deadlines.{name}: working_days must be 1 to 365"),
            ));
        }
        if time
            .usually_from
            .is_some_and(|from| from == 0 || from > time.working_days)
        {
            return Err((
                Some(time.clause.span()),
                format!("deadlines.{name}: usually_from must be 1 to working_days"),
            ));
        }
    }
    for reason in ReturnReason::ALL {
        let rule = v.returns.reason.get(reason);
        if rule.handling_fee > rule.product {
            return Err((
                Some(rule.clause.span()),
                format!(
                    "returns.reason.{}: the handling fee ({}) cannot exceed the product refund ({})",
                    serde_name(reason),
                    rule.handling_fee,
                    rule.product
                ),
            ));
        }
    }
    let b = &v.buyback;
    if b.min_percent > b.max_percent {
        return Err((
            Some(b.quote_clause.span()),
            format!(
                "buyback: min_percent ({}) is above max_percent ({})",
                b.min_percent, b.max_percent
            ),
        ));
    }
    for grade in [
        Grade::LikeNew,
        Grade::Good,
        Grade::Fair,
        Grade::Worn,
        Grade::Damaged,
    ] {
        if let GradeRule::Percent(p) = b.grade.get(grade)
            && (p < b.min_percent || p > b.max_percent)
        {
            return Err((
                Some(b.quote_clause.span()),
                format!(
                    "buyback.grade.{}: {p} is outside {}..{}",
                    serde_name(grade),
                    b.min_percent,
                    b.max_percent
                ),
            ));
        }
    }
    if !(1..=365).contains(&b.quote_valid_days) {
        return Err((
            Some(b.quote_clause.span()),
            "buyback.quote_valid_days must be 1 to 365".into(),
        ));
    }
    if v.signing.damage_report_hours == 0 {
        return Err((
            Some(v.signing.clause.span()),
            "signing.damage_report_hours must be above 0".into(),
        ));
    }
    for (code, price) in &v.exchange.negotiable_min_unit_price {
        let valid = Currency::parse(code)
            .ok()
            .and_then(|c| Money::parse(price, c).ok())
            .is_some_and(|m| !m.is_negative());
        if !valid {
            return Err((
                Some(v.exchange.negotiable_clause.span()),
                format!(
                    "exchange.negotiable_min_unit_price: `{code} = \"{price}\"` is not an ISO 4217 currency with an amount in it"
                ),
            ));
        }
    }
    if v.inspection.failed_options.is_empty() {
        return Err((
            Some(v.inspection.failed_clause.span()),
            "inspection.failed_options needs at least one choice for the customer".into(),
        ));
    }
    Ok(())
}

fn serde_name<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A policy ready to evaluate: its versions and the calendars they count working days with.
#[derive(Debug, Clone)]
pub struct Policy {
    versions: Vec<PolicyVersion>,
    calendars: BTreeMap<String, Calendar>,
}

impl Policy {
    /// Attaches the calendars a policy file names; refuses the file if one is missing.
    pub fn new(file: PolicyFile, calendars: Vec<Calendar>) -> Result<Policy, SourceError> {
        let calendars: BTreeMap<String, Calendar> = calendars
            .into_iter()
            .map(|c| (c.name().to_owned(), c))
            .collect();
        for v in &file.versions {
            if !calendars.contains_key(&v.calendar) {
                return Err(SourceError::at_location(
                    &file.file,
                    v.calendar_at,
                    format!("calendar `{}` was not found", v.calendar),
                ));
            }
        }
        Ok(Policy {
            versions: file.versions,
            calendars,
        })
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[PolicyVersion] {
        &self.versions
    }

    /// The version in force for an order placed at `placed_at`: the last one whose
    /// `effective_from` had begun, in its own time zone. An order placed before the first version
    /// is judged by the first, which covers every order since the shop opened (the documents carry
    /// no date), with a warning that says so.
    pub fn version_for(&self, placed_at: Timestamp) -> Option<(&PolicyVersion, Option<Warning>)> {
        if let Some(v) = self
            .versions
            .iter()
            .rev()
            .find(|v| v.starts_at().is_some_and(|start| start <= placed_at))
        {
            return Some((v, None));
        }
        let first = self.versions.first()?;
        Some((
            first,
            Some(Warning::BeforeFirstVersion {
                version: first.id.clone(),
                effective_from: first.effective_from,
            }),
        ))
    }

    /// The version an order placed at `placed_at` is judged by (see `version_for`).
    pub fn version_at(&self, placed_at: Timestamp) -> Option<&PolicyVersion> {
        self.version_for(placed_at).map(|(v, _)| v)
    }

    /// The version with this id.
    pub fn version(&self, id: &str) -> Option<&PolicyVersion> {
        self.versions.iter().find(|v| v.id == id)
    }

    /// The calendar a version counts working days with.
    pub fn calendar(&self, version: &PolicyVersion) -> Option<&Calendar> {
        self.calendars.get(&version.calendar)
    }

    /// Every calendar the versions count working days with.
    pub fn calendars(&self) -> impl Iterator<Item = &Calendar> {
        self.calendars.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const SHIPPED: &str = crate::testing::POLICY;

    fn line_of(text: &str, needle: &str) -> usize {
        let at = text.find(needle).expect("needle in text");
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn the_shipped_policy_is_valid_and_cites_only_defined_clauses() {
        let file = PolicyFile::parse("default.toml", SHIPPED).unwrap();
        let v = &file.versions()[0];
        assert_eq!(v.id, "2025-01");
        assert_eq!(v.effective_from, jiff::civil::date(2025, 1, 1));
        assert_eq!(v.time_zone_name, "Asia/Shanghai");
        assert_eq!(
            file.calendar_names().into_iter().collect::<Vec<_>>(),
            vec!["cn-mainland"]
        );
        assert!(
            v.clause_refs()
                .iter()
                .all(|c| v.clause(c.as_str()).is_some())
        );
    }

    #[test]
    fn the_shipped_policy_carries_the_documents_numbers() {
        let file = PolicyFile::parse("default.toml", SHIPPED).unwrap();
        let v = &file.versions()[0];
        let pct = |n| Percent::whole(n).unwrap();
        let r = &v.returns.reason;
        assert_eq!(r.quality_issue.window, Window::Days(14));
        assert_eq!(
            (
                r.quality_issue.original_shipping,
                r.quality_issue.return_costs
            ),
            (pct(50), pct(50))
        );
        assert_eq!(r.not_as_described.window, Window::Days(14));
        assert_eq!(r.wrong_item.window, Window::Days(14));
        assert_eq!(r.wrong_item.return_costs, pct(100));
        assert_eq!(r.transport_damage.window, Window::Hours(48));
        assert_eq!(
            r.transport_damage.noted_at_signing_window,
            Some(Window::Days(14))
        );
        assert_eq!(r.other.window, Window::Days(30));
        assert_eq!(
            (
                r.other.product,
                r.other.handling_fee,
                r.other.original_shipping
            ),
            (pct(100), pct(10), pct(0))
        );
        assert!(v.returns.evidence_required && v.returns.rma_required);
        let days: Vec<(&str, u32)> = v
            .service_times()
            .map(|(n, s)| (n, s.working_days))
            .collect();
        assert_eq!(
            days,
            vec![
                ("order_processing", 3),
                ("return_review", 3),
                ("return_inspection", 7),
                ("refund_grant", 2),
                ("refund_arrival", 15),
                ("buyback_quote", 3),
                ("buyback_payment", 5),
                ("appeal_filing", 7),
                ("appeal_recheck", 5),
                ("returned_parcel_contact", 3),
                ("first_reply", 1)
            ]
        );
        let b = &v.buyback;
        assert_eq!((b.min_percent, b.max_percent), (pct(30), pct(70)));
        assert_eq!(b.grade.get(Grade::LikeNew), GradeRule::Percent(pct(70)));
        assert_eq!(b.grade.get(Grade::Damaged), GradeRule::ManualReview);
        assert!(!v.address.po_box_allowed);
        assert_eq!(v.signing.damage_report_hours, 48);
        assert!(!v.inspection.failed_refund && !v.customs.destroyed_refund);
        assert_eq!(v.exchange.negotiable_max_shipping_share, pct(5));
    }

    #[rstest]
    #[case::unknown_key(
        "handling_fee = 0\n",
        "handling_fee = 0\nbonus = 1\n",
        "bonus",
        "unknown field `bonus`"
    )]
    #[case::float_percentage(
        "original_shipping = 50\n",
        "original_shipping = 50.5\n",
        "original_shipping = 50.5",
        "floating-point"
    )]
    #[case::percentage_above_100(
        "return_costs = 50\n",
        "return_costs = 150\n",
        "return_costs = 150",
        "between 0 and 100"
    )]
    #[case::misspelt_clause(
        "clause = \"III.1.wrong_item\"",
        "clause = \"III.1.wrongitem\"",
        "\"III.1.wrongitem\"",
        "not defined"
    )]
    #[case::bad_time_zone(
        "time_zone = \"Asia/Shanghai\"",
        "time_zone = \"Asia/Beijing\"",
        "\"Asia/Beijing\"",
        "IANA time zone"
    )]
    #[case::window_with_both_units(
        "window = { hours = 48 }",
        "window = { hours = 48, days = 2 }",
        "{ hours = 48, days = 2 }",
        "either"
    )]
    #[case::handling_fee_above_product(
        "handling_fee = 10\n",
        "handling_fee = 110\n",
        "handling_fee = 110",
        "between 0 and 100"
    )]
    #[case::zero_working_days(
        "appeal_recheck = { working_days = 5",
        "appeal_recheck = { working_days = 0",
        "\"IV.recheck\"",
        "working_days must be 1 to 365"
    )]
    #[case::usual_range_upside_down(
        "refund_arrival = { working_days = 15, usually_from = 5",
        "refund_arrival = { working_days = 15, usually_from = 20",
        "\"III.3.refund_channel\"",
        "usually_from must be 1 to working_days"
    )]
    #[case::grade_outside_range(
        "worn = 40",
        "worn = 20",
        "\"buyback.quote\"\nconfirmation",
        "outside 30%..70%"
    )]
    #[case::bad_effective_date(
        "effective_from = 2025-01-01",
        "effective_from = 2025-02-30",
        "2025-02-30",
        ""
    )]
    #[case::date_with_time(
        "effective_from = 2025-01-01",
        "effective_from = 2025-01-01T00:00:00",
        "2025-01-01T00:00:00",
        "plain date"
    )]
    #[case::negative_working_days(
        "order_processing = { working_days = 3",
        "order_processing = { working_days = -3",
        "working_days = -3",
        "expected u32"
    )]
    #[case::bad_grade_text(
        "damaged = \"manual_review\"",
        "damaged = \"ask\"",
        "\"ask\"",
        "percentage"
    )]
    fn bad_policy_files_are_refused_with_file_line_and_reason(
        #[case] from: &str,
        #[case] to: &str,
        #[case] at: &str,
        #[case] fragment: &str,
    ) {
        assert!(SHIPPED.contains(from), "fixture: {from}");
        let text = SHIPPED.replacen(from, to, 1);
        let err = PolicyFile::parse("policies/bad.toml", &text).unwrap_err();
        let shown = err.to_string();
        assert_eq!(err.file, "policies/bad.toml");
        assert_eq!(
            err.location.map(|l| l.line),
            Some(line_of(&text, at)),
            "{shown}"
        );
        assert!(
            shown.starts_with(&format!("policies/bad.toml:{}:", line_of(&text, at))),
            "{shown}"
        );
        assert!(err.message.contains(fragment), "{shown}");
        assert!(!shown.contains('\n'), "one line: {shown}");
    }

    #[test]
    fn a_missing_section_is_named() {
        let start = SHIPPED.find("[version.appeals]").unwrap();
        let end = SHIPPED[start..].find("\n\n").unwrap() + start;
        let text = format!("{}{}", &SHIPPED[..start], &SHIPPED[end..]);
        let err = PolicyFile::parse("p.toml", &text).unwrap_err();
        assert!(err.message.contains("missing field `appeals`"), "{err}");
        assert!(err.location.is_some(), "{err}");
    }

    #[test]
    fn two_versions_with_the_same_id_or_date_are_refused() {
        let start = SHIPPED.find("\n[[version]]").unwrap();
        let same = format!("{SHIPPED}{}", &SHIPPED[start..]);
        let err = PolicyFile::parse("p.toml", &same).unwrap_err();
        assert!(err.message.contains("used twice"), "{err}");
        let same_date = format!(
            "{SHIPPED}{}",
            SHIPPED[start..].replace("id = \"2025-01\"", "id = \"b\"")
        );
        let err = PolicyFile::parse("p.toml", &same_date).unwrap_err();
        assert!(err.message.contains("take effect on 2025-01-01"), "{err}");
    }

    #[test]
    fn a_file_without_versions_is_refused() {
        let err = PolicyFile::parse("p.toml", "# nothing\n").unwrap_err();
        assert!(err.to_string().starts_with("p.toml: "), "{err}");
    }

    #[test]
    fn a_missing_calendar_is_reported_at_the_line_that_names_it() {
        let file = PolicyFile::parse("default.toml", SHIPPED).unwrap();
        let err = Policy::new(file, vec![]).unwrap_err();
        assert_eq!(
            err.location.map(|l| l.line),
            Some(line_of(SHIPPED, "calendar = \"cn-mainland\""))
        );
        assert!(err.message.contains("cn-mainland"));
    }

    #[test]
    fn versions_apply_from_midnight_of_their_date_in_their_time_zone() {
        let start = SHIPPED.find("\n[[version]]").unwrap();
        let second = SHIPPED[start..]
            .replace("id = \"2025-01\"", "id = \"2026-06\"")
            .replace("effective_from = 2025-01-01", "effective_from = 2026-06-01");
        // Written newest first on purpose: order in the file does not matter.
        let text = format!("{}{second}{}", &SHIPPED[..start], &SHIPPED[start..]);
        let file = PolicyFile::parse("p.toml", &text).unwrap();
        let policy = Policy::new(file, vec![Calendar::weekends_only("cn-mainland")]).unwrap();
        let at = |s: &str| policy.version_at(s.parse().unwrap()).map(|v| v.id.as_str());
        assert_eq!(at("2026-05-31T15:59:59Z"), Some("2025-01"));
        assert_eq!(at("2026-05-31T16:00:00Z"), Some("2026-06"));
        // Before the first version: judged by it, with a warning.
        assert_eq!(at("2024-12-31T15:59:59Z"), Some("2025-01"));
        let (_, warning) = policy
            .version_for("2020-03-01T00:00:00Z".parse().unwrap())
            .unwrap();
        assert!(matches!(warning, Some(Warning::BeforeFirstVersion { .. })));
        assert!(
            policy
                .version_for("2025-03-01T00:00:00Z".parse().unwrap())
                .unwrap()
                .1
                .is_none()
        );
        assert_eq!(at("2024-12-31T16:00:00Z"), Some("2025-01"));
    }
}
