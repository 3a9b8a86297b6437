//! The forms of the steps a person may take on a case now. Which steps are open is the machine's
//! answer (`CaseDetail::open_steps`); this module only says how each step is asked for. Adding a
//! step to a machine fails to compile here until someone decides what the console shows for it.

use aftercare_app::{CaseDetail, CaseMachine, Step};
use aftercare_core::cases::appeal::AppealSubject;
use aftercare_core::cases::steps::{AppealStep, BuybackStep, OrderStep, RefundStep, ReturnStep};
use aftercare_core::policy::Grade;

use crate::pages::{Field, FormAction, code};

/// A step's form, named by the step.
fn form(step: Step, label: impl Into<String>, fields: Vec<Field>) -> FormAction {
    FormAction {
        name: step.name(),
        label: label.into(),
        fields,
        error: None,
    }
}

/// The forms of the steps this person may take on the case now, and the grant of its money when
/// the order's ledger says something is payable.
pub(crate) fn actions_for(detail: &CaseDetail) -> Vec<FormAction> {
    let mut out: Vec<FormAction> = detail
        .open_steps
        .iter()
        .filter_map(|step| form_for(*step, detail))
        .collect();
    if detail.grantable.is_some() {
        let label = match detail.machine {
            Some(CaseMachine::Buyback(_)) => "Grant the buyback payment",
            Some(CaseMachine::Appeal(_)) => "Grant the corrected refund",
            _ => "Grant the refund",
        };
        out.push(FormAction {
            name: GRANT,
            label: label.to_owned(),
            fields: vec![],
            error: None,
        });
    }
    out
}

/// What the person reads after a step went through: the step's own label.
pub(crate) fn done_notice(done: &str, detail: &CaseDetail) -> Option<String> {
    match done {
        GRANT => return Some("Done: the refund is granted; finance sends it.".to_owned()),
        "note" => return Some("Done: the note is added to the case's history.".to_owned()),
        _ => {}
    }
    let step = Step::parse(detail.case.kind, done)?;
    form_for(step, detail).map(|form| format!("Done: {}.", form.label))
}

/// The steps that cannot be taken back: their forms ask the person to confirm, and the console
/// refuses them unconfirmed.
pub(crate) fn needs_confirmation(step: Step) -> Option<&'static str> {
    match step {
        Step::Return(ReturnStep::Reject) => Some("Yes, reject this request"),
        Step::Return(ReturnStep::SendToBuyback) => Some("Yes, send it to the buyback program"),
        Step::Order(OrderStep::Cancel) => Some("Yes, cancel this order"),
        Step::Order(OrderStep::DestroyedAtCustoms) => Some("Yes, customs destroyed the parcel"),
        _ => None,
    }
}

/// The console's name of the grant: it opens a refund case, so it is no step of the case itself.
pub(crate) const GRANT: &str = "grant-refund";

/// How the console asks for `step`, or `None` where the console does not offer it (the
/// customer's own choices, which the portal asks for).
fn form_for(step: Step, detail: &CaseDetail) -> Option<FormAction> {
    let mut form = asked_for(step, detail)?;
    if let Some(label) = needs_confirmation(step) {
        form.fields
            .push(Field::text(CONFIRM, label).kind("checkbox"));
    }
    Some(form)
}

/// The checkbox a step that cannot be taken back needs ticked.
pub(crate) const CONFIRM: &str = "confirm";

fn asked_for(step: Step, detail: &CaseDetail) -> Option<FormAction> {
    let reasons = || vec![Field::textarea("reasons", "Reasons")];
    let files = |label: &str| Field::text("files", label).kind("file");
    Some(match step {
        Step::Return(s) => match s {
            ReturnStep::Approve => form(step, "Approve and issue the RMA", vec![]),
            ReturnStep::Reject => form(step, "Reject", reasons()),
            ReturnStep::SendToBuyback => form(step, "Send to the buyback program", reasons()),
            ReturnStep::Receive => {
                let Some(CaseMachine::Return(r)) = &detail.machine else {
                    return None;
                };
                let mut fields = Vec::new();
                for line in &r.lines {
                    let sku = &line.sku;
                    fields.push(
                        Field::text(
                            &format!("received:{sku}"),
                            &format!("{sku}: units received"),
                        )
                        .kind("number")
                        .value(line.quantity.to_string()),
                    );
                    fields.push(
                        Field::text(
                            &format!("damaged:{sku}"),
                            &format!("{sku}: of which damaged"),
                        )
                        .kind("number")
                        .value("0"),
                    );
                }
                form(step, "Record the parcel as received", fields)
            }
            ReturnStep::PassInspection => {
                let Some(CaseMachine::Return(r)) = &detail.machine else {
                    return None;
                };
                let mut fields = vec![
                    Field::text(
                        "return_costs",
                        "Return costs confirmed from the customer's receipt (III.2)",
                    )
                    .optional(),
                ];
                // Each received unit is judged again: damaged ones go where the policy sends them.
                for line in &r.received {
                    let sku = &line.sku;
                    fields.push(
                        Field::text(
                            &format!("damaged:{sku}"),
                            &format!("{sku}: of the {} received, found damaged", line.received),
                        )
                        .kind("number")
                        .value(line.damaged.to_string()),
                    );
                }
                form(step, "Inspection passed", fields)
            }
            ReturnStep::FailInspection => form(
                step,
                "Inspection failed",
                vec![
                    Field::textarea("reasons", "What the inspection found"),
                    files("Photos of what was found").optional(),
                ],
            ),
            // The customer's: the tracking number and the choice after a failed inspection.
            ReturnStep::Ship | ReturnStep::ChooseSendBack | ReturnStep::ChooseBuyback => {
                return None;
            }
        },
        Step::Appeal(s) => match s {
            AppealStep::Uphold => form(
                step,
                "Uphold the result",
                vec![Field::textarea("opinion", "Final opinion")],
            ),
            AppealStep::Change => {
                let against_quote = matches!(
                    &detail.machine,
                    Some(CaseMachine::Appeal(a)) if a.subject == Some(AppealSubject::Quote)
                );
                let correction = if against_quote {
                    Field::text("quote_percent", "Corrected quote, % of the price paid")
                } else {
                    Field::text("refund", "Corrected refund amount")
                };
                form(
                    step,
                    "Change the result",
                    vec![
                        Field::textarea("opinion", "Final opinion"),
                        correction.optional(),
                    ],
                )
            }
            AppealStep::Mediation => form(
                step,
                "Record the mediation",
                vec![
                    Field::text("mediator", "Mediator (platform or body)"),
                    Field::textarea("notes", "Notes"),
                ],
            ),
        },
        Step::Buyback(s) => match s {
            BuybackStep::Grade => form(
                step,
                "Record the grading",
                vec![
                    Field::select(
                        "grade",
                        "Condition found",
                        Grade::ALL
                            .iter()
                            .map(|g| (code(g), g.label().to_owned()))
                            .collect(),
                    ),
                    Field::text("missing_accessories", "Accessories missing")
                        .kind("number")
                        .value("0"),
                    Field::text("original_packaging", "In its original packaging")
                        .kind("checkbox")
                        .optional(),
                ],
            ),
            BuybackStep::Quote => form(
                step,
                "Send the quote",
                vec![
                    Field::text(
                        "percent",
                        "Percentage of the price paid (empty: the policy's)",
                    )
                    .optional(),
                    Field::textarea("note", "Why another percentage").optional(),
                ],
            ),
            BuybackStep::Expire => form(step, "Close the quote: its validity has passed", vec![]),
            BuybackStep::Receive => form(step, "Record the goods as received", vec![]),
            BuybackStep::Confirm => form(step, "Inspection confirms the quote", vec![]),
            BuybackStep::Revise => form(
                step,
                "Revise the offer",
                vec![
                    Field::text("amount", "New amount"),
                    Field::textarea("reasons", "Reasons"),
                    files("Photos of what was found").optional(),
                ],
            ),
            // The customer's answers to a quote or a revision, and the tracking number.
            BuybackStep::Accept
            | BuybackStep::Decline
            | BuybackStep::Ship
            | BuybackStep::AcceptRevision
            | BuybackStep::AskForItemBack => return None,
            // Paid through the refund the grant opens; the payment system marks it paid.
            BuybackStep::MarkPaid => return None,
        },
        Step::Refund(s) => match s {
            RefundStep::Send => form(
                step,
                "Send the refund",
                vec![
                    Field::text(
                        "payment_reference",
                        "Reference of the payment made by hand; leave it empty to refund through the payment provider the order was paid through",
                    )
                    .optional(),
                ],
            ),
            RefundStep::Settle => form(step, "The payment provider confirmed it", vec![]),
            RefundStep::Fail => form(
                step,
                "The payment failed",
                vec![Field::text("failure", "What the payment provider said")],
            ),
        },
        Step::Order(s) => order_form(step, s)?,
    })
}

fn order_form(step: Step, s: OrderStep) -> Option<FormAction> {
    let field = Field::text;
    Some(match s {
        OrderStep::VerifyPayment => form(step, "Payment verified", vec![]),
        OrderStep::StartAssembly => form(step, "Start assembly", vec![]),
        OrderStep::ReportShortage => form(
            step,
            "Ask the customer about a missing accessory",
            vec![field("message", "What is missing, and the choices")],
        ),
        OrderStep::SubmitAssemblyMedia => form(
            step,
            "Send the photos for approval by the customer",
            vec![field("files", "Photos or videos of the assembled product").kind("file")],
        ),
        OrderStep::Pack => form(step, "Packed", vec![]),
        OrderStep::Ship => form(
            step,
            "Shipped",
            vec![
                field("carrier", "Carrier"),
                field("tracking_number", "Tracking number"),
                field("tracking_url", "Tracking link"),
            ],
        ),
        OrderStep::Sign => form(
            step,
            "Record the signing",
            vec![field("signed_at", "Signed at (the shop's local time)").kind("datetime-local")],
        ),
        OrderStep::ReturnedToSender => form(
            step,
            "The parcel came back undelivered",
            vec![field(
                "reason",
                "Why: wrong_address, unreachable or refused",
            )],
        ),
        OrderStep::HoldAtCustoms => form(
            step,
            "Held at customs",
            vec![Field::textarea("note", "What customs asks for")],
        ),
        OrderStep::ReleaseFromCustoms => form(step, "Released by customs", vec![]),
        OrderStep::DestroyedAtCustoms => form(
            step,
            "Destroyed by customs",
            vec![Field::textarea("note", "What customs reported")],
        ),
        OrderStep::Reship => form(
            step,
            "Reship (the customer paid the second shipping)",
            vec![field("second_shipping_fee", "Second shipping fee paid")],
        ),
        OrderStep::SettleReturnedParcel => form(
            step,
            "Not reshipped: refund after deductions",
            vec![field("return_processing_fee", "Return processing fee").value("0.00")],
        ),
        OrderStep::Cancel => form(step, "Cancel the order", vec![field("reason", "Reason")]),
        // The customer's: the answer to a shortage and to the assembly photos (I.1, I.2).
        OrderStep::AnswerShortage | OrderStep::ApprovePhotos | OrderStep::RequestChanges => {
            return None;
        }
    })
}
