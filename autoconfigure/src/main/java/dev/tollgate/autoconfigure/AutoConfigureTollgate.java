package dev.tollgate.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds Tollgate's rate limiting (and its metrics, if the test has a meter registry) to
 * a test slice such as {@code @WebMvcTest}, which otherwise leaves Tollgate out. With
 * it, MockMvc requests to the slice's controllers pass through the rate-limit filter
 * as they would in the running application: the same limits, headers and 429.
 * <p>
 * The buckets live as long as the test's application context, which Spring's test
 * framework caches and shares between test classes with the same configuration. A
 * test that counts requests should start from full buckets, for example by advancing
 * a manual {@code TimeMeter} bean, or use a key no other test uses.
 * <p>
 * The auto-configurations it imports are listed in
 * {@code META-INF/spring/dev.tollgate.autoconfigure.AutoConfigureTollgate.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureTollgate {

}
