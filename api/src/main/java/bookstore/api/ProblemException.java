package bookstore.api;

/**
 * Thrown to answer a request with an RFC 9457 problem: every server maps it to a response with that
 * status and an {@code application/problem+json} body, and the front end's REST clients turn a
 * replica's problem answer back into one.
 */
public class ProblemException extends RuntimeException {
  /** The problem to answer with. */
  private final Problem problem;

  /**
   * @param status HTTP status, e.g. 400, 404, 409
   * @param title short summary of the kind of problem
   * @param detail what went wrong with this request
   */
  public ProblemException(int status, String title, String detail) {
    this(new Problem("about:blank", title, status, detail));
  }

  /**
   * @param problem the problem to answer with
   */
  public ProblemException(Problem problem) {
    super(problem.status() + " " + problem.title() + ": " + problem.detail());
    this.problem = problem;
  }

  /**
   * @return the problem to answer with
   */
  public Problem problem() {
    return problem;
  }

  /**
   * @param detail what was asked for
   * @return a 400 Bad Request problem
   */
  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  /**
   * @param detail what was not found
   * @return a 404 Not Found problem
   */
  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not Found", detail);
  }

  /**
   * @param detail why the request conflicts with the state
   * @return a 409 Conflict problem
   */
  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  /**
   * @param detail which dependency is unavailable
   * @return a 503 Service Unavailable problem
   */
  public static ProblemException unavailable(String detail) {
    return new ProblemException(503, "Service Unavailable", detail);
  }
}
