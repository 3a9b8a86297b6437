# Die Wörter des Kundenportals.

## Jede Seite

language-label = Sprache
language-change = Wechseln
sign-out = Abmelden

## Anmelden

sign-in-title = Anmelden: Ihre Bestellungen
sign-in-heading = Ihre Bestellungen, Rücksendungen und Anfragen
sign-in-sent = Wenn Bestellnummer und E-Mail-Adresse zusammengehören, ist ein Anmeldelink an diese Adresse unterwegs. Er funktioniert einmal, 15 Minuten lang.
sign-in-throttled = Zu viele Anmeldeversuche. Warten Sie eine Minute und versuchen Sie es erneut.
sign-in-intro = Geben Sie Ihre Bestellnummer und die E-Mail-Adresse an, mit der Sie bestellt haben. Wir schicken Ihnen einen Anmeldelink per E-Mail.
sign-in-order-number = Bestellnummer
sign-in-email = E-Mail
sign-in-order-number-missing = Geben Sie die Bestellnummer aus Ihrer Bestellbestätigung an.
sign-in-email-missing = Geben Sie die E-Mail-Adresse an, mit der Sie bestellt haben.
sign-in-send = Anmeldelink per E-Mail senden
sign-in-staff = Mitarbeiter?
sign-in-console = Bei der Konsole anmelden

## Bestellungen

orders-title = Ihre Bestellungen
orders-signed-in-as = Angemeldet als { $email }
orders-none = Noch keine Bestellungen.
order-title = Bestellung { $number }
order-placed = Bestellt am { $date }
order-signed-on = am { $date } gegen Unterschrift erhalten
order-shipped-with = Versandt mit { $carrier }, Sendungsnummer
order-track = Sendung verfolgen
order-what-now = Was Sie jetzt tun können
order-lines = Was Sie bestellt haben
order-item = Artikel
order-quantity = Menge
order-price = Preis
order-requests = Anfragen und ihre Schritte
order-no-requests = Keine Rücksendung, kein Rückkauf und kein Einspruch zu dieser Bestellung.
order-timeline = Verlauf

photos-title = Fotos Ihres montierten Produkts
photos-intro = Bitte prüfen Sie sie. Wir verpacken und versenden, sobald Sie zustimmen.
photos-alt = Montiertes Produkt, Foto { $n }
photos-approve = Fotos freigeben
photos-comment = Oder sagen Sie uns, was nicht stimmt
photos-ask-changes = Änderungen erbitten

shortage-title = Ein Zubehörteil fehlt
shortage-question = Was sollen wir tun?
shortage-wait = Warten, bis es wieder vorrätig ist
shortage-substitute = Ein gleichwertiges Zubehörteil verwenden
shortage-drop = Einen Artikel weglassen und erstatten
shortage-item = Wegzulassender Artikel
shortage-send = Antwort senden

## Eine Anfrage (Rücksendung, Umtausch, Rückkauf) und ihre Seite

case-next-due = nächster Schritt bis { $date }
case-rma-number = RMA-Nummer
case-facts = Ihr Fall
case-tracking = Sendungsnummer Ihres Pakets:
case-next = Wie es weitergeht
case-related = Zugehörige Fälle
case-why = Warum, in den Worten der Richtlinie
case-media = Fotos und Videos
case-photo-alt = Foto { $n }
case-steps = Bisherige Schritte
case-refund-to-method = { $amount } auf Ihre ursprüngliche Zahlungsart ({ $method }), wie es die Rückgaberegeln der Richtlinie vorsehen (III.3).
case-as-you-paid = wie bezahlt
case-our-offer = Unser Angebot: { $amount } ({ $percent } des gezahlten Preises), gültig bis { $until }.

appeal-title = Einspruch gegen dieses Ergebnis
appeal-when = Innerhalb von { $window } nach dem Ergebnis. Wir prüfen innerhalb von { $recheck } erneut und senden Ihnen unsere abschließende Stellungnahme.
appeal-statement = Was am Ergebnis falsch ist
appeal-file = Ein Foto oder Video, das es zeigt
appeal-send = Einspruch senden

slip-card-title = Rücksendeschein: auf den Karton kleben
slip-send-to = Senden an
slip-without-number = Pakete ohne diese Nummer können nicht erstattet werden; sie gehen an das Rückkaufprogramm.
slip-print = Rücksendeschein drucken
slip-print-what = (mit QR-Code der RMA-Nummer, den Artikeln und beiden Adressen)
slip-title = RMA-Schein { $rma }
slip-back = Zurück zur Rücksendung
slip-how-to-print = Drucken Sie diese Seite aus und kleben Sie den Schein außen auf den Karton (Drucken im Browser oder Strg+P / ⌘P), oder laden Sie ihn als PDF herunter; er hing auch an der E-Mail mit Ihrer RMA-Nummer.
slip-pdf = Schein als PDF herunterladen
slip-heading = Rücksendeschein · Bestellung { $number }
slip-from = Absender
slip-items = Artikel in diesem Paket
slip-sku = Art.-Nr.
slip-units = Stück
slip-declaration = Zurückgesandte Ware, unter RMA { $rma } zur Prüfung und Erstattung an den Verkäufer zurückgeschickt; kein Verkauf.

request-title = Eine Anfrage zu Bestellung { $number }
request-intro = Nichts wird gesendet, bevor Sie auf „Anfrage senden“ drücken. Zuerst sehen Sie, was unsere Richtlinie entscheidet, mit Beträgen und Daten.
request-send = Anfrage senden
request-answers = Ihre Angaben
request-answers-hint = Ändern Sie, was Sie möchten, und prüfen Sie erneut; beim Senden wird die Anfrage noch einmal bewertet.
request-kind = 1. Was möchten Sie?
request-kind-return = Zurücksenden gegen Erstattung
request-kind-exchange = Gegen eine andere Größe, Farbe oder ein anderes Modell umtauschen
request-kind-buyback = An unser Rückkaufprogramm verkaufen
request-items = 2. Welche Artikel, und wie viele
request-you-have = { $sku }, Sie haben { $n }
request-why = 3. Warum (für eine Rücksendung oder einen Umtausch)
request-reason = Grund
request-choose = Auswählen…
request-return-costs = Was Sie die Rücksendung des Pakets kostet, falls bekannt (optional)
request-condition = 3. Sein Zustand (für einen Rückkauf)
request-grade = Zustand
request-defect = Hat es einen Mangel?
request-no-defect = Nein, es funktioniert einwandfrei
request-defect-hint = Einen Mangel, der noch in der Rückgabefrist liegt, senden Sie besser zurück: Eine Rücksendung bringt Ihnen mehr als ein Rückkauf.
request-missing = Fehlendes Zubehör
request-packaging = Ich habe die Originalverpackung noch
request-more = 4. Erzählen Sie uns mehr, mit Fotos oder Videos
request-description = Was passiert ist oder was Sie stattdessen möchten
request-files = Fotos oder Videos (JPEG, PNG, WebP, MP4, MOV)
request-added = Bisher hinzugefügt:
request-upload-alt = Ihre Datei { $n }
request-check-again = Erneut prüfen
request-preview = Ansehen, was die Richtlinie entscheidet

## Was die Richtlinie entscheidet

decision-title = Was die Richtlinie entscheidet
decision-refund = Erstattung, auf die ursprüngliche Zahlungsart
decision-you-get = Sie erhalten
decision-quote = Rückkaufangebot
decision-our-offer = Unser Angebot
decision-dates = Termine
decision-why = Warum
decision-clauses = Die Klauseln der Richtlinie ({ $n })
outcome-return-eligible = Sie können diese Artikel zurücksenden. Sobald das Paket die Prüfung besteht, erhalten Sie die Erstattung unten.
outcome-needs-evidence = Fügen Sie deutliche Fotos oder Videos des Problems hinzu: Die Richtlinie verlangt sie vor einer Rücksendung.
outcome-buyback-offered = Eine Rücksendung ist nicht mehr möglich, aber unser Rückkaufprogramm kann Ihnen die Artikel abkaufen.
outcome-buyback-quote = Unser Rückkaufprogramm kann Ihnen die Artikel für den Betrag unten abkaufen.
outcome-buyback-manual-review = Der Kundenservice sieht sich Ihre Fotos an und schickt Ihnen ein Angebot.
outcome-return-recommended = Das ist ein Mangel: Eine Rücksendung bringt Ihnen mehr als das Rückkaufprogramm.
outcome-exchange-via-return = Wir tauschen über eine Rücksendung um: Senden Sie diese Artikel gegen Erstattung zurück und bestellen Sie dann, was Sie brauchen.
outcome-exchange-negotiable = Der Kundenservice kann mit Ihnen einen direkten Umtausch vereinbaren.
outcome-refund-after-deductions = Eine Erstattung nach den Abzügen unten.
outcome-no-refund = Die Richtlinie sieht hier keine Erstattung vor.
refund-line-product = Der Preis der Artikel
refund-line-handling-fee = Einbehaltene Bearbeitungsgebühr
refund-line-original-shipping = Ihr Anteil am ursprünglichen Versand
refund-line-duties = Ihr Anteil an den gezahlten Zöllen
refund-line-return-costs = Was Sie die Rücksendung des Pakets gekostet hat
refund-line-deduction-shipping = Abgezogener internationaler Versand der Bestellung
refund-line-deduction-processing = Abgezogene Bearbeitungsgebühr der Rücksendung
deadline-review-by = Wir prüfen die Anfrage bis
deadline-return-by = Eine Rücksendung kann beantragt werden bis
deadline-evidence-by = Fotos oder Videos hinzufügen bis
deadline-quote-by = Der Kundenservice bestätigt den Betrag bis
deadline-contact-by = Wir melden uns bis
deadline-process-by = Wir bearbeiten die Bestellung bis
deadline-due-by = Fällig bis
quote-line-paid = Für die Artikel gezahlt
quote-line-grade = Anteil für ihren Zustand
quote-line-missing-accessories = Fehlendes Zubehör
quote-line-no-packaging = Ohne Originalverpackung
quote-line-floor = Der niedrigste Anteil des Programms gilt
quote-line-valid-until = Angebot gültig bis
quote-total = { $amount } ({ $percent } des gezahlten Preises)

## Die Unterhaltung mit dem Kundenservice

conversation-title = Nachrichten mit dem Kundenservice
conversation-overdue = überfällig
conversation-none = Noch keine Nachricht.
conversation-invite = Schreiben Sie uns hier zu allem auf dieser Seite; wir antworten per E-Mail und hier.
conversation-internal = Interne Notiz
conversation-photo-alt = Angehängtes Foto { $n }
conversation-files-gone = { $n ->
    [one] 1 Datei ist nicht mehr verfügbar.
   *[other] { $n } Dateien sind nicht mehr verfügbar.
  }
conversation-not-sent = Ihre Nachricht wurde nicht gesendet:
conversation-write = An den Kundenservice schreiben
conversation-files = Fotos oder Videos (optional)
conversation-send = Senden

## Was ein Fall ist, seine Zustände und die Schritte seines Verlaufs

case-kind-order = Lieferung
case-kind-return = Rücksendung
case-kind-buyback = Rückkauf
case-kind-refund = Erstattung
case-kind-appeal = Einspruch
case-kind-parcel = Paket
case-line = { $title }: { $state }
case-line-due = { $title }: { $state }, nächster Schritt bis { $date }
word-placed = Bestellt
word-payment-verified = Zahlung geprüft
word-awaiting-shortage-consent = Wartet auf Ihre Antwort zu einem fehlenden Zubehörteil
word-assembling = In Montage
word-awaiting-photo-approval = Wartet auf Ihre Freigabe der Fotos
word-photos-approved = Fotos freigegeben
word-packed = Verpackt
word-shipped = Versandt
word-signed = Zugestellt
word-returned-to-sender = An den Absender zurück
word-held-at-customs = Beim Zoll festgehalten
word-destroyed-at-customs = Vom Zoll vernichtet
word-cancelled = Storniert
word-requested = Beantragt
word-approved = Genehmigt
word-rejected = Abgelehnt
word-sent-to-buyback = An das Rückkaufprogramm übergeben
word-in-transit = Unterwegs
word-received = Eingegangen
word-inspection-passed = Prüfung bestanden
word-refund-granted = Erstattung gewährt
word-inspection-failed = Prüfung nicht bestanden
word-sent-back = Zurückgesandt
word-abandoned-to-buyback = Dem Rückkaufprogramm überlassen
word-lost = Verloren
word-applied = Beantragt
word-quoted = Angebot gesendet
word-accepted = Angenommen
word-declined = Abgelehnt
word-expired = Abgelaufen
word-revised = Angebot geändert
word-revision-accepted = Geändertes Angebot angenommen
word-confirmed = Bestätigt
word-paid = Bezahlt
word-goods-held = Ware zurückgehalten
word-granted = Gewährt
word-sent = Gesendet
word-settled = Abgeschlossen
word-failed = Fehlgeschlagen
word-filed = Eingereicht
word-upheld = Ergebnis bestätigt
word-changed = Ergebnis geändert
word-mediation = Schlichtung

## Was der Kunde jetzt tun kann

todo-approve-photos = Fotos Ihres montierten Produkts freigeben
todo-answer-shortage = Uns sagen, was mit einem fehlenden Zubehörteil geschehen soll
todo-send-parcel = Paket mit RMA-Nummer { $rma } senden
todo-choose-after-inspection = Wählen, was mit der zurückgesandten Ware geschieht{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }
todo-answer-offer = Unser Angebot annehmen oder ablehnen{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }
todo-send-goods = Uns die Ware senden
todo-report-damage-noted = Bei der Zustellung entdeckte Schäden melden; sie wurden bei der Unterschrift festgehalten
todo-report-damage-until-time = Bei der Zustellung entdeckte Schäden melden bis { $until } (Zeitzone { $zone })
todo-report-damage-until = Bei der Zustellung entdeckte Schäden melden bis { $until }
todo-return-possible = Rücksendung wegen { $reasons } möglich bis { $until }
todo-or = {" "}oder{" "}
todo-sell-back = An unser Rückkaufprogramm verkaufen
todo-sell-back-range = An unser Rückkaufprogramm verkaufen ({ $min } bis { $max } des gezahlten Preises)

## Die Auswahl im Anfrageformular

choice-reason-quality-issue = Es hat einen Qualitätsmangel
choice-reason-not-as-described = Es weicht erheblich von seiner Beschreibung ab
choice-reason-wrong-item = Ich habe einen falschen Artikel erhalten (Modell, Farbe, Größe)
choice-reason-transport-damage = Es wurde beim Transport beschädigt (innerhalb von { $unit ->
    [hours] { $length } Stunden
   *[days] { $length } Tagen
  } nach der Unterschrift)
choice-reason-other = Ein anderer Grund (innerhalb von { $unit ->
    [hours] { $length } Stunden
   *[days] { $length } Tagen
  }; { $percent } des Preises werden erstattet)
choice-grade-like-new = Wie neu: keine Spuren, funktioniert einwandfrei
choice-grade-good = Gut: leichte Spuren, funktioniert einwandfrei
choice-grade-fair = Ordentlich: sichtbare Abnutzung, funktioniert
choice-grade-worn = Abgenutzt: starke Abnutzung oder kleine Fehler
choice-grade-damaged = Beschädigt: kaputt oder funktioniert nicht
choice-defect-quality-issue = Ja: ein Qualitätsmangel
choice-defect-not-as-described = Ja: es weicht erheblich von der Beschreibung ab
choice-defect-wrong-item = Ja: ich habe einen falschen Artikel erhalten
choice-defect-transport-damage = Ja: es wurde beim Transport beschädigt

## Das Konto der Bestellung

order-carrier-said = Was der Zusteller meldet
ledger-title = Konto der Bestellung
ledger-paid = Was bezahlt wurde
ledger-products = Produkte
ledger-shipping = Internationaler Versand
ledger-duties = Zölle und Steuern der Bestellung
ledger-total-paid = Insgesamt bezahlt
ledger-confirmed-return-costs = Laut Belegen bestätigte Rücksendekosten
ledger-by-request = Erstattungen und Rückkaufzahlungen, nach Anfrage
ledger-request = Anfrage
ledger-result = Ergebnis
ledger-corrected = Nach Einspruch korrigiert
ledger-granted = Gewährt
ledger-sent = Gesendet
ledger-arrived = Angekommen
ledger-owed = Noch offen
ledger-whole-order = Ganze Bestellung
ledger-units = Wo jedes Stück ist
ledger-ordered = Bestellt
ledger-with-customer = Beim Kunden
ledger-requested = In offenen Anfragen
ledger-at-shop = Beim Shop
ledger-refunded = Erstattet
ledger-bought-back = Zurückgekauft
ledger-elsewhere = Anderswo
ledger-sent-back = { $n } an den Kunden zurückgesandt
ledger-lost = { $n } auf dem Rückweg verloren
ledger-undelivered = { $n } nie zugestellt
ledger-returned-parcel = Zurückgekommenes Paket
ledger-left = Erstattungen gehen auf die ursprüngliche Zahlungsart (III.3). Für diese Bestellung können höchstens noch { $left } erstattet werden.

## Wie es mit einem Fall weitergeht, und die Auswahl des Kunden

working-days = { $n ->
    [one] 1 Werktag
   *[other] { $n } Werktagen
  }
next-review = Wir prüfen Ihre Anfrage{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-send-parcel = Senden Sie das Paket mit der RMA-Nummer auf dem Karton an die Rücksendeadresse und geben Sie unten die Sendungsnummer an.
next-inspect-then-refund = Bei Ankunft prüfen wir die Ware und erstatten Ihnen dann auf Ihre ursprüngliche Zahlungsart.
next-record-parcel = Wir erfassen das Paket bei Ankunft und prüfen dann die Ware.
next-inspect = Wir prüfen die Ware{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-grant-refund = Wir gewähren Ihre Erstattung{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }, auf Ihre ursprüngliche Zahlungsart.
next-refund-granted = Ihre Erstattung ist gewährt: Die Buchhaltung sendet sie an Ihre ursprüngliche Zahlungsart; Ihre Bank oder Ihr Zahlungsanbieter braucht meist { $from ->
    [0] bis zu { $days } Werktage
   *[other] { $from }–{ $days } Werktage
  }, bis sie erscheint.
next-goods-to-buyback = Die Ware bleibt bei uns und wird über das Rückkaufprogramm bearbeitet: Unser Angebot finden Sie in der Rückkaufanfrage Ihrer Bestellung.
next-choose-after-inspection = Wählen Sie unten: Rücksendung der Ware an Sie auf Ihre Kosten oder Verkauf an das Rückkaufprogramm.
next-quote = Der Kundenservice schickt Ihnen ein Angebot{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-answer-offer = Nehmen Sie das Angebot an oder lehnen Sie es ab, solange es gilt.
next-send-goods = Senden Sie uns die Ware auf Ihre Kosten und geben Sie unten die Sendungsnummer an; wir prüfen sie bei Ankunft.
next-answer-revision = Nehmen Sie das geänderte Angebot an oder verlangen Sie die Ware zurück.
next-pay = Wir zahlen{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-send-money = Wir senden das Geld an Ihre ursprüngliche Zahlungsart{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-money-on-its-way = Das Geld ist unterwegs; wie lange es braucht, hängt von Ihrer Bank oder Ihrem Zahlungsanbieter ab: meist { $from ->
    [0] bis zu { $days } Werktage
   *[other] { $from }–{ $days } Werktage
  } (III.3).
next-recheck = Wir prüfen erneut und senden Ihnen unsere abschließende Stellungnahme{ $has_date ->
    [yes] {" "}bis zum { $date }
   *[no] {""}
  }.
next-mediation = Wenn Sie weiterhin nicht einverstanden sind, können Sie über die Zahlungsplattform oder eine Verbraucherstelle eine Schlichtung anstreben.
action-tracking-number = Sendungsnummer Ihres Pakets
action-address = Adresse für die Rücksendung der Ware
action-sent-parcel = Ich habe das Paket gesendet
action-choose-buyback = Die Ware an das Rückkaufprogramm verkaufen
action-choose-send-back = Die Ware auf meine Kosten an mich zurücksenden
action-accept-offer = Angebot annehmen
action-decline-offer = Angebot ablehnen
action-sent-goods = Ich habe die Ware gesendet
action-accept-revision = Geändertes Angebot annehmen
action-ask-for-item-back = Ablehnen und die Ware an mich zurücksenden

## Fehlerseiten und die Seite des Anmeldelinks

error-home = Zurück zu Ihren Bestellungen
error-console = Mitarbeiterkonsole
error-internal-detail = Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal; wenn es so bleibt, wenden Sie sich an den Kundenservice.
error-invalid-field = Ein Feld ist ungültig
error-not-found = Nicht gefunden
error-forbidden = Für Ihre Rolle nicht erlaubt
error-not-allowed-now = Im aktuellen Schritt des Falls nicht möglich
error-stale-version = Der Fall hat sich inzwischen geändert
error-internal = Interner Fehler
error-malformed-body = Der Inhalt der Anfrage ist nicht lesbar
error-unauthenticated = Melden Sie sich an oder verwenden Sie einen gültigen API-Schlüssel
error-unavailable = Vorübergehend nicht verfügbar
error-cross-site-request = Eine Änderung mit Anmeldung muss von dieser Website kommen
error-too-many-attempts = Zu viele Versuche; warten Sie eine Minute und versuchen Sie es erneut
error-link-unusable = Dieser Anmeldelink wurde schon benutzt, ist abgelaufen oder unbekannt; fordern Sie einen neuen an
error-body-too-large = Die Datei ist größer als erlaubt
link-title = Anmelden
link-heading = Bei Ihren Bestellungen anmelden
link-intro = Dieser Link meldet Sie einmal an. Drücken Sie auf die Schaltfläche, um fortzufahren.
link-continue = Weiter

## Die Angaben eines Falls

fact-you-wrote = Sie schrieben
fact-customer-says = Der Kunde sagt
fact-items = Artikel
fact-reason = Grund
fact-return-costs = Rücksendekosten
fact-policy-refund = Erstattung laut Richtlinie
fact-return-tracking = Sendungsverfolgung der Rücksendung
fact-received = Eingegangen
fact-received-line = { $received } von { $sku } ({ $damaged } beschädigt)
fact-refund-after-inspection = Erstattung nach der Prüfung
fact-inspection-found = Prüfbefund
fact-why = Warum
fact-condition = Zustand
fact-condition-value = { $grade }, { $missing } Zubehörteile fehlen, { $packaging ->
    [yes] mit Originalverpackung
   *[no] ohne Originalverpackung
  }
fact-paid-for-items = Für die Artikel gezahlt
fact-quote = Angebot
fact-quote-value = { $amount } ({ $percent } des gezahlten Preises), gültig bis { $until }
fact-revised-offer = Geändertes Angebot
fact-why-revised = Grund der Änderung
fact-tracking = Sendungsverfolgung
fact-appeal-against = Einspruch gegen
fact-final-opinion = Abschließende Stellungnahme
fact-mediation = Schlichtung
fact-amount = Betrag
fact-payment-method = Zahlungsart
fact-payment-reference = Zahlungsreferenz
fact-provider-said = Was der Zahlungsanbieter meldet
word-quality-issue = Qualitätsmangel
word-not-as-described = Weicht von der Beschreibung ab
word-wrong-item = Falscher Artikel
word-transport-damage = Transportschaden
word-other = Sonstiges
word-like-new = Wie neu
word-good = Gut
word-fair = Ordentlich
word-worn = Abgenutzt
word-damaged = Beschädigt
word-review = Prüfung der Anfrage
word-inspection = Warenprüfung
word-quote = Angebot
word-refund-amount = Erstattungsbetrag
word-delivery = Lieferung

## Die Hinweise des Anfrageformulars

request-error-quantity = { $item }: Geben Sie eine ganze Zahl von 0 bis { $most } an
request-error-no-item = Wählen Sie mindestens einen Artikel.
request-error-reason = Wählen Sie einen Grund.
request-error-grade = Wählen Sie den Zustand, der am besten passt.
request-error-missing = Geben Sie eine ganze Zahl an Zubehörteilen an (0, wenn keines fehlt).
request-error-defect = Wählen Sie, ob es einen Mangel hat.
request-error-kind = Wählen Sie eine Rücksendung, einen Umtausch oder einen Rückkauf.

## More steps of a case's history

word-assembly-media-submitted = Montagefotos gesendet
word-assembly-started = Montage begonnen
word-changes-requested = Änderungen erbeten
word-graded = Zustand bewertet
word-item-back-requested = Rücksendung der Ware verlangt
word-mediation-recorded = Schlichtung vermerkt
word-parcel-without-rma = Paket ohne RMA
word-quote-corrected = Angebot korrigiert
word-refused = Abgelehnt
word-released-from-customs = Vom Zoll freigegeben
word-reshipped = Erneut versandt
word-return-taken-over = Rücksendung übernommen
word-returned-parcel-settled = Zurückgekommenes Paket abgerechnet
word-send-back-chosen = Rücksendung gewählt
word-shortage-answered = Fehlteil beantwortet
word-shortage-reported = Fehlteil gemeldet
word-carrier-problem = Problem beim Zusteller
word-deadline-recounted = Frist neu berechnet
conversation-by-email = per E-Mail
conversation-page-title = Unterhaltung: { $title }
conversation-back = Zurück
conversation-back-to-page = Zurück zur Seite

upload-refused = Das Foto oder Video: { $why }
form-line = Position { $n }, { $field }
