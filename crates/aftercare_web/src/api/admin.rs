//! Administration: staff accounts and the API keys of the shop's other systems.

use aftercare_app::accounts::StaffAccount;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Array, ArrayBuilder, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

use super::types::Items;
use crate::auth::Caller;
use crate::extract::{ApiJson, invalid};
use crate::{ApiError, Web};

/// A new staff account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewStaff {
    email: String,
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    password: String,
    #[schema(schema_with = staff_roles)]
    roles: Vec<String>,
}

/// One or more of the roles the app gives staff.
fn staff_roles() -> Array {
    names_of(aftercare_app::accounts::STAFF_ROLES.iter())
}

/// A non-empty list of names, each one of `values` as they are written in JSON.
fn names_of<T: Serialize>(values: impl Iterator<Item = T>) -> Array {
    let names = values.filter_map(|v| serde_json::to_value(v).ok());
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(names)),
        )
        .min_items(Some(1))
        .build()
}

/// Create a staff account.
///
/// Who: admin.
#[utoipa::path(post, path = "/api/v1/staff", tag = "admin", request_body(content = NewStaff),
    responses((status = 201, body = StaffAccount)), security(("session" = [])))]
pub(crate) async fn create_staff(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(new): ApiJson<NewStaff>,
) -> Result<Response, ApiError> {
    let mut roles = Vec::new();
    for (i, r) in new.roles.iter().enumerate() {
        roles.push(aftercare_app::accounts::parse_staff_role(r).ok_or_else(|| {
            invalid(
                &format!("roles[{i}]"),
                "one of agent, warehouse, finance, admin",
            )
        })?);
    }
    let account = web
        .app
        .create_staff(&caller.actor, &new.email, &new.name, &new.password, &roles)
        .await?;
    Ok((StatusCode::CREATED, Json(account)).into_response())
}

/// Staff accounts.
///
/// Who: admin.
#[utoipa::path(get, path = "/api/v1/staff", tag = "admin",
    responses((status = 200, body = Items<StaffAccount>)), security(("session" = [])))]
pub(crate) async fn list_staff(
    State(web): State<Web>,
    caller: Caller,
) -> Result<Json<Items<StaffAccount>>, ApiError> {
    let items = web.app.staff_accounts(&caller.actor).await?;
    Ok(Json(Items { items }))
}

/// A new API key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewKey {
    /// The system the key is for.
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// `orders:write` for the shop's store.
    #[schema(schema_with = key_scopes)]
    scopes: Vec<String>,
}

/// One or more of the scopes a key may carry.
fn key_scopes() -> Array {
    names_of(aftercare_app::SCOPES.iter())
}

/// An API key as created: the secret is in this answer and nowhere else.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CreatedKey {
    id: String,
    /// The secret (`ac_...`), to send as `Authorization: Bearer`.
    key: String,
    scopes: Vec<String>,
}

/// Create an API key; the secret is in this answer only.
///
/// Who: admin.
#[utoipa::path(post, path = "/api/v1/api-keys", tag = "admin", request_body(content = NewKey),
    responses((status = 201, body = CreatedKey)), security(("session" = [])))]
pub(crate) async fn create_api_key(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(new): ApiJson<NewKey>,
) -> Result<Response, ApiError> {
    let key = web
        .app
        .create_api_key(&caller.actor, &new.name, &new.scopes)
        .await?;
    let created = CreatedKey {
        id: key.id,
        key: key.secret,
        scopes: key.scopes,
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The API key a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct KeyId {
    /// The key's id (not its secret).
    id: String,
}

/// Revoke an API key.
///
/// Who: admin.
#[utoipa::path(delete, path = "/api/v1/api-keys/{id}", tag = "admin", params(KeyId),
    responses((status = 204, description = "Revoked")), security(("session" = [])))]
pub(crate) async fn revoke_api_key(
    State(web): State<Web>,
    caller: Caller,
    Path(KeyId { id }): Path<KeyId>,
) -> Result<StatusCode, ApiError> {
    web.app.revoke_api_key(&caller.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
