//! What every page shares: who is signed in, the navigation, step forms and their fields, upload
//! forms, formatting of dates, amounts and names.

use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::Role;
use aftercare_store::Store as _;
use aftercare_store::{CaseKind, CaseRecord, OrderRecord};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::session_token;
use crate::{ApiError, PageError, Web};

/// The icon browsers ask for on every site: a small SVG, cached for a day.
pub(crate) async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/><text x="16" y="23" font-family="sans-serif" font-size="20" font-weight="bold" fill="#fff" text-anchor="middle">A</text></svg>"##,
    )
        .into_response()
}

/// The one stylesheet.
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

pub(crate) async fn signed_in(web: &Web, headers: &HeaderMap) -> Option<SignedIn> {
    let token = session_token(headers, web.secure)?;
    web.app.session(&token).await.ok().flatten()
}

pub(crate) fn is_staff(who: &SignedIn) -> bool {
    aftercare_app::is_staff(&who.actor)
}

pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A state or an event's kind in words: the portal's message `word-…` for it in the request's
/// language, or else the name itself made readable ("awaiting_photo_approval" reads "Awaiting
/// photo approval").
pub(crate) fn words(kind: &str) -> String {
    let id = format!("word-{}", kind.replace('_', "-"));
    if super::i18n::portal().has(&id) {
        return super::i18n::text(&id);
    }
    let text = kind.replace(['_', '-'], " ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a case is, in the request's language.
pub(crate) fn case_title(kind: CaseKind) -> String {
    super::i18n::text(match kind {
        CaseKind::Order => "case-kind-order",
        CaseKind::Return => "case-kind-return",
        CaseKind::Buyback => "case-kind-buyback",
        CaseKind::Refund => "case-kind-refund",
        CaseKind::Appeal => "case-kind-appeal",
        CaseKind::Parcel => "case-kind-parcel",
    })
}

/// A case as pages name it: what it is and its RMA number when it has one ("Return RMA-…").
pub(crate) fn case_name(kind: CaseKind, rma: Option<&str>) -> String {
    match rma {
        Some(rma) if !rma.is_empty() => format!("{} {rma}", case_title(kind)),
        _ => case_title(kind),
    }
}

/// A case linked from another's page: its id, what it is ("Refund", "Return RMA-…") and its
/// state in words.
pub(crate) struct RelatedCase {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) state: String,
}

/// The cases a case names or that name it, as both sides' pages link them.
pub(crate) fn related_cases(detail: &aftercare_app::CaseDetail) -> Vec<RelatedCase> {
    detail
        .related
        .iter()
        .map(|c| RelatedCase {
            id: c.id.clone(),
            title: case_name(c.kind, c.rma.as_deref()),
            state: words(&c.state),
        })
        .collect()
}

/// A case's own words and numbers, read from its machine: the items by name, the reason or the
/// condition, what the customer wrote, the amounts, what an inspection found, the appeal's
/// statement and opinion. `customer` words it for the customer ("You wrote").
pub(crate) fn case_summary(
    detail: &aftercare_app::CaseDetail,
    customer: bool,
) -> Vec<(String, String)> {
    use super::i18n;
    use aftercare_app::CaseMachine;
    use aftercare_core::i18n::Arg;
    let said = if customer {
        "fact-you-wrote"
    } else {
        "fact-customer-says"
    };
    let mut out: Vec<(String, String)> = Vec::new();
    // Each fact's label by message id, in the request's language (the console's is English).
    let mut push = |label: &str, text: String| {
        if !text.trim().is_empty() {
            out.push((i18n::text(label), text));
        }
    };
    let items = |lines: &[aftercare_core::cases::rma::ReturnLine]| {
        lines
            .iter()
            .map(
                |l| match detail.item_names.iter().find(|(sku, _)| *sku == l.sku) {
                    Some((_, name)) if !name.is_empty() => {
                        format!("{} × {name} ({})", l.quantity, l.sku)
                    }
                    _ => format!("{} × {}", l.quantity, l.sku),
                },
            )
            .collect::<Vec<_>>()
            .join(", ")
    };
    let money = |m: &Option<aftercare_core::Money>| m.map(i18n::amount).unwrap_or_default();
    let policy_refund = |decision: &serde_json::Value| match (
        decision["refund"]["total"].as_str(),
        decision["refund"]["currency"].as_str(),
    ) {
        (Some(total), Some(currency)) => i18n::stored_amount(total, currency),
        _ => String::new(),
    };
    match &detail.machine {
        Some(CaseMachine::Return(r)) => {
            push("fact-items", items(&r.lines));
            push(
                "fact-reason",
                r.reason.map(|x| words(&code(x))).unwrap_or_default(),
            );
            push(said, r.description.clone());
            push("fact-return-costs", money(&r.return_costs));
            push("fact-policy-refund", policy_refund(&r.decision.value()));
            push(
                "fact-return-tracking",
                r.tracking_number.clone().unwrap_or_default(),
            );
            if !r.received.is_empty() {
                let received = r
                    .received
                    .iter()
                    .map(|l| {
                        i18n::text_with(
                            "fact-received-line",
                            &[
                                ("received", Arg::Count(i64::from(l.received))),
                                ("sku", Arg::Text(l.sku.clone())),
                                ("damaged", Arg::Count(i64::from(l.damaged))),
                            ],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                push("fact-received", received);
            }
            push("fact-refund-after-inspection", money(&r.refund));
            let why = match r.state {
                aftercare_core::cases::rma::ReturnState::InspectionFailed => {
                    "fact-inspection-found"
                }
                _ => "fact-why",
            };
            push(why, r.reasons.join("; "));
        }
        Some(CaseMachine::Buyback(b)) => {
            push("fact-items", items(&b.lines));
            if let Some(c) = &b.condition {
                push(
                    "fact-condition",
                    i18n::text_with(
                        "fact-condition-value",
                        &[
                            ("grade", Arg::Text(words(&code(c.grade)))),
                            ("missing", Arg::Count(i64::from(c.missing_accessories))),
                            ("packaging", Arg::yes_no(c.original_packaging)),
                        ],
                    ),
                );
            }
            push("fact-paid-for-items", money(&b.base));
            if let Some(q) = &b.quote {
                push(
                    "fact-quote",
                    i18n::text_with(
                        "fact-quote-value",
                        &[
                            ("amount", Arg::Amount(q.amount)),
                            ("percent", Arg::Percent(q.percent)),
                            ("until", Arg::Date(q.valid_until)),
                        ],
                    ),
                );
            }
            push("fact-revised-offer", money(&b.revised_amount));
            push("fact-why-revised", b.reasons.join("; "));
            push(
                "fact-tracking",
                b.tracking_number.clone().unwrap_or_default(),
            );
        }
        Some(CaseMachine::Appeal(a)) => {
            push(
                "fact-appeal-against",
                a.subject.map(|x| words(&code(x))).unwrap_or_default(),
            );
            push(said, a.statement.clone());
            push("fact-final-opinion", a.opinion.clone().unwrap_or_default());
            push("fact-mediation", a.mediator.clone().unwrap_or_default());
        }
        Some(CaseMachine::Refund(r)) => {
            push("fact-amount", money(&r.amount));
            push("fact-payment-method", r.method.clone().unwrap_or_default());
            if !customer {
                push(
                    "fact-payment-reference",
                    r.payment_reference.clone().unwrap_or_default(),
                );
            }
            push("fact-provider-said", r.failure.clone().unwrap_or_default());
        }
        Some(CaseMachine::Order(_)) | None => {}
    }
    out
}

/// The snake_case name the JSON contract gives an enum value (a reason, a grade).
pub(crate) fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Sets `Cache-Control: no-store`: staff pages and case pages hold personal data.
pub(crate) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A deadline as the pages show it, marked when it was counted through a year whose official
/// holiday notice is not in the calendar yet: it may still move.
pub(crate) fn due(web: &Web, d: jiff::civil::Date) -> String {
    match web.app.provisional_year(d) {
        Some(year) => {
            format!("{d} (provisional: the official {year} holiday notice is not out yet)")
        }
        None => d.to_string(),
    }
}

/// What the order cost in all: its lines, shipping and duties, exactly.
pub(crate) fn amount(order: &OrderRecord) -> String {
    use aftercare_core::{Currency, Money};
    let total = (|| {
        let currency = Currency::parse(&order.currency).ok()?;
        let money = |v: &serde_json::Value| Money::parse(v.as_str()?, currency).ok();
        let mut total = Money::zero(currency);
        for line in order.data.get("lines")?.as_array()? {
            let quantity = u32::try_from(line["quantity"].as_u64()?).ok()?;
            total = total
                .checked_add(money(&line["unit_price"])?.times(quantity).ok()?)
                .ok()?;
        }
        for extra in ["shipping_paid", "duties_paid"] {
            if let Some(m) = order.data.get(extra).and_then(money) {
                total = total.checked_add(m).ok()?;
            }
        }
        Some(total)
    })();
    total.map_or_else(|| order.currency.clone(), super::i18n::amount)
}

/// The console's navigation: who is signed in, the token its sign-out form carries, and whether
/// the admin page is theirs to see.
pub(crate) struct Nav {
    pub(crate) name: String,
    pub(crate) csrf: String,
    pub(crate) admin: bool,
}

impl Nav {
    pub(crate) fn of(who: &SignedIn) -> Nav {
        Nav {
            name: who.display_name.clone(),
            csrf: who.csrf_token.clone(),
            admin: who.actor.has(Role::Admin),
        }
    }
}

/// 422 when a page is shown again with an error, 200 otherwise.
pub(crate) fn status_for(error: bool) -> StatusCode {
    if error {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// A submitted step form whose CSRF token matched the session's (see the extractor in
/// `pages::extract`).
pub(crate) struct StepForm(pub(crate) Vec<(String, String)>);

impl StepForm {
    /// The fields of a form, once its `csrf` field matched `who`'s session: those of a
    /// multipart form are checked here after its files are read.
    pub(crate) fn checked(
        fields: Vec<(String, String)>,
        who: &SignedIn,
    ) -> Result<StepForm, ApiError> {
        let form = StepForm(fields);
        if form.get("csrf") == who.csrf_token {
            Ok(form)
        } else {
            Err(ApiError::CrossSite)
        }
    }

    /// A field, trimmed; empty when absent.
    pub(crate) fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of a field sent more than once (checkboxes), untrimmed.
    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A field as typed, untrimmed (a password's spaces are part of it).
    pub(crate) fn raw(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The case version the form was rendered with.
    pub(crate) fn version(&self) -> Option<i64> {
        self.get("version").parse().ok()
    }
}

pub(crate) struct FormAction {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) fields: Vec<Field>,
    /// Why the step was refused, when it names none of the form's fields.
    pub(crate) error: Option<String>,
}

impl FormAction {
    /// The form sends files, so it is multipart.
    pub(crate) fn multipart(&self) -> bool {
        self.fields.iter().any(|f| f.kind == "file")
    }

    /// This form again as it was sent: what was typed kept, and the refusal next to the field
    /// it names, in plain words, or on the form when it names none of them.
    pub(crate) fn refused(mut self, refused: &Refused) -> FormAction {
        for field in &mut self.fields {
            // Files are not sent back; passwords are never written into a page.
            if field.kind == "file" || field.kind == "password" {
                continue;
            }
            if let Some((_, value)) = refused.values.iter().find(|(k, _)| *k == field.name) {
                field.value.clone_from(value);
            } else if field.kind == "checkbox" {
                field.value.clear();
            }
        }
        let (named, message) = match refused.message.split_once(": ") {
            Some((named, message)) => (named, message),
            None => ("", refused.message.as_str()),
        };
        let target = self.field_for(named);
        match target.and_then(|i| self.fields.get_mut(i)) {
            Some(field) => field.error = Some(capitalised(message)),
            None => self.error = Some(plain_words(&refused.message)),
        }
        self
    }

    /// The field a refusal names: by its name (`reasons`), a line's count (`lines[1].damaged`,
    /// `inspected[0].received`: that line's SKU field), or a SKU (`LK-100`).
    fn field_for(&self, named: &str) -> Option<usize> {
        if let Some(i) = self.fields.iter().position(|f| f.name == named) {
            return Some(i);
        }
        let skus: Vec<&str> = self.fields.iter().fold(Vec::new(), |mut skus, f| {
            if let Some((_, sku)) = f.name.split_once(':')
                && !skus.contains(&sku)
            {
                skus.push(sku);
            }
            skus
        });
        let line = named
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once("]."))
            .and_then(|(i, sub)| Some((skus.get(i.parse::<usize>().ok()?)?, sub)));
        match line {
            Some((sku, sub)) => self
                .fields
                .iter()
                .position(|f| f.name == format!("{sub}:{sku}")),
            None => self
                .fields
                .iter()
                .position(|f| f.name.split_once(':').is_some_and(|(_, sku)| sku == named)),
        }
    }
}

/// A step the person sent that was refused: which form, what they typed, and why (as the app
/// says it: `field: message`).
pub(crate) struct Refused {
    pub(crate) step: String,
    pub(crate) message: String,
    pub(crate) values: Vec<(String, String)>,
}

impl Refused {
    pub(crate) fn new(step: &str, message: String, values: &[(String, String)]) -> Refused {
        Refused {
            step: step.to_owned(),
            message,
            // The token and the version come from the page being rendered, never the old form.
            values: values
                .iter()
                .filter(|(k, _)| k != "csrf" && k != "version")
                .cloned()
                .collect(),
        }
    }
}

/// The forms of a page, the refused one sent back as it was sent.
pub(crate) fn with_refusal(actions: Vec<FormAction>, refused: Option<&Refused>) -> Vec<FormAction> {
    actions
        .into_iter()
        .map(|a| match refused {
            Some(r) if r.step == a.name => a.refused(r),
            _ => a,
        })
        .collect()
}

/// A refusal as a person reads it: no internal paths (`lines[0].received: ...` says "line 1,
/// received: ...").
pub(crate) fn plain_words(message: &str) -> String {
    let Some((named, rest)) = message.split_once(": ") else {
        return capitalised(message);
    };
    let named = match named.split_once('[').and_then(|(list, r)| {
        let (i, sub) = r.split_once("].")?;
        Some((list, i.parse::<usize>().ok()?, sub))
    }) {
        Some((_, i, sub)) => crate::pages::i18n::text_with(
            "form-line",
            &[
                ("n", (i + 1).into()),
                ("field", sub.replace('_', " ").into()),
            ],
        ),
        None => named.replace('_', " "),
    };
    capitalised(&format!("{named}: {rest}"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The units per line of a form's `{prefix}{sku}` fields, or which line is not a whole number
/// of `what`.
pub(crate) fn units_in_form(
    form: &[(String, String)],
    prefix: &str,
    what: &str,
) -> Result<Vec<aftercare_core::cases::rma::ReturnLine>, String> {
    form.iter()
        .filter_map(|(name, value)| Some((name.strip_prefix(prefix)?, value)))
        .map(|(sku, value)| {
            value
                .trim()
                .parse::<u32>()
                .map(|quantity| aftercare_core::cases::rma::ReturnLine {
                    sku: sku.to_owned(),
                    quantity,
                })
                .map_err(|_| format!("{sku}: give a whole number of {what}"))
        })
        .collect()
}

/// One input of a step's form.
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) label: String,
    pub(crate) value: String,
    /// `text`, `textarea`, `number`, `datetime-local`, `checkbox`, `select`.
    pub(crate) kind: &'static str,
    pub(crate) required: bool,
    /// A `select`'s choices: (value, label).
    pub(crate) options: Vec<(String, String)>,
    /// Why the step was refused, when this field is the reason.
    pub(crate) error: Option<String>,
}

impl Field {
    pub(crate) fn text(name: &str, label: &str) -> Field {
        Field {
            name: name.to_owned(),
            label: label.to_owned(),
            value: String::new(),
            kind: "text",
            required: true,
            options: Vec::new(),
            error: None,
        }
    }

    pub(crate) fn select(name: &str, label: &str, options: Vec<(String, String)>) -> Field {
        Field {
            kind: "select",
            options,
            ..Field::text(name, label)
        }
    }

    pub(crate) fn textarea(name: &str, label: &str) -> Field {
        Field {
            kind: "textarea",
            ..Field::text(name, label)
        }
    }

    pub(crate) fn optional(self) -> Field {
        Field {
            required: false,
            ..self
        }
    }

    pub(crate) fn kind(self, kind: &'static str) -> Field {
        Field { kind, ..self }
    }

    pub(crate) fn value(self, value: impl Into<String>) -> Field {
        Field {
            value: value.into(),
            ..self
        }
    }
}

/// When, what and by whom, why, and whether it is an internal note.
pub(crate) type TimelineEntry = (String, String, String, bool);

/// A multipart page form: its text fields, and the files of one input, each checked, cleaned
/// and stored as the signed-in person's evidence.
pub(crate) struct UploadForm {
    pub(crate) fields: Vec<(String, String)>,
    /// Ids of the evidence stored, in the order sent.
    pub(crate) files: Vec<String>,
    /// The last file refused, by name, with why.
    pub(crate) refused: Option<String>,
}

/// What to do with the files after one is refused.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AfterRefusal {
    /// Store the others too (the wizard keeps them for the next round of the form).
    KeepStoring,
    /// Store nothing more (the step will not run).
    Stop,
}

/// Reads a multipart form whose `file_input` parts are uploads. The CSRF token must come before
/// any file, so a forged request stores nothing; an input left empty (a part without a file
/// name) is skipped.
pub(crate) async fn read_upload_form(
    web: &Web,
    who: &SignedIn,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    file_input: &str,
    after_refusal: AfterRefusal,
) -> Result<UploadForm, ApiError> {
    let malformed = |text: String| ApiError::Malformed(format!("multipart: {text}"));
    let mut multipart = multipart.map_err(|e| malformed(e.body_text()))?;
    let mut form = UploadForm {
        fields: Vec::new(),
        files: Vec::new(),
        refused: None,
    };
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| malformed(e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name != file_input {
            let value = crate::uploads::form_text(&mut field).await?;
            form.fields.push((name, value));
            continue;
        }
        if !form
            .fields
            .iter()
            .any(|(k, v)| k == "csrf" && *v == who.csrf_token)
        {
            return Err(ApiError::CrossSite);
        }
        if field.file_name().is_none_or(str::is_empty)
            || (form.refused.is_some() && after_refusal == AfterRefusal::Stop)
        {
            continue;
        }
        let file = field.file_name().unwrap_or_default().to_owned();
        match crate::uploads::store_field(web, &who.actor, &mut field).await {
            Ok(record) => form.files.push(record.id),
            Err(
                ApiError::App(aftercare_app::AppError::Invalid { message, .. })
                | ApiError::TooLarge {
                    detail: message, ..
                },
            ) => {
                form.refused = Some(format!(
                    "{file}: {}",
                    message.words(crate::pages::i18n::lang())
                ));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(form)
}

/// A local date and time typed in a form (`2026-03-12T09:30`), read in the shop's time zone.
pub(crate) fn shop_time(web: &Web, text: &str) -> Option<jiff::Timestamp> {
    let local = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", text.trim()).ok()?;
    let zone = web.app.policy().versions().last()?.time_zone.clone();
    local.to_zoned(zone).ok().map(|z| z.timestamp())
}

/// The currency of a case's order.
pub(crate) async fn case_currency(web: &Web, case: &CaseRecord) -> String {
    web.app
        .store()
        .order(&case.order_id)
        .await
        .ok()
        .flatten()
        .map(|o| o.currency)
        .unwrap_or_default()
}

/// The shop's time zone, the newest policy version's: what the console shows times in.
pub(crate) fn shop_zone(web: &Web) -> jiff::tz::TimeZone {
    web.app
        .policy()
        .versions()
        .last()
        .map_or(jiff::tz::TimeZone::UTC, |v| v.time_zone.clone())
}

/// What carriers said of a case's parcel, as pages list it: when (in the shop's time zone),
/// the status in words, the carrier's own words.
pub(crate) async fn tracking_rows(
    web: &Web,
    who: &SignedIn,
    case_id: &str,
) -> Result<Vec<(String, String, String)>, PageError> {
    let zone = shop_zone(web);
    Ok(web
        .app
        .tracking_of(&who.actor, case_id)
        .await?
        .into_iter()
        .map(|t| {
            (
                t.at.to_zoned(zone.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                words(&t.status),
                t.description,
            )
        })
        .collect())
}

/// A PDF, made on a blocking thread (drawing and subsetting the font is CPU work), answered to
/// show in the browser under `name`, kept by no cache.
pub(crate) async fn pdf_response(
    name: String,
    make: impl FnOnce() -> Result<Vec<u8>, aftercare_app::documents::DocumentError> + Send + 'static,
) -> Result<Response, crate::PageError> {
    let internal = |why: String| -> crate::PageError {
        aftercare_app::AppError::Store(aftercare_store::StoreError::Corrupt(why)).into()
    };
    let pdf = tokio::task::spawn_blocking(make)
        .await
        .map_err(|e| internal(format!("{name}: {e}")))?
        .map_err(|e| internal(format!("{name}: {e}")))?;
    Ok(no_store(
        (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{name}\""),
                ),
            ],
            pdf,
        )
            .into_response(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &'static str, fields: Vec<Field>) -> FormAction {
        FormAction {
            name,
            label: String::new(),
            fields,
            error: None,
        }
    }

    fn sent(step: &str, message: &str, values: &[(&str, &str)]) -> Refused {
        let values: Vec<(String, String)> = values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Refused::new(step, message.to_owned(), &values)
    }

    #[test]
    fn a_refusal_goes_to_the_field_it_names_and_keeps_what_was_typed() {
        let reject = form("reject", vec![Field::textarea("reasons", "Reasons")]).refused(&sent(
            "reject",
            "reasons: give at least one reason",
            &[("csrf", "t"), ("version", "3"), ("reasons", "  ")],
        ));
        assert_eq!(
            reject.fields[0].error.as_deref(),
            Some("Give at least one reason")
        );
        assert_eq!(reject.fields[0].value, "  ");
        assert_eq!(reject.error, None);
    }

    #[test]
    fn a_line_or_a_sku_finds_its_count_field() {
        let counts = || {
            let mut fields = Vec::new();
            for sku in ["LK-100", "LK-200"] {
                fields.push(Field::text(&format!("received:{sku}"), sku).value("1"));
                fields.push(Field::text(&format!("damaged:{sku}"), sku).value("0"));
            }
            form("receive", fields)
        };
        let by_line = counts().refused(&sent(
            "receive",
            "lines[1].damaged: cannot be more than the units received",
            &[("received:LK-200", "1"), ("damaged:LK-200", "4")],
        ));
        assert_eq!(
            by_line.fields[3].error.as_deref(),
            Some("Cannot be more than the units received")
        );
        assert_eq!(by_line.fields[3].value, "4", "what was typed is kept");
        let by_sku = counts().refused(&sent("receive", "LK-200: give whole numbers of units", &[]));
        assert!(by_sku.fields[2].error.is_some(), "the SKU's first field");
    }

    #[test]
    fn a_refusal_naming_no_field_stays_on_its_form_in_plain_words() {
        let grant = form("grant-refund", vec![]).refused(&sent(
            "grant-refund",
            "case: nothing is payable yet",
            &[],
        ));
        assert_eq!(grant.error.as_deref(), Some("Case: nothing is payable yet"));
        assert_eq!(
            plain_words("inspected[0].received: 2 units of LK-100 were received"),
            "Line 1, received: 2 units of LK-100 were received"
        );
        assert_eq!(
            plain_words("return_costs: must not be negative"),
            "Return costs: must not be negative"
        );
        let untouched = with_refusal(
            vec![form("approve", vec![]), grant],
            Some(&sent("approve", "no such thing", &[])),
        );
        assert_eq!(untouched[0].error.as_deref(), Some("No such thing"));
        assert_eq!(
            untouched[1].error.as_deref(),
            Some("Case: nothing is payable yet")
        );
    }
}
