//! Tracking events in: what carriers (through a tracking service or the shop's own systems) say
//! of a parcel, matched by tracking number to the case whose parcel it is. "Delivered" on an
//! order's outbound parcel records the signing (I.5), which starts the return windows; a customs
//! hold and its release are the order's customs steps (the customer is told). Every
//! event is kept once by its sender and id, so one sent again, or arriving after a later one,
//! changes nothing twice: the order machine refuses a second signing by its state.

use aftercare_core::cases::Actor;
use aftercare_core::cases::order::OrderCommand;
use aftercare_core::cases::steps::OrderStep;
use aftercare_store::{CaseKind, Store, TrackingEventRecord};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{App, AppError};

/// What a carrier says of a parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrackingStatus {
    InTransit,
    OutForDelivery,
    /// Handed over and signed for.
    Delivered,
    /// Something is wrong on the way (I.5: the customer should contact customer service).
    Exception,
    ReturnedToSender,
    HeldAtCustoms,
    ReleasedFromCustoms,
}

impl TrackingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackingStatus::InTransit => "in_transit",
            TrackingStatus::OutForDelivery => "out_for_delivery",
            TrackingStatus::Delivered => "delivered",
            TrackingStatus::Exception => "exception",
            TrackingStatus::ReturnedToSender => "returned_to_sender",
            TrackingStatus::HeldAtCustoms => "held_at_customs",
            TrackingStatus::ReleasedFromCustoms => "released_from_customs",
        }
    }
}

/// One tracking event as a sender posts it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackingUpdate {
    /// The sender's own id of the event: sending it again changes nothing.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub tracking_number: String,
    pub status: TrackingStatus,
    /// When the carrier saw it.
    pub at: Timestamp,
    /// The carrier's own words (a place, a reason).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: String,
}

/// What one event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingOutcome {
    pub id: String,
    /// `signed` (the order's signing is recorded), `held_at_customs`, `released_from_customs`
    /// (the order's customs steps, which tell the customer), `customer_told` (an exception or a
    /// return to sender on a parcel still on its way), `recorded` (kept on the case), `unmatched`
    /// (no case has this tracking number; kept), `duplicate` (sent before: nothing done), or
    /// `no_change` (the case is past this step already).
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Why nothing changed, for `no_change`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What an AfterShip tag and subtag say, as a status here: `Delivered_*` delivered,
/// `Exception_004` held at customs, `Exception_010`/`_011` returning or returned to sender,
/// another exception or a failed attempt an exception (the customer is to contact customer
/// service, I.5), out for delivery, and in transit for the rest of the way. None for what says
/// nothing of the way (`Pending`, `InfoReceived`, `Expired`).
pub fn aftership_status(tag: &str, subtag: &str) -> Option<TrackingStatus> {
    let subtag = subtag.to_ascii_lowercase();
    Some(match tag {
        "Delivered" => TrackingStatus::Delivered,
        "Exception" => match subtag.as_str() {
            "exception_004" => TrackingStatus::HeldAtCustoms,
            "exception_010" | "exception_011" => TrackingStatus::ReturnedToSender,
            _ => TrackingStatus::Exception,
        },
        "AttemptFail" => TrackingStatus::Exception,
        "OutForDelivery" => TrackingStatus::OutForDelivery,
        "InTransit" | "AvailableForPickup" => TrackingStatus::InTransit,
        _ => return None,
    })
}

/// An AfterShip webhook's body as a tracking event, at the newest checkpoint's time (its
/// `ts` when the checkpoint has no readable time; never after `now`, which a carrier's clock
/// ahead of ours would otherwise make it).
pub fn from_aftership(
    body: &serde_json::Value,
    now: Timestamp,
) -> Result<Option<TrackingUpdate>, AppError> {
    if body["event"].as_str() != Some("tracking_update") {
        return Ok(None);
    }
    let msg = &body["msg"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().trim().to_owned();
    let Some(status) = aftership_status(&text(&msg["tag"]), &text(&msg["subtag"])) else {
        return Ok(None);
    };
    let id = text(&body["event_id"]);
    if id.is_empty() {
        return Err(invalid("event_id".into(), "is missing"));
    }
    let newest = msg["checkpoints"]
        .as_array()
        .and_then(|c| c.last())
        .cloned()
        .unwrap_or_default();
    let at = text(&newest["checkpoint_time"])
        .parse::<Timestamp>()
        .ok()
        .or_else(|| {
            body["ts"]
                .as_i64()
                .and_then(|s| Timestamp::from_second(s).ok())
        })
        .ok_or_else(|| invalid("ts".into(), "is not a time"))?;
    let description = [text(&newest["message"]), text(&newest["location"])]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Some(TrackingUpdate {
        id,
        tracking_number: text(&msg["tracking_number"]),
        status,
        at: at.min(now),
        description: description.chars().take(1000).collect(),
    }))
}

/// The history entry of a carrier's problem the customer was told of.
pub const CARRIER_PROBLEM: &str = "carrier_problem";

/// Most events in one request.
pub const MAX_EVENTS: usize = 100;

fn invalid(field: String, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

fn checked(updates: &[TrackingUpdate], now: Timestamp) -> Result<(), AppError> {
    if updates.is_empty() || updates.len() > MAX_EVENTS {
        return Err(invalid("events".into(), "send 1 to 100 events at a time"));
    }
    for (i, u) in updates.iter().enumerate() {
        let field = |name: &str| format!("events[{i}].{name}");
        if u.id.trim().is_empty() || u.id.chars().count() > 200 {
            return Err(invalid(
                field("id"),
                "give the event's id (at most 200 characters)",
            ));
        }
        let number = u.tracking_number.trim();
        if number.is_empty() || number.chars().count() > 100 {
            return Err(invalid(
                field("tracking_number"),
                "give the tracking number (at most 100 characters)",
            ));
        }
        if u.description.chars().count() > 1000 {
            return Err(invalid(field("description"), "at most 1,000 characters"));
        }
        if u.at > now {
            return Err(invalid(field("at"), "is in the future"));
        }
    }
    Ok(())
}

impl<S: Store> App<S> {
    /// A carrier's exception or return to sender on an order's parcel still on its way (the
    /// order machine still waits for its signing): the customer is told to contact customer
    /// service (I.5), in an entry of the order's history with its e-mail, in one transaction.
    /// The case itself waits for staff, who record a returned parcel when it arrives.
    async fn tell_of_carrier_problem(
        &self,
        actor: &Actor,
        case: &aftercare_store::CaseRecord,
        u: &TrackingUpdate,
    ) -> Result<&'static str, AppError> {
        let waiting = self
            .case_detail(actor, &case.id)
            .await?
            .open_steps
            .contains(&crate::Step::Order(OrderStep::Sign));
        if !waiting {
            return Ok("recorded");
        }
        let Some(order) = self.store.order(&case.order_id).await? else {
            return Ok("recorded");
        };
        let what = match u.status {
            TrackingStatus::ReturnedToSender => "returning",
            _ => "problem",
        };
        let order_url = format!(
            "{}/orders/{}",
            self.shop.public_url.trim_end_matches('/'),
            order.number
        );
        let letter = crate::mail::carrier_problem(
            crate::mail::language_of(&order),
            &order.customer_name,
            &order.number,
            what,
            u.description.trim(),
            &order_url,
            &self.letterhead(),
        );
        let event = aftercare_store::NewEvent {
            kind: CARRIER_PROBLEM.into(),
            actor: crate::to_json(actor)?,
            at: self.now(),
            reason: Some(format!(
                "the carrier reports: {}",
                u.status.as_str().replace('_', " ")
            )),
            data: serde_json::json!({
                "status": u.status.as_str(),
                "tracking_number": case.tracking_number,
                "description": u.description.trim(),
            }),
            mail: Some(letter.to_mail(crate::new_id(), &order.customer_email)),
        };
        self.store.add_events(&case.id, &[event]).await?;
        self.mail_queued.notify_one();
        Ok("customer_told")
    }

    /// What carriers said of a case's parcel, oldest first, for whoever may see the case.
    pub async fn tracking_of(
        &self,
        actor: &Actor,
        case_id: &str,
    ) -> Result<Vec<TrackingEventRecord>, AppError> {
        let case = self.case(actor, case_id).await?;
        Ok(self.store.tracking_events_of(&case.id).await?)
    }

    /// Takes tracking events from a sender (`actor`, an API key with `tracking:write`), oldest
    /// first, and answers what each did. Checked whole before any is kept.
    pub async fn receive_tracking(
        &self,
        actor: &Actor,
        updates: &[TrackingUpdate],
    ) -> Result<Vec<TrackingOutcome>, AppError> {
        self.receive_tracking_from(crate::connections::TRACKING, actor, updates)
            .await
    }

    /// An AfterShip `tracking_update` webhook, its signature already checked: the event it
    /// describes, applied as any other tracking event (kept once by AfterShip's `event_id`).
    /// None for what says nothing of a parcel's way (another event, `Pending`,
    /// `InfoReceived`, `Expired`).
    pub async fn receive_aftership(
        &self,
        body: &serde_json::Value,
    ) -> Result<Option<TrackingOutcome>, AppError> {
        let update = match from_aftership(body, self.now()) {
            Ok(Some(update)) => update,
            Ok(None) => return Ok(None),
            Err(e) => {
                self.connection_seen(crate::connections::AFTERSHIP, Some(&e.to_string()))
                    .await;
                return Err(e);
            }
        };
        let actor = Actor {
            id: crate::connections::AFTERSHIP.into(),
            roles: vec![aftercare_core::cases::Role::System],
        };
        let mut outcomes = self
            .receive_tracking_from(crate::connections::AFTERSHIP, &actor, &[update])
            .await?;
        Ok(outcomes.pop())
    }

    async fn receive_tracking_from(
        &self,
        connection: &str,
        actor: &Actor,
        updates: &[TrackingUpdate],
    ) -> Result<Vec<TrackingOutcome>, AppError> {
        if let Err(e) = checked(updates, self.now()) {
            self.connection_seen(connection, Some(&e.to_string())).await;
            return Err(e);
        }
        let mut order: Vec<&TrackingUpdate> = updates.iter().collect();
        order.sort_by_key(|u| u.at);
        let mut outcomes = Vec::with_capacity(order.len());
        for u in order {
            match self.receive_one(actor, u).await {
                Ok(outcome) => outcomes.push(outcome),
                Err(e) => {
                    self.connection_seen(connection, Some(&e.to_string())).await;
                    return Err(e);
                }
            }
        }
        self.connection_seen(connection, None).await;
        // Answered in the order sent.
        outcomes.sort_by_key(|o| updates.iter().position(|u| u.id == o.id));
        Ok(outcomes)
    }

    async fn receive_one(
        &self,
        actor: &Actor,
        u: &TrackingUpdate,
    ) -> Result<TrackingOutcome, AppError> {
        let number = u.tracking_number.trim().to_uppercase();
        let case = self.store.case_by_tracking_number(&number).await?;
        let kept = TrackingEventRecord {
            source: actor.id.clone(),
            event_id: u.id.trim().to_owned(),
            tracking_number: number,
            status: u.status.as_str().to_owned(),
            at: u.at,
            description: u.description.trim().to_owned(),
            case_id: case.as_ref().map(|c| c.id.clone()),
            outcome: "received".into(),
            received_at: self.now(),
        };
        let answer = |outcome: &str, detail: Option<String>| TrackingOutcome {
            id: kept.event_id.clone(),
            outcome: outcome.to_owned(),
            case_id: kept.case_id.clone(),
            detail,
        };
        // Kept first: an event sent again stops here, before it could act twice.
        if !self.store.record_tracking_event(&kept).await? {
            return Ok(answer("duplicate", None));
        }
        let said = |what: &str| {
            if kept.description.is_empty() {
                format!("{what} per the carrier's tracking")
            } else {
                format!("{what} per the carrier's tracking: {}", kept.description)
            }
        };
        // The order steps a carrier's word is enough for; the rest waits for staff (a parcel
        // coming back is recorded by the warehouse when it arrives, with its reason).
        let order_step = match u.status {
            TrackingStatus::Delivered => Some((
                "signed",
                OrderCommand::Sign {
                    signed_at: u.at,
                    damage_noted: false,
                    evidence: Vec::new(),
                },
                said("delivered"),
            )),
            TrackingStatus::HeldAtCustoms => Some((
                "held_at_customs",
                OrderCommand::HoldAtCustoms {
                    note: said("held at customs"),
                },
                said("held at customs"),
            )),
            TrackingStatus::ReleasedFromCustoms => Some((
                "released_from_customs",
                OrderCommand::ReleaseFromCustoms,
                said("released from customs"),
            )),
            _ => None,
        };
        let (outcome, detail) = match (&case, order_step) {
            (None, _) => ("unmatched", None),
            (Some(c), Some((done, command, reason))) if c.kind == CaseKind::Order => {
                match self
                    .act_on_order(actor, &c.order_number, None, command, Some(reason))
                    .await
                {
                    Ok(_) => (done, None),
                    // Already signed, not shipped yet, or a time the machine will not take:
                    // the event is kept and the case left as it is.
                    Err(AppError::Refused(r)) => ("no_change", Some(r.to_string())),
                    Err(e @ AppError::Invalid { .. }) => ("no_change", Some(e.to_string())),
                    Err(e) => return Err(e),
                }
            }
            (Some(c), None)
                if c.kind == CaseKind::Order
                    && matches!(
                        u.status,
                        TrackingStatus::Exception | TrackingStatus::ReturnedToSender
                    ) =>
            {
                (self.tell_of_carrier_problem(actor, c, u).await?, None)
            }
            (Some(_), _) => ("recorded", None),
        };
        self.store
            .set_tracking_outcome(&kept.source, &kept.event_id, outcome)
            .await?;
        tracing::info!(source = %kept.source, event = %kept.event_id, outcome, "tracking event");
        Ok(answer(outcome, detail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aftership_tags_and_subtags_become_statuses() {
        let table = [
            (
                "Delivered",
                "Delivered_003",
                Some(TrackingStatus::Delivered),
            ),
            (
                "Exception",
                "Exception_004",
                Some(TrackingStatus::HeldAtCustoms),
            ),
            (
                "Exception",
                "Exception_010",
                Some(TrackingStatus::ReturnedToSender),
            ),
            (
                "Exception",
                "EXCEPTION_011",
                Some(TrackingStatus::ReturnedToSender),
            ),
            (
                "Exception",
                "Exception_007",
                Some(TrackingStatus::Exception),
            ),
            (
                "AttemptFail",
                "AttemptFail_001",
                Some(TrackingStatus::Exception),
            ),
            (
                "OutForDelivery",
                "OutForDelivery_001",
                Some(TrackingStatus::OutForDelivery),
            ),
            (
                "InTransit",
                "InTransit_007",
                Some(TrackingStatus::InTransit),
            ),
            (
                "AvailableForPickup",
                "AvailableForPickup_001",
                Some(TrackingStatus::InTransit),
            ),
            ("Pending", "Pending_001", None),
            ("InfoReceived", "InfoReceived_001", None),
            ("Expired", "Expired_001", None),
            ("", "", None),
        ];
        for (tag, subtag, status) in table {
            assert_eq!(aftership_status(tag, subtag), status, "{tag} {subtag}");
        }
    }

    #[test]
    fn an_aftership_update_is_its_newest_checkpoint_never_in_the_future() {
        let now: Timestamp = "2026-03-12T00:00:00Z".parse().unwrap();
        let body = |at: &str| {
            json!({"event": "tracking_update", "event_id": "e-1", "ts": 1_773_000_000,
                "msg": {"tracking_number": " JD1 ", "tag": "Exception", "subtag": "Exception_004",
                    "checkpoints": [{"checkpoint_time": "2026-03-01T00:00:00Z", "message": "old"},
                                    {"checkpoint_time": at, "message": "Held by customs", "location": "Lisboa"}]}})
        };
        let update = from_aftership(&body("2026-03-10T08:00:00+08:00"), now)
            .unwrap()
            .unwrap();
        assert_eq!(update.id, "e-1");
        assert_eq!(update.tracking_number, "JD1");
        assert_eq!(update.status, TrackingStatus::HeldAtCustoms);
        assert_eq!(update.at.to_string(), "2026-03-10T00:00:00Z");
        assert_eq!(update.description, "Held by customs, Lisboa");
        // A carrier's clock ahead of ours, and a checkpoint without a readable time.
        assert_eq!(
            from_aftership(&body("2026-03-20T00:00:00Z"), now)
                .unwrap()
                .unwrap()
                .at,
            now
        );
        assert_eq!(
            from_aftership(&body("soon"), now).unwrap().unwrap().at,
            Timestamp::from_second(1_773_000_000).unwrap()
        );
        assert_eq!(
            from_aftership(&json!({"event": "edd_revise"}), now).unwrap(),
            None
        );
        let mut no_id = body("2026-03-10T00:00:00Z");
        no_id["event_id"] = json!(null);
        assert!(from_aftership(&no_id, now).is_err());
    }
}
