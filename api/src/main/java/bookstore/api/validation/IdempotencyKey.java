package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An idempotency key (SPEC guarantee 3): 1 to {@link Limits#MAX_KEY_LENGTH} characters, not all
 * blank. {@code null} is valid (the front end makes a key when the client sends none); add
 * {@code @NotNull} where a key is required.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@Size(min = 1, max = Limits.MAX_KEY_LENGTH)
@Pattern(regexp = "(?s).*\\S.*")
public @interface IdempotencyKey {
  /**
   * @return the violation's text
   */
  String message() default "must be 1 to " + Limits.MAX_KEY_LENGTH + " characters, not all blank";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
