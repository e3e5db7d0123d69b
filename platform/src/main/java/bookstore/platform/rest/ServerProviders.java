package bookstore.platform.rest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JAX-RS providers every node's application registers, in one list: strict JSON bodies, and the
 * mappers that turn every failure into RFC 9457 problem+json.
 */
public final class ServerProviders {
  /** Strict JSON reading and the problem+json mappers. */
  public static final List<Class<?>> COMMON =
      List.of(
          StrictJsonReader.class,
          ProblemExceptionMapper.class,
          ConstraintViolationMapper.class,
          WebApplicationExceptionMapper.class,
          UnexpectedExceptionMapper.class);

  private ServerProviders() {}

  /**
   * @param own the application's resources and its own providers
   * @return those and {@link #COMMON}, for {@code Application.getClasses()}
   */
  public static Set<Class<?>> with(Class<?>... own) {
    Set<Class<?>> classes = new HashSet<>(COMMON);
    classes.addAll(List.of(own));
    return Set.copyOf(classes);
  }
}
