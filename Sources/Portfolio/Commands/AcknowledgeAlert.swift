/// Someone has seen an alert that holds today and says what is being done.
public struct AcknowledgeAlert: Command {
  public var event: AlertAcknowledged
  public var alert: String { event.alert }
  public var note: String { event.note }

  public init(alert: String, note: String) { event = AlertAcknowledged(alert: alert, note: note) }

  public var title: String { "acknowledge \(alert)" }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    var reasons: [String] = []
    if let problem = AlertAcknowledged.problem(withNote: note) { reasons.append(problem) }
    if let refusal = AlertAcknowledged.notAcknowledged(alert) { reasons.append(refusal) }
    if let id = AlertID(alert) {
      // The store's own alerts (rollback, fork, records without authority) name no program.
      let holding =
        (id.program == "store"
        ? portfolio.integrityAlerts() : portfolio.alerts(forProgram: id.program, on: today))
        .first { $0.id.description == alert }
      if let holding {
        if let ack = holding.acknowledgement {
          reasons.append("\(alert) was already acknowledged by \(ack.by) on \(ack.on): \(ack.note)")
        }
      } else {
        reasons.append("no alert '\(alert)' holds on \(today); 'sapm alerts --all' lists them")
      }
    } else {
      reasons.append("'\(alert)' is not an alert id; copy one from 'sapm alerts'")
    }
    return .check(reasons, [event])
  }
}
