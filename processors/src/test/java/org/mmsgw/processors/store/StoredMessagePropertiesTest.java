package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The state of a message as text: plain values are written as they are, the others escaped, all read back. */
class StoredMessagePropertiesTest {

    private static StoredMessage message(String sender, String address) {
        return new StoredMessage("id-1", sender, Instant.parse("2026-12-02T10:00:00Z"),
                Instant.parse("2026-12-05T10:00:00Z"), true, false, false, 1234,
                List.of(new Recipient(address, "tok", RecipientState.NOTIFIED),
                        new Recipient("b@example.net", "", RecipientState.PENDING)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+491701234567/TYPE=PLMN", "a b  c", " leading", "trailing ", "tab\there", "line\nbreak",
            "cr\rform\f", "back\\slash", "#!=:", "Grüße", "日本", "\u0000nul", "emoji \uD83D\uDE00", "", "\\u0041"})
    void readsBackWhatItWrote(String value) throws Exception {
        StoredMessage written = message(value, value);
        byte[] encoded = StoredMessageProperties.encode(written);
        assertEquals(written, StoredMessageProperties.decode(encoded, "test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+491701234567/TYPE=PLMN", "user@example.net", "a b", "x=y:z#!"})
    void plainValuesStandAsTheyAre(String value) {
        String text = new String(StoredMessageProperties.encode(message(value, value)), StandardCharsets.US_ASCII);
        assertTrue(text.contains("\nsender=" + value + "\n"), text);
        assertTrue(text.contains("\nrecipient.0.address=" + value + "\n"), text);
        assertTrue(text.contains("\nrecipient.1.token=\n"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading", "tab\there", "back\\slash", "Grüße"})
    void otherValuesAreEscaped(String value) {
        String text = new String(StoredMessageProperties.encode(message(value, value)), StandardCharsets.US_ASCII);
        assertTrue(!text.contains("sender=" + value + "\n"), text);
    }
}
