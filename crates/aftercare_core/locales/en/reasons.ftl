# The policy's reasons, as the evaluator gives them to a customer (aftercare_core::evaluate).
# Amounts, percentages and dates arrive formatted for the language.

## What a return is for, and a buyback's grades

reason-quality-issue = a quality issue
reason-not-as-described = a product seriously inconsistent with its description
reason-wrong-item = a wrong item
reason-transport-damage = severe damage in transport
reason-other = other reasons

grade-like-new = like new
grade-good = good
grade-fair = fair
grade-worn = worn
grade-damaged = damaged

## The return window

window-days = { $context ->
    [exchange] An exchange goes through the return window: a return for { $reason } can be requested
    [buyback] You report { $reason }, and a return for it can still be requested
   *[return] A return for { $reason } can be requested
  } within { $days } days of signing; you signed on { $signed }, so the window is open until the end of { $last }.
window-hours = { $context ->
    [exchange] An exchange goes through the return window: a return for { $reason } can be requested
    [buyback] You report { $reason }, and a return for it can still be requested
   *[return] A return for { $reason } can be requested
  } within { $hours } hours of signing; you signed on { $signed }, so the window is open until { $end } ({ $zone } time).
window-own-dates = By your own local dates (signed on { $signed }, asked on { $asked }) it runs until the end of { $last }.
window-own-dates-in-time = By your own local dates (signed on { $signed }, asked on { $asked }) it runs until the end of { $last }, so your request is in time.
window-noted-at-signing = The window is this long because the damage was recorded with the carrier at signing ({ $unit ->
    [hours] { $length } hours
   *[days] { $length } days
  } for damage found later).
past-window-buyback = The return period for { $reason } has passed, so the request is handled by the buyback program: you can sell the product back for part of its price, based on its condition.
hidden-defects-negotiable = If you found a hidden quality problem only after use, contact customer service: such special cases can be negotiated.

## A return and its refund

return-needs-evidence = Every return request needs clear photos or videos of the problem; add them before the window closes ({ $last }).
refund-product = Product: { $percent } of the price paid for the returned units ({ $returned }) = { $product }.
refund-handling-fee = Handling fee: { $percent } of the product amount ({ $fee }) is kept.
refund-not-refunded = { $what ->
    [shipping] The original international shipping
   *[duties] The duties and taxes included in the order
  }: not refunded for this reason.
refund-share = { $what ->
    [shipping] The original international shipping
   *[duties] The duties and taxes included in the order
  }: the returned units' share is { $part } of { $fee }; { $percent } of it is refunded = { $refunded }.
return-costs-not-compensated = Your return shipping and export declaration costs: not compensated for this reason.
return-costs-capped = Return costs are compensated up to { $cap_percent } of the returned units' price ({ $cap }); { $confirmed } was confirmed, so { $cap } counts.
return-costs-confirmed = Your return shipping and export declaration costs, as confirmed from your receipt ({ $confirmed }): { $percent } compensated = { $refunded }.
return-costs-later = Your return shipping and export declaration costs are compensated after we receive the goods, per your receipt: { $percent } of the amount we confirm, up to { $cap } ({ $cap_percent } of the returned units' price).
return-costs-claimed = You told us they cost { $claimed }; keep the receipt.
return-estimated-refund = Estimated refund: { $total }, paid back to the account you paid with once the returned goods pass inspection.
return-wait-for-rma = Do not send the product back yet: customer service reviews the request by { $review_by } and e-mails an RMA number, the return address and instructions. Parcels without an RMA number are handled as buybacks.
return-condition = The goods must come back intact, unused and complete with their original packaging and accessories; otherwise they may be handled as a buyback or refunded only in part.

## An exchange

exchange-negotiable = The product's unit price is high and its share of the shipping small (at most { $share } of its price), so customer service can negotiate a direct exchange with you.
exchange-contact-by = Customer service contacts you by { $review_by }.
exchange-not-in-currency = Direct exchanges are not negotiated for orders in { $currency }.
exchange-free-shipping = The order's shipping was free, so an exchange's logistics would be the shop's cost: it is not negotiated.
exchange-not-on-order = { $sku } is not on the order.
exchange-below-threshold = A direct exchange is negotiated only for units of at least { $threshold }; { $sku } costs { $price }.
exchange-shipping-too-large = Shipping is too large a part of { $sku }'s price for a direct exchange: its share of the original shipping is more than { $share } of its price.
exchange-via-return = Cross-border shipping is costly and slow, so we do not exchange directly: return the product for a refund, then order the one you need.
exchange-needs-evidence = The return needs clear photos or videos of the product; add them before the window closes ({ $last }).

## A buyback

return-fails-grade = It is in { $grade } condition.
return-fails-accessories = { $missing ->
    [one] 1 accessory is missing.
   *[other] { $missing } accessories are missing.
  }
return-fails-packaging = The original packaging is gone.
buyback-better-than-return = A return needs the product intact, unused and complete in its original packaging: it would not pass inspection, so the buyback program is the better way.
return-better-than-buyback = A return gives you more than a buyback, so we recommend it.
return-against-quote = Estimated return refund: { $refund } (before compensation of your return shipping), against a buyback of { $quote }.
return-against-staff-quote = Estimated return refund: { $refund } (before compensation of your return shipping), against a buyback of an amount set by staff.
return-needs-photos = A return needs clear photos or videos of the problem.
buyback-past-window = The return period for { $reason } has passed, so the buyback program applies.
buyback-manual-review = A { $grade } product needs a look from staff: they set the buyback amount from your photos, and it may be below the usual { $min } to { $max } of the price.
buyback-quote = Buyback quote: { $percent } of the price paid ({ $base }) = { $amount }; { $grade_percent } for a product in { $grade } condition.
quote-minus-accessories = Minus { $points } points for { $missing ->
    [one] 1 missing accessory
   *[other] { $missing } missing accessories
  }.
quote-minus-packaging = Minus { $points } points without the original packaging.
quote-floor = The quote never goes below { $min } of the price paid.
quote-open-until = The quote is open until { $until }. If you accept, send the product back at your own cost; we pay after it arrives and passes inspection.
buyback-add-photos = Add photos of the product's current state (signs of use, packaging): staff confirm the quote from them.
buyback-confirm-by = Customer service confirms the amount by { $quote_by }.

## Parcels that did not reach the customer

undeliverable-buyer-reasons = The parcel came back for the buyer's reasons (wrong or incomplete address, no contact, or refusal), which the buyer is responsible for.
undeliverable-contact = We contact you by { $contact_by } to ask whether to reship the parcel{ $second_fee ->
    [yes] {" "}(a second international shipping fee is needed)
   *[no] {""}
  } or refund it.
undeliverable-refund = Without reshipping, the refund is the product amount ({ $product }){ $deducted ->
    [shipping] {" "}less the original international shipping ({ $shipping })
    [fee] {" "}less the return processing fee ({ $fee })
    [both] {" "}less the original international shipping ({ $shipping }) and the return processing fee ({ $fee })
   *[none] {""}
  } = { $total }.
undeliverable-no-refund = Without reshipping there is no refund: the product amount ({ $product }){ $deducted ->
    [shipping] {" "}less the original international shipping ({ $shipping })
    [fee] {" "}less the return processing fee ({ $fee })
    [both] {" "}less the original international shipping ({ $shipping }) and the return processing fee ({ $fee })
   *[none] {""}
  } leaves nothing.
customs-destroyed = The destination's customs held or destroyed the parcel for the buyer's reasons (duties refused or clearance documents missing); the buyer bears the losses and no refund is given.
customs-returned-to-buyback = The goods that came back are handled by the buyback program.
