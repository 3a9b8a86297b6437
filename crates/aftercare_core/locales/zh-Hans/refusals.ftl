# 指令被拒绝的原因。状态名和字段名保持 API 的写法。

## 案件的状态，操作人的角色

refused-state = 无法{ $doing }：案件当前为 `{ $state }`，只有在 { $allowed } 时才可以
refused-only-role = 只有{ $role ->
        [customer] 客户
        [agent] 客服人员
        [warehouse] 仓库
        [finance] 财务
        [admin] 管理员
        [customer-side] 客户或代表客户的客服人员
        [customer-or-staff] 客户或店铺员工
        [goods-holders] 客户、客服人员或仓库
        [sweep-or-agent] 期限检查程序或客服人员
        [finance-or-payments] 财务或支付系统
        [store-or-admin] 店铺商城或管理员
        [staff] 店铺员工
       *[system] 店铺的系统
    }可以{ $doing }
refused-roles = 您的角色不允许{ $doing }
refused-four-eyes = 批准退款的人不能同时发放该退款
refused-staff-use-order-list = 只有客户有自己的订单；员工请使用订单列表
refused-no-password = 只有员工有可修改的密码
refused-api-key-session-only = API 密钥只能访问订单接口；请登录后使用此功能
refused-api-key-scope = 此 API 密钥缺少 { $scope } 权限范围
refused-sender-not-allowed = 发件人不能在此对话中发言：{ $why }
refused-conflict = 案件在此期间已被他人修改；请重新加载后再试

## 拒绝信息中提到的步骤

doing-request-return = 申请退货
doing-approve-return = 批准退货
doing-reject-return = 拒绝退货
doing-send-return-to-buyback = 将退货转入回购
doing-add-return-tracking = 填写退货的运单号
doing-receive-return = 签收退回的包裹
doing-inspect-return = 检验退货
doing-pass-inspection = 判定检验通过
doing-fail-inspection = 判定检验不通过
doing-ask-product-back = 要求寄回产品
doing-abandon-to-buyback = 将产品转入回购
doing-choose-after-failed-inspection = 选择检验不通过后的处理方式
doing-record-refund = 记录退款
doing-apply-buyback = 申请回购
doing-open-buyback-for-parcel = 为没有 RMA 的包裹开立回购
doing-take-over-goods = 将退货商品转入回购
doing-grade-goods = 评定商品成色
doing-quote-buyback = 给出回购报价
doing-correct-quote = 在申诉后更正报价
doing-accept-quote = 接受报价
doing-decline-quote = 拒绝报价
doing-expire-quote = 使报价过期
doing-add-buyback-tracking = 填写运单号
doing-receive-buyback = 签收回购包裹
doing-confirm-quote = 确认报价
doing-revise-offer = 修改报价
doing-accept-revision = 接受修改后的报价
doing-ask-item-back = 要求寄回商品
doing-mark-buyback-paid = 将回购标记为已付款
doing-verify-payment = 核实付款
doing-report-shortage = 报告配件缺货
doing-answer-shortage = 回复配件缺货的询问
doing-start-assembly = 开始组装
doing-send-assembly-photos = 发送组装完成的产品照片
doing-approve-photos = 确认照片
doing-ask-for-changes = 要求修改
doing-pack = 打包订单
doing-ship = 发出订单
doing-record-signing = 记录签收
doing-record-returned-parcel = 记录退回的包裹
doing-reship = 重新寄出退回的包裹
doing-settle-returned-parcel = 结算退回的包裹
doing-record-customs-hold = 记录海关扣留
doing-release-from-customs = 记录海关放行
doing-record-customs-destruction = 记录海关销毁
doing-cancel-order = 取消订单
doing-file-appeal = 提出申诉
doing-decide-appeal = 给出申诉的最终意见
doing-record-mediation = 记录调解
doing-grant-refund = 批准退款
doing-send-refund = 发放退款
doing-settle-refund = 完成退款
doing-record-failed-payment = 记录付款失败
doing-record-refused-payment = 记录付款被拒
doing-write-message = 在对话中发言
doing-write-internal-note = 写内部备注
doing-read-conversations = 查看对话
doing-close-without-reply = 判定消息无需回复
doing-see-awaiting-reply = 查看等待回复的对话
doing-upload-evidence = 上传凭证
doing-see-dashboard = 查看仪表板
doing-see-queues = 查看队列
doing-list-orders = 列出所有订单
doing-import-orders = 导入订单
doing-export-orders = 导出订单
doing-print-invoice = 打印商业发票
doing-choose-email-language = 选择自己邮件的语言
doing-change-logo = 更改店铺标志
doing-change-profile = 更改店铺资料
doing-list-api-keys = 列出 API 密钥
doing-create-api-keys = 创建 API 密钥
doing-revoke-api-keys = 撤销 API 密钥
doing-see-connections = 查看连接
doing-manage-webhooks = 管理 Webhook
doing-create-staff = 创建员工账户
doing-edit-staff = 编辑员工账户
doing-see-staff = 查看员工账户
doing-deactivate-staff = 停用或重新启用员工账户
doing-send-password-links = 发送设置密码的链接
doing-use-console = 执行此操作

## 取值

refused-empty = 不能为空
refused-too-long = 最多 { $max } 个字符
refused-too-many = 最多 { $max } 项
refused-too-many-files = 每条消息最多 { $max } 个文件
refused-empty-message = 请填写消息或附上文件
refused-negative = 不能为负数
refused-not-above-zero = 必须大于零
refused-at-least-one = 至少为 1
refused-in-future = 是未来的时间
refused-listed-twice = 重复列出
refused-date-out-of-range = 日期过远，无法计算工作日
refused-no-lines = 请至少选择一行
refused-not-order-line = `{ $sku }` 不是此订单中的商品
refused-units-not-free = { $sku } 共 { $ordered } 件，可申请 { $free } 件（在进行中的申请中：{ $requested }，在店铺：{ $at_shop }，已退货并退款：{ $refunded }，已回购：{ $bought_back }，退回途中丢失：{ $lost }，从未送达：{ $undelivered }）
refused-no-reason = 请至少给出一个原因
refused-not-return-eligible = 政策的结论是 `{ $outcome }`，不是 `return_eligible`；请查看其原因
refused-not-buyback-route = 政策建议此产品走其他途径；请查看决定的原因
refused-choice-not-offered = 政策 { $version } 不提供检验不通过后的此项选择（{ $clause }）
refused-sku-not-in-return = `{ $sku }` 不在此次退货中
refused-received-over-rma = { $received } 超过此 RMA 涵盖的 { $quantity } 件
refused-sku-not-received = 未收到 `{ $sku }` 的任何一件
refused-inspected-count = 收到的 { $sku } 为 { $received } 件；检验针对这些商品
refused-damaged-over-received = 不能多于收到的件数
refused-lost-with-units = 运输途中丢失的包裹不能有已收到的件数
refused-no-units-received = 请至少计入一件收到的商品，或将包裹记录为运输途中丢失
refused-parcel-contents = 请列出包裹中的物品
refused-return-holds-no-goods = 此退货中没有商品
refused-no-price = 此案件没有可用于报价的价格
refused-quote-outside-needs-reason = { $min }..{ $max } 之外的报价需要说明原因
refused-quote-over-max = 回购计划最多支付 { $max }
refused-quote-below-min = 低于 { $min } 仅适用于人工审核中的严重损坏产品
refused-corrected-quote-range = 更正后的报价应在 { $min }..{ $max } 之内
refused-quote-expired = 报价已过期；请申请新的报价
refused-quote-still-valid = 报价仍然有效
refused-revision-needs-reasons = 请说明报价变更的原因
refused-revision-amount = 修改后的报价应低于原报价且不为负数；否则请确认原报价
refused-assembly-photos-missing = 请附上成品的照片或视频
refused-tracking-url = 必须是承运商追踪页面的 http(s) 链接
refused-damage-needs-evidence = 签收时记录的损坏需要承运商的记录或照片（I.6）
refused-reship-needs-fee = 重新寄出需要客户支付的第二笔国际运费（{ $clause }）
refused-appeal-statement = 请说明您反对什么以及原因
refused-appeal-evidence = 申诉需要凭证（IV）
refused-appeal-window-closed = 申诉期已于 { $last_day } 结束：申诉须在收到结果后 { $days } 个工作日内提出（{ $clause }）
refused-opinion-needs-reasons = 最终意见需要说明理由
refused-name-mediator = 请写明第三方机构
refused-already-appealed = 此结果已被申诉过，复核意见为最终意见（IV）；客服可以记录第三方调解
refused-appeal-of-appeal = 申诉的复核是最终意见（IV），不能再申诉；客服可以记录第三方调解
refused-name-payment-method = 请写明原支付方式
refused-refund-over-cap = { $amount } 超过此订单仍可退款的 { $cap }（已付款加上补偿的退货费用，减去之前的退款）
refused-already-granted = 此案件的款项已经批准
refused-no-paying-result = 此案件没有需要付款的结果
refused-appeal-no-correction = 申诉未设定需支付的更正退款
refused-nothing-payable-yet = 暂无应付款项：退货须通过检验，回购须确认或其修改报价须被接受
refused-nothing-left-for-case = 此案件已无可批准的金额：总额为 { $total }，已为其及其申诉批准 { $granted }
refused-grant-over-order = { $amount } 超过此订单仍可退款的 { $left }（已付款 { $paid }，已确认退货费用 { $return_costs }，之前已批准 { $granted }）
refused-correction-below-granted = 此案件已批准 { $granted }：更正后的总额不能收回这部分
refused-correction-over-order = { $corrected } 超过订单允许此案件的 { $most }（已付款并确认 { $allowance }，其他案件已批准 { $others }）
refused-nothing-awaited = 此对话没有在等待店铺回复

## 金额和百分比

refused-unknown-currency = `{ $currency }` 不是 ISO 4217 货币代码
refused-currency-not-payable = { $currency } 没有辅币单位，不能用于付款
refused-malformed-amount = `{ $amount }` 不是金额；请填写数字，可带小数点，如 "120.00"
refused-amount-too-precise = `{ $amount }` 的小数位数超过 { $currency } 允许的位数（{ $exponent }）
refused-amount-too-large = 金额过大
refused-currency-mismatch = 无法将 { $first } 与 { $second } 合并计算
refused-zero-whole = 无法按比例分摊到总额为零的金额上
refused-bad-percent = `{ $percent }` 不是 0 到 100 之间的百分比；请填写整数或带引号的小数，如 "12.5"

## 请求中提到的文件和结果

refused-not-your-upload = { $id } 不是您为此消息上传的文件
refused-upload-already-sent = { $id } 已随另一条消息发送
refused-not-your-evidence = 不是您上传的照片或视频；请先上传
refused-no-result-to-appeal = 此案件没有可申诉的此类结果（可申诉的为：{ $kinds }）

## 上传的照片和视频

refused-file-empty = 文件为空
refused-file-type = 必须是 JPEG、PNG 或 WebP 照片，或 MP4、MOV 视频（按文件内容判断）
refused-video-unreadable = 不是可读取的视频（{ $why }）
refused-file-too-large = 超过此类文件允许的 { $megabytes } MB
refused-upload-too-large = 超过允许的最大文件（视频 { $video } MB，照片 { $photo } MB）
