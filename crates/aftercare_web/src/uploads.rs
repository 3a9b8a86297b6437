//! Evidence uploads: photos (JPEG, PNG, WebP) and short videos (MP4, MOV). The type is decided
//! from the content, never from the name or the declared type. Images are decoded under a pixel
//! limit and encoded again, which drops EXIF and GPS data and anything hidden after the picture;
//! videos are kept as they are once their signature is checked. Files are stored under a
//! generated name with the SHA-256 of the stored bytes, and served only to the uploader and staff.

use std::io::Cursor;
use std::path::{Path as FsPath, PathBuf};

use aftercare_app::AppError;
use aftercare_core::i18n::Said;
use aftercare_store::EvidenceRecord;
use axum::extract::multipart::Field;
use axum::http::StatusCode;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::{ApiError, Web};

/// Size and pixel limits of uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    /// Largest photo accepted, in bytes.
    pub image_bytes: u64,
    /// Largest video accepted, in bytes.
    pub video_bytes: u64,
    /// Largest photo accepted, in pixels (width times height).
    pub max_pixels: u64,
    /// Most bytes one photo may decode to (pixels times bytes per pixel): a small file of 16-bit
    /// colour can decode to many times what its pixels suggest.
    pub max_decoded_bytes: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            image_bytes: 15 * 1024 * 1024,
            video_bytes: 200 * 1024 * 1024,
            max_pixels: 40_000_000,
            // Every 8-bit colour photo within the pixel cap fits (40 MP × 3 bytes).
            max_decoded_bytes: 128 * MIB,
        }
    }
}

const MIB: u64 = 1024 * 1024;

/// Mebibytes of photos being decoded at once, across all uploads. A photo waits for twice its
/// decoded size (the picture and its re-encoding) before it is decoded, so the memory uploads
/// take stays bounded however many arrive at once; small photos still decode side by side.
const DECODE_BUDGET_MIB: u32 = 256;

fn decode_budget() -> &'static tokio::sync::Semaphore {
    static BUDGET: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    BUDGET.get_or_init(|| tokio::sync::Semaphore::new(DECODE_BUDGET_MIB as usize))
}

/// What decoding the photo would take, read from its header alone: refused when its pixels or
/// its decoded bytes are over the limits, so a decompression bomb is never decoded.
fn decoded_size(bytes: &[u8], format: ImageFormat, limits: UploadLimits) -> Result<u64, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let decoder = reader
        .into_decoder()
        .map_err(|e| format!("not a readable image: {e}"))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(format!(
            "{width}x{height} pixels is more than the {} megapixels accepted",
            limits.max_pixels / 1_000_000
        ));
    }
    let decoded = decoder.total_bytes();
    if decoded > limits.max_decoded_bytes {
        return Err(format!(
            "{width}x{height} pixels of {} decode to {} MiB, more than the {} MiB accepted; send it with 8 bits per colour",
            format!("{:?}", decoder.color_type()).to_lowercase(),
            decoded.div_ceil(MIB),
            limits.max_decoded_bytes / MIB
        ));
    }
    Ok(decoded)
}

/// Longest side of a thumbnail.
const THUMBNAIL_SIDE: u32 = 320;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Image(ImageFormat),
    Video(&'static str),
}

/// What the first bytes say the file is; `None` for anything not accepted.
fn sniff(head: &[u8]) -> Option<Kind> {
    match infer::get(head)?.mime_type() {
        "image/jpeg" => Some(Kind::Image(ImageFormat::Jpeg)),
        "image/png" => Some(Kind::Image(ImageFormat::Png)),
        "image/webp" => Some(Kind::Image(ImageFormat::WebP)),
        "video/mp4" => Some(Kind::Video("video/mp4")),
        "video/quicktime" => Some(Kind::Video("video/quicktime")),
        _ => None,
    }
}

pub(crate) fn invalid(message: impl Into<aftercare_app::Wording>) -> ApiError {
    ApiError::App(AppError::Invalid {
        field: "file".into(),
        message: message.into(),
    })
}

fn internal(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::App(AppError::Store(aftercare_store::StoreError::Corrupt(
        format!("{what}: {e}"),
    )))
}

/// A cleaned image: the bytes to store, its size and a JPEG thumbnail.
struct Cleaned {
    bytes: Vec<u8>,
    width: u32,
    height: u32,
    thumbnail: Vec<u8>,
}

/// The most a form's text field may carry inside a multipart form (the form's files have their
/// own caps): far above any real description, far below the upload limit the route allows.
pub(crate) const FORM_TEXT_BYTES: usize = 64 * 1024;

/// A multipart form's text field, refused past [`FORM_TEXT_BYTES`] without reading the rest.
pub(crate) async fn form_text(field: &mut Field<'_>) -> Result<String, ApiError> {
    let name = field.name().unwrap_or_default().to_owned();
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| ApiError::Malformed(format!("the form broke off: {}", e.body_text())))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > FORM_TEXT_BYTES {
            return Err(ApiError::TooLarge {
                detail: format!(
                    "is longer than the {} KiB a form field may carry",
                    FORM_TEXT_BYTES / 1024
                )
                .into(),
                field: name,
            });
        }
    }
    String::from_utf8(bytes).map_err(|_| ApiError::Malformed(format!("{name}: not UTF-8 text")))
}

/// Reads an MP4 or QuickTime file's boxes (`ftyp`, `moov` and the rest, skipping the media
/// data): an error names what does not read.
fn readable_video(path: &FsPath, size: u64) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let video = mp4::Mp4Reader::read_header(std::io::BufReader::new(file), size)
        .map_err(|e| format!("is not a readable MP4 or MOV video ({e})"))?;
    if video.tracks().is_empty() {
        return Err("is not a readable MP4 or MOV video (it has no track)".into());
    }
    Ok(())
}

/// Decodes under the limits: a picture whose header asks for more is never decoded.
fn decode(
    bytes: &[u8],
    format: ImageFormat,
    limits: UploadLimits,
) -> Result<(DynamicImage, u32, u32), String> {
    let reader = |bytes| {
        let mut r = ImageReader::new(Cursor::new(bytes));
        r.set_format(format);
        r
    };
    // Checked again here, so that no caller decodes what the header says is too large.
    decoded_size(bytes, format, limits)?;
    let (width, height) = reader(bytes)
        .into_dimensions()
        .map_err(|e| format!("not a readable image: {e}"))?;
    let mut decoder = reader(bytes);
    let mut decode_limits = Limits::default();
    decode_limits.max_image_width = Some(width);
    decode_limits.max_image_height = Some(height);
    decode_limits.max_alloc = Some(limits.max_decoded_bytes);
    decoder.limits(decode_limits);
    let image = decoder
        .decode()
        .map_err(|e| format!("not a readable image: {e}"))?;
    Ok((image, width, height))
}

/// The box a shop's logo is shrunk to fit, in pixels: twice the header's height, for sharp
/// screens.
pub const LOGO_BOX: (u32, u32) = (480, 96);

/// A shop's logo from an uploaded JPEG, PNG or WebP: decoded under the limits, shrunk to fit
/// [`LOGO_BOX`] and encoded as PNG, so what pages show is always a small, clean picture.
pub fn shop_logo_png(bytes: &[u8], limits: UploadLimits) -> Result<Vec<u8>, String> {
    let head = bytes.get(..bytes.len().min(64)).unwrap_or_default();
    let Some(Kind::Image(format)) = sniff(head) else {
        return Err("must be a JPEG, PNG or WebP picture".into());
    };
    let (image, width, height) = decode(bytes, format, limits)?;
    let (w, h) = LOGO_BOX;
    let image = if width > w || height > h {
        image.resize(w, h, image::imageops::FilterType::Lanczos3)
    } else {
        image
    };
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| format!("cannot encode the picture again: {e}"))?;
    Ok(out)
}

/// Decodes under the limits and encodes again in the same format.
fn clean_image(bytes: &[u8], format: ImageFormat, limits: UploadLimits) -> Result<Cleaned, String> {
    let (image, width, height) = decode(bytes, format, limits)?;
    // The thumbnail first: the JPEG path then takes the picture's pixels without a copy.
    let mut thumbnail = Vec::new();
    DynamicImage::ImageRgb8(image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8())
        .write_with_encoder(JpegEncoder::new_with_quality(&mut thumbnail, 80))
        .map_err(|e| format!("cannot make a thumbnail: {e}"))?;
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(image.into_rgb8());
            rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        }
        other => image.write_to(&mut Cursor::new(&mut out), other),
    }
    .map_err(|e| format!("cannot encode the image again: {e}"))?;
    Ok(Cleaned {
        bytes: out,
        width,
        height,
        thumbnail,
    })
}

fn hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn media_type(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "image/png",
        ImageFormat::WebP => "image/webp",
        _ => "image/jpeg",
    }
}

async fn next_chunk(
    field: &mut Field<'_>,
    limits: UploadLimits,
) -> Result<Option<axum::body::Bytes>, ApiError> {
    field.chunk().await.map_err(|e| multipart_error(&e, limits))
}

/// A multipart body that broke off, or went over the route's body limit (then 413, naming the
/// largest file accepted).
pub(crate) fn multipart_error(
    e: &axum::extract::multipart::MultipartError,
    limits: UploadLimits,
) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge {
            field: "file".into(),
            detail: Said::new("refused-upload-too-large")
                .with("video", limits.video_bytes / MIB)
                .with("photo", limits.image_bytes / MIB)
                .into(),
        }
    } else {
        ApiError::Malformed(format!("the upload broke off: {}", e.body_text()))
    }
}

/// Reads the rest of a refused upload, so the client, still sending, gets to read the answer
/// instead of a broken connection. The route's body limit bounds how much that can be.
async fn drain(field: &mut Field<'_>) {
    while let Ok(Some(_)) = field.chunk().await {}
}

/// Removes a half-written upload; nothing of a refused file stays on disk.
async fn discard(path: &FsPath) {
    if let Err(e) = tokio::fs::remove_file(path).await
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), error = %e, "cannot remove a refused upload");
    }
}

/// Where an upload's bytes come from: a multipart field read chunk by chunk, or a file already
/// in memory (an e-mail's attachment).
enum Source<'a, 'b> {
    Field(&'a mut Field<'b>),
    Bytes(Option<axum::body::Bytes>),
}

impl Source<'_, '_> {
    async fn next(&mut self, limits: UploadLimits) -> Result<Option<axum::body::Bytes>, ApiError> {
        match self {
            Source::Field(field) => next_chunk(field, limits).await,
            Source::Bytes(bytes) => Ok(bytes.take()),
        }
    }

    /// Reads what is left of a refused file, so the next part of the form can be read.
    async fn drain(&mut self) {
        match self {
            Source::Field(field) => drain(field).await,
            Source::Bytes(bytes) => *bytes = None,
        }
    }
}

/// Checks, cleans and stores one uploaded file (a multipart field), and records it as `actor`'s.
pub(crate) async fn store_field(
    web: &Web,
    actor: &aftercare_core::cases::Actor,
    field: &mut Field<'_>,
) -> Result<EvidenceRecord, ApiError> {
    store(web, actor, Source::Field(field)).await
}

/// Checks, cleans and stores a file already read (an e-mail's attachment) as `store_field`
/// does, and records it as `actor`'s.
pub(crate) async fn store_bytes(
    web: &Web,
    actor: &aftercare_core::cases::Actor,
    bytes: Vec<u8>,
) -> Result<EvidenceRecord, ApiError> {
    store(web, actor, Source::Bytes(Some(bytes.into()))).await
}

async fn store(
    web: &Web,
    actor: &aftercare_core::cases::Actor,
    mut source: Source<'_, '_>,
) -> Result<EvidenceRecord, ApiError> {
    let limits = web.uploads;
    // Enough bytes to recognise every accepted type by its signature.
    let mut head = Vec::new();
    while head.len() < 512 {
        match source.next(limits).await? {
            Some(chunk) => head.extend_from_slice(&chunk),
            None => break,
        }
    }
    if head.is_empty() {
        return Err(invalid(Said::new("refused-file-empty")));
    }
    let Some(kind) = sniff(&head) else {
        source.drain().await;
        return Err(invalid(Said::new("refused-file-type")));
    };
    let cap = match kind {
        Kind::Image(_) => limits.image_bytes,
        Kind::Video(_) => limits.video_bytes,
    };
    let too_large = || ApiError::TooLarge {
        field: "file".into(),
        detail: Said::new("refused-file-too-large")
            .with("megabytes", cap / MIB)
            .into(),
    };
    tokio::fs::create_dir_all(&web.evidence_dir)
        .await
        .map_err(|e| internal("evidence folder", e))?;
    let id = uuid::Uuid::now_v7().to_string();
    let path = web.evidence_dir.join(&id);
    let record = match kind {
        Kind::Image(format) => {
            let mut bytes = head;
            while let Some(chunk) = source.next(limits).await? {
                bytes.extend_from_slice(&chunk);
                if bytes.len() as u64 > cap {
                    source.drain().await;
                    return Err(too_large());
                }
            }
            if bytes.len() as u64 > cap {
                return Err(too_large());
            }
            let decoded = decoded_size(&bytes, format, limits).map_err(invalid)?;
            let share = u32::try_from((decoded * 2).div_ceil(MIB))
                .unwrap_or(u32::MAX)
                .clamp(1, DECODE_BUDGET_MIB);
            let _permit = decode_budget()
                .acquire_many(share)
                .await
                .map_err(|e| internal("decode budget", e))?;
            let cleaned = tokio::task::spawn_blocking(move || clean_image(&bytes, format, limits))
                .await
                .map_err(|e| internal("image worker", e))?
                .map_err(invalid)?;
            tokio::fs::write(&path, &cleaned.bytes)
                .await
                .map_err(|e| internal("writing evidence", e))?;
            let thumb = thumbnail_path(&web.evidence_dir, &id);
            if let Err(e) = tokio::fs::write(&thumb, &cleaned.thumbnail).await {
                discard(&path).await;
                return Err(internal("writing thumbnail", e));
            }
            EvidenceRecord {
                id: id.clone(),
                owner: actor.id.clone(),
                media_type: media_type(format).into(),
                size_bytes: i64::try_from(cleaned.bytes.len()).unwrap_or(i64::MAX),
                sha256: hex(Sha256::digest(&cleaned.bytes)),
                width: Some(i64::from(cleaned.width)),
                height: Some(i64::from(cleaned.height)),
                created_at: jiff::Timestamp::UNIX_EPOCH,
            }
        }
        Kind::Video(mime) => {
            let mut file = tokio::fs::File::create(&path)
                .await
                .map_err(|e| internal("writing evidence", e))?;
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            let mut chunk = Some(axum::body::Bytes::from(head));
            while let Some(bytes) = chunk {
                size += bytes.len() as u64;
                if size > cap {
                    drop(file);
                    discard(&path).await;
                    source.drain().await;
                    return Err(too_large());
                }
                hasher.update(&bytes);
                if let Err(e) = file.write_all(&bytes).await {
                    drop(file);
                    discard(&path).await;
                    return Err(internal("writing evidence", e));
                }
                chunk = match source.next(limits).await {
                    Ok(c) => c,
                    Err(e) => {
                        drop(file);
                        discard(&path).await;
                        return Err(e);
                    }
                };
            }
            if let Err(e) = file.sync_all().await {
                discard(&path).await;
                return Err(internal("writing evidence", e));
            }
            drop(file);
            // A video's first bytes prove nothing (HTML behind a forged `ftyp` passes them): it
            // is kept only when its whole box structure reads, with its movie header.
            let checked = path.clone();
            let readable = tokio::task::spawn_blocking(move || readable_video(&checked, size))
                .await
                .map_err(|e| internal("video check", e))?;
            if let Err(why) = readable {
                discard(&path).await;
                return Err(invalid(
                    Said::new("refused-video-unreadable").with("why", why),
                ));
            }
            EvidenceRecord {
                id: id.clone(),
                owner: actor.id.clone(),
                media_type: mime.into(),
                size_bytes: i64::try_from(size).unwrap_or(i64::MAX),
                sha256: hex(hasher.finalize()),
                width: None,
                height: None,
                created_at: jiff::Timestamp::UNIX_EPOCH,
            }
        }
    };
    let record = match web.app.record_evidence(actor, record).await {
        Ok(r) => r,
        Err(e) => {
            discard(&path).await;
            discard(&thumbnail_path(&web.evidence_dir, &id)).await;
            return Err(e.into());
        }
    };
    Ok(record)
}

/// The thumbnail file of a stored photo.
pub(crate) fn thumbnail_path(dir: &FsPath, id: &str) -> PathBuf {
    let [_, thumbnail] = aftercare_app::evidence::evidence_files(dir, id);
    thumbnail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_decided_by_content() {
        assert_eq!(sniff(b"<?php echo 1; ?>"), None);
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            None
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0]),
            Some(Kind::Image(ImageFormat::Jpeg))
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(Kind::Image(ImageFormat::Png))
        );
    }

    #[test]
    fn a_cleaned_jpeg_keeps_its_picture_and_loses_its_exif() {
        let mut jpeg = Vec::new();
        DynamicImage::new_rgb8(64, 48)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 90))
            .unwrap();
        // An APP1 EXIF segment with a GPS tag name inside, right after the start marker.
        let exif = b"Exif\0\0MM\0*GPSLatitude 48.8584 N";
        let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1];
        tagged.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
        tagged.extend_from_slice(exif);
        tagged.extend_from_slice(&jpeg[2..]);
        let cleaned = clean_image(&tagged, ImageFormat::Jpeg, UploadLimits::default()).unwrap();
        assert_eq!((cleaned.width, cleaned.height), (64, 48));
        let stored = String::from_utf8_lossy(&cleaned.bytes);
        assert!(!stored.contains("Exif") && !stored.contains("GPS"));
        assert!(cleaned.thumbnail.starts_with(&[0xFF, 0xD8]));
    }
}
