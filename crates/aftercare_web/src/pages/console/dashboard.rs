//! The staff dashboard: open cases by deadline, and the weekly charts.

use aftercare_store::QueueQuery;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::charts;
use crate::pages::extract::Staff;
use crate::pages::{Nav, case_title, no_store, words};
use crate::{PageError, Web};

pub(crate) struct QueueRow {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) rma: Option<String>,
    pub(crate) order: String,
    pub(crate) state: String,
    pub(crate) due: String,
    pub(crate) overdue: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/dashboard.html")]
pub(crate) struct StaffDashboard {
    pub(crate) nav: Nav,
    pub(crate) charts: Vec<Chart>,
    /// Weekly figures were cut at the read limit.
    pub(crate) truncated: bool,
    /// The steps that wait for this person's roles, first; then every other open step.
    pub(crate) mine: Vec<StepCount>,
    pub(crate) others: Vec<StepCount>,
    /// Of this person's own work: how many are due today, and how many overdue.
    pub(crate) due_today: usize,
    pub(crate) overdue: usize,
    /// Open cases by deadline, this person's own work first.
    pub(crate) cases: Vec<QueueRow>,
    /// Conversations awaiting the shop's reply, and how many of them are overdue.
    pub(crate) replies: StepCount,
    /// Customer service answers customers: the replies are an agent's own work.
    pub(crate) replies_mine: bool,
}

/// Open cases at one step: how many, how many due today and overdue, and the list's filter.
pub(crate) struct StepCount {
    pub(crate) label: String,
    pub(crate) open: usize,
    pub(crate) due_today: usize,
    pub(crate) overdue: usize,
    pub(crate) kind: &'static str,
    pub(crate) state: String,
}

pub(crate) struct Chart {
    pub(crate) title: &'static str,
    pub(crate) svg: String,
    /// The chart's figures as text, week by week, for screen readers and exact reading.
    pub(crate) rows: Vec<(String, String)>,
    pub(crate) note: Option<String>,
}

/// The dashboard's three charts over the last twelve weeks.
pub(crate) fn dashboard_charts(stats: &aftercare_app::stats::WeeklyStats) -> Vec<Chart> {
    let week = |i: usize| {
        stats
            .weeks
            .get(i)
            .map(|d| format!("Week of {}", d.strftime("%-d %B")))
            .unwrap_or_default()
    };
    let n = stats.weeks.len();
    let requests = (0..n)
        .map(|w| {
            let parts: Vec<String> = stats
                .requests
                .iter()
                .filter(|s| s.values[w] > 0)
                .map(|s| format!("{} {}", s.name, s.values[w]))
                .collect();
            (
                week(w),
                if parts.is_empty() {
                    "none".into()
                } else {
                    parts.join(", ")
                },
            )
        })
        .collect();
    let on_time = (0..n)
        .map(|w| {
            let done = stats.steps_done[w];
            (
                week(w),
                if done == 0 {
                    "no step with a deadline done".into()
                } else {
                    format!(
                        "{}% ({} of {done})",
                        stats.steps_on_time[w] * 100 / done,
                        stats.steps_on_time[w]
                    )
                },
            )
        })
        .collect();
    let payouts = (0..n)
        .map(|w| {
            (
                week(w),
                format!(
                    "refunds {}, buyback {}",
                    charts::total(stats, &stats.refunds[w..=w]),
                    charts::total(stats, &stats.buyback[w..=w])
                ),
            )
        })
        .collect();
    vec![
        Chart {
            title: "Requests per week, by reason",
            svg: charts::requests(stats),
            rows: requests,
            note: None,
        },
        Chart {
            title: "Steps done within their deadline",
            svg: charts::on_time(stats),
            rows: on_time,
            note: None,
        },
        Chart {
            title: "Refunds and buyback payments sent per week",
            svg: charts::payouts(stats),
            rows: payouts,
            note: (!stats.other_currencies.is_empty()).then(|| {
                format!(
                    "Payouts in {} are not in this chart.",
                    stats.other_currencies.join(", ")
                )
            }),
        },
    ]
}

/// `GET /staff`: open cases by deadline with overdue ones marked, and counts by step.
pub(crate) async fn staff_dashboard(
    State(web): State<Web>,
    Staff(who): Staff,
) -> Result<Response, PageError> {
    let rows = web
        .app
        .queue(
            &who.actor,
            &QueueQuery {
                limit: 200,
                without_data: true,
                ..QueueQuery::default()
            },
        )
        .await?;
    let counts = web.app.open_counts(&who.actor).await?;
    let own = web.app.own_work(&who.actor, &counts);
    let (mut mine, mut others) = (Vec::new(), Vec::new());
    for (c, own) in counts.into_iter().zip(own) {
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        let step = StepCount {
            label: format!("{}: {}", case_title(c.kind), words(&c.state).to_lowercase()),
            open: count(c.open),
            due_today: count(c.due_today),
            overdue: count(c.overdue),
            kind: c.kind.as_str(),
            state: c.state,
        };
        if own {
            mine.push(step)
        } else {
            others.push(step)
        }
    }
    let (awaiting, late) = web.app.awaiting_reply_count(&who.actor).await?;
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let replies = StepCount {
        label: "Conversations awaiting our reply".into(),
        open: count(awaiting),
        due_today: 0,
        overdue: count(late),
        kind: "",
        state: String::new(),
    };
    let replies_mine = who.actor.has(aftercare_core::cases::Role::Agent);
    for list in [&mut mine, &mut others] {
        list.sort_by(|a, b| b.open.cmp(&a.open).then(a.label.cmp(&b.label)));
    }
    let is_mine = |kind: &str, state: &str| mine.iter().any(|m| m.kind == kind && m.state == state);
    let (mut cases, theirs): (Vec<&aftercare_app::QueueItem>, Vec<_>) = rows
        .iter()
        .partition(|r| is_mine(r.case.kind.as_str(), &r.case.state));
    cases.extend(theirs);
    let cases = cases
        .into_iter()
        .map(|r| QueueRow {
            id: r.case.id.clone(),
            kind: case_title(r.case.kind),
            rma: r.case.rma.clone(),
            order: r.case.order_number.clone(),
            state: words(&r.case.state),
            due: r
                .case
                .deadline
                .map_or_else(|| "waiting for the customer".to_owned(), |d| d.to_string()),
            overdue: r.overdue,
        })
        .collect();
    let stats = web.app.weekly_stats(&who.actor, 12).await?;
    Ok(no_store(
        StaffDashboard {
            charts: dashboard_charts(&stats),
            truncated: stats.truncated,
            nav: Nav::of(&who),
            due_today: mine.iter().map(|m| m.due_today).sum(),
            overdue: mine.iter().map(|m| m.overdue).sum::<usize>()
                + if replies_mine { replies.overdue } else { 0 },
            replies,
            replies_mine,
            mine,
            others,
            cases,
        }
        .into_response(),
    ))
}
