//! A case's page as the customer sees it: what happens next and by when, their choices, the
//! appeal.

use aftercare_app::accounts::SignedIn;
use aftercare_app::{CaseDetail, CaseMachine, CaseState, Step};
use aftercare_core::cases::appeal::AppealState;
use aftercare_core::cases::buyback::BuybackState;
use aftercare_core::cases::refund::RefundState;
use aftercare_core::cases::rma::ReturnState;
use aftercare_core::cases::steps::{BuybackStep, ReturnStep};
use aftercare_store::{CaseKind, CaseRecord};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::orders::{Media, media};
use crate::pages::extract::Visitor;
use crate::pages::i18n::{self, Words};
use crate::pages::{
    Field, FormAction, Refused, RelatedCase, StepForm, case_summary, case_title, code, due,
    evidence_ids, plain_words, related_cases, see_other, status_for, with_refusal, words,
};
use crate::{ApiError, PageError, Web};
use aftercare_core::i18n::{Arg, dated};

#[derive(Template, WebTemplate)]
#[template(path = "portal/case.html")]
pub(crate) struct PortalCase {
    pub(crate) csrf: String,
    pub(crate) media: Vec<Media>,
    pub(crate) next: Vec<String>,
    pub(crate) id: String,
    pub(crate) version: i64,
    pub(crate) title: String,
    pub(crate) order_number: String,
    pub(crate) state: String,
    pub(crate) deadline: Option<String>,
    pub(crate) rma: Option<String>,
    pub(crate) return_address: Option<String>,
    pub(crate) instructions: Option<String>,
    pub(crate) reasons: Vec<String>,
    pub(crate) actions: Vec<FormAction>,
    pub(crate) related: Vec<RelatedCase>,
    /// The tracking number of the parcel the customer sent back, once they gave it.
    pub(crate) tracking: Option<String>,
    /// What the carrier said of that parcel.
    pub(crate) carrier_said: Vec<(String, String, String)>,
    /// The case's items by name, the customer's own words, the amounts, what an inspection
    /// found, an appeal's opinion.
    pub(crate) facts: Vec<(String, String)>,
    pub(crate) timeline: Vec<(String, String)>,
    pub(crate) error: Option<String>,
    /// The appeal's subject when the result may be appealed.
    pub(crate) appeal_subject: Option<String>,
    /// The policy's appeal window and recheck time, in words (IV).
    pub(crate) appeal_window: String,
    pub(crate) appeal_recheck: String,
    pub(crate) statement: String,
    pub(crate) conversation: crate::pages::conversation::ConversationView,
}

/// What happens next on a case, in the customer's words and language, with the date it is due
/// by. `refund_arrival` is the policy's "usually" for a refund to reach the customer (III.3): the
/// first working day of its usual range (0 for "up to") and its last.
pub(crate) fn next_steps(case: &CaseRecord, refund_arrival: (u32, u32)) -> Vec<String> {
    let due = case.deadline.filter(|_| case.is_open);
    let ids: &[&str] = match CaseState::of(case).ok() {
        Some(CaseState::Return(ReturnState::Requested)) => &["next-review"],
        Some(CaseState::Return(ReturnState::Approved)) => {
            &["next-send-parcel", "next-inspect-then-refund"]
        }
        Some(CaseState::Return(ReturnState::InTransit)) => &["next-record-parcel"],
        Some(CaseState::Return(ReturnState::Received)) => &["next-inspect"],
        Some(CaseState::Return(ReturnState::InspectionPassed)) => &["next-grant-refund"],
        Some(CaseState::Return(ReturnState::RefundGranted)) => &["next-refund-granted"],
        Some(CaseState::Return(ReturnState::AbandonedToBuyback)) => &["next-goods-to-buyback"],
        Some(CaseState::Return(ReturnState::InspectionFailed)) => &["next-choose-after-inspection"],
        Some(CaseState::Buyback(
            BuybackState::Applied | BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld,
        )) => &["next-quote"],
        Some(CaseState::Buyback(BuybackState::Quoted)) => &["next-answer-offer"],
        Some(CaseState::Buyback(BuybackState::Accepted)) => &["next-send-goods"],
        Some(CaseState::Buyback(BuybackState::InTransit | BuybackState::Received)) => {
            &["next-inspect"]
        }
        Some(CaseState::Buyback(BuybackState::Revised)) => &["next-answer-revision"],
        Some(CaseState::Buyback(BuybackState::Confirmed | BuybackState::RevisionAccepted)) => {
            &["next-pay"]
        }
        Some(CaseState::Refund(RefundState::Granted | RefundState::Failed)) => &["next-send-money"],
        Some(CaseState::Refund(RefundState::Sent)) => &["next-money-on-its-way"],
        Some(CaseState::Appeal(AppealState::Filed)) => &["next-recheck"],
        Some(CaseState::Appeal(AppealState::Upheld | AppealState::Changed)) => &["next-mediation"],
        _ => &[],
    };
    let [has_date, date] = dated(due);
    let args = [
        has_date,
        date,
        ("from", Arg::Count(i64::from(refund_arrival.0))),
        ("days", Arg::Count(i64::from(refund_arrival.1))),
    ];
    ids.iter().map(|id| i18n::text_with(id, &args)).collect()
}

/// The customer's choices on the case now: the steps its machine leaves open to them, each as a
/// form. The steps only staff take never reach a customer's list.
pub(crate) fn customer_actions(detail: &CaseDetail) -> Vec<FormAction> {
    let tracking = || {
        vec![Field::text(
            "tracking_number",
            &i18n::text("action-tracking-number"),
        )]
    };
    let address = || vec![Field::textarea("address", &i18n::text("action-address"))];
    let form = |step: Step, label: &str, fields| FormAction {
        name: step.name(),
        label: i18n::text(label),
        fields,
        error: None,
    };
    detail
        .open_steps
        .iter()
        .filter_map(|&step| match step {
            Step::Return(ReturnStep::Ship) => Some(form(step, "action-sent-parcel", tracking())),
            Step::Return(ReturnStep::ChooseBuyback) => {
                Some(form(step, "action-choose-buyback", vec![]))
            }
            Step::Return(ReturnStep::ChooseSendBack) => {
                Some(form(step, "action-choose-send-back", address()))
            }
            Step::Buyback(BuybackStep::Accept) => Some(form(step, "action-accept-offer", vec![])),
            Step::Buyback(BuybackStep::Decline) => Some(form(step, "action-decline-offer", vec![])),
            Step::Buyback(BuybackStep::Ship) => Some(form(step, "action-sent-goods", tracking())),
            Step::Buyback(BuybackStep::AcceptRevision) => {
                Some(form(step, "action-accept-revision", vec![]))
            }
            Step::Buyback(BuybackStep::AskForItemBack) => {
                Some(form(step, "action-ask-for-item-back", address()))
            }
            // The order's answers are asked on the order's page.
            _ => None,
        })
        .collect()
}

pub(crate) async fn render_customer_case(
    web: &Web,
    who: &SignedIn,
    id: &str,
    refused: Option<Refused>,
    statement: String,
) -> Result<Response, PageError> {
    let error = refused.as_ref().map(|r| plain_words(&r.message));
    let detail = web.app.case_detail(&who.actor, id).await?;
    let case = &detail.case;
    let timeline = web
        .app
        .timeline(&who.actor, &case.id)
        .await?
        .into_iter()
        .map(|e| (e.at.strftime("%Y-%m-%d").to_string(), words(&e.kind)))
        .collect();
    let text = |key: &str| {
        case.data
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    // The decision's reasons in the reader's language, from their message ids; a decision kept
    // before reasons had ids shows its stored English.
    let explained: Vec<aftercare_core::i18n::Said> =
        serde_json::from_value(case.data["decision"]["explained"].clone()).unwrap_or_default();
    let mut reasons: Vec<String> = if explained.is_empty() {
        case.data["decision"]["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_owned))
            .collect()
    } else {
        explained.iter().map(i18n::reason).collect()
    };
    match &detail.machine {
        Some(CaseMachine::Refund(refund)) => {
            if let Some(amount) = refund.amount {
                reasons.push(i18n::text_with(
                    "case-refund-to-method",
                    &[
                        ("amount", Arg::Amount(amount)),
                        (
                            "method",
                            Arg::Text(
                                refund
                                    .method
                                    .clone()
                                    .unwrap_or_else(|| i18n::text("case-as-you-paid")),
                            ),
                        ),
                    ],
                ));
            }
        }
        Some(CaseMachine::Buyback(buyback)) => {
            if let Some(quote) = &buyback.quote {
                reasons.push(i18n::text_with(
                    "case-our-offer",
                    &[
                        ("amount", Arg::Amount(quote.amount)),
                        ("percent", Arg::Percent(quote.percent)),
                        ("until", Arg::Date(quote.valid_until)),
                    ],
                ));
            }
        }
        _ => {}
    }
    let status = status_for(error.is_some());
    let ids = evidence_ids(&case.data);
    let order = web.app.order(&who.actor, &case.order_number).await?;
    let version = web.app.policy().version(&order.policy_version);
    let refund_arrival = version.map_or((0, 0), |v| {
        let arrival = &v.deadlines.refund_arrival;
        (arrival.usually_from.unwrap_or(0), arrival.working_days)
    });
    let days = |time: fn(&aftercare_core::policy::Deadlines) -> u32| {
        version.map_or_else(String::new, |v| {
            i18n::text_with(
                "working-days",
                &[("n", Arg::Count(i64::from(time(&v.deadlines))))],
            )
        })
    };
    let carrier_said = crate::pages::tracking_rows(web, who, &case.id).await?;
    let conversation = crate::pages::conversation::case_conversation(web, who, &case.id).await?;
    let page = PortalCase {
        conversation,
        carrier_said,
        media: media(web, who, ids.iter().map(String::as_str)).await,
        next: next_steps(case, refund_arrival),
        csrf: who.csrf_token.clone(),
        actions: with_refusal(customer_actions(&detail), refused.as_ref()),
        related: related_cases(&detail),
        facts: case_summary(&detail, true),
        tracking: match &detail.machine {
            Some(CaseMachine::Return(r)) => r.tracking_number.clone(),
            Some(CaseMachine::Buyback(b)) => b.tracking_number.clone(),
            _ => None,
        },
        id: case.id.clone(),
        version: case.version,
        title: case_title(case.kind).to_owned(),
        order_number: case.order_number.clone(),
        state: words(&case.state),
        deadline: case.deadline.filter(|_| case.is_open).map(|d| due(web, d)),
        rma: case.rma.clone(),
        return_address: text("return_address"),
        instructions: text("instructions"),
        reasons,
        timeline,
        error,
        appeal_subject: aftercare_app::appealable(case)?.map(code),
        appeal_window: days(|d| d.appeal_filing.working_days),
        appeal_recheck: days(|d| d.appeal_recheck.working_days),
        statement,
    };
    Ok((status, page).into_response())
}

/// `GET /cases/{id}`: a customer's case: its steps, the RMA slip to print once approved, and
/// the choices of the current step. Someone else's case is "not found".
pub(crate) async fn customer_case(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    render_customer_case(&web, &who, &id, None, String::new()).await
}

/// `POST /cases/{id}/{action}`: the customer's choice, from its form.
pub(crate) async fn customer_case_action(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path((id, action)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    use aftercare_app::{BuybackAction, ReturnAction};
    let get = |name: &str| form.get(name);
    let version = form.version();
    let case = match web.app.case(&who.actor, &id).await {
        Ok(c) => c,
        Err(_) => return Err(PageError::not_found()),
    };
    let app = &web.app;
    let actor = &who.actor;
    let done = match (case.kind, action.as_str()) {
        (CaseKind::Return, "ship") => {
            app.act_on_return(
                actor,
                &id,
                version,
                ReturnAction::MarkShipped {
                    tracking_number: get("tracking_number"),
                },
                None,
            )
            .await
        }
        (CaseKind::Return, "choose-buyback") => {
            app.act_on_return(actor, &id, version, ReturnAction::ChooseBuyback, None)
                .await
        }
        (CaseKind::Return, "choose-send-back") => {
            app.act_on_return(
                actor,
                &id,
                version,
                ReturnAction::ChooseSendBack {
                    address: get("address"),
                },
                None,
            )
            .await
        }
        (CaseKind::Buyback, "accept") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::Accept, None)
                .await
        }
        (CaseKind::Buyback, "decline") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::Decline, None)
                .await
        }
        (CaseKind::Buyback, "ship") => {
            app.act_on_buyback(
                actor,
                &id,
                version,
                BuybackAction::MarkShipped {
                    tracking_number: get("tracking_number"),
                },
                None,
            )
            .await
        }
        (CaseKind::Buyback, "accept-revision") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::AcceptRevision, None)
                .await
        }
        (CaseKind::Buyback, "ask-for-item-back") => {
            app.act_on_buyback(
                actor,
                &id,
                version,
                BuybackAction::AskForItemBack {
                    address: get("address"),
                },
                None,
            )
            .await
        }
        _ => return Err(PageError::not_found()),
    };
    match done {
        Ok(_) => Ok(see_other(&format!("/cases/{id}"))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => {
            let refused = Refused::new(&action, e.words(i18n::lang()), &form.0);
            render_customer_case(&web, &who, &id, Some(refused), String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/appeal` (multipart): the customer's statement and a photo or video; the
/// appeal opens when the result is still within its appeal window.
pub(crate) async fn customer_appeal(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    let mut multipart =
        multipart.map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?;
    let (mut csrf, mut subject, mut statement, mut evidence) =
        (String::new(), String::new(), String::new(), None);
    let mut upload_error = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?
    {
        match field.name().unwrap_or_default() {
            "file" => {
                // The token comes first in the form, so a forged request stores nothing.
                if csrf != who.csrf_token {
                    return Err(ApiError::CrossSite.into());
                }
                match crate::uploads::store_field(&web, &who.actor, &mut field).await {
                    Ok(record) => evidence = Some(record.id),
                    Err(
                        ApiError::App(aftercare_app::AppError::Invalid { message, .. })
                        | ApiError::TooLarge {
                            detail: message, ..
                        },
                    ) => {
                        upload_error = Some(i18n::text_with(
                            "upload-refused",
                            &[("why", message.words(i18n::lang()).into())],
                        ));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            name => {
                let name = name.to_owned();
                let value = crate::uploads::form_text(&mut field).await?;
                match name.as_str() {
                    "csrf" => csrf = value,
                    "subject" => subject = value,
                    "statement" => statement = value,
                    _ => {}
                }
            }
        }
    }
    if csrf != who.csrf_token {
        return Err(ApiError::CrossSite.into());
    }
    if let Some(message) = upload_error {
        let refused = Refused::new("appeal", message, &[]);
        return render_customer_case(&web, &who, &id, Some(refused), statement).await;
    }
    let subject = serde_json::from_value(serde_json::Value::String(subject))
        .map_err(|_| ApiError::Malformed("subject".into()))?;
    let request = aftercare_app::AppealRequest {
        case_id: id.clone(),
        subject,
        statement: statement.clone(),
        evidence: evidence.into_iter().collect(),
    };
    match web.app.file_appeal(&who.actor, &request).await {
        Ok(appeal) => Ok(see_other(&format!("/cases/{}", appeal.id))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => {
            let refused = Refused::new("appeal", e.words(i18n::lang()), &[]);
            render_customer_case(&web, &who, &id, Some(refused), statement).await
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::test_case as case;
    use aftercare_store::CaseKind;
    use serde_json::json;

    #[test]
    fn next_steps_carry_the_deadline_of_the_step() {
        let steps = next_steps(&case(CaseKind::Return, "requested", json!({})), (5, 15));
        assert_eq!(steps, ["We review your request by 25 March 2026."]);
        let mut closed = case(CaseKind::Appeal, "upheld", json!({}));
        closed.is_open = false;
        assert!(next_steps(&closed, (5, 15))[0].contains("mediation"));
        let sent = next_steps(&case(CaseKind::Refund, "sent", json!({})), (5, 15));
        assert!(
            sent.iter()
                .any(|l| l.contains("usually 5–15 working days (III.3)")),
            "{sent:?}"
        );
        assert!(next_steps(&case(CaseKind::Return, "sent_back", json!({})), (5, 15)).is_empty());
    }
}
