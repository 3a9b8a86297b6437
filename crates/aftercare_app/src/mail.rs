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

use crate::new_id;

/// A message's subject and its two bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Letter {
    /// A letter of a greeting and paragraphs; the HTML body escapes everything it is given.
    fn new(
        subject: String,
        name: &str,
        paragraphs: &[String],
        link: Option<(&str, &str)>,
    ) -> Letter {
        let mut text = format!("Hello {name},\n\n");
        let mut html = format!(
            "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5\"><p>Hello {},</p>",
            escape(name)
        );
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
        text.push_str("Aftercare, on behalf of the shop\n");
        html.push_str("<p>Aftercare, on behalf of the shop</p></body></html>");
        Letter {
            subject,
            text,
            html,
        }
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
pub fn sign_in_link(name: &str, url: &str, valid: SignedDuration) -> Letter {
    Letter::new(
        "Your sign-in link".into(),
        name,
        &[format!(
            "Open the link below to see your orders, returns and requests. It works once, for {} minutes. If you did not ask for it, ignore this message.",
            valid.as_mins()
        )],
        Some(("Sign in", url)),
    )
}

/// The message an event sends the customer, when it is a customer-facing step.
pub(crate) fn for_event(
    case: &CaseRecord,
    order: &OrderRecord,
    event: &NewEvent,
    public_url: &str,
    version: &aftercare_core::policy::PolicyVersion,
) -> Option<NewMail> {
    let name = order.customer_name.as_str();
    let number = order.number.as_str();
    let case_url = format!("{}/cases/{}", public_url.trim_end_matches('/'), case.id);
    let letter = match case.kind {
        CaseKind::Return => match serde_json::from_value(event.data.clone()).ok()? {
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
                        "Your refund{amount} was sent to your original payment method (reference {payment_reference}). How long it takes to arrive depends on your bank or payment provider: usually up to {} working days.",
                        version.deadlines.refund_arrival.working_days
                    )],
                    Some(("Details", &case_url)),
                )
            }
            _ => return None,
        },
        CaseKind::Buyback => match serde_json::from_value(event.data.clone()).ok()? {
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
    Some(NewMail {
        id: new_id(),
        recipient: order.customer_email.clone(),
        subject: letter.subject,
        text_body: letter.text,
        html_body: letter.html,
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

    #[test]
    fn the_sign_in_letter_carries_the_link_and_its_lifetime() {
        let l = sign_in_link(
            "Ana",
            "https://x.example/sign-in/abc",
            SignedDuration::from_mins(15),
        );
        assert!(l.text.contains("https://x.example/sign-in/abc"));
        assert!(l.text.contains("15 minutes"));
        assert!(l.html.contains("href=\"https://x.example/sign-in/abc\""));
    }
}
