package dev.vigil.conf.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as decimal seconds, the unit keepalived.conf uses ({@code advert_int 0.05}):
 * written as a JSON number, read from a number or a numeric string.
 */
final class DurationCodec {

    /** Nanoseconds have nine decimal digits. */
    private static final int NANO_DIGITS = 9;

    private DurationCodec() {
    }

    static final class Writer extends StdSerializer<Duration> {
        Writer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator out, SerializerProvider provider) throws IOException {
            BigDecimal seconds = BigDecimal.valueOf(value.getSeconds())
                    .add(BigDecimal.valueOf(value.getNano(), NANO_DIGITS)).stripTrailingZeros();
            out.writeNumber(seconds.scale() < 0 ? seconds.setScale(0) : seconds);
        }
    }

    static final class Reader extends StdDeserializer<Duration> {
        Reader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
            BigDecimal seconds;
            if (in.currentToken() == JsonToken.VALUE_NUMBER_INT || in.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                seconds = in.getDecimalValue();
            } else if (in.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    seconds = new BigDecimal(in.getText().trim());
                } catch (NumberFormatException e) {
                    return (Duration) context.handleWeirdStringValue(Duration.class, in.getText(),
                            "expected decimal seconds");
                }
            } else {
                return (Duration) context.handleUnexpectedToken(Duration.class, in);
            }
            if (seconds.signum() < 0) {
                return (Duration) context.handleWeirdNumberValue(Duration.class, seconds, "negative duration");
            }
            BigDecimal nanos = seconds.movePointRight(NANO_DIGITS).setScale(0, java.math.RoundingMode.HALF_UP);
            return Duration.ofNanos(nanos.longValueExact());
        }
    }
}
