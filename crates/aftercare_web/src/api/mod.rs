//! The JSON API for people and systems, one module per resource. Each handler carries its own
//! `#[utoipa::path]`: the path is written once, and both the route and the OpenAPI 3.1 document
//! at `/api/openapi.json` come from it. Request and response schemas are derived from the real
//! types of core and app (their `openapi` feature). Which roles may take a step, and in which
//! state, is decided by the app and the core's case machines, never here.

mod admin;
mod appeals;
mod buyback;
mod cases;
mod connections;
mod conversations;
mod evidence;
mod fulfilment;
mod health;
mod inbound_mail;
mod orders;
mod policy;
mod refunds;
mod returns;
pub(crate) mod shop;
mod types;
mod webhooks;

use std::sync::Arc;

use aftercare_app::AppError;
use axum::Json;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::QueryRejection;
use axum::routing::get;
use std::collections::BTreeMap;

use axum::http::StatusCode;
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{
    ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Ref, RefOr, Required, ResponseBuilder,
};
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::Problem;
use crate::{ApiError, Web};

/// The API's routes, and the document that describes them. Uploads take `upload_limit` bytes;
/// every other body the server-wide JSON limit.
pub(crate) fn router(upload_limit: usize) -> axum::Router<Web> {
    let (router, mut document) = OpenApiRouter::with_openapi(base_document())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(health::metrics))
        .routes(routes!(policy::evaluate))
        .routes(routes!(
            crate::auth::staff_sign_in,
            crate::auth::whoami,
            crate::auth::sign_out
        ))
        .routes(routes!(crate::auth::request_link))
        .routes(routes!(shop::push_order, orders::list))
        .routes(routes!(orders::get))
        .routes(routes!(orders::ledger))
        .routes(routes!(shop::push_fulfilment))
        .routes(routes!(fulfilment::verify_payment))
        .routes(routes!(fulfilment::report_shortage))
        .routes(routes!(fulfilment::answer_shortage))
        .routes(routes!(fulfilment::start_assembly))
        .routes(routes!(fulfilment::submit_assembly_media))
        .routes(routes!(fulfilment::approve_photos))
        .routes(routes!(fulfilment::request_changes))
        .routes(routes!(fulfilment::pack))
        .routes(routes!(fulfilment::ship))
        .routes(routes!(fulfilment::sign))
        .routes(routes!(fulfilment::returned_to_sender))
        .routes(routes!(fulfilment::reship))
        .routes(routes!(fulfilment::settle_returned_parcel))
        .routes(routes!(fulfilment::hold_at_customs))
        .routes(routes!(fulfilment::release_from_customs))
        .routes(routes!(fulfilment::destroyed_at_customs))
        .routes(routes!(fulfilment::cancel))
        .routes(routes!(returns::create))
        .routes(routes!(returns::get))
        .routes(routes!(returns::approve))
        .routes(routes!(returns::reject))
        .routes(routes!(returns::send_to_buyback))
        .routes(routes!(returns::ship))
        .routes(routes!(returns::receive))
        .routes(routes!(returns::pass_inspection))
        .routes(routes!(returns::fail_inspection))
        .routes(routes!(returns::choose_send_back))
        .routes(routes!(returns::choose_buyback))
        .routes(routes!(refunds::grant))
        .routes(routes!(refunds::get))
        .routes(routes!(refunds::send))
        .routes(routes!(refunds::settle))
        .routes(routes!(buyback::create))
        .routes(routes!(buyback::parcel_without_rma))
        .routes(routes!(buyback::get))
        .routes(routes!(buyback::grade))
        .routes(routes!(buyback::quote))
        .routes(routes!(buyback::accept))
        .routes(routes!(buyback::decline))
        .routes(routes!(buyback::expire))
        .routes(routes!(buyback::ship))
        .routes(routes!(buyback::receive))
        .routes(routes!(buyback::confirm))
        .routes(routes!(buyback::revise))
        .routes(routes!(buyback::accept_revision))
        .routes(routes!(buyback::ask_for_item_back))
        .routes(routes!(buyback::mark_paid))
        .routes(routes!(appeals::create))
        .routes(routes!(appeals::get))
        .routes(routes!(appeals::uphold))
        .routes(routes!(appeals::change))
        .routes(routes!(appeals::mediation))
        .routes(routes!(cases::get))
        .routes(routes!(cases::timeline))
        .routes(routes!(cases::queue))
        .routes(routes!(
            conversations::order_messages,
            conversations::post_order_message
        ))
        .routes(routes!(
            conversations::case_messages,
            conversations::post_case_message
        ))
        .routes(routes!(conversations::awaiting))
        .routes(routes!(evidence::upload).layer(DefaultBodyLimit::max(upload_limit)))
        .routes(routes!(evidence::download))
        .routes(routes!(evidence::thumbnail))
        .routes(routes!(admin::create_staff, admin::list_staff))
        .routes(routes!(admin::create_api_key))
        .routes(routes!(admin::revoke_api_key))
        .routes(routes!(webhooks::create_endpoint, webhooks::list_endpoints))
        .routes(routes!(webhooks::change_endpoint))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::resend))
        .routes(routes!(webhooks::tracking_events))
        .routes(routes!(connections::stripe_events))
        .routes(routes!(connections::shopify_webhooks))
        .routes(routes!(connections::aftership_events))
        .routes(routes!(connections::list))
        .routes(routes!(inbound_mail::inbound_mail).layer(DefaultBodyLimit::max(upload_limit)))
        .split_for_parts();
    complete(&mut document);
    let document = Arc::new(document);
    router.route(
        "/api/openapi.json",
        get(move || {
            let document = document.clone();
            async move { Json(document) }
        }),
    )
}

/// What the document says before the handlers add their operations.
fn base_document() -> OpenApi {
    let mut document = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Aftercare")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Orders, returns, refunds, buyback and appeals of a cross-border shop, run by its published policy. Errors are RFC 9457 problem JSON with a stable `code` and the offending `field`. Case steps take an optional `version` (the case's, to refuse stale writes) and `note` (kept in the history).",
                ))
                .build(),
        )
        .tags(Some(
            [
                "health",
                "policy",
                "sign-in",
                "orders",
                "fulfilment",
                "returns",
                "refunds",
                "buyback",
                "appeals",
                "cases",
                "conversations",
                "evidence",
                "connections",
                "admin",
            ]
            .map(|t| TagBuilder::new().name(t).build()),
        ))
        .build();
    let components = document.components.get_or_insert_with(Default::default);
    components
        .schemas
        .insert(Problem::name().into_owned(), Problem::schema());
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            "aftercare",
            "The session cookie set at sign-in (`__Host-aftercare` over TLS). Writes from another site are refused.",
        ))),
    );
    components.add_security_scheme(
        "stripeSignature",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "Stripe-Signature",
            "Stripe's signature of the body (`t=...,v1=...`) under the webhook endpoint's signing secret (`AFTERCARE_STRIPE_WEBHOOK_SECRET`)",
        ))),
    );
    components.add_security_scheme(
        "shopifyHmac",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-Shopify-Hmac-Sha256",
            "The base64 HMAC-SHA256 of the body under the Shopify app's client secret (`AFTERCARE_SHOPIFY_WEBHOOK_SECRET`)",
        ))),
    );
    components.add_security_scheme(
        "aftershipHmac",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "aftership-hmac-sha256",
            "The base64 HMAC-SHA256 of the body under AfterShip's webhook secret (`AFTERCARE_AFTERSHIP_WEBHOOK_SECRET`)",
        ))),
    );
    components.add_security_scheme(
        "apiKey",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "An API key (`ac_...`) created by an admin, for the shop's store",
                ))
                .build(),
        ),
    );
    document
}

/// The answers every operation of a kind can give, by status: every operation may find its
/// input invalid; a secured one may meet no credentials, the wrong role or a case that is not
/// the caller's; a secured write may find the case in another step; a write with a body may
/// find it too large or not JSON. Each is described once, in the components.
const COMMON_ANSWERS: [(&str, &str, &str); 8] = [
    (
        "400",
        "BadRequest",
        "Unreadable body, query or missing header",
    ),
    ("422", "Invalid", "A field is invalid; `field` names it"),
    ("401", "Unauthenticated", "No valid session or API key"),
    ("403", "Forbidden", "Not a step of your role"),
    ("404", "NotFound", "Absent, or not yours"),
    (
        "409",
        "Conflict",
        "Not possible in the case's current step, or a stale version",
    ),
    (
        "413",
        "TooLarge",
        "The body, or an uploaded file, is over its limit",
    ),
    (
        "415",
        "UnsupportedMediaType",
        "The body is not `application/json` (multipart for uploads)",
    ),
];

/// Completes what the handlers' annotations leave implicit: the common problem answers, a
/// description on every answer, operation ids unique across resources (`returns_ship`,
/// `buyback_ship`), and step bodies without required fields marked as optional (an empty body
/// is such a step).
fn complete(document: &mut OpenApi) {
    let components = document.components.get_or_insert_with(Default::default);
    for (_, name, description) in COMMON_ANSWERS {
        let answer = ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(Problem::name())))
                    .build(),
            )
            .build();
        components.responses.insert(name.to_owned(), answer.into());
    }
    flatten_step_bodies(&mut components.schemas);
    let schemas = components.schemas.clone();
    for item in document.paths.paths.values_mut() {
        let operations = [
            (HttpMethod::Get, &mut item.get),
            (HttpMethod::Post, &mut item.post),
            (HttpMethod::Delete, &mut item.delete),
        ];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                complete_operation(method, operation, &schemas);
            }
        }
    }
}

fn complete_operation(
    method: HttpMethod,
    operation: &mut Operation,
    schemas: &BTreeMap<String, RefOr<Schema>>,
) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    if let Some(RefOr::T(body)) = &mut operation.request_body
        && body_may_be_left_out(body, schemas)
    {
        body.required = Some(Required::False);
    }
    let with_body = operation.request_body.is_some();
    for (status, name, _) in COMMON_ANSWERS {
        let applies = match status {
            "400" | "422" => true,
            "401" | "403" | "404" => secured,
            "409" => secured && method == HttpMethod::Post,
            _ => with_body,
        };
        if applies {
            operation
                .responses
                .responses
                .entry(status.to_owned())
                .or_insert_with(|| Ref::new(format!("#/components/responses/{name}")).into());
        }
    }
    for (status, answer) in &mut operation.responses.responses {
        if let RefOr::T(answer) = answer
            && answer.description.is_empty()
        {
            answer.description = status
                .parse::<u16>()
                .ok()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Done")
                .to_owned();
        }
    }
    if let (Some(tag), Some(id)) = (
        operation.tags.as_ref().and_then(|t| t.first()),
        &mut operation.operation_id,
    ) {
        *id = format!("{}_{id}", tag.replace('-', "_"));
    }
}

/// A step body is derived as `allOf: [T, {version, note}]`; when `T` is an object that refuses
/// fields it does not know, that `allOf` would refuse `version` and `note` too. Such bodies are
/// written as the one object they are on the wire: `T`'s fields with `version` and `note`.
fn flatten_step_bodies(schemas: &mut BTreeMap<String, RefOr<Schema>>) {
    let all = schemas.clone();
    let object = |schema: &RefOr<Schema>| match resolve(schema, &all) {
        Some(Schema::Object(o)) => Some(o.clone()),
        _ => None,
    };
    for (name, schema) in schemas.iter_mut() {
        let RefOr::T(Schema::AllOf(step)) = schema else {
            continue;
        };
        if !name.starts_with("StepBody_") {
            continue;
        }
        let (Some(mut flat), Some(common)) = (
            step.items.first().and_then(object),
            step.items.get(1).and_then(object),
        ) else {
            continue;
        };
        flat.properties.extend(common.properties);
        flat.description = step.description.clone();
        *schema = RefOr::T(Schema::Object(flat));
    }
}

/// A schema, or the component a reference names.
fn resolve<'a>(
    schema: &'a RefOr<Schema>,
    schemas: &'a BTreeMap<String, RefOr<Schema>>,
) -> Option<&'a Schema> {
    match schema {
        RefOr::T(s) => Some(s),
        RefOr::Ref(r) => match schemas.get(r.ref_location.rsplit('/').next()?)? {
            RefOr::T(s) => Some(s),
            RefOr::Ref(_) => None,
        },
    }
}

/// A step body whose own fields require nothing: the body may be left out.
fn body_may_be_left_out(
    body: &utoipa::openapi::request_body::RequestBody,
    schemas: &BTreeMap<String, RefOr<Schema>>,
) -> bool {
    let Some(RefOr::T(content)) = body.content.get("application/json") else {
        return false;
    };
    match content.schema.as_ref().and_then(|s| resolve(s, schemas)) {
        Some(Schema::Object(step)) => {
            step.required.is_empty() && step.properties.contains_key("version")
        }
        _ => false,
    }
}

fn bad_query(r: QueryRejection) -> ApiError {
    // serde's message names the parameter (`limit: invalid digit...`, `unknown field `x``).
    let message = r.body_text();
    let field = message
        .split_once(": ")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once(':').map(|(f, _)| f.trim().to_owned()))
        .filter(|f| !f.contains(' '))
        .unwrap_or_else(|| "query".into());
    ApiError::App(AppError::Invalid {
        field,
        message: message.into(),
    })
}

/// Items per page: 50 unless asked, at most 200.
fn page_limit(limit: Option<u32>) -> Result<u32, ApiError> {
    match limit {
        None => Ok(50),
        Some(n @ 1..=200) => Ok(n),
        Some(_) => Err(crate::extract::invalid(
            "limit",
            "from 1 to 200 items a page",
        )),
    }
}

fn bad_cursor() -> ApiError {
    crate::extract::invalid("cursor", "not a cursor this server gave out")
}
