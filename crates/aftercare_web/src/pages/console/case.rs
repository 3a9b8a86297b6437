//! A case's page as staff see it: its facts, decision, evidence, history and the forms of the
//! steps this person may take now.

use aftercare_app::accounts::SignedIn;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};

use super::forms::{actions_for, done_notice};
use crate::pages::extract::Staff;
use crate::pages::i18n::Words;
use crate::pages::{
    FormAction, Media, Nav, Refused, RelatedCase, TimelineEntry, case_name, case_summary, due,
    media, no_store, plain_words, related_cases, status_for, with_refusal, words,
};
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "console/case.html")]
pub(crate) struct StaffCase {
    pub(crate) nav: Nav,
    /// What the request says: lines, reason or condition, description, amounts.
    pub(crate) facts: Vec<(String, String)>,
    pub(crate) media: Vec<Media>,
    pub(crate) id: String,
    pub(crate) version: i64,
    pub(crate) title: String,
    pub(crate) order_number: String,
    pub(crate) customer: String,
    pub(crate) state: String,
    pub(crate) deadline: Option<String>,
    pub(crate) rma: Option<String>,
    pub(crate) clauses: Vec<String>,
    /// What the step just taken did, after the redirect that follows it.
    pub(crate) notice: Option<String>,
    pub(crate) actions: Vec<FormAction>,
    pub(crate) related: Vec<RelatedCase>,
    pub(crate) timeline: Vec<TimelineEntry>,
    /// What carriers said of the case's parcel.
    pub(crate) carrier_said: Vec<(String, String, String)>,
    pub(crate) error: Option<String>,
    pub(crate) conversation: crate::pages::conversation::ConversationView,
}

/// A case's history as staff read it: when, what and by whom, why, and whether it is an
/// internal note.
pub(crate) async fn staff_timeline(
    web: &Web,
    who: &SignedIn,
    case_id: &str,
) -> Result<Vec<TimelineEntry>, ApiError> {
    Ok(web
        .app
        .timeline_by_name(&who.actor, case_id)
        .await?
        .into_iter()
        .map(|(e, by)| {
            (
                e.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                format!("{} by {by}", words(&e.kind)),
                e.reason.unwrap_or_default(),
                e.kind == aftercare_app::INTERNAL_NOTE,
            )
        })
        .collect())
}

/// Every evidence id a case's data names, in order, once.
pub(crate) fn evidence_ids(data: &serde_json::Value) -> Vec<String> {
    // The machines name their evidence lists `evidence`, `photos`, `assembly_media`,
    // `damage_evidence`, `revision_photos`...
    pub(crate) fn holds_evidence(key: &str) -> bool {
        key.ends_with("evidence") || key.ends_with("photos") || key.ends_with("media")
    }
    pub(crate) fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        serde_json::Value::Array(items) if holds_evidence(k) => {
                            for id in items.iter().filter_map(|i| i.as_str()) {
                                if !out.iter().any(|o| o == id) {
                                    out.push(id.to_owned());
                                }
                            }
                        }
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(data, &mut out);
    out
}

/// The case page; after a refused step, that step's form as it was sent with the refusal at its
/// field, and the refusal in plain words at the top for screen readers.
pub(crate) async fn render_case(
    web: &Web,
    who: &SignedIn,
    id: &str,
    refused: Option<Refused>,
) -> Result<Response, PageError> {
    render_case_after(web, who, id, refused, None).await
}

/// The case page, saying which step just went through when `done` names one.
async fn render_case_after(
    web: &Web,
    who: &SignedIn,
    id: &str,
    refused: Option<Refused>,
    done: Option<&str>,
) -> Result<Response, PageError> {
    let error = refused.as_ref().map(|r| plain_words(&r.message));
    let detail = web.app.case_detail(&who.actor, id).await?;
    let case = &detail.case;
    let timeline = staff_timeline(web, who, &case.id).await?;
    let carrier_said = crate::pages::tracking_rows(web, who, &case.id).await?;
    let ids = evidence_ids(&case.data);
    let media = media(web, who, ids.iter().map(String::as_str)).await;
    // The decision kept with the case: its reasons in words, then the clauses they come from.
    let decision = &case.data["decision"];
    let mut clauses: Vec<String> = decision["reasons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    let ids: Vec<&str> = decision["clauses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str())
        .collect();
    if !ids.is_empty() {
        clauses.push(format!("Clauses: {}", ids.join(", ")));
    }
    let status = status_for(error.is_some());
    let conversation = crate::pages::conversation::case_conversation(web, who, &case.id).await?;
    let page = StaffCase {
        conversation,
        nav: Nav::of(who),
        facts: case_summary(&detail, false),
        media,
        notice: done.and_then(|d| done_notice(d, &detail)),
        actions: with_refusal(actions_for(&detail), refused.as_ref()),
        related: related_cases(&detail),
        id: case.id.clone(),
        version: case.version,
        title: case_name(case.kind, case.rma.as_deref()),
        order_number: case.order_number.clone(),
        customer: case.customer_email.clone(),
        state: words(&case.state),
        deadline: case.deadline.filter(|_| case.is_open).map(|d| due(web, d)),
        rma: case.rma.clone(),
        clauses,
        timeline,
        carrier_said,
        error,
    };
    Ok(no_store((status, page).into_response()))
}

/// `GET /staff/cases/{id}`: the case, its decision and history, and the forms of the steps
/// this person may take now.
pub(crate) async fn staff_case(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(id): Path<String>,
    Query(after): Query<AfterStep>,
) -> Result<Response, PageError> {
    render_case_after(&web, &who, &id, None, after.done.as_deref()).await
}

/// The query a step's redirect carries: which step went through.
#[derive(serde::Deserialize)]
pub(crate) struct AfterStep {
    done: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::test_case as case;
    use aftercare_store::CaseKind;
    use serde_json::json;

    #[test]
    fn evidence_is_found_under_every_list_that_holds_it_once() {
        let data = json!({
            "evidence": ["a", "b"],
            "revision": {"revision_photos": ["c", "a"]},
            "assembly_media": ["d"],
            "lines": [{"sku": "LK-100"}],
            "description": "evidence: not a list"
        });
        let mut ids = evidence_ids(&data);
        ids.sort();
        assert_eq!(ids, ["a", "b", "c", "d"]);
    }

    #[test]
    fn a_case_reads_from_its_machine_with_items_by_name() {
        use aftercare_core::cases::buyback::BuybackCase;
        use aftercare_core::facts::Condition;
        use aftercare_core::policy::Grade;
        let detail = aftercare_app::CaseDetail {
            case: case(CaseKind::Buyback, "applied", json!({})),
            machine: Some(aftercare_app::CaseMachine::Buyback(BuybackCase {
                lines: vec![aftercare_core::cases::rma::ReturnLine {
                    sku: "LK-200".into(),
                    quantity: 1,
                }],
                condition: Some(Condition {
                    grade: Grade::LikeNew,
                    missing_accessories: 2,
                    original_packaging: false,
                }),
                base: Some(aftercare_core::Money::from_minor(
                    6_000,
                    aftercare_core::Currency::USD,
                )),
                ..BuybackCase::default()
            })),
            open_steps: vec![],
            grantable: None,
            related: vec![],
            item_names: vec![("LK-200".into(), "Keypad".into())],
        };
        assert_eq!(
            case_summary(&detail, false),
            [
                ("Items".to_owned(), "1 × Keypad (LK-200)".to_owned()),
                (
                    "Condition".to_owned(),
                    "Like new, 2 accessories missing, without the original packaging".to_owned()
                ),
                ("Paid for the items".to_owned(), "60.00 USD".to_owned()),
            ]
        );
    }
}
