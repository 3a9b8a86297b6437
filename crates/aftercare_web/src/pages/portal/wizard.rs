//! The request wizard of the portal: a return, an exchange or a buyback of some of an order's
//! units. One form that works without JavaScript: the customer picks the lines and quantities,
//! answers the reason or condition questions, adds photos or videos, and first sees what the
//! policy decides (the outcome, the refund or quote line by line, the clauses, the deadlines).
//! Only then is there a button that sends the request, judged again at that moment.

use aftercare_app::{AppError, BuybackRequest, ExchangeRequest, ReturnRequest};
use aftercare_core::Decision;
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::facts::Condition;
use aftercare_core::policy::{Grade, PolicyVersion, ReasonRule, ReturnReason, Window};
use aftercare_store::OrderRecord;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::pages::code;
use crate::pages::decision::DecisionView;
use crate::pages::extract::Visitor;
use crate::pages::i18n::{self, Words};
use crate::pages::{AfterRefusal, see_other};
use crate::{ApiError, PageError, Web};
use aftercare_core::Percent;
use aftercare_core::i18n::Arg;

/// What the customer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Return,
    Exchange,
    Buyback,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        match text {
            "return" => Some(Kind::Return),
            "exchange" => Some(Kind::Exchange),
            "buyback" => Some(Kind::Buyback),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Kind::Return => "return",
            Kind::Exchange => "exchange",
            Kind::Buyback => "buyback",
        }
    }
}

/// A reason as the form offers it, with its window and the share of the price it refunds from
/// the order's policy version, so a changed policy changes the words.
fn reason_label(reason: ReturnReason, rule: &ReasonRule) -> String {
    let (unit, length) = match rule.window {
        Window::Days(d) => ("days", d),
        Window::Hours(h) => ("hours", h),
    };
    let args = [
        ("unit", Arg::Text(unit.into())),
        ("length", Arg::Count(i64::from(length))),
        // What comes back of the price: the product's share less the handling fee kept.
        (
            "percent",
            Arg::Percent(
                rule.product
                    .minus_points_floored(rule.handling_fee, Percent::ZERO),
            ),
        ),
    ];
    let id = match reason {
        ReturnReason::QualityIssue => "choice-reason-quality-issue",
        ReturnReason::NotAsDescribed => "choice-reason-not-as-described",
        ReturnReason::WrongItem => "choice-reason-wrong-item",
        ReturnReason::TransportDamage => "choice-reason-transport-damage",
        ReturnReason::Other => "choice-reason-other",
    };
    i18n::text_with(id, &args)
}

fn grade_label(grade: Grade) -> String {
    i18n::text(match grade {
        Grade::LikeNew => "choice-grade-like-new",
        Grade::Good => "choice-grade-good",
        Grade::Fair => "choice-grade-fair",
        Grade::Worn => "choice-grade-worn",
        Grade::Damaged => "choice-grade-damaged",
    })
}

struct LineInput {
    sku: String,
    name: String,
    ordered: u64,
    quantity: String,
}

struct Choice {
    code: String,
    label: String,
}

/// What the customer typed, kept to be shown again with any errors.
struct Input {
    kind: Kind,
    lines: Vec<LineInput>,
    reason: String,
    grade: String,
    /// A defect the buyback applicant reports ("" for none).
    defect: String,
    missing_accessories: String,
    original_packaging: bool,
    description: String,
    return_costs: String,
    /// Files already uploaded in an earlier round of the form.
    evidence: Vec<String>,
}

#[derive(Default)]
struct Errors {
    kind: Option<String>,
    lines: Option<String>,
    reason: Option<String>,
    grade: Option<String>,
    missing_accessories: Option<String>,
    return_costs: Option<String>,
    files: Option<String>,
    other: Option<String>,
}

impl Errors {
    fn any(&self) -> bool {
        self.kind.is_some()
            || self.lines.is_some()
            || self.reason.is_some()
            || self.grade.is_some()
            || self.missing_accessories.is_some()
            || self.return_costs.is_some()
            || self.files.is_some()
            || self.other.is_some()
    }

    /// Puts an error of the app next to the field it names.
    fn place(&mut self, error: &AppError) {
        let message = error.words(i18n::lang());
        let field = match error {
            AppError::Invalid { field, .. } => field.as_str(),
            _ => "",
        };
        let slot = if field.starts_with("lines") {
            &mut self.lines
        } else if field == "reason" {
            &mut self.reason
        } else if field.starts_with("condition.grade") {
            &mut self.grade
        } else if field.starts_with("condition.missing_accessories") {
            &mut self.missing_accessories
        } else if field == "return_costs" {
            &mut self.return_costs
        } else {
            &mut self.other
        };
        *slot = Some(message);
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/request.html")]
struct RequestPage {
    csrf: String,
    number: String,
    input: Input,
    reasons: Vec<Choice>,
    grades: Vec<Choice>,
    defects: Vec<Choice>,
    errors: Errors,
    decision: Option<DecisionView>,
    /// The previewed request may be sent as it stands.
    can_send: bool,
    /// Another kind of request the decision suggests instead.
    suggest: Option<(&'static str, &'static str)>,
}

fn reasons(version: Option<&PolicyVersion>) -> Vec<Choice> {
    ReturnReason::ALL
        .iter()
        .map(|&r| Choice {
            code: code(r),
            label: version.map_or_else(
                || crate::pages::words(&code(r)),
                |v| reason_label(r, v.returns.reason.get(r)),
            ),
        })
        .collect()
}

/// The defects a buyback applicant can report: the return reasons other than "other". A defect
/// still inside its return window, on a product that would pass inspection, gets the advice to
/// return it first (buyback note).
fn defects() -> Vec<Choice> {
    ReturnReason::ALL
        .iter()
        .filter(|&&r| r != ReturnReason::Other)
        .map(|&r| Choice {
            code: code(r),
            label: i18n::text(match r {
                ReturnReason::QualityIssue => "choice-defect-quality-issue",
                ReturnReason::NotAsDescribed => "choice-defect-not-as-described",
                ReturnReason::WrongItem => "choice-defect-wrong-item",
                ReturnReason::TransportDamage | ReturnReason::Other => {
                    "choice-defect-transport-damage"
                }
            }),
        })
        .collect()
}

fn grades() -> Vec<Choice> {
    Grade::ALL
        .iter()
        .map(|&g| Choice {
            code: code(g),
            label: grade_label(g),
        })
        .collect()
}

/// The order's lines with what the customer wants of each; a line asked for in the link
/// (`?sku=`) starts at its whole quantity.
fn order_lines(order: &OrderRecord) -> Vec<LineInput> {
    order
        .data
        .get("lines")
        .and_then(|l| l.as_array())
        .into_iter()
        .flatten()
        .map(|l| LineInput {
            sku: l["sku"].as_str().unwrap_or_default().to_owned(),
            name: l["name"].as_str().unwrap_or_default().to_owned(),
            ordered: l["quantity"].as_u64().unwrap_or_default(),
            quantity: "0".into(),
        })
        .collect()
}

#[derive(Deserialize)]
pub(crate) struct Start {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// `GET /orders/{number}/request`: the empty wizard; `?kind=` and `?reason=` preselect
/// (the orders page links "report damage at signing" as a transport-damage return).
pub(crate) async fn start(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(number): Path<String>,
    Query(start): Query<Start>,
) -> Result<Response, PageError> {
    let order = match web.app.order(&who.actor, &number).await {
        Ok(o) => o,
        Err(AppError::NotFound(_)) => {
            return Err(PageError::not_found());
        }
        Err(e) => return Err(e.into()),
    };
    let mut lines = order_lines(&order);
    // A one-line order has nothing to pick.
    if let [only] = lines.as_mut_slice() {
        only.quantity = only.ordered.min(1).to_string();
    }
    let page = RequestPage {
        csrf: who.csrf_token,
        number: order.number,
        input: Input {
            kind: start
                .kind
                .as_deref()
                .and_then(Kind::parse)
                .unwrap_or(Kind::Return),
            lines,
            reason: start.reason.unwrap_or_default(),
            grade: String::new(),
            defect: String::new(),
            missing_accessories: "0".into(),
            original_packaging: true,
            description: String::new(),
            return_costs: String::new(),
            evidence: Vec::new(),
        },
        reasons: reasons(web.app.policy().version(&order.policy_version)),
        grades: grades(),
        defects: defects(),
        errors: Errors::default(),
        decision: None,
        can_send: false,
        suggest: None,
    };
    Ok(page.into_response())
}

/// One of the three requests, ready for the app.
enum Asked {
    Return(ReturnRequest),
    Exchange(ExchangeRequest),
    Buyback(BuybackRequest),
}

/// Checks the form's answers field by field; every problem is reported at once.
fn read(input: &Input, number: &str, errors: &mut Errors) -> Option<Asked> {
    let mut lines = Vec::new();
    for l in &input.lines {
        match l.quantity.trim().parse::<u32>() {
            Ok(q) if u64::from(q) <= l.ordered => {
                if q > 0 {
                    lines.push(ReturnLine {
                        sku: l.sku.clone(),
                        quantity: q,
                    });
                }
            }
            _ => {
                errors.lines = Some(i18n::text_with(
                    "request-error-quantity",
                    &[
                        ("item", Arg::Text(l.name.clone())),
                        (
                            "most",
                            Arg::Count(i64::try_from(l.ordered).unwrap_or(i64::MAX)),
                        ),
                    ],
                ));
            }
        }
    }
    if lines.is_empty() && errors.lines.is_none() {
        errors.lines = Some(i18n::text("request-error-no-item"));
    }
    let reason = || -> Option<ReturnReason> {
        serde_json::from_value(serde_json::Value::String(input.reason.clone())).ok()
    };
    match input.kind {
        Kind::Return | Kind::Exchange => {
            let reason = reason();
            if reason.is_none() {
                errors.reason = Some(i18n::text("request-error-reason"));
            }
            let evidence = input.evidence.clone();
            let reason = reason?;
            if errors.any() {
                return None;
            }
            Some(if input.kind == Kind::Return {
                Asked::Return(ReturnRequest {
                    order_number: number.to_owned(),
                    reason,
                    lines,
                    description: input.description.clone(),
                    evidence,
                    return_costs: Some(input.return_costs.trim().to_owned())
                        .filter(|c| !c.is_empty()),
                })
            } else {
                Asked::Exchange(ExchangeRequest {
                    order_number: number.to_owned(),
                    reason,
                    lines,
                    description: input.description.clone(),
                    evidence,
                })
            })
        }
        Kind::Buyback => {
            let grade: Option<Grade> =
                serde_json::from_value(serde_json::Value::String(input.grade.clone())).ok();
            if grade.is_none() {
                errors.grade = Some(i18n::text("request-error-grade"));
            }
            let missing = input.missing_accessories.trim().parse::<u32>().ok();
            if missing.is_none() {
                errors.missing_accessories = Some(i18n::text("request-error-missing"));
            }
            let defect: Option<ReturnReason> = match input.defect.trim() {
                "" => None,
                text => {
                    let parsed =
                        serde_json::from_value(serde_json::Value::String(text.to_owned())).ok();
                    if parsed.is_none() {
                        errors.grade = Some(i18n::text("request-error-defect"));
                    }
                    parsed
                }
            };
            let (grade, missing) = (grade?, missing?);
            if errors.any() {
                return None;
            }
            Some(Asked::Buyback(BuybackRequest {
                order_number: number.to_owned(),
                lines,
                condition: Condition {
                    grade,
                    missing_accessories: missing,
                    original_packaging: input.original_packaging,
                },
                photos: input.evidence.clone(),
                defect,
            }))
        }
    }
}

/// Whether the request, judged as `decision`, would open a case when sent.
fn sendable(kind: Kind, decision: &Decision) -> bool {
    use aftercare_core::Outcome;
    matches!(
        (kind, decision.outcome),
        (Kind::Return, Outcome::ReturnEligible)
            | (
                Kind::Exchange,
                Outcome::ExchangeViaReturn | Outcome::ExchangeNegotiable
            )
            | (
                Kind::Buyback,
                Outcome::BuybackQuote | Outcome::BuybackManualReview
            )
    )
}

fn suggestion(decision: &Decision) -> Option<(&'static str, &'static str)> {
    use aftercare_core::Outcome;
    match decision.outcome {
        Outcome::BuybackOffered => Some(("buyback", "Ask for a buyback quote instead")),
        Outcome::ReturnRecommended => Some(("return", "Ask for a return instead")),
        _ => None,
    }
}

/// `POST /orders/{number}/request` (multipart): `step=preview` shows the decision, `step=send`
/// sends the request and opens the case page.
pub(crate) async fn submit(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(number): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let order = match web.app.order(&who.actor, &number).await {
        Ok(o) => o,
        Err(AppError::NotFound(_)) => {
            return Err(PageError::not_found());
        }
        Err(e) => return Err(e.into()),
    };
    let upload =
        crate::pages::read_upload_form(&web, &who, multipart, "files", AfterRefusal::KeepStoring)
            .await?;
    let mut input = Input {
        kind: Kind::Return,
        lines: order_lines(&order),
        reason: String::new(),
        grade: String::new(),
        defect: String::new(),
        missing_accessories: "0".into(),
        original_packaging: false,
        description: String::new(),
        return_costs: String::new(),
        evidence: Vec::new(),
    };
    let mut errors = Errors {
        files: upload.refused,
        ..Errors::default()
    };
    let (mut csrf, mut step, mut kind) = (String::new(), String::new(), String::new());
    for (name, value) in upload.fields {
        match name.as_str() {
            "csrf" => csrf = value,
            "step" => step = value,
            "kind" => kind = value,
            "reason" => input.reason = value,
            "grade" => input.grade = value,
            "defect" => input.defect = value,
            "missing_accessories" => input.missing_accessories = value,
            "original_packaging" => input.original_packaging = true,
            "description" => input.description = value,
            "return_costs" => input.return_costs = value,
            // Only ids this customer uploaded are kept: another's file cannot be attached.
            "evidence" => {
                if web.app.evidence(&who.actor, value.trim()).await.is_ok() {
                    input.evidence.push(value.trim().to_owned());
                }
            }
            other => {
                if let Some(sku) = other.strip_prefix("qty:")
                    && let Some(line) = input.lines.iter_mut().find(|l| l.sku == sku)
                {
                    line.quantity = value;
                }
            }
        }
    }
    // Files uploaded earlier come first as hidden ids, then this round's.
    input.evidence.extend(upload.files);
    if csrf != who.csrf_token {
        return Err(ApiError::CrossSite.into());
    }
    match Kind::parse(&kind) {
        Some(k) => input.kind = k,
        None => errors.kind = Some(i18n::text("request-error-kind")),
    }
    let asked = read(&input, &order.number, &mut errors);
    let mut decision = None;
    if let Some(asked) = asked.filter(|_| errors.files.is_none()) {
        let app = &web.app;
        let actor = &who.actor;
        let judged = if step == "send" {
            let submitted = match &asked {
                Asked::Return(r) => app.submit_return(actor, r).await,
                Asked::Exchange(r) => app.request_exchange(actor, r).await,
                Asked::Buyback(r) => app.apply_for_buyback(actor, r).await,
            };
            match submitted {
                Ok(s) => match s.case {
                    Some(case) => return Ok(see_other(&format!("/cases/{}", case.id))),
                    None => Ok(s.decision),
                },
                Err(e) => Err(e),
            }
        } else {
            match &asked {
                Asked::Return(r) => app.preview_return(actor, r).await,
                Asked::Exchange(r) => app.preview_exchange(actor, r).await,
                Asked::Buyback(r) => app.preview_buyback(actor, r).await,
            }
        };
        match judged {
            Ok(d) => decision = Some(d),
            Err(e @ (AppError::Invalid { .. } | AppError::Refused(_))) => errors.place(&e),
            Err(e) => return Err(e.into()),
        }
    }
    let can_send = decision.as_ref().is_some_and(|d| sendable(input.kind, d));
    let suggest = decision.as_ref().and_then(suggestion);
    let status = crate::pages::status_for(errors.any());
    let view = decision
        .as_ref()
        .map(|d| DecisionView::new(d, web.app.policy()));
    let page = RequestPage {
        csrf: who.csrf_token.clone(),
        number: order.number.clone(),
        input,
        reasons: reasons(web.app.policy().version(&order.policy_version)),
        grades: grades(),
        defects: defects(),
        errors,
        decision: view,
        can_send,
        suggest,
    };
    Ok((status, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(version: &PolicyVersion, reason: ReturnReason) -> String {
        reasons(Some(version))
            .into_iter()
            .find(|c| c.code == code(reason))
            .unwrap()
            .label
    }

    /// The form says each reason's window and refund as the order's policy version gives them
    /// (the documents' 48 hours for transport damage; 30 days and 90 % for other reasons, the
    /// product refunded less the 10 % handling fee, III.1), and a version that changes them
    /// changes the words.
    #[test]
    fn the_reasons_offered_say_the_policy_s_own_window_and_refund() {
        let policy = aftercare_core::testing::shipped().unwrap();
        let mut version = policy.versions()[0].clone();
        assert_eq!(
            label(&version, ReturnReason::TransportDamage),
            "It was damaged in transport (within 48 hours of signing)"
        );
        assert_eq!(
            label(&version, ReturnReason::Other),
            "Another reason (within 30 days; 90% of the price is refunded)"
        );
        version.returns.reason.other.window = Window::Days(14);
        version.returns.reason.other.handling_fee = Percent::whole(20).unwrap();
        assert_eq!(
            label(&version, ReturnReason::Other),
            "Another reason (within 14 days; 80% of the price is refunded)"
        );
    }
}
