# Les e-mails que reçoivent les clients.

mail-hello = Bonjour { $name },
mail-signature = Le service client de { $shop }
mail-questions = Des questions ? Écrivez à { $email }.

## Liens

mail-link-order = Votre commande
mail-link-request = Votre demande
mail-link-return = Votre retour
mail-link-return-slip = Votre retour et son bordereau RMA
mail-link-details = Détails
mail-link-application = Votre demande de rachat
mail-link-buyback = Votre rachat
mail-link-accept-or-decline = Accepter ou refuser
mail-link-appeal = Votre contestation
mail-link-answer = Répondre sur la page de votre commande
mail-link-photos = Voir les photos
mail-link-track = Suivre votre colis
mail-link-conversation = Ouvrir la conversation

## Connexion

mail-sign-in-subject = Votre lien de connexion
mail-sign-in-body = Ouvrez le lien ci-dessous pour voir vos commandes, retours et demandes. Il fonctionne une fois, pendant { $minutes } minutes. Si vous ne l'avez pas demandé, ignorez ce message.
mail-sign-in-link = Se connecter

## Nouvelles du transporteur

mail-carrier-subject = Un problème avec la livraison de la commande { $number }
mail-carrier-problem = Le transporteur signale que le colis de votre commande { $number } { $what ->
    [returning] est en route pour revenir chez nous
   *[problem] rencontre un problème en chemin
  }.
mail-carrier-said = Les mots du transporteur : { $said }
mail-carrier-contact = Contactez notre service client ({ $email }) afin que nous puissions régler cela avec le transporteur.

## Conversations

mail-about-order = la commande { $number }
mail-about-case = { $kind ->
    [fulfilment] la préparation
    [return] le retour
    [buyback] la demande de rachat
    [refund] le remboursement
    [appeal] la contestation
   *[parcel] le colis revenu
  }{ $has_rma ->
    [yes] {" "}{ $rma }
   *[no] {""}
  } de la commande { $number }
mail-message-subject = Un message de { $shop } au sujet de { $about }
mail-message-from-shop = { $staff }, de { $shop }, vous a écrit au sujet de { $about } :
mail-message-files = { $n ->
    [one] Il comporte { $n } fichier.
   *[other] Il comporte { $n } fichiers.
  }
mail-message-answer = Vous pouvez répondre, avec des photos ou des vidéos, sur la page de la conversation.

## Retours

mail-return-requested-subject = Demande de retour reçue pour la commande { $number }
mail-return-requested = Nous avons reçu votre demande de retour pour la commande { $number } et l'examinons{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
mail-return-wait-for-rma = Nous vous communiquons le résultat par e-mail. N'envoyez rien avant d'avoir un numéro RMA : les colis sans ce numéro ne peuvent pas être remboursés.
mail-return-rejected-subject = Votre demande de retour pour la commande { $number }
mail-return-rejected = Nous avons examiné votre demande de retour et ne pouvons pas l'accepter : { $reasons }.
mail-appeal-possible = Si vous n'êtes pas d'accord, vous pouvez contester ce résultat sur la page de la demande dans le délai de contestation.
mail-return-to-buyback-subject = Votre demande de retour pour la commande { $number } : le programme de rachat
mail-return-to-buyback = Nous avons examiné votre demande de retour : { $reasons }.
mail-return-to-buyback-next = Au lieu d'un retour, notre programme de rachat peut vous racheter les marchandises ; vous recevrez son offre.
mail-return-received-subject = Votre colis retourné est arrivé : commande { $number }
mail-return-received = Votre colis retourné est arrivé à notre entrepôt. Nous l'inspectons{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  } et vous communiquons le résultat.
mail-return-approved-subject = Retour accepté : RMA { $rma } pour la commande { $number }
mail-return-approved = Votre retour pour la commande { $number } est accepté. Votre numéro RMA est { $rma }.
mail-return-send-to = Écrivez le numéro RMA à l'extérieur du carton et envoyez le colis à :
    { $address }
mail-without-rma = Les colis sans numéro RMA ne peuvent pas être remboursés ; ils passent au programme de rachat.
mail-inspection-passed-subject = Inspection réussie pour la commande { $number }
mail-inspection-passed = Nous avons inspecté les marchandises retournées et elles ont passé l'inspection. Un remboursement de { $refund } sera effectué sur votre moyen de paiement d'origine.
mail-inspection-failed-subject = Résultat de l'inspection pour la commande { $number }
mail-inspection-failed = Nous avons inspecté les marchandises retournées et elles n'ont pas passé l'inspection : { $reasons }.
mail-inspection-failed-next = Choisissez sur la page de votre retour la suite à donner. Vous pouvez aussi contester ce résultat dans le délai de contestation.

## Remboursements

mail-refund-sent-subject = Remboursement envoyé pour la commande { $number }
mail-refund-sent = Votre remboursement{ $has_amount ->
    [yes] {" "}de { $amount }
   *[no] {""}
  } a été envoyé sur votre moyen de paiement d'origine (référence { $reference }). Le délai d'arrivée dépend de votre banque ou de votre prestataire de paiement : en général { $from ->
    [0] jusqu'à { $days } jours ouvrés
   *[other] de { $from } à { $days } jours ouvrés
  }.

## Rachats

mail-buyback-applied-subject = Demande de rachat reçue pour la commande { $number }
mail-buyback-applied = Nous avons reçu votre demande de rachat et vous envoyons notre offre{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
mail-buyback-confirmed-subject = Rachat confirmé pour la commande { $number }
mail-buyback-confirmed = L'inspection est terminée et le rachat est confirmé. Nous vous payons{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  } sur votre moyen de paiement d'origine.
mail-buyback-quote-subject = Offre de rachat pour la commande { $number }
mail-buyback-quote = Nous vous proposons { $amount } ({ $percent } du prix payé) pour racheter vos marchandises. L'offre est valable jusqu'au { $until }. Acceptez-la ou refusez-la sur la page du dossier.
mail-buyback-revised-subject = Offre de rachat révisée pour la commande { $number }
mail-buyback-revised = Après inspection, nous avons révisé notre offre à { $amount } : { $reasons }. Acceptez l'offre révisée, ou faites-vous renvoyer les marchandises, sur la page du dossier.

## Contestations

mail-appeal-filed-subject = Contestation reçue pour la commande { $number }
mail-appeal-filed = Nous avons reçu votre contestation. Nous réexaminons le dossier et vous envoyons notre avis définitif{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  }.
mail-appeal-upheld-subject = Contestation tranchée pour la commande { $number } : résultat maintenu
mail-appeal-upheld = Nous avons réexaminé votre dossier et maintenons le résultat. Notre avis : { $opinion }
mail-appeal-mediation = Si vous n'êtes pas d'accord, vous pouvez demander une médiation.
mail-appeal-changed-subject = Contestation tranchée pour la commande { $number } : résultat modifié
mail-appeal-changed = Nous avons réexaminé votre dossier et modifié le résultat. Notre avis : { $opinion }

## Commandes

mail-shortage-subject = Commande { $number } : un accessoire manque, nous avons besoin de votre réponse
mail-shortage = En préparant votre commande, nous avons constaté qu'un accessoire manque : { $message }
mail-shortage-consent = Nous ne continuons qu'avec votre accord (I.1). Choisissez sur la page de votre commande d'attendre, d'accepter un substitut ou de retirer l'article.
mail-photos-subject = Commande { $number } : merci d'approuver les photos de votre produit
mail-photos = Votre produit est assemblé. Vérifiez les photos sur la page de votre commande et approuvez-les, ou dites-nous quoi changer, avant que nous l'emballions (I.2).
mail-returned-to-sender-subject = La commande { $number } nous est revenue
mail-returned-to-sender = Votre colis n'a pas pu être livré et nous est revenu. Nous vous contactons{ $has_date ->
    [yes] {" "}d'ici le { $date }
   *[no] {""}
  } pour le réexpédier ou le rembourser après déductions (III.5).
mail-customs-subject = La commande { $number } est retenue en douane
mail-customs = La douane retient votre colis : { $note }
mail-customs-contact = Contactez notre service client afin qu'il puisse être dédouané (II).
mail-cancelled-subject = La commande { $number } a été annulée
mail-cancelled = Votre commande { $number } a été annulée : { $reason }
mail-shipped-subject = La commande { $number } est en route
mail-shipped = Votre commande { $number } a été expédiée avec { $carrier }, numéro de suivi { $tracking }.
mail-shipped-check = À son arrivée, vérifiez le colis avant de signer ; signalez tout dommage dans les 48 heures avec des photos.
