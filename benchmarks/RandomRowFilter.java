package dev.tollgate.sample;

import java.io.IOException;
import java.util.SplittableRandom;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the read of one row at random in a table the size of a million keys' costs an
 * application without Tollgate, over HTTP: a filter that reads the 7 numbers of a row
 * at the place of the request's {@code X-Api-Key}, and writes two of them, as the
 * in-memory store's decision does (without its lock). {@code touch.rows} (a power of
 * two, 1024 by default: 56 KB, which the caches hold) sets the table's rows;
 * {@code --touch.rows=2097152} gives the million's 117 MB. Not part of the build: copy
 * it into the sample app for a throwaway jar, as run 92 of benchmarks/RUNS.md did (it
 * ran this class as {@code TouchFilter}):
 *
 * <pre>
 * cp benchmarks/RandomRowFilter.java sample-app/src/main/java/dev/tollgate/sample/
 * ./mvnw -B -q -pl sample-app -am package -DskipTests
 * CONTROL=1 ENABLED_ARGS="--touch.rows=2097152" FORKS=4 benchmarks/load.sh --many-keys
 * </pre>
 */
@Component
public class RandomRowFilter implements Filter {

	private final long[] rows;

	private final int shift;

	public RandomRowFilter(@Value("${touch.rows:1024}") int rowCount) {
		this.rows = new SplittableRandom(1).longs((long) rowCount * 7).toArray();
		this.shift = 64 - Integer.numberOfTrailingZeros(rowCount);
		System.out.println("touch rows: " + rowCount + " (" + (this.rows.length * 8L >> 10) + " KiB)");
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String key = ((HttpServletRequest) request).getHeader("X-Api-Key");
		if (key != null) {
			// Fibonacci hashing: the 1,000,000 keys of benchmarks/many-keys.lua land on
			// 713,134 rows, on every page of the table
			int row = (int) ((key.hashCode() * 0x9E3779B97F4A7C15L) >>> this.shift) * 7;
			long[] rows = this.rows;
			long sum = 0;
			for (int i = 0; i < 7; i++) {
				sum += rows[row + i];
			}
			rows[row + 2] = System.nanoTime();
			rows[row + 5] = sum;
		}
		chain.doFilter(request, response);
	}

}
