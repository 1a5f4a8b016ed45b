package dev.tollgate.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionResponseTests {

	@Test
	void defaultBodyIsProblemDetails() {
		RejectionResponse response = new RejectionResponse(429, RejectionResponse.PROBLEM_CONTENT_TYPE,
				RejectionResponse.PROBLEM_TEMPLATE);
		assertThat(response.render("login", 7)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\","
				+ "\"status\":429,\"detail\":\"Rate limit 'login' exceeded, retry after 7 s\",\"limit\":\"login\","
				+ "\"retryAfter\":7}");
	}

	@Test
	void templateWithoutPlaceholdersIsVerbatim() {
		RejectionResponse response = new RejectionResponse(429, "application/json",
				"{ \"message\": \"Rate limit exceeded\" }");
		assertThat(response.render("api", 60)).isEqualTo("{ \"message\": \"Rate limit exceeded\" }");
	}

	@Test
	void placeholdersMayRepeatAndUnknownBracesStay() {
		RejectionResponse response = new RejectionResponse(503, "text/plain",
				"{status} {limit}/{limit} in {retry-after}s {other} ünïcode");
		assertThat(response.render("a", 3)).isEqualTo("503 a/a in 3s {other} ünïcode");
	}

}
