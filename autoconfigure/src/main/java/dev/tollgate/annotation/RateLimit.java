package dev.tollgate.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.Refill;

import org.springframework.core.annotation.AliasFor;

/**
 * Limits the requests a controller method, or every handler method of a controller
 * class, accepts. The limit applies on the method's own request mapping (its path
 * patterns, path variables included, and HTTP methods).
 * <ul>
 * <li>Repeatable: each annotation is a limit of its own, with its own buckets.</li>
 * <li>On a class, one limit is shared by all the class's handler methods; an
 * annotation on a method stacks with it. Use {@link RateLimitExempt @RateLimitExempt}
 * with the class limit's name on a method to opt it out.</li>
 * <li>Works as a meta-annotation, so a team can define {@code @LoginRateLimit} once.</li>
 * <li>{@code tollgate.limits.<name>} in configuration overrides the rate, key, cost,
 * refill, mode or enables it, without a rebuild.</li>
 * </ul>
 * Annotations are read once at start-up; nothing is reflected per request.
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RateLimits.class)
public @interface RateLimit {

	/**
	 * Alias for {@link #rate()}.
	 * @return the rates
	 */
	@AliasFor("rate")
	String[] value() default {};

	/**
	 * Allowed requests per period in compact form, such as {@code "200/1m"}; several
	 * apply together, such as {@code {"10/1s", "500/1h"}}.
	 * @return the rates
	 */
	@AliasFor("value")
	String[] rate() default {};

	/**
	 * The limit's name, used in headers, the rejection body, metrics and to override
	 * it from configuration. Defaults to the simple class name, followed by
	 * {@code .method} on a method, and by {@code -2}, {@code -3}... for further
	 * annotations on the same element. The same name on several methods makes them
	 * share one limit.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Who is counted: {@code ip}, {@code header:<Name>}, {@code principal}, or the name
	 * of a {@code RateLimitKeyResolver} bean.
	 * @return the key
	 */
	String key() default "ip";

	/**
	 * Tokens each request takes.
	 * @return the cost
	 */
	long cost() default 1;

	/**
	 * How tokens come back.
	 * @return the refill style
	 */
	Refill refill() default Refill.INTERVAL;

	/**
	 * Whether to reject requests once exhausted, or only count them.
	 * @return the mode
	 */
	LimitMode mode() default LimitMode.ENFORCE;

	/**
	 * Plans, each with its own rates; requests with no known plan get {@link #rate()}.
	 * @return the plans
	 */
	RateLimitPlan[] plans() default {};

	/**
	 * Who decides the plan of a request: {@code header:<Name>},
	 * {@code principal:<attribute>}, or the name of a {@code RateLimitPlanResolver}
	 * bean; empty for the application's only such bean.
	 * @return the plan resolver
	 */
	String planResolver() default "";

}
