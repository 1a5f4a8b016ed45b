package dev.tollgate.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.tollgate.rule.ApplicableLimits.Candidate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * All limits of an application and the one engine that decides which apply to a
 * request, whether they came from configuration or annotations.
 * <ul>
 * <li>A request on a route exempt from every limit gets no limit at all.</li>
 * <li>Otherwise every named limit whose route matches applies (they stack), except
 * those the route is exempt from by name.</li>
 * <li>The default limit applies only when no named limit matches.</li>
 * <li>A route of an annotated handler may match only if Spring MVC chooses that
 * handler, on a path handlers told apart by more than path and method share, or that a
 * handler of another kind asked first (a functional endpoint) may take: which limits
 * apply there depends on the handler (see {@link ApplicableLimits}).</li>
 * </ul>
 */
public final class RateLimitRules {

	private final List<RateLimitRule> limits;

	private final @Nullable RateLimitRule defaultLimit;

	private final List<Exemption> exemptions;

	private final List<Exemption> partialExemptions;

	public RateLimitRules(List<RateLimitRule> limits, @Nullable RateLimitRule defaultLimit,
			List<Exemption> exemptions) {
		this.limits = List.copyOf(limits);
		this.defaultLimit = defaultLimit;
		this.exemptions = exemptions.stream().filter(Exemption::coversAll).toList();
		this.partialExemptions = exemptions.stream().filter((exemption) -> !exemption.coversAll()).toList();
	}

	/**
	 * The limits that apply to a request whose handler is not known: where it would
	 * matter, limits apply and exemptions do not.
	 * @param path the request's path within the application, as Spring MVC parsed it
	 * @param method the request's HTTP method
	 * @return the applicable limits, empty when none applies or the route is exempt
	 */
	public List<RateLimitRule> applicableTo(PathContainer path, String method) {
		return applicable(path, method).forHandler(null);
	}

	/**
	 * The limits that apply to requests of a path and method, in the order they were
	 * defined, or how they depend on the handler Spring MVC chooses.
	 * @param path the request's path within the application, as Spring MVC parsed it
	 * @param method the request's HTTP method
	 * @return the applicable limits
	 */
	public ApplicableLimits applicable(PathContainer path, String method) {
		return applicable(path, method, () -> false);
	}

	/**
	 * The limits that apply to requests of a path and method, in the order they were
	 * defined, or how they depend on the handler Spring MVC chooses.
	 * @param path the request's path within the application, as Spring MVC parsed it
	 * @param method the request's HTTP method
	 * @param takenFirst whether a handler of another kind than annotated controllers may
	 * take such requests first, so that an annotated limit or exemption applies only if
	 * Spring MVC hands the request to its handler; asked only where one matches
	 * @return the applicable limits
	 */
	public ApplicableLimits applicable(PathContainer path, String method, BooleanSupplier takenFirst) {
		TakenFirst byHandlerIfTakenFirst = new TakenFirst(takenFirst);
		RouteMatch exempt = RouteMatch.NONE;
		for (Exemption exemption : this.exemptions) {
			exempt = exempt.or(exemption.route().match(path, method));
		}
		exempt = byHandlerIfTakenFirst.apply(exempt);
		if (exempt.isSure()) {
			return ApplicableLimits.NONE;
		}
		boolean byHandler = exempt.dependsOnHandler();
		List<Candidate> candidates = new ArrayList<>(2);
		for (RateLimitRule limit : this.limits) {
			RouteMatch route = byHandlerIfTakenFirst.apply(limit.getRoute().match(path, method));
			if (route != RouteMatch.NONE) {
				RouteMatch exemptFromLimit = byHandlerIfTakenFirst.apply(exemptFrom(limit, path, method));
				if (!exemptFromLimit.isSure()) {
					candidates.add(new Candidate(limit, route, exemptFromLimit));
					byHandler |= route.dependsOnHandler() || exemptFromLimit.dependsOnHandler();
				}
			}
		}
		Candidate defaultCandidate = null;
		if (this.defaultLimit != null) {
			RouteMatch route = this.defaultLimit.getRoute().match(path, method);
			if (route != RouteMatch.NONE) {
				defaultCandidate = new Candidate(this.defaultLimit, route, RouteMatch.NONE);
				byHandler |= route.dependsOnHandler();
			}
		}
		if (byHandler) {
			return ApplicableLimits.byHandler(exempt, candidates, defaultCandidate);
		}
		if (!candidates.isEmpty()) {
			return ApplicableLimits.known(candidates.stream().map(Candidate::limit).toList());
		}
		return (defaultCandidate != null) ? ApplicableLimits.known(List.of(this.defaultLimit)) : ApplicableLimits.NONE;
	}

	/**
	 * Whether a handler of another kind may take a request first, asked once and only
	 * if an annotated limit or exemption matches it surely.
	 */
	private static final class TakenFirst {

		private final BooleanSupplier question;

		private @Nullable Boolean answer;

		TakenFirst(BooleanSupplier question) {
			this.question = question;
		}

		RouteMatch apply(RouteMatch match) {
			if (!match.isSurelyOfHandlers()) {
				return match;
			}
			if (this.answer == null) {
				this.answer = this.question.getAsBoolean();
			}
			return this.answer ? match.byHandler() : match;
		}

	}

	private RouteMatch exemptFrom(RateLimitRule limit, PathContainer path, String method) {
		RouteMatch exempt = RouteMatch.NONE;
		for (Exemption exemption : this.partialExemptions) {
			if (exemption.limits().contains(limit.getName())) {
				exempt = exempt.or(exemption.route().match(path, method));
			}
		}
		return exempt;
	}

	public List<RateLimitRule> getLimits() {
		return this.limits;
	}

	public @Nullable RateLimitRule getDefaultLimit() {
		return this.defaultLimit;
	}

	/**
	 * Every exemption, from all limits or from some.
	 * @return the exemptions
	 */
	public List<Exemption> getExemptions() {
		List<Exemption> all = new ArrayList<>(this.exemptions);
		all.addAll(this.partialExemptions);
		return all;
	}

}
