# Por qué se rechazó una orden. Los nombres de estados y campos quedan como los escribe la API.

## El estado del caso, los roles de quien actúa

refused-state = no se puede { $doing }: el caso está en `{ $state }`, y esto solo es posible cuando está en { $allowed }
refused-only-role = solo { $role ->
        [customer] el cliente
        [agent] un agente de atención
        [warehouse] el almacén
        [finance] finanzas
        [admin] un administrador
        [customer-side] el cliente, o un agente en su nombre,
        [customer-or-staff] el cliente o el personal de la tienda
        [goods-holders] el cliente, un agente o el almacén
        [sweep-or-agent] el control de plazos o un agente
        [finance-or-payments] finanzas o el sistema de pagos
        [store-or-admin] la tienda en línea o un administrador
        [staff] el personal de la tienda
       *[system] los sistemas de la tienda
    } puede { $doing }
refused-roles = sus roles no le permiten { $doing }
refused-four-eyes = quien concedió un reembolso no puede también enviarlo
refused-staff-use-order-list = solo los clientes tienen pedidos propios; el personal usa la lista de pedidos
refused-no-password = solo el personal tiene contraseña que cambiar
refused-api-key-session-only = las claves de API solo llegan a los pedidos; inicie sesión para usar esto
refused-api-key-scope = a esta clave de API le falta el ámbito { $scope }
refused-sender-not-allowed = el remitente no puede escribir en esta conversación: { $why }
refused-conflict = otra persona cambió el caso mientras tanto; vuelva a cargarlo e inténtelo de nuevo

## Los pasos, como los nombran los rechazos

doing-request-return = solicitar una devolución
doing-approve-return = aprobar una devolución
doing-reject-return = rechazar una devolución
doing-send-return-to-buyback = pasar una devolución a recompra
doing-add-return-tracking = añadir el número de seguimiento de la devolución
doing-receive-return = recibir un paquete devuelto
doing-inspect-return = inspeccionar una devolución
doing-pass-inspection = aprobar la inspección
doing-fail-inspection = suspender la inspección
doing-ask-product-back = pedir que le devuelvan el producto
doing-abandon-to-buyback = ceder el producto a recompra
doing-choose-after-failed-inspection = elegir qué pasa tras una inspección no superada
doing-record-refund = registrar el reembolso
doing-apply-buyback = solicitar la recompra
doing-open-buyback-for-parcel = abrir una recompra para un paquete sin RMA
doing-take-over-goods = pasar los artículos de una devolución a recompra
doing-grade-goods = clasificar los artículos
doing-quote-buyback = cotizar una recompra
doing-correct-quote = corregir una cotización tras una apelación
doing-accept-quote = aceptar la cotización
doing-decline-quote = rechazar la cotización
doing-expire-quote = dar por vencida la cotización
doing-add-buyback-tracking = añadir el número de seguimiento
doing-receive-buyback = recibir un paquete de recompra
doing-confirm-quote = confirmar la cotización
doing-revise-offer = revisar la oferta
doing-accept-revision = aceptar la oferta revisada
doing-ask-item-back = pedir que le devuelvan el artículo
doing-mark-buyback-paid = marcar una recompra como pagada
doing-verify-payment = verificar el pago
doing-report-shortage = informar de una falta de accesorios
doing-answer-shortage = responder a la consulta por falta de accesorios
doing-start-assembly = empezar el montaje
doing-send-assembly-photos = enviar fotos del producto montado
doing-approve-photos = aprobar las fotos
doing-ask-for-changes = pedir cambios
doing-pack = embalar el pedido
doing-ship = enviar el pedido
doing-record-signing = registrar la firma de entrega
doing-record-returned-parcel = registrar un paquete devuelto
doing-reship = reenviar un paquete devuelto
doing-settle-returned-parcel = liquidar un paquete devuelto
doing-record-customs-hold = registrar una retención en aduana
doing-release-from-customs = registrar una liberación de aduana
doing-record-customs-destruction = registrar una destrucción en aduana
doing-cancel-order = cancelar el pedido
doing-file-appeal = presentar una apelación
doing-decide-appeal = dar la opinión final de una apelación
doing-record-mediation = registrar una mediación
doing-grant-refund = conceder un reembolso
doing-send-refund = enviar un reembolso
doing-settle-refund = liquidar un reembolso
doing-record-failed-payment = registrar un pago fallido
doing-record-refused-payment = registrar un pago rechazado
doing-write-message = escribir en una conversación
doing-write-internal-note = escribir una nota interna
doing-read-conversations = leer conversaciones
doing-close-without-reply = decidir que un mensaje no necesita respuesta
doing-see-awaiting-reply = ver las conversaciones que esperan respuesta
doing-upload-evidence = subir pruebas
doing-see-dashboard = ver el panel
doing-see-queues = ver las colas
doing-list-orders = listar todos los pedidos
doing-import-orders = importar pedidos
doing-export-orders = exportar pedidos
doing-print-invoice = imprimir facturas comerciales
doing-choose-email-language = elegir el idioma de sus correos
doing-change-logo = cambiar el logotipo de la tienda
doing-change-profile = cambiar el perfil de la tienda
doing-list-api-keys = listar las claves de API
doing-create-api-keys = crear claves de API
doing-revoke-api-keys = revocar claves de API
doing-see-connections = ver las conexiones
doing-manage-webhooks = gestionar webhooks
doing-create-staff = crear cuentas del personal
doing-edit-staff = editar cuentas del personal
doing-see-staff = ver las cuentas del personal
doing-deactivate-staff = desactivar o reactivar cuentas del personal
doing-send-password-links = enviar enlaces para crear contraseña
doing-use-console = hacer esto

## Valores

refused-empty = no puede estar vacío
refused-too-long = debe tener como máximo { $max } caracteres
refused-too-many = como máximo { $max } elementos
refused-too-many-files = como máximo { $max } archivos por mensaje
refused-empty-message = escriba un mensaje o adjunte un archivo
refused-negative = no puede ser negativo
refused-not-above-zero = debe ser mayor que cero
refused-at-least-one = debe ser al menos 1
refused-in-future = está en el futuro
refused-listed-twice = aparece dos veces
refused-date-out-of-range = está demasiado lejos en el futuro para contar días hábiles
refused-no-lines = elija al menos una línea
refused-not-order-line = `{ $sku }` no es una línea de este pedido
refused-units-not-free = se pueden solicitar { $free } de las { $ordered } unidades de { $sku } (en solicitudes abiertas: { $requested }, en la tienda: { $at_shop }, devueltas y reembolsadas: { $refunded }, recompradas: { $bought_back }, perdidas en el camino de vuelta: { $lost }, nunca entregadas: { $undelivered })
refused-no-reason = indique al menos un motivo
refused-not-return-eligible = la respuesta de la política es `{ $outcome }`, no `return_eligible`; vea sus motivos
refused-not-buyback-route = la política recomienda otra vía para este producto; vea los motivos de la decisión
refused-choice-not-offered = la política { $version } no ofrece esta opción tras una inspección no superada ({ $clause })
refused-sku-not-in-return = `{ $sku }` no forma parte de esta devolución
refused-received-over-rma = { $received } es más que las { $quantity } unidades que cubre este RMA
refused-sku-not-received = no se recibió ninguna unidad de `{ $sku }`
refused-inspected-count = se recibieron { $received } unidades de { $sku }; la inspección juzga esas
refused-damaged-over-received = no puede ser más que las unidades recibidas
refused-lost-with-units = un paquete perdido en tránsito no puede tener unidades recibidas
refused-no-units-received = cuente al menos una unidad recibida, o registre el paquete como perdido en tránsito
refused-parcel-contents = indique lo que contenía el paquete
refused-return-holds-no-goods = la devolución no contiene artículos
refused-no-price = el caso no tiene precio sobre el que cotizar
refused-quote-outside-needs-reason = una cotización fuera de { $min }..{ $max } necesita un motivo
refused-quote-over-max = el programa de recompra paga como máximo { $max }
refused-quote-below-min = por debajo de { $min } solo para productos muy dañados en revisión manual
refused-corrected-quote-range = una cotización corregida queda dentro de { $min }..{ $max }
refused-quote-expired = la cotización ha vencido; pida una nueva
refused-quote-still-valid = la cotización sigue vigente
refused-revision-needs-reasons = indique por qué cambia la oferta
refused-revision-amount = una oferta revisada es inferior a la cotización y no negativa; si no, confirme la cotización
refused-assembly-photos-missing = adjunte fotos o vídeos del producto terminado
refused-tracking-url = debe ser un enlace http(s) a la página de seguimiento del transportista
refused-damage-needs-evidence = los daños anotados en la firma de entrega necesitan el registro del transportista o fotos (I.6)
refused-reship-needs-fee = el reenvío necesita el segundo gasto de envío internacional pagado por el cliente ({ $clause })
refused-appeal-statement = diga a qué se opone y por qué
refused-appeal-evidence = una apelación necesita pruebas (IV)
refused-appeal-window-closed = el plazo de apelación terminó el { $last_day }: las apelaciones se presentan dentro de { $days } días hábiles tras recibir el resultado ({ $clause })
refused-opinion-needs-reasons = la opinión final necesita sus motivos
refused-name-mediator = indique la organización externa
refused-already-appealed = este resultado ya fue apelado, y la opinión de la revisión es final (IV); atención al cliente puede registrar una mediación externa
refused-appeal-of-appeal = la revisión de una apelación es la opinión final (IV): no se puede apelar; atención al cliente puede registrar una mediación externa
refused-name-payment-method = indique el método de pago original
refused-refund-over-cap = { $amount } es más que los { $cap } aún reembolsables de este pedido (lo pagado más los gastos de devolución compensados, menos reembolsos anteriores)
refused-already-granted = el dinero de este caso ya fue concedido
refused-no-paying-result = este caso no tiene un resultado que pague dinero
refused-appeal-no-correction = la apelación no fijó un reembolso corregido que pagar
refused-nothing-payable-yet = aún no hay nada que pagar: una devolución debe superar la inspección, una recompra confirmarse o aceptarse su revisión
refused-nothing-left-for-case = no queda nada que conceder para este caso: su total es { $total }, y se concedieron { $granted } para él y sus apelaciones
refused-grant-over-order = { $amount } es más que los { $left } aún reembolsables de este pedido ({ $paid } pagados, { $return_costs } de gastos de devolución confirmados, { $granted } concedidos antes)
refused-correction-below-granted = ya se concedieron { $granted } para este caso: un total corregido no puede quitarlos
refused-correction-over-order = { $corrected } es más que los { $most } que el pedido permite para este caso ({ $allowance } pagados y confirmados, { $others } concedidos a otros casos)
refused-nothing-awaited = la conversación no espera respuesta de la tienda

## Importes y porcentajes

refused-unknown-currency = `{ $currency }` no es un código de moneda ISO 4217
refused-currency-not-payable = { $currency } no tiene unidad fraccionaria y no sirve para pagos
refused-malformed-amount = `{ $amount }` no es un importe; escriba cifras con un punto decimal opcional, como "120.00"
refused-amount-too-precise = `{ $amount }` tiene más decimales de los que admite { $currency } ({ $exponent })
refused-amount-too-large = el importe es demasiado grande
refused-currency-mismatch = no se puede combinar { $first } con { $second }
refused-zero-whole = no se puede repartir un importe a prorrata sobre un total de cero
refused-bad-percent = `{ $percent }` no es un porcentaje entre 0 y 100; escriba un número entero o un decimal entre comillas como "12.5"

## Archivos y resultados que nombra una solicitud

refused-not-your-upload = { $id } no es un archivo que usted subió para este mensaje
refused-upload-already-sent = { $id } ya se envió con otro mensaje
refused-not-your-evidence = no es una foto o un vídeo que usted haya subido; súbalo primero
refused-no-result-to-appeal = este caso no tiene un resultado de este tipo que apelar (uno de: { $kinds })

## Fotos y vídeos subidos

refused-file-empty = el archivo está vacío
refused-file-type = debe ser una foto JPEG, PNG o WebP o un vídeo MP4 o MOV (según su contenido)
refused-video-unreadable = no es un vídeo legible ({ $why })
refused-file-too-large = supera los { $megabytes } MB admitidos para este tipo
refused-upload-too-large = supera el archivo más grande admitido ({ $video } MB para un vídeo, { $photo } MB para una foto)
