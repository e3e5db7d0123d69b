package bookstore.platform.rest;

import bookstore.api.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Constraint violations in words a client can act on: {@code "quantity: must be a whole number from
 * 1 to 1000000; Idempotency-Key header: must be 1 to 128 characters, not all blank"}.
 */
public final class Violations {
  private Violations() {}

  /**
   * @param violations what failed
   * @param resourceMethod the JAX-RS method the request went to, whose parameter annotations name a
   *     failed parameter ({@code @HeaderParam("Idempotency-Key")} becomes "Idempotency-Key
   *     header"); {@code null} when the violations are of a bean validated on its own
   * @return one "name: message" per violation, sorted, joined by "; "
   */
  public static String describe(
      Set<? extends ConstraintViolation<?>> violations, Method resourceMethod) {
    return violations.stream()
        .map(v -> name(v.getPropertyPath(), resourceMethod) + ": " + v.getMessage())
        .sorted()
        .distinct()
        .collect(Collectors.joining("; "));
  }

  /**
   * Checks a bean that a resource parsed itself (the toy-store protocol, whose errors are not
   * problem+json).
   *
   * @param validator the container's validator
   * @param bean the bean to check
   * @param <T> its type
   * @return {@code bean}, when it holds every constraint
   * @throws ProblemException 400 naming every violation otherwise
   */
  public static <T> T requireValid(Validator validator, T bean) {
    Set<ConstraintViolation<T>> violations = validator.validate(bean);
    if (!violations.isEmpty()) {
      throw ProblemException.badRequest(describe(violations, null));
    }
    return bean;
  }

  private static String name(Path path, Method method) {
    List<String> properties = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case PARAMETER ->
            parameter =
                parameterName(method, node.as(Path.ParameterNode.class).getParameterIndex());
        case PROPERTY -> properties.add(node.getName());
        default -> {}
      }
    }
    if (!properties.isEmpty()) {
      return String.join(".", properties);
    }
    return parameter == null ? "request" : parameter;
  }

  /** The JAX-RS name of a parameter, from the method or the interface method it implements. */
  private static String parameterName(Method method, int index) {
    if (method == null) {
      return "request";
    }
    for (Method m :
        Stream.concat(Stream.of(method), ClientInterfaces.declaring(method).stream()).toList()) {
      for (Annotation a : m.getParameterAnnotations()[index]) {
        if (a instanceof HeaderParam h) {
          return h.value() + " header";
        } else if (a instanceof QueryParam q) {
          return "query parameter " + q.value();
        } else if (a instanceof PathParam p) {
          return p.value();
        } else if (a instanceof FormParam f) {
          return f.value();
        } else if (a instanceof CookieParam c) {
          return "cookie " + c.value();
        }
      }
    }
    return "body";
  }
}
