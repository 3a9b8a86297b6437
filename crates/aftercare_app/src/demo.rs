//! Demo data for `aftercare serve --demo`: a handful of orders at different steps, dated from
//! today, and one staff account per role, so a newcomer sees the product at once.

use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment};
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::cases::{Actor, Role};
use aftercare_core::policy::ReturnReason;
use aftercare_store::Store;
use jiff::{SignedDuration, Timestamp};

use crate::{App, AppError, NewOrder, NewOrderLine, OrderAddress, ReturnRequest};

/// The password of every demo staff account.
pub const DEMO_PASSWORD: &str = "aftercare-demo";

/// The customer the demo orders belong to.
pub const DEMO_CUSTOMER: &str = "ana@example.com";

/// What the demo holds, for the start-up message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    /// Order numbers and the step each is at.
    pub orders: Vec<(String, &'static str)>,
    /// Staff e-mails and their role.
    pub staff: Vec<(String, &'static str)>,
    /// False when the demo data was already there.
    pub seeded_now: bool,
}

fn order(number: &str, placed_at: Timestamp, signed_at: Option<Timestamp>) -> NewOrder {
    NewOrder {
        number: number.into(),
        placed_at,
        customer_email: DEMO_CUSTOMER.into(),
        customer_name: "Ana Lima".into(),
        currency: "USD".into(),
        lines: vec![
            NewOrderLine {
                sku: "LK-100".into(),
                name: "Smart door lock, assembled".into(),
                unit_price: "120.00".into(),
                quantity: 2,
                hs_code: Some("8301.40".into()),
                origin: Some("CN".into()),
            },
            NewOrderLine {
                sku: "LK-200".into(),
                name: "Wireless keypad".into(),
                unit_price: "60.00".into(),
                quantity: 1,
                hs_code: Some("8301.60".into()),
                origin: Some("CN".into()),
            },
        ],
        shipping_paid: "30.00".into(),
        duties_paid: Some("15.00".into()),
        payment_method: "card".into(),
        address: OrderAddress {
            full_name: "Ana Lima".into(),
            street: "Rua das Flores 12".into(),
            postal_code: "1200-195".into(),
            city: "Lisboa".into(),
            country: "PT".into(),
            phone: "+351 912 345 678".into(),
            email: DEMO_CUSTOMER.into(),
        },
        signed_at,
        damage_noted_at_signing: false,
        time_zone: Some("Europe/Lisbon".into()),
        payment_id: None,
    }
}

impl<S: Store> App<S> {
    /// Seeds the demo once; later starts find it and change nothing.
    pub async fn seed_demo(&self) -> Result<Demo, AppError> {
        let staff = [
            ("agent@demo.example", "Wei (agent)", Role::Agent, "agent"),
            (
                "warehouse@demo.example",
                "Jun (warehouse)",
                Role::Warehouse,
                "warehouse",
            ),
            (
                "finance@demo.example",
                "Mei (finance)",
                Role::Finance,
                "finance",
            ),
            ("admin@demo.example", "Lin (admin)", Role::Admin, "admin"),
        ];
        let orders: Vec<(String, &'static str)> = [
            ("DEMO-1001", "delivered last week: a return is possible"),
            ("DEMO-1002", "delivered two months ago: buyback only"),
            ("DEMO-1003", "in transit"),
            ("DEMO-1004", "returned to sender"),
            (
                "DEMO-1005",
                "waiting for the customer to approve assembly photos",
            ),
            (
                "DEMO-1006",
                "delivered, with a return request waiting for an agent",
            ),
        ]
        .into_iter()
        .map(|(n, s)| (n.to_owned(), s))
        .collect();
        let listing = Demo {
            orders,
            staff: staff.iter().map(|s| (s.0.to_owned(), s.3)).collect(),
            seeded_now: false,
        };
        if self.store.order_by_number("DEMO-1001").await?.is_some() {
            return Ok(listing);
        }
        let system = Actor {
            id: "demo".into(),
            roles: vec![Role::System],
        };
        for (email, name, role, _) in staff {
            match self
                .create_staff(&system, email, name, DEMO_PASSWORD, &[role])
                .await
            {
                Ok(_) | Err(AppError::Invalid { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let now = self.now();
        let days = |n: i64| now - SignedDuration::from_hours(24 * n);
        let warehouse = Actor {
            id: "demo-warehouse".into(),
            roles: vec![Role::Warehouse],
        };
        let customer = Actor {
            id: DEMO_CUSTOMER.into(),
            roles: vec![Role::Customer],
        };
        self.import_order(&system, &order("DEMO-1001", days(20), Some(days(7))))
            .await?;
        self.import_order(&system, &order("DEMO-1002", days(75), Some(days(60))))
            .await?;
        self.import_order(&system, &order("DEMO-1006", days(25), Some(days(10))))
            .await?;
        for (number, stop_after) in [("DEMO-1003", 6), ("DEMO-1004", 6), ("DEMO-1005", 3)] {
            self.import_order(&system, &order(number, days(6), None))
                .await?;
            let ship = OrderCommand::Ship(Shipment {
                carrier: "DHL".into(),
                tracking_number: format!("JD{}", &number[5..]),
                tracking_url: format!("https://www.dhl.com/track?id=JD{}", &number[5..]),
            });
            let steps = [
                (&system, OrderCommand::VerifyPayment),
                (&warehouse, OrderCommand::StartAssembly),
                (
                    &warehouse,
                    OrderCommand::SubmitAssemblyMedia {
                        media: vec!["assembled-front.jpg".into(), "assembled-test.mp4".into()],
                    },
                ),
                (&customer, OrderCommand::ApprovePhotos),
                (&warehouse, OrderCommand::Pack),
                (&warehouse, ship),
            ];
            for (who, command) in steps.into_iter().take(stop_after) {
                self.act_on_order(who, number, None, command, None).await?;
            }
        }
        self.act_on_order(
            &warehouse,
            "DEMO-1004",
            None,
            OrderCommand::ReturnedToSender {
                reason: ReturnedReason::Unreachable,
            },
            Some("carrier could not reach the customer".into()),
        )
        .await?;
        // The customer's photo of the latch: its record only (the demo ships no image file), so
        // the request names evidence the customer owns, as every customer request must.
        self.record_evidence(
            &customer,
            aftercare_store::EvidenceRecord {
                id: "demo-latch-photo".into(),
                owner: DEMO_CUSTOMER.into(),
                media_type: "image/jpeg".into(),
                size_bytes: 0,
                sha256: String::new(),
                width: None,
                height: None,
                created_at: now,
            },
        )
        .await?;
        self.submit_return(
            &customer,
            &ReturnRequest {
                order_number: "DEMO-1006".into(),
                reason: ReturnReason::QualityIssue,
                lines: vec![ReturnLine {
                    sku: "LK-100".into(),
                    quantity: 1,
                }],
                description: "The latch sticks when the door is closed.".into(),
                evidence: vec!["demo-latch-photo".into()],
                return_costs: None,
            },
        )
        .await?;
        Ok(Demo {
            seeded_now: true,
            ..listing
        })
    }
}
