package bookstore.api.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A number as typed in a path (an item id, an order number): exactly {@code [1-9][0-9]*} and at
 * most {@link #max()}, so that one item has one spelling (no sign, space, leading zero or non-ASCII
 * digit; {@code Long.parseLong} would take {@code +5} and an Arabic-Indic five). {@code null} is
 * valid.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface WholeNumber {
  /**
   * @return the largest value accepted ({@code Integer.MAX_VALUE} for item ids)
   */
  long max() default Integer.MAX_VALUE;

  /**
   * @return the violation's text; {@code {max}} is the largest value
   */
  String message() default "must be a whole number from 1 to {max}, written with digits only";

  /**
   * @return the validation groups (none)
   */
  Class<?>[] groups() default {};

  /**
   * @return the payload (none)
   */
  Class<? extends Payload>[] payload() default {};

  /** Checks a {@link WholeNumber}. */
  class Validator implements ConstraintValidator<WholeNumber, String> {
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");
    private long max;

    @Override
    public void initialize(WholeNumber constraint) {
      max = constraint.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || accepts(value, max);
    }

    /**
     * The rule itself, for a resource that checks a number without Bean Validation (the toy-store
     * protocol answers errors in its own shape).
     *
     * @param value a number as typed, not null
     * @param max the largest value accepted
     * @return whether it is {@code [1-9][0-9]*} and at most {@code max}
     */
    public static boolean accepts(String value, long max) {
      if (!DIGITS.matcher(value).matches()) {
        return false;
      }
      try {
        return Long.parseLong(value) <= max;
      } catch (NumberFormatException e) { // 19 digits beyond a long
        return false;
      }
    }
  }
}
