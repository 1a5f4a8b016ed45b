package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.method.HandlerMethod;

/**
 * The limits that apply to requests of one path and method. On almost every path they
 * are known from the path and method alone; on a path that handlers told apart by more
 * than that share, they depend on the handler Spring MVC chooses for each request.
 */
public final class ApplicableLimits {

	static final ApplicableLimits NONE = new ApplicableLimits(List.of(), null);

	private final List<RateLimitRule> known;

	private final @Nullable ByHandler byHandler;

	private ApplicableLimits(List<RateLimitRule> known, @Nullable ByHandler byHandler) {
		this.known = known;
		this.byHandler = byHandler;
	}

	/**
	 * Limits known from the path and method alone.
	 * @param limits the limits
	 * @return the applicable limits
	 */
	static ApplicableLimits known(List<RateLimitRule> limits) {
		return limits.isEmpty() ? NONE : new ApplicableLimits(limits, null);
	}

	/**
	 * Limits that depend on the handler.
	 * @param exempt where the request is exempt from every limit
	 * @param candidates the named limits that may apply, in order
	 * @param defaultLimit the default limit if it may apply
	 * @return the applicable limits
	 */
	static ApplicableLimits byHandler(RouteMatch exempt, List<Candidate> candidates,
			@Nullable Candidate defaultLimit) {
		return new ApplicableLimits(List.of(), new ByHandler(exempt, List.copyOf(candidates), defaultLimit, List.of()));
	}

	/**
	 * Whether which limits apply depends on the handler Spring MVC chooses, so that it
	 * must be asked for before {@link #forHandler}.
	 * @return {@code true} on a path handlers share that Spring MVC tells apart by more
	 * than path and method
	 */
	public boolean dependsOnHandler() {
		return this.byHandler != null;
	}

	/**
	 * The limits that apply to a request.
	 * @param handler the handler Spring MVC chose for it, of any kind (a
	 * {@link HandlerMethod} for an annotated controller), or {@code null} if not known;
	 * then, where it would matter, limits apply and exemptions do not
	 * @return the limits, in the order they were defined
	 */
	public List<RateLimitRule> forHandler(@Nullable Object handler) {
		return (this.byHandler != null) ? this.byHandler.forHandler(handler) : this.known;
	}

	/**
	 * These limits and some more.
	 * @param more limits that apply too
	 * @return both, each limit once
	 */
	public ApplicableLimits with(List<RateLimitRule> more) {
		if (this.byHandler != null) {
			ByHandler current = this.byHandler;
			return new ApplicableLimits(List.of(), new ByHandler(current.exempt(), current.candidates(),
					current.defaultLimit(), union(current.also(), more)));
		}
		return this.known.containsAll(more) ? this : new ApplicableLimits(union(this.known, more), null);
	}

	private static List<RateLimitRule> union(List<RateLimitRule> first, List<RateLimitRule> second) {
		if (first.containsAll(second)) {
			return first;
		}
		Set<RateLimitRule> both = new LinkedHashSet<>(first);
		both.addAll(second);
		return List.copyOf(both);
	}

	/**
	 * A limit whose route matches, and where the request is exempt from it.
	 */
	record Candidate(RateLimitRule limit, RouteMatch route, RouteMatch exempt) {

		boolean appliesTo(@Nullable Object handler) {
			return this.route.covers(handler, true) && !this.exempt.covers(handler, false);
		}

	}

	private record ByHandler(RouteMatch exempt, List<Candidate> candidates, @Nullable Candidate defaultLimit,
			List<RateLimitRule> also) {

		List<RateLimitRule> forHandler(@Nullable Object handler) {
			List<RateLimitRule> applicable = new ArrayList<>(2);
			if (!this.exempt.covers(handler, false)) {
				for (Candidate candidate : this.candidates) {
					if (candidate.appliesTo(handler)) {
						applicable.add(candidate.limit());
					}
				}
				if (applicable.isEmpty() && this.defaultLimit != null && this.defaultLimit.appliesTo(handler)) {
					applicable.add(this.defaultLimit.limit());
				}
			}
			return union(List.copyOf(applicable), this.also);
		}

	}

}
