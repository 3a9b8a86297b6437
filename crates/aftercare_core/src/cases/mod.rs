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
use crate::i18n::{self, Arg, Lang, Said};
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

impl Role {
    /// The role's name, as its JSON spells it and staff accounts store it; refusals select their
    /// wording by it.
    pub fn id(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
            Role::Warehouse => "warehouse",
            Role::Finance => "finance",
            Role::Admin => "admin",
            Role::System => "system",
        }
    }
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

/// Why a command was refused, as a message of the refusals catalog ([`crate::i18n::refusals`]):
/// the API and the console read it in English (its `Display`), the portal in the customer's
/// language ([`Refusal::words`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The case's state does not allow the command.
    #[error("{}", english(.0))]
    State(Said),
    /// The actor's roles do not allow the command.
    #[error("{}", english(.0))]
    Role(Said),
    /// A value of the command is invalid; `field` names it.
    #[error("{field}: {}", english(.message))]
    Invalid { field: String, message: Said },
}

fn english(said: &Said) -> String {
    i18n::refusals().say(Lang::En, said)
}

impl Refusal {
    pub fn state(said: impl Into<Said>) -> Refusal {
        Refusal::State(said.into()).checked()
    }

    pub fn role(said: impl Into<Said>) -> Refusal {
        Refusal::Role(said.into()).checked()
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<Said>) -> Refusal {
        Refusal::Invalid {
            field: field.into(),
            message: message.into(),
        }
        .checked()
    }

    /// In this crate's tests, every refusal a machine makes is put into words in every language,
    /// so a message missing or given the wrong arguments fails the table tests that reach it.
    fn checked(self) -> Refusal {
        #[cfg(test)]
        for lang in Lang::ALL {
            if let Err(e) = i18n::refusals().render(lang, self.said()) {
                panic!("{self:?} in {lang}: {e:?}");
            }
        }
        self
    }

    /// The role refusal: only `who` (a role's id, or a group of them that the refusals catalog
    /// names, like `customer-side`) can do the `doing-*` step.
    pub fn only(who: &str, doing: &str) -> Refusal {
        Refusal::role(
            Said::new("refused-only-role")
                .with("role", who)
                .with("doing", Arg::Message(doing.to_owned())),
        )
    }

    /// What is said, without the field an invalid value names.
    pub fn said(&self) -> &Said {
        match self {
            Refusal::State(s) | Refusal::Role(s) | Refusal::Invalid { message: s, .. } => s,
        }
    }

    /// The refusal in a language, worded as `Display` words it in English.
    pub fn words(&self, lang: Lang) -> String {
        let said = i18n::refusals().say(lang, self.said());
        match self {
            Refusal::Invalid { field, .. } => format!("{field}: {said}"),
            _ => said,
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
                    Said::new("refused-too-long").with("max", max),
                ));
            }
            Bound::Items { field, count, max } if count > max => {
                return Err(Refusal::invalid(
                    field,
                    Said::new("refused-too-many").with("max", max),
                ));
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

    /// Refuses an actor who is neither the customer nor a service agent acting for them: the
    /// customer's own steps, which customer service may take on the customer's behalf.
    pub(crate) fn require_customer_side(&self, doing: &str) -> Result<(), Refusal> {
        if self.actor.has(Role::Customer) || self.actor.has(Role::Agent) {
            Ok(())
        } else {
            Err(only("customer-side", doing))
        }
    }

    /// Refuses an actor without `role`; `doing` is the `doing-*` message naming the step.
    pub(crate) fn require(&self, role: Role, doing: &str) -> Result<(), Refusal> {
        if self.actor.has(role) {
            Ok(())
        } else {
            Err(only(role.id(), doing))
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

/// The role refusal: only `who` (a role's id, or a group of them that the refusals catalog
/// names, like `customer-side`) can do the `doing-*` step.
pub(crate) fn only(who: &str, doing: &str) -> Refusal {
    Refusal::only(who, doing)
}

/// The state refusal: `doing` is the `doing-*` message naming the step, `allowed` the states it
/// is possible in.
pub(crate) fn not_allowed(doing: &str, state: &str, allowed: &[&str]) -> Refusal {
    Refusal::state(
        Said::new("refused-state")
            .with("doing", Arg::Message(doing.to_owned()))
            .with("state", state)
            .with("allowed", states(allowed)),
    )
}

/// State names as a refusal lists them: identifiers, the same in every language.
pub(crate) fn states(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod refusal_tests {
    use super::*;

    #[test]
    fn the_refusals_are_complete_in_every_language() {
        let catalog = i18n::refusals();
        assert_eq!(catalog.problems(), &[] as &[String]);
        assert_eq!(catalog.differences(), Vec::<String>::new());
    }

    /// Every source file of the workspace's crates that says why something is refused.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut out = Vec::new();
        let mut dirs: Vec<_> = [
            "aftercare_core",
            "aftercare_app",
            "aftercare_web",
            "aftercare",
        ]
        .iter()
        .map(|c| crates.join(c).join("src"))
        .collect();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push((path, text));
                }
            }
        }
        out
    }

    /// The quoted words that follow `marker` in `text`, where no name goes on before it.
    fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        text.match_indices(marker)
            .filter(|(at, _)| {
                !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
            })
            .filter_map(|(at, _)| {
                let rest = &text[at + marker.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .filter(|rest| !rest.is_empty())
            .collect()
    }

    #[test]
    fn every_refusal_the_code_names_is_a_message_and_every_group_of_roles_has_its_words() {
        let catalog = i18n::refusals();
        let english = include_str!("../../locales/en/refusals.ftl");
        let mut named = 0;
        let mut missing = Vec::new();
        for (path, text) in sources() {
            for prefix in ["\"refused-", "\"doing-"] {
                for rest in quoted_after(&text, prefix) {
                    let id = format!("{}{rest}", &prefix[1..]);
                    named += 1;
                    if !catalog.has(&id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
            for who in quoted_after(&text, "only(\"") {
                if !english.contains(&format!("[{who}]")) {
                    missing.push(format!("{}: role group {who}", path.display()));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
        assert!(named > 100, "{named}");
        for role in [
            Role::Customer,
            Role::Agent,
            Role::Warehouse,
            Role::Finance,
            Role::Admin,
        ] {
            assert!(english.contains(&format!("[{}]", role.id())), "{role:?}");
        }
    }

    #[test]
    fn a_refusal_reads_in_the_customer_s_language_and_in_english_for_the_api() {
        let refusal = not_allowed("doing-accept-quote", "expired", &["quoted"]);
        assert_eq!(
            refusal.to_string(),
            "cannot accept the quote: the case is `expired`, and this is possible only when it \
             is `quoted`"
        );
        assert_eq!(
            refusal.words(Lang::Fr),
            "impossible : accepter l'offre — le dossier est `expired`, et ce n'est possible que \
             lorsqu'il est `quoted`"
        );
        let invalid = Refusal::invalid(
            "statement",
            Said::new("refused-too-long").with("max", 4000_usize),
        );
        assert_eq!(
            invalid.to_string(),
            "statement: must be at most 4000 characters"
        );
        assert_eq!(
            invalid.words(Lang::De),
            "statement: darf höchstens 4000 Zeichen lang sein"
        );
        assert_eq!(
            Refusal::only("customer-side", "doing-file-appeal").words(Lang::Es),
            "solo el cliente, o un agente en su nombre, puede presentar una apelación"
        );
    }
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
