//! The e-mails customers get: the sign-in link and one message per customer-facing step. Each
//! is composed from the event that causes it and queued in that event's transaction, so a step
//! is never recorded without its message or the other way round.

use aftercare_core::cases::appeal::AppealEvent;
use aftercare_core::cases::buyback::BuybackEvent;
use aftercare_core::cases::order::OrderEvent;
use aftercare_core::cases::refund::RefundEvent;
use aftercare_core::cases::rma::ReturnEvent;
use aftercare_store::{CaseKind, CaseRecord, NewEvent, NewMail, OrderRecord};
use jiff::SignedDuration;

use crate::{ShopProfile, new_id};

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

    /// A letter of a greeting and paragraphs; the HTML body escapes everything it is given.
    fn new(
        subject: String,
        name: &str,
        paragraphs: &[String],
        link: Option<(&str, &str)>,
    ) -> Letter {
        let mut text = format!("Hello {name},\n\n");
        let mut html = format!("{HTML_OPEN}<p>Hello {},</p>", escape(name));
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
    fn signed(mut self, head: &Letterhead) -> Letter {
        let shop = &head.shop;
        if let Some(url) = &head.logo_url {
            let logo = format!(
                "{HTML_OPEN}<p><img src=\"{}\" alt=\"{}\" height=\"48\"></p>",
                escape(url),
                escape(&shop.name)
            );
            self.html = self.html.replacen(HTML_OPEN, &logo, 1);
        }
        let name = format!("{} customer service", shop.name);
        let write = format!("Questions? Write to {}.", shop.contact_email);
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

/// The customer's sign-in link.
pub fn sign_in_link(name: &str, url: &str, valid: SignedDuration, head: &Letterhead) -> Letter {
    Letter::new(
        "Your sign-in link".into(),
        name,
        &[format!(
            "Open the link below to see your orders, returns and requests. It works once, for {} minutes. If you did not ask for it, ignore this message.",
            valid.as_mins()
        )],
        Some(("Sign in", url)),
    )
    .signed(head)
}

/// The customer's parcel is in trouble on the way, as the carrier reports it: I.5 asks them to
/// contact customer service.
pub fn carrier_problem(
    name: &str,
    order_number: &str,
    what: &str,
    carrier_said: &str,
    order_url: &str,
    head: &Letterhead,
) -> Letter {
    let mut paragraphs = vec![format!(
        "The carrier reports that the parcel of your order {order_number} {what}."
    )];
    if !carrier_said.is_empty() {
        paragraphs.push(format!("The carrier's words: {carrier_said}"));
    }
    paragraphs.push(format!(
        "Please contact our customer service ({}) so that we can sort it out with the carrier.",
        head.shop.contact_email
    ));
    Letter::new(
        format!("A problem with the delivery of order {order_number}"),
        name,
        &paragraphs,
        Some(("Your order", order_url)),
    )
    .signed(head)
}

/// A case as a letter names it: "the return RMA-…", "the buyback application".
pub(crate) fn case_words(case: &CaseRecord) -> String {
    let kind = match case.kind {
        CaseKind::Order => "the fulfilment",
        CaseKind::Return => "the return",
        CaseKind::Buyback => "the buyback application",
        CaseKind::Refund => "the refund",
        CaseKind::Appeal => "the appeal",
        CaseKind::Parcel => "the returned parcel",
    };
    match &case.rma {
        Some(rma) => format!("{kind} {rma}"),
        None => kind.to_owned(),
    }
}

/// A conversation message as a letter quotes it: who wrote, the words, its files, what next.
fn message_paragraphs(who_wrote: String, body: &str, files: usize, next: &str) -> Vec<String> {
    let mut paragraphs = vec![who_wrote, body.to_owned()];
    match files {
        0 => {}
        1 => paragraphs.push("It comes with 1 file.".into()),
        n => paragraphs.push(format!("It comes with {n} files.")),
    }
    paragraphs.push(next.to_owned());
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
        format!("{customer_name} ({customer_email}) wrote about {about}:"),
        body,
        files,
        "Reply from the staff console; the customer is told by e-mail.",
    );
    Letter::new(
        format!("New message from {customer_name} about {about}"),
        &format!("{} customer service", head.shop.name),
        &paragraphs,
        Some(("Open the conversation", url)),
    )
}

/// The shop answered in a conversation: the customer is told, with a link to the portal.
pub fn new_message_to_customer(
    customer_name: &str,
    staff_name: &str,
    about: &str,
    body: &str,
    files: usize,
    url: &str,
    head: &Letterhead,
) -> Letter {
    let paragraphs = message_paragraphs(
        format!(
            "{staff_name} of {} wrote to you about {about}:",
            head.shop.name
        ),
        body,
        files,
        "You can answer, with photos or videos, on the conversation's page.",
    );
    Letter::new(
        format!("A message from {} about {about}", head.shop.name),
        customer_name,
        &paragraphs,
        Some(("Open the conversation", url)),
    )
    .signed(head)
}

/// The e-mail an admin sends a staff member to set a new password.
pub fn password_link(name: &str, url: &str, valid: SignedDuration, head: &Letterhead) -> Letter {
    Letter::new(
        "Set your password for the staff console".into(),
        name,
        &[format!(
            "An admin of {} asked us to send you this link to set a new password for the staff console. It works once, for {} hours; your other sessions end when you use it. If you did not expect it, tell your admin.",
            head.shop.name,
            valid.as_hours()
        )],
        Some(("Set a password", url)),
    )
    .signed(head)
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
    let name = order.customer_name.as_str();
    let number = order.number.as_str();
    let case_url = format!("{}/cases/{}", public_url.trim_end_matches('/'), case.id);
    let order_url = format!("{}/orders/{}", public_url.trim_end_matches('/'), number);
    let by = |date: &Option<jiff::civil::Date>| {
        date.map(|d| format!(" by {}", d.strftime("%-d %B %Y")))
            .unwrap_or_default()
    };
    let letter = match case.kind {
        CaseKind::Return => match serde_json::from_value(event.data.clone()).ok()? {
            ReturnEvent::Requested { review_by, .. } => Letter::new(
                format!("Return request received for order {number}"),
                name,
                &[
                    format!("We received your return request for order {number} and review it{}.", by(&review_by)),
                    "We tell you the result by e-mail. Please do not send anything back before you have an RMA number: parcels without one cannot be refunded.".into(),
                ],
                Some(("Your request", &case_url)),
            ),
            ReturnEvent::Rejected { reasons } => Letter::new(
                format!("Your return request for order {number}"),
                name,
                &[
                    format!("We reviewed your return request and cannot accept it: {}.", reasons.join("; ")),
                    "If you disagree, you may appeal against this result on the request's page within the appeal window.".into(),
                ],
                Some(("Your request", &case_url)),
            ),
            ReturnEvent::SentToBuyback { reasons } => Letter::new(
                format!("Your return request for order {number}: the buyback program"),
                name,
                &[
                    format!("We reviewed your return request: {}.", reasons.join("; ")),
                    "Instead of a return, our buyback program can buy the goods from you; you will receive its quote.".into(),
                ],
                Some(("Your request", &case_url)),
            ),
            ReturnEvent::Received { inspect_by, .. } => Letter::new(
                format!("Your returned parcel arrived: order {number}"),
                name,
                &[format!("Your returned parcel arrived at our warehouse. We inspect it{} and tell you the result.", by(&inspect_by))],
                Some(("Your return", &case_url)),
            ),
            ReturnEvent::Approved {
                rma,
                return_address,
                instructions,
            } => Letter::new(
                format!("Return approved: RMA {rma} for order {number}"),
                name,
                &[
                    format!("Your return for order {number} is approved. Your RMA number is {rma}."),
                    format!("Write the RMA number on the outside of the box and send the parcel to:\n{return_address}"),
                    instructions,
                    "Parcels without an RMA number cannot be refunded; they go to the buyback program.".into(),
                ],
                Some(("Your return and its RMA slip", &case_url)),
            ),
            ReturnEvent::InspectionPassed { refund, .. } => Letter::new(
                format!("Inspection passed for order {number}"),
                name,
                &[format!(
                    "We inspected your returned goods and they passed. A refund of {refund} will be made to your original payment method."
                )],
                Some(("Your return", &case_url)),
            ),
            ReturnEvent::InspectionFailed { reasons, .. } => Letter::new(
                format!("Inspection result for order {number}"),
                name,
                &[
                    format!("We inspected your returned goods and they did not pass: {}.", reasons.join("; ")),
                    "Choose on your return's page what happens next. You may also appeal against this result within the appeal window.".into(),
                ],
                Some(("Your return", &case_url)),
            ),
            _ => return None,
        },
        CaseKind::Refund => match serde_json::from_value(event.data.clone()).ok()? {
            RefundEvent::Sent { payment_reference } => {
                let amount = case
                    .data
                    .get("amount")
                    .and_then(|m| serde_json::from_value::<aftercare_core::Money>(m.clone()).ok())
                    .map_or_else(String::new, |m| format!(" of {m}"));
                Letter::new(
                    format!("Refund sent for order {number}"),
                    name,
                    &[format!(
                        "Your refund{amount} was sent to your original payment method (reference {payment_reference}). How long it takes to arrive depends on your bank or payment provider: usually {}.",
                        version.deadlines.refund_arrival.in_words()
                    )],
                    Some(("Details", &case_url)),
                )
            }
            _ => return None,
        },
        CaseKind::Buyback => match serde_json::from_value(event.data.clone()).ok()? {
            BuybackEvent::Applied { quote_by, .. } => Letter::new(
                format!("Buyback application received for order {number}"),
                name,
                &[format!("We received your buyback application and send you our quote{}.", by(&quote_by))],
                Some(("Your application", &case_url)),
            ),
            BuybackEvent::Confirmed { pay_by } | BuybackEvent::RevisionAccepted { pay_by } => Letter::new(
                format!("Buyback confirmed for order {number}"),
                name,
                &[format!("The inspection is done and the buyback is confirmed. We pay you{} to your original payment method.", by(&pay_by))],
                Some(("Your buyback", &case_url)),
            ),
            BuybackEvent::Quoted { quote } | BuybackEvent::QuoteCorrected { quote } => Letter::new(
                format!("Buyback quote for order {number}"),
                name,
                &[format!(
                    "We offer {} ({} of the price paid) to buy back your goods. The offer is valid until {}. Accept or decline it on the case page.",
                    quote.amount, quote.percent, quote.valid_until
                )],
                Some(("Accept or decline", &case_url)),
            ),
            BuybackEvent::Revised { amount, reasons, .. } => Letter::new(
                format!("Revised buyback offer for order {number}"),
                name,
                &[format!(
                    "After inspection we revised our offer to {amount}: {}. Accept the revised offer, or have the goods sent back, on the case page.",
                    reasons.join("; ")
                )],
                Some(("Your buyback", &case_url)),
            ),
            _ => return None,
        },
        CaseKind::Appeal => match serde_json::from_value(event.data.clone()).ok()? {
            AppealEvent::Filed { recheck_by, .. } => Letter::new(
                format!("Appeal received for order {number}"),
                name,
                &[format!("We received your appeal. We recheck the case and send you our final opinion{}.", by(&recheck_by))],
                Some(("Your appeal", &case_url)),
            ),
            AppealEvent::Upheld { opinion } => Letter::new(
                format!("Appeal decided for order {number}: result upheld"),
                name,
                &[
                    format!("We rechecked your case and upheld the result. Our opinion: {opinion}"),
                    "If you disagree, you may ask for mediation.".into(),
                ],
                Some(("Your appeal", &case_url)),
            ),
            AppealEvent::Changed { opinion, .. } => Letter::new(
                format!("Appeal decided for order {number}: result changed"),
                name,
                &[format!("We rechecked your case and changed the result. Our opinion: {opinion}")],
                Some(("Your appeal", &case_url)),
            ),
            _ => return None,
        },
        CaseKind::Order => match serde_json::from_value(event.data.clone()).ok()? {
            OrderEvent::ShortageReported { message, .. } => Letter::new(
                format!("Order {number}: an accessory is missing, we need your answer"),
                name,
                &[
                    format!("While preparing your order we found an accessory missing: {message}"),
                    "We go on only with your consent (I.1). Choose on your order's page whether to wait, take a substitute or leave the item out.".into(),
                ],
                Some(("Answer on your order's page", &order_url)),
            ),
            OrderEvent::AssemblyMediaSubmitted { .. } => Letter::new(
                format!("Order {number}: please approve the photos of your product"),
                name,
                &["Your product is assembled. Check the photos on your order's page and approve them, or tell us what to change, before we pack it (I.2).".into()],
                Some(("See the photos", &order_url)),
            ),
            OrderEvent::ReturnedToSender { contact_by, .. } => Letter::new(
                format!("Order {number} came back to us"),
                name,
                &[format!("Your parcel could not be delivered and came back to us. We contact you{} about reshipping it or refunding it after deductions (III.5).", by(&contact_by))],
                Some(("Your order", &order_url)),
            ),
            OrderEvent::HeldAtCustoms { note } => Letter::new(
                format!("Order {number} is held at customs"),
                name,
                &[format!("Customs is holding your parcel: {note}"), "Please contact our customer service so that it can be cleared (II).".into()],
                Some(("Your order", &order_url)),
            ),
            OrderEvent::Cancelled { reason } => Letter::new(
                format!("Order {number} was cancelled"),
                name,
                &[format!("Your order {number} was cancelled: {reason}")],
                Some(("Your order", &order_url)),
            ),
            OrderEvent::Shipped { shipment } => Letter::new(
                format!("Order {number} is on its way"),
                name,
                &[format!(
                    "Your order {number} was shipped with {}, tracking number {}.",
                    shipment.carrier, shipment.tracking_number
                ), "When it arrives, check the parcel before signing; report any damage within 48 hours with photos.".into()],
                Some(("Track your parcel", &shipment.tracking_url)),
            ),
            _ => return None,
        },
        CaseKind::Parcel => return None,
    };
    let letter = letter.signed(head);
    Some(NewMail {
        id: new_id(),
        recipient: order.customer_email.clone(),
        subject: letter.subject,
        text_body: letter.text,
        html_body: letter.html,
        reply_to: None,
        attachments: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_escape_what_people_typed() {
        let l = Letter::new("s".into(), "<b>Ana</b>", &["a & \"b\"".into()], None);
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
                data: json!({"amount": usd}),
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
        }
    }

    #[test]
    fn the_sign_in_letter_carries_the_link_and_its_lifetime() {
        let l = sign_in_link(
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
