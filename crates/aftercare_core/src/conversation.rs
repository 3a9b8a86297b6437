//! A conversation between a customer and the shop on an order or on one of its cases: who may
//! write what, and when the shop owes a reply.
//!
//! The documents route almost everything through customer service ("contact customer service",
//! III.1, III.2, IV, VII); a conversation is where that happens. The shop owes a first reply
//! within the policy's `first_reply` working days of the first message it has not answered.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::Warning;
use crate::cases::limits;
use crate::cases::{Actor, Context, Refusal, Role, only};
use crate::i18n::Said;

/// The line a conversation's e-mail opens with when it can be answered by e-mail.
pub const REPLY_ABOVE: &str = "## Write your answer above this line ##";

/// What a customer or staff member wrote in an answer by e-mail, without what their mail
/// program quoted: the text up to our marker line, to an attribution line ("On … wrote:", in the
/// customers' languages) or to a forwarded or original message's header, without quoted (`>`)
/// lines and without a signature after `-- `.
pub fn reply_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let bare = line.trim_start_matches(['>', ' ']).trim();
        if bare.contains(REPLY_ABOVE) || is_quote_header(bare) {
            break;
        }
        // An attribution some programs wrap over two lines: "On Fri, … <shop@…>" / "wrote:".
        if lines
            .get(i + 1)
            .is_some_and(|next| next.trim().ends_with("wrote:") && bare.starts_with("On "))
        {
            break;
        }
        if *line == "-- " || *line == "--" {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    kept.join("\n").trim().to_owned()
}

/// A line that opens what a mail program quotes or forwards.
fn is_quote_header(line: &str) -> bool {
    // "On … wrote:", "Le … a écrit :", "Am … schrieb …:", "El … escribió:", "在 … 写道：".
    let attribution = [
        ("On ", "wrote"),
        ("Le ", "a écrit"),
        ("Am ", "schrieb"),
        ("El ", "escribió"),
        ("在", "写道"),
    ];
    attribution.iter().any(|(start, verb)| {
        line.starts_with(start) && line.contains(verb) && line.ends_with([':', '：'])
    }) || line.starts_with("-----Original Message-----")
        || line.starts_with("---------- Forwarded message")
        || line.starts_with("-------- 原始邮件")
}

/// The most files one message carries.
pub const ATTACHMENTS_MAX: usize = 10;

/// Which side of the conversation wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Customer,
    Shop,
}

impl Side {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Customer => "customer",
            Side::Shop => "shop",
        }
    }
}

/// A message as its writer gave it, checked: a customer's or staff's words, shared with the
/// other side or (staff only) kept internal, with the evidence files it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    side: Side,
    internal: bool,
    body: String,
    attachments: Vec<String>,
}

impl NewMessage {
    /// A message from `actor`, or why it cannot be sent: only customers and staff write, only
    /// staff keep a message internal, the text is at most [`limits::TEXT`] characters and a
    /// message says something or carries a file.
    pub fn parse(
        actor: &Actor,
        internal: bool,
        body: &str,
        attachments: Vec<String>,
    ) -> Result<NewMessage, Refusal> {
        let side = if actor.is_staff() {
            Side::Shop
        } else if actor.has(Role::Customer) {
            Side::Customer
        } else {
            return Err(only("customer-or-staff", "doing-write-message"));
        };
        if internal && side == Side::Customer {
            return Err(only("staff", "doing-write-internal-note"));
        }
        let body = body.trim();
        if body.chars().count() > limits::TEXT {
            return Err(Refusal::invalid(
                "body",
                Said::new("refused-too-long").with("max", limits::TEXT),
            ));
        }
        if attachments.len() > ATTACHMENTS_MAX {
            return Err(Refusal::invalid(
                "files",
                Said::new("refused-too-many-files").with("max", ATTACHMENTS_MAX),
            ));
        }
        if body.is_empty() && attachments.is_empty() {
            return Err(Refusal::invalid("body", "refused-empty-message"));
        }
        Ok(NewMessage {
            side,
            internal,
            body: body.to_owned(),
            attachments,
        })
    }

    pub fn side(&self) -> Side {
        self.side
    }

    /// True for a staff note the customer never sees.
    pub fn internal(&self) -> bool {
        self.internal
    }

    /// The text, trimmed.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The evidence ids of the files it carries.
    pub fn attachments(&self) -> &[String] {
        &self.attachments
    }

    /// True when the other side is told of it: every message but an internal note.
    pub fn shared(&self) -> bool {
        !self.internal
    }
}

/// The shop owes the customer a reply: since when, and by which date (the first-reply deadline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Awaiting {
    /// The first message the shop has not answered.
    pub since: Timestamp,
    /// `None` only for dates the calendar cannot count (near year 9999).
    pub due: Option<Date>,
}

/// Whether the shop owes a reply after `message`, given whether it owed one before:
/// - a customer's message starts the wait, or leaves a running one as it is, so the deadline
///   counts from the first unanswered message, not the last;
/// - a shared reply from the shop ends it;
/// - an internal note changes nothing.
pub fn awaiting_after(
    before: Option<Awaiting>,
    message: &NewMessage,
    ctx: &Context<'_>,
) -> (Option<Awaiting>, Vec<Warning>) {
    match (message.side, message.internal) {
        (Side::Customer, _) => match before {
            Some(running) => (Some(running), Vec::new()),
            None => {
                let (due, warnings) = ctx.deadline(&ctx.version.deadlines.first_reply);
                (
                    Some(Awaiting {
                        since: ctx.now,
                        due,
                    }),
                    warnings,
                )
            }
        },
        (Side::Shop, false) => (None, Vec::new()),
        (Side::Shop, true) => (before, Vec::new()),
    }
}

/// A staff member closes the wait without writing to the customer (the customer only said
/// thanks): refused when nothing is awaited, or when the actor is not staff.
pub fn no_reply_needed(before: Option<&Awaiting>, actor: &Actor) -> Result<(), Refusal> {
    if !actor.is_staff() {
        return Err(only("staff", "doing-close-without-reply"));
    }
    if before.is_none() {
        return Err(Refusal::state("refused-nothing-awaited"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::test_support::ctx;
    use rstest::rstest;

    fn actor(role: Role) -> Actor {
        Actor {
            id: match role {
                Role::Customer => "ana@example.com".into(),
                _ => "staff-1".into(),
            },
            roles: vec![role],
        }
    }

    #[rstest]
    #[case::customer(Role::Customer, false, Ok(Side::Customer))]
    #[case::agent(Role::Agent, false, Ok(Side::Shop))]
    #[case::warehouse_note(Role::Warehouse, true, Ok(Side::Shop))]
    #[case::admin(Role::Admin, false, Ok(Side::Shop))]
    #[case::customer_internal(
        Role::Customer,
        true,
        Err("only the shop's staff can write an internal note")
    )]
    #[case::system(
        Role::System,
        false,
        Err("only the customer or the shop's staff can write in a conversation")
    )]
    fn who_may_write_what(
        #[case] role: Role,
        #[case] internal: bool,
        #[case] expected: Result<Side, &str>,
    ) {
        let got = NewMessage::parse(&actor(role), internal, "Hello", vec![]);
        match expected {
            Ok(side) => assert_eq!(got.map(|m| m.side()), Ok(side)),
            Err(why) => assert!(
                matches!(&got, Err(r @ Refusal::Role(_)) if r.to_string() == why),
                "{got:?}"
            ),
        }
    }

    #[rstest]
    #[case::empty("", 0, Some("body"))]
    #[case::blank("  \n ", 0, Some("body"))]
    #[case::only_a_file("", 1, None)]
    #[case::longest(&"a".repeat(limits::TEXT), 0, None)]
    #[case::too_long(&"é".repeat(limits::TEXT + 1), 0, Some("body"))]
    #[case::most_files("see", ATTACHMENTS_MAX, None)]
    #[case::too_many_files("see", ATTACHMENTS_MAX + 1, Some("files"))]
    fn a_message_says_something_within_its_bounds(
        #[case] body: &str,
        #[case] files: usize,
        #[case] refused_at: Option<&str>,
    ) {
        let files = (0..files).map(|i| format!("ev-{i}")).collect();
        let got = NewMessage::parse(&actor(Role::Customer), false, body, files);
        match refused_at {
            None => assert!(got.is_ok(), "{got:?}"),
            Some(field) => {
                assert!(matches!(got, Err(Refusal::Invalid { field: f, .. }) if f == field))
            }
        }
    }

    #[test]
    fn the_text_is_kept_trimmed() {
        let m =
            NewMessage::parse(&actor(Role::Customer), false, "  Where is it?\n", vec![]).unwrap();
        assert_eq!(m.body(), "Where is it?");
        assert!(m.shared());
    }

    #[test]
    fn the_shop_owes_a_first_reply_from_the_first_unanswered_message_until_it_answers() {
        let customer = actor(Role::Customer);
        let agent = actor(Role::Agent);
        // Friday 2025-03-07 10:00 in Shanghai: one working day later is Monday the 10th.
        let friday = "2025-03-07T02:00:00Z";
        let ask = NewMessage::parse(&customer, false, "Where is my parcel?", vec![]).unwrap();
        let (waiting, _) = awaiting_after(None, &ask, &ctx(&customer, friday));
        let first = Awaiting {
            since: friday.parse().unwrap(),
            due: Some(jiff::civil::date(2025, 3, 10)),
        };
        assert_eq!(waiting, Some(first.clone()));
        // A second message does not move the deadline on.
        let monday = "2025-03-10T02:00:00Z";
        let again = NewMessage::parse(&customer, false, "Any news?", vec![]).unwrap();
        let (waiting, _) = awaiting_after(waiting, &again, &ctx(&customer, monday));
        assert_eq!(waiting, Some(first.clone()));
        // A note between staff leaves the customer waiting; a reply ends the wait.
        let note = NewMessage::parse(&agent, true, "Ask the carrier", vec![]).unwrap();
        let (waiting, _) = awaiting_after(waiting, &note, &ctx(&agent, monday));
        assert_eq!(waiting, Some(first));
        let reply = NewMessage::parse(&agent, false, "It is in customs.", vec![]).unwrap();
        let (waiting, _) = awaiting_after(waiting, &reply, &ctx(&agent, monday));
        assert_eq!(waiting, None);
        // A reply when nothing was awaited changes nothing either.
        assert_eq!(awaiting_after(None, &reply, &ctx(&agent, monday)).0, None);
    }

    #[rstest]
    #[case::marker(
        "Yes, send it back.\n\n> ## Write your answer above this line ##\n> Hello Ana,",
        "Yes, send it back."
    )]
    #[case::marker_unquoted(
        "Thanks!\r\n## Write your answer above this line ##\r\nHello Ana,",
        "Thanks!"
    )]
    #[case::attribution(
        "Fine by me.\n\nOn Fri, 20 Mar 2026 at 10:00, LocksMall <reply+c1@in.example> wrote:\n> Hello",
        "Fine by me."
    )]
    #[case::attribution_on_two_lines(
        "Fine.\nOn Fri, 20 Mar 2026 at 10:00, LocksMall\n<reply+c1@in.example> wrote:\n> Hello",
        "Fine."
    )]
    #[case::french(
        "D'accord.\nLe ven. 20 mars 2026, LocksMall a écrit :\n> Bonjour",
        "D'accord."
    )]
    #[case::german("Gut.\nAm Fr., 20. März 2026 schrieb LocksMall:\n> Hallo", "Gut.")]
    #[case::chinese("好的\n在 2026年3月20日 LocksMall 写道：\n> 您好", "好的")]
    #[case::outlook("OK\n\n-----Original Message-----\nFrom: LocksMall", "OK")]
    #[case::interleaved_quotes(
        "> Which colour?\nBlack.\n> And the size?\nLarge.",
        "Black.\nLarge."
    )]
    #[case::signature("See the photo.\n-- \nAna Lima\n+34 600 000 000", "See the photo.")]
    #[case::nothing_new("> ## Write your answer above this line ##\n> Hello", "")]
    fn an_answer_by_email_keeps_what_was_written_not_what_was_quoted(
        #[case] text: &str,
        #[case] kept: &str,
    ) {
        assert_eq!(reply_text(text), kept);
    }

    #[test]
    fn only_staff_close_a_wait_without_a_reply_and_only_a_running_one() {
        let waiting = Awaiting {
            since: Timestamp::UNIX_EPOCH,
            due: None,
        };
        assert!(no_reply_needed(Some(&waiting), &actor(Role::Agent)).is_ok());
        assert!(matches!(
            no_reply_needed(Some(&waiting), &actor(Role::Customer)),
            Err(Refusal::Role(_))
        ));
        assert!(matches!(
            no_reply_needed(None, &actor(Role::Agent)),
            Err(Refusal::State(_))
        ));
    }
}
