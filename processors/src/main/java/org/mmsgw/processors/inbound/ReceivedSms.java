package org.mmsgw.processors.inbound;

import java.util.Objects;
import java.util.Optional;

/**
 * One deliver_sm from the SMSC (SMPP 3.4 §4.6.1), as the gateway's receiver hands it to the routes:
 * the fields the gateway reads, nothing mapped into headers.
 *
 * @param source             source_addr
 * @param sourceTon          source_addr_ton (1: international)
 * @param destination        destination_addr
 * @param esmClass           esm_class (0x04: SMSC delivery receipt; 0x40: UDHI)
 * @param dataCoding         data_coding
 * @param userData           message_payload when present, else short_message
 * @param receiptedMessageId the receipted_message_id TLV, if any
 * @param messageState       the message_state TLV, if any
 */
public record ReceivedSms(String source, int sourceTon, String destination, int esmClass, int dataCoding,
        byte[] userData, Optional<String> receiptedMessageId, Optional<Integer> messageState) {

    public ReceivedSms {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        userData = userData.clone();
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    /** esm_class message type 0x04: an SMSC delivery receipt (SMPP 3.4 §5.2.12). */
    public boolean isReceipt() {
        return (esmClass & 0x3C) == 0x04;
    }

    public boolean hasUserDataHeader() {
        return (esmClass & 0x40) != 0;
    }
}
