package org.mmsgw.processors.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.mmsgw.codec.sms.Gsm7;

/**
 * The text of an SMS user data by its data_coding (SMPP 3.4 §5.2.19, 3GPP TS 23.038 §4): 0 the SMSC
 * default alphabet, read as GSM 7-bit one septet an octet; 1 IA5 (ASCII); 3 Latin-1; 8 UCS-2, read as
 * UTF-16BE (an odd last octet is dropped); the 0xF0 group by its alphabet bit. Binary codings (2, 4)
 * and the rest are no text: empty.
 */
public final class SmsText {
    private SmsText() {
    }

    public static Optional<String> decode(int dataCoding, byte[] data) {
        int coding = (dataCoding & 0xF0) == 0xF0 ? ((dataCoding & 0x04) != 0 ? 4 : 0) : dataCoding;
        return switch (coding) {
            case 0 -> Optional.of(Gsm7.decode(data));
            case 1 -> Optional.of(new String(data, StandardCharsets.US_ASCII));
            case 3 -> Optional.of(new String(data, StandardCharsets.ISO_8859_1));
            case 8 -> Optional.of(new String(Arrays.copyOf(data, data.length & ~1), StandardCharsets.UTF_16BE));
            default -> Optional.empty();
        };
    }
}
