# Les motifs de la politique, tels que l'évaluateur les donne à un client.

## Ce pour quoi un retour est demandé, et les états d'un rachat

reason-quality-issue = un problème de qualité
reason-not-as-described = un produit très différent de sa description
reason-wrong-item = un mauvais article
reason-transport-damage = des dommages graves pendant le transport
reason-other = d'autres raisons

grade-like-new = comme neuf
grade-good = bon
grade-fair = correct
grade-worn = usé
grade-damaged = endommagé

## Le délai de retour

window-days = { $context ->
    [exchange] Un échange passe par le délai de retour : un retour pour { $reason } peut être demandé
    [buyback] Vous signalez { $reason }, et un retour pour ce motif peut encore être demandé
   *[return] Un retour pour { $reason } peut être demandé
  } dans les { $days } jours suivant la signature à la livraison ; vous avez signé le { $signed }, le délai court donc jusqu'à la fin du { $last }.
window-hours = { $context ->
    [exchange] Un échange passe par le délai de retour : un retour pour { $reason } peut être demandé
    [buyback] Vous signalez { $reason }, et un retour pour ce motif peut encore être demandé
   *[return] Un retour pour { $reason } peut être demandé
  } dans les { $hours } heures suivant la signature à la livraison ; vous avez signé le { $signed }, le délai court donc jusqu'au { $end } (heure de { $zone }).
window-own-dates = Selon vos propres dates locales (signature le { $signed }, demande le { $asked }), il court jusqu'à la fin du { $last }.
window-own-dates-in-time = Selon vos propres dates locales (signature le { $signed }, demande le { $asked }), il court jusqu'à la fin du { $last } : votre demande est donc dans les temps.
window-noted-at-signing = Le délai est aussi long parce que les dommages ont été constatés avec le transporteur à la signature ({ $unit ->
    [hours] { $length } heures
   *[days] { $length } jours
  } pour des dommages découverts plus tard).
past-window-buyback = Le délai de retour pour { $reason } est dépassé : la demande relève donc du programme de rachat, qui vous permet de nous revendre le produit pour une partie de son prix, selon son état.
hidden-defects-negotiable = Si vous avez découvert un défaut de qualité caché seulement à l'usage, contactez le service client : ces cas particuliers peuvent se négocier.

## Un retour et son remboursement

return-needs-evidence = Toute demande de retour doit comporter des photos ou des vidéos nettes du problème ; ajoutez-les avant la fin du délai ({ $last }).
refund-product = Produit : { $percent } du prix payé pour les unités retournées ({ $returned }) = { $product }.
refund-handling-fee = Frais de traitement : { $percent } du montant du produit ({ $fee }) sont retenus.
refund-not-refunded = { $what ->
    [shipping] L'expédition internationale initiale
   *[duties] Les droits et taxes inclus dans la commande
  } : non remboursés pour ce motif.
refund-share = { $what ->
    [shipping] L'expédition internationale initiale
   *[duties] Les droits et taxes inclus dans la commande
  } : la part des unités retournées est de { $part } sur { $fee } ; { $percent } en sont remboursés = { $refunded }.
return-costs-not-compensated = Vos frais d'expédition du retour et de déclaration d'exportation : non compensés pour ce motif.
return-costs-capped = Les frais de retour sont compensés jusqu'à { $cap_percent } du prix des unités retournées ({ $cap }) ; { $confirmed } ont été confirmés, c'est donc { $cap } qui compte.
return-costs-confirmed = Vos frais d'expédition du retour et de déclaration d'exportation, confirmés d'après votre reçu ({ $confirmed }) : compensés à { $percent } = { $refunded }.
return-costs-later = Vos frais d'expédition du retour et de déclaration d'exportation sont compensés à réception des marchandises, d'après votre reçu : { $percent } du montant que nous confirmons, jusqu'à { $cap } ({ $cap_percent } du prix des unités retournées).
return-costs-claimed = Vous nous avez indiqué { $claimed } ; gardez le reçu.
return-estimated-refund = Remboursement estimé : { $total }, versé sur le compte avec lequel vous avez payé une fois que les marchandises retournées ont passé l'inspection.
return-wait-for-rma = N'envoyez pas encore le produit : le service client examine la demande d'ici le { $review_by } et vous envoie par e-mail un numéro RMA, l'adresse de retour et les instructions. Les colis sans numéro RMA sont traités comme des rachats.
return-condition = Les marchandises doivent revenir intactes, non utilisées et complètes, avec leur emballage d'origine et leurs accessoires ; sinon elles peuvent être traitées comme un rachat ou remboursées seulement en partie.

## Un échange

exchange-negotiable = Le prix unitaire du produit est élevé et sa part de l'expédition faible (au plus { $share } de son prix) : le service client peut donc négocier un échange direct avec vous.
exchange-contact-by = Le service client vous contacte d'ici le { $review_by }.
exchange-not-in-currency = Les échanges directs ne sont pas négociés pour les commandes en { $currency }.
exchange-free-shipping = L'expédition de la commande était gratuite : la logistique d'un échange serait à la charge de la boutique, il n'est donc pas négocié.
exchange-not-on-order = { $sku } ne figure pas dans la commande.
exchange-below-threshold = Un échange direct n'est négocié que pour des unités d'au moins { $threshold } ; { $sku } coûte { $price }.
exchange-shipping-too-large = L'expédition représente une part trop grande du prix de { $sku } pour un échange direct : sa part de l'expédition initiale dépasse { $share } de son prix.
exchange-via-return = L'expédition internationale est coûteuse et lente, nous ne faisons donc pas d'échange direct : retournez le produit pour être remboursé, puis commandez celui qu'il vous faut.
exchange-needs-evidence = Le retour doit comporter des photos ou des vidéos nettes du produit ; ajoutez-les avant la fin du délai ({ $last }).

## Un rachat

return-fails-grade = Il est en état { $grade }.
return-fails-accessories = { $missing ->
    [one] Il manque 1 accessoire.
   *[other] Il manque { $missing } accessoires.
  }
return-fails-packaging = L'emballage d'origine n'est plus là.
buyback-better-than-return = Un retour exige un produit intact, non utilisé et complet dans son emballage d'origine : il ne passerait pas l'inspection, le programme de rachat est donc la meilleure voie.
return-better-than-buyback = Un retour vous rapporte plus qu'un rachat : nous vous le recommandons.
return-against-quote = Remboursement estimé du retour : { $refund } (avant compensation de votre expédition de retour), contre un rachat de { $quote }.
return-against-staff-quote = Remboursement estimé du retour : { $refund } (avant compensation de votre expédition de retour), contre un rachat d'un montant fixé par notre équipe.
return-needs-photos = Un retour doit comporter des photos ou des vidéos nettes du problème.
buyback-past-window = Le délai de retour pour { $reason } est dépassé : le programme de rachat s'applique donc.
buyback-manual-review = Un produit en état { $grade } doit être examiné par notre équipe : elle fixe le montant du rachat d'après vos photos, et il peut être inférieur à la fourchette habituelle de { $min } à { $max } du prix.
buyback-quote = Offre de rachat : { $percent } du prix payé ({ $base }) = { $amount } ; { $grade_percent } pour un produit en état { $grade }.
quote-minus-accessories = { $points } points de moins pour { $missing ->
    [one] 1 accessoire manquant
   *[other] { $missing } accessoires manquants
  }.
quote-minus-packaging = { $points } points de moins sans l'emballage d'origine.
quote-floor = L'offre ne descend jamais sous { $min } du prix payé.
quote-open-until = L'offre est valable jusqu'au { $until }. Si vous l'acceptez, renvoyez le produit à vos frais ; nous payons après sa réception et son inspection.
buyback-add-photos = Ajoutez des photos de l'état actuel du produit (traces d'usage, emballage) : notre équipe confirme l'offre d'après elles.
buyback-confirm-by = Le service client confirme le montant d'ici le { $quote_by }.

## Les colis qui ne sont pas arrivés chez le client

undeliverable-buyer-reasons = Le colis est revenu pour des raisons imputables à l'acheteur (adresse erronée ou incomplète, injoignable ou refus), dont l'acheteur est responsable.
undeliverable-contact = Nous vous contactons d'ici le { $contact_by } pour savoir s'il faut réexpédier le colis{ $second_fee ->
    [yes] {" "}(de nouveaux frais d'expédition internationale sont nécessaires)
   *[no] {""}
  } ou le rembourser.
undeliverable-refund = Sans réexpédition, le remboursement est le montant du produit ({ $product }){ $deducted ->
    [shipping] {" "}moins l'expédition internationale initiale ({ $shipping })
    [fee] {" "}moins les frais de traitement du retour ({ $fee })
    [both] {" "}moins l'expédition internationale initiale ({ $shipping }) et les frais de traitement du retour ({ $fee })
   *[none] {""}
  } = { $total }.
undeliverable-no-refund = Sans réexpédition, il n'y a pas de remboursement : le montant du produit ({ $product }){ $deducted ->
    [shipping] {" "}moins l'expédition internationale initiale ({ $shipping })
    [fee] {" "}moins les frais de traitement du retour ({ $fee })
    [both] {" "}moins l'expédition internationale initiale ({ $shipping }) et les frais de traitement du retour ({ $fee })
   *[none] {""}
  } ne laisse rien.
customs-destroyed = La douane du pays de destination a retenu ou détruit le colis pour des raisons imputables à l'acheteur (droits refusés ou documents de dédouanement manquants) ; l'acheteur supporte les pertes et aucun remboursement n'est accordé.
customs-returned-to-buyback = Les marchandises revenues sont traitées par le programme de rachat.
