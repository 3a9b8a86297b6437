//! The dashboard's charts, drawn on the server as SVG with plotters: requests per week by
//! reason, the share of steps done within their deadline, refunds and buyback payouts per week.
//! No JavaScript; text in the SVG is escaped by the backend.

use aftercare_app::stats::{Series, WeeklyStats};
use aftercare_core::{Currency, Money};
use plotters::prelude::*;

const WIDTH: u32 = 560;
const HEIGHT: u32 = 260;

/// Calm colours with enough contrast against white, in the stylesheet's family.
const PALETTE: [RGBColor; 7] = [
    RGBColor(31, 95, 191),
    RGBColor(0, 137, 123),
    RGBColor(230, 124, 0),
    RGBColor(142, 68, 173),
    RGBColor(179, 38, 30),
    RGBColor(96, 125, 139),
    RGBColor(121, 85, 72),
];

fn week_label(stats: &WeeklyStats, i: usize) -> String {
    stats
        .weeks
        .get(i)
        .map(|d| d.strftime("%-d %b").to_string())
        .unwrap_or_default()
}

/// Renders with `draw` into an SVG string; a drawing error gives a short note instead, since a
/// chart is never worth failing the dashboard for.
fn svg(
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), String>,
) -> String {
    let mut out = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root).and_then(|()| root.present().map_err(|e| e.to_string()))
    };
    match result {
        Ok(()) => out,
        Err(e) => {
            tracing::warn!(error = %e, "chart not drawn");
            String::new()
        }
    }
}

type WeeklyChart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordusize, plotters::coord::types::RangedCoordi64>,
>;

/// A white chart with one column per week (labelled by its Monday) and a value axis from 0 to
/// `top`, the axes drawn.
fn weekly_axes<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    stats: &WeeklyStats,
    top: i64,
    y_format: &dyn Fn(&i64) -> String,
    y_desc: &str,
) -> Result<WeeklyChart<'a, 'b>, String> {
    let weeks = stats.weeks.len();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(36)
        .build_cartesian_2d(0..weeks, 0..top)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(weeks.min(12))
        .x_label_formatter(&|i| week_label(stats, *i))
        .y_label_formatter(y_format)
        .y_desc(y_desc)
        // Large enough to read at phone width, where the chart keeps its width and scrolls.
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 14))
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// Stacked bars of `series` per week, with a legend.
fn stacked_bars(stats: &WeeklyStats, series: &[Series], y_label: &str) -> String {
    let weeks = stats.weeks.len();
    let totals: Vec<i64> = (0..weeks)
        .map(|w| series.iter().map(|s| s.values[w]).sum())
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0).max(4) + 1;
    svg(|root| {
        let mut chart = weekly_axes(root, stats, top, &|v| v.to_string(), y_label)?;
        let mut base = vec![0_i64; weeks];
        for (i, s) in series.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let bars: Vec<Rectangle<(usize, i64)>> = (0..weeks)
                .filter(|w| s.values[*w] > 0)
                .map(|w| {
                    let bottom = base[w];
                    base[w] += s.values[w];
                    Rectangle::new([(w, bottom), (w + 1, base[w])], colour.filled())
                })
                .collect();
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(s.name.clone())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        if !series.is_empty() {
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.2))
                .position(SeriesLabelPosition::UpperLeft)
                .draw()
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

/// Requests opened per week, stacked by reason.
pub(crate) fn requests(stats: &WeeklyStats) -> String {
    stacked_bars(stats, &stats.requests, "requests")
}

/// Money paid out per week: refunds and buyback payments, stacked, in the chart's currency.
pub(crate) fn payouts(stats: &WeeklyStats) -> String {
    let series = [
        Series {
            name: "Refunds".into(),
            values: stats.refunds.clone(),
        },
        Series {
            name: "Buyback payments".into(),
            values: stats.buyback.clone(),
        },
    ];
    let Some(currency) = stats
        .currency
        .as_deref()
        .and_then(|c| Currency::parse(c).ok())
    else {
        return stacked_bars(stats, &[], "nothing paid out");
    };
    // Bars are drawn in whole units of the currency, rounded down: the axis shows sizes, the
    // table under the chart the exact sums.
    let unit = 10_i64.pow(u32::from(currency.exponent()));
    let whole: Vec<Series> = series
        .iter()
        .map(|s| Series {
            name: s.name.clone(),
            values: s.values.iter().map(|v| v / unit).collect(),
        })
        .collect();
    stacked_bars(stats, &whole, currency.code())
}

/// The exact sum of a series, as money.
pub(crate) fn total(stats: &WeeklyStats, values: &[i64]) -> String {
    match stats
        .currency
        .as_deref()
        .and_then(|c| Currency::parse(c).ok())
    {
        Some(currency) => Money::from_minor(values.iter().sum(), currency).to_string(),
        None => "0".into(),
    }
}

/// The share of steps done within their deadline, per week, as bars from 0 to 100 %.
pub(crate) fn on_time(stats: &WeeklyStats) -> String {
    let weeks = stats.weeks.len();
    svg(|root| {
        let mut chart = weekly_axes(root, stats, 101, &|v| format!("{v}%"), "")?;
        let bars: Vec<Rectangle<(usize, i64)>> = (0..weeks)
            .filter(|w| stats.steps_done[*w] > 0)
            .map(|w| {
                let share = stats.steps_on_time[w] * 100 / stats.steps_done[w];
                let colour = if share >= 90 { PALETTE[1] } else { PALETTE[4] };
                Rectangle::new([(w, 0), (w + 1, share)], colour.filled())
            })
            .collect();
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        Ok(())
    })
}
