package bookstore.platform.rest;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client interface method a resource method implements (the replicas' resources implement
 * {@code CatalogApi}, {@code OrderApi}): where its JAX-RS parameter annotations are declared, and
 * the method a call is forwarded through. Looked up once per method and kept.
 */
public final class ClientInterfaces {
  private static final Map<Method, Optional<Method>> DECLARED = new ConcurrentHashMap<>();

  private ClientInterfaces() {}

  /**
   * @param method a method of a resource class
   * @return the method with the same name and parameter types on an interface its class (or a
   *     superclass) implements; empty when there is none
   */
  public static Optional<Method> declaring(Method method) {
    return DECLARED.computeIfAbsent(method, ClientInterfaces::find);
  }

  private static Optional<Method> find(Method method) {
    for (Class<?> type = method.getDeclaringClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> api : type.getInterfaces()) {
        try {
          return Optional.of(api.getMethod(method.getName(), method.getParameterTypes()));
        } catch (NoSuchMethodException notThisOne) {
          // another interface
        }
      }
    }
    return Optional.empty();
  }
}
