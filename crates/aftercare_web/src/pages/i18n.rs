//! The portal in the customer's language: chosen from the browser's `Accept-Language`,
//! changeable on every portal page (kept in a cookie, and with the customer's orders for the
//! e-mails), and English for the staff console.
//!
//! The language is the request's: a middleware settles it once and runs the rest of the request
//! inside it, so every template, and every helper that puts a page's words together, reads it
//! without it being handed through each handler and view.

use std::fmt::Display;
use std::sync::LazyLock;

use aftercare_core::i18n::{Arg, Catalog, Lang, Said};
use aftercare_core::money::Money;
use axum::extract::{Form, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, REFERER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;

use crate::Web;
use crate::pages::{see_other, signed_in};

/// The cookie that keeps a visitor's choice of language.
const COOKIE_NAME: &str = "lang";

/// What the pages of a request need to know of it: its language, and the page it asked for
/// (the language switch sends the visitor back there).
#[derive(Clone)]
struct Asked {
    lang: Lang,
    page: String,
}

tokio::task_local! {
    static ASKED: Asked;
}

/// The portal's own words, in every language.
pub(crate) fn portal() -> &'static Catalog {
    static CATALOG: LazyLock<Catalog> =
        LazyLock::new(|| Catalog::new(&aftercare_core::locales!("portal")));
    &CATALOG
}

/// The language of the request being answered; English outside one (and in the console).
pub(crate) fn lang() -> Lang {
    ASKED.try_with(|a| a.lang).unwrap_or_default()
}

/// The path and query of the page being answered, for the language switch to come back to.
pub(crate) fn here() -> String {
    ASKED
        .try_with(|a| a.page.clone())
        .unwrap_or_else(|_| "/".into())
}

/// The BCP 47 tag of the request's language, for `<html lang>`.
pub(crate) fn tag() -> &'static str {
    lang().tag()
}

/// One of the portal's messages in the request's language.
pub(crate) fn text(id: &str) -> String {
    portal().text(lang(), id)
}

/// One of the portal's messages with its arguments.
pub(crate) fn text_with(id: &str, args: &[(&str, Arg)]) -> String {
    portal().say(lang(), &Said::with_args(id, args))
}

/// An error page's title in the request's language: its code's message (`error-not-found`),
/// or the API's English title for codes a customer's page never meets.
pub(crate) fn error_title(code: &str, english: &str) -> String {
    let id = format!("error-{}", code.replace('_', "-"));
    if portal().has(&id) {
        text(&id)
    } else {
        english.to_owned()
    }
}

/// One of the policy's reasons in the request's language.
pub(crate) fn reason(said: &Said) -> String {
    aftercare_core::i18n::reasons().say(lang(), said)
}

/// A day as the request's language writes it.
pub(crate) fn date(d: Date) -> String {
    lang().date(d)
}

/// An amount as the request's language writes it.
pub(crate) fn amount(m: Money) -> String {
    lang().amount(m)
}

/// An amount stored as decimal text and a currency code, as the request's language writes it;
/// as stored when it does not read as one.
pub(crate) fn stored_amount(amount: &str, currency: &str) -> String {
    aftercare_core::Currency::parse(currency)
        .and_then(|c| Money::parse(amount, c))
        .map_or_else(|_| format!("{amount} {currency}"), self::amount)
}

/// Words for templates: `{{ t("order-title") }}`, `{{ t1("order-title", "number", number) }}`,
/// `{{ t2("request-you-have", "sku", sku, "n", n) }}`.
/// Askama calls a template's functions as methods of the template, so every template (and the
/// partials it includes) has them once this trait is in scope where the template is defined.
pub(crate) trait Words {
    fn t(&self, id: &str) -> String {
        text(id)
    }

    fn t1(&self, id: &str, name: &str, value: impl Display) -> String {
        text_with(id, &[(name, Arg::Text(value.to_string()))])
    }

    fn t2(&self, id: &str, n1: &str, v1: impl Display, n2: &str, v2: impl Display) -> String {
        text_with(
            id,
            &[
                (n1, Arg::Text(v1.to_string())),
                (n2, Arg::Text(v2.to_string())),
            ],
        )
    }

    /// The languages a visitor can switch to, with the request's one marked.
    fn languages(&self) -> Vec<(Lang, bool)> {
        let now = lang();
        Lang::ALL.iter().map(|&l| (l, l == now)).collect()
    }
}

impl<T> Words for T {}

/// The language a request asks for: the visitor's choice kept in the cookie, or else the best
/// of the browser's `Accept-Language`.
pub(crate) fn asked(headers: &HeaderMap) -> Lang {
    chosen(headers).unwrap_or_else(|| {
        Lang::negotiate(
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
        )
    })
}

/// The language the visitor chose with the switch, kept in its cookie.
pub(crate) fn chosen(headers: &HeaderMap) -> Option<Lang> {
    crate::auth::cookie(headers, COOKIE_NAME).and_then(|v| Lang::parse(&v))
}

/// Runs a page request in its language: the visitor's on the portal, English in the console.
pub(crate) async fn in_language(request: Request, next: Next) -> Response {
    // The console has no language switch, so its pages need neither the language nor the path.
    let (lang, page) = if request.uri().path().starts_with("/staff") {
        (Lang::En, String::new())
    } else {
        let page = request
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        (asked(request.headers()), page)
    };
    let mut response = ASKED.scope(Asked { lang, page }, next.run(request)).await;
    response.headers_mut().insert(
        axum::http::header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response.headers_mut().insert(
        axum::http::header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    response
}

#[derive(Deserialize)]
pub(crate) struct LanguageForm {
    #[serde(default)]
    lang: String,
    /// The page the switch was on.
    #[serde(default)]
    back: String,
}

/// `POST /language`: the visitor's choice, kept in a cookie for a year and, for a signed-in
/// customer, with their orders, so that the e-mails about them come in it too. Back to the page
/// the switch was on (its `back` field; the pages send no `Referer`).
pub(crate) async fn choose(
    State(web): State<Web>,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Result<Response, crate::PageError> {
    let Some(chosen) = Lang::parse(&form.lang) else {
        return Err(crate::ApiError::Malformed(format!(
            "lang: `{}` is not one of the languages en, es, fr, de, zh-Hans",
            form.lang.chars().take(20).collect::<String>()
        ))
        .into());
    };
    if let Some(who) = signed_in(&web, &headers).await
        && !crate::pages::is_staff(&who)
    {
        web.app.choose_language(&who.actor, chosen).await?;
    }
    let mut response = see_other(&back_to(&form.back, &headers));
    let secure = if web.secure { "; Secure" } else { "" };
    if let Ok(cookie) = HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        chosen.tag()
    )) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response.into_response())
}

/// The page to go back to: the form's `back`, or the `Referer` a browser may still send, when
/// either names a page of ours; the portal's home otherwise. Only a path is kept, so the answer
/// never sends anyone to another site.
fn back_to(back: &str, headers: &HeaderMap) -> String {
    let referer = if back.is_empty() {
        headers.get(REFERER).and_then(|v| v.to_str().ok())
    } else {
        Some(back)
    };
    let Some(referer) = referer else {
        return "/".into();
    };
    let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
    let path = match after_scheme.find('/') {
        Some(i) if referer.contains("://") => &after_scheme[i..],
        _ if referer.starts_with('/') => referer,
        _ => "/",
    };
    if path.starts_with("//") || path.starts_with("/\\") || path.contains(['\r', '\n']) {
        "/".into()
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    #[test]
    fn the_portal_says_everything_in_every_language() {
        let catalog = portal();
        assert_eq!(catalog.problems(), &[] as &[String]);
        assert_eq!(catalog.differences(), Vec::<String>::new());
    }

    /// Every id a template or a page's code asks for is an English message (and so, by the test
    /// above, a message in every language).
    #[test]
    fn every_message_the_pages_ask_for_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "templates",
            "templates/portal",
            "src/pages",
            "src/pages/portal",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() && !path.ends_with("src/pages/i18n.rs") {
                    files.push(path);
                }
            }
        }
        let mut asked = 0;
        let mut missing = Vec::new();
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            let template = path.extension().is_some_and(|e| e == "html");
            // Templates ask by `t("…")`, `t1("…", …)`, `t2("…", …)`; code by
            // `i18n::text("…")` and `i18n::text_with("…", …)`, or names an id in a table.
            let calls: &[&str] = if template {
                &["t(\"", "t1(\"", "t2(\"", "i18n::text(\""]
            } else {
                &[
                    "i18n::text(\"",
                    "i18n::text_with(\"",
                    "\"outcome-",
                    "\"refund-line-",
                    "\"deadline-",
                    "\"quote-line-",
                    "\"sign-in-",
                    "\"next-",
                    "\"error-",
                    "\"fact-",
                    "\"action-",
                ]
            };
            for call in calls {
                for (i, _) in source.match_indices(call) {
                    let preceded = source[..i].chars().last();
                    if template && preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let start = if call.starts_with('"') {
                        i + 1
                    } else {
                        i + call.len()
                    };
                    let Some(end) = source[start..].find('"') else {
                        continue;
                    };
                    let id = &source[start..start + end];
                    asked += 1;
                    if !portal().has(id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
        assert!(asked > 50, "only {asked} messages found");
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn the_switch_goes_back_only_to_a_page_of_ours() {
        let back = |referer: &str| {
            let mut h = HeaderMap::new();
            h.insert(REFERER, HeaderValue::from_str(referer).unwrap());
            back_to("", &h)
        };
        assert_eq!(
            back("http://127.0.0.1:8080/orders/LM-1?x=1"),
            "/orders/LM-1?x=1"
        );
        assert_eq!(back("https://evil.example//evil.example/x"), "/");
        assert_eq!(back("https://shop.example"), "/");
        assert_eq!(back("/cases/abc"), "/cases/abc");
        assert_eq!(back("javascript:alert(1)"), "/");
        assert_eq!(back_to("", &HeaderMap::new()), "/");
        assert_eq!(back_to("/orders/LM-1", &HeaderMap::new()), "/orders/LM-1");
        assert_eq!(back_to("//evil.example/", &HeaderMap::new()), "/");
        assert_eq!(back_to("https://evil.example/x", &HeaderMap::new()), "/x");
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("de-DE,de;q=0.9"));
        assert_eq!(asked(&h), Lang::De);
        h.insert(
            COOKIE,
            HeaderValue::from_static("aftercare=x; lang=zh-Hans"),
        );
        assert_eq!(asked(&h), Lang::ZhHans);
        h.insert(COOKIE, HeaderValue::from_static("lang=tlh"));
        assert_eq!(asked(&h), Lang::De);
    }
}
