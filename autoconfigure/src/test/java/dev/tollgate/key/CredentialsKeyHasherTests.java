package dev.tollgate.key;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code Authorization} value is keyed by its credentials: every form of its scheme
 * that a server accepts shares one key, on the string's path and on the bytes'.
 */
class CredentialsKeyHasherTests {

	private final KeyHasher credentials = new CredentialsKeyHasher(new PathShowingKeyHasher());

	@Test
	void theSchemeInAnyCaseAndTheWhitespaceAfterItAreLeftOut() {
		for (String value : List.of("Bearer tok.en-1", "bearer tok.en-1", "BEARER tok.en-1", "Bearer  \t tok.en-1",
				"Bearer\ttok.en-1", "Bearer\u001ftok.en-1", "Token tok.en-1")) {
			assertThat(this.credentials.hash(value)).as(value).isEqualTo("string:tok.en-1");
			assertThat(hashBytes(value)).as(value).isEqualTo("bytes:tok.en-1");
		}
	}

	@Test
	void theCredentialsThemselvesAreKeptAsSent() {
		assertThat(this.credentials.hash("Bearer Tok.En-1")).isEqualTo("string:Tok.En-1");
		assertThat(this.credentials.hash("Digest username=\"a\", realm=\"b\""))
			.isEqualTo("string:username=\"a\", realm=\"b\"");
		assertThat(hashBytes("Digest username=\"a\",  realm=\"b\"")).isEqualTo("bytes:username=\"a\",  realm=\"b\"");
		assertThat(this.credentials.hash("Bearer caf\u00e9\u00a0")).isEqualTo("string:caf\u00e9\u00a0");
		assertThat(hashBytes("Bearer caf\u00e9\u00a0")).isEqualTo("bytes:caf\u00e9\u00a0");
	}

	@Test
	void aValueWithoutWhitespaceIsAllCredentials() {
		assertThat(this.credentials.hash("raw-api-key")).isEqualTo("string:raw-api-key");
		assertThat(hashBytes("raw-api-key")).isEqualTo("bytes:raw-api-key");
		assertThat(this.credentials.hash("Bearer")).isEqualTo("string:Bearer");
		assertThat(hashBytes("Bearer")).isEqualTo("bytes:Bearer");
	}

	@Test
	void theBytesAreReadOnlyWithinTheirRange() {
		byte[] line = "Authorization:Bearer tok-1\r\nX: y".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(this.credentials.hash(line, 14, 26)).isEqualTo("bytes:tok-1");
		assertThat(this.credentials.hash(line, 14, 20)).isEqualTo("bytes:Bearer");
	}

	@Test
	void aRealHasherGivesEitherPathTheSameKey() {
		KeyHasher hasher = new CredentialsKeyHasher(new SipHashKeyHasher());
		byte[] bytes = "bEaReR  tok-1".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(hasher.hash(bytes, 0, bytes.length)).isEqualTo(hasher.hash("Bearer tok-1"))
			.isNotEqualTo(hasher.hash("Bearer tok-2"));
	}

	@Test
	void onlyTheAuthorizationHeadersCarryCredentials() {
		assertThat(CredentialsKeyHasher.carriesCredentials("authorization")).isTrue();
		assertThat(CredentialsKeyHasher.carriesCredentials("PROXY-AUTHORIZATION")).isTrue();
		assertThat(CredentialsKeyHasher.carriesCredentials("X-Api-Key")).isFalse();
		assertThat(CredentialsKeyHasher.carriesCredentials("X-Authorization")).isFalse();
	}

	private String hashBytes(String value) {
		byte[] latin1 = ("X:" + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
		return this.credentials.hash(latin1, 2, latin1.length - 2);
	}

}
