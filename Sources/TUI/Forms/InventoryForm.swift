import Portfolio

/// The End-use monitoring tab's form: an inventory of an item received.
extension Form {
  static func inventory(program: Program, selected: String?, today: Day) -> Form {
    let ids = program.eum.map(\.id) + [newItem]
    return Form(
      kind: .inventory(program: program.id),
      fields: [
        Field(
          .item, .choice(ids), selected.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first ?? "",
          hint: "← → to choose", prefilled: false),
        Field(.inventoried, .date, today.description, hint: "YYYY-MM-DD"),
        Field(.serialsCounted, .text, "", hint: "enhanced EUM: serial numbers found; empty if not counted"),
      ])
  }

  func inventoryCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let item = value(.item)
    if item.isEmpty || item == Form.newItem {
      problems.append("Item: Enter opens the form for an item received")
    }
    let on = day(.inventoried, &problems)
    var counted: Int?
    if !value(.serialsCounted).isEmpty {
      counted = Int(value(.serialsCounted))
      if counted == nil { problems.append("Serials counted: a whole number, or empty") }
    }
    guard problems.isEmpty, let on else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([("", EUMInventoried(program: program, id: item, on: on, counted: counted))]))
  }
}
