# Die Begründungen der Richtlinie, wie der Bewerter sie einem Kunden gibt.

## Wofür eine Rücksendung beantragt wird, und die Zustände eines Rückkaufs

reason-quality-issue = Qualitätsmangel
reason-not-as-described = erhebliche Abweichung von der Beschreibung
reason-wrong-item = falscher Artikel
reason-transport-damage = schwerer Transportschaden
reason-other = sonstige Gründe

grade-like-new = wie neu
grade-good = gut
grade-fair = ordentlich
grade-worn = abgenutzt
grade-damaged = beschädigt

## Die Rückgabefrist

window-days = { $context ->
    [exchange] Ein Umtausch läuft über die Rückgabefrist: Eine Rücksendung mit dem Grund „{ $reason }“ kann
    [buyback] Sie melden „{ $reason }“, und eine Rücksendung deswegen kann noch
   *[return] Eine Rücksendung mit dem Grund „{ $reason }“ kann
  } innerhalb von { $days } Tagen nach der Unterschrift bei Zustellung beantragt werden; Sie haben am { $signed } unterschrieben, die Frist läuft also bis zum Ende des { $last }.
window-hours = { $context ->
    [exchange] Ein Umtausch läuft über die Rückgabefrist: Eine Rücksendung mit dem Grund „{ $reason }“ kann
    [buyback] Sie melden „{ $reason }“, und eine Rücksendung deswegen kann noch
   *[return] Eine Rücksendung mit dem Grund „{ $reason }“ kann
  } innerhalb von { $hours } Stunden nach der Unterschrift bei Zustellung beantragt werden; Sie haben am { $signed } unterschrieben, die Frist läuft also bis zum { $end } (Zeitzone { $zone }).
window-own-dates = Nach Ihren eigenen Ortsdaten (unterschrieben am { $signed }, beantragt am { $asked }) läuft sie bis zum Ende des { $last }.
window-own-dates-in-time = Nach Ihren eigenen Ortsdaten (unterschrieben am { $signed }, beantragt am { $asked }) läuft sie bis zum Ende des { $last }, Ihr Antrag ist also rechtzeitig.
window-noted-at-signing = Die Frist ist so lang, weil der Schaden bei der Unterschrift beim Zusteller festgehalten wurde ({ $unit ->
    [hours] { $length } Stunden
   *[days] { $length } Tage
  } für später entdeckte Schäden).
past-window-buyback = Die Rückgabefrist für „{ $reason }“ ist abgelaufen, daher wird der Antrag über das Rückkaufprogramm bearbeitet: Sie können uns das Produkt je nach Zustand für einen Teil seines Preises zurückverkaufen.
hidden-defects-negotiable = Wenn Sie einen versteckten Qualitätsmangel erst bei der Benutzung entdeckt haben, wenden Sie sich an den Kundenservice: Über solche Sonderfälle lässt sich verhandeln.

## Eine Rücksendung und ihre Erstattung

return-needs-evidence = Jeder Rücksendeantrag braucht deutliche Fotos oder Videos des Problems; fügen Sie sie vor Ablauf der Frist hinzu ({ $last }).
refund-product = Produkt: { $percent } des für die zurückgesendeten Einheiten gezahlten Preises ({ $returned }) = { $product }.
refund-handling-fee = Bearbeitungsgebühr: { $percent } des Produktbetrags ({ $fee }) werden einbehalten.
refund-not-refunded = { $what ->
    [shipping] Der ursprüngliche internationale Versand
   *[duties] Die in der Bestellung enthaltenen Zölle und Steuern
  }: wird bei diesem Grund nicht erstattet.
refund-share = { $what ->
    [shipping] Der ursprüngliche internationale Versand
   *[duties] Die in der Bestellung enthaltenen Zölle und Steuern
  }: Der Anteil der zurückgesendeten Einheiten beträgt { $part } von { $fee }; davon werden { $percent } erstattet = { $refunded }.
return-costs-not-compensated = Ihre Kosten für den Rückversand und die Ausfuhranmeldung: werden bei diesem Grund nicht erstattet.
return-costs-capped = Rücksendekosten werden bis zu { $cap_percent } des Preises der zurückgesendeten Einheiten ({ $cap }) erstattet; bestätigt wurden { $confirmed }, daher zählen { $cap }.
return-costs-confirmed = Ihre Kosten für den Rückversand und die Ausfuhranmeldung, laut Ihrem Beleg bestätigt ({ $confirmed }): zu { $percent } erstattet = { $refunded }.
return-costs-later = Ihre Kosten für den Rückversand und die Ausfuhranmeldung werden nach Eingang der Ware laut Ihrem Beleg erstattet: { $percent } des von uns bestätigten Betrags, höchstens { $cap } ({ $cap_percent } des Preises der zurückgesendeten Einheiten).
return-costs-claimed = Sie haben uns { $claimed } genannt; bewahren Sie den Beleg auf.
return-estimated-refund = Voraussichtliche Erstattung: { $total }, zurück auf das Konto, mit dem Sie bezahlt haben, sobald die zurückgesendete Ware die Prüfung besteht.
return-wait-for-rma = Senden Sie das Produkt noch nicht zurück: Der Kundenservice prüft den Antrag bis zum { $review_by } und schickt Ihnen per E-Mail eine RMA-Nummer, die Rücksendeadresse und eine Anleitung. Pakete ohne RMA-Nummer werden als Rückkauf behandelt.
return-condition = Die Ware muss unversehrt, unbenutzt und vollständig mit Originalverpackung und Zubehör zurückkommen; andernfalls kann sie als Rückkauf behandelt oder nur teilweise erstattet werden.

## Ein Umtausch

exchange-negotiable = Der Stückpreis des Produkts ist hoch und sein Anteil am Versand gering (höchstens { $share } seines Preises), daher kann der Kundenservice mit Ihnen einen direkten Umtausch vereinbaren.
exchange-contact-by = Der Kundenservice meldet sich bis zum { $review_by } bei Ihnen.
exchange-not-in-currency = Für Bestellungen in { $currency } wird kein direkter Umtausch vereinbart.
exchange-free-shipping = Der Versand der Bestellung war kostenlos, die Logistik eines Umtauschs ginge also zulasten des Shops: Er wird nicht vereinbart.
exchange-not-on-order = { $sku } ist nicht Teil der Bestellung.
exchange-below-threshold = Ein direkter Umtausch wird nur für Einheiten ab { $threshold } vereinbart; { $sku } kostet { $price }.
exchange-shipping-too-large = Der Versand macht einen zu großen Teil des Preises von { $sku } für einen direkten Umtausch aus: Sein Anteil am ursprünglichen Versand liegt über { $share } seines Preises.
exchange-via-return = Grenzüberschreitender Versand ist teuer und langsam, daher tauschen wir nicht direkt um: Senden Sie das Produkt gegen Erstattung zurück und bestellen Sie dann das gewünschte.
exchange-needs-evidence = Die Rücksendung braucht deutliche Fotos oder Videos des Produkts; fügen Sie sie vor Ablauf der Frist hinzu ({ $last }).

## Ein Rückkauf

return-fails-grade = Es ist in Zustand „{ $grade }“.
return-fails-accessories = { $missing ->
    [one] 1 Zubehörteil fehlt.
   *[other] { $missing } Zubehörteile fehlen.
  }
return-fails-packaging = Die Originalverpackung ist nicht mehr vorhanden.
buyback-better-than-return = Eine Rücksendung verlangt das Produkt unversehrt, unbenutzt und vollständig in der Originalverpackung: Es würde die Prüfung nicht bestehen, daher ist das Rückkaufprogramm der bessere Weg.
return-better-than-buyback = Eine Rücksendung bringt Ihnen mehr als ein Rückkauf, daher empfehlen wir sie.
return-against-quote = Voraussichtliche Erstattung bei Rücksendung: { $refund } (vor Erstattung Ihres Rückversands), gegenüber einem Rückkauf für { $quote }.
return-against-staff-quote = Voraussichtliche Erstattung bei Rücksendung: { $refund } (vor Erstattung Ihres Rückversands), gegenüber einem Rückkauf zu einem von unserem Team festgelegten Betrag.
return-needs-photos = Eine Rücksendung braucht deutliche Fotos oder Videos des Problems.
buyback-past-window = Die Rückgabefrist für „{ $reason }“ ist abgelaufen, daher gilt das Rückkaufprogramm.
buyback-manual-review = Ein Produkt in Zustand „{ $grade }“ muss sich unser Team ansehen: Es legt den Rückkaufbetrag anhand Ihrer Fotos fest, und er kann unter den üblichen { $min } bis { $max } des Preises liegen.
buyback-quote = Rückkaufangebot: { $percent } des gezahlten Preises ({ $base }) = { $amount }; { $grade_percent } für ein Produkt in Zustand „{ $grade }“.
quote-minus-accessories = { $points } Punkte weniger für { $missing ->
    [one] 1 fehlendes Zubehörteil
   *[other] { $missing } fehlende Zubehörteile
  }.
quote-minus-packaging = { $points } Punkte weniger ohne Originalverpackung.
quote-floor = Das Angebot liegt nie unter { $min } des gezahlten Preises.
quote-open-until = Das Angebot gilt bis zum { $until }. Wenn Sie annehmen, senden Sie das Produkt auf eigene Kosten zurück; wir zahlen, sobald es angekommen ist und die Prüfung bestanden hat.
buyback-add-photos = Fügen Sie Fotos vom jetzigen Zustand des Produkts hinzu (Gebrauchsspuren, Verpackung): Unser Team bestätigt das Angebot anhand dieser Fotos.
buyback-confirm-by = Der Kundenservice bestätigt den Betrag bis zum { $quote_by }.

## Pakete, die den Kunden nicht erreicht haben

undeliverable-buyer-reasons = Das Paket kam aus Gründen zurück, die beim Käufer liegen (falsche oder unvollständige Adresse, keine Erreichbarkeit oder Annahmeverweigerung), und für die der Käufer verantwortlich ist.
undeliverable-contact = Wir melden uns bis zum { $contact_by } bei Ihnen und fragen, ob wir das Paket erneut versenden{ $second_fee ->
    [yes] {" "}(dafür ist eine zweite internationale Versandgebühr nötig)
   *[no] {""}
  } oder erstatten sollen.
undeliverable-refund = Ohne erneuten Versand ist die Erstattung der Produktbetrag ({ $product }){ $deducted ->
    [shipping] {" "}abzüglich des ursprünglichen internationalen Versands ({ $shipping })
    [fee] {" "}abzüglich der Bearbeitungsgebühr für die Rücksendung ({ $fee })
    [both] {" "}abzüglich des ursprünglichen internationalen Versands ({ $shipping }) und der Bearbeitungsgebühr für die Rücksendung ({ $fee })
   *[none] {""}
  } = { $total }.
undeliverable-no-refund = Ohne erneuten Versand gibt es keine Erstattung: Der Produktbetrag ({ $product }){ $deducted ->
    [shipping] {" "}abzüglich des ursprünglichen internationalen Versands ({ $shipping })
    [fee] {" "}abzüglich der Bearbeitungsgebühr für die Rücksendung ({ $fee })
    [both] {" "}abzüglich des ursprünglichen internationalen Versands ({ $shipping }) und der Bearbeitungsgebühr für die Rücksendung ({ $fee })
   *[none] {""}
  } lässt nichts übrig.
customs-destroyed = Der Zoll im Zielland hat das Paket aus Gründen beim Käufer zurückgehalten oder vernichtet (Zölle verweigert oder Zollpapiere fehlen); der Käufer trägt die Verluste, und es gibt keine Erstattung.
customs-returned-to-buyback = Die zurückgekommene Ware wird über das Rückkaufprogramm bearbeitet.
