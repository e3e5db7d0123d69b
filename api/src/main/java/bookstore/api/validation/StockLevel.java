package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Units in stock, as an admin sets them: at least 0. {@code null} is valid; add {@code @NotNull}
 * where it is required.
 *
 * <p>A constraint of its own rather than {@code @Min} on the record: Payara 6.2025.10's OpenAPI
 * generator fails on Bean Validation's built-in constraints on a record component (it takes the
 * canonical constructor's parameter for a resource parameter without {@code @PathParam}: a
 * NullPointerException, and {@code /openapi} answers 500; payara/Payara#7649). It does not look
 * inside constraints of the application's own.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@Min(0)
public @interface StockLevel {
  /**
   * @return the violation's text
   */
  String message() default "must be a whole number of at least 0";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
