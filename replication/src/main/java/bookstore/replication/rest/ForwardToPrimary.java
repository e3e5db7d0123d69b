package bookstore.replication.rest;

import bookstore.platform.rest.ClientInterfaces;
import bookstore.replication.PeerClients;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Forwards a {@link WrittenByPrimary} write that reached a backup to the primary, through the REST
 * client of the interface the resource method implements (the one place a backup forwards; it used
 * to be a branch in every write method). The primary's answer, or its refusal as a {@link
 * bookstore.api.ProblemException}, is this replica's answer. While no primary is known it answers
 * 503 {@code urn:bookstore:no-primary} ({@link PeerClients#forward}), which callers retry.
 */
@WrittenByPrimary
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ForwardToPrimary {
  @Inject PeerClients peers;

  /**
   * @param call the resource method's invocation
   * @return the primary's answer on a backup; the method's own on the primary
   * @throws Exception what the method or the forwarded call throws
   */
  @AroundInvoke
  public Object forward(InvocationContext call) throws Exception {
    Method api =
        ClientInterfaces.declaring(call.getMethod())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        call.getMethod()
                            + " implements no client interface to forward it through"));
    Optional<?> primary = peers.forward(api.getDeclaringClass());
    if (primary.isEmpty()) {
      return call.proceed();
    }
    try {
      return api.invoke(primary.get(), call.getParameters());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
