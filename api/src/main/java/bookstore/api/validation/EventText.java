package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The text of an event posted to the admin page's list ({@code POST /api/admin/events}): present,
 * not all blank, at most {@link Limits#MAX_EVENT_TEXT_LENGTH} characters. A constraint of its own,
 * not {@code @NotBlank @Size} on the record: Payara's OpenAPI generator fails on built-in
 * constraints on a record component (see {@link StockLevel}).
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@NotBlank
@Size(max = Limits.MAX_EVENT_TEXT_LENGTH)
public @interface EventText {
  /**
   * @return the violation's text
   */
  String message() default
      "is required: 1 to " + Limits.MAX_EVENT_TEXT_LENGTH + " characters, not all blank";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
