package dev.tollgate.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A team's own limit, defined once with {@link RateLimit} as a meta-annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RateLimit(name = "login", rate = "2/1m", key = "header:X-User")
@interface LoginRateLimit {

}
