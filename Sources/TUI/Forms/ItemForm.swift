import Portfolio

/// The End-use monitoring tab's other form: an item received under end-use monitoring.
extension Form {
  /// The last choice of the inventory form's Item field: Enter on it opens this form.
  static let newItem = "+ record an item received"

  static func item(program: Program, today: Day) -> Form {
    Form(
      kind: .item(program: program.id),
      fields: [
        Field(.itemID, .text, "", hint: "e.g. \(program.id)-EUM-4"),
        Field(.description, .text, "", hint: "e.g. night-vision devices"),
        Field(.quantity, .text, "", hint: "a whole number"),
        Field(
          .enhancedEUM, .choice(["yes", "no"]), "yes", hint: "enhanced: serial-number inventories",
          prefilled: false),
        Field(.arrived, .date, today.description, hint: "YYYY-MM-DD"),
      ])
  }

  func itemCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.itemID)
    if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
      problems.append("Item id: letters, digits and dashes, no spaces or /")
    }
    if !value(.description).hasVisibleText { problems.append("Description: what the item is") }
    let quantity = Int(value(.quantity))
    if (quantity ?? 0) < 1 { problems.append("Quantity: a whole number, 1 or more") }
    let arrived = day(.arrived, &problems)
    guard problems.isEmpty, let quantity, let arrived else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          EUMItemReceived(
            program: program, id: id, description: value(.description),
            enhanced: value(.enhancedEUM) == "yes",
            quantity: quantity, arrival: arrived)
        )
      ]))
  }
}
