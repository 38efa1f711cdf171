import Portfolio

/// The End-use monitoring tab's other form: an item received under end-use monitoring.
extension Form {
  /// The last choice of the inventory form's Item field: Enter on it opens this form.
  static let newItem = "+ record an item received"

  static func item(program: Program, today: Day) -> Form {
    Form(
      kind: .item(program: program.id),
      fields: [
        Field("Item id", .text, "", hint: "e.g. \(program.id)-EUM-4"),
        Field("Description", .text, "", hint: "e.g. night-vision devices"),
        Field("Quantity", .text, "", hint: "a whole number"),
        Field(
          "Enhanced EUM", .choice(["yes", "no"]), "yes", hint: "enhanced: serial-number inventories",
          prefilled: false),
        Field("Arrived", .date, today.description, hint: "YYYY-MM-DD"),
      ])
  }

  func itemCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value("Item id")
    if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
      problems.append("Item id: letters, digits and dashes, no spaces or /")
    }
    if !value("Description").hasVisibleText { problems.append("Description: what the item is") }
    let quantity = Int(value("Quantity"))
    if (quantity ?? 0) < 1 { problems.append("Quantity: a whole number, 1 or more") }
    let arrived = day("Arrived", &problems)
    guard problems.isEmpty, let quantity, let arrived else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          EUMItemReceived(
            program: program, id: id, description: value("Description"),
            enhanced: value("Enhanced EUM") == "yes",
            quantity: quantity, arrival: arrived)
        )
      ]))
  }
}
