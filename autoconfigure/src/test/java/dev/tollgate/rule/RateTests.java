package dev.tollgate.rule;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateTests {

	@Test
	void parsesCompactForms() {
		assertThat(Rate.parse("200/1m")).isEqualTo(new Rate(200, Duration.ofMinutes(1)));
		assertThat(Rate.parse("10/s")).isEqualTo(new Rate(10, Duration.ofSeconds(1)));
		assertThat(Rate.parse(" 1000 / 1h ")).isEqualTo(new Rate(1000, Duration.ofHours(1)));
		assertThat(Rate.parse("5/30s")).isEqualTo(new Rate(5, Duration.ofSeconds(30)));
		assertThat(Rate.parse("1/500ms")).isEqualTo(new Rate(1, Duration.ofMillis(500)));
		assertThat(Rate.parse("100/1d")).isEqualTo(new Rate(100, Duration.ofDays(1)));
		assertThat(Rate.parse("60/min")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
	}

	@Test
	void formatsAsWritten() {
		assertThat(Rate.parse("200/1m")).hasToString("200/1m");
		assertThat(Rate.parse("10/90s")).hasToString("10/90s");
		assertThat(Rate.parse("1/500ms")).hasToString("1/500ms");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "200", "200/", "/1m", "abc/1m", "200/1x", "0/1m", "-5/1m", "10/0s", "1.5/1m",
			"10/1m/2", "99999999999999999999/1m", "10/99999999999999999999s", "1000000000000/1m" })
	void rejectsInvalidRates(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.parse(text));
	}

}
