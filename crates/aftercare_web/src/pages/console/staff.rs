//! Staff accounts on the console: an admin's page for one account (edit it, deactivate or
//! reactivate it, send a set-password link, read its history), a staff member's own account
//! (change the password), and the page a set-password link opens.

use std::net::SocketAddr;

use aftercare_app::AppError;
use aftercare_app::accounts::{SignedIn, StaffAccount, parse_staff_role};
use aftercare_app::staff::{PasswordChange, StaffChange};
use aftercare_core::cases::Role;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::pages::extract::{Admin, Staff};
use crate::pages::{Field, FormAction, Nav, Refused, StepForm, no_store, see_other};
use crate::{ApiError, PageError, Web};

/// An account's details as a form: as stored, or as typed with the refusal at its field.
#[derive(Default)]
pub(crate) struct AccountForm {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) roles: Vec<String>,
    pub(crate) email_error: Option<String>,
    pub(crate) name_error: Option<String>,
    pub(crate) password_error: Option<String>,
    pub(crate) roles_error: Option<String>,
}

impl AccountForm {
    pub(crate) fn of(account: &StaffAccount) -> AccountForm {
        AccountForm {
            email: account.email.clone(),
            name: account.name.clone(),
            roles: account.roles.iter().map(|r| r.id().to_owned()).collect(),
            ..AccountForm::default()
        }
    }

    /// The form as sent, with `message` next to the field `field` names.
    pub(crate) fn refused(form: &StepForm, field: &str, message: String) -> AccountForm {
        let mut out = AccountForm {
            email: form.get("email"),
            name: form.get("name"),
            roles: form.all("roles"),
            ..AccountForm::default()
        };
        let slot = match field {
            "email" => &mut out.email_error,
            "name" => &mut out.name_error,
            "password" => &mut out.password_error,
            _ => &mut out.roles_error,
        };
        *slot = Some(crate::pages::plain_words(&message));
        out
    }

    pub(crate) fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// The staff roles' names, as the forms offer them.
pub(crate) fn all_roles() -> Vec<&'static str> {
    aftercare_app::accounts::STAFF_ROLES
        .iter()
        .map(|r| r.id())
        .collect()
}

/// The roles ticked on a form.
pub(crate) fn ticked_roles(form: &StepForm) -> Vec<Role> {
    form.all("roles")
        .iter()
        .filter_map(|r| parse_staff_role(r))
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "console/staff.html")]
struct AccountPage {
    nav: Nav,
    account: StaffAccount,
    form: AccountForm,
    all_roles: Vec<&'static str>,
    /// The page's own admin: no deactivate button on their own account.
    is_self: bool,
    /// (when, what, by whom), oldest first.
    history: Vec<(String, String, String)>,
    notice: Option<&'static str>,
    /// Why a deactivation, a reactivation or a link was refused.
    error: Option<String>,
}

/// What the redirect after a change says.
#[derive(serde::Deserialize)]
pub(crate) struct Done {
    saved: Option<String>,
}

fn notice(saved: Option<&str>) -> Option<&'static str> {
    Some(match saved? {
        "edited" => "The account is saved. New roles apply from the person's next page.",
        "deactivated" => "The account is deactivated: its sessions ended and it cannot sign in.",
        "reactivated" => "The account is active again: it can sign in.",
        "password-link" => {
            "A set-password link is on its way to the account's e-mail. It works once, for a day; any earlier link stopped working."
        }
        "password" => "Your password is changed. Your other sessions have ended.",
        _ => return None,
    })
}

async fn account_page(web: &Web, who: &SignedIn, id: &str) -> Result<AccountPage, PageError> {
    let (account, history) = web.app.staff_account(&who.actor, id).await?;
    let zone = crate::pages::shop_zone(web);
    let history = history
        .into_iter()
        .map(|StaffChange { change, by, at }| {
            let when = at
                .to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string();
            (when, change, by)
        })
        .collect();
    Ok(AccountPage {
        nav: Nav::of(who),
        form: AccountForm::of(&account),
        is_self: account.id == who.actor.id,
        account,
        all_roles: all_roles(),
        history,
        notice: None,
        error: None,
    })
}

/// `GET /staff/admin/staff/{id}`: one account, its forms and its history.
pub(crate) async fn account(
    State(web): State<Web>,
    Admin(who): Admin,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut out = account_page(&web, &who, &id).await?;
    out.notice = notice(done.saved.as_deref());
    Ok(no_store(out.into_response()))
}

/// `POST /staff/admin/staff/{id}`: the account's e-mail, name and roles; a refusal comes back at
/// its field with what was typed.
pub(crate) async fn edit(
    State(web): State<Web>,
    Admin(who): Admin,
    Path(id): Path<String>,
    form: StepForm,
) -> Result<Response, PageError> {
    let result = web
        .app
        .edit_staff(
            &who.actor,
            &id,
            &form.get("email"),
            &form.get("name"),
            &ticked_roles(&form),
        )
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!("/staff/admin/staff/{id}?saved=edited"))),
        Err(AppError::Invalid { field, message }) => {
            let mut out = account_page(&web, &who, &id).await?;
            out.form = AccountForm::refused(&form, &field, message.to_string());
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/admin/staff/{id}/{change}`: `deactivate` (with the confirmation ticked),
/// `reactivate` or `password-link`; each kept with who and when.
pub(crate) async fn change(
    State(web): State<Web>,
    Admin(who): Admin,
    Path((id, change)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    let result = match change.as_str() {
        "deactivate" if form.get("confirm").is_empty() => Err(AppError::Invalid {
            field: "confirm".into(),
            message: "tick the box to confirm the deactivation".into(),
        }),
        "deactivate" => web.app.set_staff_active(&who.actor, &id, false).await,
        "reactivate" => web.app.set_staff_active(&who.actor, &id, true).await,
        "password-link" => web.app.send_password_link(&who.actor, &id).await,
        _ => return Err(PageError::not_found()),
    };
    let saved = match change.as_str() {
        "password-link" => "password-link".to_owned(),
        _ => format!("{change}d"),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/staff/admin/staff/{id}?saved={saved}"))),
        Err(AppError::Invalid { message, .. }) => {
            let mut out = account_page(&web, &who, &id).await?;
            out.error = Some(crate::pages::plain_words(&message.to_string()));
            Ok(no_store(
                (StatusCode::UNPROCESSABLE_ENTITY, out).into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The change-password form: the current password, the new one twice. Passwords are never
/// sent back into a page.
fn password_form() -> FormAction {
    FormAction {
        name: "password",
        label: "Change the password".into(),
        fields: vec![
            Field::text("current", "Your current password").kind("password"),
            Field::text(
                "password",
                &format!(
                    "New password (at least {} characters)",
                    aftercare_app::accounts::MIN_PASSWORD_CHARS
                ),
            )
            .kind("password"),
            Field::text("repeat", "The new password again").kind("password"),
        ],
        error: None,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "console/account.html")]
struct OwnAccountPage {
    nav: Nav,
    email: String,
    roles: String,
    forms: Vec<FormAction>,
    notice: Option<&'static str>,
}

fn own_page(who: &SignedIn, email: String) -> OwnAccountPage {
    OwnAccountPage {
        nav: Nav::of(who),
        email,
        roles: who
            .actor
            .roles
            .iter()
            .map(|r| r.id())
            .collect::<Vec<_>>()
            .join(", "),
        forms: vec![password_form()],
        notice: None,
    }
}

/// `GET /staff/account`: the signed-in staff member's own account.
pub(crate) async fn own(
    State(web): State<Web>,
    Staff(who): Staff,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let email = web.app.own_email(&who.actor).await?;
    let mut out = own_page(&who, email);
    out.notice = notice(done.saved.as_deref());
    Ok(no_store(out.into_response()))
}

/// `POST /staff/account/password`: a new password, given the current one; this session stays,
/// every other one of the account ends.
pub(crate) async fn change_password(
    State(web): State<Web>,
    Staff(who): Staff,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: StepForm,
) -> Result<Response, PageError> {
    let token = crate::auth::session_token(&headers, web.secure).unwrap_or_default();
    let result = web
        .app
        .change_own_password(
            &who.actor,
            &token,
            &form.raw("current"),
            &form.raw("password"),
            &form.raw("repeat"),
            peer.ip(),
        )
        .await;
    let email = web.app.own_email(&who.actor).await?;
    let mut out = own_page(&who, email);
    let (status, message) = match result {
        Ok(PasswordChange::Changed) => return Ok(see_other("/staff/account?saved=password")),
        Ok(PasswordChange::Throttled) => (
            StatusCode::TOO_MANY_REQUESTS,
            "current: too many wrong passwords; wait a quarter of an hour and try again".to_owned(),
        ),
        Err(e @ AppError::Invalid { .. }) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        Err(e) => return Err(e.into()),
    };
    out.forms =
        crate::pages::with_refusal(out.forms, Some(&Refused::new("password", message, &[])));
    Ok(no_store((status, out).into_response()))
}

#[derive(Template, WebTemplate)]
#[template(path = "console/set_password.html")]
struct SetPasswordPage {
    /// The account the link is for; `None` when the link no longer works.
    email: Option<String>,
    forms: Vec<FormAction>,
}

fn set_password_form() -> FormAction {
    let mut form = password_form();
    form.label = "Set the password".into();
    form.fields.remove(0);
    form
}

fn link_gone() -> Response {
    (
        StatusCode::GONE,
        SetPasswordPage {
            email: None,
            forms: Vec::new(),
        },
    )
        .into_response()
}

/// `GET /staff/set-password/{token}`: the form, while the link works. Opening it changes
/// nothing, so a mail scanner that follows the link uses nothing up.
pub(crate) async fn set_password_page(
    State(web): State<Web>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    Ok(no_store(
        match web.app.password_link_account(&token).await? {
            Some(account) => SetPasswordPage {
                email: Some(account.email),
                forms: vec![set_password_form()],
            }
            .into_response(),
            None => link_gone(),
        },
    ))
}

#[derive(serde::Deserialize)]
pub(crate) struct NewPassword {
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

/// `POST /staff/set-password/{token}`: sets the password and sends the person to sign in with
/// it. The link is the proof: nobody is signed in here.
pub(crate) async fn set_password(
    State(web): State<Web>,
    Path(token): Path<String>,
    form: Result<Form<NewPassword>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    match web
        .app
        .set_password_by_link(&token, &form.password, &form.repeat)
        .await
    {
        Ok(true) => Ok(see_other("/staff/sign-in?password=set")),
        Ok(false) => Ok(no_store(link_gone())),
        Err(e @ AppError::Invalid { .. }) => {
            let Some(account) = web.app.password_link_account(&token).await? else {
                return Ok(no_store(link_gone()));
            };
            let refused = Refused::new("password", e.to_string(), &[]);
            Ok(no_store(
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    SetPasswordPage {
                        email: Some(account.email),
                        forms: crate::pages::with_refusal(
                            vec![set_password_form()],
                            Some(&refused),
                        ),
                    },
                )
                    .into_response(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
