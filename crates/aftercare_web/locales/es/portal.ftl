# Las palabras del portal del cliente.

## Todas las páginas

language-label = Idioma
language-change = Cambiar
sign-out = Cerrar sesión

## Iniciar sesión

sign-in-title = Iniciar sesión: sus pedidos
sign-in-heading = Sus pedidos, devoluciones y solicitudes
sign-in-sent = Si el número de pedido y el correo electrónico corresponden, le hemos enviado un enlace de acceso a esa dirección. Funciona una vez, durante 15 minutos.
sign-in-throttled = Demasiados intentos de acceso. Espere un minuto y vuelva a intentarlo.
sign-in-intro = Indique su número de pedido y el correo electrónico con el que compró. Le enviamos por correo un enlace para acceder.
sign-in-order-number = Número de pedido
sign-in-email = Correo electrónico
sign-in-order-number-missing = Indique el número de pedido de su confirmación de pedido.
sign-in-email-missing = Indique el correo electrónico con el que hizo el pedido.
sign-in-send = Enviarme un enlace de acceso
sign-in-staff = ¿Es personal de la tienda?
sign-in-console = Acceder a la consola

## Pedidos

orders-title = Sus pedidos
orders-signed-in-as = Sesión iniciada como { $email }
orders-none = Todavía no hay pedidos.
order-title = Pedido { $number }
order-placed = Realizado el { $date }
order-signed-on = recibido con firma el { $date }
order-shipped-with = Enviado con { $carrier }, número de seguimiento
order-track = Seguir el paquete
order-what-now = Lo que puede hacer ahora
order-lines = Lo que pidió
order-item = Artículo
order-quantity = Cantidad
order-price = Precio
order-requests = Solicitudes y sus pasos
order-no-requests = No hay devoluciones, recompras ni reclamaciones para este pedido.
order-timeline = Historial

photos-title = Fotos de su producto montado
photos-intro = Revíselas, por favor. Lo embalamos y enviamos en cuanto las apruebe.
photos-alt = Producto montado, foto { $n }
photos-approve = Aprobar las fotos
photos-comment = O díganos qué no está bien
photos-ask-changes = Pedir cambios

shortage-title = Falta un accesorio
shortage-question = ¿Qué debemos hacer?
shortage-wait = Esperar a que haya existencias
shortage-substitute = Usar un accesorio equivalente
shortage-drop = Quitar un artículo y reembolsarlo
shortage-item = Artículo que quitar
shortage-send = Enviar mi respuesta

## Una solicitud (devolución, cambio, recompra) y su página

case-next-due = próximo paso antes del { $date }
case-rma-number = Número RMA
case-facts = Su caso
case-tracking = Número de seguimiento de su paquete:
case-next = Qué pasa ahora
case-related = Casos relacionados
case-why = Por qué, según la política
case-media = Fotos y vídeos
case-photo-alt = Foto { $n }
case-steps = Pasos hasta ahora
case-refund-to-method = { $amount } a su método de pago original ({ $method }), como establecen las normas de devolución de la política (III.3).
case-as-you-paid = como pagó
case-our-offer = Nuestra oferta: { $amount } ({ $percent } del precio pagado), válida hasta el { $until }.

appeal-title = Reclamar contra este resultado
appeal-when = Dentro de { $window } desde el resultado. Lo revisamos en { $recheck } y le enviamos nuestra opinión final.
appeal-statement = Qué está mal en el resultado
appeal-file = Una foto o un vídeo que lo muestre
appeal-send = Enviar la reclamación

slip-card-title = Etiqueta de devolución: péguela en la caja
slip-send-to = Enviar a
slip-without-number = Los paquetes sin este número no se pueden reembolsar; pasan al programa de recompra.
slip-print = Imprimir la etiqueta de devolución
slip-print-what = (con un código QR del número RMA, los artículos y ambas direcciones)
slip-title = Etiqueta RMA { $rma }
slip-back = Volver a la devolución
slip-how-to-print = Imprima esta página y pegue la etiqueta por fuera de la caja (la opción Imprimir de su navegador, o Ctrl+P / ⌘P), o descárguela en PDF; también iba adjunta al correo con su número RMA.
slip-pdf = Descargar la etiqueta en PDF
slip-heading = Etiqueta de devolución · pedido { $number }
slip-from = Remitente
slip-items = Artículos de este paquete
slip-sku = SKU
slip-units = Unidades
slip-declaration = Mercancía devuelta al vendedor con el RMA { $rma } para su inspección y reembolso; no es una venta.

request-title = Una solicitud para el pedido { $number }
request-intro = No se envía nada hasta que pulse «Enviar la solicitud». Primero verá lo que decide nuestra política, con los importes y las fechas.
request-send = Enviar la solicitud
request-answers = Sus respuestas
request-answers-hint = Cambie lo que quiera y vuelva a comprobar; la solicitud se evalúa de nuevo al enviarla.
request-kind = 1. ¿Qué desea?
request-kind-return = Devolverlo para obtener un reembolso
request-kind-exchange = Cambiarlo por otra talla, color o modelo
request-kind-buyback = Vendérselo a nuestro programa de recompra
request-items = 2. Qué artículos y cuántos
request-you-have = { $sku }, tiene { $n }
request-why = 3. Por qué (para una devolución o un cambio)
request-reason = Motivo
request-choose = Elija…
request-return-costs = Lo que le cuesta enviar el paquete de vuelta, si lo sabe (opcional)
request-condition = 3. Su estado (para una recompra)
request-grade = Estado
request-defect = ¿Tiene algún defecto?
request-no-defect = No, funciona como debe
request-defect-hint = Un defecto aún dentro de su plazo de devolución conviene devolverlo: una devolución le da más que una recompra.
request-missing = Accesorios que faltan
request-packaging = Conservo el embalaje original
request-more = 4. Cuéntenos más, con fotos o vídeos
request-description = Qué pasó, o qué preferiría en su lugar
request-files = Fotos o vídeos (JPEG, PNG, WebP, MP4, MOV)
request-added = Añadidos hasta ahora:
request-upload-alt = Su archivo { $n }
request-check-again = Comprobar de nuevo
request-preview = Ver lo que decide la política

## Lo que decide la política

decision-title = Lo que decide la política
decision-refund = Reembolso, al método de pago original
decision-you-get = Usted recibe
decision-quote = Oferta de recompra
decision-our-offer = Nuestra oferta
decision-dates = Fechas
decision-why = Por qué
decision-clauses = Las cláusulas de la política ({ $n })
outcome-return-eligible = Puede devolver estos artículos. Cuando el paquete supere la inspección recibirá el reembolso indicado abajo.
outcome-needs-evidence = Añada fotos o vídeos claros del problema: la política los exige antes de una devolución.
outcome-buyback-offered = Ya no es posible una devolución, pero nuestro programa de recompra puede comprarle los artículos.
outcome-buyback-quote = Nuestro programa de recompra puede comprarle los artículos por el importe indicado abajo.
outcome-buyback-manual-review = Atención al cliente revisa sus fotos y le envía una oferta.
outcome-return-recommended = Es un defecto: una devolución le da más que el programa de recompra.
outcome-exchange-via-return = Hacemos los cambios mediante una devolución: devuelva estos artículos para obtener un reembolso y después pida lo que necesita.
outcome-exchange-negotiable = Atención al cliente puede acordar con usted un cambio directo.
outcome-refund-after-deductions = Un reembolso tras las deducciones indicadas abajo.
outcome-no-refund = La política no concede reembolso en este caso.
refund-line-product = El precio de los artículos
refund-line-handling-fee = Tasa de gestión retenida
refund-line-original-shipping = Su parte del envío original
refund-line-duties = Su parte de los aranceles que pagó
refund-line-return-costs = Lo que le costó enviar el paquete de vuelta
refund-line-deduction-shipping = Envío internacional del pedido deducido
refund-line-deduction-processing = Tasa de gestión de la devolución deducida
deadline-review-by = Revisamos la solicitud antes del
deadline-return-by = Se puede solicitar una devolución hasta el
deadline-evidence-by = Añada fotos o vídeos antes del
deadline-quote-by = Atención al cliente confirma el importe antes del
deadline-contact-by = Nos ponemos en contacto con usted antes del
deadline-process-by = Tramitamos el pedido antes del
deadline-due-by = Plazo hasta el
quote-line-paid = Pagado por los artículos
quote-line-grade = Porcentaje según su estado
quote-line-missing-accessories = Accesorios que faltan
quote-line-no-packaging = Sin el embalaje original
quote-line-floor = Se aplica el porcentaje mínimo del programa
quote-line-valid-until = Oferta válida hasta el
quote-total = { $amount } ({ $percent } del precio pagado)

## La conversación con atención al cliente

conversation-title = Mensajes con atención al cliente
conversation-overdue = con retraso
conversation-none = Todavía no hay mensajes.
conversation-invite = Escríbanos aquí sobre cualquier cosa de esta página; respondemos por correo y aquí.
conversation-internal = Nota interna
conversation-photo-alt = Foto adjunta { $n }
conversation-files-gone = { $n ->
    [one] 1 archivo ya no está disponible.
   *[other] { $n } archivos ya no están disponibles.
  }
conversation-not-sent = Su mensaje no se ha enviado:
conversation-write = Escribir a atención al cliente
conversation-files = Fotos o vídeos (opcional)
conversation-send = Enviar

## Qué es un caso, sus estados y los pasos de su historial

case-kind-order = Entrega
case-kind-return = Devolución
case-kind-buyback = Recompra
case-kind-refund = Reembolso
case-kind-appeal = Reclamación
case-kind-parcel = Paquete
case-line = { $title }: { $state }
case-line-due = { $title }: { $state }, próximo paso antes del { $date }
word-placed = Realizado
word-payment-verified = Pago verificado
word-awaiting-shortage-consent = Esperando su respuesta sobre un accesorio que falta
word-assembling = En montaje
word-awaiting-photo-approval = Esperando su aprobación de las fotos
word-photos-approved = Fotos aprobadas
word-packed = Embalado
word-shipped = Enviado
word-signed = Recibido con firma
word-returned-to-sender = Devuelto al remitente
word-held-at-customs = Retenido en aduana
word-destroyed-at-customs = Destruido en aduana
word-cancelled = Cancelado
word-requested = Solicitado
word-approved = Aprobado
word-rejected = Rechazado
word-sent-to-buyback = Pasado al programa de recompra
word-in-transit = En tránsito
word-received = Recibido
word-inspection-passed = Inspección superada
word-refund-granted = Reembolso concedido
word-inspection-failed = Inspección no superada
word-sent-back = Devuelto
word-abandoned-to-buyback = Dejado al programa de recompra
word-lost = Perdido
word-applied = Solicitada
word-quoted = Oferta enviada
word-accepted = Aceptada
word-declined = Rechazada
word-expired = Caducada
word-revised = Oferta revisada
word-revision-accepted = Oferta revisada aceptada
word-confirmed = Confirmada
word-paid = Pagada
word-goods-held = Mercancía retenida
word-granted = Concedido
word-sent = Enviado
word-settled = Liquidado
word-failed = Fallido
word-filed = Presentada
word-upheld = Resultado mantenido
word-changed = Resultado cambiado
word-mediation = Mediación

## Lo que el cliente puede hacer ahora

todo-approve-photos = Aprobar las fotos de su producto montado
todo-answer-shortage = Decirnos qué hacer con un accesorio que falta
todo-send-parcel = Enviar el paquete con el número RMA { $rma }
todo-choose-after-inspection = Elegir qué pasa con la mercancía devuelta{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }
todo-answer-offer = Aceptar o rechazar nuestra oferta{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }
todo-send-goods = Enviarnos la mercancía
todo-report-damage-noted = Comunicar daños encontrados al firmar; quedaron registrados al firmar
todo-report-damage-until-time = Comunicar daños encontrados al firmar hasta el { $until } (hora de { $zone })
todo-report-damage-until = Comunicar daños encontrados al firmar hasta el { $until }
todo-return-possible = Devolución por { $reasons } posible hasta el { $until }
todo-or = {" "}o{" "}
todo-sell-back = Vendérselo a nuestro programa de recompra
todo-sell-back-range = Vendérselo a nuestro programa de recompra (del { $min } al { $max } del precio pagado)

## Las opciones del formulario de solicitud

choice-reason-quality-issue = Tiene un problema de calidad
choice-reason-not-as-described = Es muy distinto de su descripción
choice-reason-wrong-item = Recibí un artículo equivocado (modelo, color, talla)
choice-reason-transport-damage = Llegó dañado por el transporte (dentro de { $unit ->
    [hours] las { $length } horas
   *[days] los { $length } días
  } siguientes a la firma)
choice-reason-other = Otro motivo (dentro de { $unit ->
    [hours] { $length } horas
   *[days] { $length } días
  }; se reembolsa el { $percent } del precio)
choice-grade-like-new = Como nuevo: sin marcas, funciona perfectamente
choice-grade-good = Bueno: marcas leves, funciona perfectamente
choice-grade-fair = Aceptable: desgaste visible, funciona
choice-grade-worn = Desgastado: mucho desgaste o fallos menores
choice-grade-damaged = Dañado: roto o no funciona
choice-defect-quality-issue = Sí: un problema de calidad
choice-defect-not-as-described = Sí: es muy distinto de lo descrito
choice-defect-wrong-item = Sí: recibí un artículo equivocado
choice-defect-transport-damage = Sí: se dañó en el transporte

## La cuenta del pedido

order-carrier-said = Lo que dijo el transportista
ledger-title = Cuenta del pedido
ledger-paid = Lo que se pagó
ledger-products = Productos
ledger-shipping = Envío internacional
ledger-duties = Aranceles e impuestos del pedido
ledger-total-paid = Total pagado
ledger-confirmed-return-costs = Gastos de devolución confirmados con recibos
ledger-by-request = Reembolsos y pagos de recompra, por solicitud
ledger-request = Solicitud
ledger-result = Resultado
ledger-corrected = Corregido en la reclamación
ledger-granted = Concedido
ledger-sent = Enviado
ledger-arrived = Recibido
ledger-owed = Pendiente
ledger-whole-order = Todo el pedido
ledger-units = Dónde está cada unidad
ledger-ordered = Pedidas
ledger-with-customer = Con el cliente
ledger-requested = En solicitudes abiertas
ledger-at-shop = En la tienda
ledger-refunded = Reembolsadas
ledger-bought-back = Recompradas
ledger-elsewhere = En otro lugar
ledger-sent-back = { $n } devueltas al cliente
ledger-lost = { $n } perdidas en el camino de vuelta
ledger-undelivered = { $n } nunca entregadas
ledger-returned-parcel = Paquete devuelto
ledger-left = Los reembolsos vuelven al método de pago original (III.3). Como mucho se pueden reembolsar { $left } más por este pedido.

## Qué pasa ahora en un caso, y las opciones del cliente

working-days = { $n ->
    [one] 1 día hábil
   *[other] { $n } días hábiles
  }
next-review = Revisamos su solicitud{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-send-parcel = Envíe el paquete a la dirección de devolución con el número RMA en la caja, e indíquenos abajo su número de seguimiento.
next-inspect-then-refund = Cuando llegue, inspeccionamos la mercancía y después le reembolsamos en su método de pago original.
next-record-parcel = Registramos el paquete cuando llegue y después inspeccionamos la mercancía.
next-inspect = Inspeccionamos la mercancía{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-grant-refund = Concedemos su reembolso{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }, en su método de pago original.
next-refund-granted = Su reembolso está concedido: finanzas lo envía a su método de pago original; su banco o proveedor de pago suele tardar { $from ->
    [0] hasta { $days } días hábiles
   *[other] de { $from } a { $days } días hábiles
  } en mostrarlo.
next-goods-to-buyback = La mercancía se queda con nosotros y pasa al programa de recompra: vea la solicitud de recompra de su pedido para conocer nuestra oferta.
next-choose-after-inspection = Elija abajo: que le devolvamos la mercancía a su cargo, o vendérsela al programa de recompra.
next-quote = Atención al cliente le envía una oferta{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-answer-offer = Acepte o rechace la oferta mientras sea válida.
next-send-goods = Envíenos la mercancía a su cargo e indíquenos abajo el número de seguimiento; la inspeccionamos al llegar.
next-answer-revision = Acepte la oferta revisada o pida que le devolvamos la mercancía.
next-pay = Le pagamos{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-send-money = Enviamos el dinero a su método de pago original{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-money-on-its-way = El dinero está en camino; el tiempo que tarda en llegar depende de su banco o proveedor de pago: normalmente { $from ->
    [0] hasta { $days } días hábiles
   *[other] de { $from } a { $days } días hábiles
  } (III.3).
next-recheck = Revisamos el caso y le enviamos nuestra opinión final{ $has_date ->
    [yes] {" "}antes del { $date }
   *[no] {""}
  }.
next-mediation = Si sigue sin estar de acuerdo, puede llevar el caso a mediación a través de la plataforma con la que pagó o de un organismo de consumo.
action-tracking-number = Número de seguimiento de su paquete
action-address = Dirección a la que devolver la mercancía
action-sent-parcel = He enviado el paquete
action-choose-buyback = Vender la mercancía al programa de recompra
action-choose-send-back = Devolverme la mercancía, a mi cargo
action-accept-offer = Aceptar la oferta
action-decline-offer = Rechazar la oferta
action-sent-goods = He enviado la mercancía
action-accept-revision = Aceptar la oferta revisada
action-ask-for-item-back = Rechazar y que me devuelvan la mercancía

## Páginas de error y la página del enlace de acceso

error-home = Volver a sus pedidos
error-console = Consola del personal
error-internal-detail = Algo ha fallado por nuestra parte. Inténtelo de nuevo en un momento; si sigue ocurriendo, contacte con atención al cliente.
error-invalid-field = Un campo no es válido
error-not-found = No encontrado
error-forbidden = No permitido para su función
error-not-allowed-now = No es posible en el paso actual del caso
error-stale-version = El caso ha cambiado mientras tanto
error-internal = Error interno
error-malformed-body = No se puede leer el contenido de la solicitud
error-unauthenticated = Inicie sesión o presente una clave de API válida
error-unavailable = No disponible temporalmente
error-cross-site-request = Un cambio con sesión iniciada debe venir de este sitio
error-too-many-attempts = Demasiados intentos; espere un minuto y vuelva a intentarlo
error-link-unusable = Este enlace de acceso ya se usó, ha caducado o es desconocido; pida uno nuevo
error-body-too-large = El archivo es más grande de lo admitido
link-title = Acceder
link-heading = Acceder a sus pedidos
link-intro = Este enlace le da acceso una sola vez. Pulse el botón para continuar.
link-continue = Continuar

## Los datos de un caso

fact-you-wrote = Usted escribió
fact-customer-says = El cliente dice
fact-items = Artículos
fact-reason = Motivo
fact-return-costs = Gastos de devolución
fact-policy-refund = Reembolso según la política
fact-return-tracking = Seguimiento de la devolución
fact-received = Recibido
fact-received-line = { $received } de { $sku } ({ $damaged } dañadas)
fact-refund-after-inspection = Reembolso tras la inspección
fact-inspection-found = Resultado de la inspección
fact-why = Por qué
fact-condition = Estado
fact-condition-value = { $grade }, faltan { $missing } accesorios, { $packaging ->
    [yes] con el embalaje original
   *[no] sin el embalaje original
  }
fact-paid-for-items = Pagado por los artículos
fact-quote = Oferta
fact-quote-value = { $amount } ({ $percent } del precio pagado), válida hasta el { $until }
fact-revised-offer = Oferta revisada
fact-why-revised = Por qué se revisó
fact-tracking = Seguimiento
fact-appeal-against = Reclamación contra
fact-final-opinion = Opinión final
fact-mediation = Mediación
fact-amount = Importe
fact-payment-method = Método de pago
fact-payment-reference = Referencia del pago
fact-provider-said = Lo que dijo el proveedor de pago
word-quality-issue = Problema de calidad
word-not-as-described = Distinto de la descripción
word-wrong-item = Artículo equivocado
word-transport-damage = Daños en el transporte
word-other = Otro
word-like-new = Como nuevo
word-good = Bueno
word-fair = Aceptable
word-worn = Desgastado
word-damaged = Dañado
word-review = Revisión
word-inspection = Inspección
word-quote = Oferta
word-refund-amount = Importe del reembolso
word-delivery = Entrega

## Los avisos del formulario de solicitud

request-error-quantity = { $item }: indique un número entero de 0 a { $most }
request-error-no-item = Elija al menos un artículo.
request-error-reason = Elija el motivo.
request-error-grade = Elija el estado que mejor encaje.
request-error-missing = Indique un número entero de accesorios (0 si no falta ninguno).
request-error-defect = Elija si tiene algún defecto.
request-error-kind = Elija una devolución, un cambio o una recompra.

## More steps of a case's history

word-assembly-media-submitted = Fotos del montaje enviadas
word-assembly-started = Montaje iniciado
word-changes-requested = Cambios solicitados
word-graded = Estado evaluado
word-item-back-requested = Devolución de la mercancía solicitada
word-mediation-recorded = Mediación registrada
word-parcel-without-rma = Paquete sin RMA
word-quote-corrected = Oferta corregida
word-refused = Rechazado
word-released-from-customs = Liberado por la aduana
word-reshipped = Reenviado
word-return-taken-over = Devolución asumida
word-returned-parcel-settled = Paquete devuelto liquidado
word-send-back-chosen = Devolución elegida
word-shortage-answered = Falta respondida
word-shortage-reported = Falta comunicada
word-carrier-problem = Problema del transportista
word-deadline-recounted = Plazo recalculado
conversation-by-email = por correo electrónico
conversation-page-title = Conversación: { $title }
conversation-back = Volver
conversation-back-to-page = Volver a la página

upload-refused = La foto o el vídeo: { $why }
form-line = línea { $n }, { $field }
