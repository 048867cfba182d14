package dev.vigil.daemon.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyReaderTest {

    static List<SmtpReply> feedInChunks(String input, int chunk) {
        SmtpReplyReader reader = new SmtpReplyReader();
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<SmtpReply> replies = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            SmtpReplyReader.Result result = reader.feed(bytes, i, Math.min(chunk, bytes.length - i));
            assertFalse(result.overflow());
            replies.addAll(result.replies());
        }
        return replies;
    }

    @Test
    void multiLineRepliesGiveTheLastLinesCodeWhereverTheInputIsSplit() {
        String input = "250-mail.example.org Hello\r\n250-SIZE 1000\r\n250 HELP\r\n354 go ahead\r\n";
        int splits = 0;
        for (int chunk = 1; chunk <= input.length(); chunk++) {
            List<SmtpReply> replies = feedInChunks(input, chunk);
            assertEquals(2, replies.size(), "chunk " + chunk);
            assertEquals(250, replies.get(0).code());
            assertEquals(List.of("250-mail.example.org Hello", "250-SIZE 1000", "250 HELP"), replies.get(0).lines());
            assertEquals(354, replies.get(1).code());
            assertEquals("354 go ahead", replies.get(1).lastLine());
            splits++;
        }
        assertTrue(splits > 10);
    }

    @Test
    void aBareLfDoesNotEndALine() {
        assertEquals(List.of(), feedInChunks("220 hi\n", 100));
        List<SmtpReply> replies = feedInChunks("220 a\nb\r\n", 100);
        assertEquals(1, replies.size());
        assertEquals("220 a\nb", replies.getFirst().lastLine());
    }

    @Test
    void codesThatAreNotThreeDigitsAreMinusOne() {
        assertEquals(-1, feedInChunks("2x0 what\r\n", 100).getFirst().code());
        assertEquals(-1, feedInChunks("25\r\n", 100).getFirst().code());
        assertEquals(221, feedInChunks("221\r\n", 100).getFirst().code());
    }

    @Test
    void aLineLongerThanKeepalivedsBufferOverflows() {
        SmtpReplyReader reader = new SmtpReplyReader();
        byte[] line = ("250 " + "x".repeat(SmtpReplyReader.MAX_LINE_BYTES)).getBytes(StandardCharsets.US_ASCII);
        assertTrue(reader.feed(line, 0, line.length).overflow());
        SmtpReplyReader fits = new SmtpReplyReader();
        byte[] ok = ("250 " + "x".repeat(SmtpReplyReader.MAX_LINE_BYTES - 6) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        SmtpReplyReader.Result result = fits.feed(ok, 0, ok.length);
        assertFalse(result.overflow());
        assertEquals(1, result.replies().size());
    }
}
