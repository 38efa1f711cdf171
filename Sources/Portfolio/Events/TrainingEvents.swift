/// Students enrolled in a course: the fact an executed `enroll-imet` request writes
/// (docs/approvals.md). A program's training record is the sum of these.
public struct IMETEnrolled: EventPayload {
  public static let type = "imet.enrolled"
  public var program: String
  public var course: String
  public var students: Int
  public var cost: Dollars
  public var on: Day
  public var request: String?

  public init(program: String, course: String, students: Int, cost: Dollars, on: Day, request: String? = nil)
  {
    self.program = program
    self.course = course
    self.students = students
    self.cost = cost
    self.on = on
    self.request = request
  }

  public var programID: String? { program }
  public var summary: String {
    "\(students) student\(students == 1 ? "" : "s") enrolled in \(course) \(on), \(cost.compact)"
      + requestNote(request, nil)
  }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard students >= 1 else { throw FoldError("an enrolment needs 1 or more students") }
    guard course.hasVisibleText else { throw FoldError("an enrolment needs its course") }
    guard cost >= .zero else { throw FoldError("an enrolment's cost cannot be negative") }
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      prog.enrolments.append(
        Enrolment(course: course, students: students, cost: cost, on: on, request: request))
    }
  }
}
