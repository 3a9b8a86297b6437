# 政策给出的理由，即评估器告诉顾客的内容。

## 退货原因与回购成色

reason-quality-issue = 质量问题
reason-not-as-described = 产品与描述严重不符
reason-wrong-item = 发错商品
reason-transport-damage = 运输中严重损坏
reason-other = 其他原因

grade-like-new = 几乎全新
grade-good = 良好
grade-fair = 一般
grade-worn = 有磨损
grade-damaged = 已损坏

## 退货期限

window-days = { $context ->
    [exchange] 换货按退货期限办理：因“{ $reason }”申请退货，
    [buyback] 您反映的是“{ $reason }”，仍可因此申请退货，
   *[return] 因“{ $reason }”申请退货，
  }须在签收后 { $days } 天内提出；您于 { $signed } 签收，因此期限至 { $last } 结束。
window-hours = { $context ->
    [exchange] 换货按退货期限办理：因“{ $reason }”申请退货，
    [buyback] 您反映的是“{ $reason }”，仍可因此申请退货，
   *[return] 因“{ $reason }”申请退货，
  }须在签收后 { $hours } 小时内提出；您于 { $signed } 签收，因此期限至 { $end }（{ $zone } 时间）。
window-own-dates = 按您当地的日期（{ $signed } 签收，{ $asked } 申请），期限至 { $last } 结束。
window-own-dates-in-time = 按您当地的日期（{ $signed } 签收，{ $asked } 申请），期限至 { $last } 结束，因此您的申请未超期。
window-noted-at-signing = 期限之所以这么长，是因为签收时已向承运商登记了损坏（签收后才发现的损坏为 { $unit ->
    [hours] { $length } 小时
   *[days] { $length } 天
  }）。
past-window-buyback = 因“{ $reason }”退货的期限已过，因此申请转入回购计划：您可以按产品成色，以部分价格将其卖回给我们。
hidden-defects-negotiable = 如果您是在使用后才发现隐藏的质量问题，请联系客服：此类特殊情况可以协商。

## 退货及其退款

return-needs-evidence = 每个退货申请都需要清晰的问题照片或视频；请在期限结束（{ $last }）前补充。
refund-product = 商品：退回件所付价格（{ $returned }）的 { $percent } = { $product }。
refund-handling-fee = 手续费：扣留商品金额的 { $percent }（{ $fee }）。
refund-not-refunded = { $what ->
    [shipping] 原国际运费
   *[duties] 订单所含关税和税费
  }：此原因不予退还。
refund-share = { $what ->
    [shipping] 原国际运费
   *[duties] 订单所含关税和税费
  }：退回件分摊 { $fee } 中的 { $part }，退还其中的 { $percent } = { $refunded }。
return-costs-not-compensated = 您的退货运费和出口报关费用：此原因不予补偿。
return-costs-capped = 退货费用最多按退回件价格的 { $cap_percent }（{ $cap }）补偿；已确认 { $confirmed }，因此按 { $cap } 计算。
return-costs-confirmed = 您的退货运费和出口报关费用，按您的收据确认为 { $confirmed }：补偿 { $percent } = { $refunded }。
return-costs-later = 您的退货运费和出口报关费用在我们收到货物后按收据补偿：补偿我们确认金额的 { $percent }，最多 { $cap }（退回件价格的 { $cap_percent }）。
return-costs-claimed = 您告诉我们费用为 { $claimed }；请保留收据。
return-estimated-refund = 预计退款：{ $total }，退回的货物通过检验后退至您的原付款账户。
return-wait-for-rma = 请先不要寄回产品：客服将在 { $review_by } 前审核申请，并通过电子邮件发送 RMA 编号、退货地址和说明。没有 RMA 编号的包裹按回购处理。
return-condition = 退回的货物必须完好、未使用，并附带原包装和全部配件；否则可能按回购处理或仅部分退款。

## 换货

exchange-negotiable = 该产品单价较高且分摊的运费较少（最多为其价格的 { $share }），因此客服可以与您协商直接换货。
exchange-contact-by = 客服将在 { $review_by } 前与您联系。
exchange-not-in-currency = 以 { $currency } 支付的订单不协商直接换货。
exchange-free-shipping = 该订单免运费，换货的物流费用将由本店承担：因此不予协商。
exchange-not-on-order = { $sku } 不在该订单中。
exchange-below-threshold = 只有单价至少 { $threshold } 的商品才可协商直接换货；{ $sku } 的价格为 { $price }。
exchange-shipping-too-large = 对 { $sku } 而言运费占其价格的比例过高，无法直接换货：它分摊的原运费超过其价格的 { $share }。
exchange-via-return = 跨境运输费用高、时间长，因此我们不直接换货：请退货退款后，再订购您需要的产品。
exchange-needs-evidence = 退货需要清晰的产品照片或视频；请在期限结束（{ $last }）前补充。

## 回购

return-fails-grade = 产品成色为“{ $grade }”。
return-fails-accessories = { $missing ->
    [one] 缺少 1 个配件。
   *[other] 缺少 { $missing } 个配件。
  }
return-fails-packaging = 原包装已不在。
buyback-better-than-return = 退货要求产品完好、未使用，并完整装在原包装中：该产品无法通过检验，因此回购计划更合适。
return-better-than-buyback = 退货比回购对您更有利，因此我们建议退货。
return-against-quote = 预计退货退款：{ $refund }（未含退货运费补偿），而回购金额为 { $quote }。
return-against-staff-quote = 预计退货退款：{ $refund }（未含退货运费补偿），而回购金额由工作人员确定。
return-needs-photos = 退货需要清晰的问题照片或视频。
buyback-past-window = 因“{ $reason }”退货的期限已过，因此适用回购计划。
buyback-manual-review = 成色为“{ $grade }”的产品需要工作人员查看：他们会根据您的照片确定回购金额，金额可能低于通常的价格 { $min } 至 { $max }。
buyback-quote = 回购报价：所付价格（{ $base }）的 { $percent } = { $amount }；成色“{ $grade }”的产品为 { $grade_percent }。
quote-minus-accessories = { $missing ->
    [one] 缺少 1 个配件
   *[other] 缺少 { $missing } 个配件
  }，减 { $points } 个百分点。
quote-minus-packaging = 没有原包装，减 { $points } 个百分点。
quote-floor = 报价不会低于所付价格的 { $min }。
quote-open-until = 报价有效期至 { $until }。如您接受，请自费寄回产品；产品到达并通过检验后我们付款。
buyback-add-photos = 请添加产品当前状态的照片（使用痕迹、包装）：工作人员据此确认报价。
buyback-confirm-by = 客服将在 { $quote_by } 前确认金额。

## 未送达顾客的包裹

undeliverable-buyer-reasons = 包裹因买家原因（地址错误或不完整、无法联系或拒收）被退回，由买家负责。
undeliverable-contact = 我们将在 { $contact_by } 前与您联系，询问是重新寄送包裹{ $second_fee ->
    [yes] （需再付一次国际运费）
   *[no] {""}
  }还是退款。
undeliverable-refund = 不重新寄送的话，退款为商品金额（{ $product }）{ $deducted ->
    [shipping] 减去原国际运费（{ $shipping }）
    [fee] 减去退货处理费（{ $fee }）
    [both] 减去原国际运费（{ $shipping }）和退货处理费（{ $fee }）
   *[none] {""}
  } = { $total }。
undeliverable-no-refund = 不重新寄送的话没有退款：商品金额（{ $product }）{ $deducted ->
    [shipping] 减去原国际运费（{ $shipping }）
    [fee] 减去退货处理费（{ $fee }）
    [both] 减去原国际运费（{ $shipping }）和退货处理费（{ $fee }）
   *[none] {""}
  }后不剩任何金额。
customs-destroyed = 目的地海关因买家原因（拒付关税或缺少清关文件）扣留或销毁了包裹；损失由买家承担，不予退款。
customs-returned-to-buyback = 退回的货物按回购计划处理。
