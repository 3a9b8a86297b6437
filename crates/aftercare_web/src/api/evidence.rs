//! Evidence: photos and videos uploaded for a request, an inspection or an appeal, and served
//! back to those who may see them. How an upload is read and cleaned is `uploads`.

use std::path::PathBuf;

use aftercare_app::AppError;
use axum::Json;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::uploads::{invalid, multipart_error, store_field, thumbnail_path};
use crate::{ApiError, Web};

/// The evidence a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct EvidenceId {
    /// The id the upload answered.
    id: String,
}

/// An upload as stored.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StoredEvidence {
    id: String,
    /// The type read from the content: image/jpeg, image/png, image/webp, video/mp4 or
    /// video/quicktime.
    media_type: String,
    size_bytes: i64,
    /// SHA-256 of the stored bytes, in hex.
    sha256: String,
    width: Option<i64>,
    height: Option<i64>,
    url: String,
    thumbnail_url: Option<String>,
}

/// The multipart body of an upload: the part `file`; other parts are passed over.
pub(crate) struct Upload;

impl utoipa::PartialSchema for Upload {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .property(
                "file",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                    .description(Some("A photo (JPEG, PNG, WebP) or video (MP4, MOV)")),
            )
            .required("file")
            // A part's name is a header value: control characters make the body unreadable.
            .property_names(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[^\\x00-\\x08\\x0A-\\x1F\\x7F]*$")),
            ))
            .into()
    }
}

impl ToSchema for Upload {}

/// Upload a photo (JPEG, PNG, WebP) or video (MP4, MOV) as multipart part `file`.
///
/// The answer's id is then given with a return, buyback, appeal or inspection. The type is read
/// from the content; photos are re-encoded without their metadata. Who: customer, staff.
#[utoipa::path(post, path = "/api/v1/evidence", tag = "evidence",
    request_body(content = Upload, content_type = "multipart/form-data"),
    responses((status = 201, body = StoredEvidence)), security(("session" = [])))]
pub(crate) async fn upload(
    State(web): State<Web>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut multipart =
        multipart.map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?;
    let mut field = loop {
        match multipart
            .next_field()
            .await
            .map_err(|e| multipart_error(&e, web.uploads))?
        {
            Some(f) if f.name() == Some("file") => break f,
            Some(_) => {}
            None => {
                return Err(invalid(
                    "send the photo or video as the multipart part `file`",
                ));
            }
        }
    };
    let record = store_field(&web, &caller.actor, &mut field).await?;
    let id = record.id.clone();
    let thumbnail = record
        .width
        .map(|_| format!("/api/v1/evidence/{id}/thumbnail"));
    Ok((
        StatusCode::CREATED,
        Json(StoredEvidence {
            url: format!("/api/v1/evidence/{id}"),
            id,
            media_type: record.media_type,
            size_bytes: record.size_bytes,
            sha256: record.sha256,
            width: record.width,
            height: record.height,
            thumbnail_url: thumbnail,
        }),
    )
        .into_response())
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "image/png" => "png",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        _ => "jpg",
    }
}

async fn file_response(
    path: PathBuf,
    media_type: &str,
    filename: &str,
) -> Result<Response, ApiError> {
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|_| ApiError::App(AppError::NotFound("evidence file")))?;
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("inline; filename=\"{filename}\""))
            .unwrap_or(HeaderValue::from_static("inline")),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Evidence is personal: never kept by shared caches.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(response)
}

/// Guards against ids that are not ours (and so against paths out of the folder).
fn valid_id(id: &str) -> Result<(), ApiError> {
    if uuid::Uuid::parse_str(id).is_ok() {
        Ok(())
    } else {
        Err(ApiError::App(AppError::NotFound("evidence")))
    }
}

/// The stored file.
///
/// Who: its uploader, the customer whose case names it, staff.
#[utoipa::path(get, path = "/api/v1/evidence/{id}", tag = "evidence", params(EvidenceId),
    responses((status = 200,
        description = "The file, with the type read from its content (`Content-Type`)")),
    security(("session" = [])))]
pub(crate) async fn download(
    State(web): State<Web>,
    caller: Caller,
    Path(EvidenceId { id }): Path<EvidenceId>,
) -> Result<Response, ApiError> {
    valid_id(&id)?;
    let record = web.app.evidence(&caller.actor, &id).await?;
    let name = format!("{id}.{}", extension(&record.media_type));
    file_response(web.evidence_dir.join(&id), &record.media_type, &name).await
}

/// A JPEG thumbnail of a photo.
///
/// Who: its uploader, the customer whose case names it, staff.
#[utoipa::path(get, path = "/api/v1/evidence/{id}/thumbnail", tag = "evidence",
    params(EvidenceId),
    responses((status = 200, description = "A small JPEG", content_type = "image/jpeg")),
    security(("session" = [])))]
pub(crate) async fn thumbnail(
    State(web): State<Web>,
    caller: Caller,
    Path(EvidenceId { id }): Path<EvidenceId>,
) -> Result<Response, ApiError> {
    valid_id(&id)?;
    let record = web.app.evidence(&caller.actor, &id).await?;
    if record.width.is_none() {
        return Err(ApiError::App(AppError::NotFound("thumbnail")));
    }
    file_response(
        thumbnail_path(&web.evidence_dir, &id),
        "image/jpeg",
        &format!("{id}.thumb.jpg"),
    )
    .await
}
