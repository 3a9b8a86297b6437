//! The refund or payout: the money leg of a return, a buyback or an undeliverable order.
//! Granted by an agent, sent by finance (two steps, two people), to the original payment method,
//! then settled or failed; a failed payment can be sent again.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed, only};
use crate::i18n::Said;
use crate::money::{Money, MoneyError};

/// What a refund pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundSource {
    Return,
    Buyback,
    Undeliverable,
    /// The difference an appeal's corrected result adds to what was granted before.
    AppealCorrection,
}

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundState {
    New,
    Granted,
    Sent,
    Settled,
    Failed,
}

impl RefundState {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            RefundState::New => "new",
            RefundState::Granted => "granted",
            RefundState::Sent => "sent",
            RefundState::Settled => "settled",
            RefundState::Failed => "failed",
        }
    }
}

/// A refund as its events made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundCase {
    pub state: RefundState,
    pub source: Option<RefundSource>,
    /// The case (return, buyback, order) whose result this refund pays.
    pub source_case: Option<String>,
    pub amount: Option<Money>,
    /// The original payment method ("card", "paypal"...) the money goes back through (III.3).
    pub method: Option<String>,
    pub granted_by: Option<String>,
    pub payment_reference: Option<String>,
    pub attempts: u32,
    pub failure: Option<String>,
    pub deadline: Option<Date>,
}

impl Default for RefundCase {
    fn default() -> Self {
        RefundCase {
            state: RefundState::New,
            source: None,
            source_case: None,
            amount: None,
            method: None,
            granted_by: None,
            payment_reference: None,
            attempts: 0,
            failure: None,
            deadline: None,
        }
    }
}

/// What someone asks of a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundCommand {
    /// An agent grants an amount; `cap` is what may still be granted for the order (paid plus
    /// compensated return costs, less what earlier refunds granted), worked out by the caller.
    Grant {
        source: RefundSource,
        source_case: Option<String>,
        amount: Money,
        method: String,
        cap: Money,
    },
    Send {
        payment_reference: String,
    },
    Settle,
    Fail {
        reason: String,
    },
    /// The payment provider refused to make the payment (a card that was disputed, a charge
    /// already refunded in its dashboard): nothing was sent, and finance may send it again.
    RecordRefusal {
        reason: String,
    },
}

/// What happened to a refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RefundEvent {
    Granted {
        source: RefundSource,
        source_case: Option<String>,
        amount: Money,
        method: String,
        granted_by: String,
        pay_by: Option<Date>,
    },
    Sent {
        payment_reference: String,
    },
    Settled,
    Failed {
        reason: String,
    },
    Refused {
        reason: String,
    },
}

/// True when granting `amount` keeps the order's refunds within `cap`.
pub fn within_cap(amount: Money, cap: Money) -> Result<bool, MoneyError> {
    Ok(cap.checked_sub(amount)?.minor() >= 0)
}

impl Bounded for RefundCommand {
    fn bounds(&self) -> Vec<Bound<'_>> {
        match self {
            RefundCommand::Grant { method, .. } => {
                vec![Bound::text("method", method, limits::SHORT)]
            }
            RefundCommand::Send { payment_reference } => vec![Bound::text(
                "payment_reference",
                payment_reference,
                limits::SHORT,
            )],
            RefundCommand::Fail { reason } | RefundCommand::RecordRefusal { reason } => {
                vec![Bound::text("reason", reason, limits::TEXT)]
            }
            RefundCommand::Settle => Vec::new(),
        }
    }
}

impl Machine for RefundCase {
    type Command = RefundCommand;
    type Event = RefundEvent;

    fn decide(
        &self,
        command: &RefundCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<RefundEvent>, Refusal> {
        super::within_bounds(command)?;
        let state = self.state.name();
        match command {
            RefundCommand::Grant {
                source,
                source_case,
                amount,
                method,
                cap,
            } => {
                if self.state != RefundState::New {
                    return Err(not_allowed("doing-grant-refund", state, &["new"]));
                }
                ctx.require(Role::Agent, "doing-grant-refund")?;
                if amount.minor() <= 0 {
                    return Err(Refusal::invalid("amount", "refused-not-above-zero"));
                }
                if method.trim().is_empty() {
                    return Err(Refusal::invalid("method", "refused-name-payment-method"));
                }
                match within_cap(*amount, *cap) {
                    Ok(true) => {}
                    Ok(false) => {
                        return Err(Refusal::invalid(
                            "amount",
                            Said::new("refused-refund-over-cap")
                                .with("amount", *amount)
                                .with("cap", *cap),
                        ));
                    }
                    Err(e) => return Err(Refusal::invalid("amount", e.said())),
                }
                let (pay_by, _) = ctx.deadline(&ctx.version.deadlines.buyback_payment);
                Ok(vec![RefundEvent::Granted {
                    source: *source,
                    source_case: source_case.clone(),
                    amount: *amount,
                    method: method.trim().to_owned(),
                    granted_by: ctx.actor.id.clone(),
                    pay_by,
                }])
            }
            RefundCommand::Send { payment_reference } => {
                if !matches!(self.state, RefundState::Granted | RefundState::Failed) {
                    return Err(not_allowed(
                        "doing-send-refund",
                        state,
                        &["granted", "failed"],
                    ));
                }
                ctx.require(Role::Finance, "doing-send-refund")?;
                if self.granted_by.as_deref() == Some(ctx.actor.id.as_str()) {
                    return Err(Refusal::role("refused-four-eyes"));
                }
                if payment_reference.trim().is_empty() {
                    return Err(Refusal::invalid("payment_reference", "refused-empty"));
                }
                Ok(vec![RefundEvent::Sent {
                    payment_reference: payment_reference.trim().to_owned(),
                }])
            }
            RefundCommand::Settle => {
                if self.state != RefundState::Sent {
                    return Err(not_allowed("doing-settle-refund", state, &["sent"]));
                }
                if !(ctx.actor.has(Role::Finance) || ctx.actor.has(Role::System)) {
                    return Err(only("finance-or-payments", "doing-settle-refund"));
                }
                Ok(vec![RefundEvent::Settled])
            }
            RefundCommand::Fail { reason } => {
                if self.state != RefundState::Sent {
                    return Err(not_allowed("doing-record-failed-payment", state, &["sent"]));
                }
                if !(ctx.actor.has(Role::Finance) || ctx.actor.has(Role::System)) {
                    return Err(only("finance-or-payments", "doing-record-failed-payment"));
                }
                if reason.trim().is_empty() {
                    return Err(Refusal::invalid("reason", "refused-empty"));
                }
                Ok(vec![RefundEvent::Failed {
                    reason: reason.clone(),
                }])
            }
            RefundCommand::RecordRefusal { reason } => {
                if !matches!(self.state, RefundState::Granted | RefundState::Failed) {
                    return Err(not_allowed(
                        "doing-record-refused-payment",
                        state,
                        &["granted", "failed"],
                    ));
                }
                if !(ctx.actor.has(Role::Finance) || ctx.actor.has(Role::System)) {
                    return Err(only("finance-or-payments", "doing-record-refused-payment"));
                }
                if reason.trim().is_empty() {
                    return Err(Refusal::invalid("reason", "refused-empty"));
                }
                Ok(vec![RefundEvent::Refused {
                    reason: reason.trim().to_owned(),
                }])
            }
        }
    }

    fn apply(mut self, event: &RefundEvent) -> Self {
        match event {
            RefundEvent::Granted {
                source,
                source_case,
                amount,
                method,
                granted_by,
                pay_by,
            } => {
                self.state = RefundState::Granted;
                self.source = Some(*source);
                self.source_case = source_case.clone();
                self.amount = Some(*amount);
                self.method = Some(method.clone());
                self.granted_by = Some(granted_by.clone());
                self.deadline = *pay_by;
            }
            RefundEvent::Sent { payment_reference } => {
                self.state = RefundState::Sent;
                self.payment_reference = Some(payment_reference.clone());
                self.attempts += 1;
                self.failure = None;
                self.deadline = None;
            }
            RefundEvent::Settled => self.state = RefundState::Settled,
            // A refusal sent nothing: the attempts stay as they were, and the deadline to pay
            // still runs.
            RefundEvent::Failed { reason } | RefundEvent::Refused { reason } => {
                self.state = RefundState::Failed;
                self.failure = Some(reason.clone());
            }
        }
        self
    }

    fn state_name(&self) -> &'static str {
        self.state.name()
    }

    fn deadline(&self) -> Option<Date> {
        self.deadline
    }

    fn is_open(&self) -> bool {
        self.state != RefundState::Settled
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{actor, ctx};
    use super::super::{Actor, execute};
    use super::*;
    use crate::money::Currency;

    const NOW: &str = "2026-03-20T02:00:00Z";

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::parse("USD").unwrap())
    }

    fn grant(amount: i64, cap: i64) -> RefundCommand {
        RefundCommand::Grant {
            source: RefundSource::Return,
            source_case: Some("return-1".into()),
            amount: usd(amount),
            method: "card".into(),
            cap: usd(cap),
        }
    }

    fn person(id: &str, role: Role) -> Actor {
        Actor {
            id: id.into(),
            roles: vec![role],
        }
    }

    fn granted() -> RefundCase {
        let agent = person("agent-1", Role::Agent);
        execute(
            RefundCase::default(),
            &grant(14_750, 30_000),
            &ctx(&agent, NOW),
        )
        .unwrap()
        .0
    }

    #[test]
    fn an_agent_grants_and_another_person_in_finance_sends() {
        let case = granted();
        assert_eq!(case.state, RefundState::Granted);
        assert_eq!(
            case.deadline,
            Some(jiff::civil::date(2026, 3, 27)),
            "5 working days"
        );
        let finance = person("fin-1", Role::Finance);
        let (case, _) = execute(
            case,
            &RefundCommand::Send {
                payment_reference: "PAY-1".into(),
            },
            &ctx(&finance, NOW),
        )
        .unwrap();
        assert_eq!(case.state, RefundState::Sent);
        let (case, _) = execute(case, &RefundCommand::Settle, &ctx(&finance, NOW)).unwrap();
        assert!(!case.is_open());
    }

    #[test]
    fn the_person_who_granted_cannot_send() {
        let both = Actor {
            id: "agent-1".into(),
            roles: vec![Role::Agent, Role::Finance],
        };
        let err = granted()
            .decide(
                &RefundCommand::Send {
                    payment_reference: "P".into(),
                },
                &ctx(&both, NOW),
            )
            .unwrap_err();
        assert!(matches!(err, Refusal::Role(_)));
    }

    #[test]
    fn an_agent_cannot_send_and_finance_cannot_grant() {
        let agent = person("a2", Role::Agent);
        assert!(matches!(
            granted().decide(
                &RefundCommand::Send {
                    payment_reference: "P".into()
                },
                &ctx(&agent, NOW)
            ),
            Err(Refusal::Role(_))
        ));
        let finance = actor(&[Role::Finance]);
        assert!(matches!(
            RefundCase::default().decide(&grant(1, 1), &ctx(&finance, NOW)),
            Err(Refusal::Role(_))
        ));
    }

    #[test]
    fn a_grant_above_what_remains_refundable_is_refused() {
        let agent = actor(&[Role::Agent]);
        assert!(
            RefundCase::default()
                .decide(&grant(30_000, 30_000), &ctx(&agent, NOW))
                .is_ok()
        );
        let err = RefundCase::default()
            .decide(&grant(30_001, 30_000), &ctx(&agent, NOW))
            .unwrap_err();
        assert!(
            matches!(err, Refusal::Invalid { ref field, .. } if field == "amount"),
            "{err:?}"
        );
        assert!(
            RefundCase::default()
                .decide(&grant(0, 30_000), &ctx(&agent, NOW))
                .is_err()
        );
    }

    #[test]
    fn a_failed_payment_can_be_sent_again() {
        let finance = person("fin-1", Role::Finance);
        let system = actor(&[Role::System]);
        let case = granted();
        let (case, _) = execute(
            case,
            &RefundCommand::Send {
                payment_reference: "P1".into(),
            },
            &ctx(&finance, NOW),
        )
        .unwrap();
        let (case, _) = execute(
            case,
            &RefundCommand::Fail {
                reason: "card expired".into(),
            },
            &ctx(&system, NOW),
        )
        .unwrap();
        assert_eq!(case.state, RefundState::Failed);
        assert!(case.is_open());
        let (case, _) = execute(
            case,
            &RefundCommand::Send {
                payment_reference: "P2".into(),
            },
            &ctx(&finance, NOW),
        )
        .unwrap();
        assert_eq!((case.state, case.attempts), (RefundState::Sent, 2));
    }

    #[test]
    fn a_refusal_by_the_provider_sends_nothing_and_the_refund_can_be_sent_again() {
        let finance = person("fin-1", Role::Finance);
        let system = actor(&[Role::System]);
        let case = granted();
        let deadline = case.deadline;
        let (case, events) = execute(
            case,
            &RefundCommand::RecordRefusal {
                reason: "  Stripe: charge_disputed  ".into(),
            },
            &ctx(&system, NOW),
        )
        .unwrap();
        assert_eq!(
            events,
            vec![RefundEvent::Refused {
                reason: "Stripe: charge_disputed".into()
            }]
        );
        assert_eq!(
            (case.state, case.attempts, case.deadline),
            (RefundState::Failed, 0, deadline)
        );
        assert_eq!(case.failure.as_deref(), Some("Stripe: charge_disputed"));
        let agent = person("agent-2", Role::Agent);
        assert!(matches!(
            case.decide(
                &RefundCommand::RecordRefusal { reason: "x".into() },
                &ctx(&agent, NOW)
            ),
            Err(Refusal::Role(_))
        ));
        assert!(
            case.decide(
                &RefundCommand::RecordRefusal { reason: " ".into() },
                &ctx(&system, NOW)
            )
            .is_err()
        );
        let (case, _) = execute(
            case,
            &RefundCommand::Send {
                payment_reference: "re_1".into(),
            },
            &ctx(&finance, NOW),
        )
        .unwrap();
        assert_eq!((case.state, case.attempts), (RefundState::Sent, 1));
    }

    #[test]
    fn every_command_in_every_state_follows_the_transition_table() {
        let finance = person("fin-1", Role::Finance);
        let agent = person("agent-1", Role::Agent);
        let send = RefundCommand::Send {
            payment_reference: "P".into(),
        };
        let fail = RefundCommand::Fail {
            reason: "bounced".into(),
        };
        let states: Vec<RefundCase> = {
            let new = RefundCase::default();
            let granted = granted();
            let sent = execute(granted.clone(), &send, &ctx(&finance, NOW))
                .unwrap()
                .0;
            let settled = execute(sent.clone(), &RefundCommand::Settle, &ctx(&finance, NOW))
                .unwrap()
                .0;
            let failed = execute(sent.clone(), &fail, &ctx(&finance, NOW)).unwrap().0;
            vec![new, granted, sent, settled, failed]
        };
        let refuse = RefundCommand::RecordRefusal {
            reason: "charge disputed".into(),
        };
        let table: [(&str, RefundCommand, &Actor, [bool; 5]); 5] = [
            (
                "grant",
                grant(100, 100),
                &agent,
                [true, false, false, false, false],
            ),
            (
                "send",
                send.clone(),
                &finance,
                [false, true, false, false, true],
            ),
            (
                "settle",
                RefundCommand::Settle,
                &finance,
                [false, false, true, false, false],
            ),
            (
                "fail",
                fail.clone(),
                &finance,
                [false, false, true, false, false],
            ),
            (
                "record a refusal",
                refuse,
                &finance,
                [false, true, false, false, true],
            ),
        ];
        for (name, command, who, allowed) in table {
            for (case, ok) in states.iter().zip(allowed) {
                let result = case.decide(&command, &ctx(who, NOW));
                assert_eq!(result.is_ok(), ok, "{name} in {:?}: {result:?}", case.state);
                if let Err(e) = result {
                    assert!(
                        matches!(e, Refusal::State(_)),
                        "{name} in {:?}: {e:?}",
                        case.state
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Grants against a running cap (paid + compensated return costs - granted so far), as the
        /// app computes it, never add up to more than the order allows.
        #[test]
        fn granted_refunds_never_exceed_what_was_paid_plus_compensated_costs(
            paid in 0i64..1_000_000,
            compensated in 0i64..100_000,
            asks in proptest::collection::vec(1i64..400_000, 1..8)
        ) {
            let agent = actor(&[Role::Agent]);
            let mut granted = 0i64;
            for ask in asks {
                let cap = paid + compensated - granted;
                let result = RefundCase::default().decide(&grant(ask, cap), &ctx(&agent, NOW));
                if result.is_ok() {
                    granted += ask;
                }
                proptest::prop_assert_eq!(result.is_ok(), ask <= cap);
                proptest::prop_assert!(granted <= paid + compensated);
            }
        }
    }
}
