//! Server-rendered pages over the same app layer as the JSON API: the customer portal (`/`) and
//! the staff console (`/staff`). Real forms that work without JavaScript; errors shown next to
//! the field with the input kept; every signed-in POST carries the session's CSRF token.
//!
//! `portal/` holds the customer's pages, `console/` the staff's, `view` what both share,
//! `extract` who is asking, `decision` and `ledger` the policy's answer and the order's account as
//! both show them.

pub(crate) mod brand;
pub(crate) mod console;
mod conversation;
mod decision;
mod extract;
pub(crate) mod i18n;
mod ledger;
pub(crate) mod portal;
mod view;

pub(crate) use console::*;
pub(crate) use portal::*;
pub(crate) use view::*;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::Web;

/// The pages' routes. Forms that carry files take `upload_limit` bytes.
pub(crate) fn router(upload_limit: usize) -> Router<Web> {
    Router::new()
        .route("/", get(home))
        .route("/sign-in", post(request_link))
        .route("/sign-out", post(sign_out))
        .route("/language", post(i18n::choose))
        .route("/logo/{file}", get(brand::logo_file))
        .route("/orders/{number}", get(order_page))
        .route(
            "/orders/{number}/request",
            get(portal::wizard::start)
                .post(portal::wizard::submit)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/orders/{number}/messages",
            post(conversation::customer_on_order).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/orders/{number}/{answer}", post(order_answer))
        .route("/cases/{id}", get(customer_case))
        .route("/cases/{id}/slip", get(portal::slip::slip))
        .route("/cases/{id}/slip.pdf", get(portal::slip::slip_pdf))
        .route(
            "/cases/{id}/appeal",
            post(customer_appeal).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/cases/{id}/messages",
            post(conversation::customer_on_case).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/cases/{id}/{action}", post(customer_case_action))
        .route(
            "/staff/sign-in",
            get(staff_sign_in_page).post(staff_sign_in),
        )
        .route("/staff", get(staff_dashboard))
        .route("/staff/cases", get(console::cases::list))
        .route("/staff/admin", get(console::admin::show))
        .route("/staff/admin/staff", post(console::admin::create_staff))
        .route("/staff/admin/shop", post(console::admin::update_shop))
        .route(
            "/staff/admin/shop/logo",
            post(console::admin::upload_logo).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/staff/admin/shop/logo/remove",
            post(console::admin::remove_logo),
        )
        .route(
            "/staff/admin/staff/{id}",
            get(console::staff::account).post(console::staff::edit),
        )
        .route(
            "/staff/admin/staff/{id}/{change}",
            post(console::staff::change),
        )
        .route("/staff/account", get(console::staff::own))
        .route(
            "/staff/account/password",
            post(console::staff::change_password),
        )
        .route(
            "/staff/set-password/{token}",
            get(console::staff::set_password_page).post(console::staff::set_password),
        )
        .route(
            "/staff/admin/webhooks",
            get(console::webhooks::list).post(console::webhooks::register),
        )
        .route(
            "/staff/admin/webhooks/{id}",
            get(console::webhooks::endpoint),
        )
        .route(
            "/staff/admin/webhooks/{id}/{change}",
            post(console::webhooks::change),
        )
        .route(
            "/staff/admin/webhooks/{id}/deliveries/{delivery}/resend",
            post(console::webhooks::resend),
        )
        .route("/staff/admin/api-keys", post(console::admin::create_key))
        .route(
            "/staff/admin/api-keys/{id}/revoke",
            post(console::admin::revoke_key),
        )
        .route(
            "/staff/admin/import",
            post(console::admin::import).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/staff/admin/orders.csv", get(console::admin::export))
        .route(
            "/staff/policy",
            get(console::policy::show).post(console::policy::simulate),
        )
        .route("/staff/calendar", get(console::policy::calendar))
        .route("/staff/orders/{number}", get(console::cases::order))
        .route(
            "/staff/orders/{number}/invoices/{shipment}",
            get(console::cases::commercial_invoice),
        )
        .route(
            "/staff/orders/{number}/messages",
            post(conversation::staff_on_order).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/staff/orders/{number}/no-reply-needed",
            post(conversation::no_reply_on_order),
        )
        .route(
            "/staff/cases/{id}/messages",
            post(conversation::staff_on_case).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/staff/cases/{id}/no-reply-needed",
            post(conversation::no_reply_on_case),
        )
        .route(
            "/staff/conversations",
            get(console::conversations::awaiting),
        )
        .route("/staff/cases/{id}", get(staff_case))
        .route(
            "/staff/cases/{id}/files/{action}",
            post(staff_step_with_files).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/staff/cases/{id}/{action}", post(staff_case_action))
        .route("/static/app.css", get(stylesheet))
        .route("/favicon.ico", get(favicon))
        .route(
            "/sign-in/{token}",
            get(crate::auth::link_page).post(crate::auth::use_link),
        )
        .route_layer(axum::middleware::from_fn(extract::same_site))
        .route_layer(axum::middleware::from_fn(i18n::in_language))
}

/// A stored case as the pages' unit tests build it.
#[cfg(test)]
pub(crate) fn test_case(
    kind: aftercare_store::CaseKind,
    state: &str,
    data: serde_json::Value,
) -> aftercare_store::CaseRecord {
    let at: jiff::Timestamp = "2026-03-20T02:00:00Z".parse().unwrap();
    aftercare_store::CaseRecord {
        id: "c1".into(),
        kind,
        order_id: "o1".into(),
        order_number: "LM-1".into(),
        customer_email: "ana@example.com".into(),
        rma: None,
        state: state.into(),
        is_open: true,
        deadline: Some(jiff::civil::date(2026, 3, 25)),
        amount_minor: None,
        version: 1,
        data: data.into(),
        created_at: at,
        updated_at: at,
        tracking_number: None,
    }
}
