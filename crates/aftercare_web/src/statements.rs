//! The SQL statements each request runs, counted: a `tracing` layer that sees sqlx's event for
//! every statement (target `sqlx::query`) and adds it to the request it ran for. sqlx emits
//! that event inside the caller's span, on SQLite too, where its connection thread enters the
//! span the command was sent with; so a statement counts for the request whose span it ran in,
//! and statements of background workers count for none.
//!
//! Off unless the layer is installed ([`StatementCounter::layer`]): `aftercare serve` installs it
//! when `AFTERCARE_COUNT_STATEMENTS=1`, the tests always. Then every answer carries its count in
//! the `x-sql-statements` header and `/metrics` has a histogram of them by route. Off, sqlx does
//! not even build its statement events, which cost about a microsecond each.

use std::sync::atomic::{AtomicU64, Ordering};

use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::filter::FilterFn;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// The name of the span each request runs in.
pub(crate) const REQUEST_SPAN: &str = "aftercare.request";
/// The header that carries a request's count when counting is on.
pub const STATEMENTS_HEADER: &str = "x-sql-statements";
/// sqlx's target for the event it emits once per statement run.
const SQLX_STATEMENT: &str = "sqlx::query";

/// The count of the request in hand, kept in its span's extensions (which only lend it shared,
/// hence atomic).
#[derive(Debug, Default)]
struct Statements(AtomicU64);

/// The layer that counts; see the module's documentation.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatementCounter;

impl StatementCounter {
    /// The counter with its own filter: it enables sqlx's statement events and the request
    /// spans whatever the log level of the other layers, and nothing else.
    pub fn layer<S>() -> impl Layer<S>
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        StatementCounter.with_filter(FilterFn::new(|meta| {
            meta.target() == SQLX_STATEMENT || meta.name() == REQUEST_SPAN
        }))
    }
}

impl<S> Layer<S> for StatementCounter
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() == REQUEST_SPAN
            && let Some(span) = ctx.span(id)
        {
            span.extensions_mut().insert(Statements::default());
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != SQLX_STATEMENT {
            return;
        }
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(statements) = span.extensions().get::<Statements>() {
                statements.0.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
    }
}

/// The statements counted so far in a request's span; `None` when nothing counts.
pub(crate) fn counted(span: &tracing::Span) -> Option<u64> {
    span.with_subscriber(|(id, dispatch)| {
        let registry = dispatch.downcast_ref::<tracing_subscriber::Registry>()?;
        let span = registry.span(id)?;
        let extensions = span.extensions();
        extensions
            .get::<Statements>()
            .map(|s| s.0.load(Ordering::Relaxed))
    })
    .flatten()
}
