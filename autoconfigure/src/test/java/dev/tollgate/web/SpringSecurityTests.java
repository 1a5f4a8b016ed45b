package dev.tollgate.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security in front, over real HTTP. At the default filter order Tollgate
 * runs after authentication: a {@code principal} key counts each user apart, and
 * requests Spring Security turns away never reach a bucket. Ordered before Spring
 * Security, a limit counts every attempt by client IP, so guessing passwords meets a
 * 429. Runs in its own surefire execution, the only one with Spring Security on the
 * class path.
 */
@SpringBootTest(classes = SpringSecurityTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.api.paths=/api/**", "tollgate.limits.api.rate=3/1m",
				"tollgate.limits.api.key=principal" })
class SpringSecurityTests extends OverRealHttp {

	private static final String ALICE = basic("alice", "alice-password");

	private static final String BOB = basic("bob", "bob-password");

	private static final String WRONG_PASSWORD = basic("alice", "guess");

	@Test
	void eachAuthenticatedUserHasABucketOfTheirOwn() throws Exception {
		for (int remaining = 2; remaining >= 0; remaining--) {
			Response response = this.http.get("/api/me", ALICE);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("alice");
			assertThat(response.header("RateLimit")).isEqualTo("\"api\";r=" + remaining + ";t=60");
		}
		assertThat(this.http.get("/api/me", ALICE).status()).isEqualTo(429);
		Response bob = this.http.get("/api/me", BOB);
		assertThat(bob.status()).isEqualTo(200);
		assertThat(bob.header("RateLimit")).isEqualTo("\"api\";r=2;t=60");
	}

	@Test
	void requestsSpringSecurityRejectsNeverReachABucket() throws Exception {
		for (int i = 0; i < 5; i++) {
			Response rejected = this.http.get("/api/me", WRONG_PASSWORD);
			assertThat(rejected.status()).isEqualTo(401);
			assertThat(rejected.header("RateLimit")).isNull();
		}
		assertThat(this.http.get("/api/me").status()).isEqualTo(401);
		assertThat(this.http.get("/api/me", ALICE).header("RateLimit")).isEqualTo("\"api\";r=2;t=60");
	}

	@Nested
	@TestPropertySource(properties = { "tollgate.filter.order=-101", "tollgate.limits.api.key=ip" })
	class BeforeAuthentication {

		@Test
		void passwordGuessesAreCountedByClientIpUntilA429() throws Exception {
			for (int remaining = 2; remaining >= 0; remaining--) {
				Response guess = SpringSecurityTests.this.http.get("/api/me", WRONG_PASSWORD);
				assertThat(guess.status()).isEqualTo(401);
				assertThat(guess.header("RateLimit")).isEqualTo("\"api\";r=" + remaining + ";t=60");
			}
			Response blocked = SpringSecurityTests.this.http.get("/api/me", ALICE);
			assertThat(blocked.status()).as("turned away before the password is checked").isEqualTo(429);
			assertThat(blocked.body()).contains("\"limit\":\"api\"");
		}

	}

	private static String basic(String user, String password) {
		return "Authorization: Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Me.class })
	static class TestApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
					User.withUsername("bob").password("{noop}bob-password").roles("USER").build());
		}

	}

	@RestController
	static class Me {

		@GetMapping("/api/me")
		String me(java.security.Principal principal) {
			return principal.getName();
		}

	}

}
