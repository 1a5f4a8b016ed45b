package dev.tollgate.limiter;

import dev.tollgate.rule.Plan;
import dev.tollgate.rule.RateLimitRule;

/**
 * One limit to apply to one request: the limit, the request's key under it, and the
 * plan (and configuration version) the key's bucket must follow.
 *
 * @param rule the limit
 * @param key the key, already resolved (and hashed where it may be a credential)
 * @param plan the plan, never unlimited
 * @param version the configuration version for shared stores: the newer of the plan's
 * configuration and the key's plan resolution
 * @param planned whether the limit has plans (so that the plan is shown)
 */
public record LimitRequest(RateLimitRule rule, String key, Plan plan, long version, boolean planned) {

	/**
	 * A limit applied with its own rates.
	 * @param rule the limit
	 * @param key the key
	 * @return the request
	 */
	public static LimitRequest of(RateLimitRule rule, String key) {
		Plan plan = rule.getDefaultPlan();
		return new LimitRequest(rule, key, plan, plan.getBandwidths().version(), false);
	}

}
