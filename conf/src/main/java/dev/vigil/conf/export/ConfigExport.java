package dev.vigil.conf.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.model.KeepalivedConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON and YAML forms of a bound {@link KeepalivedConfig}, for {@code -t} dumps, status
 * pages and operators who generate configurations. Field names are snake_case, fields keep
 * the record order, map entries are sorted, absent values are left out, and durations are
 * decimal seconds ({@code 1.5}). Reading accepts the same shapes and rejects unknown fields.
 *
 * <p>The mappers are configured once and never changed afterwards, so this class is
 * thread-safe.
 */
public final class ConfigExport {

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())).build();

    private ConfigExport() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        SimpleModule durations = new SimpleModule("vigil-durations")
                .addSerializer(Duration.class, new DurationCodec.Writer())
                .addDeserializer(Duration.class, new DurationCodec.Reader());
        return builder.addModule(new Jdk8Module())
                .addModule(durations)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                        JsonInclude.Include.NON_ABSENT))
                .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
                .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
                .withConfigOverride(Set.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)));
    }

    /** Pretty-printed JSON, ending with a newline. */
    public static String toJson(KeepalivedConfig config) {
        return write(JSON, config) + "\n";
    }

    /** Block-style YAML. */
    public static String toYaml(KeepalivedConfig config) {
        return write(YAML, config);
    }

    /** Reads JSON; on bad input adds an error at {@code source}'s line and column and returns empty. */
    public static Optional<KeepalivedConfig> fromJson(String text, String source, Diagnostics diagnostics) {
        return read(JSON, text, source, diagnostics);
    }

    /** Reads YAML; on bad input adds an error at {@code source}'s line and column and returns empty. */
    public static Optional<KeepalivedConfig> fromYaml(String text, String source, Diagnostics diagnostics) {
        return read(YAML, text, source, diagnostics);
    }

    private static String write(ObjectMapper mapper, KeepalivedConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            // Every model type has a serializer; failing here is a bug in this class, not bad input.
            throw new IllegalStateException("cannot serialise the configuration model", e);
        }
    }

    /** " (at a.b[2].c)" from a mapping exception's path, or "" when there is none. */
    private static String where(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return " (at " + path + ")";
    }

    private static Optional<KeepalivedConfig> read(ObjectMapper mapper, String text, String source,
                                                   Diagnostics diagnostics) {
        try {
            return Optional.of(mapper.readValue(text, KeepalivedConfig.class));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            diagnostics.fatal(SourcePosition.of(source, line, column), e.getOriginalMessage() + where(e));
            return Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            diagnostics.fatal(SourcePosition.of(source, 1, 1), "invalid configuration: " + e.getMessage());
            return Optional.empty();
        }
    }
}
