# The customer portal's words. The staff console stays English and does not use this file.

## Every page

language-label = Language
language-change = Change
sign-out = Sign out

## Signing in

sign-in-title = Sign in: your orders
sign-in-heading = Your orders, returns and requests
sign-in-sent = If the order number and e-mail belong together, a sign-in link is on its way to that address. It works once, for 15 minutes.
sign-in-throttled = Too many sign-in attempts. Wait a minute and try again.
sign-in-intro = Give your order number and the e-mail you ordered with. We e-mail you a link to sign in.
sign-in-order-number = Order number
sign-in-email = E-mail
sign-in-order-number-missing = Give the order number from your order confirmation.
sign-in-email-missing = Give the e-mail address you ordered with.
sign-in-send = E-mail me a sign-in link
sign-in-staff = Staff?
sign-in-console = Sign in to the console

## Orders

orders-title = Your orders
orders-signed-in-as = Signed in as { $email }
orders-none = No orders yet.
order-title = Order { $number }
order-placed = Placed { $date }
order-signed-on = signed for on { $date }
order-shipped-with = Shipped with { $carrier }, tracking number
order-track = Track the parcel
order-what-now = What you can do now
order-lines = What you ordered
order-item = Item
order-quantity = Quantity
order-price = Price
order-requests = Requests and their steps
order-no-requests = No return, buyback or appeal for this order.
order-timeline = Timeline

photos-title = Photos of your assembled product
photos-intro = Please check them. We pack and ship once you approve.
photos-alt = Assembled product, photo { $n }
photos-approve = Approve the photos
photos-comment = Or tell us what is not right
photos-ask-changes = Ask for changes

shortage-title = An accessory is missing
shortage-question = What should we do?
shortage-wait = Wait until it is in stock
shortage-substitute = Use an equivalent accessory
shortage-drop = Leave out an item and refund it
shortage-item = Item to leave out
shortage-send = Send my answer

## A request (return, exchange, buyback) and its page

case-next-due = next step due by { $date }
case-rma-number = RMA number
case-facts = Your case
case-tracking = Your parcel's tracking number:
case-next = What happens next
case-related = Related cases
case-why = Why, in the policy's words
case-media = Photos and videos
case-photo-alt = Photo { $n }
case-steps = Steps so far
case-refund-to-method = { $amount } to your original payment method ({ $method }), as the policy's return rules give (III.3).
case-as-you-paid = as you paid
case-our-offer = Our offer: { $amount } ({ $percent } of the price paid), valid until { $until }.

appeal-title = Appeal against this result
appeal-when = Within { $window } of the result. We recheck within { $recheck } and send you our final opinion.
appeal-statement = What is wrong with the result
appeal-file = A photo or video that shows it
appeal-send = Send the appeal

slip-card-title = Return slip: tape it on the box
slip-send-to = Send to
slip-without-number = Parcels without this number cannot be refunded; they go to the buyback program.
slip-print = Print the return slip
slip-print-what = (with a QR code of the RMA number, the items and both addresses)
slip-title = RMA slip { $rma }
slip-back = Back to the return
slip-how-to-print = Print this page and tape the slip on the outside of the box (your browser's Print, or Ctrl+P / ⌘P), or download it as a PDF; it was also attached to the e-mail with your RMA number.
slip-pdf = Download the slip as a PDF
slip-heading = Return slip · order { $number }
slip-from = From
slip-items = Items in this parcel
slip-sku = SKU
slip-units = Units
slip-declaration = Returned goods, sent back to the seller under RMA { $rma } for inspection and refund; not a sale.

request-title = A request for order { $number }
request-intro = Nothing is sent until you press “Send the request”. First you see what our policy decides, with the amounts and dates.
request-send = Send the request
request-answers = Your answers
request-answers-hint = Change anything and check again; the request is judged again when you send it.
request-kind = 1. What would you like?
request-kind-return = Return for a refund
request-kind-exchange = Exchange for another size, colour or model
request-kind-buyback = Sell it back to our buyback program
request-items = 2. Which items, and how many
request-you-have = { $sku }, you have { $n }
request-why = 3. Why (for a return or an exchange)
request-reason = Reason
request-choose = Choose…
request-return-costs = What sending the parcel back costs you, if you know (optional)
request-condition = 3. Its condition (for a buyback)
request-grade = Condition
request-defect = Is something wrong with it?
request-no-defect = No, it works as it should
request-defect-hint = A defect still inside its return period is better returned: a return gives you more than a buyback.
request-missing = Accessories missing
request-packaging = I still have the original packaging
request-more = 4. Tell us more, with photos or videos
request-description = What happened, or what you would like instead
request-files = Photos or videos (JPEG, PNG, WebP, MP4, MOV)
request-added = Added so far:
request-upload-alt = Your upload { $n }
request-check-again = Check again
request-preview = See what the policy decides

## What the policy decides

decision-title = What the policy decides
decision-refund = Refund, to the original payment method
decision-you-get = You get
decision-quote = Buyback quote
decision-our-offer = Our offer
decision-dates = Dates
decision-why = Why
decision-clauses = The policy's clauses ({ $n })
outcome-return-eligible = You can return these items. Once the parcel passes inspection you get the refund below.
outcome-needs-evidence = Add clear photos or videos of the problem: the policy needs them before a return.
outcome-buyback-offered = A return is no longer possible, but our buyback program can buy the items from you.
outcome-buyback-quote = Our buyback program can buy the items for the amount below.
outcome-buyback-manual-review = Customer service looks at your photos and sends you a quote.
outcome-return-recommended = This is a defect: a return gives you more than the buyback program.
outcome-exchange-via-return = We exchange through a return: send these back for a refund, then order what you need.
outcome-exchange-negotiable = Customer service can agree a direct exchange with you.
outcome-refund-after-deductions = A refund after the deductions below.
outcome-no-refund = The policy gives no refund here.
refund-line-product = The price of the items
refund-line-handling-fee = Handling fee kept
refund-line-original-shipping = Your share of the original shipping
refund-line-duties = Your share of the duties you paid
refund-line-return-costs = What sending the parcel back cost you
refund-line-deduction-shipping = International shipping of the order deducted
refund-line-deduction-processing = Return processing fee deducted
deadline-review-by = We review the request by
deadline-return-by = A return can be requested until
deadline-evidence-by = Add photos or videos by
deadline-quote-by = Customer service confirms the amount by
deadline-contact-by = We contact you by
deadline-process-by = We process the order by
deadline-due-by = Due by
quote-line-paid = Paid for the items
quote-line-grade = Share for their condition
quote-line-missing-accessories = Missing accessories
quote-line-no-packaging = Without the original packaging
quote-line-floor = The program's lowest share applies
quote-line-valid-until = Offer valid until
quote-total = { $amount } ({ $percent } of the price paid)

## The conversation with customer service

conversation-title = Messages with customer service
conversation-overdue = overdue
conversation-none = No message yet.
conversation-invite = Write to us here about anything on this page; we answer by e-mail and here.
conversation-internal = Internal note
conversation-photo-alt = Attached photo { $n }
conversation-files-gone = { $n ->
    [one] 1 file is no longer available.
   *[other] { $n } files are no longer available.
  }
conversation-not-sent = Your message was not sent:
conversation-write = Write to customer service
conversation-files = Photos or videos (optional)
conversation-send = Send

## What a case is, its states and the steps of its history

case-kind-order = Delivery
case-kind-return = Return
case-kind-buyback = Buyback
case-kind-refund = Refund
case-kind-appeal = Appeal
case-kind-parcel = Parcel
case-line = { $title }: { $state }
case-line-due = { $title }: { $state }, next step due by { $date }
word-placed = Placed
word-payment-verified = Payment verified
word-awaiting-shortage-consent = Awaiting shortage consent
word-assembling = Assembling
word-awaiting-photo-approval = Awaiting photo approval
word-photos-approved = Photos approved
word-packed = Packed
word-shipped = Shipped
word-signed = Signed
word-returned-to-sender = Returned to sender
word-held-at-customs = Held at customs
word-destroyed-at-customs = Destroyed at customs
word-cancelled = Cancelled
word-requested = Requested
word-approved = Approved
word-rejected = Rejected
word-sent-to-buyback = Sent to buyback
word-in-transit = In transit
word-received = Received
word-inspection-passed = Inspection passed
word-refund-granted = Refund granted
word-inspection-failed = Inspection failed
word-sent-back = Sent back
word-abandoned-to-buyback = Abandoned to buyback
word-lost = Lost
word-applied = Applied
word-quoted = Quoted
word-accepted = Accepted
word-declined = Declined
word-expired = Expired
word-revised = Revised
word-revision-accepted = Revision accepted
word-confirmed = Confirmed
word-paid = Paid
word-goods-held = Goods held
word-granted = Granted
word-sent = Sent
word-settled = Settled
word-failed = Failed
word-filed = Filed
word-upheld = Upheld
word-changed = Changed
word-mediation = Mediation

## What the customer can do now

todo-approve-photos = Approve the photos of your assembled product
todo-answer-shortage = Tell us what to do about a missing accessory
todo-send-parcel = Send the parcel with RMA number { $rma }
todo-choose-after-inspection = Choose what happens to the returned goods{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }
todo-answer-offer = Accept or decline our offer{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }
todo-send-goods = Send us the goods
todo-report-damage-noted = Report damage found at signing; it was noted when you signed
todo-report-damage-until-time = Report damage found at signing until { $until } ({ $zone } time)
todo-report-damage-until = Report damage found at signing until { $until }
todo-return-possible = Return for { $reasons } possible until { $until }
todo-or = {" "}or{" "}
todo-sell-back = Sell it back to our buyback program
todo-sell-back-range = Sell it back to our buyback program ({ $min } to { $max } of the price paid)

## The request form's choices

choice-reason-quality-issue = It has a quality issue
choice-reason-not-as-described = It is seriously different from its description
choice-reason-wrong-item = I received the wrong item (model, colour, size)
choice-reason-transport-damage = It was damaged in transport (within { $unit ->
    [hours] { $length } hours
   *[days] { $length } days
  } of signing)
choice-reason-other = Another reason (within { $unit ->
    [hours] { $length } hours
   *[days] { $length } days
  }; { $percent } of the price is refunded)
choice-grade-like-new = Like new: no marks, works perfectly
choice-grade-good = Good: light marks, works perfectly
choice-grade-fair = Fair: visible wear, works
choice-grade-worn = Worn: heavy wear or minor faults
choice-grade-damaged = Damaged: broken or not working
choice-defect-quality-issue = Yes: a quality problem
choice-defect-not-as-described = Yes: it is seriously not as described
choice-defect-wrong-item = Yes: I received the wrong item
choice-defect-transport-damage = Yes: it was damaged in transport

## The order's account

order-carrier-said = What the carrier said
ledger-title = Account of the order
ledger-paid = What was paid
ledger-products = Products
ledger-shipping = International shipping
ledger-duties = Duties and taxes in the order
ledger-total-paid = Total paid
ledger-confirmed-return-costs = Return costs confirmed from receipts
ledger-by-request = Refunds and buyback payments, by request
ledger-request = Request
ledger-result = Result
ledger-corrected = Corrected on appeal
ledger-granted = Granted
ledger-sent = Sent
ledger-arrived = Arrived
ledger-owed = Still owed
ledger-whole-order = Whole order
ledger-units = Where each unit is
ledger-ordered = Ordered
ledger-with-customer = With the customer
ledger-requested = In open requests
ledger-at-shop = At the shop
ledger-refunded = Refunded
ledger-bought-back = Bought back
ledger-elsewhere = Elsewhere
ledger-sent-back = { $n } sent back to the customer
ledger-lost = { $n } lost on the way back
ledger-undelivered = { $n } never delivered
ledger-returned-parcel = Returned parcel
ledger-left = Refunds go back to the original payment method (III.3). At most { $left } more can be refunded for this order.

## What happens next on a case, and the customer's choices on it

working-days = { $n ->
    [one] 1 working day
   *[other] { $n } working days
  }
next-review = We review your request{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-send-parcel = Send the parcel to the return address with the RMA number on the box, and give us its tracking number below.
next-inspect-then-refund = When it arrives we inspect the goods, then refund you to your original payment method.
next-record-parcel = We record the parcel when it arrives, then inspect the goods.
next-inspect = We inspect the goods{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-grant-refund = We grant your refund{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }, to your original payment method.
next-refund-granted = Your refund is granted: finance sends it to your original payment method; your bank or payment provider usually takes { $from ->
    [0] up to { $days } working days
   *[other] { $from }–{ $days } working days
  } to show it.
next-goods-to-buyback = The goods stay with us and are handled by the buyback program: see the buyback request on your order for our offer.
next-choose-after-inspection = Choose below: the goods sent back to you at your cost, or sold to the buyback program.
next-quote = Customer service sends you a quote{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-answer-offer = Accept or decline the offer while it is valid.
next-send-goods = Send us the goods at your cost and give us the tracking number below; we inspect them on arrival.
next-answer-revision = Accept the revised offer, or ask for the goods back.
next-pay = We pay you{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-send-money = We send the money to your original payment method{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-money-on-its-way = The money is on its way; how long it takes to arrive depends on your bank or payment provider: usually { $from ->
    [0] up to { $days } working days
   *[other] { $from }–{ $days } working days
  } (III.3).
next-recheck = We recheck and send you our final opinion{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
next-mediation = If you still disagree, you can take the case to mediation through the platform you paid with or a consumer body.
action-tracking-number = Tracking number of your parcel
action-address = Address to send the goods back to
action-sent-parcel = I sent the parcel
action-choose-buyback = Sell the goods to the buyback program
action-choose-send-back = Send the goods back to me, at my cost
action-accept-offer = Accept the offer
action-decline-offer = Decline the offer
action-sent-goods = I sent the goods
action-accept-revision = Accept the revised offer
action-ask-for-item-back = Decline, and send the goods back to me

## Error pages and the sign-in link's page

error-home = Back to your orders
error-console = Staff console
error-internal-detail = Something went wrong on our side. Try again in a moment; if it goes on, contact customer service.
error-invalid-field = A field is invalid
error-not-found = Not found
error-forbidden = Not allowed for your role
error-not-allowed-now = Not possible in the case's current step
error-stale-version = The case changed in the meantime
error-internal = Internal error
error-malformed-body = The request body cannot be read
error-unauthenticated = Sign in or present a valid API key
error-unavailable = Temporarily unavailable
error-cross-site-request = A signed-in write must come from this site
error-too-many-attempts = Too many attempts; wait a minute and try again
error-link-unusable = This sign-in link was used, has expired or is unknown; ask for a new one
error-body-too-large = The upload is larger than accepted
link-title = Sign in
link-heading = Sign in to your orders
link-intro = This link signs you in once. Press the button to continue.
link-continue = Continue

## A case's facts

fact-you-wrote = You wrote
fact-customer-says = Customer says
fact-items = Items
fact-reason = Reason
fact-return-costs = Return costs
fact-policy-refund = Refund the policy gives
fact-return-tracking = Return tracking
fact-received = Received
fact-received-line = { $received } of { $sku } ({ $damaged } damaged)
fact-refund-after-inspection = Refund after inspection
fact-inspection-found = Inspection found
fact-why = Why
fact-condition = Condition
fact-condition-value = { $grade }, { $missing } accessories missing, { $packaging ->
    [yes] with the original packaging
   *[no] without the original packaging
  }
fact-paid-for-items = Paid for the items
fact-quote = Quote
fact-quote-value = { $amount } ({ $percent } of the price paid), valid until { $until }
fact-revised-offer = Revised offer
fact-why-revised = Why revised
fact-tracking = Tracking
fact-appeal-against = Appeal against
fact-final-opinion = Final opinion
fact-mediation = Mediation
fact-amount = Amount
fact-payment-method = Payment method
fact-payment-reference = Payment reference
fact-provider-said = What the payment provider said
word-quality-issue = Quality issue
word-not-as-described = Not as described
word-wrong-item = Wrong item
word-transport-damage = Transport damage
word-other = Other
word-like-new = Like new
word-good = Good
word-fair = Fair
word-worn = Worn
word-damaged = Damaged
word-review = Review
word-inspection = Inspection
word-quote = Quote
word-refund-amount = Refund amount
word-delivery = Delivery

## The request form's refusals

request-error-quantity = { $item }: give a whole number from 0 to { $most }
request-error-no-item = Choose at least one item.
request-error-reason = Choose why.
request-error-grade = Choose the condition that fits best.
request-error-missing = Give a whole number of accessories (0 if none are missing).
request-error-defect = Choose whether something is wrong with it.
request-error-kind = Choose a return, an exchange or a buyback.

## More steps of a case's history

word-assembly-media-submitted = Assembly media submitted
word-assembly-started = Assembly started
word-changes-requested = Changes requested
word-graded = Graded
word-item-back-requested = Item back requested
word-mediation-recorded = Mediation recorded
word-parcel-without-rma = Parcel without rma
word-quote-corrected = Quote corrected
word-refused = Refused
word-released-from-customs = Released from customs
word-reshipped = Reshipped
word-return-taken-over = Return taken over
word-returned-parcel-settled = Returned parcel settled
word-send-back-chosen = Send back chosen
word-shortage-answered = Shortage answered
word-shortage-reported = Shortage reported
word-carrier-problem = Carrier problem
word-deadline-recounted = Deadline recounted
conversation-by-email = by e-mail
conversation-page-title = Conversation: { $title }
conversation-back = Back
conversation-back-to-page = Back to the page

upload-refused = The photo or video: { $why }
form-line = line { $n }, { $field }
