package dev.tollgate.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the reference rate-limit policies: the auth API (default profile) and the
 * secrets API ({@code --spring.profiles.active=secrets-api}).
 */
@SpringBootApplication
public class TollgateSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(TollgateSampleApplication.class, args);
	}

}
