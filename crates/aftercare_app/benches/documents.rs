//! Documents per second: a commercial invoice of 3 and of 40 lines with a Chinese buyer, and an
//! RMA slip, each drawn and its font subset into a PDF. Run with
//! `cargo bench -p aftercare_app --bench documents`.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark stops loudly when a document cannot be made"
)]

use std::hint::black_box;

use aftercare_app::RmaSlip;
use aftercare_app::documents::{
    CommercialInvoice, InvoiceLine, commercial_invoice_pdf, rma_slip_pdf,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn invoice(lines: usize) -> CommercialInvoice {
    CommercialInvoice {
        number: "CI-LM-1-1".into(),
        date: jiff::civil::date(2026, 3, 2),
        order_number: "LM-1".into(),
        seller: vec![
            "LocksMall".into(),
            "Warehouse 3, 88 Haigang Road, Beilun District, Ningbo, Zhejiang 315800, China".into(),
        ],
        buyer: vec![
            "王小明".into(),
            "1-2-3 Shibuya, 150-0002 Tokyo".into(),
            "JP".into(),
        ],
        carrier: "DHL".into(),
        tracking_number: "JD014600".into(),
        currency: "USD".into(),
        lines: (0..lines)
            .map(|i| InvoiceLine {
                description: format!("Smart door lock, assembled, with keypad {i}"),
                sku: format!("LK-{i}"),
                hs_code: Some("8301.40".into()),
                origin: Some("CN".into()),
                quantity: 2,
                unit_price: "120.00".into(),
                amount: "240.00".into(),
            })
            .collect(),
        goods_total: "240.00".into(),
        shipping: "30.00".into(),
        duties: Some("15.00".into()),
        total_paid: "285.00".into(),
        ships_from: "CN".into(),
        clause: "II.invoice".into(),
    }
}

fn documents(c: &mut Criterion) {
    let (short, long) = (invoice(3), invoice(40));
    c.bench_function("documents/commercial_invoice_3_lines", |b| {
        b.iter(|| commercial_invoice_pdf(black_box(&short)).unwrap())
    });
    c.bench_function("documents/commercial_invoice_40_lines", |b| {
        b.iter(|| commercial_invoice_pdf(black_box(&long)).unwrap())
    });
    let slip = RmaSlip {
        rma: "RMA-20260320-0001".into(),
        order_number: "LM-1".into(),
        items: vec![("LK-100".into(), "Smart lock".into(), 1)],
        sender: vec![
            "Ana Lima".into(),
            "Rua das Flores 12".into(),
            "1200-195 Lisboa".into(),
        ],
        return_address: "LocksMall Returns, Warehouse 3, 88 Haigang Road, Ningbo".into(),
        // As long as the instructions an approval gives.
        instructions: Some(
            "Write RMA-20260320-0001 clearly on the outer box. Send the product intact and complete, \
             with its original packaging, labels, accessories and instructions. Use a tracked and \
             insured service and keep the shipping receipt: a parcel lost on the way back cannot \
             be refunded. You pay the international shipping and any export declaration fee; \
             after the goods arrive we confirm them from your receipt and compensate them \
             according to the return reason. Enter the tracking number on your return page once \
             the parcel is sent."
                .into(),
        ),
    };
    c.bench_function("documents/rma_slip", |b| {
        b.iter(|| rma_slip_pdf(black_box(&slip), "LocksMall", "CN").unwrap())
    });
}

criterion_group!(benches, documents);
criterion_main!(benches);
