//! Answers by e-mail: a mail provider's inbound webhook posts each message that reached a
//! conversation's reply address, raw (RFC 5322), and it joins that conversation as its sender,
//! without what the sender's mail program quoted, with its photos and videos cleaned as uploads
//! are.

use aftercare_app::AppError;
use aftercare_app::conversations::Via;
use aftercare_core::cases::limits;
use aftercare_core::conversation::{ATTACHMENTS_MAX, reply_text};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::InboundMailCaller;
use crate::{ApiError, Web};

/// What an answer by e-mail became.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct InboundMailOutcome {
    /// `appended`, or `ignored` for an automatic reply (an absence notice), which is not
    /// an answer.
    outcome: &'static str,
    /// The conversation it joined: an order's id or a case's id.
    thread_id: Option<String>,
    /// The message it became.
    message_id: Option<String>,
    /// Attachments that were not kept, each with why (not a photo or a video, too large, one
    /// too many); the message says so too.
    refused_files: Vec<String>,
}

/// Every address of an address header.
fn addresses(header: Option<&Address<'_>>) -> Vec<String> {
    header
        .map(|a| {
            a.iter()
                .filter_map(|a| a.address())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Receive an answer by e-mail.
///
/// The body is one e-mail message as received (`message/rfc822`), as mail providers' inbound
/// webhooks post it raw. It is appended to the conversation whose reply address it was sent to
/// (a `To`, `Cc` or `Delivered-To` address carrying this server's token), as written by its
/// sender, who must be that side's: the order's customer, or for the shop's side an active
/// staff member or the shop's contact address. The quoted earlier messages are left out; photo
/// and video attachments are checked and cleaned like uploads, others are refused and named.
/// An automatic reply (`Auto-Submitted`) is ignored. Unknown reply addresses and senders are
/// refused, logged, and never appended.
///
/// Who: a mail provider's webhook with an API key carrying `mail:receive`.
#[utoipa::path(post, path = "/api/v1/inbound-mail", tag = "connections",
    request_body(content = String, content_type = "message/rfc822",
        description = "One e-mail message, raw (RFC 5322)"),
    responses(
        (status = 201, body = InboundMailOutcome, description = "Appended to the conversation"),
        (status = 200, body = InboundMailOutcome, description = "An automatic reply, ignored"),
    ),
    security(("apiKey" = ["mail:receive"])))]
pub(crate) async fn inbound_mail(
    State(web): State<Web>,
    InboundMailCaller(_caller): InboundMailCaller,
    body: Bytes,
) -> Result<(StatusCode, Json<InboundMailOutcome>), ApiError> {
    let message = MessageParser::default()
        .parse(&body[..])
        .filter(|m| m.from().is_some())
        .ok_or_else(|| {
            ApiError::Malformed("not an e-mail message (RFC 5322) with a sender".into())
        })?;
    let automatic = match message.header("Auto-Submitted") {
        Some(HeaderValue::Text(value)) => !value.trim().eq_ignore_ascii_case("no"),
        Some(_) => true,
        None => false,
    };
    if automatic {
        return Ok((
            StatusCode::OK,
            Json(InboundMailOutcome {
                outcome: "ignored",
                thread_id: None,
                message_id: None,
                refused_files: Vec::new(),
            }),
        ));
    }
    let sender = addresses(message.from())
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut recipients = addresses(message.to());
    recipients.extend(addresses(message.cc()));
    recipients.extend(
        message
            .header_values("Delivered-To")
            .filter_map(|v| match v {
                HeaderValue::Text(t) => Some(t.trim().to_owned()),
                HeaderValue::Address(a) => a.first().and_then(|a| a.address()).map(str::to_owned),
                _ => None,
            }),
    );
    let reply = web.app.email_reply(&recipients, &sender).await?;

    let text = message
        .body_text(0)
        .map(|t| reply_text(&t))
        .unwrap_or_default();
    let (mut files, mut refused_files) = (Vec::new(), Vec::new());
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("an attachment").to_owned();
        if files.len() == ATTACHMENTS_MAX {
            refused_files.push(format!("{name}: at most {ATTACHMENTS_MAX} files a message"));
            continue;
        }
        match crate::uploads::store_bytes(&web, &reply.actor, part.contents().to_vec()).await {
            Ok(record) => files.push(record.id),
            Err(
                ApiError::App(AppError::Invalid { message, .. })
                | ApiError::TooLarge {
                    detail: message, ..
                },
            ) => refused_files.push(format!("{name}: {message}")),
            Err(e) => return Err(e),
        }
    }
    let text = within_limit(text, &refused_files);
    let kept = web
        .app
        .post_message(&reply.actor, reply.of(), &text, false, files, Via::Email)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(InboundMailOutcome {
            outcome: "appended",
            thread_id: Some(kept.thread_id),
            message_id: Some(kept.id),
            refused_files,
        }),
    ))
}

/// The text of an answer by e-mail as a message holds it: with a line naming the attachments
/// that were not kept, so nobody waits for them, and, as an e-mail has no form to send back to
/// be shortened, cut where it is longer than a message may be, saying so.
fn within_limit(text: String, refused_files: &[String]) -> String {
    let mut note = String::new();
    if !refused_files.is_empty() {
        note = format!("[Not kept: {}]", refused_files.join("; "));
        note = note.chars().take(limits::TEXT / 2).collect();
    }
    let room = limits::TEXT - note.chars().count() - 2;
    let mut text = if text.chars().count() > room {
        let cut = format!(
            "\n\n[The rest of this e-mail was cut: a message holds {} characters.]",
            limits::TEXT
        );
        let keep = room.saturating_sub(cut.chars().count());
        text.chars().take(keep).collect::<String>() + &cut
    } else {
        text
    };
    if !note.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&note);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_by_email_always_fits_a_message_and_names_what_was_not_kept() {
        assert_eq!(within_limit("Hello".into(), &[]), "Hello");
        assert_eq!(
            within_limit("See the photos".into(), &["a.pdf: not a photo".into()]),
            "See the photos\n\n[Not kept: a.pdf: not a photo]"
        );
        assert_eq!(
            within_limit(String::new(), &["a.pdf: not a photo".into()]),
            "[Not kept: a.pdf: not a photo]"
        );
        let long = within_limit("é".repeat(10_000), &vec!["x.pdf: no".to_owned(); 500]);
        assert!(
            long.chars().count() <= limits::TEXT,
            "{}",
            long.chars().count()
        );
        assert!(
            long.contains("The rest of this e-mail was cut") && long.contains("[Not kept: x.pdf")
        );
    }
}
