package dev.tollgate.store.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WriteTagsTests {

	private final byte[] state = { 1, 2, 3 };

	@Test
	void aTaggedStateGivesBackTheState() {
		byte[] value = new WriteTags(7).tagged(this.state);
		assertThat(value).hasSize(3 + WriteTags.LENGTH).startsWith(1, 2, 3);
		assertThat(WriteTags.state(value)).containsExactly(1, 2, 3);
	}

	@Test
	void everyWriteOfTheSameStateIsTaggedApart() {
		WriteTags tags = new WriteTags(7);
		assertThat(tags.tagged(this.state)).isNotEqualTo(tags.tagged(this.state));
		assertThat(new WriteTags(8).tagged(this.state)).as("another instance's first write")
			.isNotEqualTo(new WriteTags(7).tagged(this.state));
	}

	@Test
	void aValueTooShortForATagWasNotWrittenByTollgate() {
		assertThatIllegalStateException().isThrownBy(() -> WriteTags.state(new byte[3]))
			.withMessageContaining("not written by Tollgate's Redis store");
	}

}
