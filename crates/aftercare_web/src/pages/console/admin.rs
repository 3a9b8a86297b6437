//! The console's admin page: staff accounts and their roles, API keys for the shop's other
//! systems, and orders in and out as CSV. Admins only; everyone else is told so.

use aftercare_app::accounts::SignedIn;
use aftercare_app::csv_orders::{ImportReport, OrdersWriter, read_orders};
use aftercare_app::{AppError, SCOPES};
use aftercare_core::cases::Actor;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::io::AsyncWriteExt;

use crate::pages::console::staff::{AccountForm, all_roles, ticked_roles};
use crate::pages::extract::Admin;
use crate::pages::{Field, FormAction, Nav, Refused, StepForm, no_store, see_other, with_refusal};
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(
    source = "{% extends \"base.html\" %}{% block title %}Admins only{% endblock %}{% block home %}/staff{% endblock %}{% block nav %}{% include \"console/nav.html\" %}{% endblock %}{% block main %}<h1>Admins only</h1><p>This page is for admins. <a href=\"/staff\">Back to the queues</a>.</p>{% endblock %}",
    ext = "html"
)]
struct AdminsOnly {
    nav: Nav,
}

pub(crate) fn admins_only(who: &SignedIn) -> Response {
    (StatusCode::FORBIDDEN, AdminsOnly { nav: Nav::of(who) }).into_response()
}

struct StaffRow {
    id: String,
    /// The signed-in admin's own row: it has no deactivate button.
    is_self: bool,
    email: String,
    name: String,
    roles: String,
    created: String,
    disabled: bool,
}

struct KeyRow {
    id: String,
    name: String,
    prefix: String,
    scopes: String,
    created: String,
    revoked: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/admin.html")]
struct AdminPage {
    nav: Nav,
    staff: Vec<StaffRow>,
    keys: Vec<KeyRow>,
    /// The new-account form, as typed after a refusal.
    form: AccountForm,
    all_roles: Vec<&'static str>,
    scopes: Vec<&'static str>,
    key_name: String,
    /// The scopes ticked on the new-key form: every one at first, as sent after a refusal.
    key_scopes: Vec<String>,
    key_name_error: Option<String>,
    key_scopes_error: Option<String>,
    /// Why a key could not be revoked.
    key_error: Option<String>,
    /// A key just created: its id and secret, shown this once.
    new_key: Option<(String, String)>,
    notice: Option<String>,
    import: Option<ImportReport>,
    import_error: Option<String>,
    /// The shop's profile as a form (one, in a list for the shared field template).
    shop: Vec<FormAction>,
    /// The logo's address, when the shop has one.
    logo: Option<String>,
    /// Why an uploaded logo was refused.
    logo_error: Option<String>,
}

impl AdminPage {
    /// Whether the new-key form has `scope` ticked.
    fn ticked(&self, scope: &str) -> bool {
        self.key_scopes.iter().any(|k| k == scope)
    }
}

/// The shop's profile as its form, filled with the profile in use.
fn shop_form(profile: &aftercare_app::ShopProfile) -> FormAction {
    FormAction {
        name: "shop",
        label: "Save the shop's profile".into(),
        fields: vec![
            Field::text(
                "name",
                "The shop's name (every page's header; e-mails are signed with it)",
            )
            .value(profile.name.clone()),
            Field::textarea(
                "return_address",
                "Return warehouse: every new RMA sends parcels here (III.2)",
            )
            .value(profile.return_address.clone()),
            Field::text("contact_email", "Where customers write to customer service")
                .kind("email")
                .value(profile.contact_email.clone()),
        ],
        error: None,
    }
}

/// The signed-in admin, or the page anyone else gets: the sign-in form, or "admins only".
async fn page(web: &Web, who: &SignedIn) -> Result<AdminPage, ApiError> {
    let staff = web
        .app
        .staff_accounts(&who.actor)
        .await?
        .into_iter()
        .map(|a| StaffRow {
            is_self: a.id == who.actor.id,
            id: a.id,
            email: a.email,
            name: a.name,
            roles: a
                .roles
                .iter()
                .map(|r| r.id())
                .collect::<Vec<_>>()
                .join(", "),
            created: a.created_at.strftime("%Y-%m-%d").to_string(),
            disabled: a.disabled,
        })
        .collect();
    let keys = web
        .app
        .api_keys(&who.actor)
        .await?
        .into_iter()
        .map(|k| KeyRow {
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            scopes: k.scopes.join(", "),
            created: k.created_at.strftime("%Y-%m-%d").to_string(),
            revoked: k.revoked_at.map(|t| t.strftime("%Y-%m-%d").to_string()),
        })
        .collect();
    Ok(AdminPage {
        nav: Nav::of(who),
        staff,
        keys,
        form: AccountForm::default(),
        all_roles: all_roles(),
        scopes: SCOPES.to_vec(),
        key_name: String::new(),
        key_scopes: SCOPES.iter().map(|s| (*s).to_owned()).collect(),
        key_name_error: None,
        key_scopes_error: None,
        key_error: None,
        new_key: None,
        notice: None,
        import: None,
        import_error: None,
        shop: vec![shop_form(&web.app.shop_profile())],
        logo: web.app.shop_logo().map(|l| l.path()),
        logo_error: None,
    })
}

/// `GET /staff/admin`; after a saved form (`?saved=shop`, `deactivated`...), says so.
pub(crate) async fn show(
    State(web): State<Web>,
    Admin(who): Admin,
    Query(after): Query<Saved>,
) -> Result<Response, PageError> {
    let mut out = page(&web, &who).await?;
    out.notice = match after.saved.as_deref() {
        Some("shop") => Some(
            "The shop's profile is saved: pages, e-mails and new RMAs use it from now on.".into(),
        ),
        Some("logo") => Some("The logo is saved: every page shows it from now on.".into()),
        Some("logo-removed") => {
            Some("The logo is removed: pages show the shop's name alone.".into())
        }
        Some("revoked") => {
            Some("The key is revoked; systems using it are refused from now on.".into())
        }
        // Named by the account's id, never by text from the address bar.
        Some("staff") => out
            .staff
            .iter()
            .find(|s| after.account.as_deref() == Some(s.id.as_str()))
            .map(|s| format!("{} can now sign in as {}.", s.name, s.email)),
        _ => None,
    };
    Ok(no_store(out.into_response()))
}

/// The query the redirect after a saved form carries.
#[derive(serde::Deserialize)]
pub(crate) struct Saved {
    saved: Option<String>,
    account: Option<String>,
}

/// `POST /staff/admin/shop`: the shop's name, return warehouse and contact e-mail; kept with
/// who changed them and when. A refusal comes back at its field with what was typed.
pub(crate) async fn update_shop(
    State(web): State<Web>,
    Admin(who): Admin,
    form: StepForm,
) -> Result<Response, PageError> {
    let profile = aftercare_app::ShopProfile {
        name: form.get("name"),
        return_address: form.get("return_address"),
        contact_email: form.get("contact_email"),
    };
    match web.app.update_shop_profile(&who.actor, profile).await {
        Ok(_) => Ok(see_other("/staff/admin?saved=shop")),
        Err(e @ AppError::Invalid { .. }) => {
            let mut out = page(&web, &who).await?;
            let refused = Refused::new("shop", e.to_string(), &form.0);
            out.shop = with_refusal(out.shop, Some(&refused));
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/shop/logo` (multipart: `csrf`, then `file`): a JPEG, PNG or WebP made into
/// the shop's logo, shrunk to fit the header; a refusal comes back at the file field.
pub(crate) async fn upload_logo(
    State(web): State<Web>,
    Admin(who): Admin,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let file = checked_file(&who, multipart).await?;
    let limits = web.uploads;
    let made = match file.filter(|f| !f.is_empty()) {
        None => Err("choose a picture".to_owned()),
        Some(bytes) if bytes.len() as u64 > limits.image_bytes => Err(format!(
            "is larger than the {} MiB a picture may have",
            limits.image_bytes / (1024 * 1024)
        )),
        // Decoding takes CPU for a while: off the async workers.
        Some(bytes) => {
            tokio::task::spawn_blocking(move || crate::uploads::shop_logo_png(&bytes, limits))
                .await
                .unwrap_or_else(|e| Err(format!("could not be read: {e}")))
        }
    };
    let result = match made {
        Ok(png) => web.app.set_shop_logo(&who.actor, Some(png)).await,
        Err(message) => Err(AppError::Invalid {
            field: "logo".into(),
            message: message.into(),
        }),
    };
    match result {
        Ok(()) => Ok(see_other("/staff/admin?saved=logo")),
        Err(AppError::Invalid { message, .. }) => {
            let mut out = page(&web, &who).await?;
            out.logo_error = Some(crate::pages::plain_words(&message.to_string()));
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/shop/logo/remove`: pages show the shop's name alone again.
pub(crate) async fn remove_logo(
    State(web): State<Web>,
    Admin(who): Admin,
    _form: StepForm,
) -> Result<Response, PageError> {
    web.app.set_shop_logo(&who.actor, None).await?;
    Ok(see_other("/staff/admin?saved=logo-removed"))
}

/// A multipart form's `file` part, once its `csrf` part (which must come first) matched the
/// session: a forged request has nothing read.
async fn checked_file(
    who: &SignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Option<axum::body::Bytes>, PageError> {
    let mut multipart =
        multipart.map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?;
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?
    {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = crate::uploads::form_text(&mut field).await?,
            "file" => {
                if csrf != who.csrf_token {
                    return Err(ApiError::CrossSite.into());
                }
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| ApiError::Malformed(format!("file: {}", e.body_text())))?;
                file = Some(bytes);
            }
            _ => {}
        }
    }
    if csrf != who.csrf_token {
        return Err(ApiError::CrossSite.into());
    }
    Ok(file)
}

/// `POST /staff/admin/staff`: a new staff account; errors sit next to their fields.
pub(crate) async fn create_staff(
    State(web): State<Web>,
    Admin(who): Admin,
    form: StepForm,
) -> Result<Response, PageError> {
    let password = form.raw("password");
    let result = web
        .app
        .create_staff(
            &who.actor,
            &form.get("email"),
            &form.get("name"),
            &password,
            &ticked_roles(&form),
        )
        .await;
    match result {
        Ok(account) => Ok(see_other(&format!(
            "/staff/admin?saved=staff&account={}",
            account.id
        ))),
        Err(AppError::Invalid { field, message }) => {
            let mut out = page(&web, &who).await?;
            out.form = AccountForm::refused(&form, &field, message.to_string());
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/api-keys`: a key for another system; the secret is shown once.
pub(crate) async fn create_key(
    State(web): State<Web>,
    Admin(who): Admin,
    form: StepForm,
) -> Result<Response, PageError> {
    let scopes = form.all("scopes");
    let result = web
        .app
        .create_api_key(&who.actor, &form.get("key_name"), &scopes)
        .await;
    // Read after the write, so the new key is in the list.
    let mut out = page(&web, &who).await?;
    match result {
        Ok(key) => {
            out.new_key = Some((key.id, key.secret));
            Ok(no_store(out.into_response()))
        }
        Err(AppError::Invalid { field, message }) => {
            out.key_name = form.get("key_name");
            out.key_scopes = scopes;
            let message = crate::pages::plain_words(&message.to_string());
            if field == "scopes" {
                out.key_scopes_error = Some(message);
            } else {
                out.key_name_error = Some(message);
            }
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/api-keys/{id}/revoke`.
pub(crate) async fn revoke_key(
    State(web): State<Web>,
    Admin(who): Admin,
    Path(id): Path<String>,
    _form: StepForm,
) -> Result<Response, PageError> {
    match web.app.revoke_api_key(&who.actor, &id).await {
        Ok(()) => Ok(see_other("/staff/admin?saved=revoked")),
        Err(AppError::NotFound(_)) => {
            let mut out = page(&web, &who).await?;
            out.key_error = Some("That key does not exist or was already revoked.".into());
            Ok(no_store((StatusCode::NOT_FOUND, out).into_response()))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/import` (multipart, part `file`): orders from CSV, with every refused row
/// reported by its line.
pub(crate) async fn import(
    State(web): State<Web>,
    Admin(who): Admin,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let file = checked_file(&who, multipart).await?;
    let mut out = page(&web, &who).await?;
    let status = match file.filter(|f| !f.is_empty()) {
        None => {
            out.import_error = Some("file: choose a CSV file of orders".into());
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Some(bytes) => match read_orders(bytes.as_ref()) {
            Err(e) => {
                out.import_error = Some(format!("file: {e}"));
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Ok(read) => {
                out.import = Some(web.app.import_csv(&who.actor, &read, |_, _| {}).await?);
                StatusCode::OK
            }
        },
    };
    Ok(no_store((status, out).into_response()))
}

/// `GET /staff/admin/orders.csv`: every order as CSV, streamed a page at a time so that a large
/// shop's export does not sit in memory.
pub(crate) async fn export(
    State(web): State<Web>,
    Admin(who): Admin,
) -> Result<Response, PageError> {
    let (mut sink, source) = tokio::io::duplex(64 * 1024);
    let app = web.app.clone();
    let actor: Actor = who.actor.clone();
    tokio::spawn(async move {
        let mut after = None;
        let mut first = true;
        loop {
            let (page, next) = match app.export_page(&actor, after, 500).await {
                Ok(found) => found,
                Err(e) => {
                    // The response has started: the cut file is the client's signal.
                    tracing::error!(error = %e, "orders export stopped");
                    return;
                }
            };
            if page.is_empty() && !first {
                return;
            }
            let mut chunk = Vec::new();
            let written = (|| {
                // Only the first chunk carries the header line.
                let mut writer = if first {
                    OrdersWriter::new(&mut chunk)?
                } else {
                    OrdersWriter::continuing(&mut chunk)
                };
                for order in &page {
                    writer.write(order)?;
                }
                writer.finish()
            })();
            if let Err(e) = written {
                tracing::error!(error = %e, "orders export stopped");
                return;
            }
            if sink.write_all(&chunk).await.is_err() {
                return;
            }
            first = false;
            if page.is_empty() {
                return;
            }
            after = next;
        }
    });
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(source)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"orders.csv\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
