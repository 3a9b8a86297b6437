//! The rules of one policy version, section by section, each tied to the clause it comes from.

use super::*;

/// Why a customer asks for a return, as the documents list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    QualityIssue,
    NotAsDescribed,
    WrongItem,
    TransportDamage,
    Other,
}

impl ReturnReason {
    /// Every reason, in the documents' order.
    pub const ALL: [ReturnReason; 5] = [
        ReturnReason::QualityIssue,
        ReturnReason::NotAsDescribed,
        ReturnReason::WrongItem,
        ReturnReason::TransportDamage,
        ReturnReason::Other,
    ];

    /// Words for a customer: "a return for {label}".
    pub fn label(self) -> &'static str {
        match self {
            ReturnReason::QualityIssue => "a quality issue",
            ReturnReason::NotAsDescribed => "a product seriously inconsistent with its description",
            ReturnReason::WrongItem => "a wrong item",
            ReturnReason::TransportDamage => "severe damage in transport",
            ReturnReason::Other => "other reasons",
        }
    }

    /// The id of the reason's words in the customers' languages (`aftercare_core::i18n`).
    pub fn message_id(self) -> &'static str {
        match self {
            ReturnReason::QualityIssue => "reason-quality-issue",
            ReturnReason::NotAsDescribed => "reason-not-as-described",
            ReturnReason::WrongItem => "reason-wrong-item",
            ReturnReason::TransportDamage => "reason-transport-damage",
            ReturnReason::Other => "reason-other",
        }
    }
}

/// The condition a buyback applicant reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    LikeNew,
    Good,
    Fair,
    Worn,
    Damaged,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 5] = [
        Grade::LikeNew,
        Grade::Good,
        Grade::Fair,
        Grade::Worn,
        Grade::Damaged,
    ];

    /// Words for a customer.
    pub fn label(self) -> &'static str {
        match self {
            Grade::LikeNew => "like new",
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Worn => "worn",
            Grade::Damaged => "damaged",
        }
    }

    /// The id of the grade's words in the customers' languages (`aftercare_core::i18n`).
    pub fn message_id(self) -> &'static str {
        match self {
            Grade::LikeNew => "grade-like-new",
            Grade::Good => "grade-good",
            Grade::Fair => "grade-fair",
            Grade::Worn => "grade-worn",
            Grade::Damaged => "grade-damaged",
        }
    }
}

/// A reference from a rule to a clause of the documents, e.g. `III.1.quality`.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct ClauseRef(Spanned<String>);

impl ClauseRef {
    /// The clause id.
    pub fn as_str(&self) -> &str {
        self.0.get_ref()
    }
    pub(super) fn span(&self) -> Range<usize> {
        self.0.span()
    }
}

impl fmt::Display for ClauseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A clause of the shop's documents, in words a customer can read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub id: String,
    pub title: String,
    /// Which document and section it comes from.
    pub source: String,
    pub text: String,
}

/// A service time in working days of the policy's calendar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceTime {
    pub working_days: u32,
    /// Where the documents give a usual range rather than a limit ("usually 5-15 working days",
    /// III.3), its lower end; `working_days` is the upper.
    #[serde(default)]
    pub usually_from: Option<u32>,
    pub clause: ClauseRef,
}

impl ServiceTime {
    /// How long, in the documents' own figures: "5–15 working days" for a usual range, "up to 15
    /// working days" for a limit.
    pub fn in_words(&self) -> String {
        match self.usually_from {
            Some(from) => format!("{from}–{} working days", self.working_days),
            None => format!("up to {} working days", self.working_days),
        }
    }
}

/// Every deadline the documents set, in working days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    pub order_processing: ServiceTime,
    pub return_review: ServiceTime,
    pub return_inspection: ServiceTime,
    /// From a passed inspection to the refund granted: the return waits in the agents' queue.
    pub refund_grant: ServiceTime,
    pub refund_arrival: ServiceTime,
    pub buyback_quote: ServiceTime,
    pub buyback_payment: ServiceTime,
    pub appeal_filing: ServiceTime,
    pub appeal_recheck: ServiceTime,
    pub returned_parcel_contact: ServiceTime,
    /// From a customer's first unanswered message to the shop's reply in the conversation.
    pub first_reply: ServiceTime,
}

impl Deadlines {
    pub(super) fn all(&self) -> [(&'static str, &ServiceTime); 11] {
        [
            ("order_processing", &self.order_processing),
            ("return_review", &self.return_review),
            ("return_inspection", &self.return_inspection),
            ("refund_grant", &self.refund_grant),
            ("refund_arrival", &self.refund_arrival),
            ("buyback_quote", &self.buyback_quote),
            ("buyback_payment", &self.buyback_payment),
            ("appeal_filing", &self.appeal_filing),
            ("appeal_recheck", &self.appeal_recheck),
            ("returned_parcel_contact", &self.returned_parcel_contact),
            ("first_reply", &self.first_reply),
        ]
    }
}

/// Order processing rules (section I).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRules {
    /// A shortage of accessories needs the customer's consent before the order goes on.
    pub shortage_consent_required: bool,
    pub shortage_clause: ClauseRef,
    /// The customer approves photos or videos of the assembled product before packing.
    pub assembly_approval_required: bool,
    pub assembly_clause: ClauseRef,
    pub packing_clause: ClauseRef,
    pub carriers: Vec<String>,
    pub shipping_clause: ClauseRef,
    pub tracking_clause: ClauseRef,
    pub ships_from: String,
}

/// What a delivery address must contain (I.3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressRules {
    pub required: Vec<AddressField>,
    pub po_box_allowed: bool,
    pub clause: ClauseRef,
}

/// A part of a delivery address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressField {
    FullName,
    Street,
    PostalCode,
    City,
    Country,
    Phone,
    Email,
}

/// Delivery and signing (I.6).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigningRules {
    /// Damage must be recorded with the carrier at signing or reported within this many hours.
    pub damage_report_hours: u32,
    pub clause: ClauseRef,
}

/// How long after signing a return may be requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "WindowFile")]
pub enum Window {
    /// Through the end of the N-th calendar day after the signing date, local time.
    Days(u32),
    /// An exact duration from the moment of signing, inclusive.
    Hours(u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowFile {
    days: Option<u32>,
    hours: Option<u32>,
}

impl TryFrom<WindowFile> for Window {
    type Error = String;
    fn try_from(w: WindowFile) -> Result<Self, String> {
        match (w.days, w.hours) {
            (Some(d), None) if (1..=365).contains(&d) => Ok(Window::Days(d)),
            (None, Some(h)) if (1..=8760).contains(&h) => Ok(Window::Hours(h)),
            (Some(_), None) => Err("a window of days must be 1 to 365 days".into()),
            (None, Some(_)) => Err("a window of hours must be 1 to 8760 hours".into()),
            _ => Err("a window is either `{ days = N }` or `{ hours = N }`".into()),
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Days(d) => write!(f, "{d} days"),
            Window::Hours(h) => write!(f, "{h} hours"),
        }
    }
}

/// The rule for one return reason: its window and who bears which cost.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonRule {
    pub clause: ClauseRef,
    pub window: Window,
    /// Damage recorded with the carrier at signing may be claimed within this longer window
    /// (I.6: "contact our customer service in time"), counted from signing like the others.
    #[serde(default)]
    pub noted_at_signing_window: Option<Window>,
    /// Share of the returned products' price refunded.
    pub product: Percent,
    /// Share of the returned products' price kept as a handling fee.
    pub handling_fee: Percent,
    /// Share of the returned units' part of the original international shipping refunded.
    pub original_shipping: Percent,
    /// Share of the returned units' part of duties included in the order total refunded.
    pub duties: Percent,
    /// Share of what the customer paid to send the goods back that is compensated.
    pub return_costs: Percent,
    /// Past the window, hidden defects found after use can still be negotiated with staff.
    #[serde(default)]
    pub hidden_defects_negotiable: bool,
}

/// Return rules for each reason.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonRules {
    pub quality_issue: ReasonRule,
    pub not_as_described: ReasonRule,
    pub wrong_item: ReasonRule,
    pub transport_damage: ReasonRule,
    pub other: ReasonRule,
}

impl ReasonRules {
    /// The rule for a reason.
    pub fn get(&self, reason: ReturnReason) -> &ReasonRule {
        match reason {
            ReturnReason::QualityIssue => &self.quality_issue,
            ReturnReason::NotAsDescribed => &self.not_as_described,
            ReturnReason::WrongItem => &self.wrong_item,
            ReturnReason::TransportDamage => &self.transport_damage,
            ReturnReason::Other => &self.other,
        }
    }
}

/// Returns (III.1 to III.3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnRules {
    /// A window in days is also met by the customer's own local dates, not only the shop's.
    pub windows_in_customer_dates: bool,
    pub evidence_required: bool,
    pub evidence_clause: ClauseRef,
    /// A parcel must carry an RMA number; one without is handled as a buyback.
    pub rma_required: bool,
    pub rma_clause: ClauseRef,
    pub review_clause: ClauseRef,
    /// Goods must come back intact, unused, complete and in original packaging.
    pub condition_clause: ClauseRef,
    pub past_window_clause: ClauseRef,
    /// Refunds go back through the original payment channel.
    pub refund_clause: ClauseRef,
    /// The customer pays the return shipping; the shop compensates it "after receiving the
    /// goods" (III.2): the customer's figure is a claim, the shop confirms the amount.
    pub return_costs_clause: ClauseRef,
    /// The most return costs the shop confirms, as a share of the returned units' price.
    pub return_costs_cap_percent: Percent,
    /// How the order's shipping and duties are shared among units when every product of the
    /// order was free: their price shares nothing.
    pub zero_value_order_fees: ZeroValueFees,
    pub reason: ReasonRules,
}

/// The share of an order's shipping and duties that returned units carry when the order's products
/// cost nothing (a free replacement, a gift with paid shipping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroValueFees {
    /// In proportion to the number of units.
    ByUnits,
    /// None: only the return costs are compensated.
    Nothing,
}

/// What happens after a returned parcel is inspected (III.3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionRules {
    pub passed_clause: ClauseRef,
    pub failed_clause: ClauseRef,
    /// A failed inspection gives no refund and no partial compensation.
    pub failed_refund: bool,
    pub failed_options: Vec<FailedInspectionOption>,
    /// What happens to units found damaged in a parcel whose other units pass (III.2).
    pub damaged_units: DamagedUnits,
    pub damaged_clause: ClauseRef,
    /// Confirmed return costs are compensated for the units that pass, in proportion to their
    /// price; otherwise in full whenever any unit passes.
    pub return_costs_in_proportion: bool,
}

/// Units found damaged at inspection among units that pass (III.2: "treat it as a Repurchase or
/// provide only a partial refund").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DamagedUnits {
    /// A buyback case takes the damaged units over, graded and quoted like any other.
    Buyback,
    /// This share of the damaged units' price is refunded, and no other cost.
    PartialRefund(Percent),
}

/// The customer's choices after a failed inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailedInspectionOption {
    /// Sent back to the customer, who pays the second shipping.
    SendBackAtCustomerCost,
    /// Abandoned to the buyback program.
    Buyback,
}

/// Exchanges (III.4).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRules {
    pub clause: ClauseRef,
    pub negotiable_clause: ClauseRef,
    /// An exchange is negotiable when a unit's share of shipping is at most this share of its price.
    pub negotiable_max_shipping_share: Percent,
    /// The lowest unit price, per currency, for which a direct exchange can be negotiated.
    pub negotiable_min_unit_price: BTreeMap<String, String>,
    /// The return reason assumed when an exchange request gives none (size, colour...).
    pub default_reason: ReturnReason,
}

impl ExchangeRules {
    /// The lowest unit price a negotiated exchange needs in `currency`, when the policy sets one.
    pub fn min_unit_price(&self, currency: Currency) -> Option<Money> {
        let text = self.negotiable_min_unit_price.get(currency.code())?;
        Money::parse(text, currency).ok()
    }
}

/// Parcels returned to the shop for the buyer's reasons (III.5).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UndeliverableRules {
    pub clause: ClauseRef,
    pub address_clause: ClauseRef,
    pub deduct_original_shipping: bool,
    pub deduct_return_processing: bool,
    /// Reshipping needs a second international shipping fee.
    pub reship_needs_second_shipping_fee: bool,
}

/// Customs (II and III.5).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomsRules {
    pub duties_clause: ClauseRef,
    pub invoice_clause: ClauseRef,
    pub refusal_clause: ClauseRef,
    pub destroyed_clause: ClauseRef,
    pub destroyed_refund: bool,
    /// Goods that customs sends back are handled by the buyback program.
    pub returned_goods_to_buyback: bool,
}

/// The percentage a condition grade starts from, or a manual review by staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeRule {
    Percent(Percent),
    ManualReview,
}

impl<'de> Deserialize<'de> for GradeRule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Whole(u8),
        }
        match Raw::deserialize(d)? {
            Raw::Text(t) if t == "manual_review" => Ok(GradeRule::ManualReview),
            Raw::Text(t) => Percent::parse(&t)
                .map(GradeRule::Percent)
                .map_err(serde::de::Error::custom),
            Raw::Whole(w) => Percent::whole(w).map(GradeRule::Percent).ok_or_else(|| {
                serde::de::Error::custom(format!("{w} is not a percentage between 0 and 100"))
            }),
        }
    }
}

/// Starting percentage for each condition grade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRules {
    pub like_new: GradeRule,
    pub good: GradeRule,
    pub fair: GradeRule,
    pub worn: GradeRule,
    pub damaged: GradeRule,
}

impl GradeRules {
    /// The rule for a grade.
    pub fn get(&self, grade: Grade) -> GradeRule {
        match grade {
            Grade::LikeNew => self.like_new,
            Grade::Good => self.good,
            Grade::Fair => self.fair,
            Grade::Worn => self.worn,
            Grade::Damaged => self.damaged,
        }
    }
}

/// The buyback program.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuybackRules {
    pub eligibility_clause: ClauseRef,
    pub quote_clause: ClauseRef,
    pub confirmation_clause: ClauseRef,
    pub return_first_clause: ClauseRef,
    pub serious_damage_clause: ClauseRef,
    pub min_percent: Percent,
    pub max_percent: Percent,
    pub missing_accessory_points: Percent,
    pub no_original_packaging_points: Percent,
    /// Calendar days a quote stays open for the customer to accept.
    pub quote_valid_days: u32,
    /// Grades in which a product with a defect still meets the return conditions (III.2), so
    /// that a return is recommended before a buyback.
    pub return_first_grades: Vec<Grade>,
    pub grade: GradeRules,
}

/// Appeals (IV).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealRules {
    pub filing_clause: ClauseRef,
    pub recheck_clause: ClauseRef,
    pub mediation_clause: ClauseRef,
}
