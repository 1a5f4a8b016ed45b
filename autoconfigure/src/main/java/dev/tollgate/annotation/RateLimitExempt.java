package dev.tollgate.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a controller method, or every handler method of a class, from rate limits:
 * no tokens consumed and no rate-limit headers. Without {@link #limits()} it is
 * exempt from every limit, the default limit included.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimitExempt {

	/**
	 * Names of the only limits to be exempt from, such as a class-level
	 * {@code @RateLimit} that one method should not count against. Empty for all.
	 * @return the limit names
	 */
	String[] limits() default {};

}
