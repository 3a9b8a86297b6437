//! The appeal (IV): filed against a result within the policy's working days of receiving it,
//! with a statement and evidence → rechecked within its working days → upheld or changed (a final
//! opinion with reasons) → mediation recorded if the customer still disagrees.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed};
use crate::i18n::Said;

/// What result an appeal objects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppealSubject {
    Review,
    Inspection,
    Quote,
    RefundAmount,
    Delivery,
}

impl AppealSubject {
    /// The history entries that give the result this subject objects to: the customer
    /// "received the result" (IV) when the latest of them was recorded. A quote corrected by an
    /// appeal is not among them: that is the recheck's final opinion.
    pub fn result_events(self) -> &'static [&'static str] {
        match self {
            AppealSubject::Review => &["approved", "rejected", "sent_to_buyback"],
            AppealSubject::Inspection => &["inspection_passed", "inspection_failed"],
            AppealSubject::Quote => &["quoted", "revised"],
            AppealSubject::RefundAmount => &["inspection_passed", "refund_granted", "confirmed"],
            AppealSubject::Delivery => &[
                "signed",
                "returned_to_sender",
                "returned_parcel_settled",
                "destroyed_at_customs",
            ],
        }
    }
}

/// Where an appeal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealState {
    New,
    Filed,
    Upheld,
    Changed,
    Mediation,
}

impl AppealState {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            AppealState::New => "new",
            AppealState::Filed => "filed",
            AppealState::Upheld => "upheld",
            AppealState::Changed => "changed",
            AppealState::Mediation => "mediation",
        }
    }
}

/// An appeal as its events made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealCase {
    pub state: AppealState,
    /// The case whose result is appealed.
    pub against_case: Option<String>,
    pub subject: Option<AppealSubject>,
    /// The day the customer received the result.
    pub result_on: Option<Date>,
    /// The appealed case's history entry that gave the result: one appeal per result.
    #[serde(default)]
    pub result_seq: Option<i64>,
    pub statement: String,
    pub evidence: Vec<String>,
    pub opinion: Option<String>,
    /// For a changed result: what changes (the corrected amount or decision), for the caller to
    /// carry out on the appealed case.
    pub correction: Option<serde_json::Value>,
    pub mediator: Option<String>,
    pub deadline: Option<Date>,
}

impl Default for AppealCase {
    fn default() -> Self {
        AppealCase {
            state: AppealState::New,
            against_case: None,
            subject: None,
            result_on: None,
            result_seq: None,
            statement: String::new(),
            evidence: Vec::new(),
            opinion: None,
            correction: None,
            mediator: None,
            deadline: None,
        }
    }
}

/// What someone asks of an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppealCommand {
    File {
        against_case: String,
        subject: AppealSubject,
        result_on: Date,
        result_seq: i64,
        statement: String,
        evidence: Vec<String>,
    },
    Uphold {
        opinion: String,
    },
    Change {
        opinion: String,
        correction: serde_json::Value,
    },
    RecordMediation {
        mediator: String,
        notes: String,
    },
}

/// What happened to an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AppealEvent {
    Filed {
        against_case: String,
        subject: AppealSubject,
        result_on: Date,
        #[serde(default)]
        result_seq: Option<i64>,
        statement: String,
        evidence: Vec<String>,
        recheck_by: Option<Date>,
    },
    Upheld {
        opinion: String,
    },
    Changed {
        opinion: String,
        correction: serde_json::Value,
    },
    MediationRecorded {
        mediator: String,
        notes: String,
    },
}

impl Bounded for AppealCommand {
    fn bounds(&self) -> Vec<Bound<'_>> {
        match self {
            AppealCommand::File {
                statement,
                evidence,
                ..
            } => {
                let mut b = vec![Bound::text("statement", statement, limits::TEXT)];
                b.extend(Bound::texts("evidence", evidence, limits::SHORT));
                b
            }
            AppealCommand::Uphold { opinion } | AppealCommand::Change { opinion, .. } => {
                vec![Bound::text("opinion", opinion, limits::TEXT)]
            }
            AppealCommand::RecordMediation { mediator, notes } => vec![
                Bound::text("mediator", mediator, limits::SHORT),
                Bound::text("notes", notes, limits::TEXT),
            ],
        }
    }
}

impl Machine for AppealCase {
    type Command = AppealCommand;
    type Event = AppealEvent;

    fn decide(
        &self,
        command: &AppealCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<AppealEvent>, Refusal> {
        super::within_bounds(command)?;
        let state = self.state.name();
        match command {
            AppealCommand::File {
                against_case,
                subject,
                result_on,
                result_seq,
                statement,
                evidence,
            } => {
                if self.state != AppealState::New {
                    return Err(not_allowed("doing-file-appeal", state, &["new"]));
                }
                ctx.require_customer_side("doing-file-appeal")?;
                if statement.trim().is_empty() {
                    return Err(Refusal::invalid("statement", "refused-appeal-statement"));
                }
                if evidence.is_empty() {
                    return Err(Refusal::invalid("evidence", "refused-appeal-evidence"));
                }
                let filing = &ctx.version.deadlines.appeal_filing;
                let last_day = ctx
                    .calendar
                    .add_working_days(*result_on, filing.working_days)
                    .map_err(|_| Refusal::invalid("result_on", "refused-date-out-of-range"))?
                    .value;
                if ctx.today() > last_day {
                    return Err(Refusal::state(
                        Said::new("refused-appeal-window-closed")
                            .with("last_day", last_day)
                            .with("days", filing.working_days)
                            .with("clause", filing.clause.as_str()),
                    ));
                }
                if *result_on > ctx.today() {
                    return Err(Refusal::invalid("result_on", "refused-in-future"));
                }
                Ok(vec![AppealEvent::Filed {
                    against_case: against_case.clone(),
                    subject: *subject,
                    result_on: *result_on,
                    result_seq: Some(*result_seq),
                    statement: statement.trim().to_owned(),
                    evidence: evidence.clone(),
                    recheck_by: ctx.deadline(&ctx.version.deadlines.appeal_recheck).0,
                }])
            }
            AppealCommand::Uphold { opinion } | AppealCommand::Change { opinion, .. } => {
                if self.state != AppealState::Filed {
                    return Err(not_allowed("doing-decide-appeal", state, &["filed"]));
                }
                ctx.require(Role::Agent, "doing-decide-appeal")?;
                if opinion.trim().is_empty() {
                    return Err(Refusal::invalid("opinion", "refused-opinion-needs-reasons"));
                }
                Ok(vec![match command {
                    AppealCommand::Change { correction, .. } => AppealEvent::Changed {
                        opinion: opinion.trim().to_owned(),
                        correction: correction.clone(),
                    },
                    _ => AppealEvent::Upheld {
                        opinion: opinion.trim().to_owned(),
                    },
                }])
            }
            AppealCommand::RecordMediation { mediator, notes } => {
                if !matches!(self.state, AppealState::Upheld | AppealState::Changed) {
                    return Err(not_allowed(
                        "doing-record-mediation",
                        state,
                        &["upheld", "changed"],
                    ));
                }
                ctx.require(Role::Agent, "doing-record-mediation")?;
                if mediator.trim().is_empty() {
                    return Err(Refusal::invalid("mediator", "refused-name-mediator"));
                }
                Ok(vec![AppealEvent::MediationRecorded {
                    mediator: mediator.trim().to_owned(),
                    notes: notes.clone(),
                }])
            }
        }
    }

    fn apply(mut self, event: &AppealEvent) -> Self {
        match event {
            AppealEvent::Filed {
                against_case,
                subject,
                result_on,
                result_seq,
                statement,
                evidence,
                recheck_by,
            } => {
                self.state = AppealState::Filed;
                self.against_case = Some(against_case.clone());
                self.subject = Some(*subject);
                self.result_on = Some(*result_on);
                self.result_seq = *result_seq;
                self.statement = statement.clone();
                self.evidence = evidence.clone();
                self.deadline = *recheck_by;
            }
            AppealEvent::Upheld { opinion } => {
                self.state = AppealState::Upheld;
                self.opinion = Some(opinion.clone());
                self.deadline = None;
            }
            AppealEvent::Changed {
                opinion,
                correction,
            } => {
                self.state = AppealState::Changed;
                self.opinion = Some(opinion.clone());
                self.correction = Some(correction.clone());
                self.deadline = None;
            }
            AppealEvent::MediationRecorded { mediator, .. } => {
                self.state = AppealState::Mediation;
                self.mediator = Some(mediator.clone());
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
        matches!(self.state, AppealState::New | AppealState::Filed)
    }
}

#[cfg(test)]
mod tests {
    use super::super::execute;
    use super::super::test_support::{actor, ctx};
    use super::*;
    use jiff::civil::date;
    use rstest::rstest;

    fn file(result_on: Date) -> AppealCommand {
        AppealCommand::File {
            against_case: "case-1".into(),
            subject: AppealSubject::Inspection,
            result_on,
            result_seq: 4,
            statement: "The scratch was there on arrival.".into(),
            evidence: vec!["unboxing.mp4".into()],
        }
    }

    #[rstest]
    // Result received Monday 28 September 2026: 7 working days over National Day (with the
    // make-up Saturday of 10 October) end on Tuesday 13 October, 23:59 in Shanghai.
    #[case::on_the_last_working_day("2026-10-13T15:59:00Z", true)]
    #[case::a_day_late("2026-10-13T16:00:00Z", false)]
    #[case::during_the_holiday("2026-10-05T03:00:00Z", true)]
    fn appeals_are_filed_within_seven_working_days_of_the_result(
        #[case] now: &str,
        #[case] ok: bool,
    ) {
        let customer = actor(&[Role::Customer]);
        let result = AppealCase::default().decide(&file(date(2026, 9, 28)), &ctx(&customer, now));
        assert_eq!(result.is_ok(), ok, "{result:?}");
    }

    #[test]
    fn a_filed_appeal_is_rechecked_within_five_working_days_then_decided_by_an_agent() {
        let customer = actor(&[Role::Customer]);
        let (case, _) = execute(
            AppealCase::default(),
            &file(date(2026, 3, 18)),
            &ctx(&customer, "2026-03-20T02:00:00Z"),
        )
        .unwrap();
        assert_eq!(case.deadline, Some(date(2026, 3, 27)));
        let uphold = AppealCommand::Uphold {
            opinion: "Photos at reception show the scratch.".into(),
        };
        assert!(matches!(
            case.decide(&uphold, &ctx(&customer, "2026-03-21T02:00:00Z")),
            Err(Refusal::Role(_))
        ));
        let agent = actor(&[Role::Agent]);
        let (case, _) = execute(case, &uphold, &ctx(&agent, "2026-03-23T02:00:00Z")).unwrap();
        assert_eq!((case.state, case.is_open()), (AppealState::Upheld, false));
        let mediation = AppealCommand::RecordMediation {
            mediator: "Consumer Arbitration Board".into(),
            notes: String::new(),
        };
        let (case, _) = execute(case, &mediation, &ctx(&agent, "2026-04-23T02:00:00Z")).unwrap();
        assert_eq!(case.state, AppealState::Mediation);
    }

    #[test]
    fn an_appeal_needs_a_statement_and_evidence() {
        let customer = actor(&[Role::Customer]);
        let mut command = file(date(2026, 3, 18));
        if let AppealCommand::File { evidence, .. } = &mut command {
            evidence.clear();
        }
        let err = AppealCase::default()
            .decide(&command, &ctx(&customer, "2026-03-20T02:00:00Z"))
            .unwrap_err();
        assert!(matches!(err, Refusal::Invalid { ref field, .. } if field == "evidence"));
    }

    #[test]
    fn only_filed_appeals_get_an_opinion_and_only_decided_ones_a_mediation() {
        let agent = actor(&[Role::Agent]);
        let c = ctx(&agent, "2026-03-20T02:00:00Z");
        let uphold = AppealCommand::Uphold {
            opinion: "x".into(),
        };
        let mediation = AppealCommand::RecordMediation {
            mediator: "m".into(),
            notes: String::new(),
        };
        assert!(matches!(
            AppealCase::default().decide(&uphold, &c),
            Err(Refusal::State(_))
        ));
        assert!(matches!(
            AppealCase::default().decide(&mediation, &c),
            Err(Refusal::State(_))
        ));
    }

    #[test]
    fn every_command_in_every_state_follows_the_transition_table() {
        use AppealState as S;
        let now = "2026-03-20T02:00:00Z";
        let customer = actor(&[Role::Customer]);
        let agent = actor(&[Role::Agent]);
        let filed = execute(
            AppealCase::default(),
            &file(date(2026, 3, 18)),
            &ctx(&customer, now),
        )
        .unwrap()
        .0;
        let uphold = AppealCommand::Uphold {
            opinion: "x".into(),
        };
        let change = AppealCommand::Change {
            opinion: "y".into(),
            correction: serde_json::json!({"refund": "10.00"}),
        };
        let mediation = AppealCommand::RecordMediation {
            mediator: "m".into(),
            notes: String::new(),
        };
        let upheld = execute(filed.clone(), &uphold, &ctx(&agent, now))
            .unwrap()
            .0;
        let changed = execute(filed.clone(), &change, &ctx(&agent, now))
            .unwrap()
            .0;
        let mediated = execute(upheld.clone(), &mediation, &ctx(&agent, now))
            .unwrap()
            .0;
        let cases = [AppealCase::default(), filed, upheld, changed, mediated];
        type Row<'a> = (AppealCommand, &'a super::super::Actor, Vec<(S, S)>);
        let table: [Row<'_>; 4] = [
            (file(date(2026, 3, 18)), &customer, vec![(S::New, S::Filed)]),
            (uphold, &agent, vec![(S::Filed, S::Upheld)]),
            (change, &agent, vec![(S::Filed, S::Changed)]),
            (
                mediation,
                &agent,
                vec![(S::Upheld, S::Mediation), (S::Changed, S::Mediation)],
            ),
        ];
        for (command, who, allowed) in &table {
            for case in &cases {
                let from = case.state;
                match (
                    allowed.iter().find(|(f, _)| *f == from),
                    execute(case.clone(), command, &ctx(who, now)),
                ) {
                    (Some((_, to)), Ok((after, events))) => {
                        assert_eq!(after.state, *to);
                        assert_eq!(events.len(), 1);
                    }
                    (None, Err(Refusal::State(_))) => {}
                    (expected, got) => {
                        panic!("{command:?} from {from:?}: expected {expected:?}, got {got:?}")
                    }
                }
            }
        }
    }
}
