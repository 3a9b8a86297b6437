# Why a command was refused: said to whoever sent it, in their language. The API and the
# staff console read the English; the portal reads the customer's language.
# State names (`approved`) and field names stay as the API spells them, in every language.

## The case's state, the actor's roles

refused-state = cannot { $doing }: the case is `{ $state }`, and this is possible only when it is { $allowed }
refused-only-role = only { $role ->
        [customer] the customer
        [agent] a service agent
        [warehouse] the warehouse
        [finance] finance
        [admin] an admin
        [customer-side] the customer, or an agent for them,
        [customer-or-staff] the customer or the shop's staff
        [goods-holders] the customer, an agent or the warehouse
        [sweep-or-agent] the deadline sweep or an agent
        [finance-or-payments] finance or the payment system
        [store-or-admin] the shop's store or an admin
        [staff] the shop's staff
       *[system] the shop's systems
    } can { $doing }
refused-roles = your roles do not allow you to { $doing }
refused-four-eyes = the person who granted a refund cannot also send it
refused-staff-use-order-list = only customers have orders of their own; staff use the order list
refused-no-password = only staff have passwords to change
refused-api-key-session-only = API keys reach only the order endpoints; sign in to use this one
refused-api-key-scope = this API key lacks the { $scope } scope
refused-sender-not-allowed = the sender may not write in this conversation: { $why }
refused-conflict = the case was changed by someone else in the meantime; reload it and try again

## Steps, as the refusals above name them

doing-request-return = request a return
doing-approve-return = approve a return
doing-reject-return = reject a return
doing-send-return-to-buyback = send a return to buyback
doing-add-return-tracking = add the return's tracking number
doing-receive-return = receive a returned parcel
doing-inspect-return = inspect a return
doing-pass-inspection = pass the inspection
doing-fail-inspection = fail the inspection
doing-ask-product-back = ask for the product back
doing-abandon-to-buyback = abandon the product to buyback
doing-choose-after-failed-inspection = choose what happens after a failed inspection
doing-record-refund = record the refund
doing-apply-buyback = apply for buyback
doing-open-buyback-for-parcel = open a buyback for a parcel without RMA
doing-take-over-goods = hand a return's goods to buyback
doing-grade-goods = grade the goods
doing-quote-buyback = quote a buyback
doing-correct-quote = correct a quote after an appeal
doing-accept-quote = accept the quote
doing-decline-quote = decline the quote
doing-expire-quote = expire the quote
doing-add-buyback-tracking = add the tracking number
doing-receive-buyback = receive a buyback parcel
doing-confirm-quote = confirm the quote
doing-revise-offer = revise the offer
doing-accept-revision = accept the revised offer
doing-ask-item-back = ask for the item back
doing-mark-buyback-paid = mark a buyback as paid
doing-verify-payment = verify the payment
doing-report-shortage = report a shortage
doing-answer-shortage = answer the shortage question
doing-start-assembly = start assembly
doing-send-assembly-photos = send photos of the assembled product
doing-approve-photos = approve the photos
doing-ask-for-changes = ask for changes
doing-pack = pack the order
doing-ship = ship the order
doing-record-signing = record the signing
doing-record-returned-parcel = record a returned parcel
doing-reship = reship a returned parcel
doing-settle-returned-parcel = settle a returned parcel
doing-record-customs-hold = record a customs hold
doing-release-from-customs = record a customs release
doing-record-customs-destruction = record destruction by customs
doing-cancel-order = cancel the order
doing-file-appeal = file an appeal
doing-decide-appeal = give an appeal's final opinion
doing-record-mediation = record a mediation
doing-grant-refund = grant a refund
doing-send-refund = send a refund
doing-settle-refund = settle a refund
doing-record-failed-payment = record a failed payment
doing-record-refused-payment = record a refused payment
doing-write-message = write in a conversation
doing-write-internal-note = write an internal note
doing-read-conversations = read conversations
doing-close-without-reply = decide that a message needs no reply
doing-see-awaiting-reply = see the conversations awaiting a reply
doing-upload-evidence = upload evidence
doing-see-dashboard = see the dashboard
doing-see-queues = see the queues
doing-list-orders = list every order
doing-import-orders = import orders
doing-export-orders = export orders
doing-print-invoice = print commercial invoices
doing-choose-email-language = choose the language of their e-mails
doing-change-logo = change the shop's logo
doing-change-profile = change the shop's profile
doing-list-api-keys = list API keys
doing-create-api-keys = create API keys
doing-revoke-api-keys = revoke API keys
doing-see-connections = see the connections
doing-manage-webhooks = manage webhooks
doing-create-staff = create staff accounts
doing-edit-staff = edit staff accounts
doing-see-staff = see staff accounts
doing-deactivate-staff = deactivate or reactivate staff accounts
doing-send-password-links = send set-password links
doing-use-console = do this

## Values

refused-empty = must not be empty
refused-too-long = must be at most { $max } characters
refused-too-many = at most { $max } items
refused-too-many-files = at most { $max } files a message
refused-empty-message = write a message or attach a file
refused-negative = must not be negative
refused-not-above-zero = must be above zero
refused-at-least-one = must be at least 1
refused-in-future = is in the future
refused-listed-twice = is listed twice
refused-date-out-of-range = is too far in the future to count working days
refused-no-lines = choose at least one line
refused-not-order-line = `{ $sku }` is not a line of this order
refused-units-not-free = { $free } of the { $ordered } units of { $sku } can be requested (in open requests: { $requested }, at the shop: { $at_shop }, returned and refunded: { $refunded }, bought back: { $bought_back }, lost on the way back: { $lost }, never delivered: { $undelivered })
refused-no-reason = give at least one reason
refused-not-return-eligible = the policy's answer is `{ $outcome }`, not `return_eligible`; see its reasons
refused-not-buyback-route = the policy recommends another route for this product; see the decision's reasons
refused-choice-not-offered = policy { $version } does not offer this choice after a failed inspection ({ $clause })
refused-sku-not-in-return = `{ $sku }` is not part of this return
refused-received-over-rma = { $received } is more than the { $quantity } units this RMA covers
refused-sku-not-received = no unit of `{ $sku }` was received
refused-inspected-count = { $received } units of { $sku } were received; the inspection judges those
refused-damaged-over-received = cannot be more than the units received
refused-lost-with-units = a parcel lost in transit cannot have received units
refused-no-units-received = count at least one received unit, or record the parcel as lost in transit
refused-parcel-contents = list what the parcel contained
refused-return-holds-no-goods = the return holds no goods
refused-no-price = the case has no price to quote on
refused-quote-outside-needs-reason = a quote outside { $min }..{ $max } needs a reason
refused-quote-over-max = the buyback program pays at most { $max }
refused-quote-below-min = below { $min } only for seriously damaged products under manual review
refused-corrected-quote-range = a corrected quote stays within { $min }..{ $max }
refused-quote-expired = the quote has expired; ask for a new one
refused-quote-still-valid = the quote is still valid
refused-revision-needs-reasons = say why the offer changes
refused-revision-amount = a revised offer is below the quote and not negative; confirm the quote otherwise
refused-assembly-photos-missing = attach photos or videos of the finished product
refused-tracking-url = must be an http(s) link to the carrier's tracking page
refused-damage-needs-evidence = damage noted at signing needs the carrier's record or photos (I.6)
refused-reship-needs-fee = reshipping needs the second international shipping fee the customer paid ({ $clause })
refused-appeal-statement = say what you object to and why
refused-appeal-evidence = an appeal needs evidence (IV)
refused-appeal-window-closed = the appeal window closed on { $last_day }: appeals are filed within { $days } working days of receiving the result ({ $clause })
refused-opinion-needs-reasons = the final opinion needs its reasons
refused-name-mediator = name the third-party organization
refused-already-appealed = this result was already appealed, and the recheck's opinion on it is final (IV); customer service can record a third-party mediation instead
refused-appeal-of-appeal = an appeal's recheck is the final opinion (IV): it cannot be appealed; customer service can record a third-party mediation instead
refused-name-payment-method = name the original payment method
refused-refund-over-cap = { $amount } is more than the { $cap } still refundable for this order (what was paid plus compensated return costs, less earlier refunds)
refused-already-granted = the money for this case was already granted
refused-no-paying-result = this case has no result that pays money
refused-appeal-no-correction = the appeal did not set a corrected refund to pay
refused-nothing-payable-yet = nothing is payable yet: a return must pass inspection, a buyback be confirmed or its revision accepted
refused-nothing-left-for-case = nothing is left to grant for this case: its total is { $total }, and { $granted } was granted for it and its appeals
refused-grant-over-order = { $amount } is more than the { $left } still refundable for this order ({ $paid } paid, { $return_costs } confirmed return costs, { $granted } granted before)
refused-correction-below-granted = { $granted } was already granted for this case: a corrected total cannot take it back
refused-correction-over-order = { $corrected } is more than the { $most } the order allows for this case ({ $allowance } paid and confirmed, { $others } granted for other cases)
refused-nothing-awaited = the conversation awaits no reply from the shop

## Amounts and percentages

refused-unknown-currency = `{ $currency }` is not an ISO 4217 currency code
refused-currency-not-payable = { $currency } has no minor unit and cannot be used for payments
refused-malformed-amount = `{ $amount }` is not an amount; write digits with an optional decimal point, like "120.00"
refused-amount-too-precise = `{ $amount }` has more decimal places than { $currency } allows ({ $exponent })
refused-amount-too-large = amount is too large
refused-currency-mismatch = cannot combine { $first } with { $second }
refused-zero-whole = cannot share an amount pro rata over a total of zero
refused-bad-percent = `{ $percent }` is not a percentage between 0 and 100; write a whole number or a quoted decimal like "12.5"

## Files and results named by a request

refused-not-your-upload = { $id } is not a file you uploaded for this message
refused-upload-already-sent = { $id } was sent with another message
refused-not-your-evidence = is not a photo or video you uploaded; upload it first
refused-no-result-to-appeal = this case has no result of this kind to appeal (one of: { $kinds })

## Uploaded photos and videos

refused-file-empty = the file is empty
refused-file-type = must be a JPEG, PNG or WebP photo or an MP4 or MOV video (judged by its content)
refused-video-unreadable = is not a video that can be read ({ $why })
refused-file-too-large = is larger than the { $megabytes } MB accepted for this type
refused-upload-too-large = is larger than the largest file accepted ({ $video } MB for a video, { $photo } MB for a photo)
