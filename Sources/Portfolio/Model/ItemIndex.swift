/// The lists of a program that events look their items up in, by id.
public enum ItemList: UInt8, Sendable, CaseIterable {
  case conditions, metrics, eum, caseLines, units
}

/// Finding an item of a program's list by id without a scan of the whole list: a
/// program with 50,000 metrics would otherwise take 50,000 comparisons per event about
/// one of them, and recording or opening them all would grow with the square of their
/// number. Short lists (most) are scanned — cheaper than a dictionary; from
/// `indexedFrom` items a list gets an index, kept as items are appended (items are
/// never removed). The index is derived, never saved: after a checkpoint a long list's
/// index is made at its first lookup.
extension Portfolio {
  static let indexedFrom = 32

  /// The position of the item `id` in the program `programID`'s `list`, or nil. A long
  /// list without an index yet (after a checkpoint) gets one here, at its first lookup.
  mutating func position(of id: String, in list: ItemList, ofProgram programID: String) -> Int? {
    let key = Self.indexKey(list, programID)
    if let index = itemIndexes[key] { return index[id] }
    guard let program = programs[programID] else { return nil }
    let (count, _) = Self.countAndLast(list, program)
    if count >= Self.indexedFrom {
      let index = Self.index(Self.ids(list, program))
      itemIndexes[key] = index
      return index[id]
    }
    switch list {
    case .conditions: return program.conditions.firstIndex { $0.id == id }
    case .metrics: return program.metrics.firstIndex { $0.id == id }
    case .eum: return program.eum.firstIndex { $0.id == id }
    case .caseLines: return program.fmsCase?.lines.firstIndex { String($0.number) == id }
    case .units: return program.units.firstIndex(of: id)
    }
  }

  /// After an item was appended to `program`'s `list`: its index is kept (or made,
  /// when the list has just grown long).
  mutating func appended(_ list: ItemList, program programID: String) {
    guard let program = programs[programID] else { return }
    let key = Self.indexKey(list, programID)
    let (count, last) = Self.countAndLast(list, program)
    if itemIndexes[key] != nil, let last {
      if itemIndexes[key]?[last] == nil { itemIndexes[key]?[last] = count - 1 }
    } else if count >= Self.indexedFrom {
      itemIndexes[key] = Self.index(Self.ids(list, program))
    }
  }

  static func ids(_ list: ItemList, _ program: Program) -> [String] {
    switch list {
    case .conditions: return program.conditions.map(\.id)
    case .metrics: return program.metrics.map(\.id)
    case .eum: return program.eum.map(\.id)
    case .caseLines: return program.fmsCase?.lines.map { String($0.number) } ?? []
    case .units: return program.units
    }
  }

  /// A list's length and its last id, without copying its ids.
  static func countAndLast(_ list: ItemList, _ program: Program) -> (Int, String?) {
    switch list {
    case .conditions: return (program.conditions.count, program.conditions.last?.id)
    case .metrics: return (program.metrics.count, program.metrics.last?.id)
    case .eum: return (program.eum.count, program.eum.last?.id)
    case .caseLines:
      let lines = program.fmsCase?.lines ?? []
      return (lines.count, lines.last.map { String($0.number) })
    case .units: return (program.units.count, program.units.last)
    }
  }

  static func index(_ ids: [String]) -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(ids.count)
    for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
    return index
  }

  static func indexKey(_ list: ItemList, _ program: String) -> String { "\(list.rawValue)|\(program)" }
}
