import Basics
import CanonicalJSON
import Portfolio
import PortfolioDemo

/// A deterministic large portfolio for benchmarks: `programs` programs over 200
/// partners in the four regions (each with its FMF and IMET years notified to Congress), filled with funding, case and vetting events until
/// there are `events` events. Generated lazily, so the generator itself holds
/// almost nothing.
struct SyntheticPortfolio: Sequence {
  let programs: Int
  let events: Int

  struct Item {
    var at: Timestamp
    var actor: String
    var event: any EventPayload
  }

  func makeIterator() -> AnyIterator<Item> {
    var rng = SplitMix64(seed: 42)
    let partners = 200
    let base = Day(year: 2019, month: 10, day: 1) ?? Day(ordinal: 0)
    var emitted = 0
    var queue: [Item] = []
    var nextPartner = 0
    var nextProgram = 0
    var round = 0
    var fiscalYears: [Int] = []
    fiscalYears.reserveCapacity(programs)
    func stamp(_ day: Day) -> Timestamp {
      Timestamp(dayOrdinal: day.ordinal, second: 9 * 3600 + emitted % 30_000)
    }
    return AnyIterator {
      while queue.isEmpty {
        if emitted >= events { return nil }
        if nextPartner < partners {
          let code = "P\(nextPartner)"
          let region = Region.allCases[nextPartner % 4]
          queue.append(
            Item(
              at: stamp(base), actor: "bench",
              event: PartnerRegistered(
                code: code, name: "Partner \(nextPartner)", region: region,
                tier: nextPartner % 3 == 0 ? .natoPlus5 : .other)))
          // Each partner's FMF and IMET money is notified to Congress for every year
          // the programs use (FAA §634A): a real portfolio's obligations are covered.
          for account in ["FMF", "IMET"] {
            for fy in 2020...2027 {
              queue.append(
                Item(
                  at: stamp(base), actor: "bench",
                  event: CNTransmitted(
                    number: "CN \(code)-\(account)-\(fy)", partner: code, account: account, fiscalYear: fy,
                    amount: .billion(10), purpose: "synthetic", on: base)))
            }
          }
          nextPartner += 1
          continue
        }
        if nextProgram < programs {
          let id = "B\(nextProgram)"
          let partner = "P\(nextProgram % partners)"
          let kind = ProgramKind.allCases[nextProgram % 5]
          let start = base.adding(days: Int(rng.next() % 1500))
          queue.append(
            Item(
              at: stamp(start), actor: "bench",
              event: ProgramCreated(
                id: id, partner: partner, kind: kind,
                title: "Synthetic \(kind.rawValue) program \(nextProgram)", start: start,
                sunset: start.adding(days: 2000 + Int(rng.next() % 1000)))))
          let fy = start.fiscalYear
          fiscalYears.append(fy)
          queue.append(
            Item(
              at: stamp(start), actor: "bench",
              event: FundsMadeAvailable(
                program: id, fiscalYear: fy, amount: Dollars(Int64(1 + rng.next() % 500) * 100_000))))
          if kind == .fms {
            queue.append(
              Item(
                at: stamp(start), actor: "bench",
                event: CaseOpened(
                  program: id, identifier: "\(partner)-B-\(nextProgram)", caseType: .definedOrder,
                  lorReceived: start)))
            queue.append(
              Item(
                at: stamp(start), actor: "bench",
                event: CaseLineAdded(
                  program: id,
                  line: CaseLine(
                    number: 1, description: "Synthetic line",
                    usml: USMLCategory(Int(1 + rng.next() % 21)) ?? .notOtherwiseEnumerated,
                    mde: rng.next() % 4 == 0, quantity: Int(1 + rng.next() % 50),
                    value: Dollars(Int64(1 + rng.next() % 400) * 100_000)))))
          }
          nextProgram += 1
          continue
        }
        // Later rounds: money moves and milestones on each program in turn.
        let p = round % programs
        let id = "B\(p)"
        let day = base.adding(days: 400 + Int(rng.next() % 2200))
        let fy = fiscalYears[p]
        switch rng.next() % 4 {
        case 0:
          queue.append(
            Item(
              at: stamp(day), actor: "officer",
              event: FundsMadeAvailable(
                program: id, fiscalYear: fy, amount: Dollars(Int64(1 + rng.next() % 100) * 100_000))))
        case 1:
          queue.append(
            Item(
              at: stamp(day), actor: "officer",
              event: FundsObligated(
                program: id, fiscalYear: fy, amount: Dollars(Int64(rng.next() % 10) * 10_000), on: day)))
        case 2:
          queue.append(
            Item(
              at: stamp(day), actor: "officer",
              event: ProgramSunsetChanged(
                program: id, sunset: day.adding(days: 900), reason: "synthetic extension")))
        default:
          queue.append(
            Item(
              at: stamp(day), actor: "officer",
              event: ConditionSet(
                program: id, id: "C\(round)", text: "Synthetic condition", due: day.adding(days: 60))))
        }
        round += 1
      }
      emitted += 1
      return queue.removeFirst()
    }
  }
}
