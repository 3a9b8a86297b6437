# Pourquoi une commande a été refusée. Les noms d'états et de champs restent tels que l'API les écrit.

## L'état du dossier, les rôles de qui agit

refused-state = impossible : { $doing } — le dossier est `{ $state }`, et ce n'est possible que lorsqu'il est { $allowed }
refused-only-role = seul(e) { $role ->
        [customer] le client
        [agent] un agent du service client
        [warehouse] l'entrepôt
        [finance] la comptabilité
        [admin] un administrateur
        [customer-side] le client, ou un agent pour lui,
        [customer-or-staff] le client ou le personnel de la boutique
        [goods-holders] le client, un agent ou l'entrepôt
        [sweep-or-agent] le contrôle des délais ou un agent
        [finance-or-payments] la comptabilité ou le système de paiement
        [store-or-admin] la boutique en ligne ou un administrateur
        [staff] le personnel de la boutique
       *[system] les systèmes de la boutique
    } peut { $doing }
refused-roles = vos rôles ne vous permettent pas cette action : { $doing }
refused-four-eyes = la personne qui a accordé un remboursement ne peut pas aussi l'envoyer
refused-staff-use-order-list = seuls les clients ont leurs propres commandes ; le personnel utilise la liste des commandes
refused-no-password = seul le personnel a un mot de passe à changer
refused-api-key-session-only = les clés d'API n'atteignent que les commandes ; connectez-vous pour utiliser ceci
refused-api-key-scope = cette clé d'API n'a pas la portée { $scope }
refused-sender-not-allowed = l'expéditeur ne peut pas écrire dans cette conversation : { $why }
refused-conflict = quelqu'un d'autre a modifié le dossier entre-temps ; rechargez-le et réessayez

## Les étapes, telles que les refus les nomment

doing-request-return = demander un retour
doing-approve-return = approuver un retour
doing-reject-return = refuser un retour
doing-send-return-to-buyback = orienter un retour vers le rachat
doing-add-return-tracking = ajouter le numéro de suivi du retour
doing-receive-return = réceptionner un colis retourné
doing-inspect-return = inspecter un retour
doing-pass-inspection = valider l'inspection
doing-fail-inspection = refuser l'inspection
doing-ask-product-back = demander le renvoi du produit
doing-abandon-to-buyback = céder le produit au rachat
doing-choose-after-failed-inspection = choisir la suite d'une inspection non réussie
doing-record-refund = enregistrer le remboursement
doing-apply-buyback = demander un rachat
doing-open-buyback-for-parcel = ouvrir un rachat pour un colis sans RMA
doing-take-over-goods = confier les articles d'un retour au rachat
doing-grade-goods = évaluer l'état des articles
doing-quote-buyback = chiffrer un rachat
doing-correct-quote = corriger une offre après un recours
doing-accept-quote = accepter l'offre
doing-decline-quote = décliner l'offre
doing-expire-quote = faire expirer l'offre
doing-add-buyback-tracking = ajouter le numéro de suivi
doing-receive-buyback = réceptionner un colis de rachat
doing-confirm-quote = confirmer l'offre
doing-revise-offer = réviser l'offre
doing-accept-revision = accepter l'offre révisée
doing-ask-item-back = demander le renvoi de l'article
doing-mark-buyback-paid = marquer un rachat comme payé
doing-verify-payment = vérifier le paiement
doing-report-shortage = signaler un accessoire manquant
doing-answer-shortage = répondre à la question sur l'accessoire manquant
doing-start-assembly = commencer l'assemblage
doing-send-assembly-photos = envoyer les photos du produit assemblé
doing-approve-photos = approuver les photos
doing-ask-for-changes = demander des modifications
doing-pack = emballer la commande
doing-ship = expédier la commande
doing-record-signing = enregistrer la signature à la livraison
doing-record-returned-parcel = enregistrer un colis retourné
doing-reship = réexpédier un colis retourné
doing-settle-returned-parcel = régler un colis retourné
doing-record-customs-hold = enregistrer une retenue en douane
doing-release-from-customs = enregistrer une mainlevée de douane
doing-record-customs-destruction = enregistrer une destruction par la douane
doing-cancel-order = annuler la commande
doing-file-appeal = déposer un recours
doing-decide-appeal = rendre l'avis final d'un recours
doing-record-mediation = enregistrer une médiation
doing-grant-refund = accorder un remboursement
doing-send-refund = envoyer un remboursement
doing-settle-refund = solder un remboursement
doing-record-failed-payment = enregistrer un paiement échoué
doing-record-refused-payment = enregistrer un paiement refusé
doing-write-message = écrire dans une conversation
doing-write-internal-note = écrire une note interne
doing-read-conversations = lire les conversations
doing-close-without-reply = décider qu'un message n'appelle pas de réponse
doing-see-awaiting-reply = voir les conversations en attente de réponse
doing-upload-evidence = téléverser des justificatifs
doing-see-dashboard = voir le tableau de bord
doing-see-queues = voir les files
doing-list-orders = lister toutes les commandes
doing-import-orders = importer des commandes
doing-export-orders = exporter des commandes
doing-print-invoice = imprimer des factures commerciales
doing-choose-email-language = choisir la langue de ses e-mails
doing-change-logo = changer le logo de la boutique
doing-change-profile = changer le profil de la boutique
doing-list-api-keys = lister les clés d'API
doing-create-api-keys = créer des clés d'API
doing-revoke-api-keys = révoquer des clés d'API
doing-see-connections = voir les connexions
doing-manage-webhooks = gérer les webhooks
doing-create-staff = créer des comptes du personnel
doing-edit-staff = modifier des comptes du personnel
doing-see-staff = voir les comptes du personnel
doing-deactivate-staff = désactiver ou réactiver des comptes du personnel
doing-send-password-links = envoyer des liens de création de mot de passe
doing-use-console = faire ceci

## Valeurs

refused-empty = ne doit pas être vide
refused-too-long = doit comporter au plus { $max } caractères
refused-too-many = au plus { $max } éléments
refused-too-many-files = au plus { $max } fichiers par message
refused-empty-message = écrivez un message ou joignez un fichier
refused-negative = ne doit pas être négatif
refused-not-above-zero = doit être supérieur à zéro
refused-at-least-one = doit être au moins 1
refused-in-future = est dans le futur
refused-listed-twice = figure deux fois
refused-date-out-of-range = est trop loin dans le futur pour compter les jours ouvrés
refused-no-lines = choisissez au moins une ligne
refused-not-order-line = `{ $sku }` n'est pas une ligne de cette commande
refused-units-not-free = { $free } des { $ordered } unités de { $sku } peuvent être demandées (dans des demandes ouvertes : { $requested }, à la boutique : { $at_shop }, retournées et remboursées : { $refunded }, rachetées : { $bought_back }, perdues au retour : { $lost }, jamais livrées : { $undelivered })
refused-no-reason = donnez au moins un motif
refused-not-return-eligible = la réponse de la politique est `{ $outcome }`, pas `return_eligible` ; voyez ses motifs
refused-not-buyback-route = la politique recommande une autre voie pour ce produit ; voyez les motifs de la décision
refused-choice-not-offered = la politique { $version } n'offre pas ce choix après une inspection non réussie ({ $clause })
refused-sku-not-in-return = `{ $sku }` ne fait pas partie de ce retour
refused-received-over-rma = { $received } dépasse les { $quantity } unités couvertes par ce RMA
refused-sku-not-received = aucune unité de `{ $sku }` n'a été reçue
refused-inspected-count = { $received } unités de { $sku } ont été reçues ; l'inspection juge celles-ci
refused-damaged-over-received = ne peut pas dépasser les unités reçues
refused-lost-with-units = un colis perdu en transit ne peut pas avoir d'unités reçues
refused-no-units-received = comptez au moins une unité reçue, ou enregistrez le colis comme perdu en transit
refused-parcel-contents = indiquez ce que contenait le colis
refused-return-holds-no-goods = le retour ne contient aucun article
refused-no-price = le dossier n'a pas de prix sur lequel chiffrer
refused-quote-outside-needs-reason = une offre hors de { $min }..{ $max } doit être motivée
refused-quote-over-max = le programme de rachat paie au plus { $max }
refused-quote-below-min = sous { $min } seulement pour les produits gravement endommagés en examen manuel
refused-corrected-quote-range = une offre corrigée reste entre { $min }..{ $max }
refused-quote-expired = l'offre a expiré ; demandez-en une nouvelle
refused-quote-still-valid = l'offre est encore valable
refused-revision-needs-reasons = dites pourquoi l'offre change
refused-revision-amount = une offre révisée est inférieure à l'offre initiale et non négative ; sinon, confirmez l'offre
refused-assembly-photos-missing = joignez des photos ou vidéos du produit fini
refused-tracking-url = doit être un lien http(s) vers la page de suivi du transporteur
refused-damage-needs-evidence = un dommage noté à la signature exige le constat du transporteur ou des photos (I.6)
refused-reship-needs-fee = la réexpédition exige les seconds frais de port internationaux payés par le client ({ $clause })
refused-appeal-statement = dites ce que vous contestez et pourquoi
refused-appeal-evidence = un recours exige des justificatifs (IV)
refused-appeal-window-closed = le délai de recours a pris fin le { $last_day } : les recours se déposent dans les { $days } jours ouvrés suivant la réception du résultat ({ $clause })
refused-opinion-needs-reasons = l'avis final doit être motivé
refused-name-mediator = nommez l'organisme tiers
refused-already-appealed = ce résultat a déjà fait l'objet d'un recours, et l'avis du réexamen est définitif (IV) ; le service client peut enregistrer une médiation par un tiers
refused-appeal-of-appeal = le réexamen d'un recours est l'avis définitif (IV) : il ne peut pas faire l'objet d'un recours ; le service client peut enregistrer une médiation par un tiers
refused-name-payment-method = indiquez le moyen de paiement d'origine
refused-refund-over-cap = { $amount } dépasse les { $cap } encore remboursables pour cette commande (ce qui a été payé plus les frais de retour compensés, moins les remboursements antérieurs)
refused-already-granted = l'argent de ce dossier a déjà été accordé
refused-no-paying-result = ce dossier n'a pas de résultat qui donne lieu à un paiement
refused-appeal-no-correction = le recours n'a pas fixé de remboursement corrigé à payer
refused-nothing-payable-yet = rien n'est encore payable : un retour doit réussir l'inspection, un rachat être confirmé ou sa révision acceptée
refused-nothing-left-for-case = il ne reste rien à accorder pour ce dossier : son total est de { $total }, et { $granted } ont été accordés pour lui et ses recours
refused-grant-over-order = { $amount } dépasse les { $left } encore remboursables pour cette commande ({ $paid } payés, { $return_costs } de frais de retour confirmés, { $granted } accordés auparavant)
refused-correction-below-granted = { $granted } ont déjà été accordés pour ce dossier : un total corrigé ne peut pas les reprendre
refused-correction-over-order = { $corrected } dépasse les { $most } que la commande permet pour ce dossier ({ $allowance } payés et confirmés, { $others } accordés à d'autres dossiers)
refused-nothing-awaited = la conversation n'attend pas de réponse de la boutique

## Montants et pourcentages

refused-unknown-currency = `{ $currency }` n'est pas un code de devise ISO 4217
refused-currency-not-payable = { $currency } n'a pas de subdivision et ne sert pas aux paiements
refused-malformed-amount = `{ $amount }` n'est pas un montant ; écrivez des chiffres avec un point décimal facultatif, comme "120.00"
refused-amount-too-precise = `{ $amount }` a plus de décimales que { $currency } n'en permet ({ $exponent })
refused-amount-too-large = le montant est trop élevé
refused-currency-mismatch = impossible de combiner { $first } avec { $second }
refused-zero-whole = impossible de répartir un montant au prorata d'un total nul
refused-bad-percent = `{ $percent }` n'est pas un pourcentage entre 0 et 100 ; écrivez un nombre entier ou un décimal entre guillemets comme "12.5"

## Fichiers et résultats qu'une demande nomme

refused-not-your-upload = { $id } n'est pas un fichier que vous avez téléversé pour ce message
refused-upload-already-sent = { $id } a déjà été envoyé avec un autre message
refused-not-your-evidence = n'est pas une photo ou une vidéo que vous avez téléversée ; téléversez-la d'abord
refused-no-result-to-appeal = ce dossier n'a pas de résultat de ce type à contester (l'un de : { $kinds })

## Photos et vidéos téléversées

refused-file-empty = le fichier est vide
refused-file-type = doit être une photo JPEG, PNG ou WebP ou une vidéo MP4 ou MOV (d'après son contenu)
refused-video-unreadable = n'est pas une vidéo lisible ({ $why })
refused-file-too-large = dépasse les { $megabytes } Mo acceptés pour ce type
refused-upload-too-large = dépasse le plus gros fichier accepté ({ $video } Mo pour une vidéo, { $photo } Mo pour une photo)
