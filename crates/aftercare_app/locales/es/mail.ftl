# Los correos que reciben los clientes.

mail-hello = Hola, { $name }:
mail-signature = Atención al cliente de { $shop }
mail-questions = ¿Preguntas? Escriba a { $email }.

## Enlaces

mail-link-order = Su pedido
mail-link-request = Su solicitud
mail-link-return = Su devolución
mail-link-return-slip = Su devolución y su etiqueta RMA
mail-link-details = Detalles
mail-link-application = Su solicitud de recompra
mail-link-buyback = Su recompra
mail-link-accept-or-decline = Aceptar o rechazar
mail-link-appeal = Su reclamación
mail-link-answer = Responder en la página de su pedido
mail-link-photos = Ver las fotos
mail-link-track = Seguir su paquete
mail-link-conversation = Abrir la conversación

## Acceso

mail-sign-in-subject = Su enlace de acceso
mail-sign-in-body = Abra el enlace de abajo para ver sus pedidos, devoluciones y solicitudes. Funciona una vez, durante { $minutes } minutos. Si no lo ha pedido, ignore este mensaje.
mail-sign-in-link = Acceder

## Noticias del transportista

mail-carrier-subject = Un problema con la entrega del pedido { $number }
mail-carrier-problem = El transportista informa de que el paquete de su pedido { $number } { $what ->
    [returning] está volviendo a nosotros
   *[problem] tiene un problema en el camino
  }.
mail-carrier-said = Palabras del transportista: { $said }
mail-carrier-contact = Póngase en contacto con nuestra atención al cliente ({ $email }) para que podamos resolverlo con el transportista.

## Conversaciones

mail-about-order = el pedido { $number }
mail-about-case = { $kind ->
    [fulfilment] la preparación
    [return] la devolución
    [buyback] la solicitud de recompra
    [refund] el reembolso
    [appeal] la reclamación
   *[parcel] el paquete devuelto
  }{ $has_rma ->
    [yes] {" "}{ $rma }
   *[no] {""}
  } del pedido { $number }
mail-message-subject = Un mensaje de { $shop } sobre { $about }
mail-message-from-shop = { $staff }, de { $shop }, le ha escrito sobre { $about }:
mail-message-files = { $n ->
    [one] Incluye 1 archivo.
   *[other] Incluye { $n } archivos.
  }
mail-message-answer = Puede responder, con fotos o vídeos, en la página de la conversación.

## Devoluciones

mail-return-requested-subject = Solicitud de devolución recibida para el pedido { $number }
mail-return-requested = Hemos recibido su solicitud de devolución del pedido { $number } y la revisaremos{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
mail-return-wait-for-rma = Le comunicaremos el resultado por correo. No envíe nada antes de tener un número RMA: los paquetes sin él no se pueden reembolsar.
mail-return-rejected-subject = Su solicitud de devolución del pedido { $number }
mail-return-rejected = Hemos revisado su solicitud de devolución y no podemos aceptarla: { $reasons }.
mail-appeal-possible = Si no está de acuerdo, puede reclamar contra este resultado en la página de la solicitud dentro del plazo de reclamación.
mail-return-to-buyback-subject = Su solicitud de devolución del pedido { $number }: el programa de recompra
mail-return-to-buyback = Hemos revisado su solicitud de devolución: { $reasons }.
mail-return-to-buyback-next = En lugar de una devolución, nuestro programa de recompra puede comprarle la mercancía; recibirá su oferta.
mail-return-received-subject = Su paquete devuelto ha llegado: pedido { $number }
mail-return-received = Su paquete devuelto ha llegado a nuestro almacén. Lo inspeccionaremos{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  } y le comunicaremos el resultado.
mail-return-approved-subject = Devolución aprobada: RMA { $rma } para el pedido { $number }
mail-return-approved = Su devolución del pedido { $number } está aprobada. Su número RMA es { $rma }.
mail-return-send-to = Escriba el número RMA por fuera de la caja y envíe el paquete a:
    { $address }
mail-without-rma = Los paquetes sin número RMA no se pueden reembolsar; pasan al programa de recompra.
mail-inspection-passed-subject = Inspección superada para el pedido { $number }
mail-inspection-passed = Hemos inspeccionado la mercancía devuelta y ha superado la inspección. Se le reembolsarán { $refund } en su método de pago original.
mail-inspection-failed-subject = Resultado de la inspección del pedido { $number }
mail-inspection-failed = Hemos inspeccionado la mercancía devuelta y no ha superado la inspección: { $reasons }.
mail-inspection-failed-next = Elija en la página de su devolución qué pasa ahora. También puede reclamar contra este resultado dentro del plazo de reclamación.

## Reembolsos

mail-refund-sent-subject = Reembolso enviado para el pedido { $number }
mail-refund-sent = Su reembolso{ $has_amount ->
    [yes] {" "}de { $amount }
   *[no] {""}
  } se ha enviado a su método de pago original (referencia { $reference }). El tiempo que tarda en llegar depende de su banco o proveedor de pago: normalmente { $from ->
    [0] hasta { $days } días hábiles
   *[other] de { $from } a { $days } días hábiles
  }.

## Recompras

mail-buyback-applied-subject = Solicitud de recompra recibida para el pedido { $number }
mail-buyback-applied = Hemos recibido su solicitud de recompra y le enviaremos nuestra oferta{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
mail-buyback-confirmed-subject = Recompra confirmada para el pedido { $number }
mail-buyback-confirmed = La inspección ha terminado y la recompra está confirmada. Le pagaremos{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  } en su método de pago original.
mail-buyback-quote-subject = Oferta de recompra para el pedido { $number }
mail-buyback-quote = Le ofrecemos { $amount } ({ $percent } del precio pagado) por recomprar su mercancía. La oferta es válida hasta el { $until }. Acéptela o recházela en la página del caso.
mail-buyback-revised-subject = Oferta de recompra revisada para el pedido { $number }
mail-buyback-revised = Tras la inspección hemos revisado nuestra oferta a { $amount }: { $reasons }. Acepte la oferta revisada, o pida que le devolvamos la mercancía, en la página del caso.

## Reclamaciones

mail-appeal-filed-subject = Reclamación recibida para el pedido { $number }
mail-appeal-filed = Hemos recibido su reclamación. Revisaremos el caso y le enviaremos nuestra opinión final{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
mail-appeal-upheld-subject = Reclamación resuelta para el pedido { $number }: se mantiene el resultado
mail-appeal-upheld = Hemos revisado su caso y mantenemos el resultado. Nuestra opinión: { $opinion }
mail-appeal-mediation = Si no está de acuerdo, puede solicitar una mediación.
mail-appeal-changed-subject = Reclamación resuelta para el pedido { $number }: se cambia el resultado
mail-appeal-changed = Hemos revisado su caso y cambiamos el resultado. Nuestra opinión: { $opinion }

## Pedidos

mail-shortage-subject = Pedido { $number }: falta un accesorio, necesitamos su respuesta
mail-shortage = Al preparar su pedido hemos visto que falta un accesorio: { $message }
mail-shortage-consent = Solo seguimos con su consentimiento (I.1). Elija en la página de su pedido si prefiere esperar, aceptar un sustituto o quitar el artículo.
mail-photos-subject = Pedido { $number }: apruebe las fotos de su producto
mail-photos = Su producto está montado. Revise las fotos en la página de su pedido y apruébelas, o díganos qué cambiar, antes de que lo embalemos (I.2).
mail-returned-to-sender-subject = El pedido { $number } nos ha sido devuelto
mail-returned-to-sender = Su paquete no se pudo entregar y nos ha sido devuelto. Nos pondremos en contacto con usted{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  } para reenviarlo o reembolsarlo tras las deducciones (III.5).
mail-customs-subject = El pedido { $number } está retenido en aduana
mail-customs = La aduana retiene su paquete: { $note }
mail-customs-contact = Póngase en contacto con nuestra atención al cliente para que se pueda despachar (II).
mail-cancelled-subject = El pedido { $number } se ha cancelado
mail-cancelled = Su pedido { $number } se ha cancelado: { $reason }
mail-shipped-subject = El pedido { $number } está en camino
mail-shipped = Su pedido { $number } se ha enviado con { $carrier }, número de seguimiento { $tracking }.
mail-shipped-check = Cuando llegue, revise el paquete antes de firmar; comunique cualquier daño en un plazo de 48 horas con fotos.
