package bookstore.api;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}), the body of every error.
 *
 * @param type a URI naming the kind of problem ("about:blank" when the status says it all)
 * @param title short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for a person to read
 */
public record Problem(String type, String title, int status, String detail) {

  /** Media type of a problem body, from RFC 9457 section 3. */
  public static final String MEDIA_TYPE = "application/problem+json";
}
