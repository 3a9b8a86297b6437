//! The OpenAPI 3.1 document served at `/api/openapi.json`. Request and response schemas are
//! derived from the Rust types the handlers read and write; the types of the core and app
//! crates, which know nothing of HTTP, are described here by mirror types whose examples a test
//! feeds to the real types, so the two cannot drift apart unnoticed. The operations come from
//! one table, with the roles each step belongs to.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref,
    Required, ResponseBuilder,
};

use crate::api;
use crate::auth::{LinkRequest, StaffSignIn};
use crate::error::Problem;

/// Units of one order line.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"sku": "LK-100", "quantity": 1}))]
pub struct LineDoc {
    pub sku: String,
    #[schema(minimum = 1)]
    pub quantity: u32,
}

/// What arrived of one line of a returned parcel.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"sku": "LK-100", "received": 1, "damaged": 0}))]
pub struct ReceivedLineDoc {
    pub sku: String,
    pub received: u32,
    pub damaged: u32,
}

/// How a returned parcel arrived.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReceptionOutcomeDoc {
    AsExpected,
    Short,
    WrongItemSentBack,
    LostInTransit,
}

/// Why a parcel came back undelivered.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnedReasonDoc {
    WrongAddress,
    Unreachable,
    Refused,
}

/// Why goods are returned (II).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReasonDoc {
    QualityIssue,
    NotAsDescribed,
    WrongItem,
    TransportDamage,
    Other,
}

/// An exact amount: a decimal string in the currency's minor units, and its ISO 4217 code.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"amount": "20.00", "currency": "USD"}))]
pub struct MoneyDoc {
    pub amount: String,
    pub currency: String,
}

/// Where the units of one order line are.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineUnitsDoc {
    pub sku: String,
    pub ordered: u32,
    /// In return or buyback requests whose goods have not arrived.
    pub requested: u32,
    /// Received by the shop, waiting for an inspection, a quote, a choice or a payment.
    pub at_shop: u32,
    pub refunded: u32,
    pub bought_back: u32,
    /// Sent back to the customer (with the customer again).
    pub sent_back: u32,
    pub lost: u32,
    pub undelivered: u32,
}

/// What the customer paid for the order.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaidDoc {
    pub products: MoneyDoc,
    pub shipping: MoneyDoc,
    pub duties: MoneyDoc,
    pub total: MoneyDoc,
}

/// The money of a case that pays something, with its appeals' corrections folded in.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseMoneyDoc {
    pub case_id: String,
    /// return, buyback or order (a returned parcel).
    pub kind: String,
    /// What the case's own result gives.
    pub result: Option<MoneyDoc>,
    /// The corrected total a changed appeal set.
    pub corrected: Option<MoneyDoc>,
    pub granted: MoneyDoc,
    pub sent: MoneyDoc,
    pub settled: MoneyDoc,
}

/// The order as one account, derived from its cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerDoc {
    pub currency: String,
    pub lines: Vec<LineUnitsDoc>,
    pub paid: PaidDoc,
    /// Return costs the shop confirmed at inspection.
    pub confirmed_return_costs: MoneyDoc,
    pub cases: Vec<CaseMoneyDoc>,
    pub granted: MoneyDoc,
    pub sent: MoneyDoc,
    pub settled: MoneyDoc,
}

/// The product's condition, as the applicant reports it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionDoc {
    /// like_new, good, fair, worn or damaged.
    pub grade: String,
    pub missing_accessories: u32,
    pub original_packaging: bool,
}

/// A customer's return request.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"order_number": "LM-1", "reason": "quality_issue",
    "lines": [{"sku": "LK-100", "quantity": 1}], "description": "The latch sticks.",
    "evidence": ["01a2..."], "return_costs": "40.00"}))]
pub struct ReturnRequestDoc {
    pub order_number: String,
    pub reason: ReturnReasonDoc,
    pub lines: Vec<LineDoc>,
    pub description: Option<String>,
    /// Ids from `POST /api/v1/evidence`.
    pub evidence: Option<Vec<String>>,
    /// What sending the parcel back cost, as a decimal string.
    pub return_costs: Option<String>,
}

/// A customer's buyback application.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"order_number": "LM-1", "lines": [{"sku": "LK-100", "quantity": 1}],
    "condition": {"grade": "good", "missing_accessories": 0, "original_packaging": true},
    "photos": []}))]
pub struct BuybackRequestDoc {
    pub order_number: String,
    pub lines: Vec<LineDoc>,
    pub condition: ConditionDoc,
    pub photos: Option<Vec<String>>,
    /// A defect found, so the policy can recommend a return instead.
    pub defect: Option<ReturnReasonDoc>,
}

/// A customer's appeal against a result.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"case_id": "01a2...", "subject": "review",
    "statement": "The latch was stiff from day one.", "evidence": ["01a3..."]}))]
pub struct AppealRequestDoc {
    pub case_id: String,
    /// review, inspection, quote, refund_amount or delivery.
    pub subject: String,
    pub statement: String,
    pub evidence: Vec<String>,
}

/// One line of an order.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderLineDoc {
    pub sku: String,
    pub name: String,
    pub unit_price: String,
    pub quantity: u32,
}

/// Where the order goes; P.O. boxes are refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderAddressDoc {
    pub full_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
}

/// An order as the shop's store sends it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"number": "LM-1", "placed_at": "2026-03-01T10:00:00+08:00",
    "customer_email": "ana@example.com", "customer_name": "Ana Lima", "currency": "USD",
    "lines": [{"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 2}],
    "shipping_paid": "30.00", "payment_method": "card",
    "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195",
        "city": "Lisboa", "country": "PT", "phone": "+351 912 345 678", "email": "ana@example.com"}}))]
pub struct NewOrderDoc {
    pub number: String,
    #[schema(format = DateTime)]
    pub placed_at: String,
    pub customer_email: String,
    pub customer_name: String,
    pub currency: String,
    pub lines: Vec<OrderLineDoc>,
    pub shipping_paid: String,
    pub duties_paid: Option<String>,
    pub payment_method: String,
    pub address: OrderAddressDoc,
    #[schema(format = DateTime)]
    pub signed_at: Option<String>,
    pub damage_noted_at_signing: Option<bool>,
    /// The delivery destination's IANA time zone: return windows are also met by the customer's
    /// own local dates there.
    pub time_zone: Option<String>,
}

/// A shipment with its carrier's tracking link.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"carrier": "DHL", "tracking_number": "JD014600",
    "tracking_url": "https://www.dhl.com/track?id=JD014600"}))]
pub struct ShipmentDoc {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: String,
}

/// The customer's answer to an accessory shortage: `{"choice": "wait"}`, `{"choice":
/// "substitute"}` or `{"choice": "drop_line", "sku": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"choice": "wait"}))]
pub struct ShortageAnswerDoc {
    pub choice: String,
    pub sku: Option<String>,
}

/// A step the store reports at `/api/v1/orders/{number}/fulfilment`, tagged by `step`:
/// verify_payment, ship, sign, returned_to_sender, hold_at_customs, release_from_customs.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"step": "ship", "carrier": "DHL", "tracking_number": "JD014600",
    "tracking_url": "https://www.dhl.com/track?id=JD014600"}))]
pub struct FulfilmentStepDoc {
    pub step: String,
}

/// A case: its kind, step, deadline and version (send it back as `version` to act on it).
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDoc {
    pub id: String,
    /// order, return, buyback, refund or appeal.
    pub kind: String,
    pub order_number: String,
    pub state: String,
    pub rma: Option<String>,
    /// The date by which the shop must act (ISO date, shop's calendar).
    pub deadline: Option<String>,
    pub version: i64,
    pub customer_email: String,
    pub is_open: bool,
    /// The deadline was counted through a year whose official holiday notice is not in the
    /// calendar yet (statutory days off only): it may still move.
    pub deadline_provisional: bool,
    /// The case's details as its history made them.
    pub data: serde_json::Value,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// The policy's decision with the case it opened, if any.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmittedDoc {
    /// Outcome, clauses, reasons, refund breakdown or quote, deadlines: the JSON of
    /// `aftercare policy evaluate`.
    pub decision: serde_json::Value,
    pub case: Option<CaseDoc>,
}

/// A stored photo or video.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceDoc {
    pub id: String,
    pub media_type: String,
    pub size_bytes: i64,
    sha256: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub url: String,
    pub thumbnail_url: Option<String>,
}

/// A page of items and the cursor of the next page (`null` on the last).
#[derive(Debug, Serialize, ToSchema)]
pub struct PageDoc {
    pub items: Vec<serde_json::Value>,
    pub next_cursor: Option<String>,
}

/// How a caller proves who they are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    Anyone,
    Session,
    SessionOrKey,
    Key,
}

/// One operation of the API.
struct Op {
    method: HttpMethod,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    /// Who may call it (the README's role table).
    roles: &'static str,
    auth: Auth,
    body: Option<&'static str>,
    ok: (&'static str, Option<&'static str>),
    idempotent: bool,
}

const fn op(
    (method, path): (HttpMethod, &'static str),
    tag: &'static str,
    summary: &'static str,
    roles: &'static str,
    auth: Auth,
    body: Option<&'static str>,
    ok: (&'static str, Option<&'static str>),
) -> Op {
    Op {
        method,
        path,
        tag,
        summary,
        roles,
        auth,
        body,
        ok,
        idempotent: false,
    }
}

use Auth::{Anyone, Key, Session, SessionOrKey};
use HttpMethod::{Delete, Get, Post};

const CASE: Option<&str> = Some("CaseDoc");
const NONE: Option<&str> = Some("Nothing");

/// Every operation, in the order a reader meets them.
fn operations() -> Vec<Op> {
    let mut ops = vec![
        op(
            (Get, "/healthz"),
            "health",
            "The process is up",
            "anyone",
            Anyone,
            None,
            ("200", None),
        ),
        op(
            (Get, "/readyz"),
            "health",
            "The database answers and is migrated",
            "anyone",
            Anyone,
            None,
            ("200", None),
        ),
        op(
            (Get, "/metrics"),
            "health",
            "Prometheus metrics",
            "anyone",
            Anyone,
            None,
            ("200", None),
        ),
        op(
            (Post, "/api/v1/policy/evaluate"),
            "policy",
            "The policy's decision on made-up facts (the JSON of `aftercare policy evaluate`)",
            "anyone",
            Anyone,
            Some("Object"),
            ("200", Some("Object")),
        ),
        op(
            (Post, "/api/v1/session"),
            "sign-in",
            "Staff sign-in with e-mail and password; sets the session cookie",
            "anyone (throttled)",
            Anyone,
            Some("StaffSignIn"),
            ("200", Some("Object")),
        ),
        op(
            (Get, "/api/v1/session"),
            "sign-in",
            "Who the session belongs to, with its CSRF token",
            "signed in",
            Session,
            None,
            ("200", Some("Object")),
        ),
        op(
            (Delete, "/api/v1/session"),
            "sign-in",
            "Sign out here and on the server",
            "anyone",
            Anyone,
            None,
            ("204", None),
        ),
        op(
            (Post, "/api/v1/sign-in-links"),
            "sign-in",
            "A customer asks for a single-use sign-in link (always 202)",
            "anyone (throttled)",
            Anyone,
            Some("LinkRequest"),
            ("202", Some("Object")),
        ),
        op(
            (Post, "/api/v1/orders"),
            "orders",
            "The store pushes an order (201 stored, 200 already stored alike)",
            "store key (orders:write)",
            Key,
            Some("NewOrderDoc"),
            ("201", Some("Object")),
        ),
        op(
            (Get, "/api/v1/orders"),
            "orders",
            "A customer's orders, or every order for staff (cursor pages)",
            "customer (own), staff",
            Session,
            None,
            ("200", Some("PageDoc")),
        ),
        op(
            (Get, "/api/v1/orders/{number}"),
            "orders",
            "An order and all its cases",
            "customer (own), staff, store key",
            SessionOrKey,
            None,
            ("200", Some("Object")),
        ),
        op(
            (Get, "/api/v1/orders/{number}/ledger"),
            "orders",
            "The order's account: paid, granted, sent, settled and owed per case, and where each unit is",
            "customer (own), staff",
            Session,
            None,
            ("200", Some("LedgerDoc")),
        ),
        op(
            (Post, "/api/v1/orders/{number}/fulfilment"),
            "orders",
            "The store reports a fulfilment step",
            "store key (orders:write)",
            Key,
            Some("FulfilmentStepDoc"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/verify-payment"),
            "fulfilment",
            "Verify the payment",
            "agent, store key",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/report-shortage"),
            "fulfilment",
            "Ask the customer about a missing accessory",
            "agent, warehouse",
            SessionOrKey,
            Some("Message"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/answer-shortage"),
            "fulfilment",
            "Answer the accessory-shortage question",
            "customer, agent",
            SessionOrKey,
            Some("ShortageAnswerDoc"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/start-assembly"),
            "fulfilment",
            "Start assembly",
            "warehouse, agent",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/submit-assembly-media"),
            "fulfilment",
            "Send photos/videos of the assembled product for approval",
            "warehouse, agent",
            SessionOrKey,
            Some("Media"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/approve-photos"),
            "fulfilment",
            "The customer approves the assembly photos",
            "customer, agent",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/request-changes"),
            "fulfilment",
            "The customer questions the assembly photos",
            "customer, agent",
            SessionOrKey,
            Some("Comment"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/pack"),
            "fulfilment",
            "Pack",
            "warehouse",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/ship"),
            "fulfilment",
            "Ship with carrier and tracking",
            "warehouse, store key",
            SessionOrKey,
            Some("ShipmentDoc"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/sign"),
            "fulfilment",
            "Record the signing (and damage noted at signing)",
            "store key, agent",
            SessionOrKey,
            Some("Sign"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/returned-to-sender"),
            "fulfilment",
            "The parcel came back undelivered",
            "warehouse, agent",
            SessionOrKey,
            Some("Returned"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/reship"),
            "fulfilment",
            "Ship a returned parcel again, for the second shipping fee the customer paid",
            "agent",
            SessionOrKey,
            Some("ReshipIn"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/settle-returned-parcel"),
            "fulfilment",
            "Refund a returned parcel after deductions",
            "agent",
            SessionOrKey,
            Some("Settlement"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/hold-at-customs"),
            "fulfilment",
            "Customs holds the parcel (`note` says why)",
            "agent, store key",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/release-from-customs"),
            "fulfilment",
            "Customs released the parcel",
            "agent, store key",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/destroyed-at-customs"),
            "fulfilment",
            "Customs destroyed the parcel (`note` says why)",
            "agent",
            SessionOrKey,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/orders/{number}/cancel"),
            "fulfilment",
            "Cancel the order",
            "agent",
            SessionOrKey,
            Some("CancelIn"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns"),
            "returns",
            "Request a return: answers the decision at once and opens the case when eligible",
            "customer (own order)",
            Session,
            Some("ReturnRequestDoc"),
            ("201", Some("SubmittedDoc")),
        ),
        op(
            (Get, "/api/v1/returns/{id}"),
            "returns",
            "A return case",
            "customer (own), staff",
            Session,
            None,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/approve"),
            "returns",
            "Approve: issues the RMA number, return address and instructions",
            "agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/reject"),
            "returns",
            "Reject with reasons",
            "agent",
            Session,
            Some("Reasons"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/send-to-buyback"),
            "returns",
            "Send to the buyback program with reasons",
            "agent",
            Session,
            Some("Reasons"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/ship"),
            "returns",
            "The customer's return tracking number",
            "customer, agent",
            Session,
            Some("Tracking"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/receive"),
            "returns",
            "The parcel arrived: quantities received and damaged",
            "warehouse",
            Session,
            Some("Receive"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/pass-inspection"),
            "returns",
            "Inspection passed: the refund follows the policy, with the return costs confirmed from the receipt; units found damaged go to buyback",
            "warehouse",
            Session,
            Some("Inspected"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/fail-inspection"),
            "returns",
            "Inspection failed, with reasons and photos",
            "warehouse",
            Session,
            Some("Failed"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/choose-send-back"),
            "returns",
            "After a failed inspection: send the goods back",
            "customer, agent",
            Session,
            Some("Address"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/returns/{id}/choose-buyback"),
            "returns",
            "After a failed inspection: go to buyback",
            "customer, agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        Op {
            idempotent: true,
            ..op(
                (Post, "/api/v1/refunds"),
                "refunds",
                "Grant the refund (or payout) a case's result gives",
                "agent",
                Session,
                Some("Grant"),
                ("201", CASE),
            )
        },
        op(
            (Get, "/api/v1/refunds/{id}"),
            "refunds",
            "A refund case",
            "customer (own), staff",
            Session,
            None,
            ("200", CASE),
        ),
        Op {
            idempotent: true,
            ..op(
                (Post, "/api/v1/refunds/{id}/send"),
                "refunds",
                "Send the money to the original payment method",
                "finance",
                Session,
                Some("Send"),
                ("200", CASE),
            )
        },
        Op {
            idempotent: true,
            ..op(
                (Post, "/api/v1/refunds/{id}/settle"),
                "refunds",
                "The money arrived, or the payment failed",
                "finance",
                Session,
                Some("Settle"),
                ("200", CASE),
            )
        },
        op(
            (Post, "/api/v1/buyback"),
            "buyback",
            "Apply for buyback: answers the decision and quote at once",
            "customer (own order)",
            Session,
            Some("BuybackRequestDoc"),
            ("201", Some("SubmittedDoc")),
        ),
        op(
            (Post, "/api/v1/buyback/parcels"),
            "buyback",
            "A parcel arrived without RMA: open a buyback case",
            "warehouse",
            Session,
            Some("Parcel"),
            ("201", CASE),
        ),
        op(
            (Get, "/api/v1/buyback/{id}"),
            "buyback",
            "A buyback case",
            "customer (own), staff",
            Session,
            None,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/grade"),
            "buyback",
            "Grade goods the warehouse holds (a parcel without RMA, or a return's goods): the policy's grading becomes the suggested quote",
            "warehouse",
            Session,
            Some("GradeIn"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/quote"),
            "buyback",
            "Quote (the evaluator's percentage, or another with a note)",
            "agent",
            Session,
            Some("QuoteIn"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/accept"),
            "buyback",
            "Accept the quote",
            "customer, agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/decline"),
            "buyback",
            "Decline the quote",
            "customer, agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/expire"),
            "buyback",
            "Expire an unanswered quote",
            "agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/ship"),
            "buyback",
            "The customer's tracking number",
            "customer, agent",
            Session,
            Some("Tracking"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/receive"),
            "buyback",
            "The goods arrived",
            "warehouse",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/confirm"),
            "buyback",
            "Inspection confirms the quote",
            "warehouse",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/revise"),
            "buyback",
            "Revise the offer after inspection",
            "warehouse",
            Session,
            Some("Revise"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/accept-revision"),
            "buyback",
            "Accept the revised offer",
            "customer, agent",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/ask-for-item-back"),
            "buyback",
            "Decline the revised offer and have the goods sent back",
            "customer, agent",
            Session,
            Some("Address"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/buyback/{id}/mark-paid"),
            "buyback",
            "Record the payout",
            "finance",
            Session,
            NONE,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/appeals"),
            "appeals",
            "Appeal against a result within the appeal window",
            "customer (own case)",
            Session,
            Some("AppealRequestDoc"),
            ("201", CASE),
        ),
        op(
            (Get, "/api/v1/appeals/{id}"),
            "appeals",
            "An appeal case",
            "customer (own), staff",
            Session,
            None,
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/appeals/{id}/uphold"),
            "appeals",
            "Uphold the result with a final opinion",
            "agent",
            Session,
            Some("Opinion"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/appeals/{id}/change"),
            "appeals",
            "Change the result (a refund or quote correction)",
            "agent",
            Session,
            Some("Change"),
            ("200", CASE),
        ),
        op(
            (Post, "/api/v1/appeals/{id}/mediation"),
            "appeals",
            "Record a mediation",
            "agent",
            Session,
            Some("Mediation"),
            ("200", CASE),
        ),
        op(
            (Get, "/api/v1/cases/{id}"),
            "cases",
            "Any case",
            "customer (own), staff",
            Session,
            None,
            ("200", CASE),
        ),
        op(
            (Get, "/api/v1/cases/{id}/timeline"),
            "cases",
            "A case's history: who, when, why",
            "customer (own; staff shown by role), staff",
            Session,
            None,
            ("200", Some("Object")),
        ),
        op(
            (Get, "/api/v1/queue"),
            "cases",
            "Open cases by deadline with overdue marks; filters kind, state, order_number, rma, email, q (order number, RMA, e-mail or part of the name); cursor pages",
            "staff",
            Session,
            None,
            ("200", Some("PageDoc")),
        ),
        op(
            (Post, "/api/v1/evidence"),
            "evidence",
            "Upload a photo (JPEG, PNG, WebP) or video (MP4, MOV) as multipart part `file`",
            "customer, staff",
            Session,
            Some("multipart"),
            ("201", Some("EvidenceDoc")),
        ),
        op(
            (Get, "/api/v1/evidence/{id}"),
            "evidence",
            "The stored file",
            "its uploader, the customer whose case names it, staff",
            Session,
            None,
            ("200", None),
        ),
        op(
            (Get, "/api/v1/evidence/{id}/thumbnail"),
            "evidence",
            "A JPEG thumbnail of a photo",
            "its uploader, the customer whose case names it, staff",
            Session,
            None,
            ("200", None),
        ),
        op(
            (Get, "/api/v1/staff"),
            "admin",
            "Staff accounts",
            "admin",
            Session,
            None,
            ("200", Some("Object")),
        ),
        op(
            (Post, "/api/v1/staff"),
            "admin",
            "Create a staff account",
            "admin",
            Session,
            Some("NewStaff"),
            ("201", Some("Object")),
        ),
        op(
            (Post, "/api/v1/api-keys"),
            "admin",
            "Create an API key (the secret is in this answer only)",
            "admin",
            Session,
            Some("NewKey"),
            ("201", Some("Object")),
        ),
        op(
            (Delete, "/api/v1/api-keys/{id}"),
            "admin",
            "Revoke an API key",
            "admin",
            Session,
            None,
            ("204", None),
        ),
    ];
    ops.sort_by_key(|o| o.path);
    ops
}

fn schema_ref(name: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    match name {
        "Object" => utoipa::openapi::schema::Object::new().into(),
        other => Ref::from_schema_name(other).into(),
    }
}

fn problem_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

/// The whole document.
pub fn document() -> OpenApi {
    let mut by_path: BTreeMap<&str, Vec<Op>> = BTreeMap::new();
    for o in operations() {
        by_path.entry(o.path).or_default().push(o);
    }
    let mut paths = PathsBuilder::new();
    for (path, ops) in by_path {
        let mut item: Option<PathItem> = None;
        for o in ops {
            let mut b = OperationBuilder::new()
                .tag(o.tag)
                .summary(Some(o.summary))
                .description(Some(format!("Who: {}.", o.roles)));
            for name in ["number", "id"] {
                if o.path.contains(&format!("{{{name}}}")) {
                    b = b.parameter(
                        ParameterBuilder::new()
                            .name(name)
                            .parameter_in(ParameterIn::Path)
                            .required(Required::True)
                            .schema(Some(utoipa::openapi::schema::Object::with_type(
                                utoipa::openapi::schema::Type::String,
                            ))),
                    );
                }
            }
            if o.idempotent {
                b = b.parameter(
                    ParameterBuilder::new()
                        .name("Idempotency-Key")
                        .parameter_in(ParameterIn::Header)
                        .required(Required::True)
                        .description(Some(
                            "A replay with the same key answers the first answer; the same key with another body is refused",
                        ))
                        .schema(Some(utoipa::openapi::schema::Object::with_type(
                            utoipa::openapi::schema::Type::String,
                        ))),
                );
            }
            if let Some(body) = o.body {
                let content = if body == "multipart" {
                    ("multipart/form-data", ContentBuilder::new().build())
                } else {
                    (
                        "application/json",
                        ContentBuilder::new().schema(Some(schema_ref(body))).build(),
                    )
                };
                b = b.request_body(Some(
                    RequestBodyBuilder::new()
                        .content(content.0, content.1)
                        .required(Some(Required::True))
                        .build(),
                ));
            }
            let mut ok = ResponseBuilder::new().description("Done");
            if let Some(schema) = o.ok.1 {
                ok = ok.content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(schema_ref(schema)))
                        .build(),
                );
            }
            b = b.response(o.ok.0, ok.build());
            b = b
                .response("400", problem_response("Unreadable body or missing header"))
                .response(
                    "422",
                    problem_response("A field is invalid; `field` names it"),
                );
            if o.auth != Anyone {
                b = b
                    .response("401", problem_response("No valid session or API key"))
                    .response("403", problem_response("Not a step of your role"))
                    .response("404", problem_response("Absent, or not yours"));
            }
            if o.method == Post && o.auth != Anyone {
                b = b.response(
                    "409",
                    problem_response("Not possible in the case's current step, or a stale version"),
                );
            }
            if o.method == Post && o.body.is_some() {
                b = b
                    .response(
                        "413",
                        problem_response("The body, or an uploaded file, is over its limit"),
                    )
                    .response(
                        "415",
                        problem_response(
                            "The body is not `application/json` (multipart for uploads)",
                        ),
                    );
            }
            // Answers particular to one operation.
            match (o.method == Post, o.path) {
                (true, "/api/v1/session") => {
                    b = b
                        .response(
                            "401",
                            problem_response("The e-mail or the password is not right"),
                        )
                        .response("429", problem_response("Too many failed attempts lately"));
                }
                (true, "/api/v1/sign-in-links") => {
                    b = b.response("429", problem_response("Too many link requests lately"));
                }
                (true, "/api/v1/orders") => {
                    b = b.response(
                        "200",
                        ResponseBuilder::new()
                            .description("Already stored with the same details: unchanged")
                            .content(
                                "application/json",
                                ContentBuilder::new()
                                    .schema(Some(schema_ref("Object")))
                                    .build(),
                            )
                            .build(),
                    );
                }
                _ => {}
            }
            b = match o.auth {
                Anyone => b,
                Session => b.security(SecurityRequirement::new("session", Vec::<String>::new())),
                Key => b.security(SecurityRequirement::new("apiKey", ["orders:write"])),
                SessionOrKey => b
                    .security(SecurityRequirement::new("session", Vec::<String>::new()))
                    .security(SecurityRequirement::new("apiKey", ["orders:write"])),
            };
            let operation = b.build();
            item = Some(match item {
                None => PathItem::new(o.method, operation),
                Some(mut existing) => {
                    existing.merge_operations(PathItem::new(o.method, operation));
                    existing
                }
            });
        }
        if let Some(item) = item {
            paths = paths.path(path, item);
        }
    }
    let components = ComponentsBuilder::new()
        .schema_from::<Problem>()
        .schema_from::<CaseDoc>()
        .schema_from::<SubmittedDoc>()
        .schema_from::<PageDoc>()
        .schema_from::<EvidenceDoc>()
        .schema_from::<LineDoc>()
        .schema_from::<ReceivedLineDoc>()
        .schema_from::<ReceptionOutcomeDoc>()
        .schema_from::<ReturnedReasonDoc>()
        .schema_from::<ReturnReasonDoc>()
        .schema_from::<MoneyDoc>()
        .schema_from::<LineUnitsDoc>()
        .schema_from::<PaidDoc>()
        .schema_from::<CaseMoneyDoc>()
        .schema_from::<LedgerDoc>()
        .schema_from::<ConditionDoc>()
        .schema_from::<ReturnRequestDoc>()
        .schema_from::<BuybackRequestDoc>()
        .schema_from::<AppealRequestDoc>()
        .schema_from::<OrderLineDoc>()
        .schema_from::<OrderAddressDoc>()
        .schema_from::<NewOrderDoc>()
        .schema_from::<ShipmentDoc>()
        .schema_from::<ShortageAnswerDoc>()
        .schema_from::<FulfilmentStepDoc>()
        .schema_from::<StaffSignIn>()
        .schema_from::<LinkRequest>()
        .schema_from::<api::Nothing>()
        .schema_from::<api::Reasons>()
        .schema_from::<api::Tracking>()
        .schema_from::<api::Inspected>()
        .schema_from::<api::Receive>()
        .schema_from::<api::GradeIn>()
        .schema_from::<api::Failed>()
        .schema_from::<api::Address>()
        .schema_from::<api::Grant>()
        .schema_from::<api::Send>()
        .schema_from::<api::Settle>()
        .schema_from::<api::Parcel>()
        .schema_from::<api::QuoteIn>()
        .schema_from::<api::Revise>()
        .schema_from::<api::Opinion>()
        .schema_from::<api::Change>()
        .schema_from::<api::Mediation>()
        .schema_from::<api::Message>()
        .schema_from::<api::Media>()
        .schema_from::<api::Comment>()
        .schema_from::<api::Sign>()
        .schema_from::<api::Returned>()
        .schema_from::<api::Settlement>()
        .schema_from::<api::ReshipIn>()
        .schema_from::<api::CancelIn>()
        .schema_from::<api::NewStaff>()
        .schema_from::<api::NewKey>()
        .security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "aftercare",
                "The session cookie set at sign-in (`__Host-aftercare` over TLS). Writes from another site are refused.",
            ))),
        )
        .security_scheme(
            "apiKey",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API key (`ac_...`) created by an admin, for the shop's store"))
                    .build(),
            ),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Aftercare")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Orders, returns, refunds, buyback and appeals of a cross-border shop, run by its published policy. Errors are RFC 9457 problem JSON with a stable `code` and the offending `field`. Actions take an optional `version` (the case's, to refuse stale writes) and `note` (kept in the history).",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components))
        .tags(Some(
            ["health", "policy", "sign-in", "orders", "fulfilment", "returns", "refunds", "buyback", "appeals", "cases", "evidence", "admin"]
                .map(|t| TagBuilder::new().name(t).build()),
        ))
        .build()
}

/// `GET /api/openapi.json`.
pub(crate) async fn serve() -> axum::Json<OpenApi> {
    axum::Json(document())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example<T: ToSchema>() -> serde_json::Value {
        let schema = serde_json::to_value(T::schema()).unwrap();
        schema["example"].clone()
    }

    #[test]
    fn the_mirror_examples_are_accepted_by_the_real_types() {
        serde_json::from_value::<aftercare_app::ReturnRequest>(example::<ReturnRequestDoc>())
            .unwrap();
        serde_json::from_value::<aftercare_app::BuybackRequest>(example::<BuybackRequestDoc>())
            .unwrap();
        serde_json::from_value::<aftercare_app::AppealRequest>(example::<AppealRequestDoc>())
            .unwrap();
        serde_json::from_value::<aftercare_app::NewOrder>(example::<NewOrderDoc>()).unwrap();
        serde_json::from_value::<aftercare_core::cases::order::Shipment>(example::<ShipmentDoc>())
            .unwrap();
        serde_json::from_value::<aftercare_core::cases::order::ShortageAnswer>(example::<
            ShortageAnswerDoc,
        >())
        .unwrap();
        serde_json::from_value::<aftercare_core::Money>(example::<MoneyDoc>()).unwrap();
        serde_json::from_value::<aftercare_core::cases::rma::ReceivedLine>(example::<
            ReceivedLineDoc,
        >())
        .unwrap();
    }

    #[test]
    fn every_schema_an_operation_names_is_in_the_components() {
        let doc = serde_json::to_value(document()).unwrap();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in text.split("#/components/schemas/").skip(1) {
            let name: String = name.chars().take_while(|c| c.is_alphanumeric()).collect();
            assert!(
                schemas.contains_key(&name),
                "{name} is referenced but not defined"
            );
        }
        assert_eq!(
            doc["openapi"].as_str().map(|v| v.starts_with("3.1")),
            Some(true)
        );
    }
}
