//! Webhooks on the console, for admins: the endpoints of the shop's other systems (register
//! one, its secret shown once), and each endpoint's deliveries with a re-send and an
//! enable/disable switch.

use aftercare_app::AppError;
use aftercare_app::accounts::SignedIn;
use aftercare_store::{WebhookDelivery, WebhookEndpoint};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::pages::extract::Admin;
use crate::pages::{Field, FormAction, Nav, Refused, StepForm, no_store, see_other, with_refusal};
use crate::{PageError, Web};

/// A time as the console shows it, in the shop's time zone.
fn shown(web: &Web, at: jiff::Timestamp) -> String {
    at.to_zoned(crate::pages::shop_zone(web))
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

fn register_form() -> FormAction {
    FormAction {
        name: "webhook",
        label: "Register the endpoint".into(),
        fields: vec![
            Field::text("url", "Where messages are posted (http:// or https://)").kind("url"),
            Field::textarea(
                "events",
                "Event types, separated by spaces or commas: return.approved refund.sent order.shipped ... or * for every one",
            ),
            Field::text("description", "What the endpoint is, for the admins").optional(),
        ],
        error: None,
    }
}

/// A connection's row, its times in the shop's zone.
struct ConnectionRow {
    title: &'static str,
    configured: bool,
    how: String,
    last_success: String,
    last_error: String,
    successes: i64,
    failures: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/webhooks.html")]
struct EndpointsPage {
    nav: Nav,
    connections: Vec<ConnectionRow>,
    /// Each endpoint and how its deliveries stand, in words.
    endpoints: Vec<(WebhookEndpoint, String)>,
    forms: Vec<FormAction>,
    /// An endpoint just registered: its id and secret, shown this once.
    created: Option<(String, String)>,
}

async fn endpoints_page(web: &Web, who: &SignedIn) -> Result<EndpointsPage, PageError> {
    let connections = web
        .app
        .connections(&who.actor)
        .await?
        .into_iter()
        .map(|c| ConnectionRow {
            title: c.title,
            configured: c.configured,
            how: c.how,
            last_success: c
                .last_success_at
                .map(|at| shown(web, at))
                .unwrap_or_default(),
            last_error: match (c.last_error_at, c.last_error) {
                (Some(at), Some(error)) => format!("{}: {error}", shown(web, at)),
                _ => String::new(),
            },
            successes: c.successes,
            failures: c.failures,
        })
        .collect();
    Ok(EndpointsPage {
        nav: Nav::of(who),
        connections,
        endpoints: web
            .app
            .webhook_endpoints_with_status(&who.actor)
            .await?
            .into_iter()
            .map(|(e, s)| {
                let mut words = format!(
                    "{} delivered, {} waiting, {} given up",
                    s.delivered, s.waiting, s.given_up
                );
                if let Some(at) = s.last_delivered_at {
                    words.push_str(&format!("; last delivered {}", shown(web, at)));
                }
                if let Some(at) = s.last_failed_at {
                    words.push_str(&format!("; last failure {}", shown(web, at)));
                }
                (e, words)
            })
            .collect(),
        forms: vec![register_form()],
        created: None,
    })
}

/// `GET /staff/admin/webhooks`.
pub(crate) async fn list(State(web): State<Web>, Admin(who): Admin) -> Result<Response, PageError> {
    Ok(no_store(endpoints_page(&web, &who).await?.into_response()))
}

/// `POST /staff/admin/webhooks`: registers an endpoint. Answered directly rather than
/// redirected, since the page shows the secret, once; a refusal comes back at its field.
pub(crate) async fn register(
    State(web): State<Web>,
    Admin(who): Admin,
    form: StepForm,
) -> Result<Response, PageError> {
    let events = vec![form.get("events")];
    let result = web
        .app
        .create_webhook_endpoint(
            &who.actor,
            &form.get("url"),
            &events,
            &form.get("description"),
        )
        .await;
    match result {
        Ok(created) => {
            let mut out = endpoints_page(&web, &who).await?;
            out.created = Some((created.endpoint.id, created.secret));
            Ok(no_store(out.into_response()))
        }
        Err(e @ AppError::Invalid { .. }) => {
            let mut out = endpoints_page(&web, &who).await?;
            let refused = Refused::new("webhook", e.to_string(), &form.0);
            out.forms = with_refusal(out.forms, Some(&refused));
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// One delivery as the log shows it.
struct DeliveryRow {
    id: String,
    created: String,
    event_type: String,
    case_id: String,
    attempts: i64,
    /// The receiver's last answer, or why there was none.
    answer: String,
    /// Delivered at, next attempt at, or given up.
    state: String,
}

impl DeliveryRow {
    fn of(web: &Web, d: WebhookDelivery) -> DeliveryRow {
        let answer = match (&d.last_status, &d.last_error) {
            (_, Some(error)) => error.clone(),
            (Some(status), None) => format!("HTTP {status}"),
            (None, None) => "not tried yet".into(),
        };
        let state = match (d.delivered_at, d.next_attempt_at) {
            (_, Some(next)) => format!("next attempt {}", shown(web, next)),
            (Some(at), None) => format!("delivered {}", shown(web, at)),
            (None, None) => "given up".into(),
        };
        DeliveryRow {
            created: shown(web, d.created_at),
            id: d.id,
            event_type: d.event_type,
            case_id: d.case_id,
            attempts: d.attempts,
            answer,
            state,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "console/webhook.html")]
struct EndpointPage {
    nav: Nav,
    endpoint: WebhookEndpoint,
    deliveries: Vec<DeliveryRow>,
    notice: Option<&'static str>,
}

/// What the redirect after a change says.
#[derive(serde::Deserialize)]
pub(crate) struct Done {
    saved: Option<String>,
}

/// `GET /staff/admin/webhooks/{id}`: the endpoint and its last 200 deliveries.
pub(crate) async fn endpoint(
    State(web): State<Web>,
    Admin(who): Admin,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let endpoint = web.app.webhook_endpoint(&who.actor, &id).await?;
    let deliveries = web
        .app
        .webhook_deliveries(&who.actor, &id, 200)
        .await?
        .into_iter()
        .map(|d| DeliveryRow::of(&web, d))
        .collect();
    let notice = match done.saved.as_deref() {
        Some("resent") => Some("The delivery is queued again, with the same message id."),
        Some("enabled") => Some("The endpoint receives messages again from the next event on."),
        Some("disabled") => Some("The endpoint is disabled: nothing more is sent to it."),
        _ => None,
    };
    Ok(no_store(
        EndpointPage {
            nav: Nav::of(&who),
            endpoint,
            deliveries,
            notice,
        }
        .into_response(),
    ))
}

/// `POST /staff/admin/webhooks/{id}/{change}`: `enable` or `disable`.
pub(crate) async fn change(
    State(web): State<Web>,
    Admin(who): Admin,
    Path((id, change)): Path<(String, String)>,
    _form: StepForm,
) -> Result<Response, PageError> {
    let enabled = match change.as_str() {
        "enable" => true,
        "disable" => false,
        _ => return Err(PageError::not_found()),
    };
    web.app
        .set_webhook_endpoint_enabled(&who.actor, &id, enabled)
        .await?;
    Ok(see_other(&format!(
        "/staff/admin/webhooks/{id}?saved={change}d"
    )))
}

/// `POST /staff/admin/webhooks/{id}/deliveries/{delivery}/resend`.
pub(crate) async fn resend(
    State(web): State<Web>,
    Admin(who): Admin,
    Path((id, delivery)): Path<(String, String)>,
    _form: StepForm,
) -> Result<Response, PageError> {
    web.app.resend_webhook(&who.actor, &delivery).await?;
    Ok(see_other(&format!(
        "/staff/admin/webhooks/{id}?saved=resent"
    )))
}
