package bookstore.replication.rest;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a write of a service's internal API that only the primary makes (SPEC "Replication": a
 * backup that receives a write forwards it). On a backup, {@link ForwardToPrimary} sends the same
 * call with the same arguments to the primary and answers with the primary's answer; on the primary
 * the method itself runs. The method must implement a method of the service's client interface
 * (e.g. {@code CatalogApi}), through which the call is forwarded.
 */
@InterceptorBinding
@Documented
@Target({METHOD, TYPE})
@Retention(RUNTIME)
public @interface WrittenByPrimary {}
