/// Students of a partner enrolled in a U.S. course under IMET (or a program's training),
/// as an executed `enroll-imet` request wrote them: who approved is in the request.
public struct Enrolment: Codable, Sendable, Hashable {
  public var course: String
  public var students: Int
  /// What the training costs the program (the request's amount).
  public var cost: Dollars
  public var on: Day
  /// The executed request it carries out.
  public var request: String?

  public init(course: String, students: Int, cost: Dollars, on: Day, request: String?) {
    self.course = course
    self.students = students
    self.cost = cost
    self.on = on
    self.request = request
  }
}
