# 顾客门户的文字。

## 每个页面

language-label = 语言
language-change = 切换
sign-out = 退出登录

## 登录

sign-in-title = 登录：您的订单
sign-in-heading = 您的订单、退货和申请
sign-in-sent = 如果订单号与电子邮箱匹配，登录链接已发送到该邮箱。链接仅可使用一次，有效期 15 分钟。
sign-in-throttled = 登录尝试次数过多。请等待一分钟后重试。
sign-in-intro = 请填写订单号和下单时使用的电子邮箱。我们会通过电子邮件发送登录链接。
sign-in-order-number = 订单号
sign-in-email = 电子邮箱
sign-in-order-number-missing = 请填写订单确认中的订单号。
sign-in-email-missing = 请填写下单时使用的电子邮箱。
sign-in-send = 给我发送登录链接
sign-in-staff = 工作人员？
sign-in-console = 登录管理后台

## 订单

orders-title = 您的订单
orders-signed-in-as = 当前登录：{ $email }
orders-none = 暂无订单。
order-title = 订单 { $number }
order-placed = 下单于 { $date }
order-signed-on = 于 { $date } 签收
order-shipped-with = 已由 { $carrier } 发货，运单号
order-track = 查询包裹
order-what-now = 您现在可以做的
order-lines = 您订购的商品
order-item = 商品
order-quantity = 数量
order-price = 价格
order-requests = 申请及其进度
order-no-requests = 该订单没有退货、回购或申诉。
order-timeline = 时间线

photos-title = 您的产品组装完成照片
photos-intro = 请查看照片。您确认后我们即打包发货。
photos-alt = 组装完成的产品，照片 { $n }
photos-approve = 确认照片
photos-comment = 或告诉我们哪里不对
photos-ask-changes = 要求修改

shortage-title = 缺少一个配件
shortage-question = 我们应该怎么做？
shortage-wait = 等到有货
shortage-substitute = 使用同等配件
shortage-drop = 去掉一件商品并退款
shortage-item = 要去掉的商品
shortage-send = 提交我的答复

## 申请（退货、换货、回购）及其页面

case-next-due = 下一步截止 { $date }
case-rma-number = RMA 编号
case-facts = 您的申请
case-tracking = 您的包裹运单号：
case-next = 接下来
case-related = 相关申请
case-why = 原因（依据政策）
case-media = 照片和视频
case-photo-alt = 照片 { $n }
case-steps = 目前的进度
case-refund-to-method = { $amount } 退至您的原付款方式（{ $method }），依据政策的退货规则（III.3）。
case-as-you-paid = 按原付款方式
case-our-offer = 我们的报价：{ $amount }（所付价格的 { $percent }），有效期至 { $until }。

appeal-title = 对此结果提出申诉
appeal-when = 请在结果公布后 { $window } 内提出。我们会在 { $recheck } 内复核，并发送最终意见。
appeal-statement = 结果哪里有误
appeal-file = 能说明问题的照片或视频
appeal-send = 提交申诉

slip-card-title = 退货单：请贴在箱子上
slip-send-to = 寄往
slip-without-number = 没有此编号的包裹无法退款，将转入回购计划。
slip-print = 打印退货单
slip-print-what = （含 RMA 编号二维码、商品及双方地址）
slip-title = RMA 退货单 { $rma }
slip-back = 返回退货申请
slip-how-to-print = 请打印此页并将退货单贴在箱子外面（浏览器的“打印”，或 Ctrl+P / ⌘P），也可以下载 PDF；它也已附在含有您 RMA 编号的邮件中。
slip-pdf = 下载退货单 PDF
slip-heading = 退货单 · 订单 { $number }
slip-from = 寄件人
slip-items = 本包裹内的商品
slip-sku = SKU
slip-units = 数量
slip-declaration = 退回货物，凭 RMA { $rma } 寄回卖家进行检验和退款；并非销售。

request-title = 订单 { $number } 的申请
request-intro = 在您点击“提交申请”之前不会发送任何内容。您会先看到我们的政策如何决定，包括金额和日期。
request-send = 提交申请
request-answers = 您的填写
request-answers-hint = 可以修改任何内容后再次查看；提交时会重新评估申请。
request-kind = 1. 您想要什么？
request-kind-return = 退货退款
request-kind-exchange = 换成其他尺寸、颜色或型号
request-kind-buyback = 卖回给我们的回购计划
request-items = 2. 哪些商品，多少件
request-you-have = { $sku }，您有 { $n } 件
request-why = 3. 原因（退货或换货）
request-reason = 原因
request-choose = 请选择…
request-return-costs = 寄回包裹的费用（如知道，选填）
request-condition = 3. 成色（回购）
request-grade = 成色
request-defect = 产品有问题吗？
request-no-defect = 没有，使用正常
request-defect-hint = 仍在退货期限内的缺陷最好退货：退货比回购对您更有利。
request-missing = 缺少的配件数
request-packaging = 我还保留着原包装
request-more = 4. 补充说明，附照片或视频
request-description = 发生了什么，或者您希望怎样处理
request-files = 照片或视频（JPEG、PNG、WebP、MP4、MOV）
request-added = 已添加：
request-upload-alt = 您上传的文件 { $n }
request-check-again = 再次查看
request-preview = 查看政策的决定

## 政策的决定

decision-title = 政策的决定
decision-refund = 退款，退至原付款方式
decision-you-get = 您将获得
decision-quote = 回购报价
decision-our-offer = 我们的报价
decision-dates = 日期
decision-why = 原因
decision-clauses = 政策条款（{ $n }）
outcome-return-eligible = 这些商品可以退货。包裹通过检验后，您将获得下列退款。
outcome-needs-evidence = 请添加清晰的问题照片或视频：按政策，退货前需要这些资料。
outcome-buyback-offered = 已无法退货，但我们的回购计划可以向您收购这些商品。
outcome-buyback-quote = 我们的回购计划可以按下列金额收购这些商品。
outcome-buyback-manual-review = 客服会查看您的照片并发送报价。
outcome-return-recommended = 这是产品缺陷：退货比回购计划对您更有利。
outcome-exchange-via-return = 我们通过退货来换货：请将这些商品退回退款，然后订购您需要的商品。
outcome-exchange-negotiable = 客服可以与您协商直接换货。
outcome-refund-after-deductions = 扣除下列费用后退款。
outcome-no-refund = 按政策，此情况不予退款。
refund-line-product = 商品价格
refund-line-handling-fee = 扣留的手续费
refund-line-original-shipping = 您分摊的原运费
refund-line-duties = 您分摊的已付关税
refund-line-return-costs = 您寄回包裹的费用
refund-line-deduction-shipping = 扣除订单的国际运费
refund-line-deduction-processing = 扣除退货处理费
deadline-review-by = 我们审核申请的截止日期
deadline-return-by = 可申请退货至
deadline-evidence-by = 添加照片或视频的截止日期
deadline-quote-by = 客服确认金额的截止日期
deadline-contact-by = 我们与您联系的截止日期
deadline-process-by = 我们处理订单的截止日期
deadline-due-by = 截止日期
quote-line-paid = 商品所付金额
quote-line-grade = 按成色的比例
quote-line-missing-accessories = 缺少配件
quote-line-no-packaging = 没有原包装
quote-line-floor = 适用回购计划的最低比例
quote-line-valid-until = 报价有效期至
quote-total = { $amount }（所付价格的 { $percent }）

## 与客服的对话

conversation-title = 与客服的消息
conversation-overdue = 已逾期
conversation-none = 暂无消息。
conversation-invite = 关于本页的任何问题都可以在这里给我们留言；我们会通过电子邮件和这里回复。
conversation-internal = 内部备注
conversation-photo-alt = 附件照片 { $n }
conversation-files-gone = { $n ->
    [one] 有 1 个文件已无法获取。
   *[other] 有 { $n } 个文件已无法获取。
  }
conversation-not-sent = 您的消息未发送：
conversation-write = 给客服留言
conversation-files = 照片或视频（选填）
conversation-send = 发送

## 申请的类型、状态和历史步骤

case-kind-order = 配送
case-kind-return = 退货
case-kind-buyback = 回购
case-kind-refund = 退款
case-kind-appeal = 申诉
case-kind-parcel = 包裹
case-line = { $title }：{ $state }
case-line-due = { $title }：{ $state }，下一步截止 { $date }
word-placed = 已下单
word-payment-verified = 付款已核实
word-awaiting-shortage-consent = 等待您对缺少配件的答复
word-assembling = 组装中
word-awaiting-photo-approval = 等待您确认照片
word-photos-approved = 照片已确认
word-packed = 已打包
word-shipped = 已发货
word-signed = 已签收
word-returned-to-sender = 已退回寄件人
word-held-at-customs = 海关扣留
word-destroyed-at-customs = 被海关销毁
word-cancelled = 已取消
word-requested = 已申请
word-approved = 已批准
word-rejected = 已拒绝
word-sent-to-buyback = 已转入回购计划
word-in-transit = 运输中
word-received = 已收到
word-inspection-passed = 检验通过
word-refund-granted = 已批准退款
word-inspection-failed = 检验未通过
word-sent-back = 已寄回
word-abandoned-to-buyback = 已交由回购计划处理
word-lost = 已丢失
word-applied = 已申请
word-quoted = 已报价
word-accepted = 已接受
word-declined = 已拒绝
word-expired = 已过期
word-revised = 报价已调整
word-revision-accepted = 已接受调整后的报价
word-confirmed = 已确认
word-paid = 已付款
word-goods-held = 货物已扣留
word-granted = 已批准
word-sent = 已发出
word-settled = 已结清
word-failed = 失败
word-filed = 已提交
word-upheld = 维持原结果
word-changed = 结果已更改
word-mediation = 调解中

## 顾客现在可以做的

todo-approve-photos = 确认组装完成的产品照片
todo-answer-shortage = 告诉我们如何处理缺少的配件
todo-send-parcel = 寄出包裹，RMA 编号 { $rma }
todo-choose-after-inspection = 选择退回货物的处理方式{ $has_date ->
    [yes] （截止 { $date }）
   *[no] {""}
  }
todo-answer-offer = 接受或拒绝我们的报价{ $has_date ->
    [yes] （截止 { $date }）
   *[no] {""}
  }
todo-send-goods = 将货物寄给我们
todo-report-damage-noted = 报告签收时发现的损坏；签收时已登记
todo-report-damage-until-time = 报告签收时发现的损坏，截止 { $until }（{ $zone } 时间）
todo-report-damage-until = 报告签收时发现的损坏，截止 { $until }
todo-return-possible = 可因“{ $reasons }”申请退货，截止 { $until }
todo-or = ”或“
todo-sell-back = 卖回给我们的回购计划
todo-sell-back-range = 卖回给我们的回购计划（所付价格的 { $min } 至 { $max }）

## 申请表的选项

choice-reason-quality-issue = 有质量问题
choice-reason-not-as-described = 与描述严重不符
choice-reason-wrong-item = 收到的商品不对（型号、颜色、尺寸）
choice-reason-transport-damage = 运输中损坏（签收后 { $unit ->
    [hours] { $length } 小时
   *[days] { $length } 天
  }内）
choice-reason-other = 其他原因（{ $unit ->
    [hours] { $length } 小时
   *[days] { $length } 天
  }内；退还价格的 { $percent }）
choice-grade-like-new = 几乎全新：无痕迹，使用完美
choice-grade-good = 良好：轻微痕迹，使用完美
choice-grade-fair = 一般：有明显磨损，可以使用
choice-grade-worn = 有磨损：磨损严重或有小故障
choice-grade-damaged = 已损坏：破损或无法使用
choice-defect-quality-issue = 是：有质量问题
choice-defect-not-as-described = 是：与描述严重不符
choice-defect-wrong-item = 是：收到的商品不对
choice-defect-transport-damage = 是：运输中损坏

## 订单账目

order-carrier-said = 承运商的说明
ledger-title = 订单账目
ledger-paid = 已付款项
ledger-products = 商品
ledger-shipping = 国际运费
ledger-duties = 订单所含关税和税费
ledger-total-paid = 已付总额
ledger-confirmed-return-costs = 凭收据确认的退货费用
ledger-by-request = 按申请列出的退款和回购付款
ledger-request = 申请
ledger-result = 结果
ledger-corrected = 申诉后更正
ledger-granted = 已批准
ledger-sent = 已发出
ledger-arrived = 已到账
ledger-owed = 尚欠
ledger-whole-order = 整个订单
ledger-units = 每件商品的去向
ledger-ordered = 订购
ledger-with-customer = 在顾客处
ledger-requested = 在未结申请中
ledger-at-shop = 在本店
ledger-refunded = 已退款
ledger-bought-back = 已回购
ledger-elsewhere = 其他
ledger-sent-back = { $n } 件已寄回顾客
ledger-lost = { $n } 件在退回途中丢失
ledger-undelivered = { $n } 件从未送达
ledger-returned-parcel = 退回的包裹
ledger-left = 退款退至原付款方式（III.3）。此订单最多还可退款 { $left }。

## 申请的下一步，以及顾客的选择

working-days = { $n ->
    [one] 1 个工作日
   *[other] { $n } 个工作日
  }
next-review = 我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }审核您的申请。
next-send-parcel = 请将包裹寄往退货地址，并在箱子上写明 RMA 编号，然后在下方填写运单号。
next-inspect-then-refund = 货物到达后我们会进行检验，然后退款至您的原付款方式。
next-record-parcel = 包裹到达时我们会登记，然后检验货物。
next-inspect = 我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }检验货物。
next-grant-refund = 我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }批准您的退款，退至原付款方式。
next-refund-granted = 您的退款已批准：财务会将其退至您的原付款方式；您的银行或支付服务商通常需要{ $from ->
    [0] 最多 { $days } 个工作日
   *[other] { $from }–{ $days } 个工作日
  }才能显示。
next-goods-to-buyback = 货物留在我们这里，按回购计划处理：请在订单的回购申请中查看我们的报价。
next-choose-after-inspection = 请在下方选择：自费将货物寄回给您，或卖给回购计划。
next-quote = 客服{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }向您发送报价。
next-answer-offer = 请在报价有效期内接受或拒绝。
next-send-goods = 请自费将货物寄给我们，并在下方填写运单号；货物到达后我们会检验。
next-answer-revision = 请接受调整后的报价，或要求寄回货物。
next-pay = 我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }向您付款。
next-send-money = 我们{ $has_date ->
    [yes] 将在 { $date } 前
   *[no] 将
  }将款项退至您的原付款方式。
next-money-on-its-way = 款项已发出；到账时间取决于您的银行或支付服务商：通常{ $from ->
    [0] 最多 { $days } 个工作日
   *[other] { $from }–{ $days } 个工作日
  }（III.3）。
next-recheck = 我们会复核，并{ $has_date ->
    [yes] 在 { $date } 前
   *[no] {""}
  }发送最终意见。
next-mediation = 如果您仍有异议，可以通过您付款的平台或消费者组织申请调解。
action-tracking-number = 您的包裹运单号
action-address = 货物寄回的地址
action-sent-parcel = 我已寄出包裹
action-choose-buyback = 将货物卖给回购计划
action-choose-send-back = 自费将货物寄回给我
action-accept-offer = 接受报价
action-decline-offer = 拒绝报价
action-sent-goods = 我已寄出货物
action-accept-revision = 接受调整后的报价
action-ask-for-item-back = 拒绝，并将货物寄回给我

## 错误页面和登录链接页面

error-home = 返回您的订单
error-console = 管理后台
error-internal-detail = 我们这边出了问题。请稍后再试；如果问题持续，请联系客服。
error-invalid-field = 有字段无效
error-not-found = 未找到
error-forbidden = 您的角色无权执行此操作
error-not-allowed-now = 在当前步骤中无法进行
error-stale-version = 此申请在此期间已有变化
error-internal = 内部错误
error-malformed-body = 无法读取请求内容
error-unauthenticated = 请登录或提供有效的 API 密钥
error-unavailable = 暂时无法使用
error-cross-site-request = 登录后的修改必须来自本网站
error-too-many-attempts = 尝试次数过多；请等待一分钟后重试
error-link-unusable = 此登录链接已使用、已过期或无效；请重新申请
error-body-too-large = 上传的文件超过允许的大小
link-title = 登录
link-heading = 登录查看您的订单
link-intro = 此链接只能登录一次。请点击按钮继续。
link-continue = 继续

## 申请的信息

fact-you-wrote = 您的说明
fact-customer-says = 顾客说明
fact-items = 商品
fact-reason = 原因
fact-return-costs = 退货费用
fact-policy-refund = 按政策的退款
fact-return-tracking = 退货运单
fact-received = 已收到
fact-received-line = { $sku } 收到 { $received } 件（{ $damaged } 件损坏）
fact-refund-after-inspection = 检验后的退款
fact-inspection-found = 检验结果
fact-why = 原因
fact-condition = 成色
fact-condition-value = { $grade }，缺少 { $missing } 个配件，{ $packaging ->
    [yes] 有原包装
   *[no] 无原包装
  }
fact-paid-for-items = 商品所付金额
fact-quote = 报价
fact-quote-value = { $amount }（所付价格的 { $percent }），有效期至 { $until }
fact-revised-offer = 调整后的报价
fact-why-revised = 调整原因
fact-tracking = 运单
fact-appeal-against = 申诉对象
fact-final-opinion = 最终意见
fact-mediation = 调解
fact-amount = 金额
fact-payment-method = 付款方式
fact-payment-reference = 付款参考号
fact-provider-said = 支付服务商的说明
word-quality-issue = 质量问题
word-not-as-described = 与描述不符
word-wrong-item = 发错商品
word-transport-damage = 运输损坏
word-other = 其他
word-like-new = 几乎全新
word-good = 良好
word-fair = 一般
word-worn = 有磨损
word-damaged = 已损坏
word-review = 审核
word-inspection = 检验
word-quote = 报价
word-refund-amount = 退款金额
word-delivery = 配送

## 申请表的提示

request-error-quantity = { $item }：请填写 0 到 { $most } 之间的整数
request-error-no-item = 请至少选择一件商品。
request-error-reason = 请选择原因。
request-error-grade = 请选择最符合的成色。
request-error-missing = 请填写缺少配件的整数数量（没有缺少则填 0）。
request-error-defect = 请选择产品是否有问题。
request-error-kind = 请选择退货、换货或回购。

## More steps of a case's history

word-assembly-media-submitted = 已发送组装照片
word-assembly-started = 已开始组装
word-changes-requested = 已要求修改
word-graded = 已评定成色
word-item-back-requested = 已要求寄回货物
word-mediation-recorded = 已记录调解
word-parcel-without-rma = 无 RMA 编号的包裹
word-quote-corrected = 报价已更正
word-refused = 已拒收
word-released-from-customs = 海关已放行
word-reshipped = 已重新寄送
word-return-taken-over = 已接手退货
word-returned-parcel-settled = 退回包裹已结算
word-send-back-chosen = 已选择寄回
word-shortage-answered = 已答复缺件
word-shortage-reported = 已报告缺件
word-carrier-problem = 承运商问题
word-deadline-recounted = 截止日期已重新计算
conversation-by-email = 通过电子邮件
conversation-page-title = 对话：{ $title }
conversation-back = 返回
conversation-back-to-page = 返回页面

upload-refused = 照片或视频：{ $why }
form-line = 第 { $n } 行，{ $field }
