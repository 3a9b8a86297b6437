//! The console's policy page: every version with its effective date, time zone and calendar,
//! every clause in the documents' words, and a simulator that runs the evaluator on made-up
//! facts, exactly as `POST /api/v1/policy/evaluate` does, so staff can answer "what if" questions
//! and copy the facts into a ticket.

use aftercare_core::policy::{Grade, ReturnReason};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::pages::code;
use crate::pages::decision::DecisionView;
use crate::pages::extract::Staff;
use crate::pages::i18n::Words;
use crate::pages::{Nav, StepForm};
use crate::{PageError, Web};

struct VersionView {
    id: String,
    effective_from: String,
    time_zone: String,
    calendar: String,
    documents: Vec<String>,
    clauses: Vec<(String, String, String, String)>,
}

/// The simulator's inputs, kept to be shown again.
struct Simulation {
    placed_at: String,
    currency: String,
    /// SKU, unit price, quantity ordered, quantity asked for.
    lines: Vec<(String, String, String, String)>,
    shipping_paid: String,
    duties_paid: String,
    signed_at: String,
    damage_noted: bool,
    request: String,
    submitted_at: String,
    reason: String,
    evidence: bool,
    return_costs: String,
    grade: String,
    missing_accessories: String,
    original_packaging: bool,
    returned_at: String,
    return_processing_fee: String,
    goods_returned: bool,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation {
            placed_at: "2026-03-01T10:00".into(),
            currency: "USD".into(),
            lines: vec![
                ("LK-100".into(), "120.00".into(), "2".into(), "1".into()),
                ("LK-200".into(), "60.00".into(), "1".into(), "0".into()),
            ],
            shipping_paid: "30.00".into(),
            duties_paid: "15.00".into(),
            signed_at: "2026-03-10T15:00".into(),
            damage_noted: false,
            request: "return".into(),
            submitted_at: "2026-03-20T10:00".into(),
            reason: "quality_issue".into(),
            evidence: true,
            return_costs: "0.00".into(),
            grade: "good".into(),
            missing_accessories: "0".into(),
            original_packaging: true,
            returned_at: "2026-03-25T10:00".into(),
            return_processing_fee: "10.00".into(),
            goods_returned: false,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "console/policy.html")]
struct PolicyPage {
    nav: Nav,
    versions: Vec<VersionView>,
    sim: Simulation,
    requests: Vec<(&'static str, &'static str)>,
    reasons: Vec<(String, &'static str)>,
    grades: Vec<(String, &'static str)>,
    facts: Option<String>,
    decision: Option<DecisionView>,
    error: Option<String>,
}

fn page(web: &Web, who: &aftercare_app::accounts::SignedIn, sim: Simulation) -> PolicyPage {
    let versions = web
        .app
        .policy()
        .versions()
        .iter()
        .rev()
        .map(|v| VersionView {
            id: v.id.clone(),
            effective_from: v.effective_from.to_string(),
            time_zone: v.time_zone_name.clone(),
            calendar: v.calendar.clone(),
            documents: v.documents.clone(),
            clauses: v
                .clauses
                .values()
                .map(|c| {
                    (
                        c.id.clone(),
                        c.title.clone(),
                        c.source.clone(),
                        c.text.clone(),
                    )
                })
                .collect(),
        })
        .collect();
    PolicyPage {
        nav: Nav::of(who),
        versions,
        sim,
        requests: vec![
            ("return", "Return"),
            ("exchange", "Exchange"),
            ("buyback", "Buyback"),
            ("undeliverable", "Parcel back undelivered"),
            ("customs_destroyed", "Destroyed by customs"),
        ],
        reasons: ReturnReason::ALL
            .iter()
            .map(|&r| (code(r), r.label()))
            .collect(),
        grades: Grade::ALL.iter().map(|&g| (code(g), g.label())).collect(),
        facts: None,
        decision: None,
        error: None,
    }
}

/// `GET /staff/policy`.
pub(crate) async fn show(State(web): State<Web>, Staff(who): Staff) -> Result<Response, PageError> {
    Ok(page(&web, &who, Simulation::default()).into_response())
}

/// A local date and time from the form (`2026-03-12T09:30`), as an RFC 3339 instant in the
/// time zone of the newest policy version; the evaluator reads instants.
fn instant(web: &Web, text: &str) -> Option<String> {
    crate::pages::shop_time(web, text).map(|t| t.to_string())
}

/// Builds the evaluator's facts from the form; the error names the field.
fn facts(web: &Web, sim: &Simulation) -> Result<Value, String> {
    let when = |field: &str, text: &str| {
        instant(web, text)
            .ok_or_else(|| format!("{field}: give a date and time, like 2026-03-12T09:30"))
    };
    let number = |field: &str, text: &str| {
        text.trim()
            .parse::<u32>()
            .map_err(|_| format!("{field}: give a whole number"))
    };
    let mut order_lines = Vec::new();
    let mut asked = Vec::new();
    for (i, (sku, price, ordered, quantity)) in sim.lines.iter().enumerate() {
        if sku.trim().is_empty() {
            continue;
        }
        order_lines.push(json!({
            "sku": sku.trim(),
            "unit_price": price.trim(),
            "quantity": number(&format!("lines[{i}].ordered"), ordered)?,
        }));
        let q = number(&format!("lines[{i}].asked"), quantity)?;
        if q > 0 {
            asked.push(json!({"sku": sku.trim(), "quantity": q}));
        }
    }
    let request = match sim.request.as_str() {
        "return" => json!({
            "type": "return",
            "reason": sim.reason,
            "submitted_at": when("submitted_at", &sim.submitted_at)?,
            "lines": asked,
            "evidence": sim.evidence,
            "return_costs": sim.return_costs.trim(),
        }),
        "exchange" => json!({
            "type": "exchange",
            "reason": sim.reason,
            "submitted_at": when("submitted_at", &sim.submitted_at)?,
            "lines": asked,
            "evidence": sim.evidence,
        }),
        "buyback" => json!({
            "type": "buyback",
            "submitted_at": when("submitted_at", &sim.submitted_at)?,
            "lines": asked,
            "condition": {
                "grade": sim.grade,
                "missing_accessories": number("missing_accessories", &sim.missing_accessories)?,
                "original_packaging": sim.original_packaging,
            },
            "evidence": sim.evidence,
        }),
        "undeliverable" => json!({
            "type": "undeliverable",
            "returned_at": when("returned_at", &sim.returned_at)?,
            "fees": {"return_processing": sim.return_processing_fee.trim()},
        }),
        "customs_destroyed" => json!({
            "type": "customs_destroyed",
            "goods_returned": sim.goods_returned,
        }),
        _ => return Err("request: choose what is asked".into()),
    };
    let mut facts = json!({
        "order": {
            "placed_at": when("placed_at", &sim.placed_at)?,
            "currency": sim.currency.trim(),
            "lines": order_lines,
            "shipping_paid": sim.shipping_paid.trim(),
            "duties_paid": sim.duties_paid.trim(),
        },
        "damage_noted_at_signing": sim.damage_noted,
        "request": request,
    });
    if !sim.signed_at.trim().is_empty() {
        facts["signed_at"] = json!(when("signed_at", &sim.signed_at)?);
    }
    Ok(facts)
}

/// `POST /staff/policy`: runs the evaluator on the simulator's facts and shows its decision.
pub(crate) async fn simulate(
    State(web): State<Web>,
    Staff(who): Staff,
    form: StepForm,
) -> Result<Response, PageError> {
    let get = |name: &str| form.get(name);
    let checked = |name: &str| !form.get(name).is_empty();
    let sim = Simulation {
        placed_at: get("placed_at"),
        currency: get("currency"),
        lines: (0..3)
            .map(|i| {
                (
                    get(&format!("sku{i}")),
                    get(&format!("price{i}")),
                    get(&format!("ordered{i}")),
                    get(&format!("asked{i}")),
                )
            })
            .collect(),
        shipping_paid: get("shipping_paid"),
        duties_paid: get("duties_paid"),
        signed_at: get("signed_at"),
        damage_noted: checked("damage_noted"),
        request: get("request"),
        submitted_at: get("submitted_at"),
        reason: get("reason"),
        evidence: checked("evidence"),
        return_costs: get("return_costs"),
        grade: get("grade"),
        missing_accessories: get("missing_accessories"),
        original_packaging: checked("original_packaging"),
        returned_at: get("returned_at"),
        return_processing_fee: get("return_processing_fee"),
        goods_returned: checked("goods_returned"),
    };
    let built = facts(&web, &sim);
    let mut out = page(&web, &who, sim);
    let status = match built {
        Err(message) => {
            out.error = Some(message);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Ok(facts) => {
            out.facts = serde_json::to_string_pretty(&facts).ok();
            match web.app.preview_decision(&facts.to_string()) {
                Ok(decision) => {
                    out.decision = Some(DecisionView::new(&decision, web.app.policy()));
                    StatusCode::OK
                }
                Err(e) => {
                    out.error = Some(e.to_string());
                    StatusCode::UNPROCESSABLE_ENTITY
                }
            }
        }
    };
    Ok((status, out).into_response())
}

/// One year of the shop's calendar as the console shows it.
struct YearView {
    year: i16,
    source: String,
    provisional: bool,
    /// Date, weekday, "day off" or "working day", name.
    days: Vec<(String, String, &'static str, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/calendar.html")]
struct CalendarPage {
    nav: Nav,
    name: String,
    years: Vec<YearView>,
}

/// `GET /staff/calendar`: the working-day calendar by year (every year with an official notice,
/// this year and the next), where each year's days come from, and which years are provisional.
pub(crate) async fn calendar(
    State(web): State<Web>,
    Staff(who): Staff,
) -> Result<Response, PageError> {
    use aftercare_core::calendar::{DayKind, YearSource};
    let policy = web.app.policy();
    let Some(calendar) = policy.versions().last().and_then(|v| policy.calendar(v)) else {
        return Err(PageError::not_found());
    };
    let mut years: Vec<i16> = calendar.years().collect();
    if let Some(today) = web.app.today() {
        years.extend([today.year(), today.year().saturating_add(1)]);
    }
    years.sort_unstable();
    years.dedup();
    let years = years
        .into_iter()
        .rev()
        .map(|year| {
            let y = calendar.year(year);
            YearView {
                year,
                provisional: y.is_provisional(),
                source: match &y.source {
                    YearSource::Notice(s) => s.clone(),
                    YearSource::Statutory(s) => format!(
                        "no official notice yet: the statutory days off only ({s}); bridge days and make-up working days are unknown"
                    ),
                    YearSource::Missing => "no official notice and no statutory days: weekends only".into(),
                },
                days: y
                    .days
                    .iter()
                    .map(|(d, l)| {
                        (
                            d.to_string(),
                            d.strftime("%A").to_string(),
                            match l.kind {
                                DayKind::Off => "day off",
                                DayKind::Work => "working day",
                            },
                            l.name.clone(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(crate::pages::no_store(
        CalendarPage {
            nav: Nav::of(&who),
            name: calendar.name().to_owned(),
            years,
        }
        .into_response(),
    ))
}
