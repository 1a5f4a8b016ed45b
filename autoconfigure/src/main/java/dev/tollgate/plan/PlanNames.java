package dev.tollgate.plan;

import java.util.Locale;

/**
 * How plan names compare: without case and surrounding space, so that a resolver
 * answering {@code " Paid"}, configuration naming {@code paid} and an operator typing
 * {@code PAID} all mean the same plan.
 */
public final class PlanNames {

	private PlanNames() {
	}

	/**
	 * The form a plan name is stored and looked up in.
	 * @param name a plan name as given
	 * @return the name trimmed and in lower case
	 */
	public static String canonical(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

}
