//! A step taken from the console's forms: its fields read, the step run, the case shown again.

use axum::extract::{Path, State};
use axum::response::Response;

use aftercare_app::Step;
use aftercare_core::cases::steps::{AppealStep, BuybackStep, OrderStep, RefundStep, ReturnStep};

use super::case::render_case;
use super::forms::{CONFIRM, GRANT, needs_confirmation};
use crate::pages::extract::Staff;
use crate::pages::{
    AfterRefusal, Refused, StepForm, case_currency, code, read_upload_form, see_other, shop_time,
    units_in_form,
};
use crate::{PageError, Web};

/// `POST /staff/cases/{id}/files/{action}` (multipart): a step that carries photos or videos:
/// the assembly photos sent to the customer for approval (I.1), a failed inspection with its
/// photos (III.2), a revised buyback offer with its photos. Files are cleaned and stored as
/// evidence first; a refused file stops the step and is named.
pub(crate) async fn staff_step_with_files(
    State(web): State<Web>,
    Staff(who): Staff,
    Path((id, action)): Path<(String, String)>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    use aftercare_app::{BuybackAction, ReturnAction};
    use aftercare_core::cases::order::OrderCommand;
    let case = web.app.case(&who.actor, &id).await?;
    let step = Step::parse(case.kind, &action);
    if !matches!(
        step,
        Some(
            Step::Order(OrderStep::SubmitAssemblyMedia)
                | Step::Return(ReturnStep::FailInspection)
                | Step::Buyback(BuybackStep::Revise)
        )
    ) {
        return Err(PageError::not_found());
    }
    let upload = read_upload_form(&web, &who, multipart, "files", AfterRefusal::Stop).await?;
    let values = upload.fields.clone();
    let refusal = |message: String| Some(Refused::new(&action, message, &values));
    if let Some(refused) = upload.refused {
        return render_case(&web, &who, &id, refusal(format!("files: {refused}"))).await;
    }
    let files = upload.files;
    let form = StepForm::checked(upload.fields, &who)?;
    let version = form.version();
    let outcome = match step {
        Some(Step::Order(_)) => {
            if files.is_empty() {
                return render_case(
                    &web,
                    &who,
                    &id,
                    refusal(
                        "files: add at least one photo or video of the assembled product".into(),
                    ),
                )
                .await;
            }
            web.app
                .act_on_order(
                    &who.actor,
                    &case.order_number,
                    version,
                    OrderCommand::SubmitAssemblyMedia { media: files },
                    None,
                )
                .await
        }
        Some(Step::Return(_)) => {
            web.app
                .act_on_return(
                    &who.actor,
                    &id,
                    version,
                    ReturnAction::FailInspection {
                        reasons: vec![form.get("reasons")],
                        photos: files,
                    },
                    None,
                )
                .await
        }
        _ => {
            web.app
                .act_on_buyback(
                    &who.actor,
                    &id,
                    version,
                    BuybackAction::Revise {
                        amount: form.get("amount"),
                        reasons: vec![form.get("reasons")],
                        photos: files,
                    },
                    None,
                )
                .await
        }
    };
    match outcome {
        Ok(next) => Ok(see_other(&format!(
            "/staff/cases/{}?done={action}",
            next.id
        ))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_case(&web, &who, &id, refusal(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/cases/{id}/{action}`: one step, from its form. Success goes back to the case
/// (or to the refund it opened); a refusal is shown on the case page.
pub(crate) async fn staff_case_action(
    State(web): State<Web>,
    Staff(who): Staff,
    Path((id, action)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    use aftercare_app::ReturnAction;
    use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome};
    let get = |name: &str| form.get(name);
    let version = form.version();
    let reasons = || vec![get("reasons")];
    let refusal = |message: String| Some(Refused::new(&action, message, &form.0));
    let case = web.app.case(&who.actor, &id).await?;
    let step = match action.as_str() {
        GRANT => None,
        "note" => None,
        name => match Step::parse(case.kind, name) {
            Some(step) => Some(step),
            None => return Err(PageError::not_found()),
        },
    };
    if let Some(step) = step
        && needs_confirmation(step).is_some()
        && get(CONFIRM).is_empty()
    {
        return render_case(
            &web,
            &who,
            &id,
            refusal(format!(
                "{CONFIRM}: tick the box to confirm; this cannot be undone"
            )),
        )
        .await;
    }
    let outcome = match step {
        // The form's case and version make the key: a double submit grants once.
        None if action == GRANT => web
            .app
            .grant_refund(
                &who.actor,
                &id,
                &format!("page-grant-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        None => web
            .app
            .add_internal_note(&who.actor, &id, &get("note"))
            .await
            .map(|()| id.clone()),
        Some(Step::Return(ReturnStep::Approve)) => web
            .app
            .act_on_return(&who.actor, &id, version, ReturnAction::Approve, None)
            .await
            .map(|c| c.id),
        Some(Step::Return(ReturnStep::Reject)) => web
            .app
            .act_on_return(
                &who.actor,
                &id,
                version,
                ReturnAction::Reject { reasons: reasons() },
                None,
            )
            .await
            .map(|c| c.id),
        Some(Step::Return(ReturnStep::PassInspection)) => {
            let damaged = match units_in_form(&form.0, "damaged:", "damaged units") {
                Ok(lines) => lines,
                Err(message) => return render_case(&web, &who, &id, refusal(message)).await,
            };
            web.app
                .act_on_return(
                    &who.actor,
                    &id,
                    version,
                    ReturnAction::PassInspection {
                        return_costs: Some(get("return_costs")).filter(|t| !t.trim().is_empty()),
                        damaged,
                    },
                    None,
                )
                .await
                .map(|c| c.id)
        }
        Some(Step::Return(ReturnStep::Receive)) => {
            let mut lines = Vec::new();
            let mut bad = None;
            for (name, value) in &form.0 {
                if let Some(sku) = name.strip_prefix("received:") {
                    let received = value.trim().parse::<u32>();
                    let damaged = get(&format!("damaged:{sku}")).parse::<u32>();
                    match (received, damaged) {
                        (Ok(received), Ok(damaged)) => lines.push(ReceivedLine {
                            sku: sku.to_owned(),
                            received,
                            damaged,
                        }),
                        _ => bad = Some(format!("{sku}: give whole numbers of units")),
                    }
                }
            }
            match bad {
                Some(message) => return render_case(&web, &who, &id, refusal(message)).await,
                None => web
                    .app
                    .act_on_return(
                        &who.actor,
                        &id,
                        version,
                        ReturnAction::Receive {
                            lines,
                            outcome: ReceptionOutcome::AsExpected,
                        },
                        None,
                    )
                    .await
                    .map(|c| c.id),
            }
        }
        Some(Step::Refund(RefundStep::Send)) => web
            .app
            .send_refund(
                &who.actor,
                &id,
                Some(get("payment_reference").as_str()),
                &format!("page-send-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        Some(Step::Return(ReturnStep::SendToBuyback)) => web
            .app
            .act_on_return(
                &who.actor,
                &id,
                version,
                ReturnAction::SendToBuyback { reasons: reasons() },
                None,
            )
            .await
            .map(|c| c.id),
        Some(Step::Refund(s @ (RefundStep::Settle | RefundStep::Fail))) => web
            .app
            .settle_refund(
                &who.actor,
                &id,
                (s == RefundStep::Fail).then(|| get("failure")),
                &format!("page-{action}-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        Some(Step::Appeal(AppealStep::Change)) => {
            let mut correction = serde_json::Map::new();
            for key in ["refund", "quote_percent"] {
                let value = get(key);
                if !value.is_empty() {
                    correction.insert(key.to_owned(), serde_json::Value::String(value));
                }
            }
            web.app
                .act_on_appeal(
                    &who.actor,
                    &id,
                    version,
                    aftercare_core::cases::appeal::AppealCommand::Change {
                        opinion: get("opinion"),
                        correction: serde_json::Value::Object(correction),
                    },
                )
                .await
                .map(|c| c.id)
        }
        Some(Step::Appeal(AppealStep::Mediation)) => web
            .app
            .act_on_appeal(
                &who.actor,
                &id,
                version,
                aftercare_core::cases::appeal::AppealCommand::RecordMediation {
                    mediator: get("mediator"),
                    notes: get("notes"),
                },
            )
            .await
            .map(|c| c.id),
        Some(Step::Order(step)) => {
            use aftercare_core::cases::order::{OrderCommand, Shipment};
            let command = match step {
                OrderStep::VerifyPayment => OrderCommand::VerifyPayment,
                OrderStep::StartAssembly => OrderCommand::StartAssembly,
                OrderStep::ReportShortage => OrderCommand::ReportShortage {
                    message: get("message"),
                },
                OrderStep::Pack => OrderCommand::Pack,
                OrderStep::Sign => match shop_time(&web, &get("signed_at")) {
                    Some(signed_at) => OrderCommand::Sign {
                        signed_at,
                        damage_noted: false,
                        evidence: vec![],
                    },
                    None => {
                        return render_case(
                            &web,
                            &who,
                            &id,
                            refusal(
                                "signed_at: give the date and time, like 2026-03-12T09:30".into(),
                            ),
                        )
                        .await;
                    }
                },
                OrderStep::HoldAtCustoms => OrderCommand::HoldAtCustoms { note: get("note") },
                OrderStep::ReleaseFromCustoms => OrderCommand::ReleaseFromCustoms,
                OrderStep::DestroyedAtCustoms => {
                    OrderCommand::DestroyedAtCustoms { note: get("note") }
                }
                OrderStep::Reship | OrderStep::SettleReturnedParcel => {
                    // Both steps carry one amount in the order's currency.
                    let field = if step == OrderStep::Reship {
                        "second_shipping_fee"
                    } else {
                        "return_processing_fee"
                    };
                    let fee = aftercare_core::Currency::parse(&case_currency(&web, &case).await)
                        .ok()
                        .and_then(|c| aftercare_core::Money::parse(&get(field), c).ok());
                    match fee {
                        Some(second_shipping_fee) if step == OrderStep::Reship => {
                            OrderCommand::Reship {
                                second_shipping_fee,
                            }
                        }
                        Some(return_processing_fee) => OrderCommand::SettleReturnedParcel {
                            return_processing_fee,
                        },
                        None => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                refusal(format!(
                                    "{field}: give an amount in the order's currency, like 15.00"
                                )),
                            )
                            .await;
                        }
                    }
                }
                OrderStep::Ship => OrderCommand::Ship(Shipment {
                    carrier: get("carrier"),
                    tracking_number: get("tracking_number"),
                    tracking_url: get("tracking_url"),
                }),
                OrderStep::ReturnedToSender => {
                    match serde_json::from_value(serde_json::Value::String(get("reason"))) {
                        Ok(reason) => OrderCommand::ReturnedToSender { reason },
                        Err(_) => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                refusal(
                                    "reason: one of wrong_address, unreachable, refused".into(),
                                ),
                            )
                            .await;
                        }
                    }
                }
                OrderStep::Cancel => OrderCommand::Cancel {
                    reason: get("reason"),
                },
                // The customer's answers, and the photos, which come with files.
                OrderStep::AnswerShortage
                | OrderStep::ApprovePhotos
                | OrderStep::RequestChanges
                | OrderStep::SubmitAssemblyMedia => {
                    return Err(PageError::not_found());
                }
            };
            web.app
                .act_on_order(&who.actor, &case.order_number, version, command, None)
                .await
                .map(|c| c.id)
        }
        Some(Step::Appeal(AppealStep::Uphold)) => web
            .app
            .act_on_appeal(
                &who.actor,
                &id,
                version,
                aftercare_core::cases::appeal::AppealCommand::Uphold {
                    opinion: get("opinion"),
                },
            )
            .await
            .map(|c| c.id),
        Some(Step::Buyback(BuybackStep::Grade)) => {
            let missing = match get("missing_accessories").trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    return render_case(
                        &web,
                        &who,
                        &id,
                        refusal("missing_accessories: give a whole number".into()),
                    )
                    .await;
                }
            };
            let grade = aftercare_core::policy::Grade::ALL
                .into_iter()
                .find(|g| code(g) == get("grade"));
            let Some(grade) = grade else {
                return render_case(&web, &who, &id, refusal("grade: choose a condition".into()))
                    .await;
            };
            web.app
                .act_on_buyback(
                    &who.actor,
                    &id,
                    version,
                    aftercare_app::BuybackAction::Grade {
                        condition: aftercare_core::facts::Condition {
                            grade,
                            missing_accessories: missing,
                            original_packaging: !get("original_packaging").is_empty(),
                        },
                    },
                    None,
                )
                .await
                .map(|c| c.id)
        }
        Some(Step::Buyback(BuybackStep::Quote)) => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Quote {
                    percent: match get("percent").as_str() {
                        "" => None,
                        text => match aftercare_core::Percent::parse(text.trim_end_matches('%')) {
                            Ok(p) => Some(p),
                            Err(e) => {
                                return render_case(
                                    &web,
                                    &who,
                                    &id,
                                    refusal(format!("percent: {e}")),
                                )
                                .await;
                            }
                        },
                    },
                    note: Some(get("note")).filter(|n| !n.is_empty()),
                },
                None,
            )
            .await
            .map(|c| c.id),
        Some(Step::Buyback(BuybackStep::Receive)) => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Receive,
                None,
            )
            .await
            .map(|c| c.id),
        Some(Step::Buyback(BuybackStep::Confirm)) => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Confirm,
                None,
            )
            .await
            .map(|c| c.id),
        Some(Step::Buyback(BuybackStep::Expire)) => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Expire,
                None,
            )
            .await
            .map(|c| c.id),
        // Steps with files come through `staff_step_with_files`; the customer's through the portal.
        Some(_) => return Err(PageError::not_found()),
    };
    match outcome {
        Ok(next) => Ok(see_other(&format!("/staff/cases/{next}?done={action}"))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_case(&web, &who, &id, refusal(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}
