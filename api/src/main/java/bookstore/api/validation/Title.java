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

/** An item's title: present, not all blank, at most {@link Limits#MAX_TITLE_LENGTH} characters. */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@ReportAsSingleViolation
@NotBlank
@Size(max = Limits.MAX_TITLE_LENGTH)
public @interface Title {
  /**
   * @return the violation's text
   */
  String message() default
      "is required: 1 to " + Limits.MAX_TITLE_LENGTH + " characters, not all blank";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};
}
