package dev.tollgate.reliability;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.tollgate.ForwardingBucketStore;
import dev.tollgate.ManualClock;
import dev.tollgate.ManualClockConfiguration;
import dev.tollgate.OverRealHttp;
import dev.tollgate.RawHttp.Response;
import dev.tollgate.rule.Bandwidths;
import dev.tollgate.rule.RateLimitRule;
import dev.tollgate.store.BucketStore;
import dev.tollgate.store.InMemoryBucketStore;
import dev.tollgate.store.TokenBucket;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store of the application's own that fails gets the documented answer, never a 500
 * and never a request lost silently: the failure policy answers (here: counting in
 * this instance's memory), and every failure is counted as an error.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tollgate.limits.stored.paths=/stored", "tollgate.limits.stored.rate=3/1m",
				"tollgate.store.on-failure=local" })
class StoreFaultTests extends OverRealHttp {

	@Autowired
	private FlakyStore store;

	@Autowired
	private MeterRegistry registry;

	@Test
	void failingStoreIsAnsweredByThePolicyAndCounted() throws Exception {
		this.store.failing.set(true);
		try {
			double errorsBefore = errors();
			for (int i = 0; i < 3; i++) {
				assertThat(this.http.get("/stored").status()).isEqualTo(200);
			}
			Response fourth = this.http.get("/stored");
			assertThat(fourth.status()).as("still limited, in this instance's memory").isEqualTo(429);
			assertThat(errors() - errorsBefore).isEqualTo(4);
		}
		finally {
			this.store.failing.set(false);
		}
	}

	private double errors() {
		return this.registry.get("tollgate.requests").tag("limit", "stored").tag("outcome", "error").counter().count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ManualClockConfiguration.class, Endpoints.class })
	static class TestApplication {


		@Bean
		FlakyStore flakyStore(ManualClock clock) {
			return new FlakyStore(new InMemoryBucketStore(100, clock));
		}

	}

	/**
	 * An application's own store that fails on demand.
	 */
	static final class FlakyStore extends ForwardingBucketStore {

		final AtomicBoolean failing = new AtomicBoolean();

		FlakyStore(BucketStore delegate) {
			super(delegate);
		}

		@Override
		public TokenBucket bucket(RateLimitRule rule, String key, Bandwidths bandwidths, long version) {
			if (this.failing.get()) {
				throw new IllegalStateException("store is down");
			}
			return this.delegate.bucket(rule, key, bandwidths, version);
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/stored")
		String ok() {
			return "ok";
		}

	}

}
