package dev.tollgate.annotation;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import dev.tollgate.rule.InvalidRateLimitException;

import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Where {@link RateLimit @RateLimit} sits, read once at start-up, directly or as a
 * meta-annotation, on a class or method or what it inherits. Tollgate limits HTTP
 * requests, so an annotation anywhere but on a request handler, a service method say
 * (as one would put {@code @Cacheable}), would be silently ignored and its limit never
 * enforced.
 */
public final class RateLimitPlacement {

	/**
	 * Whether a class or one of its methods carries {@code @RateLimit}.
	 * @param type the class
	 * @return {@code true} if it declares a limit
	 */
	public boolean declaresLimits(Class<?> type) {
		if (hasRateLimit(type)) {
			return true;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (hasRateLimit(method)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Check that every {@code @RateLimit} on the given classes applies to a handler.
	 * @param beanTypes the classes of the application's beans
	 * @param handlers the handler methods, as Spring MVC registered them
	 * @throws InvalidRateLimitException naming the first class or method whose
	 * {@code @RateLimit} applies to no handler method
	 */
	public void checkAllOnHandlers(Collection<Class<?>> beanTypes, Collection<HandlerMethod> handlers) {
		Set<Method> handlerMethods = new HashSet<>();
		Set<Class<?>> controllers = new HashSet<>();
		for (HandlerMethod handler : handlers) {
			handlerMethods.add(handler.getMethod());
			controllers.add(ClassUtils.getUserClass(handler.getBeanType()));
		}
		for (Class<?> beanType : beanTypes) {
			Class<?> type = ClassUtils.getUserClass(beanType);
			// Spring's own classes never carry Tollgate's annotation: not worth reading
			if (type.getName().startsWith("org.springframework.")
					|| !AnnotationUtils.isCandidateClass(type, RateLimit.class)) {
				continue;
			}
			if (hasRateLimit(type) && !controllers.contains(type)) {
				throw stray(type.getName(), "a class none of whose methods handles a request");
			}
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
				if (hasRateLimit(method) && !handlerMethods.contains(method)) {
					throw stray(type.getName() + "#" + method.getName(), "a method that handles no request");
				}
			}
		}
	}

	private static boolean hasRateLimit(AnnotatedElement element) {
		return MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY).isPresent(RateLimit.class);
	}

	private static InvalidRateLimitException stray(String origin, String what) {
		return new InvalidRateLimitException("@RateLimit on " + origin, what,
				"Tollgate limits HTTP requests, and only a @RateLimit on a Spring MVC handler method "
						+ "(@RequestMapping, @GetMapping, ...) or on its controller class applies",
				"a @PostMapping method of a @RestController");
	}

}
