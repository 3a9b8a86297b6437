# Les mots du portail client.

## Toutes les pages

language-label = Langue
language-change = Changer
sign-out = Se déconnecter

## Connexion

sign-in-title = Connexion : vos commandes
sign-in-heading = Vos commandes, retours et demandes
sign-in-sent = Si le numéro de commande et l'adresse e-mail vont ensemble, un lien de connexion est en route vers cette adresse. Il fonctionne une fois, pendant 15 minutes.
sign-in-throttled = Trop de tentatives de connexion. Attendez une minute et réessayez.
sign-in-intro = Indiquez votre numéro de commande et l'adresse e-mail utilisée pour commander. Nous vous envoyons un lien de connexion par e-mail.
sign-in-order-number = Numéro de commande
sign-in-email = E-mail
sign-in-order-number-missing = Indiquez le numéro de commande figurant sur votre confirmation de commande.
sign-in-email-missing = Indiquez l'adresse e-mail utilisée pour commander.
sign-in-send = M'envoyer un lien de connexion
sign-in-staff = Membre de l'équipe ?
sign-in-console = Se connecter à la console

## Commandes

orders-title = Vos commandes
orders-signed-in-as = Connecté en tant que { $email }
orders-none = Aucune commande pour l'instant.
order-title = Commande { $number }
order-placed = Passée le { $date }
order-signed-on = réceptionnée le { $date }
order-shipped-with = Expédiée avec { $carrier }, numéro de suivi
order-track = Suivre le colis
order-what-now = Ce que vous pouvez faire maintenant
order-lines = Ce que vous avez commandé
order-item = Article
order-quantity = Quantité
order-price = Prix
order-requests = Demandes et leurs étapes
order-no-requests = Aucun retour, rachat ou recours pour cette commande.
order-timeline = Historique

photos-title = Photos de votre produit assemblé
photos-intro = Vérifiez-les, s'il vous plaît. Nous emballons et expédions dès que vous les approuvez.
photos-alt = Produit assemblé, photo { $n }
photos-approve = Approuver les photos
photos-comment = Ou dites-nous ce qui ne va pas
photos-ask-changes = Demander des modifications

shortage-title = Un accessoire manque
shortage-question = Que devons-nous faire ?
shortage-wait = Attendre qu'il soit en stock
shortage-substitute = Utiliser un accessoire équivalent
shortage-drop = Retirer un article et le rembourser
shortage-item = Article à retirer
shortage-send = Envoyer ma réponse

## Une demande (retour, échange, rachat) et sa page

case-next-due = prochaine étape d'ici le { $date }
case-rma-number = Numéro RMA
case-facts = Votre dossier
case-tracking = Numéro de suivi de votre colis :
case-next = La suite
case-related = Dossiers liés
case-why = Pourquoi, selon la politique
case-media = Photos et vidéos
case-photo-alt = Photo { $n }
case-steps = Étapes jusqu'ici
case-refund-to-method = { $amount } sur votre moyen de paiement d'origine ({ $method }), comme le prévoient les règles de retour de la politique (III.3).
case-as-you-paid = comme vous avez payé
case-our-offer = Notre offre : { $amount } ({ $percent } du prix payé), valable jusqu'au { $until }.

appeal-title = Contester ce résultat
appeal-when = Dans un délai de { $window } après le résultat. Nous réexaminons sous { $recheck } et vous envoyons notre avis définitif.
appeal-statement = Ce qui ne va pas dans le résultat
appeal-file = Une photo ou une vidéo qui le montre
appeal-send = Envoyer la contestation

slip-card-title = Bordereau de retour : collez-le sur le carton
slip-send-to = Envoyer à
slip-without-number = Les colis sans ce numéro ne peuvent pas être remboursés ; ils passent au programme de rachat.
slip-print = Imprimer le bordereau de retour
slip-print-what = (avec un code QR du numéro RMA, les articles et les deux adresses)
slip-title = Bordereau RMA { $rma }
slip-back = Retour à la demande
slip-how-to-print = Imprimez cette page et collez le bordereau à l'extérieur du carton (Imprimer dans votre navigateur, ou Ctrl+P / ⌘P), ou téléchargez-le en PDF ; il était aussi joint à l'e-mail contenant votre numéro RMA.
slip-pdf = Télécharger le bordereau en PDF
slip-heading = Bordereau de retour · commande { $number }
slip-from = Expéditeur
slip-items = Articles de ce colis
slip-sku = Réf.
slip-units = Unités
slip-declaration = Marchandises renvoyées au vendeur sous le RMA { $rma } pour inspection et remboursement ; il ne s'agit pas d'une vente.

request-title = Une demande pour la commande { $number }
request-intro = Rien n'est envoyé avant que vous appuyiez sur « Envoyer la demande ». Vous voyez d'abord ce que décide notre politique, avec les montants et les dates.
request-send = Envoyer la demande
request-answers = Vos réponses
request-answers-hint = Modifiez ce que vous voulez et vérifiez de nouveau ; la demande est réévaluée à l'envoi.
request-kind = 1. Que souhaitez-vous ?
request-kind-return = Retourner pour être remboursé
request-kind-exchange = Échanger contre une autre taille, couleur ou un autre modèle
request-kind-buyback = Le revendre à notre programme de rachat
request-items = 2. Quels articles, et combien
request-you-have = { $sku }, vous en avez { $n }
request-why = 3. Pourquoi (pour un retour ou un échange)
request-reason = Motif
request-choose = Choisir…
request-return-costs = Ce que vous coûte le renvoi du colis, si vous le savez (facultatif)
request-condition = 3. Son état (pour un rachat)
request-grade = État
request-defect = A-t-il un défaut ?
request-no-defect = Non, il fonctionne comme il faut
request-defect-hint = Un défaut encore dans son délai de retour vaut mieux être retourné : un retour vous rapporte plus qu'un rachat.
request-missing = Accessoires manquants
request-packaging = J'ai encore l'emballage d'origine
request-more = 4. Dites-nous-en plus, avec des photos ou des vidéos
request-description = Ce qui s'est passé, ou ce que vous préféreriez
request-files = Photos ou vidéos (JPEG, PNG, WebP, MP4, MOV)
request-added = Ajoutés jusqu'ici :
request-upload-alt = Votre fichier { $n }
request-check-again = Vérifier de nouveau
request-preview = Voir ce que décide la politique

## Ce que décide la politique

decision-title = Ce que décide la politique
decision-refund = Remboursement, sur le moyen de paiement d'origine
decision-you-get = Vous recevez
decision-quote = Offre de rachat
decision-our-offer = Notre offre
decision-dates = Dates
decision-why = Pourquoi
decision-clauses = Les clauses de la politique ({ $n })
outcome-return-eligible = Vous pouvez retourner ces articles. Une fois le colis inspecté avec succès, vous recevez le remboursement ci-dessous.
outcome-needs-evidence = Ajoutez des photos ou des vidéos nettes du problème : la politique les exige avant un retour.
outcome-buyback-offered = Un retour n'est plus possible, mais notre programme de rachat peut vous racheter les articles.
outcome-buyback-quote = Notre programme de rachat peut vous racheter les articles pour le montant ci-dessous.
outcome-buyback-manual-review = Le service client examine vos photos et vous envoie une offre.
outcome-return-recommended = C'est un défaut : un retour vous rapporte plus que le programme de rachat.
outcome-exchange-via-return = Nous échangeons par un retour : renvoyez ces articles pour être remboursé, puis commandez ce qu'il vous faut.
outcome-exchange-negotiable = Le service client peut convenir avec vous d'un échange direct.
outcome-refund-after-deductions = Un remboursement après les déductions ci-dessous.
outcome-no-refund = La politique ne prévoit pas de remboursement ici.
refund-line-product = Le prix des articles
refund-line-handling-fee = Frais de traitement retenus
refund-line-original-shipping = Votre part de l'expédition initiale
refund-line-duties = Votre part des droits payés
refund-line-return-costs = Ce que vous a coûté le renvoi du colis
refund-line-deduction-shipping = Expédition internationale de la commande déduite
refund-line-deduction-processing = Frais de traitement du retour déduits
deadline-review-by = Nous examinons la demande d'ici le
deadline-return-by = Un retour peut être demandé jusqu'au
deadline-evidence-by = Ajoutez des photos ou des vidéos d'ici le
deadline-quote-by = Le service client confirme le montant d'ici le
deadline-contact-by = Nous vous contactons d'ici le
deadline-process-by = Nous traitons la commande d'ici le
deadline-due-by = Échéance
quote-line-paid = Payé pour les articles
quote-line-grade = Part selon leur état
quote-line-missing-accessories = Accessoires manquants
quote-line-no-packaging = Sans l'emballage d'origine
quote-line-floor = La part minimale du programme s'applique
quote-line-valid-until = Offre valable jusqu'au
quote-total = { $amount } ({ $percent } du prix payé)

## La conversation avec le service client

conversation-title = Messages avec le service client
conversation-overdue = en retard
conversation-none = Aucun message pour l'instant.
conversation-invite = Écrivez-nous ici à propos de tout ce qui figure sur cette page ; nous répondons par e-mail et ici.
conversation-internal = Note interne
conversation-photo-alt = Photo jointe { $n }
conversation-files-gone = { $n ->
    [one] { $n } fichier n'est plus disponible.
   *[other] { $n } fichiers ne sont plus disponibles.
  }
conversation-not-sent = Votre message n'a pas été envoyé :
conversation-write = Écrire au service client
conversation-files = Photos ou vidéos (facultatif)
conversation-send = Envoyer

## Ce qu'est un dossier, ses états et les étapes de son historique

case-kind-order = Livraison
case-kind-return = Retour
case-kind-buyback = Rachat
case-kind-refund = Remboursement
case-kind-appeal = Contestation
case-kind-parcel = Colis
case-line = { $title } : { $state }
case-line-due = { $title } : { $state }, prochaine étape d'ici le { $date }
word-placed = Passée
word-payment-verified = Paiement vérifié
word-awaiting-shortage-consent = En attente de votre réponse sur un accessoire manquant
word-assembling = En assemblage
word-awaiting-photo-approval = En attente de votre accord sur les photos
word-photos-approved = Photos approuvées
word-packed = Emballée
word-shipped = Expédiée
word-signed = Réceptionnée
word-returned-to-sender = Renvoyée à l'expéditeur
word-held-at-customs = Retenue en douane
word-destroyed-at-customs = Détruite en douane
word-cancelled = Annulée
word-requested = Demandé
word-approved = Accepté
word-rejected = Refusé
word-sent-to-buyback = Confié au programme de rachat
word-in-transit = En transit
word-received = Reçu
word-inspection-passed = Inspection réussie
word-refund-granted = Remboursement accordé
word-inspection-failed = Inspection échouée
word-sent-back = Renvoyé
word-abandoned-to-buyback = Laissé au programme de rachat
word-lost = Perdu
word-applied = Demandé
word-quoted = Offre envoyée
word-accepted = Acceptée
word-declined = Refusée
word-expired = Expirée
word-revised = Offre révisée
word-revision-accepted = Offre révisée acceptée
word-confirmed = Confirmé
word-paid = Payé
word-goods-held = Marchandises retenues
word-granted = Accordé
word-sent = Envoyé
word-settled = Réglé
word-failed = Échoué
word-filed = Déposée
word-upheld = Résultat maintenu
word-changed = Résultat modifié
word-mediation = Médiation

## Ce que le client peut faire maintenant

todo-approve-photos = Approuver les photos de votre produit assemblé
todo-answer-shortage = Nous dire quoi faire pour un accessoire manquant
todo-send-parcel = Envoyer le colis avec le numéro RMA { $rma }
todo-choose-after-inspection = Choisir ce que deviennent les marchandises retournées{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }
todo-answer-offer = Accepter ou refuser notre offre{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }
todo-send-goods = Nous envoyer les marchandises
todo-report-damage-noted = Signaler des dommages constatés à la signature ; ils ont été notés à la signature
todo-report-damage-until-time = Signaler des dommages constatés à la signature jusqu'au { $until } (heure de { $zone })
todo-report-damage-until = Signaler des dommages constatés à la signature jusqu'au { $until }
todo-return-possible = Retour pour { $reasons } possible jusqu'au { $until }
todo-or = {" "}ou{" "}
todo-sell-back = Le revendre à notre programme de rachat
todo-sell-back-range = Le revendre à notre programme de rachat ({ $min } à { $max } du prix payé)

## Les choix du formulaire de demande

choice-reason-quality-issue = Il a un problème de qualité
choice-reason-not-as-described = Il est très différent de sa description
choice-reason-wrong-item = J'ai reçu le mauvais article (modèle, couleur, taille)
choice-reason-transport-damage = Il a été endommagé pendant le transport (dans les { $unit ->
    [hours] { $length } heures
   *[days] { $length } jours
  } suivant la signature)
choice-reason-other = Une autre raison (sous { $unit ->
    [hours] { $length } heures
   *[days] { $length } jours
  } ; { $percent } du prix est remboursé)
choice-grade-like-new = Comme neuf : aucune trace, fonctionne parfaitement
choice-grade-good = Bon : traces légères, fonctionne parfaitement
choice-grade-fair = Correct : usure visible, fonctionne
choice-grade-worn = Usé : forte usure ou petits défauts
choice-grade-damaged = Endommagé : cassé ou ne fonctionne pas
choice-defect-quality-issue = Oui : un problème de qualité
choice-defect-not-as-described = Oui : il est très différent de la description
choice-defect-wrong-item = Oui : j'ai reçu le mauvais article
choice-defect-transport-damage = Oui : il a été endommagé pendant le transport

## Le compte de la commande

order-carrier-said = Ce qu'a dit le transporteur
ledger-title = Compte de la commande
ledger-paid = Ce qui a été payé
ledger-products = Produits
ledger-shipping = Expédition internationale
ledger-duties = Droits et taxes de la commande
ledger-total-paid = Total payé
ledger-confirmed-return-costs = Frais de retour confirmés d'après les reçus
ledger-by-request = Remboursements et paiements de rachat, par demande
ledger-request = Demande
ledger-result = Résultat
ledger-corrected = Corrigé après contestation
ledger-granted = Accordé
ledger-sent = Envoyé
ledger-arrived = Arrivé
ledger-owed = Encore dû
ledger-whole-order = Toute la commande
ledger-units = Où se trouve chaque unité
ledger-ordered = Commandées
ledger-with-customer = Chez le client
ledger-requested = Dans des demandes ouvertes
ledger-at-shop = À la boutique
ledger-refunded = Remboursées
ledger-bought-back = Rachetées
ledger-elsewhere = Ailleurs
ledger-sent-back = { $n } renvoyées au client
ledger-lost = { $n } perdues au retour
ledger-undelivered = { $n } jamais livrées
ledger-returned-parcel = Colis revenu
ledger-left = Les remboursements sont versés sur le moyen de paiement d'origine (III.3). Au plus { $left } peuvent encore être remboursés pour cette commande.

## La suite d'un dossier, et les choix du client

working-days = { $n ->
    [one] 1 jour ouvré
   *[other] { $n } jours ouvrés
  }
next-review = Nous examinons votre demande{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-send-parcel = Envoyez le colis à l'adresse de retour avec le numéro RMA sur le carton, et indiquez-nous ci-dessous son numéro de suivi.
next-inspect-then-refund = À son arrivée, nous inspectons les marchandises, puis vous remboursons sur votre moyen de paiement d'origine.
next-record-parcel = Nous enregistrons le colis à son arrivée, puis inspectons les marchandises.
next-inspect = Nous inspectons les marchandises{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-grant-refund = Nous accordons votre remboursement{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }, sur votre moyen de paiement d'origine.
next-refund-granted = Votre remboursement est accordé : la comptabilité l'envoie sur votre moyen de paiement d'origine ; votre banque ou votre prestataire de paiement met en général { $from ->
    [0] jusqu'à { $days } jours ouvrés
   *[other] de { $from } à { $days } jours ouvrés
  } à l'afficher.
next-goods-to-buyback = Les marchandises restent chez nous et relèvent du programme de rachat : voyez la demande de rachat de votre commande pour notre offre.
next-choose-after-inspection = Choisissez ci-dessous : les marchandises vous sont renvoyées à vos frais, ou vendues au programme de rachat.
next-quote = Le service client vous envoie une offre{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-answer-offer = Acceptez ou refusez l'offre tant qu'elle est valable.
next-send-goods = Envoyez-nous les marchandises à vos frais et indiquez-nous ci-dessous le numéro de suivi ; nous les inspectons à leur arrivée.
next-answer-revision = Acceptez l'offre révisée, ou demandez le renvoi des marchandises.
next-pay = Nous vous payons{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-send-money = Nous envoyons l'argent sur votre moyen de paiement d'origine{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-money-on-its-way = L'argent est en route ; le délai d'arrivée dépend de votre banque ou de votre prestataire de paiement : en général { $from ->
    [0] jusqu'à { $days } jours ouvrés
   *[other] de { $from } à { $days } jours ouvrés
  } (III.3).
next-recheck = Nous réexaminons et vous envoyons notre avis définitif{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
next-mediation = Si vous n'êtes toujours pas d'accord, vous pouvez porter le dossier en médiation via la plateforme de paiement utilisée ou un organisme de consommateurs.
action-tracking-number = Numéro de suivi de votre colis
action-address = Adresse où renvoyer les marchandises
action-sent-parcel = J'ai envoyé le colis
action-choose-buyback = Vendre les marchandises au programme de rachat
action-choose-send-back = Me renvoyer les marchandises, à mes frais
action-accept-offer = Accepter l'offre
action-decline-offer = Refuser l'offre
action-sent-goods = J'ai envoyé les marchandises
action-accept-revision = Accepter l'offre révisée
action-ask-for-item-back = Refuser, et me renvoyer les marchandises

## Les pages d'erreur et la page du lien de connexion

error-home = Retour à vos commandes
error-console = Console de l'équipe
error-internal-detail = Un problème est survenu de notre côté. Réessayez dans un instant ; si cela continue, contactez le service client.
error-invalid-field = Un champ n'est pas valide
error-not-found = Introuvable
error-forbidden = Non autorisé pour votre rôle
error-not-allowed-now = Impossible à l'étape actuelle du dossier
error-stale-version = Le dossier a changé entre-temps
error-internal = Erreur interne
error-malformed-body = Le contenu de la requête est illisible
error-unauthenticated = Connectez-vous ou présentez une clé d'API valide
error-unavailable = Temporairement indisponible
error-cross-site-request = Une modification faite en étant connecté doit venir de ce site
error-too-many-attempts = Trop de tentatives ; attendez une minute et réessayez
error-link-unusable = Ce lien de connexion a déjà servi, a expiré ou est inconnu ; demandez-en un nouveau
error-body-too-large = Le fichier dépasse la taille acceptée
link-title = Connexion
link-heading = Se connecter à vos commandes
link-intro = Ce lien vous connecte une seule fois. Appuyez sur le bouton pour continuer.
link-continue = Continuer

## Les éléments d'un dossier

fact-you-wrote = Vous avez écrit
fact-customer-says = Le client dit
fact-items = Articles
fact-reason = Motif
fact-return-costs = Frais de retour
fact-policy-refund = Remboursement prévu par la politique
fact-return-tracking = Suivi du retour
fact-received = Reçu
fact-received-line = { $received } de { $sku } ({ $damaged } endommagées)
fact-refund-after-inspection = Remboursement après inspection
fact-inspection-found = Constat de l'inspection
fact-why = Pourquoi
fact-condition = État
fact-condition-value = { $grade }, { $missing } accessoires manquants, { $packaging ->
    [yes] avec l'emballage d'origine
   *[no] sans l'emballage d'origine
  }
fact-paid-for-items = Payé pour les articles
fact-quote = Offre
fact-quote-value = { $amount } ({ $percent } du prix payé), valable jusqu'au { $until }
fact-revised-offer = Offre révisée
fact-why-revised = Motif de la révision
fact-tracking = Suivi
fact-appeal-against = Contestation de
fact-final-opinion = Avis définitif
fact-mediation = Médiation
fact-amount = Montant
fact-payment-method = Moyen de paiement
fact-payment-reference = Référence du paiement
fact-provider-said = Ce qu'a dit le prestataire de paiement
word-quality-issue = Problème de qualité
word-not-as-described = Non conforme à la description
word-wrong-item = Mauvais article
word-transport-damage = Dommages de transport
word-other = Autre
word-like-new = Comme neuf
word-good = Bon
word-fair = Correct
word-worn = Usé
word-damaged = Endommagé
word-review = Examen
word-inspection = Inspection
word-quote = Offre
word-refund-amount = Montant du remboursement
word-delivery = Livraison

## Les refus du formulaire de demande

request-error-quantity = { $item } : indiquez un nombre entier de 0 à { $most }
request-error-no-item = Choisissez au moins un article.
request-error-reason = Choisissez le motif.
request-error-grade = Choisissez l'état qui correspond le mieux.
request-error-missing = Indiquez un nombre entier d'accessoires (0 s'il n'en manque aucun).
request-error-defect = Indiquez s'il a un défaut.
request-error-kind = Choisissez un retour, un échange ou un rachat.

## More steps of a case's history

word-assembly-media-submitted = Photos de l'assemblage envoyées
word-assembly-started = Assemblage commencé
word-changes-requested = Modifications demandées
word-graded = État évalué
word-item-back-requested = Renvoi des marchandises demandé
word-mediation-recorded = Médiation enregistrée
word-parcel-without-rma = Colis sans RMA
word-quote-corrected = Offre corrigée
word-refused = Refusé
word-released-from-customs = Libérée par la douane
word-reshipped = Réexpédiée
word-return-taken-over = Retour repris
word-returned-parcel-settled = Colis revenu réglé
word-send-back-chosen = Renvoi choisi
word-shortage-answered = Manque répondu
word-shortage-reported = Manque signalé
word-carrier-problem = Problème du transporteur
word-deadline-recounted = Échéance recalculée
conversation-by-email = par e-mail
conversation-page-title = Conversation : { $title }
conversation-back = Retour
conversation-back-to-page = Retour à la page

upload-refused = La photo ou la vidéo : { $why }
form-line = ligne { $n }, { $field }
