package dev.tollgate.autoconfigure;

import dev.tollgate.rule.InvalidRateLimitException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an invalid rate-limit definition at start-up: which property or
 * annotation, why, and a valid example.
 */
class InvalidRateLimitFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRateLimitException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRateLimitException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Update " + cause.getOrigin() + " to a valid value, for example: " + cause.getExample(), cause);
	}

}
