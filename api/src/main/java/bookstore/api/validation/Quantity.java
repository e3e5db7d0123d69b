package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Units a buy or a restock moves: 1 to {@link Limits#MAX_QUANTITY}. {@code null} is valid (a buy
 * without a quantity buys 1); add {@code @NotNull} where it is required.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@Min(1)
@Max(Limits.MAX_QUANTITY)
public @interface Quantity {
  /**
   * @return the violation's text
   */
  String message() default "must be a whole number from 1 to " + Limits.MAX_QUANTITY;

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
