//! Delivery of the outbox: a worker claims due e-mails and sends them over SMTP, or, when no SMTP
//! server is configured, writes them as `.eml` files so a fresh install works and a person can
//! open what would have been sent. A failed delivery is tried again later with a growing delay;
//! an e-mail claimed by a worker that died is claimed again once its lease ends.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use aftercare_store::{MailRecord, Store};
use jiff::{SignedDuration, Timestamp};
use lettre::message::header::MessageId;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::{App, AppError};

/// How long a claimed e-mail stays with its worker before another may take it.
pub const LEASE: SignedDuration = SignedDuration::from_mins(2);
/// Attempts before an e-mail is given up (and left in the outbox with its last error).
pub const MAX_ATTEMPTS: i64 = 8;

/// E-mails claimed in one statement.
const MAIL_BATCH: u32 = 32;

/// How long a worker goes on through its batch: half the lease, so that a slow mail server
/// never makes an e-mail's lease end while its worker may still send it.
const LEASE_WORK: Duration = Duration::from_secs(60);

/// How long delivered e-mails of a batch may wait to be recorded as sent.
const RECORD_EVERY: Duration = Duration::from_secs(1);

/// Why the outbox could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum PostmanError {
    #[error("AFTERCARE_SMTP_URL: {0}")]
    SmtpUrl(String),
    #[error("the sender address `{0}` is not an e-mail address")]
    From(String),
    #[error("cannot create the outbox folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Delivers e-mails: over SMTP, or into a folder of `.eml` files.
pub struct Postman {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Postman {
    // The SMTP URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.transport {
            Transport::Smtp(_) => "smtp".to_owned(),
            Transport::Files(dir) => format!("files in {}", dir.display()),
        };
        f.debug_struct("Postman")
            .field("transport", &kind)
            .field("from", &self.from.to_string())
            .finish()
    }
}

/// Where one e-mail went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    Smtp,
    File(PathBuf),
}

impl Postman {
    /// SMTP when `smtp_url` is given (`smtp://`, `smtps://`, lettre's URL forms), otherwise files
    /// under `folder`.
    pub fn new(
        smtp_url: Option<&str>,
        folder: PathBuf,
        from: &str,
    ) -> Result<Postman, PostmanError> {
        let from: Mailbox = from
            .parse()
            .map_err(|_| PostmanError::From(from.to_owned()))?;
        let transport = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| PostmanError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&folder)
                    .map_err(|e| PostmanError::Folder(folder.clone(), e))?;
                Transport::Files(folder)
            }
        };
        Ok(Postman { transport, from })
    }

    /// Sends one e-mail.
    pub async fn deliver(&self, mail: &MailRecord) -> Result<Delivered, String> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let mut message = Message::builder().from(self.from.clone()).to(to);
        if let Some(reply_to) = &mail.reply_to {
            let reply_to: Mailbox = reply_to.parse().map_err(|e| format!("reply-to: {e}"))?;
            message = message.reply_to(reply_to);
        }
        let message = message
            .subject(mail.subject.clone())
            // The outbox id makes a re-sent message recognisable as the same one.
            .header(MessageId::from(format!("<{}@aftercare>", mail.id)))
            .multipart(with_attachments(mail))
            .map_err(|e| format!("message: {e}"))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await.map_err(|e| e.to_string())?;
                Ok(Delivered::Smtp)
            }
            Transport::Files(folder) => {
                let path = folder.join(format!("{}.eml", mail.id));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(Delivered::File(path))
            }
        }
    }
}

/// The message's two bodies, and the files sent with it after them.
fn with_attachments(mail: &MailRecord) -> MultiPart {
    let bodies = MultiPart::alternative_plain_html(mail.text_body.clone(), mail.html_body.clone());
    if mail.attachments.is_empty() {
        return bodies;
    }
    let mut mixed = MultiPart::mixed().multipart(bodies);
    for file in &mail.attachments {
        let kind = lettre::message::header::ContentType::parse(&file.content_type)
            .unwrap_or(lettre::message::header::ContentType::TEXT_PLAIN);
        mixed = mixed.singlepart(
            lettre::message::Attachment::new(file.name.clone()).body(file.data.clone(), kind),
        );
    }
    mixed
}

/// When to try again after `attempts` failed deliveries: 30 s, 2 min, 8 min... at most 6 h.
pub fn retry_delay(attempts: i64) -> SignedDuration {
    let exponent = u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0);
    let secs = 30_i64.saturating_mul(4_i64.saturating_pow(exponent));
    SignedDuration::from_secs(secs.min(6 * 3600))
}

impl<S: Store> App<S> {
    /// Delivers every e-mail due now, claimed `MAIL_BATCH` at a time and recorded as delivered
    /// together; answers how many were delivered.
    pub async fn deliver_due_mail(&self, postman: &Postman) -> Result<usize, AppError> {
        let mut delivered = 0;
        loop {
            let claimed = self.store.claim_mail(self.now(), LEASE, MAIL_BATCH).await?;
            let full = claimed.len() == MAIL_BATCH as usize;
            let mut sent = Vec::with_capacity(claimed.len());
            let claimed_at = std::time::Instant::now();
            let mut since_recorded = claimed_at;
            // The cases and orders the batch's documents are drawn from, in one read; every
            // e-mail's documents start drawing before the first is delivered.
            let drawn_from: Vec<&str> = claimed
                .iter()
                .filter(|mail| !mail.drawn.is_empty())
                .filter_map(|mail| mail.case_id.as_deref())
                .collect();
            let read = self.store.cases_with_orders(&drawn_from).await?;
            let drawings = crate::documents::draw_in_turn(
                claimed
                    .iter()
                    .map(|mail| {
                        self.documents_to_draw(mail, &read)
                            .map_err(|e| e.to_string())
                    })
                    .collect(),
            );
            for (mut mail, drawing) in claimed.into_iter().zip(drawings) {
                // The rest of the batch is left to its lease: claimed again once it ends, never
                // sent by two workers at once.
                if claimed_at.elapsed() >= LEASE_WORK {
                    break;
                }
                let delivery = match drawing.finish().await {
                    Ok(files) => {
                        mail.attachments.extend(files);
                        postman.deliver(&mail).await
                    }
                    Err(e) => Err(format!("drawing its documents: {e}")),
                };
                match delivery {
                    Ok(how) => {
                        sent.push(mail.id.clone());
                        match how {
                            Delivered::File(path) => {
                                tracing::info!(mail.id = %mail.id, path = %path.display(), "e-mail written to the outbox folder");
                            }
                            Delivered::Smtp => {
                                tracing::info!(mail.id = %mail.id, "e-mail delivered");
                            }
                        }
                    }
                    Err(error) => {
                        let retry_at: Option<Timestamp> = (mail.attempts < MAX_ATTEMPTS)
                            .then(|| self.now() + retry_delay(mail.attempts));
                        tracing::warn!(mail.id = %mail.id, attempts = mail.attempts, %error, "e-mail delivery failed");
                        if let Err(e) = self.store.mail_failed(&mail.id, retry_at, &error).await {
                            // What went out is still recorded, or it would go out again.
                            self.store.mail_sent(&sent, self.now()).await?;
                            return Err(e.into());
                        }
                    }
                }
                // A slow mail server must not leave delivered e-mails unrecorded for long: after
                // a crash they would go out twice.
                if since_recorded.elapsed() >= RECORD_EVERY {
                    delivered += sent.len();
                    self.store.mail_sent(&sent, self.now()).await?;
                    sent.clear();
                    since_recorded = std::time::Instant::now();
                }
            }
            delivered += sent.len();
            self.store.mail_sent(&sent, self.now()).await?;
            // A batch that was not full took everything due; what is queued meanwhile wakes the
            // worker again.
            if !full {
                return Ok(delivered);
            }
        }
    }

    /// E-mails not yet delivered, for metrics.
    pub async fn outbox_depth(&self) -> Result<i64, AppError> {
        Ok(self.store.outbox_depth().await?)
    }
}

/// Runs the outbox until `shutdown` resolves: delivers what is due, then waits `every` (or until
/// `wake` is notified). The e-mail in hand when shutdown comes is finished; the rest stay queued
/// in the database for the next start, so none is lost.
pub async fn run_worker<S: Store + 'static>(
    app: Arc<App<S>>,
    postman: Postman,
    every: Duration,
    wake: Arc<tokio::sync::Notify>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    crate::jobs::repeat(every, Some(wake), shutdown, || async {
        if let Err(e) = app.deliver_due_mail(&postman).await {
            tracing::warn!(error = %e, "outbox worker could not read the outbox");
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_growing_at_six_hours() {
        let delays: Vec<i64> = (1..=10).map(|n| retry_delay(n).as_secs()).collect();
        assert_eq!(&delays[..4], [30, 120, 480, 1920]);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(delays[9], 6 * 3600);
        assert_eq!(retry_delay(i64::MAX).as_secs(), 6 * 3600);
    }

    #[test]
    fn a_bad_smtp_url_is_refused_with_the_variable_named() {
        let err =
            Postman::new(Some("ftp://x"), PathBuf::from("unused"), "shop@example.com").unwrap_err();
        assert!(err.to_string().starts_with("AFTERCARE_SMTP_URL"));
    }
}
