package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A unit price: present, at least 0, below 10^{@link Limits#PRICE_INTEGER_DIGITS} with at most
 * {@link Limits#PRICE_FRACTION_DIGITS} decimal places as written ({@code 12.5} and {@code 12.50}
 * are accepted, {@code 12.500} is not: Bean Validation's {@code @Digits} counts every digit sent).
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@NotNull
@DecimalMin("0")
@Digits(integer = Limits.PRICE_INTEGER_DIGITS, fraction = Limits.PRICE_FRACTION_DIGITS)
public @interface Price {
  /**
   * @return the violation's text
   */
  String message() default
      "must be a number of at least 0 and below 1000000000, with at most 2 decimal places";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
