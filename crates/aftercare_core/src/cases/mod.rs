//! Cases as state machines: a command on a case either yields the events it causes or a refusal
//! that says in words why the current state forbids it. Applying events is the only way a case
//! changes, so the store can keep an append-only history and rebuild any case from it.

pub mod appeal;
pub mod buyback;
pub mod order;
pub mod refund;
pub mod rma;
pub mod steps;

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Warning};
use crate::policy::{PolicyVersion, ServiceTime};

/// Who acts on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Agent,
    Warehouse,
    Finance,
    Admin,
    /// Another system of the shop (its store) or a background job.
    System,
}

/// The person or system behind a command, as the history records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// A stable id: a staff user's id, the customer's e-mail, or a system's name.
    pub id: String,
    pub roles: Vec<Role>,
}

impl Actor {
    /// True for the shop's staff: any of the agent, warehouse, finance or admin roles.
    pub fn is_staff(&self) -> bool {
        [Role::Agent, Role::Warehouse, Role::Finance, Role::Admin]
            .iter()
            .any(|r| self.roles.contains(r))
    }

    /// True when the actor holds `role` (admins hold every staff role).
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
            || (self.roles.contains(&Role::Admin)
                && matches!(role, Role::Agent | Role::Warehouse | Role::Finance))
    }
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The case's state does not allow the command.
    #[error("{0}")]
    State(String),
    /// The actor's roles do not allow the command.
    #[error("{0}")]
    Role(String),
    /// A value of the command is invalid; `field` names it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl Refusal {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Refusal {
        Refusal::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// How long the texts people write into a case may be, in characters: long enough for any real
/// message, short enough that one request cannot fill a page or the database.
pub mod limits {
    /// A name, a reference, a tracking number, a payment method.
    pub const SHORT: usize = 200;
    /// An address or a link.
    pub const LINE: usize = 1000;
    /// A description, a reason, a statement, an opinion, a note.
    pub const TEXT: usize = 4000;
    /// Reasons, photos or evidence named by one command.
    pub const ITEMS: usize = 20;
}

/// A bound on one field of a command: a text's length or a list's size.
#[derive(Debug)]
pub enum Bound<'a> {
    Text {
        field: String,
        value: &'a str,
        max: usize,
    },
    Items {
        field: &'static str,
        count: usize,
        max: usize,
    },
}

impl<'a> Bound<'a> {
    pub(crate) fn text(field: impl Into<String>, value: &'a str, max: usize) -> Bound<'a> {
        Bound::Text {
            field: field.into(),
            value,
            max,
        }
    }

    /// A list of texts: at most `limits::ITEMS` of them, each at most `max` characters.
    pub(crate) fn texts(field: &'static str, values: &'a [String], max: usize) -> Vec<Bound<'a>> {
        let mut bounds = vec![Bound::Items {
            field,
            count: values.len(),
            max: limits::ITEMS,
        }];
        bounds.extend(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| Bound::text(format!("{field}[{i}]"), v, max)),
        );
        bounds
    }
}

/// The free-text fields of a command and their bounds: checked before the command is judged, so
/// no case stores a text longer than its field allows.
pub trait Bounded {
    fn bounds(&self) -> Vec<Bound<'_>>;
}

/// Refuses the first field over its bound, naming it.
pub(crate) fn within_bounds(command: &impl Bounded) -> Result<(), Refusal> {
    for bound in command.bounds() {
        match bound {
            Bound::Text { field, value, max } if value.chars().count() > max => {
                return Err(Refusal::invalid(
                    field,
                    format!("must be at most {max} characters"),
                ));
            }
            Bound::Items { field, count, max } if count > max => {
                return Err(Refusal::invalid(field, format!("at most {max} items")));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Everything a command may consult besides the case itself: who, when, and the rules.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub actor: &'a Actor,
    pub now: Timestamp,
    pub version: &'a PolicyVersion,
    pub calendar: &'a Calendar,
}

impl Context<'_> {
    /// The policy's time zone's date of `now`.
    pub fn today(&self) -> Date {
        self.now.to_zoned(self.version.time_zone.clone()).date()
    }

    /// The deadline `time` working days after today, with any calendar warnings.
    pub fn deadline(&self, time: &ServiceTime) -> (Option<Date>, Vec<Warning>) {
        match self
            .calendar
            .add_working_days(self.today(), time.working_days)
        {
            Ok(counted) => (Some(counted.value), counted.warnings),
            // Only dates near year 9999 fail; a case then simply has no deadline to sort by.
            Err(_) => (None, Vec::new()),
        }
    }

    pub(crate) fn require(&self, role: Role, doing: &str) -> Result<(), Refusal> {
        if self.actor.has(role) {
            Ok(())
        } else {
            Err(Refusal::Role(format!(
                "only {} can {doing}",
                match role {
                    Role::Customer => "the customer",
                    Role::Agent => "a service agent",
                    Role::Warehouse => "the warehouse",
                    Role::Finance => "finance",
                    Role::Admin => "an admin",
                    Role::System => "the shop's systems",
                }
            )))
        }
    }
}

/// One recorded change of a case: what happened, who did it, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded<E> {
    pub event: E,
    pub actor: Actor,
    pub at: Timestamp,
    pub reason: Option<String>,
}

/// A case kind's machine: `decide` judges a command, `apply` folds an event into the case.
pub trait Machine: Sized {
    type Command;
    type Event: Clone + fmt::Debug + Serialize;

    /// The events a command causes, or why it is refused. Never changes the case.
    fn decide(
        &self,
        command: &Self::Command,
        ctx: &Context<'_>,
    ) -> Result<Vec<Self::Event>, Refusal>;

    /// The case after an event. Events come from `decide` or from the stored history.
    fn apply(self, event: &Self::Event) -> Self;

    /// The state's name, as queues and the history show it.
    fn state_name(&self) -> &'static str;

    /// The date by which the shop must act, when the case waits for the shop.
    fn deadline(&self) -> Option<Date>;

    /// False once nothing more can happen to the case.
    fn is_open(&self) -> bool;

    /// The tracking number of the parcel the case is about now, if any: the order's last
    /// shipment, a parcel sent back.
    fn tracking_number(&self) -> Option<&str> {
        None
    }
}

/// Runs a command: decides, then applies the events. Returns the new case and its events.
pub fn execute<M: Machine>(
    case: M,
    command: &M::Command,
    ctx: &Context<'_>,
) -> Result<(M, Vec<M::Event>), Refusal> {
    let events = case.decide(command, ctx)?;
    let case = events.iter().fold(case, |c, e| c.apply(e));
    Ok((case, events))
}

pub(crate) fn not_allowed(what: &str, state: &str, allowed: &str) -> Refusal {
    Refusal::State(format!(
        "cannot {what}: the case is `{state}`, and this is possible only when it is {allowed}"
    ))
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::policy::Policy;

    pub fn policy() -> &'static Policy {
        static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
        POLICY.get_or_init(|| crate::testing::shipped().unwrap())
    }

    pub fn actor(roles: &[Role]) -> Actor {
        Actor {
            id: format!("{roles:?}"),
            roles: roles.to_vec(),
        }
    }

    pub fn ctx<'a>(actor: &'a Actor, now: &str) -> Context<'a> {
        let policy = policy();
        let version = &policy.versions()[0];
        Context {
            actor,
            now: now.parse().unwrap(),
            version,
            calendar: policy.calendar(version).unwrap(),
        }
    }
}
