package dev.tollgate.annotation;

import java.util.List;
import java.util.Map;

import dev.tollgate.rule.LimitMode;
import dev.tollgate.rule.Refill;
import dev.tollgate.rule.RouteMatcher;

/**
 * A limit declared with {@link RateLimit @RateLimit}, with the routes of the handler
 * methods it is on, ready to be built into a rule.
 *
 * @param name the limit's name
 * @param rates the rates as written
 * @param key the key as written
 * @param cost the cost
 * @param refill the refill style
 * @param mode the mode
 * @param plans the plans by name: their rates, or empty for an unlimited plan
 * @param planResolver the plan resolver as written
 * @param declaredOn the class or method it was declared on, such as
 * {@code com.example.OrderController#create}
 * @param route the routes of the annotated handler methods
 */
public record AnnotatedLimit(String name, List<String> rates, String key, long cost, Refill refill, LimitMode mode,
		Map<String, List<String>> plans, String planResolver, String declaredOn, RouteMatcher route) {

	/**
	 * Where the limit was declared, for diagnostics.
	 * @return such as {@code @RateLimit(name = "orders") on com.example.OrderController#create}
	 */
	public String origin() {
		return "@RateLimit(name = \"" + this.name + "\") on " + this.declaredOn;
	}

	/**
	 * Where one attribute of the limit was declared, for error messages.
	 * @param attribute the attribute, such as {@code rate[0]}
	 * @return such as {@code @RateLimit(name = "orders").rate[0] on com.example.OrderController#create}
	 */
	public String originOf(String attribute) {
		return "@RateLimit(name = \"" + this.name + "\")." + attribute + " on " + this.declaredOn;
	}

	boolean sameDefinitionAs(AnnotatedLimit other) {
		return this.rates.equals(other.rates) && this.key.equals(other.key) && this.cost == other.cost
				&& this.refill == other.refill && this.mode == other.mode && this.plans.equals(other.plans)
				&& this.planResolver.equals(other.planResolver);
	}

}
