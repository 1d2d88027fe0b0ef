package dev.slipway.builder.logstream;

import dev.slipway.builder.config.RepositoryUrls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes secrets from text before it is logged anywhere: the given values (and their URL- and
 * Base64-encoded forms, as they appear in URLs and Basic auth headers) become {@code ***}, and
 * credentials inside URLs ({@code https://user:pass@host}) are dropped.
 */
public final class SecretMasker {

    public static final String MASK = "***";

    /** Shorter values would mask ordinary words; tokens and keys are far longer. */
    private static final int MIN_SECRET_LENGTH = 6;

    private final List<String> secrets;

    public SecretMasker(Iterable<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            all.add(value);
            all.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            all.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            all.add(
                    Base64.getEncoder()
                            .encodeToString(
                                    ("x-access-token:" + value).getBytes(StandardCharsets.UTF_8)));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> b.length() - a.length());
        this.secrets = List.copyOf(sorted);
    }

    /** {@link #mask}, and {@code null} for {@code null}. */
    public @Nullable String maskNullable(@Nullable String text) {
        return text == null ? null : mask(text);
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    /** {@code text} with the secrets and URL credentials removed. */
    public String mask(String text) {
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        if (result.indexOf('@') >= 0 && result.contains("://")) {
            result = RepositoryUrls.withoutCredentials(result);
        }
        return result;
    }
}
