package dev.tollgate.annotation;

import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC's API versions: handlers of one path told apart by version each have
 * their own limits, as Spring MVC chooses between them for each request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.apiversion.use.header=X-API-Version", "spring.mvc.apiversion.default=1.0",
				"spring.mvc.apiversion.supported=1.0,2.0" })
class ApiVersionRateLimitTests extends OverRealHttp {

	@Test
	void eachVersionOfAPathCountsAgainstItsOwnHandlersLimit() throws Exception {
		for (int remaining = 2; remaining >= 0; remaining--) {
			Response v2 = this.http.get("/orders", "X-API-Version: 2.0");
			assertThat(v2.body()).isEqualTo("v2");
			assertThat(v2.header("RateLimit")).isEqualTo("\"orders-v2\";r=" + remaining + ";t=60");
		}
		Response v1 = this.http.get("/orders", "X-API-Version: 1.0");
		assertThat(v1.body()).isEqualTo("v1");
		assertThat(v1.header("RateLimit")).isEqualTo("\"orders-v1\";r=1;t=60");
		Response byDefault = this.http.get("/orders");
		assertThat(byDefault.body()).as("the default version").isEqualTo("v1");
		assertThat(byDefault.header("RateLimit")).isEqualTo("\"orders-v1\";r=0;t=60");
		assertThat(this.http.get("/orders", "X-API-Version: 2.0").status()).isEqualTo(429);
		assertThat(this.http.get("/orders", "X-API-Version: 1.0").status()).isEqualTo(429);
	}

	@Test
	void aVersionNoHandlerTakesCountsAgainstEveryLimitItMayHaveMet() throws Exception {
		Response unsupported = this.http.get("/orders", "X-API-Version: 9.0");
		assertThat(unsupported.status()).isEqualTo(400);
		assertThat(unsupported.header("RateLimit").split(", ")).containsExactlyInAnyOrder("\"orders-v1\";r=1;t=60",
				"\"orders-v2\";r=2;t=60");
		assertThat(this.http.get("/orders", "X-API-Version: 1.0").header("RateLimit"))
			.isEqualTo("\"orders-v1\";r=0;t=60");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, VersionedOrders.class })
	static class TestApplication {

	}

	@RestController
	static class VersionedOrders {

		@GetMapping(path = "/orders", version = "1.0")
		@RateLimit(name = "orders-v1", rate = "2/1m")
		String v1() {
			return "v1";
		}

		@GetMapping(path = "/orders", version = "2.0")
		@RateLimit(name = "orders-v2", rate = "3/1m")
		String v2() {
			return "v2";
		}

	}

}
