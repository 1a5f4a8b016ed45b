package dev.tollgate.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.tollgate.ManualClock;
import dev.tollgate.limiter.RateLimiter;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.rule.Exemption;
import dev.tollgate.rule.RateLimitRules;
import dev.tollgate.store.InMemoryBucketStore;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.ServletRequestPathUtils;

import static dev.tollgate.TestRules.route;
import static dev.tollgate.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTests {

	private final RateLimitRule login = rule("login", "2/1m", "/login");

	private final RejectionResponse rejection = new RejectionResponse(429, "application/json",
			"{\"limit\":\"{limit}\"}");

	private final RateLimitFilter filter = new RateLimitFilter(
			new LimitRequestFactory(new RateLimitRules(List.of(this.login), null,
					List.of(Exemption.fromAll(route(Set.of(), "/login/help")))), null),
			new RateLimiter(new InMemoryBucketStore(100, new ManualClock(Instant.EPOCH))),
			List.of(new Draft6HeaderWriter()), this.rejection, this.rejection);

	@Test
	void passesAllowedRequestsOnWithHeaders() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request("/login"), response, chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("1");
	}

	@Test
	void answersRejectedRequestsWithoutCallingTheChain() throws Exception {
		this.filter.doFilter(request("/login"), new MockHttpServletResponse(), new MockFilterChain());
		this.filter.doFilter(request("/login"), new MockHttpServletResponse(), new MockFilterChain());
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request("/login"), response, chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("60");
		assertThat(response.getContentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.getContentAsString()).isEqualTo("{\"limit\":\"login\"}");
	}

	@Test
	void unlimitedAndExemptRequestsGetNoHeaders() throws Exception {
		for (String path : List.of("/other", "/login/help")) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.filter.doFilter(request(path), response, new MockFilterChain());
			assertThat(response.getHeaderNames()).isEmpty();
		}
	}

	@Test
	void variantsOfThePathShareTheLimit() throws Exception {
		for (String uri : List.of("/login;jsessionid=1", "/l%6Fgin")) {
			this.filter.doFilter(request(uri), new MockHttpServletResponse(), new MockFilterChain());
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request("/login"), response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(429);
	}

	@Test
	void leavesNoParsedPathBehind() throws Exception {
		MockHttpServletRequest request = request("/login");
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(ServletRequestPathUtils.hasParsedRequestPath(request)).isFalse();
	}

	private static MockHttpServletRequest request(String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.addHeader("X-Key", "alice");
		return request;
	}

}
