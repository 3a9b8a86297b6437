# Los motivos de la política, tal como el evaluador se los da a un cliente.

## Para qué es una devolución, y los grados de una recompra

reason-quality-issue = un problema de calidad
reason-not-as-described = un producto muy distinto de su descripción
reason-wrong-item = un artículo equivocado
reason-transport-damage = daños graves en el transporte
reason-other = otros motivos

grade-like-new = como nuevo
grade-good = bueno
grade-fair = aceptable
grade-worn = desgastado
grade-damaged = dañado

## El plazo de devolución

window-days = { $context ->
    [exchange] Un cambio pasa por el plazo de devolución: una devolución por { $reason } puede solicitarse
    [buyback] Nos indica { $reason }, y aún puede solicitar una devolución por ello
   *[return] Una devolución por { $reason } puede solicitarse
  } dentro de los { $days } días siguientes a la firma de la entrega; firmó el { $signed }, así que el plazo está abierto hasta el final del { $last }.
window-hours = { $context ->
    [exchange] Un cambio pasa por el plazo de devolución: una devolución por { $reason } puede solicitarse
    [buyback] Nos indica { $reason }, y aún puede solicitar una devolución por ello
   *[return] Una devolución por { $reason } puede solicitarse
  } dentro de las { $hours } horas siguientes a la firma de la entrega; firmó el { $signed }, así que el plazo está abierto hasta el { $end } (hora de { $zone }).
window-own-dates = Según sus propias fechas locales (firmó el { $signed }, lo solicitó el { $asked }) el plazo dura hasta el final del { $last }.
window-own-dates-in-time = Según sus propias fechas locales (firmó el { $signed }, lo solicitó el { $asked }) el plazo dura hasta el final del { $last }, así que su solicitud llega a tiempo.
window-noted-at-signing = El plazo es así de largo porque el daño quedó registrado con el transportista al firmar ({ $unit ->
    [hours] { $length } horas
   *[days] { $length } días
  } para los daños descubiertos después).
past-window-buyback = El plazo de devolución por { $reason } ha pasado, así que la solicitud se tramita por el programa de recompra: puede revendernos el producto por una parte de su precio, según su estado.
hidden-defects-negotiable = Si descubrió un problema de calidad oculto solo después de usarlo, contacte con atención al cliente: estos casos especiales se pueden negociar.

## Una devolución y su reembolso

return-needs-evidence = Toda solicitud de devolución necesita fotos o vídeos claros del problema; añádalos antes de que se cierre el plazo ({ $last }).
refund-product = Producto: { $percent } del precio pagado por las unidades devueltas ({ $returned }) = { $product }.
refund-handling-fee = Tasa de gestión: se retiene el { $percent } del importe del producto ({ $fee }).
refund-not-refunded = { $what ->
    [shipping] El envío internacional original
   *[duties] Los aranceles e impuestos incluidos en el pedido
  }: no se reembolsa por este motivo.
refund-share = { $what ->
    [shipping] El envío internacional original
   *[duties] Los aranceles e impuestos incluidos en el pedido
  }: la parte de las unidades devueltas es { $part } de { $fee }; se reembolsa el { $percent } = { $refunded }.
return-costs-not-compensated = Sus gastos de envío de la devolución y de declaración de exportación: no se compensan por este motivo.
return-costs-capped = Los gastos de devolución se compensan hasta el { $cap_percent } del precio de las unidades devueltas ({ $cap }); se confirmaron { $confirmed }, así que cuentan { $cap }.
return-costs-confirmed = Sus gastos de envío de la devolución y de declaración de exportación, confirmados con su recibo ({ $confirmed }): compensados al { $percent } = { $refunded }.
return-costs-later = Sus gastos de envío de la devolución y de declaración de exportación se compensan cuando recibimos la mercancía, según su recibo: el { $percent } del importe que confirmemos, hasta { $cap } (el { $cap_percent } del precio de las unidades devueltas).
return-costs-claimed = Nos dijo que costaron { $claimed }; conserve el recibo.
return-estimated-refund = Reembolso estimado: { $total }, devuelto a la cuenta con la que pagó cuando la mercancía devuelta supere la inspección.
return-wait-for-rma = No envíe todavía el producto: atención al cliente revisa la solicitud antes del { $review_by } y le envía por correo electrónico un número RMA, la dirección de devolución y las instrucciones. Los paquetes sin número RMA se tramitan como recompras.
return-condition = La mercancía debe volver intacta, sin usar y completa, con su embalaje original y sus accesorios; si no, puede tramitarse como recompra o reembolsarse solo en parte.

## Un cambio

exchange-negotiable = El precio unitario del producto es alto y su parte del envío pequeña (como mucho el { $share } de su precio), así que atención al cliente puede negociar con usted un cambio directo.
exchange-contact-by = Atención al cliente se pondrá en contacto con usted antes del { $review_by }.
exchange-not-in-currency = No se negocian cambios directos para pedidos en { $currency }.
exchange-free-shipping = El envío del pedido fue gratuito, así que la logística de un cambio correría a cargo de la tienda: no se negocia.
exchange-not-on-order = { $sku } no está en el pedido.
exchange-below-threshold = Solo se negocia un cambio directo para unidades de al menos { $threshold }; { $sku } cuesta { $price }.
exchange-shipping-too-large = El envío es una parte demasiado grande del precio de { $sku } para un cambio directo: su parte del envío original supera el { $share } de su precio.
exchange-via-return = El envío internacional es caro y lento, así que no hacemos cambios directos: devuelva el producto para obtener un reembolso y después pida el que necesita.
exchange-needs-evidence = La devolución necesita fotos o vídeos claros del producto; añádalos antes de que se cierre el plazo ({ $last }).

## Una recompra

return-fails-grade = Está en estado { $grade }.
return-fails-accessories = { $missing ->
    [one] Falta 1 accesorio.
   *[other] Faltan { $missing } accesorios.
  }
return-fails-packaging = Ya no tiene el embalaje original.
buyback-better-than-return = Una devolución exige el producto intacto, sin usar y completo en su embalaje original: no superaría la inspección, así que el programa de recompra es la mejor vía.
return-better-than-buyback = Una devolución le da más que una recompra, así que se la recomendamos.
return-against-quote = Reembolso estimado de la devolución: { $refund } (antes de compensar su envío de devolución), frente a una recompra de { $quote }.
return-against-staff-quote = Reembolso estimado de la devolución: { $refund } (antes de compensar su envío de devolución), frente a una recompra por un importe que fija nuestro personal.
return-needs-photos = Una devolución necesita fotos o vídeos claros del problema.
buyback-past-window = El plazo de devolución por { $reason } ha pasado, así que se aplica el programa de recompra.
buyback-manual-review = Un producto en estado { $grade } necesita que nuestro personal lo revise: fijan el importe de la recompra a partir de sus fotos, y puede quedar por debajo del habitual { $min } a { $max } del precio.
buyback-quote = Oferta de recompra: { $percent } del precio pagado ({ $base }) = { $amount }; { $grade_percent } por un producto en estado { $grade }.
quote-minus-accessories = { $points } puntos menos por { $missing ->
    [one] 1 accesorio que falta
   *[other] { $missing } accesorios que faltan
  }.
quote-minus-packaging = { $points } puntos menos sin el embalaje original.
quote-floor = La oferta nunca baja del { $min } del precio pagado.
quote-open-until = La oferta es válida hasta el { $until }. Si la acepta, envíenos el producto a su cargo; le pagamos cuando llegue y supere la inspección.
buyback-add-photos = Añada fotos del estado actual del producto (señales de uso, embalaje): nuestro personal confirma la oferta a partir de ellas.
buyback-confirm-by = Atención al cliente confirma el importe antes del { $quote_by }.

## Paquetes que no llegaron al cliente

undeliverable-buyer-reasons = El paquete volvió por motivos del comprador (dirección incorrecta o incompleta, sin contacto o rechazo), de los que el comprador es responsable.
undeliverable-contact = Nos pondremos en contacto con usted antes del { $contact_by } para preguntarle si reenviamos el paquete{ $second_fee ->
    [yes] {" "}(hace falta un segundo pago de envío internacional)
   *[no] {""}
  } o lo reembolsamos.
undeliverable-refund = Sin reenvío, el reembolso es el importe del producto ({ $product }){ $deducted ->
    [shipping] {" "}menos el envío internacional original ({ $shipping })
    [fee] {" "}menos la tasa de gestión de la devolución ({ $fee })
    [both] {" "}menos el envío internacional original ({ $shipping }) y la tasa de gestión de la devolución ({ $fee })
   *[none] {""}
  } = { $total }.
undeliverable-no-refund = Sin reenvío no hay reembolso: el importe del producto ({ $product }){ $deducted ->
    [shipping] {" "}menos el envío internacional original ({ $shipping })
    [fee] {" "}menos la tasa de gestión de la devolución ({ $fee })
    [both] {" "}menos el envío internacional original ({ $shipping }) y la tasa de gestión de la devolución ({ $fee })
   *[none] {""}
  } no deja nada.
customs-destroyed = La aduana de destino retuvo o destruyó el paquete por motivos del comprador (aranceles rechazados o falta de documentos de despacho); el comprador asume las pérdidas y no hay reembolso.
customs-returned-to-buyback = La mercancía que volvió se tramita por el programa de recompra.
