//! The steps a person takes on an open case, named as the API's paths and the console's forms
//! name them, and which of them are open to someone now.
//!
//! Whether a step is open is never restated outside the machine: `decide` judges a command's
//! bounds, then the case's state, then the actor's roles, and only then its values, so a command
//! of the step with empty values (its probe) is refused by state or role exactly when the step is
//! closed. The tests below hold every machine to that order, state by state and role by role.

use std::fmt;

use super::appeal::{AppealCase, AppealCommand};
use super::buyback::{BuybackCase, BuybackCommand};
use super::order::{OrderCase, OrderCommand, ReturnedReason, Shipment, ShortageAnswer};
use super::refund::{RefundCase, RefundCommand};
use super::rma::{ReceptionOutcome, ReturnCase, ReturnCommand};
use super::{Context, Machine, Refusal};
use crate::facts::Condition;
use crate::money::{Currency, Money, Percent};
use crate::policy::Grade;

/// A machine whose steps can be asked about before anyone takes them.
pub trait Steps: Machine {
    type Step: Copy + Eq + fmt::Debug + 'static;

    /// Every step of an open case, in the order a page lists them. The commands that open a case
    /// (a request, an application, an appeal filed, a refund granted) and those other use cases
    /// give on the case's behalf (a refund recorded, a quote corrected by an appeal) are not
    /// steps: nobody takes them on the case itself.
    const STEPS: &'static [Self::Step];

    /// A command of `step` with empty values.
    fn probe(step: Self::Step) -> Self::Command;

    /// The step a command takes, if it is one.
    fn step_of(command: &Self::Command) -> Option<Self::Step>;

    /// The steps the actor of `ctx` may take on this case now, as the machine judges them.
    fn open_steps(&self, ctx: &Context<'_>) -> Vec<Self::Step> {
        Self::STEPS
            .iter()
            .copied()
            .filter(|step| {
                !matches!(
                    self.decide(&Self::probe(*step), ctx),
                    Err(Refusal::State(_) | Refusal::Role(_))
                )
            })
            .collect()
    }
}

/// Defines a step enum with its names (the API's path segments, the console's form names).
macro_rules! steps {
    ($(#[$meta:meta])* $name:ident { $($step:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($step,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$step,)*];

            /// The step's name, as paths and forms write it.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$step => $text,)*
                }
            }

            /// The step a path or form names; `None` for a name this kind of case has no step for.
            pub fn parse(name: &str) -> Option<$name> {
                match name {
                    $($text => Some($name::$step),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

steps! {
    /// A step of an order's fulfilment (I, II, III.5).
    OrderStep {
        VerifyPayment = "verify-payment",
        ReportShortage = "report-shortage",
        AnswerShortage = "answer-shortage",
        StartAssembly = "start-assembly",
        SubmitAssemblyMedia = "submit-assembly-media",
        ApprovePhotos = "approve-photos",
        RequestChanges = "request-changes",
        Pack = "pack",
        Ship = "ship",
        Sign = "sign",
        ReturnedToSender = "returned-to-sender",
        HoldAtCustoms = "hold-at-customs",
        ReleaseFromCustoms = "release-from-customs",
        DestroyedAtCustoms = "destroyed-at-customs",
        Reship = "reship",
        SettleReturnedParcel = "settle-returned-parcel",
        Cancel = "cancel",
    }
}

steps! {
    /// A step of a return (III.2, III.3).
    ReturnStep {
        Approve = "approve",
        Reject = "reject",
        SendToBuyback = "send-to-buyback",
        Ship = "ship",
        Receive = "receive",
        PassInspection = "pass-inspection",
        FailInspection = "fail-inspection",
        ChooseSendBack = "choose-send-back",
        ChooseBuyback = "choose-buyback",
    }
}

steps! {
    /// A step of a granted refund (III.3).
    RefundStep {
        Send = "send",
        Settle = "settle",
        Fail = "fail",
    }
}

steps! {
    /// A step of a buyback (the buyback program).
    BuybackStep {
        Grade = "grade",
        Quote = "quote",
        Accept = "accept",
        Decline = "decline",
        Expire = "expire",
        Ship = "ship",
        Receive = "receive",
        Confirm = "confirm",
        Revise = "revise",
        AcceptRevision = "accept-revision",
        AskForItemBack = "ask-for-item-back",
        MarkPaid = "mark-paid",
    }
}

steps! {
    /// A step of an appeal (IV).
    AppealStep {
        Uphold = "uphold",
        Change = "change",
        Mediation = "mediation",
    }
}

impl OrderStep {
    /// A step taken when something happens to the order rather than because it waits for the
    /// shop: a signing reported, a parcel come back or held by customs, a cancellation. A case
    /// in a state where only such steps are open is nobody's work yet.
    pub fn is_occasional(self) -> bool {
        matches!(
            self,
            OrderStep::Sign
                | OrderStep::ReturnedToSender
                | OrderStep::HoldAtCustoms
                | OrderStep::ReleaseFromCustoms
                | OrderStep::DestroyedAtCustoms
                | OrderStep::Cancel
        )
    }
}

impl BuybackStep {
    /// Closing a quote whose validity passed (the deadline sweep does it; an agent may), and
    /// recording the payment once it arrived (the refund it was granted through is the work).
    pub fn is_occasional(self) -> bool {
        matches!(self, BuybackStep::Expire | BuybackStep::MarkPaid)
    }
}

/// An amount in a probe: its value is never judged, so any currency does.
fn nothing() -> Money {
    Money::zero(Currency::USD)
}

impl Steps for OrderCase {
    type Step = OrderStep;
    const STEPS: &'static [OrderStep] = OrderStep::ALL;

    fn probe(step: OrderStep) -> OrderCommand {
        match step {
            OrderStep::VerifyPayment => OrderCommand::VerifyPayment,
            OrderStep::ReportShortage => OrderCommand::ReportShortage {
                message: String::new(),
            },
            OrderStep::AnswerShortage => OrderCommand::AnswerShortage(ShortageAnswer::Wait),
            OrderStep::StartAssembly => OrderCommand::StartAssembly,
            OrderStep::SubmitAssemblyMedia => OrderCommand::SubmitAssemblyMedia { media: vec![] },
            OrderStep::ApprovePhotos => OrderCommand::ApprovePhotos,
            OrderStep::RequestChanges => OrderCommand::RequestChanges {
                comment: String::new(),
            },
            OrderStep::Pack => OrderCommand::Pack,
            OrderStep::Ship => OrderCommand::Ship(Shipment {
                carrier: String::new(),
                tracking_number: String::new(),
                tracking_url: String::new(),
            }),
            OrderStep::Sign => OrderCommand::Sign {
                signed_at: jiff::Timestamp::UNIX_EPOCH,
                damage_noted: false,
                evidence: vec![],
            },
            OrderStep::ReturnedToSender => OrderCommand::ReturnedToSender {
                reason: ReturnedReason::Refused,
            },
            OrderStep::HoldAtCustoms => OrderCommand::HoldAtCustoms {
                note: String::new(),
            },
            OrderStep::ReleaseFromCustoms => OrderCommand::ReleaseFromCustoms,
            OrderStep::DestroyedAtCustoms => OrderCommand::DestroyedAtCustoms {
                note: String::new(),
            },
            OrderStep::Reship => OrderCommand::Reship {
                second_shipping_fee: nothing(),
            },
            OrderStep::SettleReturnedParcel => OrderCommand::SettleReturnedParcel {
                return_processing_fee: nothing(),
            },
            OrderStep::Cancel => OrderCommand::Cancel {
                reason: String::new(),
            },
        }
    }

    fn step_of(command: &OrderCommand) -> Option<OrderStep> {
        Some(match command {
            OrderCommand::VerifyPayment => OrderStep::VerifyPayment,
            OrderCommand::ReportShortage { .. } => OrderStep::ReportShortage,
            OrderCommand::AnswerShortage(_) => OrderStep::AnswerShortage,
            OrderCommand::StartAssembly => OrderStep::StartAssembly,
            OrderCommand::SubmitAssemblyMedia { .. } => OrderStep::SubmitAssemblyMedia,
            OrderCommand::ApprovePhotos => OrderStep::ApprovePhotos,
            OrderCommand::RequestChanges { .. } => OrderStep::RequestChanges,
            OrderCommand::Pack => OrderStep::Pack,
            OrderCommand::Ship(_) => OrderStep::Ship,
            OrderCommand::Sign { .. } => OrderStep::Sign,
            OrderCommand::ReturnedToSender { .. } => OrderStep::ReturnedToSender,
            OrderCommand::HoldAtCustoms { .. } => OrderStep::HoldAtCustoms,
            OrderCommand::ReleaseFromCustoms => OrderStep::ReleaseFromCustoms,
            OrderCommand::DestroyedAtCustoms { .. } => OrderStep::DestroyedAtCustoms,
            OrderCommand::Reship { .. } => OrderStep::Reship,
            OrderCommand::SettleReturnedParcel { .. } => OrderStep::SettleReturnedParcel,
            OrderCommand::Cancel { .. } => OrderStep::Cancel,
        })
    }
}

impl Steps for ReturnCase {
    type Step = ReturnStep;
    const STEPS: &'static [ReturnStep] = ReturnStep::ALL;

    fn probe(step: ReturnStep) -> ReturnCommand {
        match step {
            ReturnStep::Approve => ReturnCommand::Approve {
                rma: String::new(),
                return_address: String::new(),
                instructions: String::new(),
            },
            ReturnStep::Reject => ReturnCommand::Reject { reasons: vec![] },
            ReturnStep::SendToBuyback => ReturnCommand::SendToBuyback { reasons: vec![] },
            ReturnStep::Ship => ReturnCommand::MarkShipped {
                tracking_number: String::new(),
            },
            ReturnStep::Receive => ReturnCommand::Receive {
                lines: vec![],
                outcome: ReceptionOutcome::AsExpected,
            },
            ReturnStep::PassInspection => ReturnCommand::PassInspection {
                refund: nothing(),
                compensated_return_costs: nothing(),
                confirmed_return_costs: nothing(),
                inspected: vec![],
            },
            ReturnStep::FailInspection => ReturnCommand::FailInspection {
                reasons: vec![],
                photos: vec![],
            },
            ReturnStep::ChooseSendBack => ReturnCommand::ChooseSendBack {
                address: String::new(),
            },
            ReturnStep::ChooseBuyback => ReturnCommand::ChooseBuyback,
        }
    }

    fn step_of(command: &ReturnCommand) -> Option<ReturnStep> {
        Some(match command {
            ReturnCommand::Request { .. } | ReturnCommand::RecordRefundGranted { .. } => {
                return None;
            }
            ReturnCommand::Approve { .. } => ReturnStep::Approve,
            ReturnCommand::Reject { .. } => ReturnStep::Reject,
            ReturnCommand::SendToBuyback { .. } => ReturnStep::SendToBuyback,
            ReturnCommand::MarkShipped { .. } => ReturnStep::Ship,
            ReturnCommand::Receive { .. } => ReturnStep::Receive,
            ReturnCommand::PassInspection { .. } => ReturnStep::PassInspection,
            ReturnCommand::FailInspection { .. } => ReturnStep::FailInspection,
            ReturnCommand::ChooseSendBack { .. } => ReturnStep::ChooseSendBack,
            ReturnCommand::ChooseBuyback => ReturnStep::ChooseBuyback,
        })
    }
}

impl Steps for RefundCase {
    type Step = RefundStep;
    const STEPS: &'static [RefundStep] = RefundStep::ALL;

    fn probe(step: RefundStep) -> RefundCommand {
        match step {
            RefundStep::Send => RefundCommand::Send {
                payment_reference: String::new(),
            },
            RefundStep::Settle => RefundCommand::Settle,
            RefundStep::Fail => RefundCommand::Fail {
                reason: String::new(),
            },
        }
    }

    fn step_of(command: &RefundCommand) -> Option<RefundStep> {
        Some(match command {
            RefundCommand::Grant { .. } | RefundCommand::RecordRefusal { .. } => return None,
            RefundCommand::Send { .. } => RefundStep::Send,
            RefundCommand::Settle => RefundStep::Settle,
            RefundCommand::Fail { .. } => RefundStep::Fail,
        })
    }
}

impl Steps for BuybackCase {
    type Step = BuybackStep;
    const STEPS: &'static [BuybackStep] = BuybackStep::ALL;

    fn probe(step: BuybackStep) -> BuybackCommand {
        match step {
            BuybackStep::Grade => BuybackCommand::Grade {
                condition: Condition {
                    grade: Grade::Good,
                    missing_accessories: 0,
                    original_packaging: false,
                },
                decision: serde_json::Value::Null,
            },
            BuybackStep::Quote => BuybackCommand::Quote {
                percent: Percent::ZERO,
                note: None,
                manual_review: false,
            },
            BuybackStep::Accept => BuybackCommand::Accept,
            BuybackStep::Decline => BuybackCommand::Decline,
            BuybackStep::Expire => BuybackCommand::Expire,
            BuybackStep::Ship => BuybackCommand::MarkShipped {
                tracking_number: String::new(),
            },
            BuybackStep::Receive => BuybackCommand::Receive,
            BuybackStep::Confirm => BuybackCommand::Confirm,
            BuybackStep::Revise => BuybackCommand::Revise {
                amount: nothing(),
                reasons: vec![],
                photos: vec![],
            },
            BuybackStep::AcceptRevision => BuybackCommand::AcceptRevision,
            BuybackStep::AskForItemBack => BuybackCommand::AskForItemBack {
                address: String::new(),
            },
            BuybackStep::MarkPaid => BuybackCommand::MarkPaid,
        }
    }

    fn step_of(command: &BuybackCommand) -> Option<BuybackStep> {
        Some(match command {
            BuybackCommand::Apply { .. }
            | BuybackCommand::OpenForParcel { .. }
            | BuybackCommand::TakeOverReturn { .. }
            | BuybackCommand::CorrectQuote { .. } => return None,
            BuybackCommand::Grade { .. } => BuybackStep::Grade,
            BuybackCommand::Quote { .. } => BuybackStep::Quote,
            BuybackCommand::Accept => BuybackStep::Accept,
            BuybackCommand::Decline => BuybackStep::Decline,
            BuybackCommand::Expire => BuybackStep::Expire,
            BuybackCommand::MarkShipped { .. } => BuybackStep::Ship,
            BuybackCommand::Receive => BuybackStep::Receive,
            BuybackCommand::Confirm => BuybackStep::Confirm,
            BuybackCommand::Revise { .. } => BuybackStep::Revise,
            BuybackCommand::AcceptRevision => BuybackStep::AcceptRevision,
            BuybackCommand::AskForItemBack { .. } => BuybackStep::AskForItemBack,
            BuybackCommand::MarkPaid => BuybackStep::MarkPaid,
        })
    }
}

impl Steps for AppealCase {
    type Step = AppealStep;
    const STEPS: &'static [AppealStep] = AppealStep::ALL;

    fn probe(step: AppealStep) -> AppealCommand {
        match step {
            AppealStep::Uphold => AppealCommand::Uphold {
                opinion: String::new(),
            },
            AppealStep::Change => AppealCommand::Change {
                opinion: String::new(),
                correction: serde_json::Value::Null,
            },
            AppealStep::Mediation => AppealCommand::RecordMediation {
                mediator: String::new(),
                notes: String::new(),
            },
        }
    }

    fn step_of(command: &AppealCommand) -> Option<AppealStep> {
        Some(match command {
            AppealCommand::File { .. } => return None,
            AppealCommand::Uphold { .. } => AppealStep::Uphold,
            AppealCommand::Change { .. } => AppealStep::Change,
            AppealCommand::RecordMediation { .. } => AppealStep::Mediation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Role;
    use crate::cases::appeal::AppealState;
    use crate::cases::buyback::BuybackState;
    use crate::cases::order::OrderState;
    use crate::cases::refund::RefundState;
    use crate::cases::rma::{ReceivedLine, ReturnState};
    use crate::cases::test_support::{actor, ctx};

    const NOW: &str = "2026-06-15T10:00:00Z";

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    /// Every single role, no role at all, and an admin.
    fn actors() -> Vec<Vec<Role>> {
        let mut out = vec![vec![], vec![Role::Admin]];
        for role in [
            Role::Customer,
            Role::Agent,
            Role::Warehouse,
            Role::Finance,
            Role::System,
        ] {
            out.push(vec![role]);
        }
        out
    }

    /// For every state, every actor and every step: the step is open exactly when a command of
    /// it with real values is not refused by state or role. A machine that judged a value before
    /// the state or the role would fail here.
    fn probes_agree<M: Steps + Clone>(
        cases: &[M],
        real: impl Fn(M::Step) -> M::Command,
        state: impl Fn(&M) -> String,
    ) {
        for case in cases {
            for roles in actors() {
                let who = actor(&roles);
                let ctx = ctx(&who, NOW);
                let open = case.open_steps(&ctx);
                for step in M::STEPS {
                    let command = real(*step);
                    assert_eq!(M::step_of(&command), Some(*step));
                    assert_eq!(M::step_of(&M::probe(*step)), Some(*step));
                    let allowed = !matches!(
                        case.decide(&command, &ctx),
                        Err(Refusal::State(_) | Refusal::Role(_))
                    );
                    assert_eq!(
                        open.contains(step),
                        allowed,
                        "{step:?} in {} as {roles:?}",
                        state(case)
                    );
                }
            }
        }
    }

    #[test]
    fn order_steps_are_open_exactly_when_the_machine_allows_them() {
        use OrderState as S;
        let cases: Vec<OrderCase> = [
            S::Placed,
            S::PaymentVerified,
            S::AwaitingShortageConsent,
            S::Assembling,
            S::AwaitingPhotoApproval,
            S::PhotosApproved,
            S::Packed,
            S::Shipped,
            S::Signed,
            S::Cancelled,
            S::ReturnedToSender,
            S::ReturnSettled,
            S::HeldAtCustoms,
            S::DestroyedAtCustoms,
        ]
        .into_iter()
        .map(|state| OrderCase {
            state,
            ..OrderCase::default()
        })
        .collect();
        let real = |step| match step {
            OrderStep::ReportShortage => OrderCommand::ReportShortage {
                message: "the charger is out of stock".into(),
            },
            OrderStep::SubmitAssemblyMedia => OrderCommand::SubmitAssemblyMedia {
                media: vec!["photo".into()],
            },
            OrderStep::RequestChanges => OrderCommand::RequestChanges {
                comment: "tighten the strap".into(),
            },
            OrderStep::Ship => OrderCommand::Ship(Shipment {
                carrier: "DHL".into(),
                tracking_number: "JD0001".into(),
                tracking_url: "https://track.example/JD0001".into(),
            }),
            OrderStep::Sign => OrderCommand::Sign {
                signed_at: "2026-06-10T10:00:00Z".parse().unwrap(),
                damage_noted: false,
                evidence: vec![],
            },
            OrderStep::HoldAtCustoms => OrderCommand::HoldAtCustoms {
                note: "papers".into(),
            },
            OrderStep::DestroyedAtCustoms => OrderCommand::DestroyedAtCustoms {
                note: "destroyed".into(),
            },
            OrderStep::Reship => OrderCommand::Reship {
                second_shipping_fee: usd(2_000),
            },
            OrderStep::SettleReturnedParcel => OrderCommand::SettleReturnedParcel {
                return_processing_fee: usd(500),
            },
            OrderStep::Cancel => OrderCommand::Cancel {
                reason: "asked by the customer".into(),
            },
            other => OrderCase::probe(other),
        };
        probes_agree(&cases, real, |c| c.state.name().to_owned());
    }

    #[test]
    fn return_steps_are_open_exactly_when_the_machine_allows_them() {
        use ReturnState as S;
        let cases: Vec<ReturnCase> = [
            S::New,
            S::Requested,
            S::Approved,
            S::Rejected,
            S::SentToBuyback,
            S::InTransit,
            S::Received,
            S::InspectionPassed,
            S::RefundGranted,
            S::InspectionFailed,
            S::SentBack,
            S::AbandonedToBuyback,
            S::Lost,
        ]
        .into_iter()
        .map(|state| ReturnCase {
            state,
            ..ReturnCase::default()
        })
        .collect();
        let reasons = || vec!["worn soles".to_owned()];
        let real = |step| match step {
            ReturnStep::Approve => ReturnCommand::Approve {
                rma: "RMA-1".into(),
                return_address: "Warehouse 1".into(),
                instructions: "Put the RMA on the parcel".into(),
            },
            ReturnStep::Reject => ReturnCommand::Reject { reasons: reasons() },
            ReturnStep::SendToBuyback => ReturnCommand::SendToBuyback { reasons: reasons() },
            ReturnStep::Ship => ReturnCommand::MarkShipped {
                tracking_number: "RT1".into(),
            },
            ReturnStep::Receive => ReturnCommand::Receive {
                lines: vec![ReceivedLine {
                    sku: "LK-100".into(),
                    received: 1,
                    damaged: 0,
                }],
                outcome: ReceptionOutcome::AsExpected,
            },
            ReturnStep::PassInspection => ReturnCommand::PassInspection {
                refund: usd(10_000),
                compensated_return_costs: usd(0),
                confirmed_return_costs: usd(0),
                inspected: vec![],
            },
            ReturnStep::FailInspection => ReturnCommand::FailInspection {
                reasons: reasons(),
                photos: vec![],
            },
            ReturnStep::ChooseSendBack => ReturnCommand::ChooseSendBack {
                address: "1 Rua Augusta, Lisboa".into(),
            },
            ReturnStep::ChooseBuyback => ReturnCommand::ChooseBuyback,
        };
        probes_agree(&cases, real, |c| c.state.name().to_owned());
    }

    #[test]
    fn refund_steps_are_open_exactly_when_the_machine_allows_them() {
        use RefundState as S;
        let cases: Vec<RefundCase> = [S::New, S::Granted, S::Sent, S::Settled, S::Failed]
            .into_iter()
            .map(|state| RefundCase {
                state,
                ..RefundCase::default()
            })
            .collect();
        let real = |step| match step {
            RefundStep::Send => RefundCommand::Send {
                payment_reference: "PAY-1".into(),
            },
            RefundStep::Settle => RefundCommand::Settle,
            RefundStep::Fail => RefundCommand::Fail {
                reason: "card closed".into(),
            },
        };
        probes_agree(&cases, real, |c| c.state.name().to_owned());
    }

    #[test]
    fn buyback_steps_are_open_exactly_when_the_machine_allows_them() {
        use BuybackState as S;
        let cases: Vec<BuybackCase> = [
            S::New,
            S::Applied,
            S::ParcelWithoutRma,
            S::GoodsHeld,
            S::Quoted,
            S::Accepted,
            S::Declined,
            S::Expired,
            S::InTransit,
            S::Received,
            S::Confirmed,
            S::Revised,
            S::RevisionAccepted,
            S::ItemReturned,
            S::Paid,
        ]
        .into_iter()
        .map(|state| BuybackCase {
            state,
            ..BuybackCase::default()
        })
        .collect();
        let real = |step| match step {
            BuybackStep::Quote => BuybackCommand::Quote {
                percent: Percent::whole(60).unwrap(),
                note: None,
                manual_review: false,
            },
            BuybackStep::Ship => BuybackCommand::MarkShipped {
                tracking_number: "BB1".into(),
            },
            BuybackStep::Revise => BuybackCommand::Revise {
                amount: usd(1_000),
                reasons: vec!["scratches".into()],
                photos: vec![],
            },
            BuybackStep::AskForItemBack => BuybackCommand::AskForItemBack {
                address: "1 Rua Augusta, Lisboa".into(),
            },
            other => BuybackCase::probe(other),
        };
        probes_agree(&cases, real, |c| c.state.name().to_owned());
    }

    #[test]
    fn appeal_steps_are_open_exactly_when_the_machine_allows_them() {
        use AppealState as S;
        let cases: Vec<AppealCase> = [S::New, S::Filed, S::Upheld, S::Changed, S::Mediation]
            .into_iter()
            .map(|state| AppealCase {
                state,
                ..AppealCase::default()
            })
            .collect();
        let real = |step| match step {
            AppealStep::Uphold => AppealCommand::Uphold {
                opinion: "The inspection stands.".into(),
            },
            AppealStep::Change => AppealCommand::Change {
                opinion: "The photos show the damage came in transit.".into(),
                correction: serde_json::json!({"refund": "10.00"}),
            },
            AppealStep::Mediation => AppealCommand::RecordMediation {
                mediator: "PayPal".into(),
                notes: "Opened a dispute".into(),
            },
        };
        probes_agree(&cases, real, |c| c.state.name().to_owned());
    }

    /// The console and the API find a step by its name: every name reads back as its step, and
    /// no two steps of a kind share one.
    #[test]
    fn step_names_read_back() {
        fn check<S: Copy + Eq + fmt::Debug>(
            all: &[S],
            name: impl Fn(S) -> &'static str,
            parse: impl Fn(&str) -> Option<S>,
        ) {
            for step in all {
                assert_eq!(parse(name(*step)), Some(*step));
            }
            assert_eq!(parse("no-such-step"), None);
        }
        check(OrderStep::ALL, OrderStep::name, OrderStep::parse);
        check(ReturnStep::ALL, ReturnStep::name, ReturnStep::parse);
        check(RefundStep::ALL, RefundStep::name, RefundStep::parse);
        check(BuybackStep::ALL, BuybackStep::name, BuybackStep::parse);
        check(AppealStep::ALL, AppealStep::name, AppealStep::parse);
    }
}
