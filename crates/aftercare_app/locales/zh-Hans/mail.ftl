# 顾客收到的电子邮件。

mail-hello = { $name }，您好：
mail-signature = { $shop } 客服
mail-questions = 如有疑问，请写信至 { $email }。

## 链接

mail-link-order = 您的订单
mail-link-request = 您的申请
mail-link-return = 您的退货
mail-link-return-slip = 您的退货及 RMA 退货单
mail-link-details = 详情
mail-link-application = 您的回购申请
mail-link-buyback = 您的回购
mail-link-accept-or-decline = 接受或拒绝
mail-link-appeal = 您的申诉
mail-link-answer = 在订单页面答复
mail-link-photos = 查看照片
mail-link-track = 查询包裹
mail-link-conversation = 打开对话

## 登录

mail-sign-in-subject = 您的登录链接
mail-sign-in-body = 打开下面的链接即可查看您的订单、退货和申请。链接仅可使用一次，有效期 { $minutes } 分钟。如果不是您本人申请，请忽略此邮件。
mail-sign-in-link = 登录

## 承运商的消息

mail-carrier-subject = 订单 { $number } 的配送出现问题
mail-carrier-problem = 承运商反馈，您的订单 { $number } 的包裹{ $what ->
    [returning] 正在退回我们这里
   *[problem] 在运输途中出现问题
  }。
mail-carrier-said = 承运商的说明：{ $said }
mail-carrier-contact = 请联系我们的客服（{ $email }），以便我们与承运商协调处理。

## 对话

mail-about-order = 订单 { $number }
mail-about-case = 订单 { $number } 的{ $kind ->
    [fulfilment] 履约
    [return] 退货
    [buyback] 回购申请
    [refund] 退款
    [appeal] 申诉
   *[parcel] 退回包裹
  }{ $has_rma ->
    [yes] {" "}{ $rma }
   *[no] {""}
  }
mail-message-subject = { $shop } 关于{ $about }的消息
mail-message-from-shop = { $shop } 的 { $staff } 就{ $about }给您留言：
mail-message-files = { $n ->
    [one] 附有 1 个文件。
   *[other] 附有 { $n } 个文件。
  }
mail-message-answer = 您可以在对话页面回复，也可以附上照片或视频。

## 退货

mail-return-requested-subject = 已收到订单 { $number } 的退货申请
mail-return-requested = 我们已收到您对订单 { $number } 的退货申请，{ $has_date ->
    [yes] 将在 { $date } 前审核
   *[no] 正在审核
  }。
mail-return-wait-for-rma = 我们会通过电子邮件告知结果。在拿到 RMA 编号之前请不要寄回任何物品：没有 RMA 编号的包裹无法退款。
mail-return-rejected-subject = 您对订单 { $number } 的退货申请
mail-return-rejected = 我们已审核您的退货申请，无法接受：{ $reasons }。
mail-appeal-possible = 如有异议，您可以在申诉期限内在申请页面对此结果提出申诉。
mail-return-to-buyback-subject = 您对订单 { $number } 的退货申请：回购计划
mail-return-to-buyback = 我们已审核您的退货申请：{ $reasons }。
mail-return-to-buyback-next = 我们的回购计划可以代替退货收购这些货物；您将收到回购报价。
mail-return-received-subject = 您退回的包裹已到达：订单 { $number }
mail-return-received = 您退回的包裹已到达我们的仓库。我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] {""}
  }进行检验并告知您结果。
mail-return-approved-subject = 退货已批准：订单 { $number } 的 RMA { $rma }
mail-return-approved = 您对订单 { $number } 的退货已批准。您的 RMA 编号是 { $rma }。
mail-return-send-to = 请在箱子外面写上 RMA 编号，并将包裹寄往：
    { $address }
mail-without-rma = 没有 RMA 编号的包裹无法退款，将转入回购计划。
mail-inspection-passed-subject = 订单 { $number } 检验通过
mail-inspection-passed = 我们已检验您退回的货物，检验通过。{ $refund } 将退至您的原付款方式。
mail-inspection-failed-subject = 订单 { $number } 的检验结果
mail-inspection-failed = 我们已检验您退回的货物，未通过检验：{ $reasons }。
mail-inspection-failed-next = 请在退货页面选择接下来的处理方式。您也可以在申诉期限内对此结果提出申诉。

## 退款

mail-refund-sent-subject = 订单 { $number } 的退款已发出
mail-refund-sent = 您的退款{ $has_amount ->
    [yes] {" "}{ $amount }{" "}
   *[no] {""}
  }已退至您的原付款方式（参考号 { $reference }）。到账时间取决于您的银行或支付服务商：通常{ $from ->
    [0] 最多 { $days } 个工作日
   *[other] { $from }–{ $days } 个工作日
  }。

## 回购

mail-buyback-applied-subject = 已收到订单 { $number } 的回购申请
mail-buyback-applied = 我们已收到您的回购申请，{ $has_date ->
    [yes] 将在 { $date } 前发送报价
   *[no] 将发送报价
  }。
mail-buyback-confirmed-subject = 订单 { $number } 的回购已确认
mail-buyback-confirmed = 检验已完成，回购已确认。我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }付款至您的原付款方式。
mail-buyback-quote-subject = 订单 { $number } 的回购报价
mail-buyback-quote = 我们出价 { $amount }（所付价格的 { $percent }）回购您的货物。报价有效期至 { $until }。请在申请页面接受或拒绝。
mail-buyback-revised-subject = 订单 { $number } 的回购报价已调整
mail-buyback-revised = 检验后我们将报价调整为 { $amount }：{ $reasons }。请在申请页面接受调整后的报价，或要求将货物寄回。

## 申诉

mail-appeal-filed-subject = 已收到订单 { $number } 的申诉
mail-appeal-filed = 我们已收到您的申诉。我们会复核此案，{ $has_date ->
    [yes] 并在 { $date } 前发送最终意见
   *[no] 并发送最终意见
  }。
mail-appeal-upheld-subject = 订单 { $number } 的申诉已决定：维持原结果
mail-appeal-upheld = 我们已复核您的申请，维持原结果。我们的意见：{ $opinion }
mail-appeal-mediation = 如有异议，您可以申请调解。
mail-appeal-changed-subject = 订单 { $number } 的申诉已决定：结果已更改
mail-appeal-changed = 我们已复核您的申请，并更改了结果。我们的意见：{ $opinion }

## 订单

mail-shortage-subject = 订单 { $number }：缺少一个配件，需要您的答复
mail-shortage = 在准备您的订单时，我们发现缺少一个配件：{ $message }
mail-shortage-consent = 只有在您同意后我们才会继续（I.1）。请在订单页面选择等待、使用替代品或去掉该商品。
mail-photos-subject = 订单 { $number }：请确认产品照片
mail-photos = 您的产品已组装完成。请在订单页面查看照片并确认，或在我们打包前告诉我们需要修改的地方（I.2）。
mail-returned-to-sender-subject = 订单 { $number } 已退回我们这里
mail-returned-to-sender = 您的包裹无法投递，已退回我们这里。我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }与您联系，商量重新寄送或扣除费用后退款（III.5）。
mail-customs-subject = 订单 { $number } 被海关扣留
mail-customs = 海关扣留了您的包裹：{ $note }
mail-customs-contact = 请联系我们的客服，以便办理清关（II）。
mail-cancelled-subject = 订单 { $number } 已取消
mail-cancelled = 您的订单 { $number } 已取消：{ $reason }
mail-shipped-subject = 订单 { $number } 已发货
mail-shipped = 您的订单 { $number } 已由 { $carrier } 发货，运单号 { $tracking }。
mail-shipped-check = 到货时请在签收前检查包裹；如有损坏，请在 48 小时内附照片告知我们。
