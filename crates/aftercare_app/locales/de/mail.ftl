# Die E-Mails, die Kunden erhalten.

mail-hello = Hallo { $name },
mail-signature = Kundenservice von { $shop }
mail-questions = Fragen? Schreiben Sie an { $email }.

## Links

mail-link-order = Ihre Bestellung
mail-link-request = Ihre Anfrage
mail-link-return = Ihre Rücksendung
mail-link-return-slip = Ihre Rücksendung und ihr RMA-Schein
mail-link-details = Details
mail-link-application = Ihr Rückkaufantrag
mail-link-buyback = Ihr Rückkauf
mail-link-accept-or-decline = Annehmen oder ablehnen
mail-link-appeal = Ihr Einspruch
mail-link-answer = Auf der Seite Ihrer Bestellung antworten
mail-link-photos = Fotos ansehen
mail-link-track = Sendung verfolgen
mail-link-conversation = Unterhaltung öffnen

## Anmelden

mail-sign-in-subject = Ihr Anmeldelink
mail-sign-in-body = Öffnen Sie den Link unten, um Ihre Bestellungen, Rücksendungen und Anfragen zu sehen. Er funktioniert einmal, { $minutes } Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.
mail-sign-in-link = Anmelden

## Nachrichten des Zustellers

mail-carrier-subject = Ein Problem bei der Zustellung von Bestellung { $number }
mail-carrier-problem = Der Zusteller meldet, dass das Paket Ihrer Bestellung { $number } { $what ->
    [returning] auf dem Rückweg zu uns ist
   *[problem] unterwegs ein Problem hat
  }.
mail-carrier-said = Die Worte des Zustellers: { $said }
mail-carrier-contact = Bitte wenden Sie sich an unseren Kundenservice ({ $email }), damit wir es mit dem Zusteller klären können.

## Unterhaltungen

mail-about-order = Bestellung { $number }
mail-about-case = { $kind ->
    [fulfilment] die Abwicklung
    [return] die Rücksendung
    [buyback] den Rückkaufantrag
    [refund] die Erstattung
    [appeal] den Einspruch
   *[parcel] das zurückgekommene Paket
  }{ $has_rma ->
    [yes] {" "}{ $rma }
   *[no] {""}
  } zu Bestellung { $number }
mail-message-subject = Eine Nachricht von { $shop } zu { $about }
mail-message-from-shop = { $staff } von { $shop } hat Ihnen zu { $about } geschrieben:
mail-message-files = { $n ->
    [one] Sie enthält 1 Datei.
   *[other] Sie enthält { $n } Dateien.
  }
mail-message-answer = Sie können auf der Seite der Unterhaltung antworten, auch mit Fotos oder Videos.

## Rücksendungen

mail-return-requested-subject = Rücksendeanfrage zu Bestellung { $number } erhalten
mail-return-requested = Wir haben Ihre Rücksendeanfrage zu Bestellung { $number } erhalten und prüfen sie{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
mail-return-wait-for-rma = Wir teilen Ihnen das Ergebnis per E-Mail mit. Bitte senden Sie nichts zurück, bevor Sie eine RMA-Nummer haben: Pakete ohne sie können nicht erstattet werden.
mail-return-rejected-subject = Ihre Rücksendeanfrage zu Bestellung { $number }
mail-return-rejected = Wir haben Ihre Rücksendeanfrage geprüft und können sie nicht annehmen: { $reasons }.
mail-appeal-possible = Wenn Sie nicht einverstanden sind, können Sie auf der Seite der Anfrage innerhalb der Einspruchsfrist Einspruch einlegen.
mail-return-to-buyback-subject = Ihre Rücksendeanfrage zu Bestellung { $number }: das Rückkaufprogramm
mail-return-to-buyback = Wir haben Ihre Rücksendeanfrage geprüft: { $reasons }.
mail-return-to-buyback-next = Statt einer Rücksendung kann Ihnen unser Rückkaufprogramm die Ware abkaufen; Sie erhalten sein Angebot.
mail-return-received-subject = Ihr zurückgesandtes Paket ist angekommen: Bestellung { $number }
mail-return-received = Ihr zurückgesandtes Paket ist in unserem Lager angekommen. Wir prüfen es{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  } und teilen Ihnen das Ergebnis mit.
mail-return-approved-subject = Rücksendung genehmigt: RMA { $rma } zu Bestellung { $number }
mail-return-approved = Ihre Rücksendung zu Bestellung { $number } ist genehmigt. Ihre RMA-Nummer lautet { $rma }.
mail-return-send-to = Schreiben Sie die RMA-Nummer außen auf den Karton und senden Sie das Paket an:
    { $address }
mail-without-rma = Pakete ohne RMA-Nummer können nicht erstattet werden; sie gehen an das Rückkaufprogramm.
mail-inspection-passed-subject = Prüfung bestanden für Bestellung { $number }
mail-inspection-passed = Wir haben Ihre zurückgesandte Ware geprüft, und sie hat bestanden. { $refund } werden auf Ihre ursprüngliche Zahlungsart erstattet.
mail-inspection-failed-subject = Prüfergebnis für Bestellung { $number }
mail-inspection-failed = Wir haben Ihre zurückgesandte Ware geprüft, und sie hat nicht bestanden: { $reasons }.
mail-inspection-failed-next = Wählen Sie auf der Seite Ihrer Rücksendung, wie es weitergeht. Sie können innerhalb der Einspruchsfrist auch Einspruch gegen dieses Ergebnis einlegen.

## Erstattungen

mail-refund-sent-subject = Erstattung für Bestellung { $number } gesendet
mail-refund-sent = Ihre Erstattung{ $has_amount ->
    [yes] {" "}über { $amount }
   *[no] {""}
  } wurde an Ihre ursprüngliche Zahlungsart gesendet (Referenz { $reference }). Wie lange sie braucht, hängt von Ihrer Bank oder Ihrem Zahlungsanbieter ab: meist { $from ->
    [0] bis zu { $days } Werktage
   *[other] { $from }–{ $days } Werktage
  }.

## Rückkäufe

mail-buyback-applied-subject = Rückkaufantrag zu Bestellung { $number } erhalten
mail-buyback-applied = Wir haben Ihren Rückkaufantrag erhalten und senden Ihnen unser Angebot{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
mail-buyback-confirmed-subject = Rückkauf für Bestellung { $number } bestätigt
mail-buyback-confirmed = Die Prüfung ist abgeschlossen und der Rückkauf bestätigt. Wir zahlen{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  } auf Ihre ursprüngliche Zahlungsart.
mail-buyback-quote-subject = Rückkaufangebot für Bestellung { $number }
mail-buyback-quote = Wir bieten Ihnen { $amount } ({ $percent } des gezahlten Preises) für den Rückkauf Ihrer Ware. Das Angebot gilt bis zum { $until }. Nehmen Sie es auf der Seite des Falls an oder lehnen Sie es ab.
mail-buyback-revised-subject = Geändertes Rückkaufangebot für Bestellung { $number }
mail-buyback-revised = Nach der Prüfung haben wir unser Angebot auf { $amount } geändert: { $reasons }. Nehmen Sie das geänderte Angebot an oder lassen Sie sich die Ware zurücksenden, auf der Seite des Falls.

## Einsprüche

mail-appeal-filed-subject = Einspruch zu Bestellung { $number } erhalten
mail-appeal-filed = Wir haben Ihren Einspruch erhalten. Wir prüfen den Fall erneut und senden Ihnen unsere abschließende Stellungnahme{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
mail-appeal-upheld-subject = Einspruch zu Bestellung { $number } entschieden: Ergebnis bleibt
mail-appeal-upheld = Wir haben Ihren Fall erneut geprüft und das Ergebnis bestätigt. Unsere Stellungnahme: { $opinion }
mail-appeal-mediation = Wenn Sie nicht einverstanden sind, können Sie eine Schlichtung beantragen.
mail-appeal-changed-subject = Einspruch zu Bestellung { $number } entschieden: Ergebnis geändert
mail-appeal-changed = Wir haben Ihren Fall erneut geprüft und das Ergebnis geändert. Unsere Stellungnahme: { $opinion }

## Bestellungen

mail-shortage-subject = Bestellung { $number }: Ein Zubehörteil fehlt, wir brauchen Ihre Antwort
mail-shortage = Beim Vorbereiten Ihrer Bestellung haben wir festgestellt, dass ein Zubehörteil fehlt: { $message }
mail-shortage-consent = Wir machen nur mit Ihrer Zustimmung weiter (I.1). Wählen Sie auf der Seite Ihrer Bestellung, ob Sie warten, einen Ersatz nehmen oder den Artikel weglassen möchten.
mail-photos-subject = Bestellung { $number }: Bitte geben Sie die Fotos Ihres Produkts frei
mail-photos = Ihr Produkt ist montiert. Prüfen Sie die Fotos auf der Seite Ihrer Bestellung und geben Sie sie frei, oder sagen Sie uns, was wir ändern sollen, bevor wir es verpacken (I.2).
mail-returned-to-sender-subject = Bestellung { $number } ist zu uns zurückgekommen
mail-returned-to-sender = Ihr Paket konnte nicht zugestellt werden und ist zu uns zurückgekommen. Wir melden uns{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  } bei Ihnen wegen eines erneuten Versands oder einer Erstattung nach Abzügen (III.5).
mail-customs-subject = Bestellung { $number } wird beim Zoll festgehalten
mail-customs = Der Zoll hält Ihr Paket fest: { $note }
mail-customs-contact = Bitte wenden Sie sich an unseren Kundenservice, damit es verzollt werden kann (II).
mail-cancelled-subject = Bestellung { $number } wurde storniert
mail-cancelled = Ihre Bestellung { $number } wurde storniert: { $reason }
mail-shipped-subject = Bestellung { $number } ist unterwegs
mail-shipped = Ihre Bestellung { $number } wurde mit { $carrier } versandt, Sendungsnummer { $tracking }.
mail-shipped-check = Prüfen Sie das Paket bei Ankunft, bevor Sie unterschreiben; melden Sie Schäden innerhalb von 48 Stunden mit Fotos.
