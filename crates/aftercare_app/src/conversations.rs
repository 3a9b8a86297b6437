//! Conversations between customers and the shop: one on every order and one on every case.
//! Customers write from the portal, staff from the console; staff may keep notes internal; each
//! shared message e-mails the other side with a link, in the message's transaction; the shop's
//! first-reply deadline comes from the order's policy version (`first_reply`).

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_core::conversation::{self, Awaiting, NewMessage, Side};
use aftercare_store::{
    CaseRecord, MessageRecord, MessageWrite, NewMail, OrderRecord, Store, StoreError, ThreadRecord,
};
use jiff::civil::Date;

use crate::mail::Letter;
use crate::{App, AppError, is_staff, new_id, to_json, visible};
use aftercare_core::i18n::{Lang, Said};

/// Which conversation: an order's own (by its number) or a case's (by its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadOf<'a> {
    Order(&'a str),
    Case(&'a str),
}

/// Where a message was written, as kept with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Portal,
    Console,
    Email,
    Api,
}

impl Via {
    fn as_str(self) -> &'static str {
        match self {
            Via::Portal => "portal",
            Via::Console => "console",
            Via::Email => "email",
            Via::Api => "api",
        }
    }
}

/// A conversation as one person reads it: its order and case, and the messages they may see.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// The thread's id: the order's id or the case's id.
    pub id: String,
    pub order: OrderRecord,
    pub case: Option<CaseRecord>,
    /// `None` until the first message.
    pub thread: Option<ThreadRecord>,
    pub messages: Vec<MessageRecord>,
}

impl Conversation {
    /// Since when and until when the shop owes a reply, if it does.
    pub fn awaiting(&self) -> Option<Awaiting> {
        awaiting_of(self.thread.as_ref())
    }
}

/// A conversation in the "awaiting our reply" queue.
#[derive(Debug, Clone)]
pub struct AwaitingReply {
    pub thread: ThreadRecord,
    /// Past its first-reply deadline today.
    pub overdue: bool,
}

fn awaiting_of(thread: Option<&ThreadRecord>) -> Option<Awaiting> {
    let t = thread?;
    t.awaiting_since.map(|since| Awaiting {
        since,
        due: t.reply_due,
    })
}

/// Who answered a conversation's e-mail by e-mail, and in which conversation.
#[derive(Debug, Clone)]
pub struct EmailReply {
    pub actor: Actor,
    pub thread: ThreadRecord,
}

impl EmailReply {
    /// The conversation the answer joins.
    pub fn of(&self) -> ThreadOf<'_> {
        match &self.thread.case_id {
            Some(case) => ThreadOf::Case(case),
            None => ThreadOf::Order(&self.thread.order_number),
        }
    }
}

/// The letter of a side in a reply address's token.
fn side_letter(side: Side) -> char {
    match side {
        Side::Customer => 'c',
        Side::Shop => 's',
    }
}

/// Hex digits of the token's HMAC: 80 bits, far beyond guessing by sending e-mail.
const REPLY_MAC_DIGITS: usize = 20;

/// How many times a message is judged again when the thread moved on meanwhile.
const ATTEMPTS: usize = 3;

impl<S: Store> App<S> {
    /// A conversation the actor may see, with its messages: staff see internal notes too, a
    /// customer only their own orders' conversations and never a note.
    pub async fn conversation(
        &self,
        actor: &Actor,
        of: ThreadOf<'_>,
    ) -> Result<Conversation, AppError> {
        let (order, case) = self.thread_subject(actor, of).await?;
        self.conversation_about(actor, order, case).await
    }

    /// The conversation on an order already read (and one of its cases, when given), as
    /// [`App::conversation`] answers it: a page that shows the order reads it once.
    pub async fn conversation_about(
        &self,
        actor: &Actor,
        order: OrderRecord,
        case: Option<CaseRecord>,
    ) -> Result<Conversation, AppError> {
        if !(is_staff(actor) || actor.has(Role::Customer)) || !visible(actor, &order.customer_email)
        {
            return Err(AppError::NotFound("order"));
        }
        if case.as_ref().is_some_and(|c| c.order_id != order.id) {
            return Err(AppError::NotFound("case"));
        }
        let id = case
            .as_ref()
            .map_or_else(|| order.id.clone(), |c| c.id.clone());
        let thread = self.store.thread(&id).await?;
        let messages = match &thread {
            Some(_) => self.store.messages(&id, is_staff(actor)).await?,
            None => Vec::new(),
        };
        Ok(Conversation {
            id,
            order,
            case,
            thread,
            messages,
        })
    }

    /// Sends a message in a conversation, with the files the writer uploaded for it (evidence
    /// ids, each sent once), and tells the other side by e-mail unless it is an internal note.
    pub async fn post_message(
        &self,
        actor: &Actor,
        of: ThreadOf<'_>,
        body: &str,
        internal: bool,
        attachments: Vec<String>,
        via: Via,
    ) -> Result<MessageRecord, AppError> {
        let message = NewMessage::parse(actor, internal, body, attachments)?;
        for id in message.attachments() {
            self.check_attachment(actor, id).await?;
        }
        // Read once: the conversation is read again on each attempt, the writer's name is not.
        let staff_name = self.staff_name(actor).await?;
        let mut last = AppError::Conflict;
        for _ in 0..ATTEMPTS {
            let conversation = self.conversation(actor, of).await?;
            let ctx = self.context(actor, &conversation.order)?;
            let (awaiting, _) =
                conversation::awaiting_after(conversation.awaiting(), &message, &ctx);
            let record = MessageRecord {
                id: new_id(),
                thread_id: conversation.id.clone(),
                seq: conversation.thread.as_ref().map_or(0, |t| t.messages) + 1,
                side: message.side().as_str().into(),
                internal: message.internal(),
                author: to_json(actor)?,
                author_name: staff_name
                    .clone()
                    .unwrap_or_else(|| conversation.order.customer_name.clone()),
                body: message.body().to_owned(),
                attachments: message.attachments().to_vec(),
                via: via.as_str().into(),
                at: ctx.now,
            };
            let thread = self.thread_after(&conversation, &record, awaiting.as_ref());
            let mails = if message.shared() {
                self.tell_the_other_side(&conversation, &record, message.side())
            } else {
                Vec::new()
            };
            match self
                .store
                .post_message(MessageWrite {
                    thread: &thread,
                    message: &record,
                    mails: &mails,
                })
                .await
            {
                Ok(()) => {
                    if !mails.is_empty() {
                        self.mail_queued.notify_one();
                    }
                    tracing::info!(thread.id = %thread.id, side = record.side, internal = record.internal, "message sent");
                    return Ok(record);
                }
                // Someone wrote meanwhile: judge again on the thread as it is now. A file sent
                // with another message meanwhile shows in the check on the next attempt.
                Err(StoreError::Conflict { .. }) => {
                    for id in message.attachments() {
                        self.check_attachment(actor, id).await?;
                    }
                    last = AppError::Conflict;
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(last)
    }

    /// A staff member closes the shop's wait without writing to the customer, saying why; the
    /// reason is kept as an internal note.
    pub async fn no_reply_needed(
        &self,
        actor: &Actor,
        of: ThreadOf<'_>,
        reason: &str,
    ) -> Result<(), AppError> {
        let reason = reason.trim();
        let note = if reason.is_empty() {
            "No reply needed.".to_owned()
        } else {
            format!("No reply needed: {reason}")
        };
        let message = NewMessage::parse(actor, true, &note, Vec::new())?;
        let author_name = self.staff_name(actor).await?.unwrap_or_default();
        let conversation = self.conversation(actor, of).await?;
        conversation::no_reply_needed(conversation.awaiting().as_ref(), actor)?;
        let record = MessageRecord {
            id: new_id(),
            thread_id: conversation.id.clone(),
            seq: conversation.thread.as_ref().map_or(0, |t| t.messages) + 1,
            side: Side::Shop.as_str().into(),
            internal: true,
            author: to_json(actor)?,
            author_name,
            body: message.body().to_owned(),
            attachments: Vec::new(),
            via: Via::Console.as_str().into(),
            at: self.now(),
        };
        let thread = self.thread_after(&conversation, &record, None);
        self.store
            .post_message(MessageWrite {
                thread: &thread,
                message: &record,
                mails: &[],
            })
            .await
            .map_err(|e| match e {
                StoreError::Conflict { .. } => AppError::Conflict,
                e => e.into(),
            })
    }

    /// The conversations awaiting the shop's reply, oldest first-reply deadline first, `limit`
    /// after the one at `after`.
    pub async fn awaiting_reply(
        &self,
        actor: &Actor,
        after: Option<(Option<Date>, &str)>,
        limit: u32,
    ) -> Result<Vec<AwaitingReply>, AppError> {
        require_staff(actor)?;
        let today = self.today();
        Ok(self
            .store
            .awaiting_reply(after, limit.clamp(1, 200))
            .await?
            .into_iter()
            .map(|thread| AwaitingReply {
                overdue: matches!((thread.reply_due, today), (Some(d), Some(t)) if d < t),
                thread,
            })
            .collect())
    }

    /// How many conversations await the shop's reply, and how many are overdue.
    pub async fn awaiting_reply_count(&self, actor: &Actor) -> Result<(i64, i64), AppError> {
        require_staff(actor)?;
        let Some(today) = self.today() else {
            return Ok((0, 0));
        };
        Ok(self.store.count_awaiting_reply(today).await?)
    }

    /// The order and case a conversation is about, when the actor may see them.
    async fn thread_subject(
        &self,
        actor: &Actor,
        of: ThreadOf<'_>,
    ) -> Result<(OrderRecord, Option<CaseRecord>), AppError> {
        if !(is_staff(actor) || actor.has(Role::Customer)) {
            return Err(AppError::Refused(Refusal::only(
                "customer-or-staff",
                "doing-read-conversations",
            )));
        }
        match of {
            ThreadOf::Order(number) => Ok((self.order(actor, number).await?, None)),
            ThreadOf::Case(id) => {
                let case = self.case(actor, id).await?;
                match self.store.order(&case.order_id).await? {
                    Some(order) if visible(actor, &order.customer_email) => Ok((order, Some(case))),
                    _ => Err(AppError::NotFound("case")),
                }
            }
        }
    }

    /// A staff member's name as the customer sees it (the shop's name for the shop's own
    /// contact address); `None` for a customer, who is named by the order.
    async fn staff_name(&self, actor: &Actor) -> Result<Option<String>, AppError> {
        if !is_staff(actor) {
            return Ok(None);
        }
        Ok(Some(match self.store.user(&actor.id).await? {
            Some(user) => user.name,
            None => self.shop_name(),
        }))
    }

    /// A file may go with a message when its writer uploaded it and it went with no message
    /// before.
    async fn check_attachment(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        let refused = || AppError::Invalid {
            field: "files".into(),
            message: Said::new("refused-not-your-upload").with("id", id).into(),
        };
        let Some(record) = self.store.evidence(id).await? else {
            return Err(refused());
        };
        if record.owner != actor.id && record.owner != actor.id.to_ascii_lowercase() {
            return Err(refused());
        }
        if self.store.message_of_evidence(id).await?.is_some() {
            return Err(AppError::Invalid {
                field: "files".into(),
                message: Said::new("refused-upload-already-sent")
                    .with("id", id)
                    .into(),
            });
        }
        Ok(())
    }

    fn thread_after(
        &self,
        conversation: &Conversation,
        message: &MessageRecord,
        awaiting: Option<&Awaiting>,
    ) -> ThreadRecord {
        let (messages, version) = conversation
            .thread
            .as_ref()
            .map_or((0, 0), |t| (t.messages, t.version));
        ThreadRecord {
            id: conversation.id.clone(),
            order_id: conversation.order.id.clone(),
            case_id: conversation.case.as_ref().map(|c| c.id.clone()),
            order_number: conversation.order.number.clone(),
            customer_email: conversation.order.customer_email.to_ascii_lowercase(),
            messages: messages + 1,
            last_message_at: message.at,
            awaiting_since: awaiting.map(|a| a.since),
            reply_due: awaiting.and_then(|a| a.due),
            version: version + 1,
        }
    }

    /// The reply address of a conversation's e-mails to one side, when answers by e-mail are on:
    /// `<local>+<side><thread id><mac>@<domain>`, all lowercase hex so that no mail system's
    /// case folding breaks it.
    fn reply_address(&self, thread_id: &str, to: Side) -> Option<String> {
        let base = self.shop.reply_address.as_deref()?;
        let (local, domain) = base.split_once('@')?;
        let id = uuid::Uuid::parse_str(thread_id).ok()?;
        let side = side_letter(to);
        Some(format!(
            "{local}+{side}{}{}@{domain}",
            id.simple(),
            self.reply_mac(side, &id)
        ))
    }

    fn reply_mac(&self, side: char, id: &uuid::Uuid) -> String {
        let mac = self
            .shop
            .secret_key
            .token_hash(&format!("reply:{side}:{}", id.simple()));
        mac.get(..REPLY_MAC_DIGITS).unwrap_or_default().to_owned()
    }

    /// The conversation and side a reply address names, when its token is ours.
    fn reply_token(&self, address: &str) -> Option<(String, Side)> {
        let base = self.shop.reply_address.as_deref()?;
        let (local, domain) = base.split_once('@')?;
        let address = address.trim().to_ascii_lowercase();
        let (their_local, their_domain) = address.rsplit_once('@')?;
        if !their_domain.eq_ignore_ascii_case(domain) {
            return None;
        }
        let token = their_local.strip_prefix(&format!("{}+", local.to_ascii_lowercase()))?;
        let side = match token.chars().next()? {
            'c' => Side::Customer,
            's' => Side::Shop,
            _ => return None,
        };
        let rest = token.get(1..)?;
        if rest.len() != 32 + REPLY_MAC_DIGITS {
            return None;
        }
        let (id, mac) = rest.split_at(32);
        let id = uuid::Uuid::parse_str(id).ok()?;
        let expected = self.reply_mac(side_letter(side), &id);
        // Compared in constant time: the token is a credential.
        let same = expected.len() == mac.len()
            && expected
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        same.then(|| (id.hyphenated().to_string(), side))
    }

    /// The conversation an answer by e-mail joins, and as whom. Refused unless one of its
    /// recipients is a reply address with this server's token, and its sender is that side's:
    /// the order's customer for the customer's address; an active staff member, or the shop's
    /// own contact address, for the shop's. Each refusal is logged, and nothing is written.
    pub async fn email_reply(
        &self,
        recipients: &[String],
        sender: &str,
    ) -> Result<EmailReply, AppError> {
        let sender = sender.trim().to_ascii_lowercase();
        let Some((thread_id, side)) = recipients.iter().find_map(|r| self.reply_token(r)) else {
            tracing::warn!(%sender, ?recipients, "answer by e-mail refused: no reply address of ours");
            return Err(AppError::Invalid {
                field: "to".into(),
                message: "is not the reply address of a conversation".into(),
            });
        };
        let Some(thread) = self.store.thread(&thread_id).await? else {
            tracing::warn!(%sender, thread.id = %thread_id, "answer by e-mail refused: no such conversation");
            return Err(AppError::Invalid {
                field: "to".into(),
                message: "is not the reply address of a conversation".into(),
            });
        };
        let refused = |why: &str| {
            tracing::warn!(%sender, thread.id = %thread.id, why, "answer by e-mail refused");
            AppError::Refused(Refusal::role(
                aftercare_core::i18n::Said::new("refused-sender-not-allowed").with("why", why),
            ))
        };
        let actor = match side {
            Side::Customer if sender == thread.customer_email.to_ascii_lowercase() => Actor {
                id: sender.clone(),
                roles: vec![Role::Customer],
            },
            Side::Customer => return Err(refused("not the order's customer")),
            Side::Shop => match self.store.user_by_email(&sender).await? {
                Some(user) if user.disabled_at.is_none() => Actor {
                    roles: user
                        .roles
                        .iter()
                        .filter_map(|r| {
                            serde_json::from_value(serde_json::Value::String(r.clone())).ok()
                        })
                        .collect(),
                    id: user.id,
                },
                Some(_) => return Err(refused("the staff account is deactivated")),
                None if sender == self.shop_profile().contact_email.to_ascii_lowercase() => Actor {
                    id: sender.clone(),
                    roles: vec![Role::Agent],
                },
                None => return Err(refused("not a staff member's address")),
            },
        };
        Ok(EmailReply { actor, thread })
    }

    /// The e-mail telling the other side of a shared message, with a link to the conversation:
    /// the customer to the portal, the shop's customer service to the console.
    fn tell_the_other_side(
        &self,
        conversation: &Conversation,
        message: &MessageRecord,
        side: Side,
    ) -> Vec<NewMail> {
        let base = self.shop.public_url.trim_end_matches('/');
        let order = &conversation.order;
        let about_in = |lang| crate::mail::about(lang, conversation.case.as_ref(), &order.number);
        let about = about_in(Lang::En);
        let head = self.letterhead();
        match side {
            Side::Customer => {
                let link = match &conversation.case {
                    Some(case) => format!("{base}/staff/cases/{}#conversation", case.id),
                    None => format!("{base}/staff/orders/{}#conversation", order.number),
                };
                let reply_to = self.reply_address(&conversation.id, Side::Shop);
                let letter = crate::mail::new_message_to_shop(
                    &order.customer_name,
                    &order.customer_email,
                    &about,
                    &message.body,
                    message.attachments.len(),
                    &link,
                    &head,
                );
                vec![mail_of(letter, reply_to, &head.shop.contact_email)]
            }
            Side::Shop => {
                let link = match &conversation.case {
                    Some(case) => format!("{base}/cases/{}#conversation", case.id),
                    None => format!("{base}/orders/{}#conversation", order.number),
                };
                let reply_to = self.reply_address(&conversation.id, Side::Customer);
                let lang = crate::mail::language_of(order);
                let letter: Letter = crate::mail::new_message_to_customer(
                    lang,
                    &order.customer_name,
                    &message.author_name,
                    &about_in(lang),
                    &message.body,
                    message.attachments.len(),
                    &link,
                    &head,
                );
                vec![mail_of(letter, reply_to, &order.customer_email)]
            }
        }
    }
}

/// The e-mail of a letter to `recipient`; with a reply address it opens with the marker line
/// answers are written above, and answers go to that address.
fn mail_of(letter: Letter, reply_to: Option<String>, recipient: &str) -> NewMail {
    match reply_to {
        Some(address) => NewMail {
            reply_to: Some(address),
            ..letter.answerable().to_mail(new_id(), recipient)
        },
        None => letter.to_mail(new_id(), recipient),
    }
}

fn require_staff(actor: &Actor) -> Result<(), AppError> {
    if is_staff(actor) {
        Ok(())
    } else {
        Err(AppError::Refused(Refusal::only(
            "staff",
            "doing-see-awaiting-reply",
        )))
    }
}
