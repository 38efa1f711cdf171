import Portfolio

/// The Packages / Contracts / Allocations / Notices tab's forms: articles delivered
/// from a package, contract or allocation, and a notification to Congress under the
/// program's authority. Packages, contracts and allocations themselves hold many lines
/// and come in with `sapm record` (docs/events.md).
extension Form {
  static let newNotice = "+ record a notification to Congress"

  /// The articles still to arrive, as "TRANSFER · item (n left)".
  static func undelivered(_ program: Program) -> [String] {
    program.transfers.flatMap { t in
      t.articles.filter { $0.delivered < $0.quantity }.map {
        "\(t.id) · \($0.item) (\($0.quantity - $0.delivered) left)"
      }
    }
  }

  static func delivery(program: Program, requests: [Request], today: Day) -> Form {
    let choices = undelivered(program) + [newNotice]
    return Form(
      kind: .delivery(program: program.id),
      fields: [
        Field(.article, .choice(choices), choices.first ?? "", hint: "← → to choose", prefilled: false),
        Field(.quantity, .text, "", hint: "how many arrived"),
        Field(.delivered, .date, today.description, hint: "YYYY-MM-DD"),
        requestField(requests, approving: "the delivery"),
      ])
  }

  /// The field naming the executed request a fact carries out (docs/approvals.md):
  /// the ones that carried out nothing yet, or none — Enter then raises one.
  static func requestField(_ requests: [Request], approving what: String) -> Field {
    let choices = requests.map(\.id) + [noRequest]
    return Field(
      .request, .choice(choices), choices[0], hint: "the executed request approving \(what) (← →)",
      prefilled: false)
  }

  static let noRequest = "none yet"

  /// The request the Request field names, if any.
  var namedRequest: String? {
    let id = value(.request)
    return id.isEmpty || id == Form.noRequest ? nil : id
  }

  func deliveryCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let choice = value(.article)
    // "TRANSFER · item (n left)" back to its transfer and item.
    let parts = choice.split(separator: " · ", maxSplits: 1).map(String.init)
    var item = parts.count == 2 ? parts[1] : ""
    if let open = item.ranges(of: " (").last { item = String(item[..<open.lowerBound]) }
    if choice == Form.newNotice || parts.count < 2 {
      problems.append("Article: Enter opens the form for a notification to Congress")
    }
    let quantity = Int(value(.quantity))
    if quantity == nil { problems.append("Quantity: a whole number") }
    let on = day(.delivered, &problems)
    guard problems.isEmpty, let quantity, let on else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          TransferDelivered(
            program: program, transfer: parts[0], item: item, quantity: quantity, on: on,
            request: namedRequest)
        )
      ]))
  }

  static func notice(program: Program, today: Day) -> Form {
    let transfers = [""] + program.transfers.map(\.id)
    return Form(
      kind: .notice(program: program.id),
      fields: [
        Field(.reference, .text, "", hint: "the notification's number or title"),
        Field(.notified, .date, today.description, hint: "YYYY-MM-DD"),
        Field(.amount, .money, "", hint: "USAI: the obligations it covers; empty otherwise"),
        Field(
          .forTransfer, .choice(transfers), "", hint: "EDA: the allocation it notifies (← →)",
          prefilled: false),
      ])
  }

  func noticeCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let reference = value(.reference)
    if !reference.hasVisibleText { problems.append("Reference: the notification's number or title") }
    let on = day(.notified, &problems)
    var amount: Dollars?
    if !value(.amount).isEmpty {
      amount = parseDollars(value(.amount))
      if amount == nil { problems.append("Amount: a dollar figure such as 50M, or empty") }
    }
    guard problems.isEmpty, let on else { return .failure(Rejection(problems)) }
    let transfer = value(.forTransfer)
    return .success(
      RecordEvents([
        (
          "",
          CongressNotified(
            program: program, reference: reference, on: on, amount: amount,
            transfer: transfer.isEmpty ? nil : transfer)
        )
      ]))
  }
}
