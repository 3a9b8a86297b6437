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
    pub(crate) kind: &'static str,
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
    /// Step, open, overdue, and the kind and state for the list's filter.
    pub(crate) counts: Vec<(String, usize, usize, &'static str, String)>,
    pub(crate) cases: Vec<QueueRow>,
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
                ..QueueQuery::default()
            },
        )
        .await?;
    let mut counts: Vec<(String, usize, usize, &'static str, String)> = web
        .app
        .open_counts(&who.actor)
        .await?
        .into_iter()
        .map(|c| {
            (
                format!("{}: {}", case_title(c.kind), words(&c.state).to_lowercase()),
                usize::try_from(c.open).unwrap_or(0),
                usize::try_from(c.overdue).unwrap_or(0),
                c.kind.as_str(),
                c.state,
            )
        })
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let cases = rows
        .iter()
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
            counts,
            cases,
        }
        .into_response(),
    ))
}
