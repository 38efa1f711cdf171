import Basics
import CanonicalJSON
import Crypto
import Foundation
import Portfolio
import Store
import Testing

@testable import Session

/// The one door for writes: checked before, checked again under the lock.
/// On both stores: the file (flock) and PostgreSQL (the head row, `sapm.append`).
@Suite struct PerformTests {
  func store(_ backend: Backend) throws -> TestStore {
    let store = try TestStore(backend)
    // Unsigned, as older stores are: these tests are about checks under the lock.
    let s = try Session.create(
      try store.location(for: "admin"), name: "t", demo: false, user: "admin", signed: false)
    let day = try #require(Day("2024-10-01"))
    try s.recordHistory([
      (
        Timestamp(dayOrdinal: day.ordinal, hour: 9), "admin",
        PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)
      ),
      (Timestamp(dayOrdinal: day.ordinal, hour: 9), "admin", RoleGranted(user: "officer-a", role: .officer)),
      (Timestamp(dayOrdinal: day.ordinal, hour: 9), "admin", RoleGranted(user: "officer-b", role: .officer)),
      (
        Timestamp(dayOrdinal: day.ordinal, hour: 9), "admin",
        ProgramCreated(id: "P1", partner: "PL", kind: .fmf, title: "FMF", start: day, sunset: nil)
      ),
      (
        Timestamp(dayOrdinal: day.ordinal, hour: 9), "admin",
        FundsMadeAvailable(
          program: "P1", fiscalYear: 2025, amount: .million(100), availableUntil: Day("2026-09-30"))
      ),
    ])
    return store
  }

  /// Two writers whose checks each pass on what they have read: under the lock the
  /// second sees the first's disbursement and is refused; exactly one is recorded.
  @Test(arguments: Backend.allCases)
  func twoWritersRacingOnTheSameFundsExactlyOneWins(_ backend: Backend) throws {
    let store = try store(backend)
    defer { store.remove() }
    let today = try #require(Day("2025-01-10"))
    // $100M obligated (history written as an older version would have: no request).
    let history = try Session.open(try store.location(for: "admin"), readOnly: false, user: "admin")
    try history.recordHistory([
      (
        Timestamp(dayOrdinal: today.ordinal, hour: 8), "admin",
        FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(100), on: today)
      )
    ])
    let a = try Session.open(try store.location(for: "officer-a"), readOnly: false, user: "officer-a")
    let b = try Session.open(try store.location(for: "officer-b"), readOnly: false, user: "officer-b")
    let command = DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(60), on: today)
    try a.perform(command, today: today)
    // b has not read a's disbursement: its first check passes, the one under the lock does not.
    #expect(b.portfolio.programs["P1"]?.disbursed == .zero)
    let before = try store.digest()
    #expect(throws: Rejection.self) { try b.perform(command, today: today) }
    #expect(try store.digest() == before)
    #expect(b.portfolio.programs["P1"]?.disbursed == .million(60))
    let check = try Session.open(try store.location(for: "admin"), readOnly: true)
    #expect(check.portfolio.programs["P1"]?.disbursed == .million(60))
  }

  @Test(arguments: Backend.allCases)
  func aRefusedCommandLeavesTheStoreByteIdentical(_ backend: Backend) throws {
    let store = try store(backend)
    defer { store.remove() }
    let s = try Session.open(try store.location(for: "officer"), readOnly: false, user: "officer")
    let today = try #require(Day("2025-01-10"))
    let before = try store.digest()
    #expect(throws: Rejection.self) {
      try s.perform(DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(1)), today: today)
    }
    #expect(throws: Rejection.self) {
      try s.perform(AcknowledgeAlert(alert: "sunset-passed/P1", note: "x"), today: today)
    }
    #expect(try store.digest() == before)
    let ro = try Session.open(try store.location(for: "officer"), readOnly: true)
    #expect(throws: StoreError.self) {
      try ro.perform(
        ObligateFunds(program: "P1", fiscalYear: 2025, amount: .million(1), on: today), today: today)
    }
  }
}
