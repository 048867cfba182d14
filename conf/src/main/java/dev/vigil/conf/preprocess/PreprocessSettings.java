package dev.vigil.conf.preprocess;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the preprocessor needs from outside.
 *
 * @param configId the config id for {@code @ID} lines and {@code ${_INSTANCE}}; empty for none
 * @param environment the variables {@code ${_ENV NAME}} can read
 * @param randomSeed the seed of {@code ${_RANDOM}}, so a read can be repeated exactly
 * @param includeCheck the include checks in force at the start (keepalived's {@code -e}: all)
 * @param maxIncludeDepth how deeply includes may nest before the preprocessor refuses
 * @param maxGeneratedLines how many lines {@code ~SEQ}/{@code ~LST} copies and multi-line
 *     definitions may produce in one read before the preprocessor stops producing them
 */
public record PreprocessSettings(String configId, Map<String, String> environment, long randomSeed,
        Set<IncludeCheck> includeCheck, int maxIncludeDepth, int maxGeneratedLines) {

    public PreprocessSettings {
        Objects.requireNonNull(configId, "configId");
        environment = Map.copyOf(environment);
        includeCheck = includeCheck.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(includeCheck));
        if (maxIncludeDepth < 1 || maxGeneratedLines < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxIncludeDepth + ", " + maxGeneratedLines);
        }
    }
}
