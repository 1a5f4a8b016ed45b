package dev.tollgate.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One plan of a {@link RateLimit @RateLimit}: the rates a class of customers gets.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimitPlan {

	/**
	 * The plan's name, as the plan resolver answers it, such as {@code paid}.
	 * @return the name
	 */
	String name();

	/**
	 * The plan's rates in compact form, such as {@code "6000/1m"}.
	 * @return the rates
	 */
	String[] rate() default {};

	/**
	 * Whether requests on this plan are not limited at all.
	 * @return {@code true} for an unlimited plan
	 */
	boolean unlimited() default false;

}
