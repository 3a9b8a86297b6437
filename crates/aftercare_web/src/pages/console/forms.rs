//! What the console offers a person on a case now: a form per step, by the machine's state.

use aftercare_app::CaseStep;
use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::Role;
use aftercare_core::cases::appeal::AppealState;
use aftercare_core::cases::buyback::BuybackState;
use aftercare_core::cases::order::OrderState;
use aftercare_core::cases::refund::RefundState;
use aftercare_core::cases::rma::ReturnState;
use aftercare_store::CaseRecord;

use crate::pages::{Field, FormAction, code, quote_form};

/// The steps this person's roles allow on the case in its state, as forms.
pub(crate) fn actions_for(case: &CaseRecord, who: &SignedIn) -> Vec<FormAction> {
    let has = |r: Role| who.actor.has(r);
    let reasons = || vec![Field::textarea("reasons", "Reasons")];
    let mut out = Vec::new();
    match CaseStep::of(case).ok() {
        Some(CaseStep::Return(ReturnState::Requested)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "approve",
                label: "Approve and issue the RMA",
                fields: vec![],
            });
            out.push(FormAction {
                name: "reject",
                label: "Reject",
                fields: reasons(),
            });
            out.push(FormAction {
                name: "send-to-buyback",
                label: "Send to the buyback program",
                fields: reasons(),
            });
        }
        Some(CaseStep::Return(ReturnState::Approved | ReturnState::InTransit))
            if has(Role::Warehouse) =>
        {
            let mut fields = Vec::new();
            for line in case.data["lines"].as_array().into_iter().flatten() {
                let sku = line["sku"].as_str().unwrap_or_default();
                let quantity = line["quantity"].as_u64().unwrap_or_default();
                fields.push(
                    Field::text(
                        &format!("received:{sku}"),
                        &format!("{sku}: units received"),
                    )
                    .kind("number")
                    .value(quantity.to_string()),
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
            out.push(FormAction {
                name: "receive",
                label: "Record the parcel as received",
                fields,
            });
        }
        Some(CaseStep::Return(ReturnState::Received)) if has(Role::Warehouse) => {
            let mut fields = vec![
                Field::text(
                    "return_costs",
                    "Return costs confirmed from the customer's receipt (III.2)",
                )
                .optional(),
            ];
            // Each received unit is judged again: damaged ones go where the policy sends them.
            for line in case.data["received"].as_array().into_iter().flatten() {
                let sku = line["sku"].as_str().unwrap_or_default();
                fields.push(
                    Field::text(
                        &format!("damaged:{sku}"),
                        &format!(
                            "{sku}: of the {} received, found damaged",
                            line["received"].as_u64().unwrap_or_default()
                        ),
                    )
                    .kind("number")
                    .value(line["damaged"].as_u64().unwrap_or_default().to_string()),
                );
            }
            out.push(FormAction {
                name: "pass-inspection",
                label: "Inspection passed",
                fields,
            });
            out.push(FormAction {
                name: "fail-inspection",
                label: "Inspection failed",
                fields: vec![
                    Field::textarea("reasons", "What the inspection found"),
                    Field::text("files", "Photos of what was found")
                        .kind("file")
                        .optional(),
                ],
            });
        }
        Some(CaseStep::Return(ReturnState::InspectionPassed)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the refund",
                fields: vec![],
            });
        }
        Some(CaseStep::Appeal(AppealState::Filed)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "uphold",
                label: "Uphold the result",
                fields: vec![Field::textarea("opinion", "Final opinion")],
            });
            let correction = if case.data["subject"] == "quote" {
                Field::text("quote_percent", "Corrected quote, % of the price paid")
            } else {
                Field::text("refund", "Corrected refund amount")
            };
            out.push(FormAction {
                name: "change",
                label: "Change the result",
                fields: vec![
                    Field::textarea("opinion", "Final opinion"),
                    correction.optional(),
                ],
            });
        }
        Some(CaseStep::Appeal(AppealState::Upheld | AppealState::Changed)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "record-mediation",
                label: "Record the mediation",
                fields: vec![
                    Field::text("mediator", "Mediator (platform or body)"),
                    Field::textarea("notes", "Notes"),
                ],
            });
        }
        Some(CaseStep::Buyback(BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld))
            if has(Role::Warehouse) =>
        {
            out.push(FormAction {
                name: "grade",
                label: "Record the grading",
                fields: vec![
                    Field::select(
                        "grade",
                        "Condition found",
                        aftercare_core::policy::Grade::ALL
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
            });
            if has(Role::Agent) {
                out.push(quote_form());
            }
        }
        Some(CaseStep::Buyback(
            BuybackState::Applied | BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld,
        )) if has(Role::Agent) => {
            out.push(quote_form());
        }
        Some(CaseStep::Buyback(BuybackState::Confirmed | BuybackState::RevisionAccepted))
            if has(Role::Agent) =>
        {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the buyback payment",
                fields: vec![],
            });
        }
        Some(CaseStep::Buyback(BuybackState::InTransit)) if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "receive-buyback",
                label: "Record the goods as received",
                fields: vec![],
            });
        }
        Some(CaseStep::Buyback(BuybackState::Received)) if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "confirm",
                label: "Inspection confirms the quote",
                fields: vec![],
            });
            out.push(FormAction {
                name: "revise",
                label: "Revise the offer",
                fields: vec![
                    Field::text("amount", "New amount"),
                    Field::textarea("reasons", "Reasons"),
                    Field::text("files", "Photos of what was found")
                        .kind("file")
                        .optional(),
                ],
            });
        }
        Some(CaseStep::Order(state)) => {
            let field = Field::text;
            if state == OrderState::Placed && has(Role::Agent) {
                out.push(FormAction {
                    name: "verify-payment",
                    label: "Payment verified",
                    fields: vec![],
                });
            }
            if state == OrderState::PaymentVerified && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "start-assembly",
                    label: "Start assembly",
                    fields: vec![],
                });
                out.push(FormAction {
                    name: "report-shortage",
                    label: "Ask the customer about a missing accessory",
                    fields: vec![field("message", "What is missing, and the choices")],
                });
            }
            if state == OrderState::Assembling && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "assembly-photos",
                    label: "Send the photos for approval by the customer",
                    fields: vec![
                        field("files", "Photos or videos of the assembled product").kind("file"),
                    ],
                });
            }
            if state == OrderState::PhotosApproved && has(Role::Warehouse) {
                out.push(FormAction {
                    name: "pack",
                    label: "Packed",
                    fields: vec![],
                });
            }
            if state == OrderState::Packed && has(Role::Warehouse) {
                out.push(FormAction {
                    name: "ship",
                    label: "Shipped",
                    fields: vec![
                        field("carrier", "Carrier"),
                        field("tracking_number", "Tracking number"),
                        field("tracking_url", "Tracking link"),
                    ],
                });
            }
            if state == OrderState::Shipped && has(Role::Agent) {
                out.push(FormAction {
                    name: "sign",
                    label: "Record the signing",
                    fields: vec![
                        field("signed_at", "Signed at (the shop's local time)")
                            .kind("datetime-local"),
                    ],
                });
            }
            if state == OrderState::Shipped && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "returned-to-sender",
                    label: "The parcel came back undelivered",
                    fields: vec![field(
                        "reason",
                        "Why: wrong_address, unreachable or refused",
                    )],
                });
            }
            if state == OrderState::Shipped && has(Role::Agent) {
                out.push(FormAction {
                    name: "hold-at-customs",
                    label: "Held at customs",
                    fields: vec![Field::textarea("note", "What customs asks for")],
                });
            }
            if state == OrderState::HeldAtCustoms && has(Role::Agent) {
                out.push(FormAction {
                    name: "release-from-customs",
                    label: "Released by customs",
                    fields: vec![],
                });
            }
            if matches!(state, OrderState::Shipped | OrderState::HeldAtCustoms) && has(Role::Agent)
            {
                out.push(FormAction {
                    name: "destroyed-at-customs",
                    label: "Destroyed by customs",
                    fields: vec![Field::textarea("note", "What customs reported")],
                });
            }
            if state == OrderState::ReturnedToSender && has(Role::Agent) {
                out.push(FormAction {
                    name: "reship",
                    label: "Reship (the customer paid the second shipping)",
                    fields: vec![field("second_shipping_fee", "Second shipping fee paid")],
                });
                out.push(FormAction {
                    name: "settle-returned-parcel",
                    label: "Not reshipped: refund after deductions",
                    fields: vec![
                        field("return_processing_fee", "Return processing fee").value("0.00"),
                    ],
                });
            }
            if matches!(
                state,
                OrderState::Placed
                    | OrderState::PaymentVerified
                    | OrderState::AwaitingShortageConsent
                    | OrderState::Assembling
                    | OrderState::AwaitingPhotoApproval
            ) && has(Role::Agent)
            {
                out.push(FormAction {
                    name: "cancel",
                    label: "Cancel the order",
                    fields: vec![field("reason", "Reason")],
                });
            }
        }
        Some(CaseStep::Refund(RefundState::Granted | RefundState::Failed))
            if has(Role::Finance) =>
        {
            out.push(FormAction {
                name: "send",
                label: "Send the refund",
                fields: vec![Field::text("payment_reference", "Payment reference")],
            });
        }
        Some(CaseStep::Refund(RefundState::Sent)) if has(Role::Finance) => {
            out.push(FormAction {
                name: "settle",
                label: "The payment provider confirmed it",
                fields: vec![],
            });
            out.push(FormAction {
                name: "fail",
                label: "The payment failed",
                fields: vec![Field::text("failure", "What the payment provider said")],
            });
        }
        _ => {}
    }
    out
}
