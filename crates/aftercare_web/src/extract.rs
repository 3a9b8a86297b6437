//! Extractors of the JSON API whose rejection is the API's own problem JSON: a body read as the
//! handler's type naming the field that does not read, a case step's body with the `version` and
//! `note` every step takes, and the `Idempotency-Key` of a money-moving request.

use aftercare_app::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::ToSchema;

use crate::ApiError;

/// Longest `note` a step keeps in the case's history.
const MAX_NOTE_CHARS: usize = 2000;

/// Longest idempotency key accepted.
const MAX_KEY_LEN: usize = 200;

/// Parses a JSON body into `T`, naming the offending field on failure.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let message = e.inner().to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.clone(), |i| message[..i].to_owned());
        ApiError::App(AppError::Invalid {
            field: if field == "." { String::new() } else { field },
            message: message.into(),
        })
    })
}

/// The body's bytes, a refused body (too large, unreadable) answered in problem JSON.
async fn body_bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, state)
        .await
        .map_err(|r| ApiError::Status(r.status()))
}

/// A JSON body read as `T`. That it is JSON at all (`application/json`, 415 otherwise) is
/// checked before any handler runs.
#[derive(Debug)]
pub(crate) struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        parse_json(&body_bytes(request, state).await?).map(ApiJson)
    }
}

/// The body of a case step: the step's own fields (`T`), the case's `version` the caller last
/// saw (a stale one is refused with 409) and a `note` kept in the history with the step. An
/// empty body is a step without fields.
#[derive(Debug, ToSchema, serde::Deserialize)]
pub(crate) struct StepBody<T> {
    /// The case's version as the caller last read it: the step is refused with 409 when the case
    /// has moved on since.
    #[schema(minimum = 1)]
    pub version: Option<i64>,
    /// Kept in the case's history with the step.
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    // The derived Deserialize only shapes the schema; the body is read by hand (below) so that
    // `T` keeps refusing fields it does not know and errors name the field.
    #[serde(flatten)]
    pub fields: T,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for StepBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let body = body_bytes(request, state).await?;
        let mut value: Value = if body.iter().all(u8::is_ascii_whitespace) {
            Value::Object(serde_json::Map::new())
        } else {
            parse_json(&body)?
        };
        let Some(object) = value.as_object_mut() else {
            return Err(invalid("", "the body must be a JSON object"));
        };
        let version = match object.remove("version") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if whole(&n).is_some_and(|v| v > 0) => whole(&n),
            Some(_) => {
                return Err(invalid(
                    "version",
                    "must be the case's version, a positive whole number",
                ));
            }
        };
        let note = match object.remove("note") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() <= MAX_NOTE_CHARS => Some(s),
            Some(_) => {
                return Err(invalid(
                    "note",
                    &format!("must be text of at most {MAX_NOTE_CHARS} characters"),
                ));
            }
        };
        let rest = serde_json::to_vec(&value).map_err(|e| ApiError::Malformed(e.to_string()))?;
        Ok(StepBody {
            version,
            note,
            fields: parse_json(&rest)?,
        })
    }
}

/// A JSON number that is a whole number, also when written `7.0` (JSON Schema's `integer`).
fn whole(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        let f = n.as_f64()?;
        // Exactly representable integers only: beyond 2^53 a float no longer names one number.
        (f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0)
            .then(|| format!("{f:.0}").parse().ok())?
    })
}

impl<T> StepBody<T> {
    /// The note, for steps where it is required: it is then both the step's text and the
    /// history's reason.
    pub(crate) fn required_note(&self) -> Result<String, ApiError> {
        self.note
            .clone()
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| invalid("note", "say what happened"))
    }
}

/// A step without fields of its own: only `version` and `note`.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Nothing {}

/// The `Idempotency-Key` header a money-moving request must carry: a replay with the same key
/// answers the first answer.
#[derive(Debug)]
pub(crate) struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or(ApiError::MissingHeader("Idempotency-Key"))?;
        if key.len() > MAX_KEY_LEN {
            return Err(invalid(
                "Idempotency-Key",
                &format!("at most {MAX_KEY_LEN} characters"),
            ));
        }
        Ok(IdempotencyKey(key.to_owned()))
    }
}

/// The `Idempotency-Key` header as an OpenAPI parameter, for the handlers that take it.
impl utoipa::IntoParams for IdempotencyKey {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        vec![
            ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(utoipa::openapi::Required::True)
                .description(Some(
                    "A replay with the same key answers the first answer; the same key with another body is refused",
                ))
                .schema(Some(
                    utoipa::openapi::schema::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .min_length(Some(1))
                        .max_length(Some(MAX_KEY_LEN)),
                ))
                .build(),
        ]
    }
}

pub(crate) fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::App(AppError::Invalid {
        field: field.into(),
        message: message.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn step<T: DeserializeOwned>(body: &str) -> Result<StepBody<T>, ApiError> {
        let request = axum::http::Request::post("/")
            .body(axum::body::Body::from(body.to_owned()))
            .unwrap();
        StepBody::from_request(request, &()).await
    }

    fn field(e: ApiError) -> String {
        match e {
            ApiError::App(AppError::Invalid { field, .. }) => field,
            other => panic!("not an invalid field: {other:?}"),
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Tracking {
        tracking_number: String,
    }

    #[tokio::test]
    async fn a_step_body_takes_version_and_note_apart_from_its_fields() {
        let b: StepBody<Tracking> =
            step(r#"{"version": 3, "note": "by courier", "tracking_number": "JD1"}"#)
                .await
                .unwrap();
        assert_eq!(
            (
                b.version,
                b.note.as_deref(),
                b.fields.tracking_number.as_str()
            ),
            (Some(3), Some("by courier"), "JD1")
        );
        // JSON Schema's integer: 7.0 is the whole number 7.
        let b: StepBody<Nothing> = step(r#"{"version": 7.0}"#).await.unwrap();
        assert_eq!(b.version, Some(7));
        // A step without fields may be sent without a body.
        let b: StepBody<Nothing> = step("  ").await.unwrap();
        assert_eq!((b.version, b.note), (None, None));
    }

    #[tokio::test]
    async fn a_bad_step_body_is_refused_naming_the_field() {
        for (body, expected) in [
            (r#"{"version": 0}"#, "version"),
            (r#"{"version": 2.5}"#, "version"),
            (r#"{"version": "3"}"#, "version"),
            (r#"{"version": 1e300}"#, "version"),
            (r#"{"surprise": 1}"#, "surprise"),
            ("[1]", ""),
        ] {
            let e = step::<Nothing>(body).await.unwrap_err();
            assert_eq!(field(e), expected, "{body}");
        }
        let long = format!(r#"{{"note": "{}"}}"#, "n".repeat(MAX_NOTE_CHARS + 1));
        assert_eq!(field(step::<Nothing>(&long).await.unwrap_err()), "note");
        let at_limit = format!(r#"{{"note": "{}"}}"#, "é".repeat(MAX_NOTE_CHARS));
        assert!(
            step::<Nothing>(&at_limit).await.is_ok(),
            "counted in characters"
        );
        let missing = step::<Tracking>("{}").await.unwrap_err();
        assert!(matches!(missing, ApiError::App(AppError::Invalid { .. })));
    }

    #[tokio::test]
    async fn a_required_note_must_say_something() {
        let b: StepBody<Nothing> = step(r#"{"note": "   "}"#).await.unwrap();
        assert_eq!(field(b.required_note().unwrap_err()), "note");
        let b: StepBody<Nothing> = step(r#"{"note": "held for duties"}"#).await.unwrap();
        assert_eq!(b.required_note().unwrap(), "held for duties");
    }
}
