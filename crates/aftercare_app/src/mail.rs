//! The e-mails customers get: the sign-in link and one message per customer-facing step. Each
//! is composed from the event that causes it and queued in that event's transaction, so a step
//! is never recorded without its message or the other way round.

use aftercare_core::cases::appeal::AppealEvent;
use aftercare_core::cases::buyback::BuybackEvent;
use aftercare_core::cases::order::OrderEvent;
use aftercare_core::cases::refund::RefundEvent;
use aftercare_core::cases::rma::ReturnEvent;
use aftercare_core::i18n::{Arg, Catalog, Lang, Said, dated};
use aftercare_store::{CaseKind, CaseRecord, NewEvent, NewMail, OrderRecord};
use jiff::SignedDuration;
use std::sync::LazyLock;

use crate::{ShopProfile, new_id};

/// The customers' e-mails in every language. Letters to staff (a customer's message, a password
/// link) stay English, like the console.
pub fn catalog() -> &'static Catalog {
    static CATALOG: LazyLock<Catalog> =
        LazyLock::new(|| Catalog::new(&aftercare_core::locales!("mail")));
    &CATALOG
}

/// The language a customer chose for the e-mails about an order; English until they choose.
pub fn language_of(order: &OrderRecord) -> Lang {
    order
        .language
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default()
}

/// A message of the e-mails in a language.
fn words(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    catalog().say(lang, &Said::with_args(id, args))
}

fn text(t: &str) -> Arg {
    Arg::Text(t.to_owned())
}

/// What signs every letter: the shop's profile, and its logo's address when it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    pub shop: ShopProfile,
    /// Where the logo is served (`{public_url}/logo/{version}.png`); the HTML body shows it.
    pub logo_url: Option<String>,
}

/// How every HTML body opens; the letterhead's logo goes right after it.
const HTML_OPEN: &str =
    "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">";

/// The first line of a conversation's e-mail when it can be answered by e-mail: what an answer
/// quotes from here on is cut off.
pub const REPLY_ABOVE: &str = aftercare_core::conversation::REPLY_ABOVE;

/// A message's subject and its two bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Letter {
    /// The letter opened with the line an answer by e-mail is written above.
    pub fn answerable(mut self) -> Letter {
        self.text = format!("{REPLY_ABOVE}\n\n{}", self.text);
        self.html = self.html.replacen(
            HTML_OPEN,
            &format!(
                "{HTML_OPEN}<p style=\"color:#6b7280\">{}</p>",
                escape(REPLY_ABOVE)
            ),
            1,
        );
        self
    }

    /// A letter of a greeting and paragraphs in a language; the HTML body escapes everything
    /// it is given.
    fn new(
        lang: Lang,
        subject: String,
        name: &str,
        paragraphs: &[String],
        link: Option<(&str, &str)>,
    ) -> Letter {
        let hello = words(lang, "mail-hello", &[("name", text(name))]);
        let mut text = format!("{hello}\n\n");
        let mut html = format!("{HTML_OPEN}<p>{}</p>", escape(&hello));
        for p in paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
            html.push_str("<p>");
            html.push_str(&escape(p).replace('\n', "<br>"));
            html.push_str("</p>");
        }
        if let Some((label, url)) = link {
            text.push_str(&format!("{label}: {url}\n\n"));
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>",
                escape(url),
                escape(label)
            ));
        }
        Letter {
            subject,
            text,
            html,
        }
    }

    /// The letter signed with the shop's name and the address customers write to, under its
    /// logo when it has one.
    fn signed(mut self, head: &Letterhead, lang: Lang) -> Letter {
        let shop = &head.shop;
        if let Some(url) = &head.logo_url {
            let logo = format!(
                "{HTML_OPEN}<p><img src=\"{}\" alt=\"{}\" height=\"48\"></p>",
                escape(url),
                escape(&shop.name)
            );
            self.html = self.html.replacen(HTML_OPEN, &logo, 1);
        }
        let name = words(lang, "mail-signature", &[("shop", text(&shop.name))]);
        let write = words(
            lang,
            "mail-questions",
            &[("email", text(&shop.contact_email))],
        );
        self.text.push_str(&format!("{name}\n{write}\n"));
        self.html.push_str(&format!(
            "<p>{}<br>{}</p></body></html>",
            escape(&name),
            escape(&write)
        ));
        self
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The customer's sign-in link, in the language of their order.
pub fn sign_in_link(
    lang: Lang,
    name: &str,
    url: &str,
    valid: SignedDuration,
    head: &Letterhead,
) -> Letter {
    let link = words(lang, "mail-sign-in-link", &[]);
    Letter::new(
        lang,
        words(lang, "mail-sign-in-subject", &[]),
        name,
        &[words(
            lang,
            "mail-sign-in-body",
            &[("minutes", Arg::Count(valid.as_mins()))],
        )],
        Some((&link, url)),
    )
    .signed(head, lang)
}

/// The customer's parcel is in trouble on the way, as the carrier reports it: I.5 asks them to
/// contact customer service.
pub fn carrier_problem(
    lang: Lang,
    name: &str,
    order_number: &str,
    what: &str,
    carrier_said: &str,
    order_url: &str,
    head: &Letterhead,
) -> Letter {
    let mut paragraphs = vec![words(
        lang,
        "mail-carrier-problem",
        &[("number", text(order_number)), ("what", text(what))],
    )];
    if !carrier_said.is_empty() {
        paragraphs.push(words(
            lang,
            "mail-carrier-said",
            &[("said", text(carrier_said))],
        ));
    }
    paragraphs.push(words(
        lang,
        "mail-carrier-contact",
        &[("email", text(&head.shop.contact_email))],
    ));
    let link = words(lang, "mail-link-order", &[]);
    Letter::new(
        lang,
        words(
            lang,
            "mail-carrier-subject",
            &[("number", text(order_number))],
        ),
        name,
        &paragraphs,
        Some((&link, order_url)),
    )
    .signed(head, lang)
}

/// What a conversation is about as a letter names it: "order LM-1", "the return RMA-… of order
/// LM-1".
pub(crate) fn about(lang: Lang, case: Option<&CaseRecord>, order_number: &str) -> String {
    let Some(case) = case else {
        return words(lang, "mail-about-order", &[("number", text(order_number))]);
    };
    let kind = match case.kind {
        CaseKind::Order => "fulfilment",
        CaseKind::Return => "return",
        CaseKind::Buyback => "buyback",
        CaseKind::Refund => "refund",
        CaseKind::Appeal => "appeal",
        CaseKind::Parcel => "parcel",
    };
    words(
        lang,
        "mail-about-case",
        &[
            ("kind", text(kind)),
            ("has_rma", Arg::yes_no(case.rma.is_some())),
            ("rma", text(case.rma.as_deref().unwrap_or(""))),
            ("number", text(order_number)),
        ],
    )
}

/// A conversation message as a letter quotes it: who wrote, the words, its files, what next.
fn message_paragraphs(
    lang: Lang,
    who_wrote: String,
    body: &str,
    files: usize,
    next: String,
) -> Vec<String> {
    let mut paragraphs = vec![who_wrote, body.to_owned()];
    if files > 0 {
        let files = i64::try_from(files).unwrap_or(i64::MAX);
        paragraphs.push(words(
            lang,
            "mail-message-files",
            &[("n", Arg::Count(files))],
        ));
    }
    paragraphs.push(next);
    paragraphs
}

/// The customer wrote in a conversation: customer service is told, with a link to the console.
/// The message is quoted so that it can be read in the inbox.
pub fn new_message_to_shop(
    customer_name: &str,
    customer_email: &str,
    about: &str,
    body: &str,
    files: usize,
    url: &str,
    head: &Letterhead,
) -> Letter {
    let paragraphs = message_paragraphs(
        Lang::En,
        format!("{customer_name} ({customer_email}) wrote about {about}:"),
        body,
        files,
        "Reply from the staff console; the customer is told by e-mail.".into(),
    );
    Letter::new(
        Lang::En,
        format!("New message from {customer_name} about {about}"),
        &format!("{} customer service", head.shop.name),
        &paragraphs,
        Some(("Open the conversation", url)),
    )
}

/// The shop answered in a conversation: the customer is told, in their language, with a link
/// to the portal. `about` names the order or case in that language.
#[expect(
    clippy::too_many_arguments,
    reason = "a letter's language, its two people, its subject and its message are all its own"
)]
pub fn new_message_to_customer(
    lang: Lang,
    customer_name: &str,
    staff_name: &str,
    about: &str,
    body: &str,
    files: usize,
    url: &str,
    head: &Letterhead,
) -> Letter {
    let shop = text(&head.shop.name);
    let paragraphs = message_paragraphs(
        lang,
        words(
            lang,
            "mail-message-from-shop",
            &[
                ("staff", text(staff_name)),
                ("shop", shop.clone()),
                ("about", text(about)),
            ],
        ),
        body,
        files,
        words(lang, "mail-message-answer", &[]),
    );
    let link = words(lang, "mail-link-conversation", &[]);
    Letter::new(
        lang,
        words(
            lang,
            "mail-message-subject",
            &[("shop", shop), ("about", text(about))],
        ),
        customer_name,
        &paragraphs,
        Some((&link, url)),
    )
    .signed(head, lang)
}

/// The e-mail an admin sends a staff member to set a new password.
pub fn password_link(name: &str, url: &str, valid: SignedDuration, head: &Letterhead) -> Letter {
    Letter::new(
        Lang::En,
        "Set your password for the staff console".into(),
        name,
        &[format!(
            "An admin of {} asked us to send you this link to set a new password for the staff console. It works once, for {} hours; your other sessions end when you use it. If you did not expect it, tell your admin.",
            head.shop.name,
            valid.as_hours()
        )],
        Some(("Set a password", url)),
    )
    .signed(head, Lang::En)
}

/// The message an event sends the customer, when it is a customer-facing step.
pub(crate) fn for_event(
    case: &CaseRecord,
    order: &OrderRecord,
    event: &NewEvent,
    public_url: &str,
    version: &aftercare_core::policy::PolicyVersion,
    head: &Letterhead,
) -> Option<NewMail> {
    let lang = language_of(order);
    let name = order.customer_name.as_str();
    let number = order.number.as_str();
    let case_url = format!("{}/cases/{}", public_url.trim_end_matches('/'), case.id);
    let order_url = format!("{}/orders/{}", public_url.trim_end_matches('/'), number);
    // Every sentence names the order by its number; each letter is its subject, its paragraphs
    // and its link, by message id.
    let say = |id: &str, args: &[(&str, Arg)]| {
        let mut all = vec![("number", text(number))];
        all.extend(args.iter().cloned());
        words(lang, id, &all)
    };
    let letter = |subject: &str, paragraphs: &[String], (link, url): (&str, &str)| {
        let link = say(link, &[]);
        Letter::new(
            lang,
            say(subject, &[]),
            name,
            paragraphs,
            Some((&link, url)),
        )
    };
    let reasons_of = |reasons: &[String]| text(&reasons.join("; "));
    let letter = match case.kind {
        CaseKind::Return => match serde::Deserialize::deserialize(&event.data).ok()? {
            ReturnEvent::Requested { review_by, .. } => letter(
                "mail-return-requested-subject",
                &[
                    say("mail-return-requested", &dated(review_by)),
                    say("mail-return-wait-for-rma", &[]),
                ],
                ("mail-link-request", &case_url),
            ),
            ReturnEvent::Rejected { reasons } => letter(
                "mail-return-rejected-subject",
                &[
                    say("mail-return-rejected", &[("reasons", reasons_of(&reasons))]),
                    say("mail-appeal-possible", &[]),
                ],
                ("mail-link-request", &case_url),
            ),
            ReturnEvent::SentToBuyback { reasons } => letter(
                "mail-return-to-buyback-subject",
                &[
                    say(
                        "mail-return-to-buyback",
                        &[("reasons", reasons_of(&reasons))],
                    ),
                    say("mail-return-to-buyback-next", &[]),
                ],
                ("mail-link-request", &case_url),
            ),
            ReturnEvent::Received { inspect_by, .. } => letter(
                "mail-return-received-subject",
                &[say("mail-return-received", &dated(inspect_by))],
                ("mail-link-return", &case_url),
            ),
            ReturnEvent::Approved {
                rma,
                return_address,
                instructions,
            } => {
                let rma = [("rma", text(&rma))];
                let mut paragraphs = vec![
                    say("mail-return-approved", &rma),
                    say("mail-return-send-to", &[("address", text(&return_address))]),
                ];
                if !instructions.is_empty() {
                    paragraphs.push(instructions);
                }
                paragraphs.push(say("mail-without-rma", &[]));
                Letter::new(
                    lang,
                    say("mail-return-approved-subject", &rma),
                    name,
                    &paragraphs,
                    Some((&say("mail-link-return-slip", &[]), &case_url)),
                )
            }
            ReturnEvent::InspectionPassed { refund, .. } => letter(
                "mail-inspection-passed-subject",
                &[say(
                    "mail-inspection-passed",
                    &[("refund", Arg::Amount(refund))],
                )],
                ("mail-link-return", &case_url),
            ),
            ReturnEvent::InspectionFailed { reasons, .. } => letter(
                "mail-inspection-failed-subject",
                &[
                    say(
                        "mail-inspection-failed",
                        &[("reasons", reasons_of(&reasons))],
                    ),
                    say("mail-inspection-failed-next", &[]),
                ],
                ("mail-link-return", &case_url),
            ),
            _ => return None,
        },
        CaseKind::Refund => match serde::Deserialize::deserialize(&event.data).ok()? {
            RefundEvent::Sent { payment_reference } => {
                let amount = case
                    .data
                    .get("amount")
                    .and_then(|m| serde_json::from_value::<aftercare_core::Money>(m.clone()).ok());
                let arrival = &version.deadlines.refund_arrival;
                letter(
                    "mail-refund-sent-subject",
                    &[say(
                        "mail-refund-sent",
                        &[
                            ("has_amount", Arg::yes_no(amount.is_some())),
                            ("amount", amount.map_or_else(|| text(""), Arg::Amount)),
                            ("reference", text(&payment_reference)),
                            (
                                "from",
                                Arg::Count(arrival.usually_from.map_or(0, i64::from)),
                            ),
                            ("days", Arg::Count(i64::from(arrival.working_days))),
                        ],
                    )],
                    ("mail-link-details", &case_url),
                )
            }
            _ => return None,
        },
        CaseKind::Buyback => match serde::Deserialize::deserialize(&event.data).ok()? {
            BuybackEvent::Applied { quote_by, .. } => letter(
                "mail-buyback-applied-subject",
                &[say("mail-buyback-applied", &dated(quote_by))],
                ("mail-link-application", &case_url),
            ),
            BuybackEvent::Confirmed { pay_by } | BuybackEvent::RevisionAccepted { pay_by } => {
                letter(
                    "mail-buyback-confirmed-subject",
                    &[say("mail-buyback-confirmed", &dated(pay_by))],
                    ("mail-link-buyback", &case_url),
                )
            }
            BuybackEvent::Quoted { quote } | BuybackEvent::QuoteCorrected { quote } => letter(
                "mail-buyback-quote-subject",
                &[say(
                    "mail-buyback-quote",
                    &[
                        ("amount", Arg::Amount(quote.amount)),
                        ("percent", Arg::Percent(quote.percent)),
                        ("until", Arg::Date(quote.valid_until)),
                    ],
                )],
                ("mail-link-accept-or-decline", &case_url),
            ),
            BuybackEvent::Revised {
                amount, reasons, ..
            } => letter(
                "mail-buyback-revised-subject",
                &[say(
                    "mail-buyback-revised",
                    &[
                        ("amount", Arg::Amount(amount)),
                        ("reasons", reasons_of(&reasons)),
                    ],
                )],
                ("mail-link-buyback", &case_url),
            ),
            _ => return None,
        },
        CaseKind::Appeal => match serde::Deserialize::deserialize(&event.data).ok()? {
            AppealEvent::Filed { recheck_by, .. } => letter(
                "mail-appeal-filed-subject",
                &[say("mail-appeal-filed", &dated(recheck_by))],
                ("mail-link-appeal", &case_url),
            ),
            AppealEvent::Upheld { opinion } => letter(
                "mail-appeal-upheld-subject",
                &[
                    say("mail-appeal-upheld", &[("opinion", text(&opinion))]),
                    say("mail-appeal-mediation", &[]),
                ],
                ("mail-link-appeal", &case_url),
            ),
            AppealEvent::Changed { opinion, .. } => letter(
                "mail-appeal-changed-subject",
                &[say("mail-appeal-changed", &[("opinion", text(&opinion))])],
                ("mail-link-appeal", &case_url),
            ),
            _ => return None,
        },
        CaseKind::Order => match serde::Deserialize::deserialize(&event.data).ok()? {
            OrderEvent::ShortageReported { message, .. } => letter(
                "mail-shortage-subject",
                &[
                    say("mail-shortage", &[("message", text(&message))]),
                    say("mail-shortage-consent", &[]),
                ],
                ("mail-link-answer", &order_url),
            ),
            OrderEvent::AssemblyMediaSubmitted { .. } => letter(
                "mail-photos-subject",
                &[say("mail-photos", &[])],
                ("mail-link-photos", &order_url),
            ),
            OrderEvent::ReturnedToSender { contact_by, .. } => letter(
                "mail-returned-to-sender-subject",
                &[say("mail-returned-to-sender", &dated(contact_by))],
                ("mail-link-order", &order_url),
            ),
            OrderEvent::HeldAtCustoms { note } => letter(
                "mail-customs-subject",
                &[
                    say("mail-customs", &[("note", text(&note))]),
                    say("mail-customs-contact", &[]),
                ],
                ("mail-link-order", &order_url),
            ),
            OrderEvent::Cancelled { reason } => letter(
                "mail-cancelled-subject",
                &[say("mail-cancelled", &[("reason", text(&reason))])],
                ("mail-link-order", &order_url),
            ),
            OrderEvent::Shipped { shipment } => letter(
                "mail-shipped-subject",
                &[
                    say(
                        "mail-shipped",
                        &[
                            ("carrier", text(&shipment.carrier)),
                            ("tracking", text(&shipment.tracking_number)),
                        ],
                    ),
                    say("mail-shipped-check", &[]),
                ],
                ("mail-link-track", &shipment.tracking_url),
            ),
            _ => return None,
        },
        CaseKind::Parcel => return None,
    };
    let letter = letter.signed(head, lang);
    Some(NewMail {
        id: new_id(),
        recipient: order.customer_email.clone(),
        subject: letter.subject,
        text_body: letter.text,
        html_body: letter.html,
        reply_to: None,
        attachments: Vec::new(),
        drawn: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_escape_what_people_typed() {
        let l = Letter::new(
            Lang::En,
            "s".into(),
            "<b>Ana</b>",
            &["a & \"b\"".into()],
            None,
        );
        assert!(l.html.contains("&lt;b&gt;Ana&lt;/b&gt;"));
        assert!(l.html.contains("a &amp; &quot;b&quot;"));
        assert!(l.text.contains("Hello <b>Ana</b>,"));
    }

    /// Every step a customer should hear about sends them a letter saying what happened and
    /// what comes next, in the documents' own figures.
    #[test]
    fn each_customer_facing_step_has_its_letter() {
        use serde_json::json;
        let policy = aftercare_core::testing::shipped().unwrap();
        let version = &policy.versions()[0];
        let at: jiff::Timestamp = "2026-03-20T02:00:00Z".parse().unwrap();
        let order = OrderRecord {
            id: "o1".into(),
            number: "LM-1".into(),
            customer_email: "ana@example.com".into(),
            customer_name: "Ana".into(),
            currency: "USD".into(),
            placed_at: at,
            policy_version: version.id.clone(),
            data: json!({}),
            created_at: at,
            language: None,
        };
        let usd = json!({"amount": "147.50", "currency": "USD"});
        let head = Letterhead::default();
        let cases = [
            (
                CaseKind::Return,
                json!({"type": "requested", "reason": "quality_issue", "lines": [], "description": "", "evidence": [], "return_costs": null, "decision": null, "review_by": "2026-03-25"}),
                "Return request received",
                "review it by 25 March 2026",
            ),
            (
                CaseKind::Return,
                json!({"type": "rejected", "reasons": ["worn soles"]}),
                "Your return request",
                "worn soles",
            ),
            (
                CaseKind::Return,
                json!({"type": "received", "lines": [], "outcome": "as_expected", "inspect_by": "2026-03-31"}),
                "parcel arrived",
                "inspect it by 31 March 2026",
            ),
            (
                CaseKind::Refund,
                json!({"type": "sent", "payment_reference": "PAY-1"}),
                "Refund sent",
                "usually 5–15 working days",
            ),
            (
                CaseKind::Buyback,
                json!({"type": "applied", "lines": [], "condition": {"grade": "good", "missing_accessories": 0, "original_packaging": true}, "photos": [], "base": usd, "decision": null, "quote_by": "2026-03-25"}),
                "Buyback application received",
                "quote by 25 March 2026",
            ),
            (
                CaseKind::Appeal,
                json!({"type": "filed", "against_case": "c0", "subject": "inspection", "result_on": "2026-03-19", "statement": "s", "evidence": [], "recheck_by": "2026-03-27"}),
                "Appeal received",
                "final opinion by 27 March 2026",
            ),
            (
                CaseKind::Order,
                json!({"type": "shortage_reported", "message": "the charger is out of stock"}),
                "we need your answer",
                "/orders/LM-1",
            ),
            (
                CaseKind::Order,
                json!({"type": "assembly_media_submitted", "media": ["m"]}),
                "approve the photos",
                "/orders/LM-1",
            ),
            (
                CaseKind::Order,
                json!({"type": "held_at_customs", "note": "an invoice is asked for"}),
                "held at customs",
                "an invoice is asked for",
            ),
        ];
        for (kind, data, subject, says) in cases {
            let case = aftercare_store::CaseRecord {
                id: "c1".into(),
                kind,
                order_id: "o1".into(),
                order_number: "LM-1".into(),
                customer_email: "ana@example.com".into(),
                rma: None,
                state: "x".into(),
                is_open: true,
                deadline: None,
                amount_minor: None,
                version: 1,
                data: json!({"amount": usd}).into(),
                created_at: at,
                updated_at: at,
                tracking_number: None,
            };
            let event = NewEvent {
                kind: "x".into(),
                actor: json!({}),
                at,
                reason: None,
                data: data.clone(),
                mail: None,
            };
            let mail = for_event(
                &case,
                &order,
                &event,
                "https://shop.example",
                version,
                &head,
            )
            .unwrap_or_else(|| panic!("no letter for {data}"));
            assert!(mail.subject.contains(subject), "{}", mail.subject);
            assert!(mail.text_body.contains(says), "{}", mail.text_body);
            assert_eq!(mail.recipient, "ana@example.com");
            assert!(
                mail.text_body.contains("LocksMall customer service")
                    && mail.text_body.contains("Write to locksmall1@gmail.com"),
                "{}",
                mail.text_body
            );
            // The same letter in every language: whole, in its words, and signed.
            for lang in Lang::ALL.into_iter().skip(1) {
                let theirs = OrderRecord {
                    language: Some(lang.tag().into()),
                    ..order.clone()
                };
                let mail = for_event(
                    &case,
                    &theirs,
                    &event,
                    "https://shop.example",
                    version,
                    &head,
                )
                .unwrap();
                assert!(
                    !mail.subject.contains(subject) && !mail.text_body.contains("mail-"),
                    "{lang}: {}\n{}",
                    mail.subject,
                    mail.text_body
                );
                assert!(mail.text_body.contains("locksmall1@gmail.com"));
            }
        }
    }

    #[test]
    fn the_letters_are_complete_in_every_language() {
        assert_eq!(catalog().problems(), &[] as &[String]);
        assert_eq!(catalog().differences(), Vec::<String>::new());
    }

    #[test]
    fn a_customer_who_chose_french_gets_dates_and_amounts_in_french() {
        let l = sign_in_link(
            Lang::Fr,
            "Ana",
            "https://x.example/sign-in/abc",
            SignedDuration::from_mins(15),
            &Letterhead::default(),
        );
        assert!(l.text.starts_with("Bonjour Ana,"), "{}", l.text);
        assert!(l.text.contains("15 minutes"), "{}", l.text);
        assert_eq!(
            about(Lang::De, None, "LM-1"),
            "Bestellung LM-1",
            "what a conversation is about, in German"
        );
    }

    #[test]
    fn the_sign_in_letter_carries_the_link_and_its_lifetime() {
        let l = sign_in_link(
            Lang::En,
            "Ana",
            "https://x.example/sign-in/abc",
            SignedDuration::from_mins(15),
            &Letterhead::default(),
        );
        assert!(l.text.contains("https://x.example/sign-in/abc"));
        assert!(l.text.contains("15 minutes"));
        assert!(l.html.contains("href=\"https://x.example/sign-in/abc\""));
        assert!(!l.html.contains("<img"), "no logo, no picture");
    }

    #[test]
    fn a_letter_opens_with_the_shops_logo_when_it_has_one() {
        let head = Letterhead {
            shop: ShopProfile {
                name: "Locks & Co".into(),
                ..ShopProfile::default()
            },
            logo_url: Some("https://x.example/logo/0123456789abcdef.png".into()),
        };
        let l = sign_in_link(
            Lang::En,
            "Ana",
            "https://x.example/sign-in/abc",
            SignedDuration::from_mins(15),
            &head,
        );
        assert!(
            l.html.contains(
                "<body style=\"font-family:system-ui,sans-serif;line-height:1.5\"><p><img src=\"https://x.example/logo/0123456789abcdef.png\" alt=\"Locks &amp; Co\" height=\"48\"></p><p>Hello Ana,</p>"
            ),
            "{}",
            l.html
        );
        assert!(l.text.contains("Locks & Co customer service") && !l.text.contains("logo"));
    }
}
