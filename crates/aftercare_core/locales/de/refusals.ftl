# Warum ein Befehl abgelehnt wurde. Namen von Zuständen und Feldern bleiben, wie die API sie schreibt.

## Der Zustand des Falls, die Rollen des Handelnden

refused-state = Nicht möglich – { $doing }: Der Fall ist `{ $state }`, und das geht nur, wenn er { $allowed } ist
refused-only-role = Nur { $role ->
        [customer] der Kunde
        [agent] ein Kundendienstmitarbeiter
        [warehouse] das Lager
        [finance] die Buchhaltung
        [admin] ein Administrator
        [customer-side] der Kunde oder ein Mitarbeiter für ihn
        [customer-or-staff] der Kunde oder das Personal des Shops
        [goods-holders] der Kunde, ein Mitarbeiter oder das Lager
        [sweep-or-agent] die Fristenkontrolle oder ein Mitarbeiter
        [finance-or-payments] die Buchhaltung oder das Zahlungssystem
        [store-or-admin] der Onlineshop oder ein Administrator
        [staff] das Personal des Shops
       *[system] die Systeme des Shops
    } darf: { $doing }
refused-roles = Ihre Rollen erlauben Ihnen nicht: { $doing }
refused-four-eyes = Wer eine Erstattung bewilligt hat, darf sie nicht auch auszahlen
refused-staff-use-order-list = Nur Kunden haben eigene Bestellungen; das Personal nutzt die Bestellliste
refused-no-password = Nur das Personal hat ein Passwort zu ändern
refused-api-key-session-only = API-Schlüssel erreichen nur die Bestellungen; melden Sie sich an, um dies zu nutzen
refused-api-key-scope = Diesem API-Schlüssel fehlt der Bereich { $scope }
refused-sender-not-allowed = Der Absender darf in dieser Unterhaltung nicht schreiben: { $why }
refused-conflict = Jemand anderes hat den Fall inzwischen geändert; laden Sie ihn neu und versuchen Sie es noch einmal

## Die Schritte, wie die Ablehnungen sie nennen

doing-request-return = eine Rücksendung anfragen
doing-approve-return = eine Rücksendung genehmigen
doing-reject-return = eine Rücksendung ablehnen
doing-send-return-to-buyback = eine Rücksendung an den Rückkauf geben
doing-add-return-tracking = die Sendungsnummer der Rücksendung eintragen
doing-receive-return = ein zurückgesandtes Paket annehmen
doing-inspect-return = eine Rücksendung prüfen
doing-pass-inspection = die Prüfung bestehen lassen
doing-fail-inspection = die Prüfung nicht bestehen lassen
doing-ask-product-back = das Produkt zurückverlangen
doing-abandon-to-buyback = das Produkt dem Rückkauf überlassen
doing-choose-after-failed-inspection = wählen, was nach einer nicht bestandenen Prüfung geschieht
doing-record-refund = die Erstattung eintragen
doing-apply-buyback = einen Rückkauf beantragen
doing-open-buyback-for-parcel = einen Rückkauf für ein Paket ohne RMA eröffnen
doing-take-over-goods = die Waren einer Rücksendung an den Rückkauf geben
doing-grade-goods = den Zustand der Waren einstufen
doing-quote-buyback = ein Rückkaufangebot machen
doing-correct-quote = ein Angebot nach einem Einspruch berichtigen
doing-accept-quote = das Angebot annehmen
doing-decline-quote = das Angebot ablehnen
doing-expire-quote = das Angebot verfallen lassen
doing-add-buyback-tracking = die Sendungsnummer eintragen
doing-receive-buyback = ein Rückkaufpaket annehmen
doing-confirm-quote = das Angebot bestätigen
doing-revise-offer = das Angebot ändern
doing-accept-revision = das geänderte Angebot annehmen
doing-ask-item-back = den Artikel zurückverlangen
doing-mark-buyback-paid = einen Rückkauf als bezahlt markieren
doing-verify-payment = die Zahlung prüfen
doing-report-shortage = fehlendes Zubehör melden
doing-answer-shortage = die Frage zum fehlenden Zubehör beantworten
doing-start-assembly = die Montage beginnen
doing-send-assembly-photos = Fotos des montierten Produkts senden
doing-approve-photos = die Fotos freigeben
doing-ask-for-changes = Änderungen erbitten
doing-pack = die Bestellung verpacken
doing-ship = die Bestellung versenden
doing-record-signing = die Zustellung mit Unterschrift eintragen
doing-record-returned-parcel = ein zurückgekommenes Paket eintragen
doing-reship = ein zurückgekommenes Paket erneut versenden
doing-settle-returned-parcel = ein zurückgekommenes Paket abrechnen
doing-record-customs-hold = einen Zollrückhalt eintragen
doing-release-from-customs = eine Zollfreigabe eintragen
doing-record-customs-destruction = eine Vernichtung durch den Zoll eintragen
doing-cancel-order = die Bestellung stornieren
doing-file-appeal = einen Einspruch einlegen
doing-decide-appeal = die abschließende Stellungnahme zu einem Einspruch geben
doing-record-mediation = eine Schlichtung eintragen
doing-grant-refund = eine Erstattung bewilligen
doing-send-refund = eine Erstattung auszahlen
doing-settle-refund = eine Erstattung abschließen
doing-record-failed-payment = eine fehlgeschlagene Zahlung eintragen
doing-record-refused-payment = eine abgelehnte Zahlung eintragen
doing-write-message = in einer Unterhaltung schreiben
doing-write-internal-note = eine interne Notiz schreiben
doing-read-conversations = Unterhaltungen lesen
doing-close-without-reply = entscheiden, dass eine Nachricht keine Antwort braucht
doing-see-awaiting-reply = die Unterhaltungen sehen, die auf Antwort warten
doing-upload-evidence = Nachweise hochladen
doing-see-dashboard = das Dashboard sehen
doing-see-queues = die Warteschlangen sehen
doing-list-orders = alle Bestellungen auflisten
doing-import-orders = Bestellungen importieren
doing-export-orders = Bestellungen exportieren
doing-print-invoice = Handelsrechnungen drucken
doing-choose-email-language = die Sprache der eigenen E-Mails wählen
doing-change-logo = das Logo des Shops ändern
doing-change-profile = das Profil des Shops ändern
doing-list-api-keys = API-Schlüssel auflisten
doing-create-api-keys = API-Schlüssel anlegen
doing-revoke-api-keys = API-Schlüssel widerrufen
doing-see-connections = die Verbindungen sehen
doing-manage-webhooks = Webhooks verwalten
doing-create-staff = Personalkonten anlegen
doing-edit-staff = Personalkonten bearbeiten
doing-see-staff = Personalkonten sehen
doing-deactivate-staff = Personalkonten deaktivieren oder reaktivieren
doing-send-password-links = Links zum Setzen des Passworts senden
doing-use-console = dies tun

## Werte

refused-empty = darf nicht leer sein
refused-too-long = darf höchstens { $max } Zeichen lang sein
refused-too-many = höchstens { $max } Einträge
refused-too-many-files = höchstens { $max } Dateien pro Nachricht
refused-empty-message = Schreiben Sie eine Nachricht oder hängen Sie eine Datei an
refused-negative = darf nicht negativ sein
refused-not-above-zero = muss größer als null sein
refused-at-least-one = muss mindestens 1 sein
refused-in-future = liegt in der Zukunft
refused-listed-twice = ist doppelt aufgeführt
refused-date-out-of-range = liegt zu weit in der Zukunft, um Werktage zu zählen
refused-no-lines = Wählen Sie mindestens eine Position
refused-not-order-line = `{ $sku }` ist keine Position dieser Bestellung
refused-units-not-free = { $free } der { $ordered } Einheiten von { $sku } können angefragt werden (in offenen Anfragen: { $requested }, beim Shop: { $at_shop }, zurückgesandt und erstattet: { $refunded }, zurückgekauft: { $bought_back }, auf dem Rückweg verloren: { $lost }, nie zugestellt: { $undelivered })
refused-no-reason = Geben Sie mindestens einen Grund an
refused-not-return-eligible = Die Antwort der Richtlinie ist `{ $outcome }`, nicht `return_eligible`; siehe ihre Gründe
refused-not-buyback-route = Die Richtlinie empfiehlt für dieses Produkt einen anderen Weg; siehe die Gründe der Entscheidung
refused-choice-not-offered = Richtlinie { $version } bietet diese Wahl nach einer nicht bestandenen Prüfung nicht an ({ $clause })
refused-sku-not-in-return = `{ $sku }` gehört nicht zu dieser Rücksendung
refused-received-over-rma = { $received } ist mehr als die { $quantity } Einheiten, die diese RMA umfasst
refused-sku-not-received = Keine Einheit von `{ $sku }` ist eingegangen
refused-inspected-count = { $received } Einheiten von { $sku } sind eingegangen; die Prüfung beurteilt diese
refused-damaged-over-received = kann nicht mehr sein als die eingegangenen Einheiten
refused-lost-with-units = Ein auf dem Transport verlorenes Paket kann keine eingegangenen Einheiten haben
refused-no-units-received = Zählen Sie mindestens eine eingegangene Einheit, oder tragen Sie das Paket als verloren ein
refused-parcel-contents = Geben Sie an, was das Paket enthielt
refused-return-holds-no-goods = Die Rücksendung enthält keine Waren
refused-no-price = Der Fall hat keinen Preis, auf den sich ein Angebot beziehen kann
refused-quote-outside-needs-reason = Ein Angebot außerhalb von { $min }..{ $max } braucht eine Begründung
refused-quote-over-max = Das Rückkaufprogramm zahlt höchstens { $max }
refused-quote-below-min = Unter { $min } nur für schwer beschädigte Produkte in manueller Prüfung
refused-corrected-quote-range = Ein berichtigtes Angebot bleibt innerhalb von { $min }..{ $max }
refused-quote-expired = Das Angebot ist abgelaufen; fragen Sie nach einem neuen
refused-quote-still-valid = Das Angebot ist noch gültig
refused-revision-needs-reasons = Sagen Sie, warum sich das Angebot ändert
refused-revision-amount = Ein geändertes Angebot liegt unter dem ursprünglichen und ist nicht negativ; andernfalls bestätigen Sie das Angebot
refused-assembly-photos-missing = Hängen Sie Fotos oder Videos des fertigen Produkts an
refused-tracking-url = muss ein http(s)-Link zur Sendungsverfolgung des Zustellers sein
refused-damage-needs-evidence = Ein bei der Zustellung vermerkter Schaden braucht das Protokoll des Zustellers oder Fotos (I.6)
refused-reship-needs-fee = Der erneute Versand braucht die zweite internationale Versandgebühr, die der Kunde bezahlt hat ({ $clause })
refused-appeal-statement = Sagen Sie, wogegen Sie Einspruch erheben und warum
refused-appeal-evidence = Ein Einspruch braucht Nachweise (IV)
refused-appeal-window-closed = Die Einspruchsfrist endete am { $last_day }: Einsprüche werden innerhalb von { $days } Werktagen nach Erhalt des Ergebnisses eingelegt ({ $clause })
refused-opinion-needs-reasons = Die abschließende Stellungnahme braucht ihre Gründe
refused-name-mediator = Nennen Sie die unabhängige Stelle
refused-already-appealed = Gegen dieses Ergebnis wurde bereits Einspruch eingelegt, und die Stellungnahme der Nachprüfung ist endgültig (IV); der Kundendienst kann eine Schlichtung durch Dritte eintragen
refused-appeal-of-appeal = Die Nachprüfung eines Einspruchs ist die endgültige Stellungnahme (IV): Dagegen ist kein Einspruch möglich; der Kundendienst kann eine Schlichtung durch Dritte eintragen
refused-name-payment-method = Nennen Sie die ursprüngliche Zahlungsart
refused-refund-over-cap = { $amount } ist mehr als die { $cap }, die für diese Bestellung noch erstattet werden können (Gezahltes plus erstattete Rücksendekosten, abzüglich früherer Erstattungen)
refused-already-granted = Das Geld für diesen Fall wurde bereits bewilligt
refused-no-paying-result = Dieser Fall hat kein Ergebnis, das Geld auszahlt
refused-appeal-no-correction = Der Einspruch hat keine berichtigte Erstattung zur Auszahlung festgelegt
refused-nothing-payable-yet = Noch ist nichts zu zahlen: Eine Rücksendung muss die Prüfung bestehen, ein Rückkauf bestätigt oder seine Änderung angenommen sein
refused-nothing-left-for-case = Für diesen Fall ist nichts mehr zu bewilligen: Sein Gesamtbetrag ist { $total }, und { $granted } wurden für ihn und seine Einsprüche bewilligt
refused-grant-over-order = { $amount } ist mehr als die { $left }, die für diese Bestellung noch erstattet werden können ({ $paid } gezahlt, { $return_costs } bestätigte Rücksendekosten, { $granted } zuvor bewilligt)
refused-correction-below-granted = { $granted } wurden für diesen Fall bereits bewilligt: Ein berichtigter Gesamtbetrag kann das nicht zurücknehmen
refused-correction-over-order = { $corrected } ist mehr als die { $most }, die die Bestellung für diesen Fall erlaubt ({ $allowance } gezahlt und bestätigt, { $others } für andere Fälle bewilligt)
refused-nothing-awaited = Die Unterhaltung wartet auf keine Antwort des Shops

## Beträge und Prozentsätze

refused-unknown-currency = `{ $currency }` ist kein ISO-4217-Währungscode
refused-currency-not-payable = { $currency } hat keine Untereinheit und taugt nicht für Zahlungen
refused-malformed-amount = `{ $amount }` ist kein Betrag; schreiben Sie Ziffern mit optionalem Dezimalpunkt, etwa "120.00"
refused-amount-too-precise = `{ $amount }` hat mehr Nachkommastellen, als { $currency } erlaubt ({ $exponent })
refused-amount-too-large = Der Betrag ist zu groß
refused-currency-mismatch = { $first } und { $second } lassen sich nicht verrechnen
refused-zero-whole = Ein Betrag lässt sich nicht anteilig auf eine Summe von null verteilen
refused-bad-percent = `{ $percent }` ist kein Prozentsatz zwischen 0 und 100; schreiben Sie eine ganze Zahl oder eine Dezimalzahl in Anführungszeichen wie "12.5"

## Dateien und Ergebnisse, die eine Anfrage nennt

refused-not-your-upload = { $id } ist keine Datei, die Sie für diese Nachricht hochgeladen haben
refused-upload-already-sent = { $id } wurde bereits mit einer anderen Nachricht gesendet
refused-not-your-evidence = ist kein Foto oder Video, das Sie hochgeladen haben; laden Sie es zuerst hoch
refused-no-result-to-appeal = Dieser Fall hat kein Ergebnis dieser Art, gegen das Einspruch möglich ist (eines von: { $kinds })

## Hochgeladene Fotos und Videos

refused-file-empty = Die Datei ist leer
refused-file-type = muss ein JPEG-, PNG- oder WebP-Foto oder ein MP4- oder MOV-Video sein (nach seinem Inhalt beurteilt)
refused-video-unreadable = ist kein lesbares Video ({ $why })
refused-file-too-large = ist größer als die { $megabytes } MB, die für diesen Typ angenommen werden
refused-upload-too-large = ist größer als die größte angenommene Datei ({ $video } MB für ein Video, { $photo } MB für ein Foto)
