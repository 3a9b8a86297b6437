# The e-mails customers get. Letters to staff stay English and are not in this file.

mail-hello = Hello { $name },
mail-signature = { $shop } customer service
mail-questions = Questions? Write to { $email }.

## Links

mail-link-order = Your order
mail-link-request = Your request
mail-link-return = Your return
mail-link-return-slip = Your return and its RMA slip
mail-link-details = Details
mail-link-application = Your application
mail-link-buyback = Your buyback
mail-link-accept-or-decline = Accept or decline
mail-link-appeal = Your appeal
mail-link-answer = Answer on your order's page
mail-link-photos = See the photos
mail-link-track = Track your parcel
mail-link-conversation = Open the conversation

## Signing in

mail-sign-in-subject = Your sign-in link
mail-sign-in-body = Open the link below to see your orders, returns and requests. It works once, for { $minutes } minutes. If you did not ask for it, ignore this message.
mail-sign-in-link = Sign in

## The carrier's news

mail-carrier-subject = A problem with the delivery of order { $number }
mail-carrier-problem = The carrier reports that the parcel of your order { $number } { $what ->
    [returning] is on its way back to us
   *[problem] has a problem on the way
  }.
mail-carrier-said = The carrier's words: { $said }
mail-carrier-contact = Please contact our customer service ({ $email }) so that we can sort it out with the carrier.

## Conversations

mail-about-order = order { $number }
mail-about-case = { $kind ->
    [fulfilment] the fulfilment
    [return] the return
    [buyback] the buyback application
    [refund] the refund
    [appeal] the appeal
   *[parcel] the returned parcel
  }{ $has_rma ->
    [yes] {" "}{ $rma }
   *[no] {""}
  } of order { $number }
mail-message-subject = A message from { $shop } about { $about }
mail-message-from-shop = { $staff } of { $shop } wrote to you about { $about }:
mail-message-files = { $n ->
    [one] It comes with 1 file.
   *[other] It comes with { $n } files.
  }
mail-message-answer = You can answer, with photos or videos, on the conversation's page.

## Returns

mail-return-requested-subject = Return request received for order { $number }
mail-return-requested = We received your return request for order { $number } and review it{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
mail-return-wait-for-rma = We tell you the result by e-mail. Please do not send anything back before you have an RMA number: parcels without one cannot be refunded.
mail-return-rejected-subject = Your return request for order { $number }
mail-return-rejected = We reviewed your return request and cannot accept it: { $reasons }.
mail-appeal-possible = If you disagree, you may appeal against this result on the request's page within the appeal window.
mail-return-to-buyback-subject = Your return request for order { $number }: the buyback program
mail-return-to-buyback = We reviewed your return request: { $reasons }.
mail-return-to-buyback-next = Instead of a return, our buyback program can buy the goods from you; you will receive its quote.
mail-return-received-subject = Your returned parcel arrived: order { $number }
mail-return-received = Your returned parcel arrived at our warehouse. We inspect it{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  } and tell you the result.
mail-return-approved-subject = Return approved: RMA { $rma } for order { $number }
mail-return-approved = Your return for order { $number } is approved. Your RMA number is { $rma }.
mail-return-send-to = Write the RMA number on the outside of the box and send the parcel to:
    { $address }
mail-without-rma = Parcels without an RMA number cannot be refunded; they go to the buyback program.
mail-inspection-passed-subject = Inspection passed for order { $number }
mail-inspection-passed = We inspected your returned goods and they passed. A refund of { $refund } will be made to your original payment method.
mail-inspection-failed-subject = Inspection result for order { $number }
mail-inspection-failed = We inspected your returned goods and they did not pass: { $reasons }.
mail-inspection-failed-next = Choose on your return's page what happens next. You may also appeal against this result within the appeal window.

## Refunds

mail-refund-sent-subject = Refund sent for order { $number }
mail-refund-sent = Your refund{ $has_amount ->
    [yes] {" "}of { $amount }
   *[no] {""}
  } was sent to your original payment method (reference { $reference }). How long it takes to arrive depends on your bank or payment provider: usually { $from ->
    [0] up to { $days } working days
   *[other] { $from }–{ $days } working days
  }.

## Buybacks

mail-buyback-applied-subject = Buyback application received for order { $number }
mail-buyback-applied = We received your buyback application and send you our quote{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
mail-buyback-confirmed-subject = Buyback confirmed for order { $number }
mail-buyback-confirmed = The inspection is done and the buyback is confirmed. We pay you{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  } to your original payment method.
mail-buyback-quote-subject = Buyback quote for order { $number }
mail-buyback-quote = We offer { $amount } ({ $percent } of the price paid) to buy back your goods. The offer is valid until { $until }. Accept or decline it on the case page.
mail-buyback-revised-subject = Revised buyback offer for order { $number }
mail-buyback-revised = After inspection we revised our offer to { $amount }: { $reasons }. Accept the revised offer, or have the goods sent back, on the case page.

## Appeals

mail-appeal-filed-subject = Appeal received for order { $number }
mail-appeal-filed = We received your appeal. We recheck the case and send you our final opinion{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  }.
mail-appeal-upheld-subject = Appeal decided for order { $number }: result upheld
mail-appeal-upheld = We rechecked your case and upheld the result. Our opinion: { $opinion }
mail-appeal-mediation = If you disagree, you may ask for mediation.
mail-appeal-changed-subject = Appeal decided for order { $number }: result changed
mail-appeal-changed = We rechecked your case and changed the result. Our opinion: { $opinion }

## Orders

mail-shortage-subject = Order { $number }: an accessory is missing, we need your answer
mail-shortage = While preparing your order we found an accessory missing: { $message }
mail-shortage-consent = We go on only with your consent (I.1). Choose on your order's page whether to wait, take a substitute or leave the item out.
mail-photos-subject = Order { $number }: please approve the photos of your product
mail-photos = Your product is assembled. Check the photos on your order's page and approve them, or tell us what to change, before we pack it (I.2).
mail-returned-to-sender-subject = Order { $number } came back to us
mail-returned-to-sender = Your parcel could not be delivered and came back to us. We contact you{ $has_date ->
    [yes] {" "}by { $date }
   *[no] {""}
  } about reshipping it or refunding it after deductions (III.5).
mail-customs-subject = Order { $number } is held at customs
mail-customs = Customs is holding your parcel: { $note }
mail-customs-contact = Please contact our customer service so that it can be cleared (II).
mail-cancelled-subject = Order { $number } was cancelled
mail-cancelled = Your order { $number } was cancelled: { $reason }
mail-shipped-subject = Order { $number } is on its way
mail-shipped = Your order { $number } was shipped with { $carrier }, tracking number { $tracking }.
mail-shipped-check = When it arrives, check the parcel before signing; report any damage within 48 hours with photos.
