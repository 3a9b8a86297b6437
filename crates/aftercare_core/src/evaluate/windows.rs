//! Return windows: when each reason's window closes for an order, in the shop's dates and the
//! customer's, and whether a request was made inside it.

use super::*;

/// Where a return window closes: its last local day, and for windows in hours the exact moment.
pub(super) struct WindowClose {
    pub(super) last_day: Date,
    pub(super) end: Option<Timestamp>,
}

pub(super) fn window_close(
    version: &PolicyVersion,
    window: Window,
    signed: Timestamp,
) -> Option<WindowClose> {
    match window {
        Window::Days(days) => Some(WindowClose {
            last_day: signed
                .to_zoned(version.time_zone.clone())
                .date()
                .checked_add(jiff::Span::new().days(days))
                .ok()?,
            end: None,
        }),
        Window::Hours(hours) => {
            let end = signed
                .checked_add(SignedDuration::from_hours(i64::from(hours)))
                .ok()?;
            Some(WindowClose {
                last_day: end.to_zoned(version.time_zone.clone()).date(),
                end: Some(end),
            })
        }
    }
}

/// How long a return for one reason may still be requested, for telling a customer what they
/// can do now ("Return for a quality issue possible until 24 March").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnWindow {
    pub reason: ReturnReason,
    pub clause: String,
    /// The last local day a request is accepted.
    pub last_day: Date,
    /// For windows counted in hours, the exact moment it closes.
    pub until: Option<Timestamp>,
    pub open: bool,
    /// Damage was recorded with the carrier at signing, so this window is the longer one the
    /// policy gives such claims (I.6).
    pub kept_open: bool,
}

/// The window a reason gives this order: the reason's own, or the longer one for damage recorded
/// with the carrier at signing.
pub(super) fn effective_window(rule: &ReasonRule, damage_noted_at_signing: bool) -> (Window, bool) {
    match rule.noted_at_signing_window {
        Some(longer) if damage_noted_at_signing => (longer, true),
        _ => (rule.window, false),
    }
}

/// The return windows of an order signed at `signed_at`, under the version in force when it was
/// placed, as they stand at `now`. Computed exactly as the evaluator computes them.
/// `customer_zone` is the customer's own time zone, when known: a window in days is open while
/// it is open by the shop's dates or by the customer's, and its last day is the later of the two.
pub fn return_windows(
    policy: &Policy,
    placed_at: Timestamp,
    signed_at: Timestamp,
    damage_noted_at_signing: bool,
    customer_zone: Option<&jiff::tz::TimeZone>,
    now: Timestamp,
) -> Vec<ReturnWindow> {
    let Some(version) = policy.version_at(placed_at) else {
        return Vec::new();
    };
    let today = now.to_zoned(version.time_zone.clone()).date();
    ReturnReason::ALL
        .iter()
        .filter_map(|&reason| {
            let rule = version.returns.reason.get(reason);
            let (window, kept_open) = effective_window(rule, damage_noted_at_signing);
            let close = window_close(version, window, signed_at)?;
            let mut open = match close.end {
                Some(end) => now <= end,
                None => today <= close.last_day,
            };
            let mut last_day = close.last_day;
            if let (Window::Days(days), Some(zone), true) = (
                window,
                customer_zone,
                version.returns.windows_in_customer_dates,
            ) {
                let their_today = now.to_zoned(zone.clone()).date();
                if let Ok(their_last) = signed_at
                    .to_zoned(zone.clone())
                    .date()
                    .checked_add(jiff::Span::new().days(days))
                {
                    open |= their_today <= their_last;
                    last_day = last_day.max(their_last);
                }
            }
            Some(ReturnWindow {
                reason,
                clause: rule.clause.as_str().to_owned(),
                last_day,
                until: close.end,
                open,
                kept_open,
            })
        })
        .collect()
}

/// Whether a return window was open when the request was made, and until when.
pub(super) struct WindowCheck {
    pub(super) open: bool,
    /// The last local day of the window.
    pub(super) last_day: Date,
    /// How the window reads to a customer: its length, when it opened and closes, and why it
    /// is as long as it is.
    pub(super) said: Vec<Said>,
}

impl Evaluation<'_> {
    /// Whether the return window of `reason` was open at `submitted`, and how that reads to a
    /// customer who asked for a return (`context` "return"), an exchange ("exchange") or a
    /// buyback while a return was still possible ("buyback").
    pub(super) fn window(
        &self,
        rule: &ReasonRule,
        reason: ReturnReason,
        context: &str,
        submitted: Timestamp,
    ) -> Result<WindowCheck, FactsError> {
        let signed = self.signed_at()?;
        let signed_local = signed.to_zoned(self.version.time_zone.clone());
        let out_of_range = || FactsError {
            field: "signed_at".into(),
            message: "is too close to the end of the supported date range".into(),
        };
        let (window, noted) = effective_window(rule, self.facts.damage_noted_at_signing);
        let close = window_close(self.version, window, signed).ok_or_else(out_of_range)?;
        let opening = |id: &str| {
            Said::new(id)
                .with("context", context)
                .with("reason", Arg::Message(reason.message_id().to_owned()))
        };
        let mut check = match window {
            Window::Days(days) => {
                let last_day = close.last_day;
                let mut check = WindowCheck {
                    open: self.local_date(submitted) <= last_day,
                    last_day,
                    said: vec![
                        opening("window-days")
                            .with("days", i64::from(days))
                            .with("signed", signed_local.date())
                            .with("last", last_day),
                    ],
                };
                // The customer's own dates count too: a window is open while it is open on
                // either calendar, so a time zone never costs a customer a day.
                let dates = self.facts.customer_dates;
                if self.version.returns.windows_in_customer_dates
                    && let (Some(signed_on), Some(submitted_on)) =
                        (dates.signed_on, dates.submitted_on)
                    && let Ok(their_last) = signed_on.checked_add(jiff::Span::new().days(days))
                {
                    let in_time_for_them = !check.open && submitted_on <= their_last;
                    if their_last != last_day || in_time_for_them {
                        check.said.push(
                            Said::new(if in_time_for_them {
                                "window-own-dates-in-time"
                            } else {
                                "window-own-dates"
                            })
                            .with("signed", signed_on)
                            .with("asked", submitted_on)
                            .with("last", their_last),
                        );
                    }
                    if in_time_for_them {
                        check.open = true;
                    }
                    check.last_day = check.last_day.max(their_last);
                }
                check
            }
            Window::Hours(hours) => {
                let end = close.end.ok_or_else(out_of_range)?;
                let end_local = end.to_zoned(self.version.time_zone.clone());
                WindowCheck {
                    open: submitted <= end,
                    last_day: end_local.date(),
                    said: vec![
                        opening("window-hours")
                            .with("hours", i64::from(hours))
                            .with("signed", signed_local.datetime())
                            .with("end", end_local.datetime())
                            .with("zone", self.version.time_zone_name.as_str()),
                    ],
                }
            }
        };
        if noted {
            let (unit, length) = match rule.window {
                Window::Days(d) => ("days", i64::from(d)),
                Window::Hours(h) => ("hours", i64::from(h)),
            };
            check.said.push(
                Said::new("window-noted-at-signing")
                    .with("unit", unit)
                    .with("length", length),
            );
        }
        Ok(check)
    }

    pub(super) fn past_window(
        &mut self,
        reason: ReturnReason,
        rule: &ReasonRule,
    ) -> Result<(), FactsError> {
        let version = self.version;
        self.decision.outcome = Outcome::BuybackOffered;
        self.cite(&version.returns.past_window_clause);
        self.cite(&version.buyback.eligibility_clause);
        self.say(
            Said::new("past-window-buyback")
                .with("reason", Arg::Message(reason.message_id().to_owned())),
        );
        if rule.hidden_defects_negotiable {
            self.say(Said::new("hidden-defects-negotiable"));
        }
        Ok(())
    }
}
